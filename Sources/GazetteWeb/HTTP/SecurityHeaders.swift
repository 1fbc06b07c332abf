import Hummingbird
import HTTPTypes

/// Headers every response carries, errors included: a strict Content-Security-Policy (no
/// inline script or style anywhere: the theme's CSS and the newsroom's script are files),
/// `nosniff`, a referrer policy, HSTS when the public address is https, and
/// `Cache-Control: private, no-store` on anything personal — newsroom and Admin API answers,
/// and any response that sets a cookie.
struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
    /// Whether to send `Strict-Transport-Security` (the site is served over https).
    let https: Bool

    static var publicPolicy: String { ContentPolicy.publicPolicy }
    static var newsroomPolicy: String { ContentPolicy.newsroomPolicy }

    /// What every public page carries; the page cache puts these into its pages once, so a
    /// page served from memory is not rewritten here.
    static func publicHeaders(https: Bool) -> HTTPFields {
        var headers: HTTPFields = [
            .contentSecurityPolicy: publicPolicy, .xContentTypeOptions: "nosniff", .referrerPolicy: "strict-origin-when-cross-origin",
        ]
        if https { headers[.strictTransportSecurity] = "max-age=31536000" }
        return headers
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        if response.headers[.gazetteCache] != nil { return response }
        let path = request.uri.path
        let newsroom = SiteURL.isNewsroom(path) || SiteURL.isAdminAPI(path)
        response.headers[.contentSecurityPolicy] = newsroom ? Self.newsroomPolicy : Self.publicPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "strict-origin-when-cross-origin"
        if newsroom { response.headers[.xFrameOptions] = "DENY" }
        if https { response.headers[.strictTransportSecurity] = "max-age=31536000" }
        if newsroom || response.headers[.setCookie] != nil {
            response.headers[.cacheControl] = "private, no-store"
        }
        return response
    }
}

/// The policies, made once (a generic type cannot hold them).
enum ContentPolicy {
    static func policy(framing: String) -> String {
        [
            "default-src 'self'", "script-src 'self'", "style-src 'self'",
            // Story bodies may show images from other https sites; nothing else loads from elsewhere.
            "img-src 'self' https: data:", "object-src 'none'", "base-uri 'none'", "form-action 'self'",
            "frame-ancestors \(framing)",
        ].joined(separator: "; ")
    }

    static let publicPolicy = policy(framing: "'self'")
    static let newsroomPolicy = policy(framing: "'none'")
}

extension HTTPField.Name {
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
}
