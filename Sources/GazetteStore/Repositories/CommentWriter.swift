import FluentKit
import Foundation
import GazetteCore
import SQLKit

/// Group commit for new comments. Each comment is durable when its `write` returns, but
/// comments that arrive while a commit is under way wait and go together in the next
/// transaction: one commit (one fsync on SQLite, one round of WAL flushing on PostgreSQL) for
/// many comments instead of one each. Under light load a batch is one comment and nothing
/// waits; under heavy load batches grow and throughput with them.
actor CommentWriter {
    /// A new comment as it goes into the `comments` table. Written with SQLKit rather than
    /// through the Fluent model: posting is the hottest write, and the model's reflection
    /// cost more than the insert itself.
    struct Row: Sendable {
        var id: UUID
        var storyID: UUID
        var parentID: UUID?
        var rootID: UUID
        var depth: Int
        var replyToName: String?
        var name: String
        var email: String?
        var text: String
        var textDigest: String
        var html: String
        var status: String
        var reason: String
        var clientHash: String
        var editTokenHash: String
        var createdAt: Date
    }

    struct Item: Sendable {
        let row: Row
        let continuation: CheckedContinuation<Row, any Error>
    }

    /// Bounded so one statement stays well inside both databases' limits on bound values
    /// (18 per row).
    static let maxBatch = 100
    private var waiting: [Item] = []
    private var isWriting = false
    /// Transactions run so far (tests check that comments arriving together share them).
    private(set) var transactions = 0

    /// Stores the comment (a reply when `row.parentID` is set; its thread fields are filled
    /// in here) and returns it once committed.
    func write(_ row: Row, store: Store) async throws -> Row {
        try await withCheckedThrowingContinuation { continuation in
            waiting.append(Item(row: row, continuation: continuation))
            if !isWriting {
                isWriting = true
                Task { await self.drain(store) }
            }
        }
    }

    private func drain(_ store: Store) async {
        while !waiting.isEmpty {
            let batch = Array(waiting.prefix(Self.maxBatch))
            waiting.removeFirst(batch.count)
            transactions += 1
            await Self.commit(batch, store: store)
        }
        isWriting = false
    }

    private static func commit(_ batch: [Item], store: Store) async {
        do {
            let rows = batch.map(\.row)
            // New threads alone need no reads: one INSERT is its own transaction (a trigger
            // adds to the story's count). Replies read their parents first, in a transaction.
            let outcomes = rows.allSatisfy({ $0.parentID == nil })
                ? try await insert(rows, on: store.writer as! any SQLDatabase)
                : try await store.writer.transaction { db in try await insert(rows, on: db as! any SQLDatabase) }
            for (item, outcome) in zip(batch, outcomes) { item.continuation.resume(with: outcome) }
        } catch {
            guard batch.count > 1 else {
                batch[0].continuation.resume(throwing: error)
                return
            }
            // One comment the database refuses (its story deleted a moment ago, say) must not
            // sink the others: write them one by one.
            for item in batch { await commit([item], store: store) }
        }
    }

    private struct Parent {
        var id: UUID, storyID: UUID, parentID: UUID?, rootID: UUID, depth: Int, name: String, status: String
    }

    private static let columns = [
        "id", "story_id", "parent_id", "root_id", "depth", "reply_to_name", "name", "email", "text", "text_digest",
        "html", "status", "reason", "client_hash", "edit_token_hash", "score", "reports", "created_at",
    ]

    /// Inserts the rows; a reply whose parent is gone fails alone, before anything is written.
    private static func insert(_ rows: [Row], on db: any SQLDatabase) async throws -> [Result<Row, any Error>] {
        let parentIDs = Array(Set(rows.compactMap(\.parentID)))
        var parents: [UUID: Parent] = [:]
        if !parentIDs.isEmpty {
            for row in try await db.select()
                .columns("id", "story_id", "parent_id", "root_id", "depth", "name", "status")
                .from(CommentRecord.schema).where("id", .in, parentIDs).all() {
                let parent = Parent(
                    id: try row.decode(column: "id", as: UUID.self), storyID: try row.decode(column: "story_id", as: UUID.self),
                    parentID: try row.decode(column: "parent_id", as: UUID?.self), rootID: try row.decode(column: "root_id", as: UUID.self),
                    depth: try row.decode(column: "depth", as: Int.self), name: try row.decode(column: "name", as: String.self),
                    status: try row.decode(column: "status", as: String.self)
                )
                parents[parent.id] = parent
            }
        }
        var outcomes: [Result<Row, any Error>] = []
        var accepted: [Row] = []
        for var row in rows {
            if let parentID = row.parentID {
                guard let parent = parents[parentID], parent.storyID == row.storyID,
                      parent.status == ModerationStatus.published.rawValue
                else {
                    outcomes.append(.failure(ValidationFailed(["parentId": "The comment you reply to does not exist."])))
                    continue
                }
                // Three levels are shown; a reply to the third level stays at the third.
                row.parentID = parent.depth >= 2 ? parent.parentID : parent.id
                row.depth = min(parent.depth + 1, 2)
                row.rootID = parent.rootID
                row.replyToName = parent.name
            } else {
                row.depth = 0
                row.rootID = row.id
            }
            accepted.append(row)
            outcomes.append(.success(row))
        }
        guard !accepted.isEmpty else { return outcomes }
        let statement = db.insert(into: CommentRecord.schema).columns(columns)
        for row in accepted {
            statement.values([
                row.id, row.storyID, row.parentID, row.rootID, row.depth, row.replyToName, row.name, row.email, row.text,
                row.textDigest, row.html, row.status, row.reason, row.clientHash, row.editTokenHash, 0, 0, row.createdAt,
            ] as [any Encodable & Sendable])
        }
        try await statement.run()
        return outcomes
    }
}
