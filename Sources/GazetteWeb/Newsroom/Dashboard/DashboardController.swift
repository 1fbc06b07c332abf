import Foundation
import GazetteCore
import GazetteStore
import Hummingbird

struct DashboardPage {
    var nr: NewsroomLayout
    var inReview: StoryTable
    var scheduled: StoryTable
    var publishedToday: StoryTable
    var hasInReview: Bool
    var hasScheduled: Bool
    var hasPublishedToday: Bool
    var writes: Bool
    var moderates: Bool
    var waitingComments: Int
}

struct StoriesPage {
    var nr: NewsroomLayout
    var table: StoryTable
    var isEmpty: Bool
    var statuses: [OptionModel]
    var rubrics: [OptionModel]
    var authors: [OptionModel]
    var query: String
    var pagination: PaginationModel?
    var total: Int
}

/// The dashboard (what waits for whom) and the list of all stories with filters.
struct DashboardController: Sendable {
    typealias Context = GazetteRequestContext
    let newsroom: NewsroomService
    let comments: CommentService
    let pages: NewsroomPages

    func addRoutes(to group: RouterGroup<Context>) {
        group.get(Route.newsroom.routerPath, use: dashboard)
        group.get(Route.newsroomStories.routerPath, use: stories)
    }

    @Sendable func dashboard(_ request: Request, context: Context) async throws -> HTML {
        let identity = try context.require("see the newsroom")
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = pages.site.timeZone
        let role = identity.user.role
        // Authors see their own stories; moderators work on comments, not stories.
        let board = try await newsroom.dashboard(by: identity.actor, startOfToday: calendar.startOfDay(for: pages.now()))
        let page = DashboardPage(
            nr: pages.layout(title: "Dashboard", identity: identity, request: request),
            inReview: StoryTable(rows: board.inReview.map(pages.row)), scheduled: StoryTable(rows: board.scheduled.map(pages.row)),
            publishedToday: StoryTable(rows: board.publishedToday.map(pages.row)),
            hasInReview: !board.inReview.isEmpty, hasScheduled: !board.scheduled.isEmpty, hasPublishedToday: !board.publishedToday.isEmpty,
            writes: role.writesStories,
            moderates: role.moderates,
            waitingComments: role.moderates ? try await comments.moderationCounts()[.pending] ?? 0 : 0
        )
        return try pages.render(page, "nr-dashboard")
    }

    struct StoriesQuery: Decodable {
        var status: String?
        var rubric: String?
        var author: String?
        var q: String?
        var page: String?
    }

    @Sendable func stories(_ request: Request, context: Context) async throws -> HTML {
        let identity = try context.require("see stories", \.writesStories)
        let query = try FormBody.query(StoriesQuery.self, request)
        let pageQuery = try PageQuery.parse(page: query.page, limit: nil, defaultLimit: 30)
        let status = query.status.flatMap { $0.isEmpty ? nil : $0 }
        if let status, StoryStatus(rawValue: status) == nil { throw ContentError.invalid(field: "status", reason: "is not a story status") }
        let filter = NewsroomRepository.Filter(
            status: status.flatMap(StoryStatus.init(rawValue:)), rubricSlug: query.rubric, authorSlug: query.author, search: query.q
        )
        let list = try await newsroom.list(filter, page: pageQuery, by: identity.actor)
        let rubrics = try await newsroom.rubrics()
        let authors = try await newsroom.authors()
        let link = SiteURL.StoriesFilterLink(status: filter.status?.rawValue, rubric: filter.rubricSlug, author: filter.authorSlug, search: filter.search)
        let page = StoriesPage(
            nr: pages.layout(title: "Stories", identity: identity, request: request),
            table: StoryTable(rows: list.items.map(pages.row)), isEmpty: list.items.isEmpty,
            statuses: [OptionModel(value: "", label: "Any status", selected: filter.status == nil)]
                + StoryStatus.allCases.map { OptionModel(value: $0.rawValue, label: $0.label.capitalized, selected: filter.status == $0) },
            rubrics: [OptionModel(value: "", label: "Any rubric", selected: (filter.rubricSlug ?? "").isEmpty)]
                + rubrics.map { OptionModel(value: $0.slug, label: $0.name, selected: filter.rubricSlug == $0.slug) },
            authors: [OptionModel(value: "", label: "Any author", selected: (filter.authorSlug ?? "").isEmpty)]
                + authors.map { OptionModel(value: $0.slug, label: $0.name, selected: filter.authorSlug == $0.slug) },
            query: filter.search ?? "",
            pagination: PaginationModel.make(list) { number in
                var paged = link
                paged.page = number
                return SiteURL.newsroomStories(paged).path
            },
            total: list.total
        )
        return try pages.render(page, "nr-stories")
    }
}
