import FluentKit
import Foundation
import GazetteCore
import SQLKit

/// Writes what an importer read (`ImportBundle`) into the store, idempotently: a story or
/// comment seen before (by its import key) is skipped, so running an import again creates
/// nothing, and an import stopped half-way can simply be run again. Every story body goes
/// through the Markdown renderer and the sanitiser like any other.
public struct ImportRepository: Sendable {
    let store: Store

    public enum Progress: Sendable, Equatable {
        case photos(done: Int, of: Int)
        case stories(done: Int, of: Int)
        case comments(done: Int, of: Int)
    }

    /// `uploads` is the old site's image folder (WordPress's `wp-content/uploads`, Ghost's
    /// `content/images`): the photos the export describes or its stories show are taken from it.
    public func run(
        _ bundle: ImportBundle, uploads: URL? = nil, now: Date = Date(), progressEvery: Int = 100, progress: (Progress) -> Void = { _ in }
    ) async throws -> ImportReport {
        var report = ImportReport()
        report.skips = bundle.skipped
        report.attachments = bundle.attachments
        try await importAuthors(bundle.authors, into: &report)
        var photos = ImportedPhotoMap()
        if let uploads {
            photos = try await importPhotos(bundle, from: uploads, now: now, progress: progress, into: &report)
        }
        var storyIDs: [String: UUID] = [:]
        for (index, story) in bundle.stories.enumerated() {
            if index % progressEvery == 0 { progress(.stories(done: index, of: bundle.stories.count)) }
            guard let id = try await importStory(photos.applied(to: story, marker: bundle.uploadsMarker), now: now, into: &report) else { continue }
            storyIDs[story.key] = id
            for path in story.oldPaths { try await addOldPath(path, storyID: id, into: &report) }
        }
        progress(.stories(done: bundle.stories.count, of: bundle.stories.count))
        try await importComments(bundle.comments, storyIDs: storyIDs, progressEvery: progressEvery, progress: progress, into: &report)
        return report
    }

    // MARK: Authors and stories

    private func importAuthors(_ authors: [ImportedAuthor], into report: inout ImportReport) async throws {
        for author in authors {
            let slug = Slug.make(from: author.name)
            if let existing = try await AuthorRecord.query(on: store.db).filter(\.$slug == slug).first() {
                if existing.bio.isEmpty && !author.bio.isEmpty {
                    existing.bio = author.bio
                    try await existing.update(on: store.writer)
                    report.authors.updated += 1
                } else {
                    report.authors.skipped += 1
                }
                continue
            }
            do {
                _ = try await store.taxonomy.createAuthor(name: author.name, bio: author.bio)
                report.authors.created += 1
            } catch let error as ValidationFailed {
                report.authors.skipped += 1
                report.skips.append(.init("author “\(author.name.prefix(60))”", error.message))
            }
        }
    }

    private func importStory(_ story: ImportedStory, now: Date, into report: inout ImportReport) async throws -> UUID? {
        if let existing = try await StoryRecord.query(on: store.db).filter(\.$importKey == story.key).first() {
            report.stories.skipped += 1
            report.skips.append(.init("story “\(story.headline.prefix(60))”", "imported before"))
            return existing.id
        }
        var new = NewStory(
            headline: story.headline, lead: story.lead, body: story.body, slug: story.slug,
            rubric: story.rubric.map { RubricName($0) }, tags: story.tags, authors: story.authors,
            status: story.status, publishedAt: story.publishedAt, importKey: story.key
        )
        new.scheduledAt = story.scheduledAt
        new.commentPolicy = story.commentPolicy
        new.leadPhoto = story.leadPhotoID
        if story.status == .scheduled, (story.scheduledAt ?? .distantPast) <= now {
            // A post that was due when the export was made: publish it at its time.
            new.status = .published
            new.publishedAt = story.scheduledAt
        }
        do {
            let created = try await store.stories.create(new, now: now)
            report.stories.created += 1
            return created.id
        } catch let error as ContentError {
            report.stories.skipped += 1
            report.skips.append(.init("story “\(story.headline.prefix(60))” (\(story.key))", error.message))
            return nil
        }
    }

    private func addOldPath(_ path: String, storyID: UUID, into report: inout ImportReport) async throws {
        let sql = store.writer as! any SQLDatabase
        if let owner = try await sql.select().column("story_id").from("old_paths").where("path", .equal, path).first()?
            .decode(column: "story_id", as: UUID.self) {
            report.redirects.skipped += 1
            if owner != storyID { report.skips.append(.init("old address \(path.prefix(80))", "already leads to another story")) }
            return
        }
        try await sql.insert(into: "old_paths").columns("path", "story_id").values(SQLBind(path), SQLBind(storyID)).run()
        report.redirects.created += 1
    }

    // MARK: Comments

    private struct Placed {
        var id: UUID
        var storyID: UUID
        var rootID: UUID
        var parentID: UUID?
        var depth: Int
        var name: String
    }

    private func importComments(
        _ comments: [ImportedComment], storyIDs: [String: UUID], progressEvery: Int, progress: (Progress) -> Void,
        into report: inout ImportReport
    ) async throws {
        guard !comments.isEmpty else { return }
        let sql = store.writer as! any SQLDatabase
        var placed: [String: Placed] = [:]
        // Comments imported before, with their thread fields, so replies to them can follow.
        for start in stride(from: 0, to: comments.count, by: 500) {
            let keys = comments[start..<min(start + 500, comments.count)].map(\.key)
            for row in try await sql.select().columns("id", "story_id", "root_id", "parent_id", "depth", "name", "import_key")
                .from(CommentRecord.schema).where("import_key", .in, keys).all() {
                placed[try row.decode(column: "import_key", as: String.self)] = Placed(
                    id: try row.decode(column: "id", as: UUID.self), storyID: try row.decode(column: "story_id", as: UUID.self),
                    rootID: try row.decode(column: "root_id", as: UUID.self), parentID: try row.decode(column: "parent_id", as: UUID?.self),
                    depth: try row.decode(column: "depth", as: Int.self), name: try row.decode(column: "name", as: String.self)
                )
            }
        }
        let known = Set(placed.keys)
        // Parents before their replies, whatever order the export lists them in.
        var pending = comments.filter { !known.contains($0.key) }
        report.comments.skipped += comments.count - pending.count
        for comment in comments where known.contains(comment.key) { report.skips.append(.init("comment \(comment.key)", "imported before")) }
        var done = comments.count - pending.count
        var pathStories: [String: UUID?] = [:]
        while !pending.isEmpty {
            let ready = pending.filter { comment in comment.parentKey.map { placed[$0] != nil } ?? true }
            // A reply whose parent is not in the import at all becomes a thread of its own.
            let batch = ready.isEmpty ? [pending[0]] : ready
            let keys = Set(batch.map(\.key))
            pending.removeAll { keys.contains($0.key) }
            var rows: [[any Encodable & Sendable]] = []
            for comment in batch {
                let storyID: UUID?
                switch comment.story {
                case .imported(let key):
                    if let id = storyIDs[key] { storyID = id } else {
                        storyID = try await StoryRecord.query(on: store.db).filter(\.$importKey == key).first()?.id
                    }
                case .path(let path):
                    if let cached = pathStories[path] { storyID = cached } else {
                        storyID = try await story(atPath: path)
                        pathStories[path] = storyID
                    }
                }
                guard let storyID else {
                    report.comments.skipped += 1
                    report.skips.append(.init("comment \(comment.key)", "its story is not on this site"))
                    continue
                }
                let text = CommentText.normalize(comment.text, multiline: true)
                let name = CommentText.normalize(comment.name, multiline: false)
                guard !text.isEmpty || comment.status != .published else {
                    report.comments.skipped += 1
                    report.skips.append(.init("comment \(comment.key)", "it has no text"))
                    continue
                }
                let id = UUID()
                var place = Placed(id: id, storyID: storyID, rootID: id, parentID: nil, depth: 0, name: String(name.prefix(CommentText.nameMaxLength)))
                var replyTo: String?
                if let parentKey = comment.parentKey {
                    if let parent = placed[parentKey], parent.storyID == storyID {
                        // Three levels are shown; a reply to the third level stays at the third.
                        place.parentID = parent.depth >= 2 ? parent.parentID : parent.id
                        place.depth = min(parent.depth + 1, 2)
                        place.rootID = parent.rootID
                        replyTo = parent.name
                    } else {
                        report.skips.append(.init("comment \(comment.key)", "the comment it replies to is not in the import: kept as a thread of its own"))
                    }
                }
                placed[comment.key] = place
                let stored = String(text.prefix(CommentText.textMaxLength))
                rows.append([
                    id, storyID, place.parentID, place.rootID, place.depth, replyTo, place.name.isEmpty ? "Anonymous" : place.name,
                    comment.email?.lowercased(), stored, Secrets.textDigest(stored), CommentText.html(stored), comment.status.rawValue,
                    "imported", "import", Secrets.hash(token: Secrets.token()), 0, 0, comment.createdAt, comment.key,
                ])
                report.comments.created += 1
            }
            for start in stride(from: 0, to: rows.count, by: 50) {
                let chunk = Array(rows[start..<min(start + 50, rows.count)])
                try await store.writer.transaction { db in
                    let statement = (db as! any SQLDatabase).insert(into: CommentRecord.schema).columns(
                        "id", "story_id", "parent_id", "root_id", "depth", "reply_to_name", "name", "email", "text", "text_digest",
                        "html", "status", "reason", "client_hash", "edit_token_hash", "score", "reports", "created_at", "import_key"
                    )
                    for row in chunk { statement.values(row) }
                    try await statement.run()
                }
            }
            done += batch.count
            if done % progressEvery < batch.count { progress(.comments(done: done, of: comments.count)) }
        }
        progress(.comments(done: comments.count, of: comments.count))
    }

    /// The story a path of this site leads to: `/news/{slug}`, an old slug, or an imported old address.
    func story(atPath path: String) async throws -> UUID? {
        let bare = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
        let parts = bare.split(separator: "/").map(String.init)
        if parts.count == 2, parts[0] == "news" {
            if let id = try await StoryRecord.query(on: store.db).filter(\.$slug == parts[1]).first()?.id { return id }
            if let id = try await SlugRedirectRecord.query(on: store.db).filter(\.$oldSlug == parts[1]).first()?.storyID { return id }
        }
        for candidate in Set([path, bare, bare.hasSuffix("/") ? String(bare.dropLast()) : bare + "/"]) {
            if let id = try await (store.db as! any SQLDatabase).select().column("story_id").from("old_paths")
                .where("path", .equal, candidate).first()?.decode(column: "story_id", as: UUID.self) { return id }
        }
        return nil
    }

    /// The story imported under this key, if any.
    public func story(importKey: String) async throws -> Story? {
        guard let record = try await StoryRecord.query(on: store.db).filter(\.$importKey == importKey).with(\.$rubric).first() else { return nil }
        return try await store.stories.fullStory(record)
    }

    /// The current slug of the published story an imported old address leads to.
    public func currentSlug(forOldPath path: String) async throws -> String? {
        guard let id = try await story(atPath: path),
              let record = try await StoryRecord.find(id, on: store.db), record.status == StoryStatus.published.rawValue
        else { return nil }
        return record.slug
    }
}

extension Store {
    public var imports: ImportRepository { ImportRepository(store: self) }
}
