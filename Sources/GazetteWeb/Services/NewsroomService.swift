import Foundation
import GazetteCore
import GazetteStore

/// The newsroom's use cases on stories, for the newsroom pages and the Admin API alike. It
/// knows nothing of HTTP: callers pass who acts (`NewsroomActor`) and what they sent; every
/// permission is decided here by `NewsroomPolicy`, and every write's events are published
/// on the bus once it has committed.
struct NewsroomService: Sendable {
    let store: Store
    let events: EventBus
    let readNextSettings: ReadNextSettings
    let defaultCommentPolicy: CommentPolicy
    let now: @Sendable () -> Date

    // MARK: Stories

    /// A blank story for this person: their name as author, the site's comment policy.
    func blankDraft(by actor: NewsroomActor) -> StoryDraft {
        var draft = StoryDraft()
        if actor.userID != nil { draft.authors = [actor.name] }
        draft.commentPolicy = defaultCommentPolicy
        return draft
    }

    /// The story, if the actor may do `action` to it; 404 when there is none, 403 otherwise.
    func story(_ id: UUID, for action: NewsroomAction, by actor: NewsroomActor) async throws -> Story {
        guard let story = try await store.stories.story(id: id) else { throw ContentError.notFound("The story") }
        try NewsroomPolicy.check(action, on: story.accessFacts, by: actor)
        return story
    }

    func create(_ draft: StoryDraft, by actor: NewsroomActor) async throws -> Story {
        try NewsroomPolicy.check(.write, by: actor)
        return await events.publish(try await store.newsroom.createDraft(
            draft, by: actor, mayCreateTaxonomy: NewsroomPolicy.may(.createTaxonomy, by: actor), now: now()
        ))
    }

    /// Saves new content over `expectedVersion`; a save over a newer version is refused with
    /// who saved it and when (`NewsroomError.conflict`) and writes nothing.
    func save(_ story: Story, draft: StoryDraft, expectedVersion: Int, by actor: NewsroomActor) async throws -> Story {
        try NewsroomPolicy.check(.edit, on: story.accessFacts, by: actor)
        return await events.publish(try await store.newsroom.save(
            story, draft: draft, expectedVersion: expectedVersion, by: actor,
            mayCreateTaxonomy: NewsroomPolicy.may(.createTaxonomy, by: actor), now: now()
        ))
    }

    /// Moves the story along the workflow; `at` is the publication time for `scheduled`.
    func move(_ story: Story, to target: StoryStatus, at: Date?, expectedVersion: Int?, by actor: NewsroomActor) async throws -> Story {
        try NewsroomPolicy.check(.move(to: target), on: story.accessFacts, by: actor)
        let now = now()
        if target == .scheduled {
            guard let at else { throw ValidationFailed(["at": "Give the time to publish at."]) }
            guard at > now else { throw ValidationFailed(["at": "The time to publish at must be in the future."]) }
        }
        return await events.publish(try await store.newsroom.move(story, to: target, at: at, expectedVersion: expectedVersion, by: actor, now: now))
    }

    func restore(_ story: Story, revision: UUID, expectedVersion: Int, by actor: NewsroomActor) async throws -> Story {
        try NewsroomPolicy.check(.edit, on: story.accessFacts, by: actor)
        return await events.publish(try await store.newsroom.restore(
            story, revisionID: revision, expectedVersion: expectedVersion, by: actor,
            mayCreateTaxonomy: NewsroomPolicy.may(.createTaxonomy, by: actor), now: now()
        ))
    }

    /// The body as the article page would show it, for the editor's preview.
    func preview(_ draft: StoryDraft, of story: Story?, by actor: NewsroomActor) async throws -> String {
        if let story { try NewsroomPolicy.check(.preview, on: story.accessFacts, by: actor) } else { try NewsroomPolicy.check(.write, by: actor) }
        return try await store.renderBody(draft.body)
    }

    /// The photos the editor offers as lead photo: the library's newest, and the one chosen.
    func photoChoices(including chosen: UUID?) async throws -> [Photo] {
        var photos = try await store.media.list(page: PageQuery(page: 1, limit: 100)).items
        if let chosen, !photos.contains(where: { $0.id == chosen }), let photo = try await store.media.photo(id: chosen) {
            photos.insert(photo, at: 0)
        }
        return photos
    }

    func revisions(of story: Story, by actor: NewsroomActor) async throws -> [Revision] {
        try NewsroomPolicy.check(.read, on: story.accessFacts, by: actor)
        return try await store.newsroom.revisions(storyID: story.id)
    }

    // MARK: Read next

    func readNextChoices(of story: Story, by actor: NewsroomActor) async throws -> ReadNextCurationSlugs {
        try NewsroomPolicy.check(.curate, on: story.accessFacts, by: actor)
        return try await store.stories.readNextCurationSlugs(storyID: story.id)
    }

    func setReadNext(of story: Story, pinned: [String], excluded: [String], by actor: NewsroomActor) async throws -> ReadNextCurationSlugs {
        try NewsroomPolicy.check(.curate, on: story.accessFacts, by: actor)
        return await events.publish(try await store.stories.setReadNextCuration(
            storyID: story.id, pinned: pinned, excluded: excluded, maxPinned: readNextSettings.count
        ))
    }

    // MARK: Soft locks

    /// Takes or renews the editor's lock; returns the name of someone else holding it, if anyone.
    func lock(_ story: Story, by actor: NewsroomActor, takeOver: Bool = false) async throws -> String? {
        try NewsroomPolicy.check(takeOver ? .takeOver : .lock, on: story.accessFacts, by: actor)
        guard let userID = actor.userID else { return nil }
        let state = try await store.newsroom.lock(storyID: story.id, userID: userID, name: actor.name, now: now(), takeOver: takeOver)
        if case .heldByOther(let name, _, _) = state { return name }
        return nil
    }

    /// Who else holds the lock, without taking it (opening the editor only reads).
    func lockHolder(_ story: Story, for actor: NewsroomActor) async throws -> String? {
        guard let userID = actor.userID, NewsroomPolicy.may(.lock, on: story.accessFacts, by: actor) else { return nil }
        return try await store.newsroom.lockHolder(storyID: story.id, except: userID, now: now())
    }

    // MARK: Lists

    func dashboard(by actor: NewsroomActor, startOfToday: Date) async throws -> NewsroomRepository.Dashboard {
        switch NewsroomPolicy.listScope(for: actor) {
        case .nobody: return .empty
        case .everyone: return try await store.newsroom.dashboard(startOfToday: startOfToday)
        case .createdBy(let id): return try await store.newsroom.dashboard(startOfToday: startOfToday, createdBy: id)
        }
    }

    func list(_ filter: NewsroomRepository.Filter, page: PageQuery, by actor: NewsroomActor) async throws -> PagedList<NewsroomRepository.Row> {
        var filter = filter
        switch NewsroomPolicy.listScope(for: actor) {
        case .nobody: return PagedList(items: [], request: page, total: 0)
        case .everyone: filter.createdBy = nil
        case .createdBy(let id): filter.createdBy = id
        }
        return try await store.newsroom.list(filter, page: page)
    }

    // MARK: Rubrics, tags, authors

    /// What the taxonomy form sends: a new entry when `id` is nil.
    struct TaxonomyEntry: Sendable {
        var id: UUID?
        var name: String
        var label: String
        var bio: String
    }

    func saveTaxonomy(_ kind: TaxonomyKind, _ entry: TaxonomyEntry, by actor: NewsroomActor) async throws {
        try NewsroomPolicy.check(.createTaxonomy, by: actor)
        let taxonomy = store.taxonomy
        switch (kind, entry.id) {
        case (.rubrics, nil): _ = try await taxonomy.createRubric(name: entry.name, label: entry.label)
        case (.rubrics, let id?): await events.publish(try await taxonomy.updateRubric(id: id, name: entry.name, label: entry.label))
        case (.tags, nil): _ = try await taxonomy.createTag(name: entry.name)
        case (.tags, let id?): await events.publish(try await taxonomy.updateTag(id: id, name: entry.name))
        case (.authors, nil): _ = try await taxonomy.createAuthor(name: entry.name, bio: entry.bio)
        case (.authors, let id?): await events.publish(try await taxonomy.updateAuthor(id: id, name: entry.name, bio: entry.bio))
        }
    }

    func rubrics() async throws -> [Rubric] { try await store.taxonomy.rubrics() }
    func tags() async throws -> [Tag] { try await store.taxonomy.tags() }
    func authors() async throws -> [Author] { try await store.taxonomy.authors() }
}
