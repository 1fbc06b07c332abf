import Foundation
import GazetteCore
import GazetteStore
import Hummingbird

/// Cookie names of the newsroom.
enum NewsroomCookie {
    static let session = "gazette_session"
    /// The log-in form's CSRF token, before there is a session to hold one.
    static let loginCSRF = "gazette_login_csrf"
}

/// A newsroom page was asked for without a session: the error middleware sends the browser
/// to the log-in page.
struct LoginRequired: Error {}

/// A state-changing form came without the right CSRF token.
struct CSRFRejected: Error {}

/// Finds the session of a newsroom request and puts the person into the context.
struct NewsroomSessionMiddleware: RouterMiddleware {
    typealias Context = GazetteRequestContext
    let store: Store
    let now: @Sendable () -> Date

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let token = request.cookies[NewsroomCookie.session]?.value, !token.isEmpty,
           let session = try await store.users.session(token: token, now: now()) {
            context.identity = Identity(user: session.user, token: token, csrfToken: session.csrfToken)
        }
        // Newsroom pages are private and change with every save: `SecurityHeaders` marks
        // every newsroom answer `private, no-store`.
        return try await next(request, context)
    }
}

extension GazetteRequestContext {
    /// The logged-in person, if their role passes `allowed`; otherwise log-in or 403.
    func require(_ what: String, _ allowed: (Role) -> Bool = { _ in true }) throws -> Identity {
        guard let identity else { throw LoginRequired() }
        guard allowed(identity.user.role) else { throw NewsroomError.forbidden(what) }
        return identity
    }
}

extension Identity {
    /// Reads a posted form and checks its CSRF token against the session's.
    func form(_ request: Request) async throws -> FormData {
        let form = try await FormData.read(request)
        guard let sent = form["_csrf"], Secrets.equal(sent, csrfToken) else { throw CSRFRejected() }
        return form
    }
}
