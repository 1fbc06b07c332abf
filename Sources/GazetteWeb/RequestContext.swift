import Foundation
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

extension GazetteRequestContext {
    /// A UUID route parameter; anything else is a missing `what` (404).
    func uuid(_ parameter: String, _ what: String) throws -> UUID {
        guard let id = parameters.get(parameter).flatMap(UUID.init(uuidString:)) else { throw ContentError.notFound(what) }
        return id
    }
}
