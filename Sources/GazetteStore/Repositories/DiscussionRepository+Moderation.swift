import FluentKit
import FluentSQL
import Foundation
import GazetteCore
import SQLKit

/// The moderation queue: pending, reported and spam lists, counts, actions and their log.
extension DiscussionRepository {
    // MARK: Moderation

    public enum Queue: String, Sendable, CaseIterable {
        case pending, reported, spam
    }

    public func queue(_ queue: Queue, page: PageQuery) async throws -> PagedList<ModeratedComment> {
        var query = CommentRecord.query(on: store.db)
        switch queue {
        case .pending: query = query.filter(\.$status == ModerationStatus.pending.rawValue).sort(\.$createdAt).sort(\.$id)
        case .spam: query = query.filter(\.$status == ModerationStatus.spam.rawValue).sort(\.$createdAt, .descending).sort(\.$id)
        case .reported:
            query = query.filter(\.$status == ModerationStatus.published.rawValue).filter(\.$reports > 0)
                .sort(\.$reports, .descending).sort(\.$createdAt).sort(\.$id)
        }
        let total = try await query.copy().count()
        let records = try await query.copy().offset(page.offset).limit(page.limit).all()
        let storyIDs = Array(Set(records.map(\.storyID)))
        let stories = storyIDs.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await StoryRecord.query(on: store.db)
            .filter(\.$id ~~ storyIDs).all().map { ($0.id!, $0) })
        let items = try records.map { record in
            ModeratedComment(
                comment: Self.publicComment(record), storyID: record.storyID,
                storyHeadline: stories[record.storyID]?.headline ?? "", storySlug: stories[record.storyID]?.slug ?? "",
                status: try ModerationStatus(stored: record.status), reason: record.reason,
                email: record.email, clientHash: record.clientHash, reports: record.reports
            )
        }
        return PagedList(items: items, request: page, total: total)
    }

    public func counts() async throws -> [Queue: Int] {
        let db = store.db
        return [
            .pending: try await CommentRecord.query(on: db).filter(\.$status == ModerationStatus.pending.rawValue).count(),
            .spam: try await CommentRecord.query(on: db).filter(\.$status == ModerationStatus.spam.rawValue).count(),
            .reported: try await CommentRecord.query(on: db).filter(\.$status == ModerationStatus.published.rawValue).filter(\.$reports > 0).count(),
        ]
    }

    /// Applies one action to several comments; each is logged with who and when. Comments the
    /// action does not apply to (`ModerationRules`: a deleted comment cannot be approved) are
    /// left as they are and not counted.
    public func moderate(ids: [UUID], action: ModerationAction, by userName: String, now: Date) async throws -> Committed<Int> {
        try await store.writer.transaction { db in
            var done = 0
            var recount = Set<UUID>()
            var shown = Set<UUID>()
            for id in ids {
                guard let record = try await CommentRecord.find(id, on: db) else { continue }
                let before = try ModerationStatus(stored: record.status)
                guard let after = ModerationRules.status(after: action, from: before) else { continue }
                if before == .published || after == .published { shown.insert(record.storyID) }
                var detail = ""
                switch action {
                case .approve:
                    record.status = ModerationStatus.published.rawValue
                    record.reports = 0
                    try await CommentReportRecord.query(on: db).filter(\.$commentID == id).delete()
                case .reject: record.status = ModerationStatus.rejected.rawValue
                case .spam: record.status = ModerationStatus.spam.rawValue
                case .delete:
                    try await Self.markDeleted(record, on: db)
                case .ban:
                    var bans: [(String, String)] = [("client", record.clientHash)]
                    if let email = record.email, !email.isEmpty { bans.append(("email", email)) }
                    for (kind, value) in bans where try await BanRecord.query(on: db).filter(\.$kind == kind).filter(\.$value == value).count() == 0 {
                        let ban = BanRecord()
                        ban.kind = kind
                        ban.value = value
                        ban.reason = "banned from comment \(id.uuidString)"
                        ban.createdBy = userName
                        ban.createdAt = now
                        try await ban.create(on: db)
                    }
                    detail = bans.map(\.0).joined(separator: "+")
                    record.status = after.rawValue
                }
                if action != .delete && before != .deleted {
                    record.reason = "\(action.rawValue) by \(userName)"
                    try await record.update(on: db)
                }
                recount.insert(record.storyID)
                let log = ModerationActionRecord()
                log.commentID = id
                log.action = action.rawValue
                log.userName = userName
                log.detail = detail
                log.createdAt = now
                try await log.create(on: db)
                done += 1
            }
            for storyID in recount { try await Self.recount(storyID: storyID, on: db) }
            return Committed(done, events: shown.sorted { $0.uuidString < $1.uuidString }.map { .comment(.commentsChanged(storyID: $0)) })
        }
    }

    public struct LoggedAction: Sendable, Equatable {
        public var commentID: UUID?
        public var action: String
        public var userName: String
        public var at: Date
    }

    public func log(limit: Int = 50) async throws -> [LoggedAction] {
        try await ModerationActionRecord.query(on: store.db).sort(\.$createdAt, .descending).sort(\.$id).limit(limit).all()
            .map { LoggedAction(commentID: $0.commentID, action: $0.action, userName: $0.userName, at: $0.createdAt) }
    }
}
