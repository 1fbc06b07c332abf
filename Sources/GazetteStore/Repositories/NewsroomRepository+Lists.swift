import FluentKit
import FluentSQL
import Foundation
import GazetteCore
import SQLKit

/// The newsroom's lists of stories (all statuses), its dashboard, and the editor's soft locks.
extension NewsroomRepository {
    // MARK: Lists

    public struct Filter: Sendable, Equatable {
        public var status: StoryStatus?
        public var rubricSlug: String?
        public var authorSlug: String?
        public var search: String?
        /// Only stories this newsroom user created (what an author sees).
        public var createdBy: UUID?

        public init(status: StoryStatus? = nil, rubricSlug: String? = nil, authorSlug: String? = nil, search: String? = nil, createdBy: UUID? = nil) {
            self.status = status
            self.rubricSlug = rubricSlug
            self.authorSlug = authorSlug
            self.search = search
            self.createdBy = createdBy
        }
    }

    public struct Row: Sendable, Equatable {
        public var id: UUID
        public var slug: String
        public var headline: String
        public var status: StoryStatus
        public var rubric: Rubric?
        public var updatedAt: Date
        public var publishedAt: Date?
        public var scheduledAt: Date?
        public var version: Int
    }

    /// Stories of every status for the newsroom, most recently changed first.
    public func list(_ filter: Filter, page: PageQuery) async throws -> PagedList<Row> {
        var query = StoryRecord.query(on: store.db)
        if let status = filter.status { query = query.filter(\.$status == status.rawValue) }
        if let createdBy = filter.createdBy { query = query.filter(\.$createdBy == createdBy) }
        if let slug = filter.rubricSlug, !slug.isEmpty {
            query = query.join(RubricRecord.self, on: \StoryRecord.$rubric.$id == \RubricRecord.$id).filter(RubricRecord.self, \.$slug == slug)
        }
        if let slug = filter.authorSlug, !slug.isEmpty {
            query = query
                .join(StoryAuthorRecord.self, on: \StoryAuthorRecord.$story.$id == \StoryRecord.$id)
                .join(AuthorRecord.self, on: \StoryAuthorRecord.$author.$id == \AuthorRecord.$id)
                .filter(AuthorRecord.self, \.$slug == slug)
        }
        if let search = filter.search?.trimmingCharacters(in: .whitespaces), !search.isEmpty {
            let escaped = search.lowercased().prefix(200)
                .replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_")
            query = query.filter(.sql(embed: "LOWER(\(ident: "stories").\(ident: "headline")) LIKE \(bind: "%" + escaped + "%") ESCAPE '\\'"))
        }
        let total = try await query.copy().count()
        let records = try await query.copy().with(\.$rubric)
            .sort(\.$updatedAt, .descending).sort(\.$id)
            .offset(page.offset).limit(page.limit).all()
        return PagedList(items: try records.map(Self.row), request: page, total: total)
    }

    static func row(_ record: StoryRecord) throws -> Row {
        Row(
            id: record.id!, slug: record.slug, headline: record.headline,
            status: try StoryStatus(stored: record.status), rubric: record.rubric?.domain,
            updatedAt: record.updatedAt, publishedAt: record.publishedAt, scheduledAt: record.scheduledAt,
            version: record.version
        )
    }

    public struct Dashboard: Sendable {
        public var inReview: [Row]
        public var scheduled: [Row]
        public var publishedToday: [Row]

        public static let empty = Dashboard(inReview: [], scheduled: [], publishedToday: [])
    }

    /// `createdBy` narrows every list to one person's stories (an author's dashboard).
    public func dashboard(startOfToday: Date, createdBy: UUID? = nil) async throws -> Dashboard {
        let db = store.db
        func stories(_ status: StoryStatus) -> QueryBuilder<StoryRecord> {
            let query = StoryRecord.query(on: db).filter(\.$status == status.rawValue)
            return createdBy.map { query.filter(\.$createdBy == $0) } ?? query
        }
        let inReview = try await stories(.inReview)
            .with(\.$rubric).sort(\.$updatedAt).sort(\.$id).limit(50).all()
        let scheduled = try await stories(.scheduled)
            .with(\.$rubric).sort(\.$scheduledAt).sort(\.$id).limit(50).all()
        let today = try await stories(.published)
            .filter(\.$publishedAt >= startOfToday)
            .with(\.$rubric).sort(\.$publishedAt, .descending).sort(\.$id).limit(50).all()
        return Dashboard(inReview: try inReview.map(Self.row), scheduled: try scheduled.map(Self.row), publishedToday: try today.map(Self.row))
    }

    // MARK: Soft locks

    public enum LockState: Sendable, Equatable {
        case held(until: Date)
        case heldByOther(name: String, userID: UUID, until: Date)
    }

    /// Takes or renews the editing lock of a story for `userID`, unless someone else holds a
    /// live one; `takeOver` takes it from them.
    public func lock(storyID: UUID, userID: UUID, name: String, now: Date, ttl: TimeInterval = 120, takeOver: Bool = false) async throws -> LockState {
        try await store.writer.transaction { db in
            if let existing = try await StoryLockRecord.query(on: db).filter(\.$storyID == storyID).first(),
               existing.userID != userID, existing.expiresAt > now, !takeOver {
                return .heldByOther(name: existing.userName, userID: existing.userID, until: existing.expiresAt)
            }
            try await StoryLockRecord.query(on: db).filter(\.$storyID == storyID).delete()
            let lock = StoryLockRecord()
            lock.storyID = storyID
            lock.userID = userID
            lock.userName = name
            lock.expiresAt = now.addingTimeInterval(ttl)
            try await lock.create(on: db)
            return .held(until: lock.expiresAt)
        }
    }

    /// Who else holds a live lock on the story, without taking it.
    public func lockHolder(storyID: UUID, except userID: UUID, now: Date) async throws -> String? {
        guard let lock = try await StoryLockRecord.query(on: store.db).filter(\.$storyID == storyID).first(),
              lock.userID != userID, lock.expiresAt > now
        else { return nil }
        return lock.userName
    }
}
