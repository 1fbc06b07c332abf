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
    @OptionalParent(key: "rubric_id") var rubric: RubricRecord?
    @Field(key: "status") var status: String
    @OptionalField(key: "published_at") var publishedAt: Date?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @Field(key: "pinned") var pinned: Bool
    @Field(key: "breaking") var breaking: Bool
    @OptionalField(key: "import_key") var importKey: String?

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
