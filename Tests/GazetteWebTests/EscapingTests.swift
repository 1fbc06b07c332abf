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
}
