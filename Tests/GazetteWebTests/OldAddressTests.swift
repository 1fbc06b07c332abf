import Foundation
import GazetteCore
import GazetteStore
import GazetteTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Addresses from before an import")
struct OldAddressTests {
    @Test("a WordPress permalink and /?p=ID answer 301 to the story; unknown addresses stay 404", arguments: TestDatabase.all)
    func redirects(database: TestDatabase) async throws {
        try await withApp(database, demo: false, prepare: { store in
            var bundle = ImportBundle(source: "test")
            bundle.stories = [ImportedStory(
                key: "wordpress:test:12", headline: "Moved here", lead: "L", body: "B", slug: "moved-here", status: .published,
                publishedAt: testNow, oldPaths: ["/?p=12", "/2024/05/moved-here/"]
            )]
            _ = try await store.imports.run(bundle, now: testNow)
        }) { client in
            for old in ["/?p=12", "/2024/05/moved-here/", "/2024/05/moved-here"] {
                let response = try await client.execute(uri: old, method: .get)
                #expect(response.status == .movedPermanently, "\(old)")
                #expect(response.headers[.location] == "/news/moved-here", "\(old)")
            }
            #expect(try await client.execute(uri: "/?p=13", method: .get).status == .ok, "the front page, as before")
            #expect(try await client.execute(uri: "/2024/05/other/", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/2024/05/moved-here/", method: .post).status != .movedPermanently)
        }
    }
}
