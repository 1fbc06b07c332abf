import Foundation
import GazetteCore
import GazetteStore
import Logging

/// Every story's Read next list, in memory, computed by `ReadNextLists` from the published
/// stories. It follows the store by comparing each published story's last change with what
/// it holds — so stories published, edited, unpublished or deleted on any node are picked
/// up — at most every `refreshInterval`, and right away after this node's newsroom changes
/// a story. A page view is a lookup, plus that comparison when it is due.
actor ReadNextService {
    let store: Store
    let now: @Sendable () -> Date
    let refreshInterval: TimeInterval
    let logger: Logger
    private var lists: ReadNextLists
    private var known: [UUID: Date] = [:]
    private var lastRefresh: ContinuousClock.Instant?
    private var due = true

    init(store: Store, settings: ReadNextSettings = ReadNextSettings(), refreshInterval: TimeInterval = 10, now: @escaping @Sendable () -> Date, logger: Logger) {
        self.store = store
        self.now = now
        self.refreshInterval = refreshInterval
        self.logger = logger
        self.lists = ReadNextLists(settings: settings)
    }

    /// The story's list, best first.
    func list(for id: UUID) async throws -> [UUID] {
        if due || lastRefresh.map({ ContinuousClock.now - $0 >= .seconds(refreshInterval) }) ?? true {
            try await refresh()
        }
        return lists.list(for: id)
    }

    /// Brings the lists up to date with the store.
    func refresh() async throws {
        let current = try await store.stories.publishedVersions()
        let first = lastRefresh == nil
        lastRefresh = ContinuousClock.now
        due = false
        let changed = current.filter { known[$0.key] != $0.value }.map(\.key)
        let gone = known.keys.filter { current[$0] == nil }
        guard !changed.isEmpty || !gone.isEmpty else { return }
        let start = ContinuousClock.now
        let documents = try await store.stories.readNextDocuments(ids: changed)
        let time = now()
        if first {
            lists.load(documents, curation: [:], now: time)
        } else {
            for id in gone { lists.remove(id, now: time) }
            for document in documents { lists.upsert(document, now: time) }
        }
        known = current
        logger.debug("read next refreshed", metadata: [
            "changed": "\(documents.count)", "removed": "\(gone.count)", "took": "\(ContinuousClock.now - start)",
        ])
    }

    /// A story changed on this node: refresh at the next lookup instead of waiting.
    func invalidate() {
        due = true
    }
}
