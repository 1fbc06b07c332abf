import Foundation
import GazetteCore
import GazetteStore
import Hummingbird

/// The public, read-only Content API: published stories as JSON.
struct ContentAPIController: Sendable {
    typealias Context = GazetteRequestContext
    let stories: StoryService

    struct RubricJSON: Encodable {
        var name: String
        var slug: String
        var label: String
    }

    struct NamedJSON: Encodable {
        var name: String
        var slug: String
    }

    struct ArticleItem: Encodable {
        var id: UUID
        var slug: String
        var url: String
        var headline: String
        var lead: String
        var rubric: RubricJSON?
        var tags: [NamedJSON]
        var publishedAt: Date?

        enum CodingKeys: String, CodingKey {
            case id, slug, url, headline, lead, rubric, tags, publishedAt
        }

        // Absent values are written as null so that every item has the same keys.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(slug, forKey: .slug)
            try container.encode(url, forKey: .url)
            try container.encode(headline, forKey: .headline)
            try container.encode(lead, forKey: .lead)
            try container.encode(rubric, forKey: .rubric)
            try container.encode(tags, forKey: .tags)
            try container.encode(publishedAt, forKey: .publishedAt)
        }
    }

    struct Paging: Encodable {
        var page: Int
        var limit: Int
        var total: Int
        var pages: Int
    }

    struct ArticleList: Encodable {
        var items: [ArticleItem]
        var paging: Paging
    }

    struct ArticleDetail: Encodable {
        var id: UUID
        var slug: String
        var url: String
        var headline: String
        var lead: String
        /// The body as HTML, rendered by the server.
        var body: String
        var rubric: RubricJSON?
        var tags: [NamedJSON]
        var authors: [NamedJSON]
        var publishedAt: Date?
        var updatedAt: Date

        enum CodingKeys: String, CodingKey {
            case id, slug, url, headline, lead, body, rubric, tags, authors, publishedAt, updatedAt
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(slug, forKey: .slug)
            try container.encode(url, forKey: .url)
            try container.encode(headline, forKey: .headline)
            try container.encode(lead, forKey: .lead)
            try container.encode(body, forKey: .body)
            try container.encode(rubric, forKey: .rubric)
            try container.encode(tags, forKey: .tags)
            try container.encode(authors, forKey: .authors)
            try container.encode(publishedAt, forKey: .publishedAt)
            try container.encode(updatedAt, forKey: .updatedAt)
        }
    }

    let publicBase: String

    func addRoutes(to router: Router<Context>) {
        router.get(Route.apiArticles.routerPath, use: list)
        router.get(Route.apiArticle.routerPath, use: show)
        let document = (try? JSONSerialization.data(withJSONObject: OpenAPIDocument.json(publicBase: publicBase), options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        // The same for the life of the process: made once, with its gzip and validators.
        let page = try? CachedPage(
            PublicDocument(body: String(decoding: document, as: UTF8.self), contentType: "application/json; charset=utf-8", lastModified: nil, maxAge: 3600),
            settings: PageCacheSettings(), now: Date()
        )
        router.get(Route.apiOpenAPI.routerPath) { request, _ in
            guard let page else { throw ContentError.notFound("The API description") }
            return page.response(for: request, now: Date())
        }
    }

    @Sendable func list(_ request: Request, context: Context) async throws -> JSON<ArticleList> {
        let query = request.uri.queryParameters
        let pageRequest = try PageQuery.parse(page: query.get("page"), limit: query.get("limit"), defaultLimit: 20)
        let page = try await stories.latest(pageRequest)
        return JSON(value: ArticleList(
            items: page.items.map(Self.item),
            paging: Paging(page: pageRequest.page, limit: pageRequest.limit, total: page.total, pages: page.pageCount)
        ))
    }

    @Sendable func show(_ request: Request, context: Context) async throws -> JSON<ArticleDetail> {
        let story = try await stories.story(slug: try context.parameters.require("slug"))
        return JSON(value: ArticleDetail(
            id: story.id, slug: story.slug, url: SiteURL.article(slug: story.slug).path,
            headline: story.headline, lead: story.lead, body: story.bodyHTML,
            rubric: story.rubric.map(Self.rubric), tags: story.tags.map { NamedJSON(name: $0.name, slug: $0.slug) },
            authors: story.authors.map { NamedJSON(name: $0.name, slug: $0.slug) },
            publishedAt: story.publishedAt, updatedAt: story.updatedAt
        ))
    }

    static func item(_ story: StorySummary) -> ArticleItem {
        ArticleItem(
            id: story.id, slug: story.slug, url: SiteURL.article(slug: story.slug).path,
            headline: story.headline, lead: story.lead, rubric: story.rubric.map(rubric),
            tags: story.tags.map { NamedJSON(name: $0.name, slug: $0.slug) }, publishedAt: story.publishedAt
        )
    }

    static func rubric(_ rubric: Rubric) -> RubricJSON {
        RubricJSON(name: rubric.name, slug: rubric.slug, label: rubric.label)
    }
}
