import Foundation
import GazetteCore
import GazetteStore
import Hummingbird

/// Builds the article page, comments included, for the article route and for comment forms
/// that come back with an error. The page is the same for every reader but for the comment
/// form's time token, which stands in a slot (`PageBody.slotMarker`) filled per response.
struct ArticleRenderer: Sendable {
    let pages: PageBuilder
    let comments: CommentService
    let readNext: ReadNextService
    let server: PageServer

    static let readerCookie = "gazette_reader"
    static let editCookiePrefix = "gazette_edit_"

    /// What the comment form holds when it comes back to the reader.
    struct FormState {
        var name = ""
        var email = ""
        var text = ""
        var parentID: UUID?
        var problems: [String: String] = [:]
        var error: String?
    }

    /// The query parameters the shared page reads (`edit` needs the reader's edit cookie, and
    /// `comment` names what the reader just did: such pages are the reader's own).
    static let sharedQuery = ["sort", "cpage", "thread", "rpage", "reply"]

    /// What fills the form's token slot.
    var formToken: @Sendable (Date) -> String {
        { [comments] now in comments.formToken(now: now) }
    }

    static func readerCookie(_ id: String, secure: Bool) -> Cookie {
        Cookie(name: readerCookie, value: id, maxAge: 365 * 86_400, path: Route.home.rawValue, secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// Whether the request carries any comment's edit cookie (edit links are its reader's alone).
    static func hasEditCookie(_ request: Request) -> Bool {
        request.headers[.cookie]?.contains(editCookiePrefix) == true
    }

    static func editCookieName(_ id: UUID) -> String {
        editCookiePrefix + id.uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    }

    /// The page as this reader alone sees it: with their edit links, a notice of what they
    /// just did, or their comment form sent back with what to mend.
    func personalPage(story: Story, request: Request, form: FormState = FormState(), status: HTTPResponse.Status = .ok) async throws -> Response {
        try server.personal(request, try await render(story: story, request: request, form: form), status: status, slot: formToken)
    }

    func render(story: Story, request: Request, form: FormState = FormState()) async throws -> PublicDocument {
        let query = request.uri.queryParameters
        let now = pages.now()
        let sort = query.get("sort").flatMap(CommentSort.init(rawValue:)) ?? .oldest
        let commentPage = try PageQuery.parse(page: query.get("cpage"), limit: nil, defaultLimit: comments.settings.pageSize)
        // `?thread=ID` shows one long thread on its own, its replies paged by `rpage`.
        let threadID = query.get("thread").flatMap(UUID.init(uuidString:))
        let replyPage = try PageQuery.parse(page: query.get("rpage"), limit: nil, defaultLimit: comments.settings.repliesPerThread)
        let single = try await threadID.asyncMap { try await comments.thread(of: story, root: $0, replies: replyPage) } ?? nil
        if threadID != nil, single == nil { throw ContentError.notFound("The comment thread") }
        let thread: PagedList<PublicComment>
        if let single {
            thread = single
        } else {
            thread = try await comments.threads(of: story, sort: sort, page: commentPage)
        }
        let readNextPick = try await readNext.stories(for: story)
        let token = PageBody.slotMarker
        let editing = query.get("edit").flatMap(UUID.init(uuidString:))
        let replyTo = form.parentID ?? query.get("reply").flatMap(UUID.init(uuidString:))
        let replyComment = try await replyTo.asyncMap { try await comments.publishedComment($0, of: story) } ?? nil

        func url(_ options: SiteURL.ArticleQuery, _ fragment: String) -> String {
            SiteURL.article(slug: story.slug, options, fragment: fragment).path
        }
        // Only a reader with an edit cookie may see edit links (and never in the shared page).
        let hasEditCookies = Self.hasEditCookie(request)
        func model(_ comment: PublicComment) -> CommentModel {
            let mayChange = hasEditCookies && !comment.isDeleted && request.cookies[Self.editCookieName(comment.id)] != nil
                && now.timeIntervalSince(comment.createdAt) <= comments.settings.editWindow
            return CommentModel(
                id: comment.id.uuidString, anchor: "comment-\(comment.id.uuidString)", name: comment.name, html: comment.html,
                time: pages.timeFormat.fullTime(comment.createdAt), datetime: pages.timeFormat.machineTime(comment.createdAt),
                isEdited: comment.editedAt != nil, score: comment.score, isDeleted: comment.isDeleted,
                hasReplyTo: comment.replyToName != nil, replyToName: comment.replyToName ?? "",
                replyURL: url(.init(sort: sort, commentPage: commentPage.page, reply: comment.id), "comment-form"),
                voteURL: SiteURL.comment(comment.id, .vote).path, reportURL: SiteURL.comment(comment.id, .report).path,
                editActionURL: SiteURL.comment(comment.id, .edit).path, deleteURL: SiteURL.comment(comment.id, .delete).path,
                mayChange: mayChange,
                isEditing: mayChange && editing == comment.id,
                editURL: url(.init(sort: sort, commentPage: commentPage.page, edit: comment.id), "comment-\(comment.id.uuidString)"),
                editText: "", replies: comment.replies.map(model), hasReplies: !comment.replies.isEmpty,
                depthClass: "depth-\(comment.depth)",
                hasMoreReplies: comment.moreReplies > 0,
                moreRepliesURL: url(.init(sort: sort, thread: comment.id), "comment-\(comment.id.uuidString)"),
                moreRepliesLabel: "Show all \(comment.moreReplies + comment.countReplies) replies"
            )
        }
        var commentModels = thread.items.map(model)
        // The text to edit comes from the store, only for the comment being edited.
        if let editing, let text = try await comments.editableText(editing) {
            func fill(_ models: inout [CommentModel]) {
                for index in models.indices {
                    if models[index].isEditing && models[index].id == editing.uuidString { models[index].editText = text }
                    fill(&models[index].replies)
                }
            }
            fill(&commentModels)
        }
        let notice: String?
        switch query.get("comment") {
        case "posted": notice = "Thank you. Your comment is published."
        case "pending": notice = "Thank you. Your comment is waiting for moderation."
        case "voted": notice = "Thank you. Your vote is counted."
        case "reported": notice = "Thank you. A moderator will look at the comment you reported."
        case "edited": notice = "Your comment was changed."
        case "deleted": notice = "Your comment was deleted."
        default: notice = nil
        }
        let count = story.commentCount
        let block = CommentsBlock(
            count: count, countLabel: PageBuilder.commentLabel(count), prompt: "What is your opinion on this topic?",
            isEmpty: count == 0 && thread.total == 0, emptyText: "Leave the first comment",
            isClosed: comments.isClosed(story, now: now),
            hasNotice: notice != nil, notice: notice ?? "",
            hasError: form.error != nil || !form.problems.isEmpty,
            error: form.error ?? (form.problems.isEmpty ? "" : "Your comment was not posted. Please check the fields marked below."),
            form: CommentFormModel(
                action: SiteURL.articleComments(slug: story.slug).path, token: token, name: form.name, email: form.email, text: form.text,
                parentID: replyComment?.id.uuidString ?? "", hasReply: replyComment != nil,
                replyingTo: replyComment?.name ?? "", cancelReplyURL: url(.init(sort: sort), "comment-form"),
                errors: CommentFieldErrors(form.problems)
            ),
            comments: commentModels,
            sorts: CommentSort.allCases.map {
                SortLinkModel(label: $0.rawValue.capitalized, url: url(.init(sort: $0), "comments"), isCurrent: $0 == sort)
            },
            pagination: pages.pagination(thread) { page in
                // The pages of all threads, or of one thread's replies.
                guard single != nil, let threadID else { return url(.init(sort: sort, commentPage: page), "comments") }
                return url(.init(sort: sort, thread: threadID, replyPage: page), "comments")
            },
            isThreadView: single != nil,
            allCommentsURL: url(.init(sort: sort), "comments")
        )
        let format = pages.timeFormat
        let published = story.publishedAt ?? story.updatedAt
        // Show "updated" only for a real later edit, not the save that published it.
        let updated = story.updatedAt.timeIntervalSince(published) > 60 ? story.updatedAt : nil
        let model = ArticlePage(
            layout: pages.layout(title: story.seoTitle.isEmpty ? story.headline : story.seoTitle,
                                 description: story.seoDescription.isEmpty ? story.lead : story.seoDescription,
                                 canonical: .article(slug: story.slug), meta: PageMeta.article(story)),
            headline: story.headline,
            lead: story.lead,
            hasRubric: story.rubric != nil,
            rubricLabel: story.rubric?.label ?? "",
            rubricURL: story.rubric.map { SiteURL.rubric(slug: $0.slug).path } ?? "",
            authors: story.authors.map { LinkModel(name: $0.name, url: SiteURL.author(slug: $0.slug).path) },
            hasAuthors: !story.authors.isEmpty,
            published: format.fullTime(published),
            publishedISO: format.machineTime(published),
            isUpdated: updated != nil,
            updated: updated.map(format.fullTime) ?? "",
            updatedISO: updated.map(format.machineTime) ?? "",
            hasLeadPhoto: story.leadPhoto != nil,
            leadPhoto: story.leadPhoto.map { PictureModel($0, sizes: PhotoMarkup.bodySizes, lazy: false) },
            bodyHTML: story.bodyHTML,
            tags: story.tags.map { LinkModel(name: $0.name, url: SiteURL.tag(slug: $0.slug).path) },
            hasTags: !story.tags.isEmpty,
            readNext: readNextPick.stories.map(pages.item),
            comments: block
        )
        var tags: Set<PageTag> = [.story(story.id), .readNext(story.id)]
        tags.formUnion(readNextPick.stories.map { .listed($0.id) })
        // Stories the fallback ranker chose may give way to any newly published one.
        if readNextPick.filled { tags.insert(.latest) }
        let closes = CommentGuard(settings: comments.settings).closesAt(policy: story.commentPolicy, publishedAt: story.publishedAt)
        return PublicDocument(
            body: try pages.theme.render(model, template: "article"), contentType: PublicDocument.htmlType, lastModified: nil,
            tags: tags, expires: [pages.labelsExpire(readNextPick.stories), closes].compactMap { $0 }.filter { $0 > now }.min()
        )
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
