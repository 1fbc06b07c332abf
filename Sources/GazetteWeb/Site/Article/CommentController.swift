import Foundation
import GazetteCore
import GazetteStore
import Hummingbird

/// The discussion for browsers without JavaScript: post, reply, vote, report, and the
/// author's edit and delete, each a form that redirects back to the article.
struct CommentController: Sendable {
    typealias Context = GazetteRequestContext
    let store: Store
    let comments: CommentService
    let articles: ArticleRenderer
    let config: AppConfig

    func addRoutes(to router: Router<Context>) {
        router.post("news/{slug}/comments", use: post)
        router.post("comments/{id}/vote", use: vote)
        router.post("comments/{id}/report", use: report)
        router.post("comments/{id}/edit", use: edit)
        router.post("comments/{id}/delete", use: delete)
    }

    /// Reader forms carry a token signed for the reader's cookie, itself signed by the site;
    /// anything else is refused.
    private func checkedForm(_ request: Request) async throws -> (form: FormData, reader: String, age: TimeInterval) {
        let form = try await FormData.read(request)
        guard let reader = comments.verifiedReader(request.cookies[ArticleRenderer.readerCookie]?.value),
              let age = comments.formAge(token: form.text("_t"), reader: reader, now: config.now())
        else { throw CSRFRejected() }
        return (form, reader, age)
    }

    @Sendable func post(_ request: Request, context: Context) async throws -> Response {
        let slug = try context.parameters.require("slug")
        guard let story = try await store.stories.publishedStory(slug: slug) else { throw ContentError.notFound("The story") }
        let (form, reader, age) = try await checkedForm(request)
        let input = CommentService.Input(
            name: form.text("name"), email: form.text("email"), text: form.text("text"),
            parentID: form["parentId"].flatMap(UUID.init(uuidString:)), honeypot: form.text("website"), formAge: age
        )
        let clientHash = context.commentClientHash(request, comments)
        var state = ArticleRenderer.FormState(name: input.name, email: input.email, text: input.text, parentID: input.parentID)
        let articlePath = SiteURL.article(slug: story.slug).path
        let result = try await comments.post(input, toStory: story.slug, clientHash: clientHash, now: config.now())
        switch result {
        case .published(let comment, let token):
            var response = Response.seeOther(articlePath + "#comment-\(comment.id.uuidString)")
            response.setCookie(editCookie(comment.id, token))
            return response
        case .queued(let comment, let token):
            var response = Response.seeOther(articlePath + "?comment=pending#comments")
            response.setCookie(editCookie(comment.id, token))
            return response
        case .invalid(let problems):
            state.problems = problems
            return try await articles.render(story: story, request: request, reader: reader, form: state, status: .unprocessableContent).response
        case .refused(let reason):
            state.error = CommentService.refusalMessage(reason)
            return try await articles.render(story: story, request: request, reader: reader, form: state, status: .unprocessableContent).response
        case .closed:
            state.error = "The discussion is closed."
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
            name: ArticleRenderer.editCookieName(id), value: token, maxAge: Int(comments.settings.editWindow), path: "/",
            secure: config.secureCookies, httpOnly: true, sameSite: .lax
        )
    }

    private func back(to story: Story, _ fragment: String) -> Response {
        .seeOther(SiteURL.article(slug: story.slug).path + fragment)
    }

    @Sendable func vote(_ request: Request, context: Context) async throws -> Response {
        let id = try context.uuid("id", "The comment")
        let (form, reader, _) = try await checkedForm(request)
        guard let value = Int(form.text("value")) else { throw ContentError.invalid(field: "value", reason: "must be 1 or -1") }
        let (_, story) = try await comments.vote(id: id, value: value, voter: "reader:" + reader, clientHash: context.commentClientHash(request, comments), now: config.now())
        return back(to: story, "#comment-\(id.uuidString)")
    }

    @Sendable func report(_ request: Request, context: Context) async throws -> Response {
        let id = try context.uuid("id", "The comment")
        let (_, reader, _) = try await checkedForm(request)
        let story = try await comments.report(id: id, reporter: "reader:" + reader, clientHash: context.commentClientHash(request, comments), now: config.now())
        return back(to: story, "#comment-\(id.uuidString)")
    }

    @Sendable func edit(_ request: Request, context: Context) async throws -> Response {
        let id = try context.uuid("id", "The comment")
        let (form, _, _) = try await checkedForm(request)
        let token = request.cookies[ArticleRenderer.editCookieName(id)]?.value ?? ""
        let (_, story, held) = try await comments.edit(id: id, token: token, text: form.text("text"), clientHash: context.commentClientHash(request, comments), now: config.now())
        return back(to: story, held ? "?comment=pending#comments" : "?comment=edited#comment-\(id.uuidString)")
    }

    @Sendable func delete(_ request: Request, context: Context) async throws -> Response {
        let id = try context.uuid("id", "The comment")
        _ = try await checkedForm(request)
        let token = request.cookies[ArticleRenderer.editCookieName(id)]?.value ?? ""
        let story = try await comments.deleteOwn(id: id, token: token, clientHash: context.commentClientHash(request, comments), now: config.now())
        return back(to: story, "?comment=deleted#comments")
    }
}

/// Turns the discussion store's errors into the errors pages and the API report.
func mapped<T>(_ work: () async throws -> T) async throws -> T {
    do {
        return try await work()
    } catch let error as DiscussionRepository.DiscussionError {
        switch error {
        case .notFound: throw ContentError.notFound("The comment")
        case .editRefused(let message): throw HTTPError(.forbidden, message: message)
        }
    }
}
