import Foundation
import GazetteStore
import Hummingbird
import Synchronization

/// What load balancers and monitoring ask: `/healthz` (the process answers), `/readyz` (it
/// can serve correct pages: database reachable, schema current, events caught up, Read next
/// built) and `/metrics` (Prometheus text). Behind a proxy, keep `/metrics` internal (the
/// nginx configuration in `deploy/` does).
final class OperationsController: Sendable {
    let store: Store
    let readNext: ReadNextService
    let cluster: ClusterEvents?
    let metrics: SiteMetrics
    /// Once the schema is current it stays so (migrations only add), so it is read until then only.
    private let schemaCurrent = Mutex(false)

    init(store: Store, readNext: ReadNextService, cluster: ClusterEvents?, metrics: SiteMetrics) {
        self.store = store
        self.readNext = readNext
        self.cluster = cluster
        self.metrics = metrics
    }

    struct Readiness: Encodable {
        var status: String
        var database: String
        var migrations: String
        var events: String
        var readNext: String
    }

    func addRoutes(to router: Router<GazetteRequestContext>) {
        router.get(Route.healthz.routerPath) { _, _ in "ok" }
        router.get(Route.readyz.routerPath) { _, _ in
            let readiness = await self.readiness()
            var response = Response(
                status: readiness.status == "ready" ? .ok : .serviceUnavailable, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: try JSONResponse.encoder.encode(readiness)))
            )
            if readiness.status != "ready" { response.headers[.retryAfter] = "1" }
            response.headers[.cacheControl] = "no-store"
            return response
        }
        router.get(Route.metrics.routerPath) { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(bytes: await self.metrics.exposition()))
            )
        }
    }

    func readiness() async -> Readiness {
        let reachable = await store.ping()
        var migrations = schemaCurrent.withLock { $0 } ? "applied" : "unknown"
        if reachable, migrations != "applied" {
            let pending = (try? await store.pendingMigrations()).map(\.count)
            migrations = pending.map { $0 == 0 ? "applied" : "\($0) pending" } ?? "unknown"
            if migrations == "applied" { schemaCurrent.withLock { $0 = true } }
        }
        let events = cluster.map { $0.isCaughtUp ? "caught up" : "resynchronising" } ?? "single node"
        let built = await readNext.isBuilt
        let ready = reachable && migrations == "applied" && (cluster?.isCaughtUp ?? true) && built
        return Readiness(
            status: ready ? "ready" : "unavailable", database: reachable ? "reachable" : "unreachable",
            migrations: migrations, events: events, readNext: built ? "built" : "building"
        )
    }
}
