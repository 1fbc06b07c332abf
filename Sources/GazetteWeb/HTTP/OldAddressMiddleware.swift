import Foundation
import GazetteCore
import Hummingbird

/// Addresses imported stories had on the old site (`/2024/05/old-slug/`, WordPress's
/// `/?p=12`) answer `301` to the story's page. Only requests nothing else answered are looked
/// up, so no route pays for it.
struct OldAddressMiddleware<Context: RequestContext>: RouterMiddleware {
    let stories: StoryService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .get || request.method == .head else { return try await next(request, context) }
        // WordPress's own short links point at the front page, which would answer them.
        if request.uri.path == Route.home.rawValue, let id = request.uri.queryParameters.get("p") ?? request.uri.queryParameters.get("page_id"),
           let slug = try await stories.slug(forOldPath: "/?p=\(id)") {
            return Self.redirect(slug)
        }
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            guard let slug = try await stories.slug(forOldPath: request.uri.string) else { throw error }
            return Self.redirect(slug)
        }
    }

    static func redirect(_ slug: String) -> Response {
        Response(status: .movedPermanently, headers: [.location: SiteURL.article(slug: slug).path])
    }
}
