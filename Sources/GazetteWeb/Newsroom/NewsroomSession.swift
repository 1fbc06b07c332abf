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
    let accounts: AccountService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let token = request.cookies[NewsroomCookie.session]?.value, !token.isEmpty,
           let session = try await accounts.session(token: token) {
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
    /// Reads a posted form into its request struct and checks its CSRF token against the session's.
    func decode<Form: CSRFProtectedForm>(_ type: Form.Type, _ request: Request, repeated: Set<String> = []) async throws -> Form {
        let form = try await FormBody.decode(Form.self, from: request, repeated: repeated)
        guard let sent = form._csrf, Secrets.equal(sent, csrfToken) else { throw CSRFRejected() }
        return form
    }
}

/// A form whose only field is the CSRF token (log out, take over, renew the lock).
struct EmptyForm: CSRFProtectedForm {
    var _csrf: String?
}
