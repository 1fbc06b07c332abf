import FluentKit
import Foundation
import GazetteCore

final class CommentRecord: Model, @unchecked Sendable {
    static let schema = "comments"
    @ID(key: .id) var id: UUID?
    @Field(key: "story_id") var storyID: UUID
    /// The comment this one answers.
    @OptionalField(key: "parent_id") var parentID: UUID?
    /// The top-level comment of the thread (itself for a top-level comment).
    @Field(key: "root_id") var rootID: UUID
    /// 0, 1 or 2: three levels are shown; deeper replies stay at the third.
    @Field(key: "depth") var depth: Int
    @OptionalField(key: "reply_to_name") var replyToName: String?
    @Field(key: "name") var name: String
    @OptionalField(key: "email") var email: String?
    @Field(key: "text") var text: String
    /// `Secrets.textDigest(text)`: the duplicate rule's index.
    @OptionalField(key: "text_digest") var textDigest: String?
    @Field(key: "html") var html: String
    @Field(key: "status") var status: String
    /// Why the guard or a moderator decided as they did.
    @Field(key: "reason") var reason: String
    @Field(key: "client_hash") var clientHash: String
    @Field(key: "edit_token_hash") var editTokenHash: String
    @Field(key: "score") var score: Int
    @Field(key: "reports") var reports: Int
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "edited_at") var editedAt: Date?

    init() {}
}

final class CommentVoteRecord: Model, @unchecked Sendable {
    static let schema = "comment_votes"
    @ID(key: .id) var id: UUID?
    @Field(key: "comment_id") var commentID: UUID
    @Field(key: "voter") var voter: String
    @Field(key: "value") var value: Int

    init() {}
}

final class CommentReportRecord: Model, @unchecked Sendable {
    static let schema = "comment_reports"
    @ID(key: .id) var id: UUID?
    @Field(key: "comment_id") var commentID: UUID
    @Field(key: "reporter") var reporter: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// A ban by e-mail address or by hashed client address (the raw IP is never stored).
final class BanRecord: Model, @unchecked Sendable {
    static let schema = "bans"
    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: String
    @Field(key: "value") var value: String
    @Field(key: "reason") var reason: String
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

final class ModerationActionRecord: Model, @unchecked Sendable {
    static let schema = "moderation_actions"
    @ID(key: .id) var id: UUID?
    @OptionalField(key: "comment_id") var commentID: UUID?
    @Field(key: "action") var action: String
    @Field(key: "user_name") var userName: String
    @Field(key: "detail") var detail: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
