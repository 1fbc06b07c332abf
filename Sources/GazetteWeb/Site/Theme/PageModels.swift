import Foundation
import GazetteCore

// View models: the plain structs templates see. Each page has its own; nothing here knows the
// store's records.

/// What the layout shows around every page.
struct LayoutModel {
    var siteName: String
    var tagline: String
    var language: String
    var title: String
    var description: String
    /// The page's one address, absolute (`https://news.example.org/news/…`).
    var canonicalURL: String
    var stylesheet: String
    var homeURL: String
    var searchURL: String
    var year: Int
}

struct StoryItem {
    var url: String
    var headline: String
    var lead: String
    var time: String
    var datetime: String
    /// Optional values are flattened with a flag: Mustache would otherwise look a missing
    /// value up in the enclosing page and show the page's rubric on an item without one.
    var hasRubric: Bool
    var rubricLabel: String
    var rubricURL: String
    var hasComments: Bool
    var commentLabel: String
}

struct PaginationModel {
    var page: Int
    var pageCount: Int
    var previousURL: String?
    var nextURL: String?
}

struct HomePage {
    var layout: LayoutModel
    var breaking: StoryItem?
    var top: StoryItem?
    var stories: [StoryItem]
    var pagination: PaginationModel?
    var isEmpty: Bool
}

struct LinkModel {
    var name: String
    var url: String
}

struct CommentsBlock {
    var count: Int
    var countLabel: String
    var prompt: String
    var isEmpty: Bool
    var emptyText: String
    var isClosed: Bool
    var hasNotice: Bool
    var notice: String
    var hasError: Bool
    var error: String
    var form: CommentFormModel
    var comments: [CommentModel]
    var sorts: [SortLinkModel]
    var pagination: PaginationModel?
    /// One thread shown on its own (`?thread=`), with a link back to all comments.
    var isThreadView = false
    var allCommentsURL = ""
}

struct CommentFormModel {
    var action: String
    /// Signed time token: the form's CSRF check and fill time.
    var token: String
    var name: String
    var email: String
    var text: String
    var parentID: String
    var hasReply: Bool
    var replyingTo: String
    var cancelReplyURL: String
    var errors: CommentFieldErrors
}

struct CommentFieldErrors {
    var name: String?
    var email: String?
    var text: String?

    init(_ problems: [String: String]) {
        name = problems["name"]
        email = problems["email"]
        text = problems["text"]
    }
}

struct CommentModel {
    var id: String
    var anchor: String
    var name: String
    /// Rendered by `CommentText`, which escapes everything the reader typed.
    var html: String
    var time: String
    var datetime: String
    var isEdited: Bool
    var score: Int
    var isDeleted: Bool
    var hasReplyTo: Bool
    var replyToName: String
    var replyURL: String
    var voteURL: String
    var reportURL: String
    var editActionURL: String
    var deleteURL: String
    var token: String
    var mayChange: Bool
    var isEditing: Bool
    var editURL: String
    var editText: String
    var replies: [CommentModel]
    var hasReplies: Bool
    var depthClass: String
    /// A long thread shows its first replies and links to the rest.
    var hasMoreReplies = false
    var moreRepliesURL = ""
    var moreRepliesLabel = ""
}

struct SortLinkModel {
    var label: String
    var url: String
    var isCurrent: Bool
}

struct ArticlePage {
    var layout: LayoutModel
    var headline: String
    var lead: String
    var hasRubric: Bool
    var rubricLabel: String
    var rubricURL: String
    var authors: [LinkModel]
    var hasAuthors: Bool
    var published: String
    var publishedISO: String
    var isUpdated: Bool
    var updated: String
    var updatedISO: String
    /// Rendered by the server from Markdown at save time, with raw HTML escaped.
    var bodyHTML: String
    var tags: [LinkModel]
    var hasTags: Bool
    var readNext: [StoryItem]
    var comments: CommentsBlock
}

struct ListPage {
    var layout: LayoutModel
    var kind: String
    var heading: String
    /// An author's bio, as plain text.
    var hasIntro: Bool
    var intro: String
    var stories: [StoryItem]
    var pagination: PaginationModel?
    var isEmpty: Bool
}

struct ErrorPage {
    var layout: LayoutModel
    var status: Int
    var title: String
    var message: String
}

/// Builds the view models' shared parts from site settings and the clock.
struct PageBuilder: Sendable {
    let site: SiteSettings
    let theme: Theme
    /// The site's public address, which absolute links start with.
    let publicBase: String
    let now: @Sendable () -> Date

    var timeFormat: StoryTimeFormat { StoryTimeFormat(timeZone: site.timeZone) }

    func layout(title: String?, description: String? = nil, canonical: SiteURL) -> LayoutModel {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = site.timeZone
        return LayoutModel(
            siteName: site.name,
            tagline: site.tagline,
            language: site.language,
            title: title.map { "\($0) — \(site.name)" } ?? site.name,
            description: description ?? site.tagline,
            canonicalURL: canonical.absolute(base: publicBase),
            stylesheet: SiteURL.asset("site.css", version: theme.assetVersion("site.css")).path,
            homeURL: SiteURL.home().path,
            searchURL: SiteURL.search().path,
            year: calendar.component(.year, from: now())
        )
    }

    func item(_ story: StorySummary) -> StoryItem {
        let date = story.publishedAt ?? now()
        return StoryItem(
            url: SiteURL.article(slug: story.slug).path,
            headline: story.headline,
            lead: story.lead,
            time: timeFormat.listTime(date, now: now()),
            datetime: timeFormat.machineTime(date),
            hasRubric: story.rubric != nil,
            rubricLabel: story.rubric?.label ?? "",
            rubricURL: story.rubric.map { SiteURL.rubric(slug: $0.slug).path } ?? "",
            hasComments: story.commentCount > 0,
            commentLabel: Self.commentLabel(story.commentCount)
        )
    }

    func pagination<T>(_ page: PagedList<T>, url: (Int) -> String) -> PaginationModel? {
        PaginationModel.make(page, url: url)
    }

    static func commentLabel(_ count: Int) -> String {
        count == 1 ? "1 comment" : "\(count) comments"
    }
}

extension PaginationModel {
    /// Previous and next links of a paged list; nil for a list of one page.
    static func make<T>(_ page: PagedList<T>, url: (Int) -> String) -> PaginationModel? {
        guard page.pageCount > 1 else { return nil }
        return PaginationModel(
            page: page.request.page,
            pageCount: page.pageCount,
            previousURL: page.hasPrevious ? url(page.request.page - 1) : nil,
            nextURL: page.hasNext ? url(page.request.page + 1) : nil
        )
    }
}
