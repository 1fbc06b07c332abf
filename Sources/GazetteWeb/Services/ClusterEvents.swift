import Foundation
import GazetteCore
import GazetteStore
import Logging
import ServiceLifecycle
import Synchronization

/// Carries committed events between the nodes that share a PostgreSQL store, through
/// `NOTIFY`/`LISTEN`: each write's events go out once its transaction has committed, and every
/// other node publishes them on its own bus (marked `.otherNode`), so its page cache, photo
/// memory and Read next react as if the write were its own. PostgreSQL delivers them in commit
/// order to every listening connection; what a node may have missed while its connection was
/// down is made good by a resynchronisation (every cached page and photo dropped, Read next
/// compared with the store) before the node calls itself caught up again.
///
/// With a read replica, pages are rendered from data that may lag: each message carries the
/// primary's WAL position, and once the replica has replayed that far the affected pages are
/// invalidated a second time, so a page rendered from the replica in between never stays.
final class ClusterEvents: Service, EventSubscriber, Sendable {
    struct Message: Codable, Sendable {
        var node: String
        /// Seconds since 1970 when the writing node sent it (for the event lag).
        var sent: Double
        var events: [SiteEvent]?
        /// Too many events for one notification: every node resynchronises instead.
        var resync: Bool?
    }

    private struct State {
        var caughtUp = false
        var outage = false
    }

    let store: Store
    let bus: EventBus
    let metrics: SiteMetrics
    let logger: Logger
    let node = UUID().uuidString
    /// Drops or rebuilds whatever may have missed an event.
    let resynchronise: @Sendable () async throws -> Void
    /// Invalidates again, once the replica shows the events' writes.
    let replicaCaughtUp: @Sendable ([SiteEvent]) async -> Void
    private let state = Mutex(State())
    private let replicaQueue: AsyncStream<(String, [SiteEvent])>
    private let replicaInput: AsyncStream<(String, [SiteEvent])>.Continuation
    /// PostgreSQL's limit on a notification's payload is 8,000 bytes.
    static let maxPayload = 7_800

    init(
        store: Store, bus: EventBus, metrics: SiteMetrics, logger: Logger,
        resynchronise: @escaping @Sendable () async throws -> Void, replicaCaughtUp: @escaping @Sendable ([SiteEvent]) async -> Void
    ) {
        self.store = store
        self.bus = bus
        self.metrics = metrics
        self.logger = logger
        self.resynchronise = resynchronise
        self.replicaCaughtUp = replicaCaughtUp
        (replicaQueue, replicaInput) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(10_000))
    }

    /// The node's link to the others on PostgreSQL (nil on SQLite, a single node): what a
    /// resynchronisation drops or rebuilds, and what the replica's catching up invalidates again.
    static func forStore(
        _ store: Store, bus: EventBus, metrics: SiteMetrics, cache: PageCache, photos: PhotoMemory, readNext: ReadNextService
    ) -> ClusterEvents? {
        guard store.isPostgres else { return nil }
        return ClusterEvents(
            store: store, bus: bus, metrics: metrics, logger: Logger(label: "gazette.cluster"),
            resynchronise: {
                cache.invalidateAll()
                photos.forget(photoPathPrefix: Route.photoPrefix)
                try await readNext.refresh()
            },
            replicaCaughtUp: { changed in
                changed.isEmpty ? cache.invalidateAll() : await cache.receive(changed, from: .otherNode)
            }
        )
    }

    /// Whether this node listens and has made good what it may have missed.
    var isCaughtUp: Bool { state.withLock { $0.caughtUp } }

    // MARK: Sending

    func receive(_ events: [SiteEvent], from origin: EventOrigin) async {
        guard origin == .thisNode else { return }
        let now = Date().timeIntervalSince1970
        do {
            var data = try JSONEncoder().encode(Message(node: node, sent: now, events: events))
            if data.count > Self.maxPayload {
                data = try JSONEncoder().encode(Message(node: node, sent: now, resync: true))
            }
            try await store.notify(String(decoding: data, as: UTF8.self))
        } catch {
            // The write has committed; other nodes learn of it at their next resynchronisation.
            metrics.count("gazette_cluster_notify_failures_total")
            logger.error("could not tell the other nodes of a change", metadata: ["error": "\(String(reflecting: error))"])
        }
    }

    // MARK: Listening

    func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            if store.hasReplica {
                group.addTask { await self.followReplica() }
            }
            await listenUntilShutdown()
            replicaInput.finish()
        }
    }

    private func listenUntilShutdown() async {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                try await cancelWhenGracefulShutdown {
                    try await self.store.listen(ready: { try await self.caughtUp() }, receive: { await self.deliver($0) })
                }
            } catch {
                guard !Task.isCancelled && !Task.isShuttingDownGracefully else { break }
                let first = state.withLock { state in
                    defer { state.caughtUp = false; state.outage = true }
                    return !state.outage
                }
                if first {
                    logger.warning("lost the event connection to PostgreSQL; retrying", metadata: ["error": "\(store.describe(error))"])
                }
            }
            metrics.gauge("gazette_cluster_listening", [], 0)
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .milliseconds(500)) }
        }
    }

    /// LISTEN is in place: anything committed from now on arrives, so whatever came before is
    /// made good once, then the node is ready.
    private func caughtUp() async throws {
        try await resynchronise()
        metrics.count("gazette_cluster_resyncs_total")
        metrics.gauge("gazette_cluster_listening", [], 1)
        let recovered = state.withLock { state in
            defer { state.caughtUp = true; state.outage = false }
            return state.outage
        }
        if recovered { logger.notice("event connection to PostgreSQL back; resynchronised") }
    }

    private func deliver(_ notification: StoreNotification) async {
        guard let message = try? JSONDecoder().decode(Message.self, from: Data(notification.payload.utf8)) else {
            logger.warning("ignored a notification that is not Gazette's")
            return
        }
        let events = message.events ?? []
        if message.node != node {
            metrics.time("gazette_cluster_event_lag_seconds", .milliseconds(max(0, (Date().timeIntervalSince1970 - message.sent) * 1000)))
            if message.resync == true {
                do { try await resynchronise() } catch {
                    logger.error("resynchronisation failed", metadata: ["error": "\(String(reflecting: error))"])
                }
            } else {
                await bus.publish(events, from: .otherNode)
            }
        }
        if store.hasReplica, let position = notification.position {
            replicaInput.yield((position, message.resync == true ? [] : events))
        }
    }

    /// Waits, message by message in commit order, until the replica has replayed each one's
    /// position (at most 10 s each), then invalidates what it touched again.
    private func followReplica() async {
        for await (position, events) in replicaQueue {
            let deadline = ContinuousClock.now + .seconds(10)
            while ContinuousClock.now < deadline {
                if (try? await store.replicaHasReplayed(position)) == true { break }
                try? await Task.sleep(for: .milliseconds(5))
            }
            await replicaCaughtUp(events)
        }
    }
}

/// For writes made outside every node (an import from the command line): tells the nodes
/// sharing the PostgreSQL store to resynchronise (drop cached pages, compare Read next with
/// the store). Nothing to do on SQLite, whose single node compares Read next on its own timer.
public enum ClusterAnnouncement {
    public static func resynchronise(_ store: Store) async throws {
        let message = ClusterEvents.Message(node: "command line", sent: Date().timeIntervalSince1970, resync: true)
        try await store.notify(String(decoding: try JSONEncoder().encode(message), as: UTF8.self))
    }
}
