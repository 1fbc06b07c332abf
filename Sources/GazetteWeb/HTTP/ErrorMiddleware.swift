import Foundation
import GazetteCore
import Hummingbird
import Logging

/// Turns every error into a response a person can read: the error's `Problem` as a themed
/// HTML page, or under `/api/` as RFC 9457 `application/problem+json`. Internal error text
/// goes to the log, never to the client.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let pages: PageBuilder

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch is LoginRequired {
            let next = request.method == .get ? request.uri.string : SiteURL.newsroom().path
            return .seeOther(SiteURL.newsroomLogin(next: next).path)
        } catch {
            let problem = Problem.from(error)
            if problem.status == .internalServerError {
                context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(String(reflecting: error))"])
            }
            var response = SiteURL.isAPI(request.uri.path) ? try Self.json(problem) : errorPage(problem).response
            for field in problem.headers { response.headers.append(field) }
            return response
        }
    }

    static func json(_ problem: Problem) throws -> Response {
        let data = try JSONResponse.encoder.encode(problem.body)
        return Response(
            status: problem.status,
            headers: [.contentType: "application/problem+json"],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }

    func errorPage(_ problem: Problem) -> HTML {
        let page = ErrorPage(
            layout: pages.layout(title: problem.title, canonical: .home()),
            status: Int(problem.status.code), title: problem.title, message: problem.detail
        )
        // If the theme itself fails there is still a readable page.
        let html = (try? pages.theme.render(page, template: "error"))
            ?? "<!doctype html><title>\(problem.status.code)</title><p>\(HTMLText.escape(problem.detail))</p>"
        return HTML(body: html, status: problem.status)
    }
}
