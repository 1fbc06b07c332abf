import Foundation
import GazetteCore
import GazetteStore
import Hummingbird

/// The comment queue in the newsroom: pending, reported and spam lists with single and bulk
/// actions, for moderators, editors and admins. Every action is logged with who and when.
struct ModerationController: Sendable {
    typealias Context = GazetteRequestContext
    let comments: CommentService
    let pages: NewsroomPages

    struct QueueTab {
        var label: String
        var url: String
        var count: Int
        var isCurrent: Bool
    }

    struct QueueItem {
        var id: String
        var name: String
        var html: String
        var time: String
        var storyHeadline: String
        var storyURL: String
        var status: String
        var reason: String
        var hasReason: Bool
        var email: String
        var hasEmail: Bool
        var reports: Int
        var hasReports: Bool
        var client: String
    }

    struct LogItem {
        var action: String
        var userName: String
        var time: String
        var commentID: String
    }

    struct QueuePage {
        var nr: NewsroomLayout
        var tabs: [QueueTab]
        var queue: String
        var items: [QueueItem]
        var isEmpty: Bool
        var pagination: PaginationModel?
        var log: [LogItem]
    }

    func addRoutes(to group: RouterGroup<Context>) {
        group.get(Route.newsroomComments.routerPath, use: queue)
        group.post(Route.newsroomComments.routerPath, use: act)
    }

    struct QueueQuery: Decodable {
        var queue: String?
        var page: String?
    }

    /// One `id` per ticked comment.
    struct ActionForm: CSRFProtectedForm {
        var _csrf: String?
        var action: String?
        var queue: String?
        var id: [String]?
    }

    @Sendable func queue(_ request: Request, context: Context) async throws -> HTML {
        let identity = try context.require("moderate comments", \.moderates)
        let query = try FormBody.query(QueueQuery.self, request)
        guard let queue = DiscussionRepository.Queue(rawValue: query.queue ?? "pending") else {
            throw ContentError.invalid(field: "queue", reason: "must be pending, reported or spam")
        }
        let page = try PageQuery.parse(page: query.page, limit: nil, defaultLimit: 50)
        let list = try await comments.moderationQueue(queue, page: page)
        let counts = try await comments.moderationCounts()
        let format = pages.timeFormat
        let model = QueuePage(
            nr: pages.layout(title: "Comments", identity: identity, request: request),
            tabs: DiscussionRepository.Queue.allCases.map {
                QueueTab(label: $0.rawValue.capitalized, url: SiteURL.newsroomComments(queue: $0.rawValue).path, count: counts[$0] ?? 0, isCurrent: $0 == queue)
            },
            queue: queue.rawValue,
            items: list.items.map { item in
                QueueItem(
                    id: item.comment.id.uuidString, name: item.comment.name, html: item.comment.html,
                    time: format.fullTime(item.comment.createdAt), storyHeadline: item.storyHeadline,
                    storyURL: SiteURL.article(slug: item.storySlug).path, status: item.status.rawValue,
                    reason: item.reason, hasReason: !item.reason.isEmpty, email: item.email ?? "", hasEmail: item.email != nil,
                    reports: item.reports, hasReports: item.reports > 0, client: String(item.clientHash.prefix(10))
                )
            },
            isEmpty: list.items.isEmpty,
            pagination: PaginationModel.make(list) { SiteURL.newsroomComments(queue: queue.rawValue, page: $0).path },
            log: try await comments.moderationLog(limit: 20).map {
                LogItem(action: $0.action, userName: $0.userName, time: format.fullTime($0.at), commentID: $0.commentID.map { String($0.uuidString.prefix(8)) } ?? "")
            }
        )
        return try pages.render(model, "nr-comments")
    }

    @Sendable func act(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.require("moderate comments", \.moderates)
        let form = try await identity.decode(ActionForm.self, request, repeated: ["id"])
        guard let action = form.action.flatMap(ModerationAction.init(rawValue:)) else {
            throw ContentError.invalid(field: "action", reason: "must be approve, reject, spam, delete or ban")
        }
        let ids = (form.id ?? []).compactMap(UUID.init(uuidString:))
        guard !ids.isEmpty else { throw ContentError.invalid(field: "id", reason: "names no comment: tick at least one") }
        _ = try await comments.moderate(ids, action, by: identity.actor, now: pages.now())
        let queue = form.queue.flatMap(DiscussionRepository.Queue.init(rawValue:)) ?? .pending
        return .seeOther(SiteURL.newsroomComments(queue: queue.rawValue, notice: .updated).path)
    }
}
