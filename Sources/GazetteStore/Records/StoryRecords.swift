import FluentKit
import Foundation
import GazetteCore

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
    @OptionalField(key: "lead_photo_id") var leadPhotoID: UUID?

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
