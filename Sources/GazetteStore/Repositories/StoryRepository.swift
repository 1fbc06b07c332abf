import FluentKit
import Foundation
import GazetteCore
import SQLKit

/// Stories, with their rubric, tags and authors, as domain structs.
public struct StoryRepository: Sendable {
    let store: Store

    // MARK: Writing

    public enum ImportOutcome: Sendable, Equatable {
        case created(Story)
        case alreadyImported
    }

    /// Creates a story: validates it, renders its body once, finds or creates its rubric,
    /// tags and authors, and gives it a free slug. All in one transaction.
    public func create(_ newStory: NewStory, now: Date = Date(), by actor: NewsroomActor? = nil) async throws -> Story {
        let story = try StoryRules.validate(newStory)
        let bodyHTML = try await store.renderBody(story.body)
        let id = try await store.writer.transaction { db in
            let record = StoryRecord()
            record.id = UUID()
            record.headline = story.headline
            record.lead = story.lead
            record.body = story.body
            record.bodyHTML = bodyHTML
            record.bodyText = SearchSnippet.plainText(fromHTML: bodyHTML)
            record.status = story.status.rawValue
            record.publishedAt = story.status == .published ? (story.publishedAt ?? now) : story.publishedAt
            record.scheduledAt = story.status == .scheduled ? story.scheduledAt : nil
            record.createdAt = now
            // A story published with a past date (an import) has not changed since then.
            record.updatedAt = record.publishedAt.map { min($0, now) } ?? now
            record.pinned = story.pinned
            record.breaking = story.breaking
            record.importKey = story.importKey
            record.version = 1
            record.seoTitle = story.seoTitle
            record.seoDescription = story.seoDescription
            record.commentPolicy = story.commentPolicy.rawValue
            record.createdBy = story.createdBy
            record.commentCount = 0
            record.leadPhotoID = story.leadPhoto
            record.slug = try await Self.freeSlug(story.slug ?? Slug.make(from: story.headline), on: db)
            if let rubric = story.rubric {
                record.$rubric.id = try await Self.rubricID(rubric, on: db)
            }
            try await record.create(on: db)
            try await Self.attach(tags: Self.unique(story.tags), authors: Self.unique(story.authors), to: record.id!, on: db)
            try await MediaRepository.recordUse(storyID: record.id!, lead: story.leadPhoto, body: story.body, on: db)
            if let actor {
                let content = StoryDraft(
                    headline: story.headline, lead: story.lead, body: story.body, slug: record.slug,
                    rubric: story.rubric?.name ?? "", tags: Self.unique(story.tags), authors: Self.unique(story.authors),
                    seoTitle: story.seoTitle, seoDescription: story.seoDescription, pinned: story.pinned,
                    breaking: story.breaking, commentPolicy: story.commentPolicy, leadPhoto: story.leadPhoto
                )
                try await NewsroomRepository.addRevision(
                    storyID: record.id!, version: 1, actor: actor, action: "created", status: story.status,
                    content: content, at: now, on: db
                )
            }
            return record.id!
        }
        guard let created = try await self.story(id: id) else { throw ContentError.notFound("Story \(id)") }
        return created
    }

    /// Creates an imported story unless a story with the same import key exists.
    public func importStory(_ newStory: NewStory, now: Date = Date()) async throws -> ImportOutcome {
        if let key = newStory.importKey,
           try await StoryRecord.query(on: store.db).filter(\.$importKey == key).count() > 0 {
            return .alreadyImported
        }
        return .created(try await create(newStory, now: now))
    }

    // MARK: Reading

    public func count() async throws -> Int {
        try await StoryRecord.query(on: store.db).count()
    }

    public func story(id: UUID) async throws -> Story? {
        guard let record = try await StoryRecord.query(on: store.db).filter(\.$id == id).with(\.$rubric).first() else {
            return nil
        }
        return try await fullStory(record)
    }

    /// A published story by its slug; drafts and unpublished stories are not shown to readers.
    public func publishedStory(slug: String) async throws -> Story? {
        // The article page's own read: one row with its rubric joined (see StoryRow).
        let rows = try await StoryRow.select(whole: true, on: store.db, where: "s.slug = \(bind: slug) AND s.status = \(bind: StoryStatus.published.rawValue)")
        return try await fullStories(rows, on: store.db).first
    }

    /// Deletes a story with everything that belongs to it (tags, revisions, comments: the
    /// references cascade); the search index follows in the same transaction.
    public func delete(id: UUID) async throws {
        try await store.writer.transaction { db in
            try await StoryRecord.query(on: db).filter(\.$id == id).delete()
        }
    }

    /// Whole stories by id, in that order (ids not found are left out).
    public func stories(ids: [UUID]) async throws -> [Story] {
        guard !ids.isEmpty else { return [] }
        let records = try await StoryRecord.query(on: store.db).filter(\.$id ~~ ids).with(\.$rubric).all()
        let byID = Dictionary(uniqueKeysWithValues: records.map { ($0.id!, $0) })
        return try await fullStories(ids.compactMap { byID[$0] })
    }

    /// Published stories, newest first.
    public func latest(_ page: PageQuery) async throws -> PagedList<StorySummary> {
        try await summaries(published(), page: page)
    }

    public func rubric(slug: String) async throws -> Rubric? {
        try await RubricRecord.query(on: store.db).filter(\.$slug == slug).first()?.domain
    }

    public func tag(slug: String) async throws -> Tag? {
        try await TagRecord.query(on: store.db).filter(\.$slug == slug).first()?.domain
    }

    public func author(slug: String) async throws -> Author? {
        try await AuthorRecord.query(on: store.db).filter(\.$slug == slug).first()?.domain
    }

    public func byAuthor(_ author: Author, page: PageQuery) async throws -> PagedList<StorySummary> {
        let query = published()
            .join(StoryAuthorRecord.self, on: \StoryAuthorRecord.$story.$id == \StoryRecord.$id)
            .filter(StoryAuthorRecord.self, \.$author.$id == author.id)
        return try await summaries(query, page: page)
    }

    public func inRubric(_ rubric: Rubric, page: PageQuery) async throws -> PagedList<StorySummary> {
        try await summaries(published().filter(\.$rubric.$id == rubric.id), page: page)
    }

    public func withTag(_ tag: Tag, page: PageQuery) async throws -> PagedList<StorySummary> {
        let query = published()
            .join(StoryTagRecord.self, on: \StoryTagRecord.$story.$id == \StoryRecord.$id)
            .filter(StoryTagRecord.self, \.$tag.$id == tag.id)
        return try await summaries(query, page: page)
    }

    /// The newest published story flagged `pinned` (the home page's top story).
    public func pinnedStory() async throws -> StorySummary? {
        try await firstSummary(published().filter(\.$pinned == true))
    }

    /// The newest published story flagged `breaking` (the home page's banner).
    public func breakingStory() async throws -> StorySummary? {
        try await firstSummary(published().filter(\.$breaking == true))
    }

    /// The first story of a query, without counting the rest.
    private func firstSummary(_ query: QueryBuilder<StoryRecord>) async throws -> StorySummary? {
        let records = try await Self.summaryFields(query).with(\.$rubric).limit(1).all()
        return try await summaries(of: records, on: store.db).first
    }

    /// "Read next" for a story: candidates that share its tags or rubric, plus the latest
    /// stories, ranked by `ranker`.
    public func readNext(for story: StorySummary, ranker: ReadNextRanker = ReadNextRanker()) async throws -> [StorySummary] {
        let db = store.db
        var candidateIDs: [UUID] = []
        let tagIDs = story.tags.map(\.id)
        if !tagIDs.isEmpty {
            let pivots = try await StoryTagRecord.query(on: db)
                .join(StoryRecord.self, on: \StoryTagRecord.$story.$id == \StoryRecord.$id)
                .filter(\.$tag.$id ~~ tagIDs)
                .filter(StoryRecord.self, \.$status == StoryStatus.published.rawValue)
                .filter(StoryRecord.self, \.$id != story.id)
                .sort(StoryRecord.self, \.$publishedAt, .descending)
                .sort(StoryRecord.self, \.$id)
                .limit(200)
                .all()
            candidateIDs += pivots.map { $0.$story.id }
        }
        if let rubric = story.rubric {
            candidateIDs += try await published().filter(\.$rubric.$id == rubric.id).filter(\.$id != story.id)
                .limit(50).all(\.$id)
        }
        candidateIDs += try await published().filter(\.$id != story.id).limit(ranker.count * 2).all(\.$id)
        var seen = Set<UUID>()
        let ids = candidateIDs.filter { seen.insert($0).inserted }
        // The ranker orders them itself; the order they come in does not matter.
        return ranker.rank(for: story, candidates: try await summaries(ids: ids))
    }

    // MARK: Helpers

    func published() -> QueryBuilder<StoryRecord> {
        StoryRecord.query(on: store.db)
            .filter(\.$status == StoryStatus.published.rawValue)
            .sort(\.$publishedAt, .descending)
            .sort(\.$id)
    }

    private func summaries(_ query: QueryBuilder<StoryRecord>, page: PageQuery) async throws -> PagedList<StorySummary> {
        let total = try await query.copy().count()
        let records = try await Self.summaryFields(query.copy()).with(\.$rubric).offset(page.offset).limit(page.limit).all()
        return PagedList(items: try await summaries(of: records, on: store.db), request: page, total: total)
    }

    /// Summaries of these stories in this order (ids not found are left out).
    /// Summaries of these stories in this order; `publishedOnly` keeps those published now,
    /// so a list computed a moment ago never shows a story unpublished since (a takedown
    /// vanishes from every Read next at once).
    public func summaries(ids: [UUID], publishedOnly: Bool = false) async throws -> [StorySummary] {
        guard !ids.isEmpty else { return [] }
        // Every article page reads its Read next this way: plain rows, rubric joined.
        let condition: SQLQueryString = publishedOnly ? "s.id IN (\(binds: ids)) AND s.status = \(bind: StoryStatus.published.rawValue)" : "s.id IN (\(binds: ids))"
        let rows = try await StoryRow.select(whole: false, on: store.db, where: condition)
        let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0) })
        return try await summaries(of: ids.compactMap { byID[$0] }, on: store.db)
    }

    /// Only the columns a summary shows: a list page reads no story's body (three long texts
    /// per row, most of the cost of decoding it).
    static func summaryFields(_ query: QueryBuilder<StoryRecord>) -> QueryBuilder<StoryRecord> {
        query.field(\.$id).field(\.$slug).field(\.$headline).field(\.$lead).field(\.$rubric.$id)
            .field(\.$publishedAt).field(\.$pinned).field(\.$breaking).field(\.$commentCount).field(\.$leadPhotoID)
    }

    /// Summaries of records, keeping their order; tags come in one query for all of them.
    func summaries(of records: [StoryRecord], on db: any Database) async throws -> [StorySummary] {
        try await summaries(of: records.map(StoryRow.init(summaryOf:)), on: db)
    }

    func summaries(of rows: [StoryRow], on db: any Database) async throws -> [StorySummary] {
        let tags = try await tagsByStory(rows.map(\.id), on: db)
        let photos = try await MediaRepository.photos(ids: rows.compactMap(\.leadPhotoID), on: db)
        return rows.map { row in
            StorySummary(
                id: row.id, slug: row.slug, headline: row.headline, lead: row.lead,
                rubric: row.rubric, tags: tags[row.id] ?? [],
                publishedAt: row.publishedAt, pinned: row.pinned, breaking: row.breaking,
                commentCount: row.commentCount, photo: row.leadPhotoID.flatMap { photos[$0] }
            )
        }
    }

    func tagsByStory(_ storyIDs: [UUID], on db: any Database) async throws -> [UUID: [Tag]] {
        guard !storyIDs.isEmpty else { return [:] }
        // One query with the tags joined, read as plain rows: eager loading made it two, and
        // decoding models a fifth of a list page.
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT st.story_id AS story_id, t.id AS id, t.name AS name, t.slug AS slug
            FROM story_tags st JOIN tags t ON t.id = st.tag_id
            WHERE st.story_id IN (\(binds: storyIDs)) ORDER BY st.position, st.id
            """).all()
        var tags: [UUID: [Tag]] = [:]
        for row in rows {
            let tag = Tag(id: try row.decode(column: "id", as: UUID.self), name: try row.decode(column: "name", as: String.self), slug: try row.decode(column: "slug", as: String.self))
            tags[try row.decode(column: "story_id", as: UUID.self), default: []].append(tag)
        }
        return tags
    }

    func fullStory(_ record: StoryRecord, on db: (any Database)? = nil) async throws -> Story {
        try await fullStories([record], on: db)[0]
    }

    /// Whole stories of records, keeping their order; tags and authors come in one query each.
    func fullStories(_ records: [StoryRecord], on db: (any Database)? = nil) async throws -> [Story] {
        try await fullStories(records.map(StoryRow.init(wholeOf:)), on: db ?? store.db)
    }

    func fullStories(_ rows: [StoryRow], on db: any Database) async throws -> [Story] {
        let ids = rows.map(\.id)
        let tags = try await tagsByStory(ids, on: db)
        let photos = try await MediaRepository.photos(ids: rows.compactMap(\.leadPhotoID), on: db)
        var authors: [UUID: [Author]] = [:]
        if !ids.isEmpty {
            let authorRows = try await (db as! any SQLDatabase).raw("""
                SELECT sa.story_id AS story_id, a.id AS id, a.name AS name, a.slug AS slug, a.bio AS bio
                FROM story_authors sa JOIN authors a ON a.id = sa.author_id
                WHERE sa.story_id IN (\(binds: ids)) ORDER BY sa.position, sa.id
                """).all()
            for row in authorRows {
                let author = Author(
                    id: try row.decode(column: "id", as: UUID.self), name: try row.decode(column: "name", as: String.self),
                    slug: try row.decode(column: "slug", as: String.self), bio: try row.decode(column: "bio", as: String.self)
                )
                authors[try row.decode(column: "story_id", as: UUID.self), default: []].append(author)
            }
        }
        return try rows.map { row in
            Story(
                id: row.id, slug: row.slug, headline: row.headline, lead: row.lead,
                body: row.body, bodyHTML: row.bodyHTML, rubric: row.rubric, tags: tags[row.id] ?? [],
                authors: authors[row.id] ?? [], status: try StoryStatus(stored: row.status),
                publishedAt: row.publishedAt, updatedAt: row.updatedAt,
                pinned: row.pinned, breaking: row.breaking,
                seoTitle: row.seoTitle, seoDescription: row.seoDescription,
                commentPolicy: try CommentPolicy(stored: row.commentPolicy),
                version: row.version, scheduledAt: row.scheduledAt, createdBy: row.createdBy,
                commentCount: row.commentCount, leadPhoto: row.leadPhotoID.flatMap { photos[$0] }
            )
        }
    }

    static func unique(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert(Slug.make(from: $0)).inserted }
    }

    /// The slug itself when free, otherwise the first free `slug-2`, `slug-3`, …
    static func freeSlug(_ base: String, on db: any Database) async throws -> String {
        let base = String(base.prefix(StoryRules.slugMaxLength - 6))
        // `base`, `base-2`, `base-3`, …: looked up twenty at a time by equality, which uses
        // the slug index on both stores (a `LIKE 'base-%'` scanned the whole table).
        var first = 1
        while true {
            let candidates = (first..<first + 20).map { $0 == 1 ? base : "\(base)-\($0)" }
            let taken = Set(try await StoryRecord.query(on: db).filter(\.$slug ~~ candidates).all(\.$slug))
            if let free = candidates.first(where: { !taken.contains($0) }) { return free }
            first += 20
        }
    }

    /// Gives a story these tags and authors, in this order, finding or creating each.
    static func attach(tags: [String], authors: [String], to storyID: UUID, on db: any Database) async throws {
        for (position, name) in tags.enumerated() {
            let tagID = try await tagID(name, on: db)
            try await StoryTagRecord(storyID: storyID, tagID: tagID, position: position).create(on: db)
        }
        for (position, name) in authors.enumerated() {
            let authorID = try await authorID(name, on: db)
            try await StoryAuthorRecord(storyID: storyID, authorID: authorID, position: position).create(on: db)
        }
    }

    static func rubricID(_ rubric: RubricName, on db: any Database) async throws -> UUID {
        let slug = Slug.make(from: rubric.name)
        if let existing = try await RubricRecord.query(on: db).filter(\.$slug == slug).first() { return existing.id! }
        let record = RubricRecord(name: rubric.name, slug: slug, label: rubric.label)
        try await record.create(on: db)
        return record.id!
    }

    static func tagID(_ name: String, on db: any Database) async throws -> UUID {
        let slug = Slug.make(from: name)
        if let existing = try await TagRecord.query(on: db).filter(\.$slug == slug).first() { return existing.id! }
        let record = TagRecord(name: name, slug: slug)
        try await record.create(on: db)
        return record.id!
    }

    static func authorID(_ name: String, on db: any Database) async throws -> UUID {
        let slug = Slug.make(from: name)
        if let existing = try await AuthorRecord.query(on: db).filter(\.$slug == slug).first() { return existing.id! }
        let record = AuthorRecord(name: name, slug: slug)
        try await record.create(on: db)
        return record.id!
    }
}
