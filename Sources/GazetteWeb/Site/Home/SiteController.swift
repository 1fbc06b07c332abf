import Foundation
import GazetteCore
import Hummingbird

/// The pages readers see: home, article, rubric, tag and author lists, and the theme's assets.
struct SiteController: Sendable {
    typealias Context = GazetteRequestContext
    let stories: StoryService
    let pages: PageBuilder
    let articles: ArticleRenderer
    let secureCookies: Bool

    func addRoutes(to router: Router<Context>) {
        router.get(Route.home.routerPath, use: home)
        router.get(Route.article.routerPath, use: article)
        router.get(Route.rubric.routerPath, use: rubric)
        router.get(Route.tag.routerPath, use: tag)
        router.get(Route.author.routerPath, use: author)
        router.get(Route.asset.routerPath) { request, context in
            try pages.theme.assetResponse(try context.parameters.require("file"), request: request)
        }
    }

    @Sendable func home(_ request: Request, context: Context) async throws -> HTML {
        let pageRequest = try pageParameter(request)
        let front = try await stories.front(pageRequest)
        try requireExisting(front.stories)
        let model = HomePage(
            layout: pages.layout(title: nil, canonical: .home(page: pageRequest.page)),
            breaking: front.breaking.map(pages.item),
            top: front.top.map(pages.item),
            stories: front.stories.items.filter { $0.id != front.top?.id }.map(pages.item),
            pagination: pages.pagination(front.stories) { SiteURL.home(page: $0).path },
            isEmpty: front.stories.total == 0
        )
        return HTML(body: try pages.theme.render(model, template: "home"))
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

    @Sendable func rubric(_ request: Request, context: Context) async throws -> HTML {
        let slug = try context.parameters.require("slug")
        let (rubric, page) = try await stories.rubric(slug: slug, page: try pageParameter(request))
        return try list(kind: "Rubric", heading: rubric.label, page: page) { .rubric(slug: slug, page: $0) }
    }

    @Sendable func tag(_ request: Request, context: Context) async throws -> HTML {
        let slug = try context.parameters.require("slug")
        let (tag, page) = try await stories.tag(slug: slug, page: try pageParameter(request))
        return try list(kind: "Tag", heading: tag.name, page: page) { .tag(slug: slug, page: $0) }
    }

    @Sendable func author(_ request: Request, context: Context) async throws -> HTML {
        let slug = try context.parameters.require("slug")
        let (author, page) = try await stories.author(slug: slug, page: try pageParameter(request))
        return try list(kind: "Author", heading: author.name, intro: author.bio, page: page) { .author(slug: slug, page: $0) }
    }

    private func list(kind: String, heading: String, intro: String = "", page: PagedList<StorySummary>, url: (Int) -> SiteURL) throws -> HTML {
        try requireExisting(page)
        let model = ListPage(
            layout: pages.layout(title: heading, canonical: url(page.request.page)),
            kind: kind,
            heading: heading,
            hasIntro: !intro.isEmpty,
            intro: intro,
            stories: page.items.map(pages.item),
            pagination: pages.pagination(page) { url($0).path },
            isEmpty: page.total == 0
        )
        return HTML(body: try pages.theme.render(model, template: "list"))
    }

    private func pageParameter(_ request: Request) throws -> PageQuery {
        try PageQuery.parse(page: request.uri.queryParameters.get("page"), limit: nil, defaultLimit: pages.site.pageSize)
    }

    /// A page number past the end is a missing page, as on any site.
    private func requireExisting<T>(_ page: PagedList<T>) throws {
        if page.request.page > page.pageCount { throw ContentError.notFound("Page \(page.request.page)") }
    }
}
