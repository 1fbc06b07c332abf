import Foundation
import GazetteStore
import Logging
import ServiceLifecycle

/// Publishes scheduled stories when their time comes, and announces each on the event bus.
/// Every node runs one; the store's claim makes sure each story is published once across
/// all of them.
struct SchedulerService: Service {
    let store: Store
    let events: EventBus
    let interval: TimeInterval
    let now: @Sendable () -> Date
    let logger: Logger
    let metrics: SiteMetrics

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let published = await events.publish(try await store.newsroom.publishDue(now: now()))
                for id in published { logger.info("published scheduled story", metadata: ["story": "\(id)"]) }
                metrics.count("gazette_scheduler_runs_total", [("outcome", "ok")])
                metrics.count("gazette_scheduler_published_total", by: published.count)
                try await store.users.pruneExpired(now: now())
                if store.isPostgres { try await SharedRateBuckets(store: store).prune(now: now()) }
            } catch {
                metrics.count("gazette_scheduler_runs_total", [("outcome", "failed")])
                logger.error("scheduler run failed", metadata: ["error": "\(store.describe(error))"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(interval)) }
        }
    }
}
