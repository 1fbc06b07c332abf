import Foundation
import GazetteCore
import Hummingbird

/// The article page: the story, Read next and the discussion; an old slug redirects.
struct ArticleController: Sendable {
    typealias Context = GazetteRequestContext
    let stories: StoryService
    let articles: ArticleRenderer
    let secureCookies: Bool

    func addRoutes(to router: Router<Context>) {
        router.get(Route.article.routerPath, use: article)
    }

    @Sendable func article(_ request: Request, context: Context) async throws -> Response {
        let story: Story
        switch try await stories.published(slug: try context.parameters.require("slug")) {
        case .story(let found): story = found
        case .movedTo(let slug): return Response(status: .movedPermanently, headers: [.location: SiteURL.article(slug: slug).path])
        }
        let reader = articles.reader(request)
        var response = try await articles.render(story: story, request: request, reader: reader.id).response
        if reader.isNew { response.setCookie(ArticleRenderer.readerCookie(reader.id, secure: secureCookies)) }
        // The comment form carries a token signed for this request.
        response.headers[.cacheControl] = "private, no-store"
        return response
    }
}
