import Foundation
import GazetteCore
import GazetteTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Untrusted text never becomes markup")
struct EscapingTests {
    static let payloads = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "\"><script>alert(1)</script>",
        "'><iframe src=javascript:alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
    ]

    @Test("hostile headline, lead, body, rubric and tag are shown as text", arguments: TestDatabase.all)
    func hostileStory(database: TestDatabase) async throws {
        try await withApp(database, demo: false, prepare: { store in
            for (index, payload) in Self.payloads.enumerated() {
                _ = try await store.stories.create(NewStory(
                    headline: "Story \(index) \(payload)", lead: payload,
                    body: "Text \(payload)\n\n\(payload)\n\n[link](javascript:alert(1))",
                    slug: "hostile-\(index)", rubric: RubricName("R\(index)", label: payload),
                    tags: [payload], authors: [payload], status: .published, publishedAt: testNow
                ), now: testNow)
            }
        }) { client in
            var pages = ["/"]
            for index in Self.payloads.indices {
                pages += ["/news/hostile-\(index)", "/rubrics/r\(index)"]
            }
            for uri in pages {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .ok, "\(uri)")
                let html = response.text
                for marker in ["<script>alert", "<img src=x", "<svg onload", "<iframe", "href=\"javascript:", "href=javascript:"] {
                    #expect(!html.contains(marker), "\(marker) appears as markup in \(uri)")
                }
            }
            let article = try await client.execute(uri: "/news/hostile-0", method: .get).text
            #expect(article.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        }
    }

    /// `"\u{301}` is one Swift `Character` that is not `"`: swift-mustache's escaping, which goes
    /// by `Character`, wrote it raw and ended the attribute (found on the search page).
    static let combining = "\"\u{301} autofocus onfocus=alert(1) x="

    @Test("a quote with a combining mark stays inside its attribute: search box, page title, comment form", arguments: TestDatabase.all)
    func combiningQuote(database: TestDatabase) async throws {
        try await withApp(database, demo: false, configure: openDiscussion, prepare: { store in
            _ = try await store.stories.create(NewStory(
                headline: "Headline \(Self.combining)", lead: "Lead", body: "Body", slug: "combining", rubric: RubricName("World"),
                tags: [], authors: ["Desk"], status: .published, publishedAt: testNow
            ), now: testNow)
        }) { client in
            let query = Self.combining.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let search = HTMLShape(try await client.execute(uri: "/search?q=\(query)", method: .get).text)
            let box = try #require(search.tags.first { $0.name == "input" && $0.attributes.contains { $0 == ("id", "search-q") } })
            #expect(box.attributes.first { $0.name == "value" }?.value == Self.combining)
            let article = HTMLShape(try await client.execute(uri: "/news/combining", method: .get).text)
            let title = try #require(article.tags.first { $0.name == "meta" && $0.attributes.contains { $0 == ("property", "og:title") } })
            #expect(title.attributes.first { $0.name == "content" }?.value == "Headline \(Self.combining)")
            // A comment refused for a missing text comes back with the name in its field.
            let token = try #require(Browser.field("_t", in: try await client.execute(uri: "/news/combining", method: .get).text))
            let form = try await Browser(client).post("/news/combining/comments", [("name", Self.combining), ("text", ""), ("_t", token)], csrf: nil)
            #expect(form.status == .unprocessableContent)
            let refused = HTMLShape(form.text)
            let name = try #require(refused.tags.first { $0.name == "input" && $0.attributes.contains { $0 == ("id", "comment-name") } })
            #expect(name.attributes.first { $0.name == "value" }?.value == Self.combining)
            for page in [search, article, refused] {
                #expect(!page.tags.flatMap(\.attributes).contains { $0.name == "onfocus" })
            }
        }
    }
}
