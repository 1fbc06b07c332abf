import Foundation
import GazetteCore
import GazetteStore
import Logging
import ServiceLifecycle

/// Every story's Read next list, in memory, computed by `ReadNextLists` from the published
/// stories. It is an application service: `run` builds the lists once at start and then
/// resyncs slowly with the store (for changes made by other processes, such as an import or
/// another node, until cluster mode tells it of those too), and stops with graceful shutdown.
/// Changes made on this node arrive as events, so a story published, edited, renamed or
/// unpublished is in every list before the write's response goes out. A page view is a
/// lookup; until the first build is done the lists are empty and the fallback ranker fills in.
public actor ReadNextService: Service, EventSubscriber {
    let store: Store
    let settings: ReadNextSettings
    let resyncInterval: TimeInterval
    let now: @Sendable () -> Date
    let logger: Logger
    /// Told which stories' lists changed (nil: all of them), so their pages are rendered again.
    let listsChanged: @Sendable (Set<UUID>?) -> Void
    private var lists: ReadNextLists
    /// Building and updating the lists is long, steady CPU work (minutes at 100,000 stories):
    /// it runs on a thread of its own, so the event loops and Swift's two cooperative threads
    /// keep answering requests meanwhile.
    private let work = WorkPool(name: "read next", threads: 1, maxWaiting: 4)
    private var known: [UUID: Date] = [:]
    private var knownCuration: [UUID: ReadNextCuration] = [:]
    private var built = false
    /// Changes run one after another: a resync and an event never interleave their halves.
    private var tail: Task<Void, Never>?

    public init(
        store: Store, settings: ReadNextSettings = ReadNextSettings(), resyncInterval: TimeInterval = 60,
        now: @escaping @Sendable () -> Date, logger: Logger, listsChanged: @escaping @Sendable (Set<UUID>?) -> Void = { _ in }
    ) {
        self.store = store
        self.listsChanged = listsChanged
        self.settings = settings
        self.resyncInterval = resyncInterval
        self.now = now
        self.logger = logger
        self.lists = ReadNextLists(settings: settings)
    }

    // MARK: Service

    public func run() async throws {
        await serially { await self.resyncLogged() }
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(self.resyncInterval)) }
            guard !Task.isCancelled && !Task.isShuttingDownGracefully else { break }
            await serially { await self.resyncLogged() }
        }
        await work.shutdown()
    }

    public nonisolated func receive(_ events: [SiteEvent], from origin: EventOrigin) async {
        var ids: [UUID] = []
        var curation = false
        for case .story(let event) in events {
            if case .curationChanged = event { curation = true }
            if !ids.contains(event.storyID) { ids.append(event.storyID) }
        }
        guard !ids.isEmpty else { return }
        await serially { [ids, curation] in
            do {
                try await self.apply(changed: ids, curationChanged: curation)
            } catch {
                // The next resync repairs what this missed.
                self.logger.error("read next update failed", metadata: ["error": "\(String(reflecting: error))"])
            }
        }
    }

    // MARK: Reading

    /// The story's list, best first; empty until the first build is done.
    func list(for id: UUID) -> [UUID] { lists.list(for: id) }

    /// Stories in the lists.
    public var storyCount: Int { lists.index.count }

    /// Whether the first build is done.
    public var isBuilt: Bool { built }

    /// The stories under an article, and whether the fallback ranker chose some of them
    /// (then any publish may change them, not only a change of the story's own list).
    struct Pick: Sendable {
        var stories: [StorySummary]
        var filled: Bool
    }

    /// The stories under an article: the most related by the index, shown newest first like
    /// a timeline (as on the seed page). When the index finds fewer (a young site, or before
    /// the first build), the rubric-and-tags ranker fills the rest.
    func stories(for story: Story) async throws -> Pick {
        let count = settings.count
        var chosen = try await store.stories.summaries(ids: list(for: story.id), publishedOnly: true)
        // Before the first build every list is the fallback's, and the build changes them all.
        let filled = chosen.count < count || !built
        if filled {
            let fill = try await store.stories.readNext(for: story.summary, ranker: ReadNextRanker(count: count))
            chosen += fill.filter { candidate in !chosen.contains { $0.id == candidate.id } }.prefix(count - chosen.count)
        }
        let stories = chosen.prefix(count).sorted { a, b in
            let x = a.publishedAt ?? .distantPast
            let y = b.publishedAt ?? .distantPast
            return x != y ? x > y : a.id.uuidString < b.id.uuidString
        }
        return Pick(stories: stories, filled: filled)
    }

    // MARK: Changes

    /// Brings the lists up to date with the store and returns once they are.
    public func refresh() async throws {
        let result: Result<Void, any Error> = await serially {
            do { return .success(try await self.resync()) } catch { return .failure(error) }
        }
        try result.get()
    }

    private func serially<T: Sendable>(_ work: @escaping @Sendable () async -> T) async -> T {
        let previous = tail
        let next = Task {
            await previous?.value
            return await work()
        }
        tail = Task { _ = await next.value }
        return await next.value
    }

    private func resyncLogged() async {
        do {
            try await resync()
        } catch {
            logger.error("read next resync failed", metadata: ["error": "\(String(reflecting: error))"])
        }
    }

    /// Compares each published story's last change and all curation with what the lists hold.
    private func resync() async throws {
        let current = try await store.stories.publishedVersions()
        let curation = try await store.stories.readNextCuration()
        let changed = current.filter { known[$0.key] != $0.value || knownCuration[$0.key] != curation[$0.key] }.map(\.key)
        let gone = known.keys.filter { current[$0] == nil }
        guard !built || !changed.isEmpty || !gone.isEmpty else { return }
        let start = ContinuousClock.now
        let documents = try await store.stories.readNextDocuments(ids: changed)
        let made = try await update(documents: documents, removed: gone, curation: curation, first: !built)
        // The first build changes the lists it made; changes another process made (an import)
        // may show on any page.
        listsChanged(built ? nil : made)
        known = current
        built = true
        logger.debug("read next resynced", metadata: ["changed": "\(documents.count)", "removed": "\(gone.count)", "took": "\(ContinuousClock.now - start)"])
    }

    /// Applies this node's changes to the stories in `ids`: each is upserted if published,
    /// removed if not.
    private func apply(changed ids: [UUID], curationChanged: Bool) async throws {
        // Before the first build there is nothing to update: the build reads everything.
        guard built else { return }
        let curation = curationChanged ? try await store.stories.readNextCuration() : knownCuration
        let versions = try await store.stories.publishedVersions(ids: ids)
        let documents = try await store.stories.readNextDocuments(ids: Array(versions.keys))
        let removed = ids.filter { versions[$0] == nil && known[$0] != nil }
        let changed = try await update(documents: documents, removed: removed, curation: curation, first: false)
        for id in ids { known[id] = versions[id] }
        listsChanged(changed)
    }

    /// Returns the stories whose lists changed.
    private func update(documents: [ReadNextDocument], removed: [UUID], curation: [UUID: ReadNextCuration], first: Bool) async throws -> Set<UUID> {
        let time = now()
        // The work happens on a copy, off this actor, so lookups go on meanwhile.
        let working = lists
        let (updated, changed) = try await work.run {
            var lists = working
            var changed: Set<UUID> = []
            if first {
                lists.load(documents, curation: curation, now: time)
                changed = Set(documents.map(\.id))
            } else {
                for id in removed { changed.formUnion(lists.remove(id, now: time)) }
                for document in documents { changed.formUnion(lists.upsert(document, curation: curation[document.id] ?? ReadNextCuration(), now: time)) }
            }
            return (lists, changed)
        }
        lists = updated
        knownCuration = curation
        return changed
    }
}
