import Foundation
import GazetteCore
import GazetteStore
import GazetteTestSupport
import Testing

@Suite("JSON Lines import")
struct StoryImporterTests {
    let lines = [
        #"{"id": "a1", "title": "Markets rally", "body": "Shares rose.\n\nBonds fell.", "label": "business", "published_at": "2017-02-07"}"#,
        #"{"id": "a2", "title": "Cup final tonight", "body": "Kick-off at eight.", "label": "sport", "published_at": null}"#,
        "this line is broken",
        "",
        #"{"id": "a3", "title": "Budget <script>alert(1)</script>", "body": "Numbers & <b>more</b>.", "label": null, "published_at": "2017-02-08T09:30:00Z"}"#,
        #"{"id": "a4", "body": "no title"}"#,
    ]

    @Test("imports good lines, reports bad ones by number, and never duplicates", arguments: TestDatabase.all)
    func importTwice(database: TestDatabase) async throws {
        try await database.withStore { store in
            var problems: [StoryImporter.Event] = []
            let importer = StoryImporter(store: store)
            let summary = try await importer.run(lines: lines) { problems.append($0) }
            #expect(summary.created == 3)
            #expect(summary.malformed == 2)
            #expect(problems == [
                .malformed(line: 3, reason: "not a JSON object (cannot be decoded)"),
                .malformed(line: 6, reason: "missing field \"title\""),
            ])
            let again = try await importer.run(lines: lines) { _ in }
            #expect(again.created == 0)
            #expect(again.alreadyImported == 3)
            #expect(try await store.stories.count() == 3)

            let markets = try #require(try await store.stories.publishedStory(slug: "markets-rally"))
            #expect(markets.rubric?.name == "Business")
            #expect(markets.bodyHTML == "<p>Shares rose.</p>\n<p>Bonds fell.</p>\n")
            let budget = try #require(try await store.stories.publishedStory(slug: "budget-script-alert-1-script"))
            #expect(budget.headline == "Budget <script>alert(1)</script>")
            #expect(!budget.bodyHTML.contains("<b>"))
            #expect(budget.rubric == nil)
        }
    }
}
