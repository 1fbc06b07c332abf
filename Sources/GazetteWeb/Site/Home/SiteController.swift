import Foundation
import GazetteCore
import GazetteStore
import Hummingbird

/// The pages readers see: home, article, rubric, tag and author lists.
struct SiteController: Sendable {
    typealias Context = GazetteRequestContext
    let store: Store
    let pages: PageBuilder
    let articles: ArticleRenderer
    let secureCookies: Bool

    func addRoutes(to router: Router<Context>) {
        router.get(RouterPath(SiteURL.Pattern.home), use: home)
        router.get(RouterPath(SiteURL.Pattern.article), use: article)
        router.get(RouterPath(SiteURL.Pattern.rubric), use: rubric)
        router.get(RouterPath(SiteURL.Pattern.tag), use: tag)
        router.get(RouterPath(SiteURL.Pattern.author), use: author)
        router.get(RouterPath(SiteURL.Pattern.asset), use: asset)
    }

    @Sendable func home(_ request: Request, context: Context) async throws -> HTML {
        let pageRequest = try pageParameter(request)
        let page = try await store.stories.latest(pageRequest)
        try requireExisting(page)
        let first = pageRequest.page == 1
        let top = first ? try await store.stories.pinnedStory() : nil
        let breaking = first ? try await store.stories.breakingStory() : nil
        let model = HomePage(
            layout: pages.layout(title: nil, canonicalPath: SiteURL.home(page: pageRequest.page).path),
            breaking: breaking.map(pages.item),
            top: top.map(pages.item),
            stories: page.items.filter { $0.id != top?.id }.map(pages.item),
            pagination: pages.pagination(page) { SiteURL.home(page: $0).path },
            isEmpty: page.total == 0
        )
        return HTML(body: try pages.theme.render(model, template: "home"))
    }

    @Sendable func article(_ request: Request, context: Context) async throws -> Response {
        let slug = try context.parameters.require("slug")
        guard let story = try await store.stories.publishedStory(slug: slug) else {
            // A renamed story answers at its old address with a permanent redirect.
            if let current = try await store.newsroom.currentSlug(forOld: slug) {
                return Response(status: .movedPermanently, headers: [.location: SiteURL.article(slug: current).path])
            }
            throw ContentError.notFound("The story")
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
        let pageRequest = try pageParameter(request)
        guard let rubric = try await store.stories.rubric(slug: slug) else { throw ContentError.notFound("The rubric") }
        let page = try await store.stories.inRubric(rubric, page: pageRequest)
        return try list(kind: "Rubric", heading: rubric.label, page: page) { SiteURL.rubric(slug: slug, page: $0).path }
    }

    @Sendable func tag(_ request: Request, context: Context) async throws -> HTML {
        let slug = try context.parameters.require("slug")
        let pageRequest = try pageParameter(request)
        guard let tag = try await store.stories.tag(slug: slug) else { throw ContentError.notFound("The tag") }
        let page = try await store.stories.withTag(tag, page: pageRequest)
        return try list(kind: "Tag", heading: tag.name, page: page) { SiteURL.tag(slug: slug, page: $0).path }
    }

    @Sendable func author(_ request: Request, context: Context) async throws -> HTML {
        let slug = try context.parameters.require("slug")
        let pageRequest = try pageParameter(request)
        guard let author = try await store.stories.author(slug: slug) else { throw ContentError.notFound("The author") }
        let page = try await store.stories.byAuthor(author, page: pageRequest)
        return try list(kind: "Author", heading: author.name, intro: author.bio, page: page) { SiteURL.author(slug: slug, page: $0).path }
    }

    @Sendable func asset(_ request: Request, context: Context) async throws -> Response {
        let file = try context.parameters.require("file")
        guard let asset = pages.theme.assets[file] else { throw HTTPError(.notFound) }
        if request.headers[.ifNoneMatch] == asset.etag {
            return Response(status: .notModified, headers: [.eTag: asset.etag])
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: asset.contentType, .eTag: asset.etag,
                .cacheControl: "public, max-age=31536000, immutable",
            ],
            body: .init(byteBuffer: asset.bytes)
        )
    }

    private func list(kind: String, heading: String, intro: String = "", page: PagedList<StorySummary>, url: (Int) -> String) throws -> HTML {
        try requireExisting(page)
        let model = ListPage(
            layout: pages.layout(title: heading, canonicalPath: url(page.request.page)),
            kind: kind,
            heading: heading,
            hasIntro: !intro.isEmpty,
            intro: intro,
            stories: page.items.map(pages.item),
            pagination: pages.pagination(page, url: url),
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
