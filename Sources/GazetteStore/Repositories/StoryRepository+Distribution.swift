import FluentKit
import FluentSQL
import Foundation
import GazetteCore
import SQLKit

/// What feeds and sitemaps read: whole published stories of a list, and every published
/// address with its last change.
extension StoryRepository {
    /// Which stories a feed carries.
    public enum FeedScope: Sendable, Equatable {
        case all
        case rubric(Rubric)
        case tag(Tag)
        case author(Author)
    }

    /// The newest `limit` published stories of the scope, whole (body, authors, tags).
    public func feedStories(_ scope: FeedScope, limit: Int) async throws -> [Story] {
        var query = published()
        switch scope {
        case .all: break
        case .rubric(let rubric): query = query.filter(\.$rubric.$id == rubric.id)
        case .tag(let tag):
            query = query.join(StoryTagRecord.self, on: \StoryTagRecord.$story.$id == \StoryRecord.$id)
                .filter(StoryTagRecord.self, \.$tag.$id == tag.id)
        case .author(let author):
            query = query.join(StoryAuthorRecord.self, on: \StoryAuthorRecord.$story.$id == \StoryRecord.$id)
                .filter(StoryAuthorRecord.self, \.$author.$id == author.id)
        }
        return try await fullStories(try await query.with(\.$rubric).limit(limit).all())
    }

    /// A published address for a sitemap.
    public struct SitemapEntry: Sendable, Equatable {
        public var slug: String
        public var headline: String
        public var publishedAt: Date?
        public var updatedAt: Date
        /// The photos the story shows (lead photo first), for the sitemap's image entries.
        public var photos: [Photo] = []
    }

    public func publishedCount() async throws -> Int {
        try await StoryRecord.query(on: store.db).filter(\.$status == StoryStatus.published.rawValue).count()
    }

    /// Published stories, oldest first (so a page of the sitemap keeps its stories as new
    /// ones come), `limit` from `offset`.
    public func sitemapEntries(offset: Int, limit: Int) async throws -> [SitemapEntry] {
        let records = try await StoryRecord.query(on: store.db)
            .filter(\.$status == StoryStatus.published.rawValue)
            .sort(\.$publishedAt).sort(\.$id)
            .offset(offset).limit(limit)
            .field(\.$id).field(\.$slug).field(\.$headline).field(\.$publishedAt).field(\.$updatedAt)
            .all()
        return try await withPhotos(records)
    }

    /// Entries with the photos their stories show, from one query over `story_photos`.
    private func withPhotos(_ records: [StoryRecord]) async throws -> [SitemapEntry] {
        let ids = records.map { $0.id! }
        var uses: [UUID: [(UUID, String)]] = [:]
        if !ids.isEmpty {
            for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
                for use in try await StoryPhotoRecord.query(on: store.db).filter(\.$storyID ~~ chunk).sort(\.$role).sort(\.$id).all() {
                    uses[use.storyID, default: []].append((use.photoID, use.role))
                }
            }
        }
        let photos = try await MediaRepository.photos(ids: uses.values.flatMap { $0.map(\.0) }, on: store.db)
        return records.map { record in
            var entry = Self.entry(record)
            // The lead photo first, then those in the body.
            let shown = (uses[record.id!] ?? []).sorted { ($0.1 == PhotoUse.Role.lead.rawValue ? 0 : 1) < ($1.1 == PhotoUse.Role.lead.rawValue ? 0 : 1) }
            var seen = Set<UUID>()
            entry.photos = shown.compactMap { seen.insert($0.0).inserted ? photos[$0.0] : nil }
            return entry
        }
    }

    /// Stories published since `date`, newest first, at most `limit` (the news sitemap).
    public func publishedSince(_ date: Date, limit: Int) async throws -> [SitemapEntry] {
        try await withPhotos(published().filter(\.$publishedAt >= date).limit(limit).all())
    }

    static func entry(_ record: StoryRecord) -> SitemapEntry {
        SitemapEntry(slug: record.slug, headline: record.headline, publishedAt: record.publishedAt, updatedAt: record.updatedAt)
    }

    /// Rubrics, tags or authors that have published stories, with the last change of those.
    public enum ListKind: Sendable, CaseIterable {
        case rubrics, tags, authors
    }

    public func listsWithStories(_ kind: ListKind) async throws -> [(slug: String, lastModified: Date)] {
        let sql = store.db as! any SQLDatabase
        let published = StoryStatus.published.rawValue
        let query: SQLQueryString
        switch kind {
        case .rubrics:
            query = """
                SELECT r.slug AS slug, MAX(s.updated_at) AS modified FROM rubrics r JOIN stories s ON s.rubric_id = r.id
                WHERE s.status = \(bind: published) GROUP BY r.slug ORDER BY r.slug
                """
        case .tags:
            query = """
                SELECT t.slug AS slug, MAX(s.updated_at) AS modified FROM tags t JOIN story_tags st ON st.tag_id = t.id
                JOIN stories s ON s.id = st.story_id WHERE s.status = \(bind: published) GROUP BY t.slug ORDER BY t.slug
                """
        case .authors:
            query = """
                SELECT a.slug AS slug, MAX(s.updated_at) AS modified FROM authors a JOIN story_authors sa ON sa.author_id = a.id
                JOIN stories s ON s.id = sa.story_id WHERE s.status = \(bind: published) GROUP BY a.slug ORDER BY a.slug
                """
        }
        return try await sql.raw(query).all().map { row in
            (try row.decode(column: "slug", as: String.self), try row.decode(column: "modified", as: Date.self))
        }
    }
}
