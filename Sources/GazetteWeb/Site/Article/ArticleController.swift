import Foundation
import GazetteCore
import Hummingbird

/// The article page: the story, Read next and the discussion, the same bytes for every
/// reader (from the page cache) unless the page shows something of the reader's own; an old
/// slug redirects.
struct ArticleController: Sendable {
    typealias Context = GazetteRequestContext
    let stories: StoryService
    let articles: ArticleRenderer

    func addRoutes(to router: Router<Context>) {
        router.get(Route.article.routerPath, use: article)
    }

    /// A renamed story, found while rendering.
    private struct Moved: Error {
        var slug: String
    }

    @Sendable func article(_ request: Request, context: Context) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let stories = self.stories
        func story() async throws -> Story {
            switch try await stories.published(slug: slug) {
            case .story(let found): return found
            case .movedTo(let slug): throw Moved(slug: slug)
            }
        }
        do {
            if PageServer.isPersonal(request) {
                return try await articles.personalPage(story: try await story(), request: request)
            }
            return try await articles.server.shared(request, key: PageServer.key(request, reading: ArticleRenderer.sharedQuery), slot: articles.formToken) {
                try await articles.render(story: try await story(), request: request)
            }
        } catch let moved as Moved {
            return Response(status: .movedPermanently, headers: [.location: SiteURL.article(slug: moved.slug).path])
        }
    }
}
