import Foundation
import GazetteCore
import Hummingbird

/// The rubric, tag and author pages: a heading and the stories, newest first, paged.
struct ListController: Sendable {
    typealias Context = GazetteRequestContext
    let stories: StoryService
    let pages: PageBuilder
    let server: PageServer

    func addRoutes(to router: Router<Context>) {
        router.get(Route.rubric.routerPath, use: rubric)
        router.get(Route.tag.routerPath, use: tag)
        router.get(Route.author.routerPath, use: author)
    }

    @Sendable func rubric(_ request: Request, context: Context) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let pageRequest = try pages.pageParameter(request)
        return try await server.shared(request, key: PageServer.key(request, reading: ["page"])) {
            let (rubric, page) = try await stories.rubric(slug: slug, page: pageRequest)
            return try list(kind: "Rubric", heading: rubric.label, page: page, feed: .rubric(slug: slug), tag: .rubric(slug)) { .rubric(slug: slug, page: $0) }
        }
    }

    @Sendable func tag(_ request: Request, context: Context) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let pageRequest = try pages.pageParameter(request)
        return try await server.shared(request, key: PageServer.key(request, reading: ["page"])) {
            let (tag, page) = try await stories.tag(slug: slug, page: pageRequest)
            return try list(kind: "Tag", heading: tag.name, page: page, feed: .tag(slug: slug), tag: .tag(slug)) { .tag(slug: slug, page: $0) }
        }
    }

    @Sendable func author(_ request: Request, context: Context) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let pageRequest = try pages.pageParameter(request)
        return try await server.shared(request, key: PageServer.key(request, reading: ["page"])) {
            let (author, page) = try await stories.author(slug: slug, page: pageRequest)
            return try list(
                kind: "Author", heading: author.name, intro: author.bio, page: page, feed: .author(slug: slug), tag: .author(slug)
            ) { .author(slug: slug, page: $0) }
        }
    }

    private func list(
        kind: String, heading: String, intro: String = "", page: PagedList<StorySummary>, feed: FeedSubject, tag: PageTag,
        url: (Int) -> SiteURL
    ) throws -> PublicDocument {
        try PageBuilder.requireExisting(page)
        let model = ListPage(
            layout: pages.layout(title: heading, canonical: url(page.request.page), meta: PageMeta(feeds: [feed, .site])),
            kind: kind,
            heading: heading,
            hasIntro: !intro.isEmpty,
            intro: intro,
            stories: page.items.map(pages.item),
            pagination: pages.pagination(page) { url($0).path },
            isEmpty: page.total == 0
        )
        return pages.document(try pages.theme.render(model, template: "list"), listing: page.items, in: [tag])
    }
}
