import FluentKit
import FluentSQL
import Foundation
import GazetteCore
import SQLKit

/// What Read next reads: published stories' versions and documents, and the newsroom's curation.
extension StoryRepository {
    /// Published stories with the time each last changed: what Read next compares against
    /// what it has, to find stories that came, changed or went (on any node).
    /// When each published story (of `ids`, or all) last changed.
    public func publishedVersions(ids: [UUID]? = nil) async throws -> [UUID: Date] {
        var query = (store.db as! any SQLDatabase).select()
            .columns("id", "updated_at").from(StoryRecord.schema)
            .where("status", .equal, StoryStatus.published.rawValue)
        if let ids { query = query.where("id", .in, SQLBind.group(ids)) }
        let rows = try await query.all()
        var versions: [UUID: Date] = [:]
        for row in rows { versions[try row.decode(column: "id", as: UUID.self)] = try row.decode(column: "updated_at", as: Date.self) }
        return versions
    }

    /// These stories as the Read next index reads them.
    public func readNextDocuments(ids: [UUID]) async throws -> [ReadNextDocument] {
        var documents: [ReadNextDocument] = []
        // In batches, so a first load of many stories stays within bind limits.
        for start in stride(from: 0, to: ids.count, by: 500) {
            let batch = Array(ids[start..<min(start + 500, ids.count)])
            let records = try await StoryRecord.query(on: store.db).filter(\.$id ~~ batch).all()
            let tags = try await tagsByStory(batch, on: store.db)
            documents += records.map { record in
                ReadNextDocument(
                    id: record.id!, headline: record.headline, lead: record.lead, body: record.bodyText,
                    rubricID: record.$rubric.id, tagIDs: (tags[record.id!] ?? []).map(\.id), publishedAt: record.publishedAt
                )
            }
        }
        return documents
    }

    /// The newsroom's pins and exclusions for every story that has some (a short list:
    /// Read next compares it on each refresh).
    public func readNextCuration() async throws -> [UUID: ReadNextCuration] {
        var result: [UUID: ReadNextCuration] = [:]
        for choice in try await ReadNextChoiceRecord.query(on: store.db).sort(\.$position).all() {
            var curation = result[choice.storyID] ?? ReadNextCuration()
            if choice.kind == "pinned" { curation.pinned.append(choice.targetID) } else { curation.excluded.insert(choice.targetID) }
            result[choice.storyID] = curation
        }
        return result
    }

    /// Replaces a story's pins (in order) and exclusions, named by slug. Unknown slugs, the
    /// story itself, or a story both pinned and excluded are refused with the field named.
    /// The newsroom's pins (in order, at most `maxPinned`) and exclusions for one story's Read next.
    public func setReadNextCuration(
        storyID: UUID, pinned: [String], excluded: [String], maxPinned: Int
    ) async throws -> Committed<ReadNextCurationSlugs> {
        func resolve(_ slugs: [String], field: String) async throws -> [(UUID, String)] {
            var out: [(UUID, String)] = []
            for slug in StoryRepository.unique(slugs.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }) {
                guard let record = try await StoryRecord.query(on: store.db).filter(\.$slug == slug).first() else {
                    throw ValidationFailed([field: "No story has the slug \"\(slug.prefix(80))\"."])
                }
                guard record.id != storyID else { throw ValidationFailed([field: "A story cannot be its own Read next."]) }
                out.append((record.id!, record.slug))
            }
            return out
        }
        let pins = try await resolve(pinned, field: "pinned")
        let exclusions = try await resolve(excluded, field: "excluded")
        if let both = pins.first(where: { pin in exclusions.contains { $0.0 == pin.0 } }) {
            throw ValidationFailed(["excluded": "\"\(both.1)\" is also pinned."])
        }
        guard pins.count <= maxPinned else { throw ValidationFailed(["pinned": "At most \(maxPinned) stories can be pinned."]) }
        try await store.writer.transaction { db in
            guard try await StoryRecord.find(storyID, on: db) != nil else { throw ContentError.notFound("The story") }
            try await ReadNextChoiceRecord.query(on: db).filter(\.$storyID == storyID).delete()
            for (position, entry) in (pins.map { ($0, "pinned") } + exclusions.map { ($0, "excluded") }).enumerated() {
                let choice = ReadNextChoiceRecord()
                choice.storyID = storyID
                choice.targetID = entry.0.0
                choice.kind = entry.1
                choice.position = position
                try await choice.create(on: db)
            }
        }
        return Committed(
            ReadNextCurationSlugs(pinned: pins.map(\.1), excluded: exclusions.map(\.1)),
            storyEvents: [.curationChanged(storyID: storyID)]
        )
    }

    /// One story's curation by slug, as the newsroom edits it.
    public func readNextCurationSlugs(storyID: UUID) async throws -> ReadNextCurationSlugs {
        let choices = try await ReadNextChoiceRecord.query(on: store.db).filter(\.$storyID == storyID).sort(\.$position).all()
        let slugs = try await StoryRecord.query(on: store.db).filter(\.$id ~~ choices.map(\.targetID)).all()
            .reduce(into: [UUID: String]()) { $0[$1.id!] = $1.slug }
        return ReadNextCurationSlugs(
            pinned: choices.filter { $0.kind == "pinned" }.compactMap { slugs[$0.targetID] },
            excluded: choices.filter { $0.kind != "pinned" }.compactMap { slugs[$0.targetID] }.sorted()
        )
    }
}
