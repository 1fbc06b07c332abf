import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import GazetteCore
import GazetteStore
import GazetteTestSupport
import GazetteWeb
import Hummingbird
import HummingbirdTesting
import Testing

/// Whether a document is well-formed XML, and its elements' texts by name.
final class XMLCheck: NSObject, XMLParserDelegate {
    private(set) var texts: [String: [String]] = [:]
    private(set) var attributes: [String: [[String: String]]] = [:]
    private var current = ""
    private var stack: [String] = []

    static func parse(_ text: String) -> XMLCheck? {
        let check = XMLCheck()
        let parser = XMLParser(data: Data(text.utf8))
        parser.shouldProcessNamespaces = false
        parser.delegate = check
        return parser.parse() ? check : nil
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        stack.append(name)
        current = ""
        self.attributes[name, default: []].append(attributes)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        texts[name, default: []].append(current)
        current = ""
        stack.removeLast()
    }
}

@Suite("Feeds, sitemaps and what pages tell other software")
struct DistributionTests {
    static let hostile = "Tom & Jerry </script><!-- \u{1} \"quoted\" <b>bold</b>"

    func prepare(_ store: Store) async throws {
        _ = try await store.stories.create(NewStory(
            headline: Self.hostile, lead: "A lead with <i>markup</i> & more.", body: "Body text with **bold** and <script>alert(1)</script>.",
            slug: "hostile", rubric: RubricName("World"), tags: ["Cats & Mice"], authors: ["Ann Writer"], publishedAt: testNow.addingTimeInterval(-3600)
        ), now: testNow)
        _ = try await store.stories.create(NewStory(
            headline: "An old story", lead: "Old.", body: "Old body.", slug: "old-story", rubric: RubricName("World"),
            publishedAt: testNow.addingTimeInterval(-5 * 86_400)
        ), now: testNow)
        _ = try await store.stories.create(NewStory(headline: "A draft", lead: "D.", body: "D.", slug: "a-draft", status: .draft), now: testNow)
    }

    @Test("RSS, Atom and JSON Feed: well-formed, escaped, absolute links, GUIDs that survive a slug change", arguments: TestDatabase.all)
    func feeds(database: TestDatabase) async throws {
        let token = LockedValue("")
        try await withApp(database, demo: false, configure: { $0.publicURL = "https://news.example.org" }, prepare: { store in
            try await prepare(store)
            token.value = try await store.users.createToken(name: "Desk", role: .editor).secret
        }) { client in
            let rss = try await client.execute(uri: "/feed.xml", method: .get)
            #expect(rss.status == .ok)
            #expect(rss.headers[.contentType] == "application/rss+xml; charset=utf-8")
            let channel = try #require(XMLCheck.parse(rss.text), "RSS is not well-formed")
            #expect(channel.texts["title"]?.contains(Self.hostile.replacingOccurrences(of: "\u{1}", with: "")) == true)
            #expect(channel.texts["link"]?.contains("https://news.example.org/news/hostile") == true)
            #expect(!rss.text.contains("a-draft"))
            #expect(!rss.text.contains("<script>"))
            let guids = try #require(channel.texts["guid"])
            #expect(guids.count == 2 && guids.allSatisfy { $0.hasPrefix("urn:uuid:") })
            #expect(channel.texts["category"]?.contains("Cats & Mice") == true)
            #expect(channel.texts["dc:creator"] == ["Ann Writer"])

            let atom = try await client.execute(uri: "/atom.xml", method: .get)
            let feed = try #require(XMLCheck.parse(atom.text), "Atom is not well-formed")
            #expect(feed.texts["id"]?.dropFirst().sorted() == guids.sorted())

            let json = try await client.execute(uri: "/feed.json", method: .get)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(buffer: json.body)) as? [String: Any])
            #expect(object["version"] as? String == "https://jsonfeed.org/version/1.1")
            #expect(object["feed_url"] as? String == "https://news.example.org/feed.json")
            let items = try #require(object["items"] as? [[String: Any]])
            #expect(items.count == 2 && items.allSatisfy { $0["id"] is String && $0["content_html"] is String && $0["url"] is String })

            // A new slug: the same GUID, the new link.
            let admin: HTTPFields = [.authorization: "Bearer \(token.value)", .contentType: "application/json"]
            let hostileID = try #require(items.first { ($0["url"] as? String)?.hasSuffix("/hostile") == true }?["id"] as? String)
                .replacingOccurrences(of: "urn:uuid:", with: "")
            let shown = try await client.execute(uri: "/api/v1/admin/articles/\(hostileID)", method: .get, headers: admin)
            let version = try #require((try JSONSerialization.jsonObject(with: Data(buffer: shown.body)) as? [String: Any])?["version"] as? Int)
            let renamed = try await client.execute(
                uri: "/api/v1/admin/articles/\(hostileID)", method: .patch, headers: admin, body: ByteBuffer(string: #"{"version": \#(version), "slug": "renamed"}"#)
            )
            #expect(renamed.status == .ok)
            let after = try #require(XMLCheck.parse(try await client.execute(uri: "/feed.xml", method: .get).text))
            #expect(after.texts["guid"]?.contains("urn:uuid:" + hostileID) == true)
            #expect(after.texts["link"]?.contains("https://news.example.org/news/renamed") == true)
        }
    }

    @Test("feeds per rubric, tag and author, a comments feed per story, 404 for an unknown list", arguments: TestDatabase.all)
    func listFeeds(database: TestDatabase) async throws {
        try await withApp(database, demo: false, configure: openDiscussion, prepare: prepare) { client in
            for uri in ["/rubrics/world/feed.xml", "/tags/cats-mice/atom.xml", "/authors/ann-writer/feed.json"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .ok, "\(uri)")
                #expect(response.text.contains("hostile"), "\(uri)")
            }
            #expect(!(try await client.execute(uri: "/authors/ann-writer/feed.xml", method: .get).text.contains("old-story")))
            #expect(try await client.execute(uri: "/rubrics/nowhere/feed.xml", method: .get).status == .notFound)
            let (posted, _) = try await apiComment(client, slug: "hostile", name: "Reader <b>", text: "A comment & a <script>x</script>")
            #expect(posted.status == .created)
            let comments = try await client.execute(uri: "/news/hostile/feed.xml", method: .get)
            let feed = try #require(XMLCheck.parse(comments.text))
            #expect(feed.texts["item"]?.count == 1)
            #expect(feed.texts["dc:creator"] == ["Reader <b>"])
            #expect(!comments.text.contains("<script>"))
            #expect(try await client.execute(uri: "/news/a-draft/feed.xml", method: .get).status == .notFound)
        }
    }

    @Test("ETag and Last-Modified: 304 when nothing changed, 200 after a change", arguments: TestDatabase.all)
    func conditional(database: TestDatabase) async throws {
        try await withApp(database, demo: false, configure: openDiscussion, prepare: prepare) { client in
            let first = try await client.execute(uri: "/news/hostile/feed.xml", method: .get)
            let etag = try #require(first.headers[.eTag])
            #expect(first.headers[.lastModified] != nil)
            #expect(try await client.execute(uri: "/news/hostile/feed.xml", method: .get, headers: [.ifNoneMatch: etag]).status == .notModified)
            let site = try await client.execute(uri: "/feed.xml", method: .get)
            let siteModified = try #require(site.headers[.lastModified])
            #expect(try await client.execute(uri: "/feed.xml", method: .get, headers: [.ifModifiedSince: siteModified]).status == .notModified)
            _ = try await apiComment(client, slug: "hostile", text: "Something new")
            let changed = try await client.execute(uri: "/news/hostile/feed.xml", method: .get, headers: [.ifNoneMatch: etag])
            #expect(changed.status == .ok)
            #expect(changed.headers[.eTag] != etag)
        }
    }

    @Test("sitemap index, paged story sitemaps, list sitemaps, news sitemap and robots.txt", arguments: TestDatabase.all)
    func sitemaps(database: TestDatabase) async throws {
        try await withApp(database, demo: false, configure: { $0.publicURL = "https://news.example.org"; $0.sitemapPageSize = 1 }, prepare: prepare) { client in
            let robots = try await client.execute(uri: "/robots.txt", method: .get).text
            #expect(robots.contains("Sitemap: https://news.example.org/sitemap.xml"))
            #expect(robots.contains("Sitemap: https://news.example.org/news-sitemap.xml"))
            #expect(robots.contains("Disallow: /newsroom\n") && robots.contains("Disallow: /api/v1/admin\n"))
            let index = try #require(XMLCheck.parse(try await client.execute(uri: "/sitemap.xml", method: .get).text))
            let locations = try #require(index.texts["loc"])
            #expect(locations.contains("https://news.example.org/sitemaps/stories/1.xml"))
            #expect(locations.contains("https://news.example.org/sitemaps/stories/2.xml"))
            #expect(!locations.contains("https://news.example.org/sitemaps/stories/3.xml"))
            #expect(locations.contains("https://news.example.org/sitemaps/rubrics.xml"))
            var stories: [String] = []
            for page in 1...2 {
                let sitemap = try #require(XMLCheck.parse(try await client.execute(uri: "/sitemaps/stories/\(page).xml", method: .get).text))
                stories += sitemap.texts["loc"] ?? []
                #expect(sitemap.texts["lastmod"]?.isEmpty == false)
            }
            #expect(stories.contains("https://news.example.org/news/hostile") && stories.contains("https://news.example.org/news/old-story"))
            #expect(!stories.contains { $0.contains("a-draft") })
            #expect(try await client.execute(uri: "/sitemaps/stories/3.xml", method: .get).status == .notFound)
            let rubrics = try #require(XMLCheck.parse(try await client.execute(uri: "/sitemaps/rubrics.xml", method: .get).text))
            #expect(rubrics.texts["loc"] == ["https://news.example.org/rubrics/world"])
            let news = try #require(XMLCheck.parse(try await client.execute(uri: "/news-sitemap.xml", method: .get).text))
            #expect(news.texts["loc"] == ["https://news.example.org/news/hostile"], "only the last 48 hours")
            #expect(news.texts["news:name"] == ["Gazette"] && news.texts["news:language"] == ["en"])
        }
    }

    /// The JSON-LD blocks of a page, parsed.
    static func jsonLD(_ html: String) throws -> [[String: Any]] {
        try html.components(separatedBy: "<script type=\"application/ld+json\">").dropFirst().map { part in
            let json = try #require(part.components(separatedBy: "</script>").first)
            return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        }
    }

    @Test("the article's NewsArticle and breadcrumbs; a hostile headline cannot leave its script block", arguments: TestDatabase.all)
    func structuredData(database: TestDatabase) async throws {
        try await withApp(database, demo: false, configure: { $0.publicURL = "https://news.example.org" }, prepare: prepare) { client in
            let page = try await client.execute(uri: "/news/hostile", method: .get).text
            let blocks = page.components(separatedBy: "<script type=\"application/ld+json\">").dropFirst().map { $0.components(separatedBy: "</script>")[0] }
            #expect(blocks.count == 2)
            for block in blocks {
                #expect(!block.lowercased().contains("</script") && !block.contains("<!--") && !block.contains("<"))
            }
            let objects = try Self.jsonLD(page)
            let article = try #require(objects.first { $0["@type"] as? String == "NewsArticle" })
            #expect(article["headline"] as? String == Self.hostile)
            #expect(article["datePublished"] as? String == "2026-05-30T09:00:00Z")
            #expect(article["articleSection"] as? String == "World")
            #expect(article["keywords"] as? [String] == ["World", "Cats & Mice"])
            #expect(article["isAccessibleForFree"] as? Bool == true)
            #expect((article["mainEntityOfPage"] as? [String: Any])?["@id"] as? String == "https://news.example.org/news/hostile")
            let authors = try #require(article["author"] as? [[String: Any]])
            #expect(authors.first?["url"] as? String == "https://news.example.org/authors/ann-writer")
            let publisher = try #require(article["publisher"] as? [String: Any])
            #expect(publisher["@type"] as? String == "NewsMediaOrganization")
            #expect((publisher["logo"] as? [String: Any])?["url"] as? String == "https://news.example.org/assets/logo.svg")
            let crumbs = try #require(objects.first { $0["@type"] as? String == "BreadcrumbList" }?["itemListElement"] as? [[String: Any]])
            #expect(crumbs.map { $0["name"] as? String } == ["Gazette", "World", Self.hostile])
            #expect(page.contains("<meta property=\"og:type\" content=\"article\">"))
            #expect(page.contains("<meta property=\"og:url\" content=\"https://news.example.org/news/hostile\">"))
            #expect(page.contains("<meta property=\"article:published_time\" content=\"2026-05-30T09:00:00Z\">"))
            #expect(page.contains("<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Comments on"))
            // The logo the structured data names is served.
            #expect(try await client.execute(uri: "/assets/logo.svg", method: .get).status == .ok)

            let home = try await client.execute(uri: "/", method: .get).text
            let site = try #require(try Self.jsonLD(home).first { $0["@type"] as? String == "WebSite" })
            let action = try #require(site["potentialAction"] as? [String: Any])
            #expect((action["target"] as? [String: Any])?["urlTemplate"] as? String == "https://news.example.org/search?q={search_term_string}")
            #expect(home.contains("<link rel=\"alternate\" type=\"application/feed+json\" title=\"Gazette (JSON Feed)\" href=\"/feed.json\">"))
            let rubric = try await client.execute(uri: "/rubrics/world", method: .get).text
            #expect(rubric.contains("href=\"/rubrics/world/feed.xml\""))
        }
    }
}
