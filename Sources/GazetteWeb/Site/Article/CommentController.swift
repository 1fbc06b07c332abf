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

    /// What the reader forms send: the comment form (with the signed time token `_t`; `website`
    /// is the honeypot), and the vote, report, edit and delete buttons.
    struct ReaderForm: Decodable {
        var _t: String?
        var name: String?
        var email: String?
        var text: String?
        var parentId: String?
        var website: String?
        var value: String?
    }

    /// A reader form as sent, refused when another site made the browser send it. The
    /// reader's id comes from their cookie, or is new when they have none yet (reading needs
    /// no cookie; the first vote, report or comment sets it).
    private func checkedForm(_ request: Request) async throws -> (form: ReaderForm, reader: Reader) {
        guard SameOrigin.allows(request, publicBase: config.publicBase) else { throw CSRFRejected() }
        let form = try await FormBody.decode(ReaderForm.self, from: request)
        if let id = comments.verifiedReader(request.cookies[ArticleRenderer.readerCookie]?.value) { return (form, Reader(id: id, isNew: false)) }
        return (form, Reader(id: comments.newReader(), isNew: true))
    }

    struct Reader {
        var id: String
        var isNew: Bool
    }

    /// The response, with the reader's cookie when this request made their id.
    private func answer(_ response: Response, for reader: Reader) -> Response {
        guard reader.isNew else { return response }
        var response = response
        response.setCookie(ArticleRenderer.readerCookie(reader.id, secure: config.secureCookies))
        return response
    }

    @Sendable func post(_ request: Request, context: Context) async throws -> Response {
        let story = try await stories.story(slug: try context.parameters.require("slug"))
        let (form, reader) = try await checkedForm(request)
        // The signed time token: the form came from this site, and how long it was open.
        guard let age = comments.formAge(token: form._t ?? "", now: config.now()) else { throw CSRFRejected() }
        let input = CommentService.Input(
            name: form.name ?? "", email: form.email ?? "", text: form.text ?? "",
            parentID: form.parentId.flatMap(UUID.init(uuidString:)), honeypot: form.website ?? "", formAge: age
        )
        let clientHash = context.commentClientHash(request, comments)
        var state = ArticleRenderer.FormState(name: input.name, email: input.email, text: input.text, parentID: input.parentID)
        let result = try await comments.post(input, toStory: story.slug, clientHash: clientHash, now: config.now())
        func page(_ status: HTTPResponse.Status) async throws -> Response {
            answer(try await articles.personalPage(story: story, request: request, form: state, status: status), for: reader)
        }
        switch result {
        case .published(let comment, let token):
            var response = back(to: story, notice: "posted", "comment-\(comment.id.uuidString)")
            response.setCookie(editCookie(comment.id, token))
            return answer(response, for: reader)
        case .queued(let comment, let token):
            var response = back(to: story, notice: "pending", "comments")
            response.setCookie(editCookie(comment.id, token))
            return answer(response, for: reader)
        case .invalid(let problems):
            state.problems = problems
            return try await page(.unprocessableContent)
        case .refused(let refusal):
            state.error = refusal.readerMessage
            return try await page(.unprocessableContent)
        case .closed:
            state.error = CommentRefusal.discussionClosed.readerMessage
            return try await page(.forbidden)
        case .limited(let wait):
            let seconds = Int(wait.rounded(.up))
            state.error = "You are commenting too fast. Please wait \(seconds) seconds and send again."
            var response = try await page(.tooManyRequests)
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

    /// Back to the article after a reader's own write, with a notice of it: that address is
    /// the reader's own (`private`), so no cache in between shows them the page before it.
    private func back(to story: Story, notice: String, _ fragment: String) -> Response {
        .seeOther(SiteURL.article(slug: story.slug, .init(comment: notice), fragment: fragment).path)
    }

    @Sendable func vote(_ request: Request, context: Context) async throws -> Response {
        let id = try context.uuid("id", "The comment")
        let (form, reader) = try await checkedForm(request)
        guard let value = form.value.flatMap(Int.init) else { throw ContentError.invalid(field: "value", reason: "must be 1 or -1") }
        let (_, story) = try await comments.vote(id: id, value: value, voter: "reader:" + reader.id, clientHash: context.commentClientHash(request, comments), now: config.now())
        return answer(back(to: story, notice: "voted", "comment-\(id.uuidString)"), for: reader)
    }

    @Sendable func report(_ request: Request, context: Context) async throws -> Response {
        let id = try context.uuid("id", "The comment")
        let (_, reader) = try await checkedForm(request)
        let story = try await comments.report(id: id, reporter: "reader:" + reader.id, clientHash: context.commentClientHash(request, comments), now: config.now())
        return answer(back(to: story, notice: "reported", "comment-\(id.uuidString)"), for: reader)
    }

    @Sendable func edit(_ request: Request, context: Context) async throws -> Response {
        let id = try context.uuid("id", "The comment")
        let (form, _) = try await checkedForm(request)
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
