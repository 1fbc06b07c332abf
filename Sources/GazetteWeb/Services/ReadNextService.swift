import Foundation
import GazetteCore
import GazetteStore
import Logging

/// Every story's Read next list, in memory, computed by `ReadNextLists` from the published
/// stories. It follows the store by comparing each published story's last change with what
/// it holds — so stories published, edited, unpublished or deleted on any node are picked
/// up — at most every `refreshInterval`. A page view is a lookup: refreshing runs in the
/// background, computing outside this actor, and until the first build is done the lists
/// are empty (the article page then falls back to rubric and tags).
public actor ReadNextService {
    let store: Store
    let now: @Sendable () -> Date
    let refreshInterval: TimeInterval
    let logger: Logger
    private var lists: ReadNextLists
    private var known: [UUID: Date] = [:]
    private var knownCuration: [UUID: ReadNextCuration] = [:]
    private var lastRefresh: ContinuousClock.Instant?
    private var refreshing = false

    public init(store: Store, settings: ReadNextSettings = ReadNextSettings(), refreshInterval: TimeInterval = 10, now: @escaping @Sendable () -> Date, logger: Logger) {
        self.store = store
        self.now = now
        self.refreshInterval = refreshInterval
        self.logger = logger
        self.lists = ReadNextLists(settings: settings)
    }

    /// The story's list, best first; empty until the first build is done.
    func list(for id: UUID) -> [UUID] {
        if !refreshing, lastRefresh.map({ ContinuousClock.now - $0 >= .seconds(refreshInterval) }) ?? true {
            refreshing = true
            Task { await self.refreshInBackground() }
        }
        return lists.list(for: id)
    }

    private func refreshInBackground() async {
        do {
            try await refresh()
        } catch {
            logger.error("read next refresh failed", metadata: ["error": "\(String(reflecting: error))"])
        }
        refreshing = false
    }

    /// Stories in the lists.
    public var storyCount: Int { lists.index.count }

    /// Brings the lists up to date with the store and returns once they are.
    public func refresh() async throws {
        let current = try await store.stories.publishedVersions()
        let curation = try await store.stories.readNextCuration()
        let first = lastRefresh == nil
        lastRefresh = ContinuousClock.now
        let changed = current.filter { known[$0.key] != $0.value || knownCuration[$0.key] != curation[$0.key] }.map(\.key)
        let gone = known.keys.filter { current[$0] == nil }
        guard !changed.isEmpty || !gone.isEmpty else { return }
        let start = ContinuousClock.now
        let documents = try await store.stories.readNextDocuments(ids: changed)
        let time = now()
        // The work happens on a copy, off this actor, so lookups go on meanwhile.
        let working = lists
        let updated = await Task.detached {
            var lists = working
            if first {
                lists.load(documents, curation: curation, now: time)
            } else {
                for id in gone { lists.remove(id, now: time) }
                for document in documents { lists.upsert(document, curation: curation[document.id] ?? ReadNextCuration(), now: time) }
            }
            return lists
        }.value
        lists = updated
        known = current
        knownCuration = curation
        logger.debug("read next refreshed", metadata: ["changed": "\(documents.count)", "removed": "\(gone.count)", "took": "\(ContinuousClock.now - start)"])
    }
}
