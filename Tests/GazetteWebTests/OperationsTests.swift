import AsyncKit
import Foundation
import GazetteCore
import GazetteStore
import GazetteTestSupport
@testable import GazetteWeb
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@Suite("Operations: readiness, metrics, logs, backup, migrations, an unreachable database")
struct OperationsTests {
    @Test("/readyz names what it checked; /healthz answers; /metrics counts requests by route and comments by outcome", arguments: TestDatabase.all)
    func readinessAndMetrics(database: TestDatabase) async throws {
        try await withApp(database, configure: openDiscussion) { client in
            let ready = try await client.execute(uri: "/readyz", method: .get)
            #expect(ready.status == .ok)
            let body = jsonObject(ready)
            #expect(body["status"] as? String == "ready")
            #expect(body["database"] as? String == "reachable")
            #expect(body["migrations"] as? String == "applied")
            #expect(body["readNext"] as? String == "built")
            #expect(body["events"] as? String == (database == .postgres ? "caught up" : "single node"))
            #expect(try await client.execute(uri: "/healthz", method: .get).text == "ok")

            let article = try await client.execute(uri: "/news/\(demoArticle)", method: .get)
            #expect(article.headers[.init("X-Request-Id")!]?.isEmpty == false)
            _ = try await client.execute(uri: "/news/\(demoArticle)", method: .get)
            #expect(try await apiComment(client, text: "Counted.").0.status == .created)
            #expect(try await apiComment(client, text: "").0.status == .unprocessableContent)
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            let text = metrics.text
            #expect(text.contains(#"gazette_http_requests_total{route="/news/{slug}",method="GET",status="200"} 1"#))
            #expect(text.contains(#"gazette_http_requests_total{route="page-cache",method="GET",status="200"} 1"#))
            #expect(text.contains(#"gazette_http_request_duration_seconds_bucket{route="/news/{slug}",le="+Inf"} 1"#))
            #expect(text.contains(#"gazette_comments_total{outcome="published",reason=""} 1"#))
            #expect(text.contains(#"gazette_comments_total{outcome="refused",reason="invalid"} 1"#))
            #expect(text.contains("gazette_page_cache_entries "))
            #expect(text.contains("gazette_page_cache_hits 1"))
        }
    }

    @Test("a database that cannot be reached is a 503 with Retry-After, as a page and as a problem")
    func unavailable() throws {
        for error in [ConnectionPoolTimeoutError.connectionRequestTimeout as any Error, StoreError.unavailable("down"), DeadlineExceeded()] {
            let problem = Problem.from(error)
            #expect(problem.status == .serviceUnavailable)
            #expect(problem.headers[.retryAfter] == "5")
            #expect(problem.detail.contains("cannot reach its database"))
        }
        #expect(Problem.from(CancellationError()).status == .internalServerError)
    }

    @Test("JSON logs: one object per line with the request id as request_id")
    func jsonLogs() throws {
        let lines = LockedValue<[String]>([])
        var logger = Logger(label: "gazette.test") { label in JSONLogHandler(label: label) { lines.value.append($0) } }
        logger[metadataKey: "hb.request.id"] = "abc123"
        logger.info("request failed", metadata: ["path": "/news/x \"quoted\""])
        let line = try #require(lines.value.first)
        #expect(line.hasSuffix("}\n") && !line.dropLast().contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        #expect(object["request_id"] == "abc123")
        #expect(object["message"] == "request failed")
        #expect(object["level"] == "info")
        #expect(object["logger"] == "gazette.test")
        #expect(object["path"] == "/news/x \"quoted\"")
        #expect(object["time"]?.hasPrefix("20") == true)
    }

    @Test("serve --no-migrate refuses a schema that is behind and starts on one that is current", arguments: TestDatabase.all)
    func noMigrate(database: TestDatabase) async throws {
        try await database.withFreshLocation { location in
            var config = AppConfig(database: location, now: { testNow })
            config.operations.pool = TestDatabase.pool
            config.operations.migrate = false
            config.schedulerInterval = 0
            let error = await #expect(throws: StoreError.self) { _ = try await buildApplication(config: config, logger: TestDatabase.logger) }
            #expect(error?.description.contains("run gazette migrate once") == true)
            let store = try await TestDatabase.open(location)
            try await store.migrate()
            #expect(try await store.pendingMigrations().isEmpty)
            await store.shutdown()
            let app = try await buildApplication(config: config, logger: TestDatabase.logger)
            try await app.test(.router) { client in
                let health = try await client.execute(uri: "/healthz", method: .get)
                #expect(health.status == .ok)
            }
        }
    }

    @Test("SQLite commits are synchronous=FULL in WAL mode; gazette backup copies a running site into a consistent file", arguments: TestDatabase.all)
    func backup(database: TestDatabase) async throws {
        try await database.withStore { store in
            _ = try await store.loadDemoContent(now: testNow, timeZone: TimeZone(identifier: "UTC")!, photos: false)
            let copy = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-backup-\(UUID().uuidString).sqlite").path
            defer { try? FileManager.default.removeItem(atPath: copy) }
            guard database == .sqlite else {
                let error = await #expect(throws: StoreError.self) { try await store.backup(to: copy) }
                #expect(error?.description.contains("pg_dump") == true)
                return
            }
            #expect(try await store.sqliteSynchronous() == 2)
            let stories = try await store.stories.publishedVersions().count
            try await store.backup(to: copy)
            let again = await #expect(throws: StoreError.self) { try await store.backup(to: copy) }
            #expect(again?.description.contains("exists already") == true)
            let restored = try await TestDatabase.open(.sqlite(path: copy))
            #expect(try await restored.pendingMigrations().isEmpty)
            #expect(try await restored.stories.publishedVersions().count == stories)
            #expect(stories > 0)
            await restored.shutdown()
        }
    }

    @Test("with a read replica, a reader's write keeps their next pages on the primary and out of the cache", arguments: TestDatabase.all.filter { $0 == .postgres })
    func readOwnWrites(database: TestDatabase) async throws {
        // The "replica" here is the primary itself: what is tested is where requests go.
        try await withApp(database, configure: { config in
            openDiscussion(&config)
            if case .postgres(let url) = config.database { config.operations.pool.readReplicaURL = url }
        }) { client in
            let path = "/news/\(demoArticle)"
            _ = try await client.execute(uri: path, method: .get)
            #expect(try await client.execute(uri: path, method: .get).headers[.init("X-Gazette-Cache")!] == "hit")
            let (posted, _) = try await apiComment(client, text: "My own words.")
            #expect(posted.status == .created)
            let cookie = try #require(posted.headers[values: .setCookie].first { $0.hasPrefix("gazette_wrote=1") })
            #expect(cookie.contains("Max-Age=10") && cookie.contains("HttpOnly"))
            let mine = try await client.execute(uri: path, method: .get, headers: [.cookie: "gazette_wrote=1"])
            #expect(mine.headers[.init("X-Gazette-Cache")!] == "bypass")
            #expect(mine.text.contains("My own words."))
            #expect(try await client.execute(uri: "/metrics", method: .get).text.contains("gazette_replica_lag_bytes 0"))
            // Reads without the cookie set none.
            #expect(try await client.execute(uri: path, method: .get).headers[.setCookie] == nil)
        }
    }
}
