import FluentKit
import Foundation
import GazetteCore
import SQLKit

/// Comments under stories: posting, threads, votes, reports, edits by their authors, the
/// moderation queue, bans, and the comment counts stories carry.
public struct DiscussionRepository: Sendable {
    let store: Store

    public enum DiscussionError: Error, Equatable, Sendable {
        case notFound
        /// The edit token is wrong, or the edit window has passed.
        case editRefused(String)
    }

    /// What a reader sends, already normalised.
    public struct Submission: Sendable {
        public var storyID: UUID
        public var parentID: UUID?
        public var name: String
        public var email: String?
        public var text: String
        public var clientHash: String

        public init(storyID: UUID, parentID: UUID?, name: String, email: String?, text: String, clientHash: String) {
            self.storyID = storyID
            self.parentID = parentID
            self.name = name
            self.email = email
            self.text = text
            self.clientHash = clientHash
        }
    }

    /// A comment with what moderators see (never shown to readers).
    public struct ModeratedComment: Sendable, Equatable {
        public var comment: PublicComment
        public var storyID: UUID
        public var storyHeadline: String
        public var storySlug: String
        public var status: ModerationStatus
        public var reason: String
        public var email: String?
        public var clientHash: String
        public var reports: Int
    }

    // MARK: Secrets

    /// A secret made once per site and shared by all nodes (for client hashes and form tokens).
    public func siteSecret(_ name: String) async throws -> String {
        if let existing = try await SiteSecretRecord.query(on: store.db).filter(\.$name == name).first() { return existing.value }
        let record = SiteSecretRecord()
        record.name = name
        record.value = Secrets.token()
        do {
            try await record.create(on: store.writer)
            return record.value
        } catch {
            // Another node made it first.
            if let existing = try await SiteSecretRecord.query(on: store.writer).filter(\.$name == name).first() { return existing.value }
            throw error
        }
    }

    // MARK: Posting

    /// The published story a comment goes to, found by slug, with the facts the guard
    /// decides by, in one query: posting is the hottest path, and each query costs a trip
    /// to the database's threads. Each fact is an indexed existence check, so the cost does
    /// not grow with the number of comments. nil when there is no such published story.
    public func postingFacts(
        slug: String, email: String?, clientHash: String, text: String, duplicateWindow: TimeInterval, now: Date
    ) async throws -> (target: DiscussionTarget, facts: CommentFacts)? {
        let email = email?.lowercased() ?? ""
        let published = ModerationStatus.published.rawValue
        // A commenter is known by e-mail when they give one, else by client.
        let earlier: SQLQueryString = email.isEmpty
            ? "SELECT 1 FROM comments WHERE client_hash = \(bind: clientHash) AND status = \(bind: published)"
            : "SELECT 1 FROM comments WHERE email = \(bind: email) AND status = \(bind: published)"
        let query: SQLQueryString = """
            SELECT id, comment_policy, published_at,
              CASE WHEN EXISTS (SELECT 1 FROM bans WHERE kind = 'email' AND value = \(bind: email)) THEN 1 ELSE 0 END AS email_banned,
              CASE WHEN EXISTS (SELECT 1 FROM bans WHERE kind = 'client' AND value = \(bind: clientHash)) THEN 1 ELSE 0 END AS client_banned,
              CASE WHEN EXISTS (SELECT 1 FROM comments WHERE client_hash = \(bind: clientHash)
                AND text_digest = \(bind: Secrets.textDigest(text))
                AND created_at >= \(bind: now.addingTimeInterval(-duplicateWindow))) THEN 1 ELSE 0 END AS duplicate,
              CASE WHEN EXISTS (\(earlier)) THEN 1 ELSE 0 END AS known
            FROM stories WHERE slug = \(bind: slug) AND status = \(bind: StoryStatus.published.rawValue)
            """
        guard let row = try await (store.db as! any SQLDatabase).raw(query).first() else { return nil }
        func flag(_ column: String) throws -> Bool { try row.decode(column: column, as: Int.self) == 1 }
        let target = DiscussionTarget(
            storyID: try row.decode(column: "id", as: UUID.self),
            policy: try CommentPolicy(stored: try row.decode(column: "comment_policy", as: String.self)),
            publishedAt: try row.decode(column: "published_at", as: Date?.self)
        )
        let facts = CommentFacts(
            policy: target.policy, storyPublishedAt: target.publishedAt,
            emailBanned: try flag("email_banned"), clientBanned: try flag("client_banned"),
            duplicateRecently: try flag("duplicate"), isFirstComment: try !flag("known")
        )
        return (target, facts)
    }

    /// Stores a comment the guard let through. Returns it and its edit token (shown once).
    /// Comments arriving together share one transaction (see `CommentWriter`).
    public func post(_ submission: Submission, status: ModerationStatus, reason: String, now: Date) async throws -> Committed<PostedComment> {
        let token = Secrets.token()
        let id = UUID()
        let row = CommentWriter.Row(
            id: id, storyID: submission.storyID, parentID: submission.parentID, rootID: id, depth: 0, replyToName: nil,
            name: submission.name, email: submission.email?.lowercased(), text: submission.text,
            textDigest: Secrets.textDigest(submission.text), html: CommentText.html(submission.text),
            status: status.rawValue, reason: reason, clientHash: submission.clientHash,
            editTokenHash: Secrets.hash(token: token), createdAt: now
        )
        let stored = try await store.commentWriter.write(row, store: store)
        let comment = Self.publicComment(
            id: stored.id, parentID: stored.parentID, replyToName: stored.replyToName, depth: stored.depth, name: stored.name,
            html: stored.html, createdAt: stored.createdAt, editedAt: nil, score: 0, status: stored.status
        )
        let events: [SiteEvent] = status == .published ? [.comment(.commentsChanged(storyID: submission.storyID))] : []
        return Committed(PostedComment(comment: comment, editToken: token), events: events)
    }

    /// A new comment and the secret that lets its author change it (shown once).
    public struct PostedComment: Sendable {
        public var comment: PublicComment
        public var editToken: String
    }

    public struct EditedComment: Sendable {
        public var comment: PublicComment
        /// The new text went back to the moderation queue.
        public var held: Bool
    }

    // MARK: Reading

    /// The story a comment belongs to and its status, for routes that act on one comment.
    public func location(of id: UUID) async throws -> (storyID: UUID, status: ModerationStatus)? {
        guard let record = try await CommentRecord.find(id, on: store.db) else { return nil }
        return (record.storyID, try ModerationStatus(stored: record.status))
    }

    /// The text of a comment its author may edit.
    public func editableText(id: UUID) async throws -> String? {
        guard let record = try await CommentRecord.find(id, on: store.db), record.status != ModerationStatus.deleted.rawValue else { return nil }
        return record.text
    }

    // MARK: The author's edits

    private func ownComment(id: UUID, token: String, now: Date, window: TimeInterval, on db: any Database) async throws -> CommentRecord {
        guard let record = try await CommentRecord.find(id, on: db), record.status != ModerationStatus.deleted.rawValue else {
            throw DiscussionError.notFound
        }
        guard Secrets.equal(Secrets.hash(token: token), record.editTokenHash) else {
            throw DiscussionError.editRefused("This comment can only be changed from the browser that wrote it.")
        }
        guard now.timeIntervalSince(record.createdAt) <= window else {
            throw DiscussionError.editRefused("Comments can be changed for \(Int(window / 60)) minutes after they are written.")
        }
        return record
    }

    /// Changes the text. `holdReason` (the guard would queue the new text) takes a published
    /// comment back to the moderation queue with that reason; `held` says whether it did.
    public func edit(id: UUID, token: String, text: String, now: Date, window: TimeInterval, holdReason: String? = nil) async throws -> Committed<EditedComment> {
        try await store.writer.transaction { db in
            let record = try await ownComment(id: id, token: token, now: now, window: window, on: db)
            let wasPublished = record.status == ModerationStatus.published.rawValue
            record.text = text
            record.textDigest = Secrets.textDigest(text)
            record.html = CommentText.html(text)
            record.editedAt = now
            let held = wasPublished && holdReason != nil
            if held, let holdReason {
                record.status = ModerationStatus.pending.rawValue
                record.reason = holdReason
            }
            try await record.update(on: db)
            if held { try await Self.recount(storyID: record.storyID, on: db) }
            let events: [SiteEvent] = wasPublished ? [.comment(.commentsChanged(storyID: record.storyID))] : []
            return Committed(EditedComment(comment: Self.publicComment(record), held: held), events: events)
        }
    }

    /// A published comment of this story, for the reply form: the names of pending, spam or
    /// rejected comments are not shown to readers.
    public func publishedComment(id: UUID, storyID: UUID) async throws -> PublicComment? {
        guard let record = try await CommentRecord.find(id, on: store.db), record.storyID == storyID,
              record.status == ModerationStatus.published.rawValue
        else { return nil }
        return Self.publicComment(record)
    }

    public func deleteOwn(id: UUID, token: String, now: Date, window: TimeInterval) async throws -> Committed<Void> {
        try await store.writer.transaction { db in
            let record = try await ownComment(id: id, token: token, now: now, window: window, on: db)
            let wasPublished = record.status == ModerationStatus.published.rawValue
            try await Self.markDeleted(record, on: db)
            return Committed((), events: wasPublished ? [.comment(.commentsChanged(storyID: record.storyID))] : [])
        }
    }

    static func markDeleted(_ record: CommentRecord, on db: any Database) async throws {
        let wasPublished = record.status == ModerationStatus.published.rawValue
        record.status = ModerationStatus.deleted.rawValue
        record.text = ""
        record.textDigest = nil
        record.html = ""
        try await record.update(on: db)
        if wasPublished { try await recount(storyID: record.storyID, on: db) }
    }

    // MARK: Votes and reports

    /// One vote per voter and comment: voting again replaces the vote, so replays add nothing.
    public func vote(id: UUID, voter: String, value: Int) async throws -> Committed<Int> {
        guard value == 1 || value == -1 else { throw ValidationFailed(["value": "Vote 1 or -1."]) }
        return try await store.writer.transaction { db in
            guard let record = try await CommentRecord.find(id, on: db), record.status == ModerationStatus.published.rawValue else {
                throw DiscussionError.notFound
            }
            if let existing = try await CommentVoteRecord.query(on: db).filter(\.$commentID == id).filter(\.$voter == voter).first() {
                existing.value = value
                try await existing.update(on: db)
            } else {
                let vote = CommentVoteRecord()
                vote.commentID = id
                vote.voter = voter
                vote.value = value
                try await vote.create(on: db)
            }
            // Counted, not summed: SUM's type differs between the stores.
            let up = try await CommentVoteRecord.query(on: db).filter(\.$commentID == id).filter(\.$value == 1).count()
            let down = try await CommentVoteRecord.query(on: db).filter(\.$commentID == id).filter(\.$value == -1).count()
            let score = up - down
            record.score = score
            try await record.update(on: db)
            // The score is on the page.
            return Committed(score, events: [.comment(.commentsChanged(storyID: record.storyID))])
        }
    }

    /// Records a report once per reporter; the comment joins the "reported" list.
    public func report(id: UUID, reporter: String, now: Date) async throws {
        try await store.writer.transaction { db in
            guard let record = try await CommentRecord.find(id, on: db), record.status == ModerationStatus.published.rawValue else {
                throw DiscussionError.notFound
            }
            guard try await CommentReportRecord.query(on: db).filter(\.$commentID == id).filter(\.$reporter == reporter).count() == 0 else { return }
            let report = CommentReportRecord()
            report.commentID = id
            report.reporter = reporter
            report.createdAt = now
            try await report.create(on: db)
            record.reports += 1
            try await record.update(on: db)
        }
    }

    // MARK: Helpers

    /// Keeps `stories.comment_count` equal to the story's published comments.
    static func recount(storyID: UUID, on db: any Database) async throws {
        let count = try await CommentRecord.query(on: db).filter(\.$storyID == storyID)
            .filter(\.$status == ModerationStatus.published.rawValue).count()
        try await StoryRecord.query(on: db).filter(\.$id == storyID).set(\.$commentCount, to: count).update()
    }

    static func publicComment(_ record: CommentRecord) -> PublicComment {
        publicComment(
            id: record.id!, parentID: record.parentID, replyToName: record.replyToName, depth: record.depth, name: record.name,
            html: record.html, createdAt: record.createdAt, editedAt: record.editedAt, score: record.score, status: record.status
        )
    }

    static let publicColumns = ["id", "parent_id", "reply_to_name", "depth", "name", "html", "created_at", "edited_at", "score", "status"]

    /// A row with `publicColumns`.
    static func publicComment(row: any SQLRow) throws -> PublicComment {
        publicComment(
            id: try row.decode(column: "id", as: UUID.self), parentID: try row.decode(column: "parent_id", as: UUID?.self),
            replyToName: try row.decode(column: "reply_to_name", as: String?.self), depth: try row.decode(column: "depth", as: Int.self),
            name: try row.decode(column: "name", as: String.self), html: try row.decode(column: "html", as: String.self),
            createdAt: try row.decode(column: "created_at", as: Date.self), editedAt: try row.decode(column: "edited_at", as: Date?.self),
            score: try row.decode(column: "score", as: Int.self), status: try row.decode(column: "status", as: String.self)
        )
    }

    /// What readers may see of a comment: a deleted one keeps only its place in the thread.
    static func publicComment(
        id: UUID, parentID: UUID?, replyToName: String?, depth: Int, name: String, html: String,
        createdAt: Date, editedAt: Date?, score: Int, status: String
    ) -> PublicComment {
        let deleted = status == ModerationStatus.deleted.rawValue
        return PublicComment(
            id: id, parentID: parentID, replyToName: depth >= 2 ? replyToName : nil,
            depth: depth, name: deleted ? "" : name, html: deleted ? "" : html,
            createdAt: createdAt, editedAt: editedAt, score: score, isDeleted: deleted
        )
    }
}

extension Store {
    public var discussion: DiscussionRepository { DiscussionRepository(store: self) }
}
