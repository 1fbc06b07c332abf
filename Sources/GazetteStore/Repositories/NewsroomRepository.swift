import FluentKit
import FluentSQL
import Foundation
import GazetteCore
import SQLKit

/// The newsroom's work on stories: drafts, saves with version checks, workflow moves,
/// revisions, slug history, soft locks and the scheduler's claim. Who may do what is decided
/// before (`NewsroomPolicy`, in `NewsroomService`); each write returns the events it committed.
public struct NewsroomRepository: Sendable {
    public let store: Store

    var stories: StoryRepository { store.stories }

    // MARK: Writing

    /// A new draft. `mayCreateTaxonomy` says whether naming a new rubric, tag or author in it
    /// creates one, or is a problem to report.
    public func createDraft(_ draft: StoryDraft, by actor: NewsroomActor, mayCreateTaxonomy: Bool, now: Date) async throws -> Committed<Story> {
        var problems = draft.problems()
        try await checkTaxonomy(draft, by: actor, mayCreate: mayCreateTaxonomy, into: &problems)
        problems.merge(try await store.media.problems(lead: draft.leadPhoto, body: draft.body, public: false)) { old, _ in old }
        guard problems.isEmpty else { throw ValidationFailed(problems) }
        if !draft.slug.isEmpty, try await slugOwner(draft.slug) != nil {
            throw ValidationFailed(["slug": "Another story uses this slug."])
        }
        // A new draft is not public: nothing to announce yet.
        return Committed(try await stories.create(NewStory(draft: draft, createdBy: actor.userID), now: now, by: actor))
    }

    /// Saves new content over `expectedVersion`. A save over a newer version is refused with
    /// the name of who saved it and when; nothing is written then.
    public func save(
        _ current: Story, draft: StoryDraft, expectedVersion: Int, by actor: NewsroomActor, mayCreateTaxonomy: Bool,
        now: Date, action: String = "saved"
    ) async throws -> Committed<Story> {
        let id = current.id
        var problems = draft.problems()
        try await checkTaxonomy(draft, by: actor, mayCreate: mayCreateTaxonomy, into: &problems)
        let slug = draft.slug.trimmingCharacters(in: .whitespaces).isEmpty ? current.slug : draft.slug.trimmingCharacters(in: .whitespaces)
        if problems["slug"] == nil, slug != current.slug, let owner = try await slugOwner(slug), owner != id {
            problems["slug"] = "Another story uses this slug."
        }
        let isPublic = [.published, .scheduled].contains(current.status)
        problems.merge(try await store.media.problems(lead: draft.leadPhoto, body: draft.body, public: isPublic)) { old, _ in old }
        guard problems.isEmpty else { throw ValidationFailed(problems) }
        let bodyHTML = try await store.renderBody(draft.body)
        let cleanTags = StoryRepository.unique(draft.tags)
        let cleanAuthors = StoryRepository.unique(draft.authors)
        try await store.writer.transaction { db in
            let sql = db as! any SQLDatabase
            // The version check and the write are one statement: the first of the
            // transaction, so on SQLite it takes the write lock before anything is read.
            let updated = try await sql.update("stories")
                .set("headline", to: draft.headline.trimmingCharacters(in: .whitespacesAndNewlines))
                .set("lead", to: draft.lead.trimmingCharacters(in: .whitespacesAndNewlines))
                .set("body", to: draft.body)
                .set("body_html", to: bodyHTML)
                .set("body_text", to: SearchSnippet.plainText(fromHTML: bodyHTML))
                .set("slug", to: slug)
                .set("seo_title", to: draft.seoTitle)
                .set("seo_description", to: draft.seoDescription)
                .set("comment_policy", to: draft.commentPolicy.rawValue)
                .set("pinned", to: draft.pinned)
                .set("breaking", to: draft.breaking)
                .set("lead_photo_id", to: draft.leadPhoto)
                .set("updated_at", to: now)
                .set(SQLColumn("version"), to: SQLColumn.incremented("version"))
                .where("id", .equal, id)
                .where("version", .equal, expectedVersion)
                .returning("version")
                .all(decodingColumn: "version", as: Int.self)
            guard let version = updated.first else {
                throw try await Self.conflict(storyID: id, on: db)
            }
            if slug != current.slug {
                // Old addresses of a story readers have seen keep working.
                try await SlugRedirectRecord.query(on: db).filter(\.$oldSlug == slug).delete()
                if current.publishedAt != nil {
                    let redirect = SlugRedirectRecord()
                    redirect.oldSlug = current.slug
                    redirect.storyID = id
                    try await redirect.create(on: db)
                }
            }
            let rubric = draft.rubric.trimmingCharacters(in: .whitespaces)
            let rubricID: UUID? = rubric.isEmpty ? nil : try await StoryRepository.rubricID(RubricName(rubric), on: db)
            try await StoryRecord.query(on: db).filter(\.$id == id).set(\.$rubric.$id, to: rubricID).update()
            try await StoryTagRecord.query(on: db).filter(\.$story.$id == id).delete()
            try await StoryAuthorRecord.query(on: db).filter(\.$story.$id == id).delete()
            try await StoryRepository.attach(tags: cleanTags, authors: cleanAuthors, to: id, on: db)
            try await MediaRepository.recordUse(storyID: id, lead: draft.leadPhoto, body: draft.body, on: db)
            var content = draft
            content.slug = slug
            content.tags = cleanTags
            content.authors = cleanAuthors
            try await Self.addRevision(storyID: id, version: version, actor: actor, action: action, status: current.status, content: content, at: now, on: db)
        }
        // Read once more: the rubric, tags and authors are rows of their own.
        guard let saved = try await stories.story(id: id) else { throw ContentError.notFound("The story") }
        return Committed(saved, storyEvents: StoryEvent.between(current, saved))
    }

    /// Moves a story along the workflow. `at` is the publication time for `scheduled`.
    /// The workflow rule (`StoryWorkflow`) is checked here too, against the status the story
    /// has; the update is conditional on that status, so two moves cannot both win.
    public func move(
        _ current: Story, to target: StoryStatus, at: Date? = nil, expectedVersion: Int? = nil, by actor: NewsroomActor, now: Date
    ) async throws -> Committed<Story> {
        let id = current.id
        try StoryWorkflow.check(from: current.status, to: target, role: actor.role)
        if target == .scheduled {
            guard let at else { throw ValidationFailed(["at": "Give the time to publish at."]) }
            guard at > now else { throw ValidationFailed(["at": "The time to publish at must be in the future."]) }
        }
        if [.published, .scheduled].contains(target) {
            // Readers (and screen readers) meet the photos from the moment it is public.
            let problems = try await store.media.problems(lead: current.leadPhoto?.id, body: current.body, public: true)
            guard problems.isEmpty else { throw ValidationFailed(problems) }
        }
        let action: String
        switch target {
        case .draft: action = "returned to draft"
        case .inReview: action = "submitted for review"
        case .scheduled: action = "scheduled"
        case .published: action = "published"
        case .unpublished: action = "unpublished"
        }
        let version = try await store.writer.transaction { db -> Int in
            let sql = db as! any SQLDatabase
            var update = sql.update("stories")
                .set("status", to: target.rawValue)
                .set("updated_at", to: now)
                .set(SQLColumn("version"), to: SQLColumn.incremented("version"))
            switch target {
            case .scheduled:
                update = update.set("scheduled_at", to: at)
            case .published:
                update = update.set("scheduled_at", to: SQLLiteral.null).set("published_at", to: current.publishedAt ?? now)
            default:
                update = update.set("scheduled_at", to: SQLLiteral.null)
            }
            update = update.where("id", .equal, id).where("status", .equal, current.status.rawValue)
            if let expectedVersion { update = update.where("version", .equal, expectedVersion) }
            let updated = try await update.returning("version").all(decodingColumn: "version", as: Int.self)
            guard let version = updated.first else { throw try await Self.conflict(storyID: id, on: db) }
            try await Self.addRevision(
                storyID: id, version: version, actor: actor, action: action, status: target,
                content: StoryDraft(current), at: now, on: db
            )
            return version
        }
        // Only the columns just written changed: no need to read the story again.
        var moved = current
        moved.status = target
        moved.version = version
        moved.updatedAt = now
        switch target {
        case .scheduled: moved.scheduledAt = at
        case .published:
            moved.scheduledAt = nil
            moved.publishedAt = current.publishedAt ?? now
        default: moved.scheduledAt = nil
        }
        return Committed(moved, storyEvents: StoryEvent.between(current, moved))
    }

    /// Restores an earlier revision's content; the restore is itself a new revision.
    public func restore(
        _ current: Story, revisionID: UUID, expectedVersion: Int, by actor: NewsroomActor, mayCreateTaxonomy: Bool, now: Date
    ) async throws -> Committed<Story> {
        guard let revision = try await revision(id: revisionID), revision.storyID == current.id else {
            throw ContentError.notFound("The revision")
        }
        return try await save(
            current, draft: revision.content, expectedVersion: expectedVersion, by: actor, mayCreateTaxonomy: mayCreateTaxonomy,
            now: now, action: "restored version \(revision.version)"
        )
    }

    // MARK: Scheduler

    /// Publishes every scheduled story whose time has come. Each story is claimed by one
    /// conditional UPDATE, so with several processes on one database each story is
    /// published exactly once. Returns the ids this call published, and their events.
    public func publishDue(now: Date) async throws -> Committed<[UUID]> {
        let due = try await StoryRecord.query(on: store.db)
            .filter(\.$status == StoryStatus.scheduled.rawValue)
            .filter(\.$scheduledAt <= now)
            .sort(\.$scheduledAt).sort(\.$id)
            .limit(100)
            .all()
        var published: [UUID] = []
        var events: [StoryEvent] = []
        for record in due {
            let id = record.id!
            let claimed = try await store.writer.transaction { db -> Story? in
                let sql = db as! any SQLDatabase
                let rows = try await sql.update("stories")
                    .set("status", to: StoryStatus.published.rawValue)
                    .set("published_at", to: record.scheduledAt ?? now)
                    .set("scheduled_at", to: SQLLiteral.null)
                    .set("updated_at", to: now)
                    .set(SQLColumn("version"), to: SQLColumn.incremented("version"))
                    .where("id", .equal, id)
                    .where("status", .equal, StoryStatus.scheduled.rawValue)
                    .returning("version")
                    .all(decodingColumn: "version", as: Int.self)
                guard let version = rows.first else { return nil }  // another process was first
                let story = try await store.stories.fullStory(record, on: db)
                try await Self.addRevision(
                    storyID: id, version: version, actor: NewsroomActor(userID: nil, name: "Scheduler", role: .editor),
                    action: "published as scheduled", status: .published, content: StoryDraft(story), at: now, on: db
                )
                return story
            }
            if let before = claimed {
                published.append(id)
                var after = before
                after.status = .published
                after.version += 1
                events += StoryEvent.between(before, after)
            }
        }
        return Committed(published, storyEvents: events)
    }

    // MARK: Revisions

    public func revisions(storyID: UUID) async throws -> [Revision] {
        try await RevisionRecord.query(on: store.db)
            .filter(\.$storyID == storyID)
            .sort(\.$version, .descending).sort(\.$id)
            .all()
            .map { try Self.domain($0) }
    }

    public func revision(id: UUID) async throws -> Revision? {
        try await RevisionRecord.find(id, on: store.db).map { try Self.domain($0) }
    }

    /// Deletes revisions older than the newest `keep` of every story (the explicit pruning).
    public func pruneRevisions(keep: Int) async throws -> Int {
        let keep = max(1, keep)
        var removed = 0
        let storyIDs = try await StoryRecord.query(on: store.db).all(\.$id)
        for storyID in storyIDs {
            let old = try await RevisionRecord.query(on: store.db)
                .filter(\.$storyID == storyID).sort(\.$version, .descending).sort(\.$id)
                .offset(keep).all(\.$id)
            guard !old.isEmpty else { continue }
            try await RevisionRecord.query(on: store.writer).filter(\.$id ~~ old).delete()
            removed += old.count
        }
        return removed
    }

    static func domain(_ record: RevisionRecord) throws -> Revision {
        let content = try JSONDecoder().decode(StoryDraft.self, from: Data(record.content.utf8))
        return Revision(
            id: record.id!, storyID: record.storyID, version: record.version, userName: record.userName,
            createdAt: record.createdAt, action: record.action,
            status: try StoryStatus(stored: record.status), content: content
        )
    }

    static func addRevision(
        storyID: UUID, version: Int, actor: NewsroomActor, action: String, status: StoryStatus,
        content: StoryDraft, at: Date, on db: any Database
    ) async throws {
        let record = RevisionRecord()
        record.storyID = storyID
        record.version = version
        record.userID = actor.userID
        record.userName = actor.name
        record.action = action
        record.status = status.rawValue
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        record.content = String(decoding: try encoder.encode(content), as: UTF8.self)
        record.createdAt = at
        try await record.create(on: db)
    }

    /// The conflict to report: who saved the version that is there now, and when.
    static func conflict(storyID: UUID, on db: any Database) async throws -> any Error {
        guard let story = try await StoryRecord.find(storyID, on: db) else { return ContentError.notFound("The story") }
        let last = try await RevisionRecord.query(on: db).filter(\.$storyID == storyID)
            .sort(\.$version, .descending).first()
        return NewsroomError.conflict(
            savedBy: last?.userName ?? "Someone", savedAt: last?.createdAt ?? story.updatedAt, currentVersion: story.version
        )
    }

    // MARK: Slugs

    /// The story a slug belongs to, now or before a rename.
    func slugOwner(_ slug: String) async throws -> UUID? {
        if let id = try await StoryRecord.query(on: store.db).filter(\.$slug == slug).first()?.id { return id }
        return try await SlugRedirectRecord.query(on: store.db).filter(\.$oldSlug == slug).first()?.storyID
    }

    /// The current slug of a published story that used to have `oldSlug`.
    public func currentSlug(forOld oldSlug: String) async throws -> String? {
        guard let redirect = try await SlugRedirectRecord.query(on: store.db).filter(\.$oldSlug == oldSlug).first(),
              let story = try await StoryRecord.find(redirect.storyID, on: store.db),
              story.status == StoryStatus.published.rawValue
        else { return nil }
        return story.slug
    }

}

extension SQLColumn {
    /// `column + 1`, for counters updated in place.
    static func incremented(_ column: String, by amount: Int = 1) -> some SQLExpression {
        SQLBinaryExpression(SQLColumn(column), .add, SQLLiteral.numeric(String(amount)))
    }
}

extension Store {
    public var newsroom: NewsroomRepository { NewsroomRepository(store: self) }
}
