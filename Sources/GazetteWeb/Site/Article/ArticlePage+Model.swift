import Foundation
import GazetteCore

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
    var hasLeadPhoto: Bool
    var leadPhoto: PictureModel?
    /// Rendered by the server from Markdown at save time, with raw HTML escaped.
    var bodyHTML: String
    var tags: [LinkModel]
    var hasTags: Bool
    var readNext: [StoryItem]
    var comments: CommentsBlock
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
    /// The signed time token's slot (`PageBody.slotMarker`), filled per response.
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
