import Foundation
import GazetteCore
import GazetteTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Reader pages")
struct SitePagesTests {
    static let articlePath = "/news/russias-envoy-holds-talks-with-taliban-leaders-in-kabul-as-moscow-deepens-ties"

    @Test("the article page shows the seed page: article, Read next, comments block", arguments: TestDatabase.all)
    func article(database: TestDatabase) async throws {
        try await withApp(database) { client in
            let response = try await client.execute(uri: Self.articlePath, method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            let html = response.text
            #expect(html.contains(#"<a class="rubric" href="/rubrics/afghanistan">Afghanistan</a>"#))
            #expect(html.contains("<h1 class=\"article-headline\">Russia&#39;s envoy holds talks with Taliban leaders in Kabul as Moscow deepens ties</h1>"))
            #expect(html.contains("Zamir Kabulov met the Taliban&#39;s acting foreign and interior ministers"))
            #expect(html.contains(#"By <a rel="author" href="/authors/foreign-desk">Foreign desk</a>"#))
            #expect(html.contains(#"<time class="published" datetime="2026-05-30T09:35:00Z">30 May 2026, 09:35</time>"#))
            let body = try #require(html.components(separatedBy: "<div class=\"article-body\">").last?.components(separatedBy: "</div>").first)
            #expect(body.components(separatedBy: "<p>").count - 1 == 9)
            #expect(body.contains("In a significant development for Afghanistan-Russia relations"))
            #expect(body.contains("with economic cooperation at the forefront of its agenda."))
            for tag in ["russia", "taliban", "afghanistan"] {
                #expect(html.contains("href=\"/tags/\(tag)\""))
            }

            // Read next: the seed's five stories with its times and labels, newest first (the
            // seed's own order spans more than a day; here all five are of the last 24 hours).
            let readNext = try #require(html.components(separatedBy: "<section class=\"read-next\"").last?.components(separatedBy: "</section>").first)
            let items = readNext.components(separatedBy: "<li>").dropFirst()
            #expect(items.count == 5)
            let leads = [
                "Pakistan has announced it will appoint an ambassador to Afghanistan",
                "Russia will send the same delegation to the second round",
                "As Russia signals readiness for fresh peace talks",
                "Ukraine is holding off on confirming its participation in peace talks",
                "Serbia and Russia will jointly examine allegations",
            ]
            let times = ["2026-05-30T00:55:00Z", "2026-05-29T22:04:00Z", "2026-05-29T14:20:00Z", "2026-05-29T13:40:00Z", "2026-05-29T13:35:00Z"]
            let clocks = ["00:55", "22:04", "14:20", "13:40", "13:35"]
            let labels: [String?] = [nil, "UKRAINE-RUSSIA", nil, "Ukraine", nil]
            for (index, item) in items.enumerated() {
                #expect(item.contains(leads[index]), "item \(index)")
                #expect(item.contains("datetime=\"\(times[index])\">\(clocks[index])</time>"), "item \(index)")
                if let label = labels[index] {
                    #expect(item.contains(">\(label)</a>"), "item \(index)")
                } else {
                    #expect(!item.contains("class=\"rubric\""), "item \(index) has a rubric it should not have")
                }
            }

            // The comments block, ready for the discussion to come.
            #expect(html.contains(#"<section class="comments" id="comments""#))
            #expect(html.contains("What is your opinion on this topic?"))
            #expect(html.contains("Leave the first comment"))
        }
    }

    @Test("the home page lists the latest stories with time, rubric label, headline and lead", arguments: TestDatabase.all)
    func home(database: TestDatabase) async throws {
        try await withApp(database) { client in
            let response = try await client.execute(uri: "/", method: .get)
            #expect(response.status == .ok)
            let html = response.text
            // The pinned seed article is the top story, not repeated in the list.
            let top = try #require(html.components(separatedBy: "<article class=\"top-story\">").last?.components(separatedBy: "</article>").first)
            #expect(top.contains(#"<time datetime="2026-05-30T09:35:00Z">09:35</time>"#))
            #expect(top.contains("Russia&#39;s envoy holds talks"))
            let list = try #require(html.components(separatedBy: "<ul class=\"story-list\">").last)
            #expect(!list.contains("Russia&#39;s envoy holds talks"))
            #expect(list.contains(#"<time datetime="2026-05-30T00:55:00Z">00:55</time>"#))
            #expect(list.contains(#">29 May</time>"#), "stories older than 24 hours show their date")
            #expect(list.contains("Pakistan to appoint ambassador to Afghanistan"))
            #expect(list.contains(#"<a class="rubric" href="/rubrics/ukraine-russia">UKRAINE-RUSSIA</a>"#))
            #expect(!html.contains("class=\"pagination\""))
        }
    }

    @Test("lists are paged with ?page=N", arguments: TestDatabase.all)
    func paging(database: TestDatabase) async throws {
        try await withApp(database, configure: { $0.site.pageSize = 5 }) { client in
            let second = try await client.execute(uri: "/?page=2", method: .get)
            #expect(second.status == .ok)
            #expect(second.text.contains(#"<a rel="prev" href="/">"#))
            #expect(second.text.contains(#"<a rel="next" href="/?page=3">"#))
            #expect(second.text.components(separatedBy: "class=\"story-item\"").count - 1 == 5)
            let beyond = try await client.execute(uri: "/?page=40", method: .get)
            #expect(beyond.status == .notFound)
        }
    }

    @Test("malformed page parameters are a 400 page, not a 500", arguments: TestDatabase.all)
    func badPage(database: TestDatabase) async throws {
        try await withApp(database) { client in
            for uri in ["/?page=abc", "/?page=0", "/?page=-3", "/rubrics/ukraine?page=1e9", "/tags/russia?page=%00", "/?page=99999999999999999999999"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .badRequest, "\(uri)")
                #expect(response.text.contains("page must be a whole number"), "\(uri)")
                #expect(response.text.contains("<main id=\"main\""), "\(uri): not the themed page")
            }
        }
    }

    @Test("unknown addresses get the themed 404 page", arguments: TestDatabase.all)
    func notFound(database: TestDatabase) async throws {
        try await withApp(database) { client in
            for uri in ["/news/no-such-story", "/rubrics/nothing", "/tags/nothing", "/authors/nobody", "/no/route/here", "/assets/missing.css"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .notFound, "\(uri)")
                #expect(response.text.contains("<h1>Page not found</h1>"), "\(uri)")
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            }
        }
    }

    @Test("rubric, tag and author pages list their stories", arguments: TestDatabase.all)
    func lists(database: TestDatabase) async throws {
        try await withApp(database) { client in
            let rubric = try await client.execute(uri: "/rubrics/ukraine-russia", method: .get)
            #expect(rubric.status == .ok)
            #expect(rubric.text.contains("<h1 id=\"list-heading\" class=\"list-heading\">UKRAINE-RUSSIA</h1>"))
            #expect(rubric.text.contains("Russia to send same delegation to second round of Istanbul talks"))
            #expect(rubric.text.components(separatedBy: "class=\"story-item\"").count - 1 == 1)

            let tag = try await client.execute(uri: "/tags/russia", method: .get)
            #expect(tag.status == .ok)
            #expect(tag.text.components(separatedBy: "class=\"story-item\"").count - 1 == 5)

            let author = try await client.execute(uri: "/authors/foreign-desk", method: .get)
            #expect(author.status == .ok)
            #expect(author.text.contains("Foreign desk"))
        }
    }

    @Test("health check", arguments: TestDatabase.all)
    func health(database: TestDatabase) async throws {
        try await withApp(database, demo: false) { client in
            let response = try await client.execute(uri: "/healthz", method: .get)
            #expect(response.status == .ok)
            #expect(response.text == "ok")
        }
    }

    @Test("HEAD answers like GET, without a body")
    func head() async throws {
        try await withApp(.sqlite) { client in
            let page = try await client.execute(uri: Self.articlePath, method: .head)
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.body.readableBytes == 0)
            let missing = try await client.execute(uri: "/news/missing", method: .head)
            #expect(missing.status == .notFound)
        }
    }

    @Test("an empty site says so")
    func emptySite() async throws {
        try await withApp(.sqlite, demo: false) { client in
            let response = try await client.execute(uri: "/", method: .get)
            #expect(response.status == .ok)
            #expect(response.text.contains("No stories have been published yet."))
        }
    }

    @Test("the stylesheet is served with a validator and long caching")
    func stylesheet() async throws {
        try await withApp(.sqlite, demo: false) { client in
            let response = try await client.execute(uri: "/assets/site.css", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/css; charset=utf-8")
            let etag = try #require(response.headers[.eTag])
            let again = try await client.execute(uri: "/assets/site.css", method: .get, headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified)
        }
    }

    @Test("times follow the site's time zone")
    func timeZone() async throws {
        try await withApp(.sqlite, configure: { $0.site.timeZone = TimeZone(identifier: "Asia/Kabul")! }) { client in
            let html = try await client.execute(uri: Self.articlePath, method: .get).text
            // Demo times are set in the site's zone, so the seed's 00:55 stays 00:55 in Kabul.
            #expect(html.contains("+04:30\">"))
            #expect(html.contains("T00:55:00+04:30"))
        }
    }
}
