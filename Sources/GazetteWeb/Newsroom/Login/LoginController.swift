import Foundation
import GazetteCore
import GazetteStore
import Hummingbird

struct LoginPage {
    var nr: NewsroomLayout
    var loginURL: String
    var csrf: String
    var email: String
    var next: String
    var hasError: Bool
    var error: String
    var noUsers: Bool
}

/// Log-in and log-out of the newsroom.
struct LoginController: Sendable {
    typealias Context = GazetteRequestContext
    let accounts: AccountService
    let pages: NewsroomPages
    let secureCookies: Bool
    let trustedProxies: Set<String>

    struct LoginForm: Decodable {
        var _csrf: String?
        var email: String?
        var password: String?
        var next: String?
    }

    func addRoutes(to group: RouterGroup<Context>) {
        group.get(Route.newsroomLogin.routerPath, use: loginForm)
        group.post(Route.newsroomLogin.routerPath, use: logIn)
        group.post(Route.newsroomLogout.routerPath, use: logOut)
    }

    @Sendable func loginForm(_ request: Request, context: Context) async throws -> Response {
        if context.identity != nil { return .seeOther(SiteURL.newsroom().path) }
        return try await loginPage(request: request, email: "", error: nil, status: .ok)
    }

    private func loginPage(request: Request, email: String, error: String?, status: HTTPResponse.Status) async throws -> Response {
        let csrf = Secrets.token()
        let page = LoginPage(
            nr: pages.layout(title: "Log in", identity: nil, request: request), loginURL: SiteURL.newsroomLogin().path,
            csrf: csrf, email: email, next: SiteURL.safeNewsroomNext(request.uri.queryParameters.get("next")),
            hasError: error != nil, error: error ?? "", noUsers: try await !accounts.hasUsers()
        )
        var response = try pages.render(page, "nr-login", status: status).response
        response.setCookie(Cookie(
            name: NewsroomCookie.loginCSRF, value: csrf, path: Route.newsroomPrefix, secure: secureCookies, httpOnly: true, sameSite: .strict
        ))
        return response
    }

    @Sendable func logIn(_ request: Request, context: Context) async throws -> Response {
        let form = try await FormBody.decode(LoginForm.self, from: request)
        // Before a session exists the token is a cookie paired with a form field.
        guard let cookie = request.cookies[NewsroomCookie.loginCSRF]?.value, let sent = form._csrf, Secrets.equal(cookie, sent) else {
            throw CSRFRejected()
        }
        let email = form.email ?? ""
        do {
            let token = try await accounts.logIn(
                email: email, password: form.password ?? "", client: context.limitKey(request, trustedProxies: trustedProxies)
            )
            var response = Response.seeOther(SiteURL.safeNewsroomNext(form.next))
            response.setCookie(sessionCookie(token, maxAge: Int(accounts.sessionLifetime)))
            return response
        } catch let error as NewsroomError {
            switch error {
            case .tooManyAttempts:
                var response = try await loginPage(request: request, email: email, error: error.message, status: .tooManyRequests)
                for field in error.problem.headers { response.headers.append(field) }
                return response
            default:
                // Unknown e-mail and wrong password read the same.
                return try await loginPage(request: request, email: email, error: NewsroomError.invalidCredentials.message, status: .unauthorized)
            }
        }
    }

    @Sendable func logOut(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.require("log out")
        _ = try await identity.decode(EmptyForm.self, request)
        try await accounts.logOut(token: identity.token)
        var response = Response.seeOther(SiteURL.newsroomLogin(notice: .loggedOut).path)
        response.setCookie(sessionCookie("", maxAge: 0))
        return response
    }

    private func sessionCookie(_ token: String, maxAge: Int) -> Cookie {
        Cookie(name: NewsroomCookie.session, value: token, maxAge: maxAge, path: Route.home.rawValue, secure: secureCookies, httpOnly: true, sameSite: .lax)
    }
}
