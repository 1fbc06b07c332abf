import Foundation

/// How comments are sorted: at the top level; replies always read oldest first.
public enum CommentSort: String, Sendable, CaseIterable {
    case oldest, newest, top
}

/// A comment as pages and the API show it. E-mail, client hash and edit token never appear.
public struct PublicComment: Sendable, Equatable {
    public var id: UUID
    public var parentID: UUID?
    public var replyToName: String?
    public var depth: Int
    public var name: String
    public var html: String
    public var createdAt: Date
    public var editedAt: Date?
    public var score: Int
    public var isDeleted: Bool
    public var replies: [PublicComment]
    /// Replies in this thread beyond those in `replies` (a page shows the first of a long thread).
    public var moreReplies = 0

    /// Replies below this comment, at every depth.
    public var countReplies: Int { replies.reduce(replies.count) { $0 + $1.countReplies } }

    public init(id: UUID, parentID: UUID?, replyToName: String?, depth: Int, name: String, html: String, createdAt: Date, editedAt: Date?, score: Int, isDeleted: Bool, replies: [PublicComment] = []) {
        self.id = id
        self.parentID = parentID
        self.replyToName = replyToName
        self.depth = depth
        self.name = name
        self.html = html
        self.createdAt = createdAt
        self.editedAt = editedAt
        self.score = score
        self.isDeleted = isDeleted
        self.replies = replies
    }
}
