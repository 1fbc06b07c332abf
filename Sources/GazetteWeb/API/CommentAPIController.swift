import Foundation
import GazetteCore
import GazetteStore
import Hummingbird

/// The discussion as JSON, for sites that load comments with JavaScript. Responses never
/// carry e-mail addresses, client hashes or other people's tokens.
struct CommentAPIController: Sendable {
    typealias Context = GazetteRequestContext
    let stories: StoryService
    let comments: CommentService
    let config: AppConfig

    struct CommentJSON: Encodable {
        var id: UUID
        var name: String
        var html: String
        var createdAt: Date
        var editedAt: Date?
        var parentId: UUID?
        var replyTo: String?
        var score: Int
        var deleted: Bool
        var replies: [CommentJSON]
        /// Only after an edit: `published`, or `pending` when the new text went to the moderators.
        var status: String?

        init(_ comment: PublicComment) {
            id = comment.id
            name = comment.name
            html = comment.html
            createdAt = comment.createdAt
            editedAt = comment.editedAt
            parentId = comment.parentID
            replyTo = comment.replyToName
            score = comment.score
            deleted = comment.isDeleted
            replies = comment.replies.map(CommentJSON.init)
        }
    }

    struct ThreadJSON: Encodable {
        var items: [CommentJSON]
        var paging: ContentAPIController.Paging
        var count: Int
        var closed: Bool
    }

    struct PostedJSON: Encodable {
        var status: String
        var message: String
        var comment: CommentJSON
        /// Shown once: send it as `X-Edit-Token` to change or delete the comment.
        var editToken: String
    }

    struct NewComment: Decodable {
        var name: String
        var email: String?
        var text: String
        var parentId: UUID?
    }

    struct EditComment: Decodable {
        var text: String
        var editToken: String?
    }

    struct VoteInput: Decodable {
        var value: Int
    }

    struct ScoreJSON: Encodable {
        var id: UUID
        var score: Int
    }

    func addRoutes(to router: Router<Context>) {
        router.get(Route.apiArticleComments.routerPath, use: list)
        router.post(Route.apiArticleComments.routerPath, use: post)
        router.patch(Route.apiComment.routerPath, use: edit)
        router.delete(Route.apiComment.routerPath, use: delete)
        router.post(Route.apiCommentVote.routerPath, use: vote)
        router.post(Route.apiCommentReport.routerPath, use: report)
    }

    private func story(_ context: Context) async throws -> Story {
        try await stories.story(slug: try context.parameters.require("slug"))
    }

    @Sendable func list(_ request: Request, context: Context) async throws -> JSON<ThreadJSON> {
        let story = try await story(context)
        let query = request.uri.queryParameters
        let page = try PageQuery.parse(page: query.get("page"), limit: query.get("limit"), defaultLimit: comments.settings.pageSize)
        let sortText = query.get("sort") ?? "oldest"
        guard let sort = CommentSort(rawValue: sortText) else { throw ContentError.invalid(field: "sort", reason: "must be oldest, newest or top") }
        let thread = try await comments.threads(of: story, sort: sort, page: page)
        return JSON(value: ThreadJSON(
            items: thread.items.map(CommentJSON.init),
            paging: .init(page: page.page, limit: page.limit, total: thread.total, pages: thread.pageCount),
            count: story.commentCount, closed: comments.isClosed(story, now: config.now())
        ))
    }

    @Sendable func post(_ request: Request, context: Context) async throws -> Response {
        // Posting needs only the story's id and policy, looked up with the guard's facts.
        let slug = try context.parameters.require("slug")
        let input = try await JSONBody.decode(NewComment.self, request)
        let clientHash = context.commentClientHash(request, comments)
        let result = try await comments.post(
            CommentService.Input(name: input.name, email: input.email ?? "", text: input.text, parentID: input.parentId, honeypot: "", formAge: nil),
            toStory: slug, clientHash: clientHash, now: config.now()
        )
        switch result {
        case .published(let comment, let token):
            return try JSON(value: PostedJSON(status: "published", message: "Your comment is published.", comment: CommentJSON(comment), editToken: token), status: .created)
                .response(from: request, context: context)
        case .queued(let comment, let token):
            return try JSON(value: PostedJSON(status: "pending", message: "Your comment is waiting for moderation.", comment: CommentJSON(comment), editToken: token), status: .accepted)
                .response(from: request, context: context)
        case .invalid(let problems): throw CommentProblem.invalid(problems)
        case .refused(let refusal): throw CommentProblem.refused(refusal)
        case .closed: throw CommentProblem.closed
        case .limited(let wait): throw CommentProblem.tooFast(retryAfter: wait, what: "comments")
        }
    }

    private func editToken(_ request: Request, body: String? = nil) -> String {
        request.headers[.xEditToken] ?? body ?? ""
    }

    @Sendable func edit(_ request: Request, context: Context) async throws -> JSON<CommentJSON> {
        let id = try context.uuid("id", "The comment")
        let input = try await JSONBody.decode(EditComment.self, request)
        let (comment, _, held) = try await comments.edit(
            id: id, token: editToken(request, body: input.editToken), text: input.text, clientHash: context.commentClientHash(request, comments), now: config.now()
        )
        var json = CommentJSON(comment)
        json.status = held ? "pending" : "published"
        return JSON(value: json)
    }

    @Sendable func delete(_ request: Request, context: Context) async throws -> Response {
        let id = try context.uuid("id", "The comment")
        _ = try await comments.deleteOwn(id: id, token: editToken(request), clientHash: context.commentClientHash(request, comments), now: config.now())
        return Response(status: .noContent)
    }

    @Sendable func vote(_ request: Request, context: Context) async throws -> JSON<ScoreJSON> {
        let id = try context.uuid("id", "The comment")
        let input = try await JSONBody.decode(VoteInput.self, request)
        let client = context.commentClientHash(request, comments)
        let voter = comments.voter(cookie: request.cookies[ArticleRenderer.readerCookie]?.value, clientHash: client)
        let (score, _) = try await comments.vote(id: id, value: input.value, voter: voter, clientHash: client, now: config.now())
        return JSON(value: ScoreJSON(id: id, score: score))
    }

    @Sendable func report(_ request: Request, context: Context) async throws -> Response {
        let id = try context.uuid("id", "The comment")
        let client = context.commentClientHash(request, comments)
        let reporter = comments.voter(cookie: request.cookies[ArticleRenderer.readerCookie]?.value, clientHash: client)
        _ = try await comments.report(id: id, reporter: reporter, clientHash: client, now: config.now())
        return Response(status: .noContent)
    }
}
