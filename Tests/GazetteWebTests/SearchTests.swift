import Foundation
import GazetteCore
import GazetteStore
import GazetteTestSupport
import HummingbirdTesting
import Testing

@Suite("Search")
struct SearchTests {
    func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    func slugs(_ response: TestResponse) throws -> [String] {
        let items = try #require(try json(response)["items"] as? [[String: Any]])
        return items.compactMap { ($0["article"] as? [String: Any])?["slug"] as? String }
    }

    /// The slugs found for a query string such as `q=talks&rubric=city`, sorted.
    func search(_ client: any TestClientProtocol, _ query: String) async throws -> [String] {
        let response = try await client.execute(uri: "/api/v1/search?\(query)", method: .get)
        #expect(response.status == .ok, "\(query)")
        return try slugs(response).sorted()
    }

    let editor = NewsroomActor(userID: UUID(), name: "Eda Editor", role: .editor)

    /// Four stories whose words the tests look for; none of the demo content.
    func prepare(_ store: Store) async throws {
        let day: TimeInterval = 86_400
        _ = try await store.stories.create(NewStory(
            headline: "Envoy holds talks with Taliban leaders in Kabul",
            lead: "Moscow deepens its ties with Afghanistan.",
            body: "The negotiations lasted three days. Peace talks are expected to resume in spring.\n\nA <script>alert(1)</script> tag in the text stays text.",
            slug: "envoy-kabul", rubric: RubricName("World"), publishedAt: testNow.addingTimeInterval(-2 * day)
        ), now: testNow)
        _ = try await store.stories.create(NewStory(
            headline: "Talks on the budget stall again",
            lead: "Council members disagree on peace of mind for pensioners.",
            body: "The talks about peace between the factions of the council went nowhere; the budget waits.",
            slug: "budget-talks", rubric: RubricName("City"), publishedAt: testNow.addingTimeInterval(-20 * day)
        ), now: testNow)
        _ = try await store.stories.create(NewStory(
            headline: "Football club wins the cup",
            lead: "The Talibanistan Rovers lose the final.",
            body: "A night of football in the capital.",
            slug: "football-cup", rubric: RubricName("Sport"), publishedAt: testNow.addingTimeInterval(-1 * day)
        ), now: testNow)
        _ = try await store.stories.create(NewStory(
            headline: "Unpublished draft about Kabul",
            lead: "Not for readers yet.", body: "Kabul negotiations draft.",
            slug: "kabul-draft", status: .draft
        ), now: testNow)
    }

    @Test("words, stems, phrases, prefixes, exclusions, rubric and dates", arguments: TestDatabase.all)
    func queries(database: TestDatabase) async throws {
        try await withApp(database, demo: false, prepare: prepare) { client in
            // Stemming: "negotiate" finds "negotiations"; drafts are never found.
            do { let found = try await search(client, "q=negotiate"); #expect(found == ["envoy-kabul"]) }
            do { let found = try await search(client, "q=kabul"); #expect(found == ["envoy-kabul"]) }
            // Body words count as much as any: "capital" is only in a body.
            do { let found = try await search(client, "q=capital"); #expect(found == ["football-cup"]) }
            do { let found = try await search(client, "q=peace%20talks"); #expect(found == ["budget-talks", "envoy-kabul"]) }
            do { let found = try await search(client, "q=%22peace%20talks%22"); #expect(found == ["envoy-kabul"]) }
            do { let found = try await search(client, "q=taliban"); #expect(found == ["envoy-kabul"]) }
            do { let found = try await search(client, "q=taliban*"); #expect(found == ["envoy-kabul", "football-cup"]) }
            do { let found = try await search(client, "q=talks%20-budget"); #expect(found == ["envoy-kabul"]) }
            do { let found = try await search(client, "q=talks%20-%22peace%20talks%22"); #expect(found == ["budget-talks"]) }
            do { let found = try await search(client, "q=talks&rubric=city"); #expect(found == ["budget-talks"]) }
            do { let found = try await search(client, "q=talks&rubric=nowhere"); #expect(found == []) }
            do { let found = try await search(client, "q=talks&from=2026-05-25"); #expect(found == ["envoy-kabul"]) }
            do { let found = try await search(client, "q=talks&to=2026-05-25"); #expect(found == ["budget-talks"]) }
            do { let found = try await search(client, "q=talks&from=2026-05-28&to=2026-05-28"); #expect(found == ["envoy-kabul"]) }
            // Exclusions alone, or only punctuation, find nothing rather than everything.
            do { let found = try await search(client, "q=-talks"); #expect(found == []) }
            do { let found = try await search(client, "q="); #expect(found == []) }
        }
    }

    @Test("the headline outranks the body, and snippets mark matches and escape the text", arguments: TestDatabase.all)
    func rankingAndSnippets(database: TestDatabase) async throws {
        try await withApp(database, demo: false, prepare: prepare) { client in
            let response = try await client.execute(uri: "/api/v1/search?q=talks", method: .get)
            #expect(try slugs(response).count == 2)
            let byHeadline = try await client.execute(uri: "/api/v1/search?q=budget", method: .get)
            #expect(try slugs(byHeadline) == ["budget-talks"])
            let script = try await client.execute(uri: "/api/v1/search?q=script+alert", method: .get)
            let items = try #require(try json(script)["items"] as? [[String: Any]])
            let snippet = try #require(items.first?["snippet"] as? String)
            #expect(snippet.contains("<mark>"))
            #expect(!snippet.contains("<script"))
            let page = try await client.execute(uri: "/search?q=script+alert", method: .get)
            #expect(page.status == .ok)
            #expect(page.text.contains("<mark>"))
            #expect(!page.text.contains("<script>alert"))
            #expect(page.text.contains("1 story found"))
        }
    }

    @Test("the index follows publish, edit, unpublish and delete at once", arguments: TestDatabase.all)
    func followsChanges(database: TestDatabase) async throws {
        try await database.withStore { store in
            let draft = try await store.newsroom.createDraft(
                StoryDraft(headline: "Harbour plans revealed", lead: "A new quay.", body: "The zeppelin terminal is planned.", rubric: "City", tags: [], authors: []),
                by: editor, now: testNow
            )
            do { let found = try await found(store, "zeppelin"); #expect(found == []) }
            let published = try await store.newsroom.move(id: draft.id, to: .published, by: editor, now: testNow)
            do { let found = try await found(store, "zeppelin"); #expect(found == [draft.id]) }
            var edited = StoryDraft(published)
            edited.body = "The airship terminal is planned."
            _ = try await store.newsroom.save(id: draft.id, draft: edited, expectedVersion: published.version, by: editor, now: testNow)
            do { let found = try await found(store, "zeppelin"); #expect(found == []) }
            do { let found = try await found(store, "airship"); #expect(found == [draft.id]) }
            _ = try await store.newsroom.move(id: draft.id, to: .unpublished, by: editor, now: testNow)
            do { let found = try await found(store, "airship"); #expect(found == []) }
            try await store.stories.delete(id: draft.id)
            do { let found = try await found(store, "airship"); #expect(found == []) }
            // The rebuild finds the same as the live index.
            _ = try await store.stories.create(NewStory(headline: "Quay opens", lead: "Ships dock.", body: "The airship quay opens."), now: testNow)
            try await store.search.rebuild { _, _ in }
            do { let found = try await found(store, "airship"); #expect(found.count == 1) }
        }
    }

    func found(_ store: Store, _ text: String) async throws -> [UUID] {
        try await store.search.search(SearchQuery.parse(text), filter: SearchFilter(), page: PageQuery(page: 1, limit: 10)).items.map(\.story.id)
    }

    static let hostile: [String] = [
        "\"", "\"\"", "\"unbalanced phrase", "((((", ")))", "(talks", "talks)", "*", "**", "talks**", "-", "--", "- -talks",
        "AND", "OR", "NOT", "talks AND", "OR talks", "NOT NOT", "talks NEAR(kabul)", "NEAR(", "headline:talks", "^talks",
        "talks:*", "!talks", "talks & kabul", "talks | kabul", "talks <-> kabul", "'; DROP TABLE stories; --", "\\", "\u{0}",
        "\u{2}mark\u{3}", "<script>alert(1)</script>", "%", "_", "талибан", "塔利班", "طالبان", "🙂 talks", "e\u{301}", "ﬁ",
        String(repeating: "talks ", count: 2_000), String(repeating: "(", count: 5_000), String(repeating: "\"a", count: 300),
        String(repeating: "x", count: 10_000), "a*b*c", "1e5", "-\"", "\"-\"", "*talks", "col:*", "{talks}", "[talks]",
    ]

    @Test("hostile queries give a result or an empty list, never an error", arguments: TestDatabase.all)
    func hostileQueries(database: TestDatabase) async throws {
        try await withApp(database, demo: false, prepare: prepare) { client in
            for query in Self.hostile {
                let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                let api = try await client.execute(uri: "/api/v1/search?q=\(encoded)", method: .get)
                #expect(api.status == .ok, "API: \(query.prefix(40))")
                #expect(try json(api)["items"] is [Any], "API: \(query.prefix(40))")
                let page = try await client.execute(uri: "/search?q=\(encoded)", method: .get)
                #expect(page.status == .ok, "page: \(query.prefix(40))")
                #expect(!page.text.contains("<script>alert"), "page: \(query.prefix(40))")
            }
            // The query is shown back escaped.
            let page = try await client.execute(uri: "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", method: .get)
            #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        }
    }

    @Test("bad filters and pages get a 400 with the field named", arguments: TestDatabase.all)
    func badFilters(database: TestDatabase) async throws {
        try await withApp(database, demo: false, prepare: prepare) { client in
            for (query, field) in [("from=yesterday", "from"), ("to=2026-02-30", "to"), ("from=2026-05-10&to=2026-05-01", "to"), ("page=0", "page"), ("limit=100000", "limit")] {
                let response = try await client.execute(uri: "/api/v1/search?q=talks&\(query)", method: .get)
                #expect(response.status == .badRequest, "\(query)")
                #expect(response.text.contains(field), "\(query)")
            }
            let page = try await client.execute(uri: "/search?q=talks&from=yesterday", method: .get)
            #expect(page.status == .badRequest)
        }
    }
}
