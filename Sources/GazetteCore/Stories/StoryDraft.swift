import Foundation

/// The editable content of a story: what the editor form holds, what a revision stores,
/// and what the Admin API accepts.
public struct StoryDraft: Sendable, Equatable, Codable {
    public var headline: String
    public var lead: String
    public var body: String
    public var slug: String
    public var rubric: String
    public var tags: [String]
    public var authors: [String]
    public var seoTitle: String
    public var seoDescription: String
    public var pinned: Bool
    public var breaking: Bool
    public var commentPolicy: CommentPolicy
    /// The library photo above the story; nil for none. Revisions saved before photos
    /// existed have no such key and read as nil.
    public var leadPhoto: UUID?

    public init(
        headline: String = "", lead: String = "", body: String = "", slug: String = "", rubric: String = "",
        tags: [String] = [], authors: [String] = [], seoTitle: String = "", seoDescription: String = "",
        pinned: Bool = false, breaking: Bool = false, commentPolicy: CommentPolicy = .open, leadPhoto: UUID? = nil
    ) {
        self.headline = headline
        self.lead = lead
        self.body = body
        self.slug = slug
        self.rubric = rubric
        self.tags = tags
        self.authors = authors
        self.seoTitle = seoTitle
        self.seoDescription = seoDescription
        self.pinned = pinned
        self.breaking = breaking
        self.commentPolicy = commentPolicy
        self.leadPhoto = leadPhoto
    }

    public init(_ story: Story) {
        self.init(
            headline: story.headline, lead: story.lead, body: story.body, slug: story.slug,
            rubric: story.rubric?.name ?? "", tags: story.tags.map(\.name), authors: story.authors.map(\.name),
            seoTitle: story.seoTitle, seoDescription: story.seoDescription, pinned: story.pinned,
            breaking: story.breaking, commentPolicy: story.commentPolicy, leadPhoto: story.leadPhoto?.id
        )
    }

    public static let seoTitleMaxLength = 120
    public static let seoDescriptionMaxLength = 320

    /// Checks every field and returns all problems at once, keyed by field, so a form can
    /// show each beside its input.
    public func problems() -> [String: String] {
        var problems: [String: String] = [:]
        let headline = self.headline.trimmingWhitespace
        if headline.isEmpty { problems["headline"] = "Write a headline." }
        if headline.count > StoryRules.headlineMaxLength {
            problems["headline"] = "At most \(StoryRules.headlineMaxLength) characters (now \(headline.count))."
        }
        if lead.count > StoryRules.leadMaxLength { problems["lead"] = "At most \(StoryRules.leadMaxLength) characters (now \(lead.count))." }
        if body.count > StoryRules.bodyMaxLength { problems["body"] = "At most \(StoryRules.bodyMaxLength) characters (now \(body.count))." }
        let slug = self.slug.trimmingWhitespace
        if !slug.isEmpty && !Slug.isValid(slug) {
            problems["slug"] = "Use only a–z, 0–9 and single hyphens, at most \(StoryRules.slugMaxLength) characters."
        }
        if seoTitle.count > Self.seoTitleMaxLength { problems["seoTitle"] = "At most \(Self.seoTitleMaxLength) characters." }
        if seoDescription.count > Self.seoDescriptionMaxLength {
            problems["seoDescription"] = "At most \(Self.seoDescriptionMaxLength) characters."
        }
        if rubric.count > StoryRules.nameMaxLength { problems["rubric"] = "At most \(StoryRules.nameMaxLength) characters." }
        if let long = tags.first(where: { $0.count > StoryRules.nameMaxLength }) {
            problems["tags"] = "\"\(long.prefix(20))…\" is longer than \(StoryRules.nameMaxLength) characters."
        }
        if tags.count > 30 { problems["tags"] = "At most 30 tags." }
        if let long = authors.first(where: { $0.count > StoryRules.nameMaxLength }) {
            problems["authors"] = "\"\(long.prefix(20))…\" is longer than \(StoryRules.nameMaxLength) characters."
        }
        return problems
    }

    /// Comma-separated names as typed in a form field.
    public static func names(_ text: String) -> [String] {
        text.split(separator: ",").map { String($0).trimmingWhitespace }.filter { !$0.isEmpty }
    }

    /// The fields as labelled lines, for revision diffs.
    public var diffableFields: [(String, String)] {
        [
            ("Headline", headline), ("Lead", lead), ("Body", body), ("Slug", slug), ("Rubric", rubric),
            ("Tags", tags.joined(separator: ", ")), ("Authors", authors.joined(separator: ", ")),
            ("SEO title", seoTitle), ("SEO description", seoDescription),
            ("Pinned", pinned ? "yes" : "no"), ("Breaking", breaking ? "yes" : "no"),
            ("Comments", commentPolicy.rawValue),
        ]
    }
}

/// One saved state of a story.
public struct Revision: Sendable, Equatable {
    public var id: UUID
    public var storyID: UUID
    public var version: Int
    public var userName: String
    public var createdAt: Date
    /// What happened: "created", "saved", "submitted for review", "published", "restored version 3", …
    public var action: String
    public var status: StoryStatus
    public var content: StoryDraft

    public init(id: UUID, storyID: UUID, version: Int, userName: String, createdAt: Date, action: String, status: StoryStatus, content: StoryDraft) {
        self.id = id
        self.storyID = storyID
        self.version = version
        self.userName = userName
        self.createdAt = createdAt
        self.action = action
        self.status = status
        self.content = content
    }
}

/// A line-by-line diff (longest common subsequence), enough for story texts.
public enum LineDiff {
    public enum Kind: String, Sendable { case same, added, removed }

    public struct Line: Sendable, Equatable {
        public var kind: Kind
        public var text: String
    }

    public static func diff(_ old: String, _ new: String) -> [Line] {
        diff(old.components(separatedBy: "\n"), new.components(separatedBy: "\n"))
    }

    public static func diff(_ a: [String], _ b: [String]) -> [Line] {
        let n = a.count, m = b.count
        // Bodies are at most a few thousand lines; quadratic memory is fine at that size.
        guard n * m <= 4_000_000 else {
            return a.map { Line(kind: .removed, text: $0) } + b.map { Line(kind: .added, text: $0) }
        }
        var lcs = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var lines: [Line] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, a[i] == b[j] {
                lines.append(Line(kind: .same, text: a[i])); i += 1; j += 1
            } else if j < m, i == n || lcs[i][j + 1] >= lcs[i + 1][j] {
                lines.append(Line(kind: .added, text: b[j])); j += 1
            } else {
                lines.append(Line(kind: .removed, text: a[i])); i += 1
            }
        }
        return lines
    }
}
