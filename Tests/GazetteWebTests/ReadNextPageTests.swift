import Foundation
import GazetteCore
import GazetteStore
import GazetteTestSupport
import HummingbirdTesting
import Testing

@Suite("Read next on the article page")
struct ReadNextPageTests {
    func prepare(_ store: Store) async throws {
        let day: TimeInterval = 86_400
        _ = try await store.stories.create(NewStory(
            headline: "Zeppelin factory reopens in Friedrichshafen",
            lead: "The airship works by Lake Constance build again.",
            body: "Zeppelin engineers in Friedrichshafen restart airship production after ten years.",
            slug: "zeppelin-factory", rubric: RubricName("Business"), publishedAt: testNow.addingTimeInterval(-day)
        ), now: testNow)
        // Related by its words only: another rubric, no tags, a month older.
        _ = try await store.stories.create(NewStory(
            headline: "Airship maker Zeppelin hires engineers",
            lead: "Friedrichshafen's airship builders look for staff.",
            body: "The Zeppelin company in Friedrichshafen wants forty airship engineers.",
            slug: "zeppelin-hires", rubric: RubricName("Jobs"), publishedAt: testNow.addingTimeInterval(-30 * day)
        ), now: testNow)
        // Newer stories of the same rubric that say nothing about airships.
        for n in 1...6 {
            _ = try await store.stories.create(NewStory(
                headline: "Bakery chain number \(n) opens a shop", lead: "Bread and cakes.", body: "Fresh bread every morning, shop \(n).",
                slug: "bakery-\(n)", rubric: RubricName("Business"), publishedAt: testNow.addingTimeInterval(-Double(n) * 3600)
            ), now: testNow)
        }
    }

    @Test("the index finds the story related by its words, over newer stories of the same rubric", arguments: TestDatabase.all)
    func relatedByText(database: TestDatabase) async throws {
        try await withApp(database, demo: false, prepare: prepare) { client in
            func readNext() async throws -> String {
                let page = try await client.execute(uri: "/news/zeppelin-factory", method: .get)
                #expect(page.status == .ok)
                return page.text.components(separatedBy: "<section class=\"read-next\"").last?.components(separatedBy: "</section>").first ?? ""
            }
            // The lists are built in the background after the first view; until then rubric
            // and tags choose. Wait (bounded) for the index.
            var list = try await readNext()
            for _ in 0..<100 where !list.contains("/news/zeppelin-hires") {
                try await Task.sleep(for: .milliseconds(50))
                list = try await readNext()
            }
            #expect(list.contains("/news/zeppelin-hires"))
            #expect(list.components(separatedBy: "<li").count - 1 == 5)
            #expect(!list.contains("/news/zeppelin-factory\""))
        }
    }
}
