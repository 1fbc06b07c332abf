import Foundation
import GazetteStore
import GazetteTestSupport
import Testing

@Suite("Opening a store")
struct StoreOpeningTests {
    @Test("a SQLite file in a missing folder is refused with one clear line")
    func missingFolder() async {
        await #expect {
            try await Store.open(.sqlite(path: "/nonexistent-folder/x/site.sqlite"), logger: TestDatabase.logger)
        } throws: { error in
            "\(error)" == "cannot open SQLite database /nonexistent-folder/x/site.sqlite: folder /nonexistent-folder/x does not exist"
        }
    }

    @Test("a folder given as the SQLite file is refused")
    func folderAsFile() async {
        let folder = FileManager.default.temporaryDirectory.path
        await #expect {
            try await Store.open(.sqlite(path: folder), logger: TestDatabase.logger)
        } throws: { error in
            "\(error)".contains("it is a folder")
        }
    }

    @Test("an unreachable PostgreSQL server is reported, not hung on")
    func unreachablePostgres() async {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        await #expect {
            try await Store.open(.postgres(url: "postgres://gazette:pw@127.0.0.1:1/gazette"), logger: TestDatabase.logger)
        } throws: { error in
            let text = "\(error)"
            return text.contains("cannot connect to PostgreSQL") && !text.contains("pw@")
        }
    }

    @Test("migrations run twice without harm", arguments: TestDatabase.all)
    func migrateTwice(database: TestDatabase) async throws {
        try await database.withStore { store in
            try await store.migrate()
            #expect(try await store.stories.count() == 0)
        }
    }

    @Test("the PostgreSQL store is really under test when CI asks for it")
    func postgresRequired() {
        if ProcessInfo.processInfo.environment["GAZETTE_TEST_REQUIRE_POSTGRES"] == "1" {
            #expect(TestDatabase.all.contains(.postgres), "GAZETTE_TEST_POSTGRES_URL must be set")
        }
    }
}
