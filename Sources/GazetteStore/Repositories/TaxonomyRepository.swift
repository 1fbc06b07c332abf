import FluentKit
import Foundation
import GazetteCore

/// Rubrics, tags and author profiles, as the newsroom manages them. Slugs are fixed once
/// made, so that published addresses keep working.
public struct TaxonomyRepository: Sendable {
    let store: Store

    public func rubrics() async throws -> [Rubric] {
        try await RubricRecord.query(on: store.db).sort(\.$name).sort(\.$id).all().map(\.domain)
    }

    public func tags() async throws -> [Tag] {
        try await TagRecord.query(on: store.db).sort(\.$name).sort(\.$id).all().map(\.domain)
    }

    public func authors() async throws -> [Author] {
        try await AuthorRecord.query(on: store.db).sort(\.$name).sort(\.$id).all().map(\.domain)
    }

    static func checkName(_ name: String, field: String = "name") throws -> String {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { throw ValidationFailed([field: "Give a \(field)."]) }
        if name.count > StoryRules.nameMaxLength { throw ValidationFailed([field: "At most \(StoryRules.nameMaxLength) characters."]) }
        return name
    }

    public func createRubric(name: String, label: String) async throws -> Rubric {
        let name = try Self.checkName(name)
        let label = label.trimmingCharacters(in: .whitespaces).isEmpty ? name : try Self.checkName(label, field: "label")
        let id = try await StoryRepository.rubricID(RubricName(name, label: label), on: store.writer)
        return try await RubricRecord.find(id, on: store.db)!.domain
    }

    /// Renames a rubric; every page that shows its name or label may change.
    public func updateRubric(id: UUID, name: String, label: String) async throws -> Committed<Void> {
        let name = try Self.checkName(name)
        let label = try Self.checkName(label, field: "label")
        guard let record = try await RubricRecord.find(id, on: store.writer) else { throw ContentError.notFound("The rubric") }
        record.name = name
        record.label = label
        try await record.update(on: store.writer)
        return Committed((), events: [.taxonomy(.rubricChanged(slug: record.slug))])
    }

    public func createTag(name: String) async throws -> Tag {
        let name = try Self.checkName(name)
        let id = try await StoryRepository.tagID(name, on: store.writer)
        return try await TagRecord.find(id, on: store.db)!.domain
    }

    public func updateTag(id: UUID, name: String) async throws -> Committed<Void> {
        let name = try Self.checkName(name)
        guard let record = try await TagRecord.find(id, on: store.writer) else { throw ContentError.notFound("The tag") }
        record.name = name
        try await record.update(on: store.writer)
        return Committed((), events: [.taxonomy(.tagChanged(slug: record.slug))])
    }

    public func createAuthor(name: String, bio: String) async throws -> Author {
        let name = try Self.checkName(name)
        let id = try await StoryRepository.authorID(name, on: store.writer)
        _ = try await updateAuthor(id: id, name: name, bio: bio)
        return try await AuthorRecord.find(id, on: store.db)!.domain
    }

    public func updateAuthor(id: UUID, name: String, bio: String) async throws -> Committed<Void> {
        let name = try Self.checkName(name)
        let bio = bio.trimmingCharacters(in: .whitespacesAndNewlines)
        if bio.count > 2_000 { throw ValidationFailed(["bio": "At most 2000 characters."]) }
        guard let record = try await AuthorRecord.find(id, on: store.writer) else { throw ContentError.notFound("The author") }
        record.name = name
        record.bio = bio
        try await record.update(on: store.writer)
        return Committed((), events: [.taxonomy(.authorChanged(slug: record.slug))])
    }
}

extension Store {
    public var taxonomy: TaxonomyRepository { TaxonomyRepository(store: self) }
}
