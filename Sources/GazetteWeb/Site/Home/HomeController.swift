import Foundation
import GazetteCore
import Hummingbird

/// The front page, and the theme's assets.
struct HomeController: Sendable {
    typealias Context = GazetteRequestContext
    let stories: StoryService
    let pages: PageBuilder
    let server: PageServer

    func addRoutes(to router: Router<Context>) {
        router.get(Route.home.routerPath, use: home)
        router.get(Route.asset.routerPath) { request, context in
            try pages.theme.assetResponse(try context.parameters.require("file"), request: request)
        }
    }

    @Sendable func home(_ request: Request, context: Context) async throws -> Response {
        let pageRequest = try pages.pageParameter(request)
        return try await server.shared(request, key: PageServer.key(request, reading: ["page"])) {
            try await page(pageRequest)
        }
    }

    private func page(_ pageRequest: PageQuery) async throws -> PublicDocument {
        let front = try await stories.front(pageRequest)
        try PageBuilder.requireExisting(front.stories)
        let model = HomePage(
            layout: pages.layout(title: nil, canonical: .home(page: pageRequest.page), meta: PageMeta(kind: .home)),
            breaking: front.breaking.map(pages.item),
            top: front.top.map { pages.item($0, photoSizes: PageBuilder.topStorySizes, lazy: false) },
            stories: front.stories.items.filter { $0.id != front.top?.id }.map(pages.item),
            pagination: pages.pagination(front.stories) { SiteURL.home(page: $0).path },
            isEmpty: front.stories.total == 0
        )
        let shown = front.stories.items + [front.top, front.breaking].compactMap { $0 }
        return pages.document(try pages.theme.render(model, template: "home"), listing: shown, in: [.latest])
    }
}
