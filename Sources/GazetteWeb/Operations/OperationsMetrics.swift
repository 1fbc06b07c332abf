import Foundation
import GazetteStore
import NIOCore

/// The values `/metrics` reads at each scrape rather than counts as they happen.
enum OperationsMetrics {
    static func sample(metrics: SiteMetrics, store: Store, cache: PageCache, photos: PhotoMemory) {
        let pool = store.pool
        let loops = System.coreCount
        metrics.sample {
            let statistics = cache.statistics
            metrics.gauge("gazette_page_cache_entries", [], Double(statistics.pages))
            metrics.gauge("gazette_page_cache_bytes", [], Double(statistics.bytes))
            metrics.gauge("gazette_page_cache_hits", [], Double(statistics.hits))
            metrics.gauge("gazette_page_cache_misses", [], Double(statistics.misses))
            metrics.gauge("gazette_photo_memory_entries", [], Double(photos.count))
            if store.isPostgres {
                metrics.gauge("gazette_db_pool_connections_max", [("database", "primary")], Double(pool.connectionsPerLoop * loops))
            }
            if store.hasReplica {
                metrics.gauge("gazette_db_pool_connections_max", [("database", "replica")], Double(pool.connectionsPerLoop * loops))
                if let lag = try? await store.replicaLag() {
                    metrics.gauge("gazette_replica_lag_bytes", [], lag.bytes)
                    metrics.gauge("gazette_replica_lag_seconds", [], lag.seconds)
                } else {
                    metrics.gauge("gazette_replica_lag_seconds", [], -1)
                }
            }
        }
    }
}
