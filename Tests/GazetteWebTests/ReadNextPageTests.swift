import Foundation
import Hummingbird
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

    /// The Read next section of an article page.
    static func readNextSection(_ html: String) -> String {
        html.components(separatedBy: "<section class=\"read-next\"").last?.components(separatedBy: "</section>").first ?? ""
    }

    /// A published story's id, from the Content API's list.
    func id(of slug: String, _ client: any TestClientProtocol) async throws -> String {
        let list = try await client.execute(uri: "/api/v1/articles?limit=50", method: .get)
        let items = try #require((try JSONSerialization.jsonObject(with: Data(buffer: list.body)) as? [String: Any])?["items"] as? [[String: Any]])
        return try #require(items.first { $0["slug"] as? String == slug }?["id"] as? String)
    }

    @Test("the index finds the story related by its words, over newer stories of the same rubric", arguments: TestDatabase.all)
    func relatedByText(database: TestDatabase) async throws {
        try await withApp(database, demo: false, prepare: prepare) { client in
            func readNext() async throws -> String {
                let page = try await client.execute(uri: "/news/zeppelin-factory", method: .get)
                #expect(page.status == .ok)
                return Self.readNextSection(page.text)
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

    final class Tokens: @unchecked Sendable {
        var editor = ""
        var author = ""
    }

    @Test("editors pin and exclude stories through the Admin API; the page follows", arguments: TestDatabase.all)
    func curation(database: TestDatabase) async throws {
        let tokens = Tokens()
        try await withApp(database, demo: false, configure: { $0.readNextResyncInterval = 0.2 }, prepare: { store in
            try await prepare(store)
            tokens.editor = try await store.users.createToken(name: "Desk", role: .editor).secret
            tokens.author = try await store.users.createToken(name: "Freelance", role: .author).secret
        }) { client in
            // Lists are built before the change, so the change must reach a running index.
            _ = try await client.execute(uri: "/news/zeppelin-factory", method: .get)
            let storyID = try await id(of: "zeppelin-factory", client)
            func put(_ json: String, token: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/api/v1/admin/articles/\(storyID)/read-next", method: .put,
                    headers: [.authorization: "Bearer \(token)", .contentType: "application/json"], body: ByteBuffer(string: json)
                )
            }
            let refused = try await put(#"{"pinned": ["bakery-6"], "excluded": []}"#, token: tokens.author)
            #expect(refused.status == .forbidden)
            let unknown = try await put(#"{"pinned": ["no-such-story"], "excluded": []}"#, token: tokens.editor)
            #expect(unknown.status == .badRequest)
            #expect(unknown.text.contains("no-such-story"))
            let itself = try await put(#"{"pinned": ["zeppelin-factory"], "excluded": []}"#, token: tokens.editor)
            #expect(itself.status == .badRequest)
            let both = try await put(#"{"pinned": ["bakery-6"], "excluded": ["bakery-6"]}"#, token: tokens.editor)
            #expect(both.status == .badRequest)
            let saved = try await put(#"{"pinned": ["bakery-6"], "excluded": ["zeppelin-hires"]}"#, token: tokens.editor)
            #expect(saved.status == .ok)
            #expect(saved.text.contains("bakery-6"))
            var readNext = ""
            for _ in 0..<200 {
                let view = try await client.execute(uri: "/news/zeppelin-factory", method: .get)
                readNext = Self.readNextSection(view.text)
                if readNext.contains("/news/bakery-6\"") && !readNext.contains("/news/zeppelin-hires\"") { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(readNext.contains("/news/bakery-6\""))
            #expect(!readNext.contains("/news/zeppelin-hires\""))
        }
    }

    @Test("the newsroom editor shows and saves Read next choices, with readable errors", arguments: TestDatabase.all)
    func newsroomForm(database: TestDatabase) async throws {
        try await withApp(database, demo: false, prepare: { store in
            try await prepare(store)
            try await addStaff(store)
        }) { client in
            let storyID = try await id(of: "zeppelin-factory", client)
            let editor = Browser(client)
            let csrf = try await editor.logIn("eda@example.org")
            let page = try await editor.get("/newsroom/stories/\(storyID)")
            #expect(page.text.contains("Save Read next"))
            let bad = try await editor.post("/newsroom/stories/\(storyID)/read-next", [("pinned", "bakery-2\n<b>nope</b>"), ("excluded", "")], csrf: csrf)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("&lt;b&gt;nope&lt;/b&gt;"))
            #expect(!bad.text.contains("<b>nope</b>"))
            let saved = try await editor.post("/newsroom/stories/\(storyID)/read-next", [("pinned", "bakery-2"), ("excluded", "zeppelin-hires")], csrf: csrf)
            #expect(saved.status == .seeOther)
            let again = try await editor.get(try #require(saved.location))
            #expect(again.text.contains("Read next choices saved."))
            #expect(again.text.contains(">bakery-2</textarea>"))
            #expect(again.text.contains(">zeppelin-hires</textarea>"))
            let refused = try await editor.post("/newsroom/stories/\(storyID)/read-next", [("pinned", "bakery-2")], csrf: "wrong")
            #expect(refused.status == .forbidden)
        }
    }
}
