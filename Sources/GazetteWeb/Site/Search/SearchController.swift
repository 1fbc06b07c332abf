import Foundation
import GazetteCore
import Hummingbird

/// Search for readers: the `/search` page and `GET /api/v1/search`, over every word of
/// published stories, with rubric and date filters.
struct SearchController: Sendable {
    typealias Context = GazetteRequestContext
    let stories: StoryService
    let pages: PageBuilder

    func addRoutes(to router: Router<Context>) {
        router.get(Route.search.routerPath, use: page)
        router.get(Route.apiSearch.routerPath, use: api)
    }

    /// The request's query, filters and page, with a 400 for a malformed filter.
    struct Request: Equatable {
        var text: String
        var rubric: String
        var from: String
        var to: String
        var query: SearchQuery
        var filter: SearchFilter
        var page: PageQuery
    }

    func parse(_ request: Hummingbird.Request, defaultLimit: Int, allowLimit: Bool) throws -> Request {
        let parameters = request.uri.queryParameters
        let text = parameters.get("q") ?? ""
        let rubric = (parameters.get("rubric") ?? "").trimmingCharacters(in: .whitespaces)
        let from = (parameters.get("from") ?? "").trimmingCharacters(in: .whitespaces)
        let to = (parameters.get("to") ?? "").trimmingCharacters(in: .whitespaces)
        var filter = SearchFilter(rubricSlug: rubric.isEmpty ? nil : rubric)
        if !from.isEmpty { filter.from = try day(from, field: "from") }
        // `to` names the last day included.
        if !to.isEmpty { filter.until = try day(to, field: "to").addingTimeInterval(86_400) }
        if let start = filter.from, let end = filter.until, end <= start {
            throw ContentError.invalid(field: "to", reason: "must not be before \"from\"")
        }
        let page = try PageQuery.parse(page: parameters.get("page"), limit: allowLimit ? parameters.get("limit") : nil, defaultLimit: defaultLimit)
        return Request(text: text, rubric: rubric, from: from, to: to, query: SearchQuery.parse(text), filter: filter, page: page)
    }

    /// The start of a `YYYY-MM-DD` day in the site's time zone.
    private func day(_ text: String, field: String) throws -> Date {
        let parts = text.split(separator: "-").map { Int($0) }
        guard parts.count == 3, let year = parts[0], let month = parts[1], let day = parts[2], text.count == 10 else {
            throw ContentError.invalid(field: field, reason: "must be a date like 2026-11-26")
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = pages.site.timeZone
        let components = DateComponents(year: year, month: month, day: day)
        guard components.isValidDate(in: calendar), let date = calendar.date(from: components) else {
            throw ContentError.invalid(field: field, reason: "is not a day of the calendar")
        }
        return date
    }

    @Sendable func page(_ request: Hummingbird.Request, context: Context) async throws -> HTML {
        let search = try parse(request, defaultLimit: pages.site.pageSize, allowLimit: false)
        let results = try await stories.search(search.query, filter: search.filter, page: search.page)
        let hasQuery = !search.query.isEmpty
        let model = SearchPage(
            layout: pages.layout(title: hasQuery ? "Search: \(search.text)" : "Search", canonical: .search()),
            query: search.text, rubric: search.rubric, from: search.from, to: search.to,
            hasQuery: hasQuery,
            summary: hasQuery ? Self.summary(total: results.total, text: search.text) : "",
            results: results.items.map { SearchResultModel(story: pages.item($0.story), snippet: $0.snippetHTML) },
            pagination: pages.pagination(results) { pageNumber in Self.url(search, page: pageNumber) },
            isEmpty: hasQuery && results.items.isEmpty
        )
        return HTML(body: try pages.theme.render(model, template: "search"))
    }

    static func summary(total: Int, text: String) -> String {
        switch total {
        case 0: return "Nothing found for “\(text)”."
        case 1: return "1 story found for “\(text)”."
        default: return "\(total) stories found for “\(text)”."
        }
    }

    /// The page's address with its filters, for pagination links.
    static func url(_ search: Request, page: Int) -> String {
        SiteURL.search(SiteURL.SearchLink(text: search.text, rubric: search.rubric, from: search.from, to: search.to, page: page)).path
    }

    struct ResultJSON: Encodable {
        var article: ContentAPIController.ArticleItem
        /// Escaped text with `<mark>` around the matched words.
        var snippet: String
    }

    struct ResultsJSON: Encodable {
        var query: String
        var items: [ResultJSON]
        var paging: ContentAPIController.Paging
    }

    @Sendable func api(_ request: Hummingbird.Request, context: Context) async throws -> JSON<ResultsJSON> {
        let search = try parse(request, defaultLimit: 20, allowLimit: true)
        let results = try await stories.search(search.query, filter: search.filter, page: search.page)
        return JSON(value: ResultsJSON(
            query: search.text,
            items: results.items.map { ResultJSON(article: ContentAPIController.item($0.story), snippet: $0.snippetHTML) },
            paging: .init(page: search.page.page, limit: search.page.limit, total: results.total, pages: results.pageCount)
        ))
    }
}

struct SearchResultModel {
    var story: StoryItem
    /// Made by the server: escaped text with `<mark>` tags.
    var snippet: String
}

struct SearchPage {
    var layout: LayoutModel
    var query: String
    var rubric: String
    var from: String
    var to: String
    var hasQuery: Bool
    var summary: String
    var results: [SearchResultModel]
    var pagination: PaginationModel?
    var isEmpty: Bool
}
