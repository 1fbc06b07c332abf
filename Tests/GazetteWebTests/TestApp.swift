import Foundation
import GazetteCore
import GazetteStore
import GazetteTestSupport
import GazetteWeb
import Hummingbird
import HummingbirdTesting
import Logging

/// 2026-05-30 10:00 UTC: the fixed "now" of the HTTP tests.
let testNow = Date(timeIntervalSince1970: 1_780_135_200)

/// Runs `test` against the real application on a fresh store of `database`. `prepare` may
/// put stories in the store before the application starts.
func withApp(
    _ database: TestDatabase,
    demo: Bool = true,
    configure: (inout AppConfig) -> Void = { _ in },
    prepare: (Store) async throws -> Void = { _ in },
    _ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void
) async throws {
    try await database.withFreshLocation { location in
        let store = try await Store.open(location, logger: TestDatabase.logger)
        do {
            try await store.migrate()
            try await prepare(store)
        } catch {
            await store.shutdown()
            throw error
        }
        await store.shutdown()
        var config = AppConfig(database: location, loadDemo: demo, now: { testNow })
        config.site.timeZone = TimeZone(identifier: "UTC")!
        configure(&config)
        let app = try await buildApplication(config: config, logger: TestDatabase.logger)
        try await app.test(.router, test)
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}
