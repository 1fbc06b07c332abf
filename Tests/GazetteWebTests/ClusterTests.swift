import Foundation
import GazetteCore
import GazetteStore
import GazetteTestSupport
import GazetteWeb
import Hummingbird
import HummingbirdTesting
import Testing

/// Two applications on one store, as two `gazette serve` nodes behind a proxy.
func withNodes(
    _ database: TestDatabase, demo: Bool = true,
    configure: @escaping (inout AppConfig) -> Void = { _ in },
    prepare: (Store) async throws -> Void = { _ in },
    _ test: @escaping @Sendable (any TestClientProtocol, any TestClientProtocol) async throws -> Void
) async throws {
    try await database.withFreshLocation { location in
        try await prepareStore(at: location, prepare)
        // Each node has a photo folder of its own, as on separate machines.
        let folders = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-nodes-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folders) }
        func node(_ name: String, loadDemo: Bool) -> AppConfig {
            var config = AppConfig(database: location, loadDemo: loadDemo, now: { testNow })
            config.operations.pool = TestDatabase.pool
            config.bcryptCost = 4
            config.schedulerInterval = 0
            config.demoPhotos = false
            config.mediaDirectory = folders.appendingPathComponent(name).path
            configure(&config)
            return config
        }
        let a = try await buildApplication(config: node("a", loadDemo: demo), logger: TestDatabase.logger)
        let b = try await buildApplication(config: node("b", loadDemo: false), logger: TestDatabase.logger)
        try await a.test(.router) { clientA in
            try await b.test(.router) { clientB in
                for client in [clientA, clientB] {
                    for _ in 0..<500 {
                        if try await client.execute(uri: "/readyz", method: .get).status == .ok { break }
                        try await Task.sleep(for: .milliseconds(10))
                    }
                }
                try await test(clientA, clientB)
            }
        }
    }
}

/// Waits (at most `seconds`) until `condition` holds; returns whether it did.
func eventually(seconds: Double = 3, _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(10))
    }
    return try await condition()
}

@Suite("Cluster mode: nodes sharing one PostgreSQL store")
struct ClusterTests {
    static let postgresOnly = TestDatabase.all.filter { $0 == .postgres }

    static func admin(_ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, token: String, json: String? = nil) async throws -> [String: Any] {
        var headers: HTTPFields = [.authorization: "Bearer \(token)"]
        if json != nil { headers[.contentType] = "application/json" }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
        #expect(response.status.code < 300, "\(method) \(uri): \(response.status) \(response.text)")
        return jsonObject(response)
    }

    @Test("a story published on node A is on node B's cached home page and its own page; an unpublish leaves B at once", arguments: postgresOnly)
    func publishReachesOtherNode(database: TestDatabase) async throws {
        let token = LockedValue("")
        try await withNodes(database, prepare: { store in
            token.value = try await store.users.createToken(name: "Desk", role: .editor).secret
        }) { a, b in
            // B has the home page in its cache before the publish.
            let before = try await b.execute(uri: "/", method: .get)
            #expect(!before.text.contains("Cluster headline"))
            #expect(try await b.execute(uri: "/", method: .get).headers[.init("X-Gazette-Cache")!] == "hit")
            let story = try await Self.admin(a, .post, "/api/v1/admin/articles", token: token.value, json: #"""
                {"headline": "Cluster headline", "lead": "Lead", "body": "Body", "rubric": "World", "tags": ["Nodes"], "authors": ["Desk"]}
                """#)
            let id = try #require(story["id"] as? String)
            _ = try await Self.admin(a, .post, "/api/v1/admin/articles/\(id)/publish", token: token.value)
            #expect(try await eventually { try await b.execute(uri: "/", method: .get).text.contains("Cluster headline") })
            #expect(try await b.execute(uri: "/news/cluster-headline", method: .get).status == .ok)
            #expect(try await b.execute(uri: "/tags/nodes", method: .get).text.contains("Cluster headline"))

            _ = try await Self.admin(a, .post, "/api/v1/admin/articles/\(id)/unpublish", token: token.value)
            #expect(try await eventually { try await b.execute(uri: "/news/cluster-headline", method: .get).status == .notFound })
            #expect(!(try await b.execute(uri: "/", method: .get).text.contains("Cluster headline")))
            // B counted the events it received and how late they came.
            let metrics = try await b.execute(uri: "/metrics", method: .get).text
            #expect(metrics.contains("gazette_cluster_event_lag_seconds_count"))
            #expect(metrics.contains("gazette_cluster_listening 1"))
        }
    }

    @Test("a comment on node A shows on node B's cached article page", arguments: postgresOnly)
    func commentReachesOtherNode(database: TestDatabase) async throws {
        try await withNodes(database, configure: openDiscussion) { a, b in
            let path = "/news/\(demoArticle)"
            _ = try await b.execute(uri: path, method: .get)
            #expect(try await b.execute(uri: path, method: .get).headers[.init("X-Gazette-Cache")!] == "hit")
            let (posted, _) = try await apiComment(a, text: "Seen from the other node.")
            #expect(posted.status == .created)
            #expect(try await eventually { try await b.execute(uri: path, method: .get).text.contains("Seen from the other node.") })
        }
    }

    @Test("a per-client comment limit holds across nodes", arguments: postgresOnly)
    func sharedLimits(database: TestDatabase) async throws {
        try await withNodes(database, configure: { config in
            openDiscussion(&config)
            config.discussion.clientRatePerMinute = 2
        }) { a, b in
            #expect(try await apiComment(a, text: "One from A.").0.status == .created)
            #expect(try await apiComment(b, text: "One from B.").0.status == .created)
            let third = try await apiComment(a, text: "A third, too soon.").0
            #expect(third.status == .tooManyRequests)
            #expect(third.headers[.retryAfter] != nil)
            #expect(try await apiComment(b, text: "And on B too.").0.status == .tooManyRequests)
        }
    }

    @Test("a photo uploaded on A is served by B from the shared original; deleted on A, B serves it no more", arguments: postgresOnly)
    func photosAcrossNodes(database: TestDatabase) async throws {
        let token = LockedValue("")
        try await withNodes(database, configure: { $0.photoCacheBytes = 0 }, prepare: { store in
            token.value = try await store.users.createToken(name: "Desk", role: .editor).secret
        }) { a, b in
            let bearer = "Bearer \(token.value)"
            let (body, type) = Multipart.body(fields: [], files: [("photos", "pier.png", PhotoProcessor.synthetic(width: 700, height: 500, seed: 5, format: .png))])
            let created = try await a.execute(uri: "/api/v1/admin/photos", method: .post, headers: [.authorization: bearer, .contentType: type], body: body)
            #expect(created.status == .created)
            let photo = try #require((jsonObject(created)["created"] as? [[String: Any]])?.first)
            let id = try #require(photo["id"] as? String)
            let url = try #require((photo["sizes"] as? [[String: Any]])?.first { $0["name"] as? String == "w640.webp" }?["url"] as? String)
            let path = try #require(URLComponents(string: url)?.path)
            // B never saw the upload: it makes the size from the original in PostgreSQL and keeps it on its disk.
            #expect(try await b.execute(uri: path, method: .get).status == .ok)
            #expect(try await b.execute(uri: path, method: .get).status == .ok)
            let deleted = try await a.execute(uri: "/api/v1/admin/photos/\(id)", method: .delete, headers: [.authorization: bearer])
            #expect(deleted.status == .noContent)
            #expect(try await eventually { try await b.execute(uri: path, method: .get).status == .notFound })
        }
    }

    @Test("an import from the command line tells the running nodes to resynchronise", arguments: postgresOnly)
    func commandLineImport(database: TestDatabase) async throws {
        let url = LockedValue<String?>(nil)
        try await withNodes(database, prepare: { store in
            if case .postgres(let location) = store.location { url.value = location }
        }) { a, b in
            for node in [a, b] { _ = try await node.execute(uri: "/", method: .get) }
            // As `gazette import jsonl` does: another process writes, then announces.
            let store = try await TestDatabase.open(.postgres(url: try #require(url.value)))
            let line = #"{"id": "cli-1", "title": "Imported from the command line", "body": "Text.", "label": "World", "published_at": "2026-05-30T09:00:00Z"}"#
            _ = try await StoryImporter(store: store).run(lines: [line]) { _ in }
            try await ClusterAnnouncement.resynchronise(store)
            await store.shutdown()
            for node in [a, b] {
                #expect(try await eventually { try await node.execute(uri: "/", method: .get).text.contains("Imported from the command line") })
            }
        }
    }

    @Test("a node whose event connection is cut resynchronises and is ready again; what changed meanwhile shows", arguments: postgresOnly)
    func lostConnection(database: TestDatabase) async throws {
        let token = LockedValue("")
        let url = LockedValue<String?>(nil)
        try await withNodes(database, prepare: { store in
            token.value = try await store.users.createToken(name: "Desk", role: .editor).secret
            if case .postgres(let location) = store.location { url.value = location }
        }) { a, b in
            _ = try await b.execute(uri: "/", method: .get)
            let store = try await TestDatabase.open(.postgres(url: try #require(url.value)))
            // Every node's listening connection is cut; one of them is B's.
            try await store.executeAdministrative(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'gazette-listener' AND datname = current_database()"
            )
            let story = try await Self.admin(a, .post, "/api/v1/admin/articles", token: token.value, json: #"""
                {"headline": "Published while cut off", "lead": "Lead", "body": "Body", "rubric": "World", "tags": [], "authors": ["Desk"]}
                """#)
            _ = try await Self.admin(a, .post, "/api/v1/admin/articles/\(try #require(story["id"] as? String))/publish", token: token.value)
            #expect(try await eventually(seconds: 15) {
                guard try await b.execute(uri: "/readyz", method: .get).status == .ok else { return false }
                return try await b.execute(uri: "/metrics", method: .get).text.contains("gazette_cluster_resyncs_total 2")
            })
            #expect(try await b.execute(uri: "/", method: .get).text.contains("Published while cut off"))
            await store.shutdown()
        }
    }
}
