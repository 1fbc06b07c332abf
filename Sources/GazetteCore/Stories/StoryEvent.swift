import Foundation

/// What readers can see of a story, enough for whatever reacts to a change (Read next, the
/// page cache, feeds, other nodes) to know which pages and lists it touched.
public struct StoryFacts: Sendable, Equatable, Codable {
    public var id: UUID
    public var slug: String
    public var isPublished: Bool
    public var rubricSlug: String?
    public var tagSlugs: [String]
    public var authorSlugs: [String]
    /// Where the story stands in lists: its time, and whether the front page pins it or
    /// shows it as breaking news.
    public var publishedAt: Date?
    public var pinned: Bool
    public var breaking: Bool

    public init(
        id: UUID, slug: String, isPublished: Bool, rubricSlug: String? = nil, tagSlugs: [String] = [], authorSlugs: [String] = [],
        publishedAt: Date? = nil, pinned: Bool = false, breaking: Bool = false
    ) {
        self.id = id
        self.slug = slug
        self.isPublished = isPublished
        self.rubricSlug = rubricSlug
        self.tagSlugs = tagSlugs
        self.authorSlugs = authorSlugs
        self.publishedAt = publishedAt
        self.pinned = pinned
        self.breaking = breaking
    }

    public init(_ story: Story) {
        self.init(
            id: story.id, slug: story.slug, isPublished: story.status == .published, rubricSlug: story.rubric?.slug,
            tagSlugs: story.tags.map(\.slug), authorSlugs: story.authors.map(\.slug),
            publishedAt: story.publishedAt, pinned: story.pinned, breaking: story.breaking
        )
    }

    /// Whether the story would sit elsewhere in a list (another time, rubric, tag, author, pin).
    public func placedDifferently(from other: StoryFacts) -> Bool {
        publishedAt != other.publishedAt || rubricSlug != other.rubricSlug || tagSlugs != other.tagSlugs
            || authorSlugs != other.authorSlugs || pinned != other.pinned || breaking != other.breaking
    }
}

/// A change to a story, raised by the write that committed it.
public enum StoryEvent: Sendable, Equatable, Codable {
    /// The story became public (published now or by the scheduler, or republished).
    case published(StoryFacts)
    /// The story stopped being public; the facts are those it had while it was.
    case unpublished(StoryFacts)
    /// The story's content or settings were saved (any status); `before` is what it was.
    case changed(StoryFacts, before: StoryFacts)
    /// The story has a new address; the old one answers with a redirect.
    case slugChanged(StoryFacts, oldSlug: String)
    /// The newsroom pinned or excluded Read next stories for this story.
    case curationChanged(storyID: UUID)
    /// The story is gone.
    case deleted(StoryFacts)

    public var storyID: UUID {
        switch self {
        case .published(let facts), .unpublished(let facts), .changed(let facts, _), .slugChanged(let facts, _), .deleted(let facts):
            return facts.id
        case .curationChanged(let id):
            return id
        }
    }

    /// The events between two states of one story: what a save, a move or a restore announces.
    public static func between(_ before: Story, _ after: Story) -> [StoryEvent] {
        let old = StoryFacts(before)
        let new = StoryFacts(after)
        var events: [StoryEvent] = []
        if after.version != before.version || old != new { events.append(.changed(new, before: old)) }
        switch (old.isPublished, new.isPublished) {
        case (false, true): events.append(.published(new))
        case (true, false): events.append(.unpublished(old))
        default: break
        }
        if old.slug != new.slug { events.append(.slugChanged(new, oldSlug: old.slug)) }
        return events
    }
}

/// A change to what a story's discussion shows readers (a comment published, edited, removed,
/// approved or voted on).
public enum CommentEvent: Sendable, Equatable, Codable {
    case commentsChanged(storyID: UUID)

    public var storyID: UUID {
        switch self {
        case .commentsChanged(let id): return id
        }
    }
}

/// A rubric, tag or author was created or renamed: every page that names one may change.
public enum TaxonomyEvent: Sendable, Equatable, Codable {
    case rubricChanged(slug: String)
    case tagChanged(slug: String)
    case authorChanged(slug: String)
}

/// A photo left the library: every node drops what it keeps of it, in memory and its sizes
/// on disk (filed by variant key). (An edit changes the photo's variant addresses, and the
/// stories showing it announce their own change.)
public enum PhotoEvent: Sendable, Equatable, Codable {
    case deleted(photoID: UUID, variantKey: String)
}

/// Every event the site raises, in one type for the event bus.
public enum SiteEvent: Sendable, Equatable, Codable {
    case story(StoryEvent)
    case comment(CommentEvent)
    case taxonomy(TaxonomyEvent)
    case photo(PhotoEvent)

    /// The story the event is about; nil for a change to the taxonomy.
    public var storyID: UUID? {
        switch self {
        case .story(let event): return event.storyID
        case .comment(let event): return event.storyID
        case .taxonomy, .photo: return nil
        }
    }
}

/// The result of a write and the events it committed, to be published once it returns.
public struct Committed<Value: Sendable>: Sendable {
    public var value: Value
    public var events: [SiteEvent]

    public init(_ value: Value, events: [SiteEvent] = []) {
        self.value = value
        self.events = events
    }

    public init(_ value: Value, storyEvents: [StoryEvent]) {
        self.init(value, events: storyEvents.map(SiteEvent.story))
    }
}
