import Hummingbird

/// Answers `HEAD` like `GET` without the body, for monitors and crawlers. The router only
/// knows GET routes, so the method is rewritten before routing, not in a middleware.
struct HeadResponder<Inner: HTTPResponder>: HTTPResponder {
    typealias Context = Inner.Context
    let inner: Inner

    func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .head else { return try await inner.respond(to: request, context: context) }
        var head = request.head
        head.method = .get
        let response = try await inner.respond(to: Request(head: head, body: request.body), context: context)
        return Response(status: response.status, headers: response.headers, body: .init())
    }
}
