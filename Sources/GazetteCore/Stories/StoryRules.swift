/// Rules a story must meet before it is stored. Limits are generous for newsroom text but
/// keep one bad request from filling the database.
public enum StoryRules {
    public static let headlineMaxLength = 300
    public static let leadMaxLength = 1_000
    public static let bodyMaxLength = 200_000
    public static let slugMaxLength = 120
    public static let nameMaxLength = 80

    /// Checks a new story, returning it with names trimmed.
    public static func validate(_ story: NewStory) throws(ContentError) -> NewStory {
        var story = story
        story.headline = story.headline.trimmingWhitespace
        story.lead = story.lead.trimmingWhitespace
        if story.headline.isEmpty { throw .invalid(field: "headline", reason: "must not be empty") }
        if story.headline.count > headlineMaxLength {
            throw .invalid(field: "headline", reason: "must be at most \(headlineMaxLength) characters")
        }
        if story.lead.count > leadMaxLength {
            throw .invalid(field: "lead", reason: "must be at most \(leadMaxLength) characters")
        }
        if story.body.count > bodyMaxLength {
            throw .invalid(field: "body", reason: "must be at most \(bodyMaxLength) characters")
        }
        if let slug = story.slug {
            guard Slug.isValid(slug) else {
                throw .invalid(field: "slug", reason: "may contain only a-z, 0-9 and single hyphens")
            }
        }
        story.tags = story.tags.map(\.trimmingWhitespace).filter { !$0.isEmpty }
        story.authors = story.authors.map(\.trimmingWhitespace).filter { !$0.isEmpty }
        for name in story.tags + story.authors + [story.rubric?.name].compactMap({ $0 }) where name.count > nameMaxLength {
            throw .invalid(field: "name", reason: "\"\(name.prefix(20))…\" is longer than \(nameMaxLength) characters")
        }
        return story
    }
}

extension String {
    var trimmingWhitespace: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
