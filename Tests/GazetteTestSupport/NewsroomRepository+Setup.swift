import Foundation
import GazetteCore
import GazetteStore

/// Short forms of the newsroom's writes for setting up tests: by story id, with the taxonomy
/// right the actor's role gives, returning the story. They do not check permissions — in the
/// application `NewsroomService` does, and its own tests cover that.
extension NewsroomRepository {
    public func createDraft(_ draft: StoryDraft, by actor: NewsroomActor, now: Date) async throws -> Story {
        try await createDraft(draft, by: actor, mayCreateTaxonomy: NewsroomPolicy.may(.createTaxonomy, by: actor), now: now).value
    }

    public func save(id: UUID, draft: StoryDraft, expectedVersion: Int, by actor: NewsroomActor, now: Date) async throws -> Story {
        try await save(
            try await current(id), draft: draft, expectedVersion: expectedVersion, by: actor,
            mayCreateTaxonomy: NewsroomPolicy.may(.createTaxonomy, by: actor), now: now
        ).value
    }

    public func move(id: UUID, to target: StoryStatus, at: Date? = nil, expectedVersion: Int? = nil, by actor: NewsroomActor, now: Date) async throws -> Story {
        try await move(try await current(id), to: target, at: at, expectedVersion: expectedVersion, by: actor, now: now).value
    }

    public func restore(id: UUID, revisionID: UUID, expectedVersion: Int, by actor: NewsroomActor, now: Date) async throws -> Story {
        try await restore(
            try await current(id), revisionID: revisionID, expectedVersion: expectedVersion, by: actor,
            mayCreateTaxonomy: NewsroomPolicy.may(.createTaxonomy, by: actor), now: now
        ).value
    }

    private func current(_ id: UUID) async throws -> Story {
        guard let story = try await store.stories.story(id: id) else { throw ContentError.notFound("The story") }
        return story
    }
}
