import Foundation
import GazetteStore
import Hummingbird

/// In front of everything: decides whether a request may read from the read replica, and
/// keeps a reader who just wrote on the primary. Only public page reads by someone without a
/// write of their own in the last few seconds go to the replica; the newsroom, the Admin
/// API, every write and every personal page (`PageServer.isPersonal`: an edit cookie, the
/// notice after one's own post, or this responder's `gazette_wrote` cookie) read the primary.
struct ReadRoutingResponder<Inner: HTTPResponder>: HTTPResponder {
    typealias Context = Inner.Context
    let inner: Inner
    /// Whether a replica is configured; without one nothing changes.
    let replica: Bool
    let readOwnWritesSeconds: Int
    let secureCookies: Bool

    func respond(to request: Request, context: Context) async throws -> Response {
        guard replica else { return try await inner.respond(to: request, context: context) }
        let path = request.uri.path
        let staff = SiteURL.isNewsroom(path) || SiteURL.isAdminAPI(path)
        if request.method == .get || request.method == .head {
            guard !staff, !PageServer.isPersonal(request) else { return try await inner.respond(to: request, context: context) }
            return try await Store.$readsFromReplica.withValue(true) { try await inner.respond(to: request, context: context) }
        }
        var response = try await inner.respond(to: request, context: context)
        if !staff, response.status.code < 400, readOwnWritesSeconds > 0 {
            let cookie = Cookie(
                name: ReadRouting.cookieName, value: "1", maxAge: readOwnWritesSeconds, path: Route.home.rawValue, secure: secureCookies, httpOnly: true, sameSite: .lax
            )
            response.setCookie(cookie)
        }
        return response
    }
}

enum ReadRouting {
    /// Set for a few seconds after a reader's write, while a replica may not show it yet.
    static let cookieName = "gazette_wrote"
}
