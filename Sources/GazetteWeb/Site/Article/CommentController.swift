import Foundation
import GazetteCore
import GazetteStore
import Hummingbird

/// The discussion for browsers without JavaScript: post, reply, vote, report, and the
/// author's edit and delete, each a form that redirects back to the article.
struct CommentController: Sendable {
    typealias Context = GazetteRequestContext
    let stories: StoryService
    let comments: CommentService
    let articles: ArticleRenderer
    let config: AppConfig

    func addRoutes(to router: Router<Context>) {
        router.post(Route.articleComments.routerPath, use: post)
        router.post(Route.commentVote.routerPath, use: vote)
        router.post(Route.commentReport.routerPath, use: report)
        router.post(Route.commentEdit.routerPath, use: edit)
        router.post(Route.commentDelete.routerPath, use: delete)
    }

    /// What the reader forms send: the comment form, and the vote, report, edit and delete
    /// buttons, each with the signed form token `_t`; `website` is the honeypot.
    struct ReaderForm: Decodable {
        var _t: String?
        var name: String?
        var email: String?
        var text: String?
        var parentId: String?
        var website: String?
        var value: String?
    }

    /// Reader forms carry a token signed for the reader's cookie, itself signed by the site;
    /// anything else is refused.
    private func checkedForm(_ request: Request) async throws -> (form: ReaderForm, reader: String, age: TimeInterval) {
        let form = try await FormBody.decode(ReaderForm.self, from: request)
        guard let reader = comments.verifiedReader(request.cookies[ArticleRenderer.readerCookie]?.value),
              let age = comments.formAge(token: form._t ?? "", reader: reader, now: config.now())
        else { throw CSRFRejected() }
        return (form, reader, age)
    }

    @Sendable func post(_ request: Request, context: Context) async throws -> Response {
        let story = try await stories.story(slug: try context.parameters.require("slug"))
        let (form, reader, age) = try await checkedForm(request)
        let input = CommentService.Input(
            name: form.name ?? "", email: form.email ?? "", text: form.text ?? "",
            parentID: form.parentId.flatMap(UUID.init(uuidString:)), honeypot: form.website ?? "", formAge: age
        )
        let clientHash = context.commentClientHash(request, comments)
        var state = ArticleRenderer.FormState(name: input.name, email: input.email, text: input.text, parentID: input.parentID)
        let result = try await comments.post(input, toStory: story.slug, clientHash: clientHash, now: config.now())
        switch result {
        case .published(let comment, let token):
            var response = Response.seeOther(SiteURL.article(slug: story.slug, fragment: "comment-\(comment.id.uuidString)").path)
            response.setCookie(editCookie(comment.id, token))
            return response
        case .queued(let comment, let token):
            var response = Response.seeOther(SiteURL.article(slug: story.slug, .init(comment: "pending"), fragment: "comments").path)
            response.setCookie(editCookie(comment.id, token))
            return response
        case .invalid(let problems):
            state.problems = problems
            return try await articles.render(story: story, request: request, reader: reader, form: state, status: .unprocessableContent).response
        case .refused(let refusal):
            state.error = refusal.readerMessage
            return try await articles.render(story: story, request: request, reader: reader, form: state, status: .unprocessableContent).response
        case .closed:
            state.error = CommentRefusal.discussionClosed.readerMessage
            return try await articles.render(story: story, request: request, reader: reader, form: state, status: .forbidden).response
        case .limited(let wait):
            let seconds = Int(wait.rounded(.up))
            state.error = "You are commenting too fast. Please wait \(seconds) seconds and send again."
            var response = try await articles.render(story: story, request: request, reader: reader, form: state, status: .tooManyRequests).response
            response.headers[.retryAfter] = String(seconds)
            return response
        }
    }

    private func editCookie(_ id: UUID, _ token: String) -> Cookie {
        Cookie(
            name: ArticleRenderer.editCookieName(id), value: token, maxAge: Int(comments.settings.editWindow), path: Route.home.rawValue,
            secure: config.secureCookies, httpOnly: true, sameSite: .lax
        )
    }

    private func back(to story: Story, notice: String? = nil, _ fragment: String) -> Response {
        .seeOther(SiteURL.article(slug: story.slug, .init(comment: notice), fragment: fragment).path)
    }

    @Sendable func vote(_ request: Request, context: Context) async throws -> Response {
        let id = try context.uuid("id", "The comment")
        let (form, reader, _) = try await checkedForm(request)
        guard let value = form.value.flatMap(Int.init) else { throw ContentError.invalid(field: "value", reason: "must be 1 or -1") }
        let (_, story) = try await comments.vote(id: id, value: value, voter: "reader:" + reader, clientHash: context.commentClientHash(request, comments), now: config.now())
        return back(to: story, "comment-\(id.uuidString)")
    }

    @Sendable func report(_ request: Request, context: Context) async throws -> Response {
        let id = try context.uuid("id", "The comment")
        let (_, reader, _) = try await checkedForm(request)
        let story = try await comments.report(id: id, reporter: "reader:" + reader, clientHash: context.commentClientHash(request, comments), now: config.now())
        return back(to: story, "comment-\(id.uuidString)")
    }

    @Sendable func edit(_ request: Request, context: Context) async throws -> Response {
        let id = try context.uuid("id", "The comment")
        let (form, _, _) = try await checkedForm(request)
        let token = request.cookies[ArticleRenderer.editCookieName(id)]?.value ?? ""
        let (_, story, held) = try await comments.edit(id: id, token: token, text: form.text ?? "", clientHash: context.commentClientHash(request, comments), now: config.now())
        return held ? back(to: story, notice: "pending", "comments") : back(to: story, notice: "edited", "comment-\(id.uuidString)")
    }

    @Sendable func delete(_ request: Request, context: Context) async throws -> Response {
        let id = try context.uuid("id", "The comment")
        _ = try await checkedForm(request)
        let token = request.cookies[ArticleRenderer.editCookieName(id)]?.value ?? ""
        let story = try await comments.deleteOwn(id: id, token: token, clientHash: context.commentClientHash(request, comments), now: config.now())
        return back(to: story, notice: "deleted", "comments")
    }
}
