import FluentKit
import Foundation
import GazetteCore

extension NewsroomRepository {
    /// Rubrics, tags and author profiles are public pages: only those who may create taxonomy
    /// (`NewsroomPolicy`, `.createTaxonomy`) create them by naming new ones in a story. Others may use what exists, and name
    /// themselves as an author.
    func checkTaxonomy(_ draft: StoryDraft, by actor: NewsroomActor, mayCreate: Bool, into problems: inout [String: String]) async throws {
        guard !mayCreate else { return }
        let db = store.db
        let rubric = draft.rubric.trimmingCharacters(in: .whitespaces)
        if !rubric.isEmpty, try await RubricRecord.query(on: db).filter(\.$slug == Slug.make(from: rubric)).count() == 0 {
            problems["rubric"] = "There is no rubric \"\(rubric)\"; an editor creates rubrics."
        }
        for tag in StoryRepository.unique(draft.tags) where try await TagRecord.query(on: db).filter(\.$slug == Slug.make(from: tag)).count() == 0 {
            problems["tags"] = "There is no tag \"\(tag)\"; an editor creates tags."
            break
        }
        for author in StoryRepository.unique(draft.authors) where Slug.make(from: author) != Slug.make(from: actor.name) {
            if try await AuthorRecord.query(on: db).filter(\.$slug == Slug.make(from: author)).count() == 0 {
                problems["authors"] = "There is no author profile \"\(author)\"; an editor creates them."
                break
            }
        }
    }
}
