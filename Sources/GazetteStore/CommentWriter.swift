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
    struct Item: Sendable {
        let record: CommentRecord
        let parentID: UUID?
        let continuation: CheckedContinuation<CommentRecord, any Error>
    }

    /// Bounded so one statement stays well inside both databases' limits on bound values.
    static let maxBatch = 100
    private var waiting: [Item] = []
    private var isWriting = false
    /// Transactions run so far (tests check that comments arriving together share them).
    private(set) var transactions = 0

    /// Stores the comment (a reply when `parentID` is set) and returns it once committed.
    func write(_ record: CommentRecord, replyingTo parentID: UUID?, store: Store) async throws -> CommentRecord {
        try await withCheckedThrowingContinuation { continuation in
            waiting.append(Item(record: record, parentID: parentID, continuation: continuation))
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
            let outcomes = try await store.writer.transaction { db in try await insert(batch, on: db) }
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

    /// Inserts the batch; a reply whose parent is gone fails alone, before anything is written.
    private static func insert(_ batch: [Item], on db: any Database) async throws -> [Result<CommentRecord, any Error>] {
        let parentIDs = Array(Set(batch.compactMap(\.parentID)))
        let parents = parentIDs.isEmpty ? [:] : Dictionary(
            uniqueKeysWithValues: try await CommentRecord.query(on: db).filter(\.$id ~~ parentIDs).all().map { ($0.id!, $0) }
        )
        var outcomes: [Result<CommentRecord, any Error>] = []
        var accepted: [CommentRecord] = []
        for item in batch {
            let record = item.record
            if let parentID = item.parentID {
                guard let parent = parents[parentID], parent.storyID == record.storyID,
                      parent.status == ModerationStatus.published.rawValue
                else {
                    outcomes.append(.failure(ValidationFailed(["parentId": "The comment you reply to does not exist."])))
                    continue
                }
                // Three levels are shown; a reply to the third level stays at the third.
                record.parentID = parent.depth >= 2 ? parent.parentID : parent.id
                record.depth = min(parent.depth + 1, 2)
                record.rootID = parent.rootID
                record.replyToName = parent.name
            } else {
                record.depth = 0
                record.rootID = record.id!
            }
            accepted.append(record)
            outcomes.append(.success(record))
        }
        guard !accepted.isEmpty else { return outcomes }
        try await accepted.create(on: db)
        // Published comments add to their story's count rather than counting them all again.
        let published = accepted.filter { $0.status == ModerationStatus.published.rawValue }
        for (storyID, comments) in Dictionary(grouping: published, by: \.storyID) {
            try await (db as! any SQLDatabase).update("stories")
                .set(SQLColumn("comment_count"), to: SQLColumn.incremented("comment_count", by: comments.count))
                .where("id", .equal, storyID)
                .run()
        }
        return outcomes
    }
}
