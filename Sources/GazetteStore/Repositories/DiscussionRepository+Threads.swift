import FluentKit
import Foundation
import GazetteCore
import SQLKit

extension DiscussionRepository {
    /// A page of top-level threads with their first `replyLimit` replies each (oldest first
    /// within a thread); a root whose thread holds more says how many in `moreReplies`, for a
    /// link to the thread on its own (`thread(storyID:rootID:replies:)`). Read with SQLKit into
    /// plain values: this runs for every article page view, and the Fluent model's reflection
    /// cost as much as the queries.
    public func thread(storyID: UUID, sort: CommentSort, page: PageQuery, replyLimit: Int = 100) async throws -> PagedList<PublicComment> {
        let sql = store.db as! any SQLDatabase
        let visible = Self.visibleStatuses
        let total = try await sql.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n")
            .from(CommentRecord.schema)
            .where("story_id", .equal, storyID).where("depth", .equal, 0).where("status", .in, visible)
            .first()?.decode(column: "n", as: Int.self) ?? 0
        let roots = sql.select().columns(Self.publicColumns).from(CommentRecord.schema)
            .where("story_id", .equal, storyID).where("depth", .equal, 0).where("status", .in, visible)
        switch sort {
        case .oldest: roots.orderBy("created_at").orderBy("id")
        // Ties break the same way as the order, so one index serves it backwards.
        case .newest: roots.orderBy("created_at", .descending).orderBy("id", .descending)
        case .top: roots.orderBy("score", .descending).orderBy("created_at").orderBy("id")
        }
        let rootComments = try await roots.offset(page.offset).limit(page.limit).all().map(Self.publicComment(row:))
        let rootIDs = rootComments.map(\.id)
        guard !rootIDs.isEmpty else { return PagedList(items: [], request: page, total: total) }
        // The first replies of each thread by time: a reply's parent is older than it, so the
        // parents of every reply kept are kept too.
        let columns = Self.publicColumns.map { "\"\($0)\"" }.joined(separator: ", ")
        let ranked: SQLQueryString = """
            SELECT \(unsafeRaw: columns), root_id FROM (
              SELECT \(unsafeRaw: columns), root_id, ROW_NUMBER() OVER (PARTITION BY root_id ORDER BY created_at, id) AS position
              FROM comments WHERE root_id IN (\(binds: rootIDs)) AND depth > 0 AND status IN (\(binds: visible))
            ) AS ranked WHERE position <= \(bind: replyLimit) ORDER BY created_at, id
            """
        let replies = try await sql.raw(ranked).all().map(Self.publicComment(row:))
        let counts = try await sql.select().column("root_id").column(SQLFunction("count", args: SQLLiteral.all), as: "n")
            .from(CommentRecord.schema)
            .where("root_id", .in, rootIDs).where("depth", .greaterThan, 0).where("status", .in, visible)
            .groupBy("root_id").all()
        var replyCounts: [UUID: Int] = [:]
        for row in counts { replyCounts[try row.decode(column: "root_id", as: UUID.self)] = try row.decode(column: "n", as: Int.self) }
        let items = Self.assemble(roots: rootComments, replies: replies).map { root in
            var root = root
            root.moreReplies = max(0, (replyCounts[root.id] ?? 0) - replyLimit)
            return root
        }
        return PagedList(items: items, request: page, total: total)
    }

    /// One thread on its own: its root and a page of its replies by time. Replies whose parent
    /// is on an earlier page hang under the root, naming whom they answer.
    public func thread(storyID: UUID, rootID: UUID, replies page: PageQuery) async throws -> PagedList<PublicComment>? {
        let sql = store.db as! any SQLDatabase
        let visible = Self.visibleStatuses
        guard let rootRow = try await sql.select().columns(Self.publicColumns).from(CommentRecord.schema)
            .where("id", .equal, rootID).where("story_id", .equal, storyID).where("depth", .equal, 0).where("status", .in, visible)
            .first()
        else { return nil }
        let root = try Self.publicComment(row: rootRow)
        let total = try await sql.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n")
            .from(CommentRecord.schema)
            .where("root_id", .equal, rootID).where("depth", .greaterThan, 0).where("status", .in, visible)
            .first()?.decode(column: "n", as: Int.self) ?? 0
        let replies = try await sql.select().columns(Self.publicColumns).from(CommentRecord.schema)
            .where("root_id", .equal, rootID).where("depth", .greaterThan, 0).where("status", .in, visible)
            .orderBy("created_at").orderBy("id").offset(page.offset).limit(page.limit)
            .all().map(Self.publicComment(row:))
        let shown = Set(replies.map(\.id) + [rootID])
        let attached = replies.map { reply in
            var reply = reply
            if let parent = reply.parentID, !shown.contains(parent) { reply.parentID = rootID }
            return reply
        }
        let items = Self.assemble(roots: [root], replies: attached, keepEmptyDeletedRoots: true)
        return PagedList(items: items, request: page, total: total)
    }

    static var visibleStatuses: [String] { [ModerationStatus.published.rawValue, ModerationStatus.deleted.rawValue] }

    /// Hangs replies under their parents. A deleted comment stays as "[deleted]" only to hold
    /// its replies.
    static func assemble(roots: [PublicComment], replies: [PublicComment], keepEmptyDeletedRoots: Bool = false) -> [PublicComment] {
        let children = Dictionary(grouping: replies, by: { $0.parentID! })
        func build(_ comment: PublicComment, isRoot: Bool) -> PublicComment? {
            var comment = comment
            comment.replies = (children[comment.id] ?? []).compactMap { build($0, isRoot: false) }
            if comment.isDeleted && comment.replies.isEmpty && !(isRoot && keepEmptyDeletedRoots) { return nil }
            return comment
        }
        return roots.compactMap { build($0, isRoot: true) }
    }

    /// The story's newest published comments, flat (the comments feed).
    public func latestPublished(storyID: UUID, limit: Int) async throws -> [PublicComment] {
        let sql = store.db as! any SQLDatabase
        return try await sql.select().columns(Self.publicColumns).from(CommentRecord.schema)
            .where("story_id", .equal, storyID).where("status", .equal, ModerationStatus.published.rawValue)
            .orderBy("created_at", .descending).orderBy("id")
            .limit(limit)
            .all().map(Self.publicComment(row:))
    }
}
