import Foundation
import GazetteCore
@testable import GazetteStore
import GazetteTestSupport
import SQLKit
import Testing

@Suite("Stored bodies are rendered again")
struct BodyRerenderTests {
    let now = Date(timeIntervalSince1970: 1_780_176_600)

    @Test("the migration replaces HTML that Ink let through, and the search text with it", arguments: TestDatabase.all)
    func rerender(database: TestDatabase) async throws {
        try await database.withStore { store in
            let story = try await store.stories.create(NewStory(
                headline: "Old body", lead: "Lead", body: "a &<svg/onload=alert(1)>; quietly",
                authors: ["Desk"], status: .published, publishedAt: now
            ), now: now)
            // What Ink 0.6.0 stored for this body.
            try await store.writer.withConnection { db in
                try await (db as! any SQLDatabase).update("stories")
                    .set("body_html", to: "<p>a &<svg/onload=alert(1)>; quietly</p>").set("body_text", to: "stale")
                    .where("id", .equal, story.id).run()
            }
            try await store.writer.withConnection { db in
                try await StoryBodies.rerender(on: db as! any SQLDatabase, pageSize: 1)
            }
            let read = try #require(try await store.stories.publishedStory(slug: story.slug))
            #expect(read.bodyHTML == "<p>a &amp;&lt;svg/onload=alert(1)&gt;; quietly</p>\n")
            #expect(HTMLShape(read.bodyHTML).scriptRisks().isEmpty)
            let hits = try await store.search.search(SearchQuery.parse("quietly"), filter: SearchFilter(), page: PageQuery(page: 1, limit: 10))
            #expect(hits.total == 1)
        }
    }
}
