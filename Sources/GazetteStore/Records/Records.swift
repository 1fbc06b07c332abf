import FluentKit
import Foundation
import GazetteCore

// Fluent records. They never leave this module: repositories turn them into GazetteCore structs.

final class RubricRecord: Model, @unchecked Sendable {
    static let schema = "rubrics"
    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "slug") var slug: String
    @Field(key: "label") var label: String

    init() {}

    init(name: String, slug: String, label: String) {
        self.name = name
        self.slug = slug
        self.label = label
    }

    var domain: Rubric { Rubric(id: id!, name: name, slug: slug, label: label) }
}

final class TagRecord: Model, @unchecked Sendable {
    static let schema = "tags"
    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "slug") var slug: String

    init() {}

    init(name: String, slug: String) {
        self.name = name
        self.slug = slug
    }

    var domain: Tag { Tag(id: id!, name: name, slug: slug) }
}

final class AuthorRecord: Model, @unchecked Sendable {
    static let schema = "authors"
    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "slug") var slug: String
    @Field(key: "bio") var bio: String

    init() {}

    init(name: String, slug: String, bio: String = "") {
        self.name = name
        self.slug = slug
        self.bio = bio
    }

    var domain: Author { Author(id: id!, name: name, slug: slug, bio: bio) }
}

final class StoryRecord: Model, @unchecked Sendable {
    static let schema = "stories"
    @ID(key: .id) var id: UUID?
    @Field(key: "slug") var slug: String
    @Field(key: "headline") var headline: String
    @Field(key: "lead") var lead: String
    @Field(key: "body") var body: String
    @Field(key: "body_html") var bodyHTML: String
    /// The body's words without markup, for full-text search (`SearchSnippet.plainText`).
    @Field(key: "body_text") var bodyText: String
    @OptionalParent(key: "rubric_id") var rubric: RubricRecord?
    @Field(key: "status") var status: String
    @OptionalField(key: "published_at") var publishedAt: Date?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @Field(key: "pinned") var pinned: Bool
    @Field(key: "breaking") var breaking: Bool
    @OptionalField(key: "import_key") var importKey: String?
    @Field(key: "version") var version: Int
    @Field(key: "seo_title") var seoTitle: String
    @Field(key: "seo_description") var seoDescription: String
    @Field(key: "comment_policy") var commentPolicy: String
    @OptionalField(key: "scheduled_at") var scheduledAt: Date?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Field(key: "comment_count") var commentCount: Int

    init() {}
}

/// Tags of a story, in the order the newsroom gave them.
final class StoryTagRecord: Model, @unchecked Sendable {
    static let schema = "story_tags"
    @ID(key: .id) var id: UUID?
    @Parent(key: "story_id") var story: StoryRecord
    @Parent(key: "tag_id") var tag: TagRecord
    @Field(key: "position") var position: Int

    init() {}

    init(storyID: UUID, tagID: UUID, position: Int) {
        self.$story.id = storyID
        self.$tag.id = tagID
        self.position = position
    }
}

/// Authors of a story, in byline order.
final class StoryAuthorRecord: Model, @unchecked Sendable {
    static let schema = "story_authors"
    @ID(key: .id) var id: UUID?
    @Parent(key: "story_id") var story: StoryRecord
    @Parent(key: "author_id") var author: AuthorRecord
    @Field(key: "position") var position: Int

    init() {}

    init(storyID: UUID, authorID: UUID, position: Int) {
        self.$story.id = storyID
        self.$author.id = authorID
        self.position = position
    }
}

final class UserRecord: Model, @unchecked Sendable {
    static let schema = "users"
    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "name") var name: String
    @Field(key: "role") var role: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "disabled_at") var disabledAt: Date?

    init() {}

    func domain() throws -> NewsroomUser {
        NewsroomUser(id: id!, email: email, name: name, role: try Role(stored: role), createdAt: createdAt, disabledAt: disabledAt)
    }
}

/// A log-in session. Only a hash of the cookie's token is stored, so a leaked database does
/// not hand out sessions.
final class SessionRecord: Model, @unchecked Sendable {
    static let schema = "sessions"
    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Parent(key: "user_id") var user: UserRecord
    @Field(key: "csrf_token") var csrfToken: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date

    init() {}
}

final class LoginAttemptRecord: Model, @unchecked Sendable {
    static let schema = "login_attempts"
    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    /// `success`, `failure` or `refused` (while locked out; does not extend the lock).
    @Field(key: "outcome") var outcome: String
    @Field(key: "client") var client: String
    @Field(key: "at") var at: Date

    init() {}
}

final class RevisionRecord: Model, @unchecked Sendable {
    static let schema = "story_revisions"
    @ID(key: .id) var id: UUID?
    @Field(key: "story_id") var storyID: UUID
    @Field(key: "version") var version: Int
    @OptionalField(key: "user_id") var userID: UUID?
    @Field(key: "user_name") var userName: String
    @Field(key: "action") var action: String
    @Field(key: "status") var status: String
    /// The `StoryDraft` as JSON.
    @Field(key: "content") var content: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// An old slug of a published story; `/news/{old}` answers 301 to the current slug.
final class SlugRedirectRecord: Model, @unchecked Sendable {
    static let schema = "slug_redirects"
    @ID(key: .id) var id: UUID?
    @Field(key: "old_slug") var oldSlug: String
    @Field(key: "story_id") var storyID: UUID

    init() {}
}

/// An editor's choice for a story's Read next: another story pinned (at `position`) or kept out.
final class ReadNextChoiceRecord: Model, @unchecked Sendable {
    static let schema = "read_next_choices"
    @ID(key: .id) var id: UUID?
    @Field(key: "story_id") var storyID: UUID
    @Field(key: "target_id") var targetID: UUID
    /// `pinned` or `excluded`.
    @Field(key: "kind") var kind: String
    @Field(key: "position") var position: Int

    init() {}
}

/// "X is editing this story": a soft lock renewed while the editor is open.
final class StoryLockRecord: Model, @unchecked Sendable {
    static let schema = "story_locks"
    @ID(key: .id) var id: UUID?
    @Field(key: "story_id") var storyID: UUID
    @Field(key: "user_id") var userID: UUID
    @Field(key: "user_name") var userName: String
    @Field(key: "expires_at") var expiresAt: Date

    init() {}
}

final class APITokenRecord: Model, @unchecked Sendable {
    static let schema = "api_tokens"
    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "role") var role: String
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "user_id") var userID: UUID?

    init() {}
}

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

/// Secrets the site makes once and keeps, shared by all nodes.
final class SiteSecretRecord: Model, @unchecked Sendable {
    static let schema = "site_secrets"
    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "value") var value: String

    init() {}
}
