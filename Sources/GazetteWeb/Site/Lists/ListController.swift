import Foundation
import GazetteCore
import Hummingbird

/// The rubric, tag and author pages: a heading and the stories, newest first, paged.
struct ListController: Sendable {
    typealias Context = GazetteRequestContext
    let stories: StoryService
    let pages: PageBuilder

    func addRoutes(to router: Router<Context>) {
        router.get(Route.rubric.routerPath, use: rubric)
        router.get(Route.tag.routerPath, use: tag)
        router.get(Route.author.routerPath, use: author)
    }

    @Sendable func rubric(_ request: Request, context: Context) async throws -> HTML {
        let slug = try context.parameters.require("slug")
        let (rubric, page) = try await stories.rubric(slug: slug, page: try pages.pageParameter(request))
        return try list(kind: "Rubric", heading: rubric.label, page: page, feed: .rubric(slug: slug)) { .rubric(slug: slug, page: $0) }
    }

    @Sendable func tag(_ request: Request, context: Context) async throws -> HTML {
        let slug = try context.parameters.require("slug")
        let (tag, page) = try await stories.tag(slug: slug, page: try pages.pageParameter(request))
        return try list(kind: "Tag", heading: tag.name, page: page, feed: .tag(slug: slug)) { .tag(slug: slug, page: $0) }
    }

    @Sendable func author(_ request: Request, context: Context) async throws -> HTML {
        let slug = try context.parameters.require("slug")
        let (author, page) = try await stories.author(slug: slug, page: try pages.pageParameter(request))
        return try list(kind: "Author", heading: author.name, intro: author.bio, page: page, feed: .author(slug: slug)) { .author(slug: slug, page: $0) }
    }

    private func list(
        kind: String, heading: String, intro: String = "", page: PagedList<StorySummary>, feed: FeedSubject, url: (Int) -> SiteURL
    ) throws -> HTML {
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
        return HTML(body: try pages.theme.render(model, template: "list"))
    }
}
