import GazetteCore
import GazetteStore
import Hummingbird

/// The request context of every route.
public struct GazetteRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer's address as the connection reports it.
    public let clientAddress: String
    /// The logged-in newsroom person and their session, set by `NewsroomSessionMiddleware`.
    var identity: Identity?

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }
}

/// A newsroom session as the routes see it.
struct Identity: Sendable {
    var user: NewsroomUser
    var token: String
    var csrfToken: String

    var actor: NewsroomActor { NewsroomActor(user) }
}
