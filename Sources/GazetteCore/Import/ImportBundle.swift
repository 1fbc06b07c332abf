import Foundation

/// What an importer read from another system's export, ready for the store: stories with the
/// addresses they had, the comments under them, and what was left out and why. Every text
/// field is plain text or Markdown made from sanitised HTML (`HTMLToMarkdown`).
public struct ImportBundle: Sendable {
    public var source: String
    public var stories: [ImportedStory] = []
    public var comments: [ImportedComment] = []
    /// Author profiles with display names and bios, by name.
    public var authors: [ImportedAuthor] = []
    /// Files the export names (attachments, images): listed in the report.
    public var attachments: [String] = []
    /// Photos the export describes (WordPress attachments with their caption and alt text,
    /// Ghost feature images), taken from the uploads folder when one is given.
    public var photos: [ImportedPhoto] = []
    /// What comes before a file's path in the export's image addresses (`/wp-content/uploads/`,
    /// `/content/images/`): the part after it is the file's place in the uploads folder.
    public var uploadsMarker: String?
    /// What the importer did not take, with the reason (a page, a trashed post, a pingback).
    public var skipped: [ImportReport.Skip] = []

    public init(source: String) {
        self.source = source
    }
}

public struct ImportedStory: Sendable, Equatable {
    /// Identifies the story in its source (`wordpress:POST_ID`), so a second run finds it.
    public var key: String
    public var headline: String
    public var lead: String
    public var body: String
    public var slug: String?
    public var status: StoryStatus
    public var publishedAt: Date?
    public var scheduledAt: Date?
    public var rubric: String?
    public var tags: [String]
    public var authors: [String]
    /// Paths the story answered at before (`/2024/05/old-slug/`, `/?p=12`): they redirect.
    public var oldPaths: [String]
    public var commentPolicy: CommentPolicy
    /// The key of the `ImportedPhoto` shown above the story (a WordPress featured image).
    public var leadPhotoKey: String?
    /// That photo in the library, once the import has taken it.
    public var leadPhotoID: UUID?

    public init(
        key: String, headline: String, lead: String, body: String, slug: String? = nil, status: StoryStatus,
        publishedAt: Date? = nil, scheduledAt: Date? = nil, rubric: String? = nil, tags: [String] = [], authors: [String] = [],
        oldPaths: [String] = [], commentPolicy: CommentPolicy = .open
    ) {
        self.key = key
        self.headline = headline
        self.lead = lead
        self.body = body
        self.slug = slug
        self.status = status
        self.publishedAt = publishedAt
        self.scheduledAt = scheduledAt
        self.rubric = rubric
        self.tags = tags
        self.authors = authors
        self.oldPaths = oldPaths
        self.commentPolicy = commentPolicy
    }
}

public struct ImportedComment: Sendable, Equatable {
    public var key: String
    /// The story: its import key, or (Disqus) the path it was published at.
    public var story: StoryReference
    public var parentKey: String?
    public var name: String
    public var email: String?
    public var text: String
    public var createdAt: Date
    public var status: ModerationStatus

    public enum StoryReference: Sendable, Equatable {
        case imported(key: String)
        case path(String)
    }

    public init(key: String, story: StoryReference, parentKey: String?, name: String, email: String?, text: String, createdAt: Date, status: ModerationStatus) {
        self.key = key
        self.story = story
        self.parentKey = parentKey
        self.name = name
        self.email = email
        self.text = text
        self.createdAt = createdAt
        self.status = status
    }
}

public struct ImportedAuthor: Sendable, Equatable {
    public var name: String
    public var bio: String

    public init(name: String, bio: String = "") {
        self.name = name
        self.bio = bio
    }
}

/// What an import did: counts by kind, and every skip with its reason.
public struct ImportReport: Sendable, Equatable {
    public struct Skip: Sendable, Equatable {
        public var what: String
        public var reason: String

        public init(_ what: String, _ reason: String) {
            self.what = what
            self.reason = reason
        }
    }

    public struct Counts: Sendable, Equatable {
        public var created = 0
        public var updated = 0
        public var skipped = 0

        public init() {}
    }

    public var stories = Counts()
    public var comments = Counts()
    public var authors = Counts()
    public var redirects = Counts()
    public var photos = Counts()
    public var skips: [Skip] = []
    public var attachments: [String] = []

    public init() {}

    public var summary: String {
        func line(_ name: String, _ counts: Counts) -> String {
            "\(name): \(counts.created) created, \(counts.updated) updated, \(counts.skipped) skipped"
        }
        return [line("stories", stories), line("comments", comments), line("authors", authors), line("old addresses", redirects), line("photos", photos)]
            .joined(separator: "\n")
    }
}

extension ImportBundle {
    /// Dates as exports write them: ISO 8601 (with or without fractions), or WordPress's
    /// `2024-05-30 14:05:00` in UTC (the `_gmt` fields).
    public static func date(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, !trimmed.hasPrefix("0000-00-00") else { return nil }
        if let date = try? Date(trimmed, strategy: .iso8601) { return date }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        for format in ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.SSSZ", "yyyy-MM-dd'T'HH:mm:ssZ", "EEE, dd MMM yyyy HH:mm:ss Z", "EEE, dd MMM yyyy HH:mm:ss zzz"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: trimmed) { return date }
        }
        return nil
    }

    /// A lead from an excerpt, else the first paragraph of the text, at most 300 characters.
    public static func lead(excerpt: String, body: String) -> String {
        let source = excerpt.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? body : excerpt
        let first = source.components(separatedBy: "\n\n").first { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } ?? ""
        let flat = first.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return flat.count <= 300 ? flat : String(flat.prefix(297)) + "…"
    }

    /// The path and query of an address (`https://old.example/2024/05/x/?a=1` → `/2024/05/x/?a=1`).
    public static func path(of url: String) -> String? {
        guard let components = URLComponents(string: url.trimmingCharacters(in: .whitespaces)) else { return nil }
        var path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        if let query = components.percentEncodedQuery, !query.isEmpty { path += "?" + query }
        return path
    }
}

/// A photo an export describes: where its file lies under the uploads folder and the texts the
/// old system kept for it.
public struct ImportedPhoto: Sendable, Equatable {
    public var key: String
    /// The file's path inside the uploads folder (`2024/05/dam.jpg`).
    public var path: String
    public var caption: String
    public var altText: String
    public var credit: String

    public init(key: String, path: String, caption: String = "", altText: String = "", credit: String = "") {
        self.key = key
        self.path = path
        self.caption = caption
        self.altText = altText
        self.credit = credit
    }
}

/// Image addresses in imported Markdown, and the uploads-folder paths they point to.
public enum ImportedImages {
    /// The path after `marker` in an image address, with WordPress's size suffix
    /// (`dam-300x200.jpg` → `dam.jpg`) removed; nil for an address elsewhere.
    public static func uploadsPath(of url: String, marker: String) -> String? {
        guard let range = url.range(of: marker) else { return nil }
        var path = String(url[range.upperBound...].prefix { $0 != "?" && $0 != "#" })
        path = path.removingPercentEncoding ?? path
        guard !path.isEmpty else { return nil }
        return withoutSizeSuffix(path)
    }

    static func withoutSizeSuffix(_ path: String) -> String {
        guard let dot = path.lastIndex(of: "."), let dash = path[..<dot].lastIndex(of: "-") else { return path }
        let size = path[path.index(after: dash)..<dot]
        let parts = size.split(separator: "x")
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else { return path }
        return String(path[..<dash]) + String(path[dot...])
    }

    /// Every image destination in Markdown (`![alt](url)`), in order.
    public static func destinations(in markdown: String) -> [String] {
        var found: [String] = []
        var rest = markdown[...]
        while let open = rest.range(of: "](") {
            let after = rest[open.upperBound...]
            guard let close = after.firstIndex(of: ")") else { break }
            let before = rest[..<open.lowerBound]
            if let bang = before.lastIndex(of: "["), bang > before.startIndex, before[before.index(before: bang)] == "!" {
                found.append(String(after[..<close]))
            }
            rest = after[close...]
        }
        return found
    }

    /// The Markdown with each image destination `resolve` knows replaced by `media:ID`.
    public static func rewrite(_ markdown: String, resolve: (String) -> UUID?) -> String {
        var out = markdown
        for destination in Set(destinations(in: markdown)) {
            guard let id = resolve(destination) else { continue }
            out = out.replacingOccurrences(of: "](\(destination))", with: "](media:\(id.uuidString.lowercased()))")
        }
        return out
    }
}
