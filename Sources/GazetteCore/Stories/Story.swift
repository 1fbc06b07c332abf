import Foundation

/// Where a story is in the newsroom workflow. Stored as its raw string.
public enum StoryStatus: String, Sendable, Codable, CaseIterable {
    case draft
    case inReview = "in_review"
    case scheduled
    case published
    case unpublished
}

/// A section of the site. `label` is what readers see above a headline, e.g. `UKRAINE-RUSSIA`.
public struct Rubric: Sendable, Equatable, Hashable, Codable {
    public var id: UUID
    public var name: String
    public var slug: String
    public var label: String

    public init(id: UUID, name: String, slug: String, label: String) {
        self.id = id
        self.name = name
        self.slug = slug
        self.label = label
    }
}

public struct Tag: Sendable, Equatable, Hashable, Codable {
    public var id: UUID
    public var name: String
    public var slug: String

    public init(id: UUID, name: String, slug: String) {
        self.id = id
        self.name = name
        self.slug = slug
    }
}

public struct Author: Sendable, Equatable, Hashable, Codable {
    public var id: UUID
    public var name: String
    public var slug: String
    public var bio: String

    public init(id: UUID, name: String, slug: String, bio: String = "") {
        self.id = id
        self.name = name
        self.slug = slug
        self.bio = bio
    }
}

/// What lists (home, rubric, tag, Read next, API lists) need of a story.
public struct StorySummary: Sendable, Equatable, Codable {
    public var id: UUID
    public var slug: String
    public var headline: String
    public var lead: String
    public var rubric: Rubric?
    public var tags: [Tag]
    public var publishedAt: Date?
    public var pinned: Bool
    public var breaking: Bool
    /// Published comments, kept up to date by the store.
    public var commentCount: Int
    /// The lead photo, shown as the story's thumbnail in lists.
    public var photo: Photo?

    public init(
        id: UUID, slug: String, headline: String, lead: String, rubric: Rubric?, tags: [Tag],
        publishedAt: Date?, pinned: Bool = false, breaking: Bool = false, commentCount: Int = 0, photo: Photo? = nil
    ) {
        self.id = id
        self.slug = slug
        self.headline = headline
        self.lead = lead
        self.rubric = rubric
        self.tags = tags
        self.publishedAt = publishedAt
        self.pinned = pinned
        self.breaking = breaking
        self.commentCount = commentCount
        self.photo = photo
    }
}

/// A whole story as the article page and the Content API show it.
public struct Story: Sendable, Equatable, Codable {
    public var id: UUID
    public var slug: String
    public var headline: String
    public var lead: String
    /// The Markdown the newsroom wrote.
    public var body: String
    /// `body` rendered once, at save time, by `MarkdownRenderer`.
    public var bodyHTML: String
    public var rubric: Rubric?
    public var tags: [Tag]
    public var authors: [Author]
    public var status: StoryStatus
    public var publishedAt: Date?
    public var updatedAt: Date
    public var pinned: Bool
    public var breaking: Bool
    public var seoTitle: String
    public var seoDescription: String
    public var commentPolicy: CommentPolicy
    /// Goes up by one with every save; a save must name the version it started from.
    public var version: Int
    /// When a scheduled story goes out.
    public var scheduledAt: Date?
    /// The newsroom user who created the story (nil for imports).
    public var createdBy: UUID?
    public var commentCount: Int
    /// The photo above the story (and on its cards, feeds and structured data).
    public var leadPhoto: Photo?

    public init(
        id: UUID, slug: String, headline: String, lead: String, body: String, bodyHTML: String,
        rubric: Rubric?, tags: [Tag], authors: [Author], status: StoryStatus,
        publishedAt: Date?, updatedAt: Date, pinned: Bool, breaking: Bool,
        seoTitle: String = "", seoDescription: String = "", commentPolicy: CommentPolicy = .open,
        version: Int = 1, scheduledAt: Date? = nil, createdBy: UUID? = nil, commentCount: Int = 0, leadPhoto: Photo? = nil
    ) {
        self.id = id
        self.slug = slug
        self.headline = headline
        self.lead = lead
        self.body = body
        self.bodyHTML = bodyHTML
        self.rubric = rubric
        self.tags = tags
        self.authors = authors
        self.status = status
        self.publishedAt = publishedAt
        self.updatedAt = updatedAt
        self.pinned = pinned
        self.breaking = breaking
        self.seoTitle = seoTitle
        self.seoDescription = seoDescription
        self.commentPolicy = commentPolicy
        self.version = version
        self.scheduledAt = scheduledAt
        self.createdBy = createdBy
        self.commentCount = commentCount
        self.leadPhoto = leadPhoto
    }

    /// The rubric's name and the tags' names, each once (a rubric and a tag may share a name):
    /// a feed item's categories and the structured data's keywords.
    public var topics: [String] {
        var seen = Set<String>()
        return ((rubric.map { [$0.name] } ?? []) + tags.map(\.name)).filter { seen.insert($0.lowercased()).inserted }
    }

    public var summary: StorySummary {
        StorySummary(
            id: id, slug: slug, headline: headline, lead: lead, rubric: rubric, tags: tags,
            publishedAt: publishedAt, pinned: pinned, breaking: breaking, commentCount: commentCount, photo: leadPhoto
        )
    }

    public var discussionTarget: DiscussionTarget {
        DiscussionTarget(storyID: id, policy: commentPolicy, publishedAt: publishedAt)
    }
}

/// What the newsroom (or an import) hands over to create a story. Rubric, tags and authors
/// are named; the store finds or creates them.
public struct NewStory: Sendable, Equatable {
    public var headline: String
    public var lead: String
    public var body: String
    public var slug: String?
    public var rubric: RubricName?
    public var tags: [String]
    public var authors: [String]
    public var status: StoryStatus
    public var publishedAt: Date?
    /// When a scheduled story goes out.
    public var scheduledAt: Date?
    public var pinned: Bool
    public var breaking: Bool
    /// Identifies the source of an imported story so a second import finds it again.
    public var importKey: String?
    public var seoTitle: String = ""
    public var seoDescription: String = ""
    public var commentPolicy: CommentPolicy = .open
    public var createdBy: UUID?
    /// A library photo shown above the story.
    public var leadPhoto: UUID?

    public init(
        headline: String, lead: String, body: String, slug: String? = nil, rubric: RubricName? = nil,
        tags: [String] = [], authors: [String] = [], status: StoryStatus = .published,
        publishedAt: Date? = nil, pinned: Bool = false, breaking: Bool = false, importKey: String? = nil
    ) {
        self.headline = headline
        self.lead = lead
        self.body = body
        self.slug = slug
        self.rubric = rubric
        self.tags = tags
        self.authors = authors
        self.status = status
        self.publishedAt = publishedAt
        self.pinned = pinned
        self.breaking = breaking
        self.importKey = importKey
    }

    /// A story written in the newsroom starts as a draft of its creator (nil for an API token).
    public init(draft: StoryDraft, createdBy: UUID?) {
        self.init(
            headline: draft.headline, lead: draft.lead, body: draft.body,
            slug: draft.slug.trimmingWhitespace.isEmpty ? nil : draft.slug.trimmingWhitespace,
            rubric: draft.rubric.trimmingWhitespace.isEmpty ? nil : RubricName(draft.rubric.trimmingWhitespace),
            tags: draft.tags, authors: draft.authors, status: .draft, pinned: draft.pinned, breaking: draft.breaking
        )
        self.seoTitle = draft.seoTitle
        self.seoDescription = draft.seoDescription
        self.commentPolicy = draft.commentPolicy
        self.createdBy = createdBy
        self.leadPhoto = draft.leadPhoto
    }
}

/// A rubric by name, with the label readers see (defaults to the name).
public struct RubricName: Sendable, Equatable {
    public var name: String
    public var label: String

    public init(_ name: String, label: String? = nil) {
        self.name = name
        self.label = label ?? name
    }
}
