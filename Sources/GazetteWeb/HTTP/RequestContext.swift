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
    /// The address limits and throttles count by: the client behind the site's own proxies,
    /// an IPv6 client by its /64.
    func limitKey(_ request: Request, trustedProxies: Set<String>) -> String {
        ClientAddress.limitKey(peer: clientAddress, forwardedFor: request.headers[.xForwardedFor], trustedProxies: trustedProxies)
    }

    /// The keyed hash of that address, as the discussion stores and limits it.
    func commentClientHash(_ request: Request, _ comments: CommentService) -> String {
        comments.clientHash(peer: clientAddress, forwardedFor: request.headers[.xForwardedFor])
    }

    /// A UUID route parameter; anything else is a missing `what` (404).
    func uuid(_ parameter: String, _ what: String) throws -> UUID {
        guard let id = parameters.get(parameter).flatMap(UUID.init(uuidString:)) else { throw ContentError.notFound(what) }
        return id
    }
}
