import CompressNIO
import Foundation
import GazetteCore
import GazetteStore
import GazetteTestSupport
@testable import GazetteWeb
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Page cache: shared bytes, exact invalidation, HTTP caching")
struct PageCacheTests {
    /// Three published stories in two rubrics, with tags and authors of their own.
    static func prepare(_ store: Store) async throws {
        for (slug, rubric, tag, author, hours) in [
            ("alpha", "World", "Cats", "Ann Writer", 3.0), ("beta", "World", "Birds", "Ann Writer", 2.0), ("gamma", "Sport", "Dogs", "Bob Writer", 1.0),
        ] {
            _ = try await store.stories.create(NewStory(
                headline: "The \(slug) story", lead: "Lead of \(slug).", body: "Body of \(slug).", slug: slug,
                rubric: RubricName(rubric), tags: [tag], authors: [author], publishedAt: testNow.addingTimeInterval(-hours * 3600)
            ), now: testNow)
        }
    }

    static let pages = [
        "/", "/news/alpha", "/news/beta", "/news/gamma", "/rubrics/world", "/rubrics/sport", "/tags/cats", "/tags/dogs",
        "/authors/ann-writer", "/authors/bob-writer", "/feed.xml", "/rubrics/sport/atom.xml", "/news/alpha/feed.xml",
        "/sitemap.xml", "/sitemaps/stories/1.xml", "/news-sitemap.xml",
    ]

    /// How each page is served now (`hit` or `miss`), and its text.
    static func serve(_ client: any TestClientProtocol, _ uris: [String] = pages) async throws -> [String: (cache: String, text: String)] {
        var served: [String: (String, String)] = [:]
        for uri in uris {
            let response = try await client.execute(uri: uri, method: .get)
            #expect(response.status == .ok, "\(uri)")
            served[uri] = (response.headers[.gazetteCache] ?? "none", response.text)
        }
        return served
    }

    /// Serves every page twice so each is kept, and checks the second came from memory.
    static func warm(_ client: any TestClientProtocol) async throws -> [String: (cache: String, text: String)] {
        _ = try await serve(client)
        let second = try await serve(client)
        for (uri, page) in second { #expect(page.cache == "hit", "\(uri) was not kept") }
        return second
    }

    static func emptied(_ served: [String: (cache: String, text: String)]) -> Set<String> {
        Set(served.filter { $0.value.cache == "miss" }.keys)
    }

    @Test("each event empties exactly the pages that show what it changed, and nothing stale is served", arguments: TestDatabase.all)
    func invalidation(database: TestDatabase) async throws {
        let token = LockedValue("")
        try await withApp(database, demo: false, configure: openDiscussion, prepare: { store in
            try await Self.prepare(store)
            token.value = try await store.users.createToken(name: "Desk", role: .editor).secret
        }) { client in
            let admin: HTTPFields = [.authorization: "Bearer \(token.value)", .contentType: "application/json"]
            var before = try await Self.warm(client)

            // A published comment: its story's page and comments feed, and the lists that show its count.
            _ = try await apiComment(client, slug: "alpha", text: "First!")
            var after = try await Self.serve(client)
            #expect(Self.emptied(after) == ["/news/alpha", "/news/alpha/feed.xml", "/", "/rubrics/world", "/tags/cats", "/authors/ann-writer"])
            #expect(after["/news/alpha"]?.text.contains("First!") == true)
            #expect(after["/"]?.text.contains("1 comment") == true)

            // An edit of a story's lead: its page, every page that lists it, the sitemaps; no other list.
            before = try await Self.warm(client)
            let gamma = try #require(jsonObject(try await client.execute(uri: "/api/v1/articles/gamma", method: .get))["id"] as? String)
            let shown = jsonObject(try await client.execute(uri: "/api/v1/admin/articles/\(gamma)", method: .get, headers: admin))
            let version = try #require(shown["version"] as? Int)
            let edited = try await client.execute(
                uri: "/api/v1/admin/articles/\(gamma)", method: .patch, headers: admin,
                body: ByteBuffer(string: #"{"version": \#(version), "lead": "A new lead of gamma."}"#)
            )
            #expect(edited.status == .ok)
            after = try await Self.serve(client)
            let listingGamma = Set(before.filter { $0.value.text.contains("Lead of gamma.") && $0.key != "/news/gamma" }.keys)
            let sitemaps: Set<String> = ["/sitemap.xml", "/sitemaps/stories/1.xml", "/news-sitemap.xml"]
            #expect(listingGamma.isSuperset(of: ["/", "/rubrics/sport", "/tags/dogs", "/authors/bob-writer", "/feed.xml"]))
            #expect(Self.emptied(after) == listingGamma.union(["/news/gamma"]).union(sitemaps))
            for uri in listingGamma { #expect(after[uri]?.text.contains("A new lead of gamma.") == true, "\(uri) is stale") }

            // A new story in Sport: the lists it joins, the feeds and sitemaps, and Read next
            // lists that may now take it; not the lists it is not in.
            before = try await Self.warm(client)
            let created = try await client.execute(
                uri: "/api/v1/admin/articles", method: .post, headers: admin,
                body: ByteBuffer(string: #"{"headline": "The delta story", "lead": "Lead of delta.", "body": "Body.", "rubric": "Sport", "authors": ["Bob Writer"]}"#)
            )
            #expect(created.status == .created)
            let delta = try #require(jsonObject(created)["id"] as? String)
            #expect(try await client.execute(uri: "/api/v1/admin/articles/\(delta)/publish", method: .post, headers: admin).status == .ok)
            after = try await Self.serve(client)
            let emptied = Self.emptied(after)
            #expect(emptied.isSuperset(of: Set(["/", "/rubrics/sport", "/authors/bob-writer", "/feed.xml", "/rubrics/sport/atom.xml"]).union(sitemaps)))
            #expect(emptied.isDisjoint(with: ["/rubrics/world", "/tags/cats", "/tags/dogs", "/authors/ann-writer", "/news/alpha/feed.xml"]))
            for (uri, page) in after where page.text.contains("/news/the-delta-story") {
                #expect(emptied.contains(uri), "\(uri) shows the new story but was kept")
            }
            #expect(after["/"]?.text.contains("The delta story") == true)

            // Unpublished: gone from every list that showed it.
            before = try await Self.warm(client)
            #expect(try await client.execute(uri: "/api/v1/admin/articles/\(delta)/unpublish", method: .post, headers: admin).status == .ok)
            after = try await Self.serve(client)
            for (uri, page) in before where page.text.contains("/news/the-delta-story") {
                #expect(after[uri]?.cache == "miss", "\(uri)")
                #expect(after[uri]?.text.contains("/news/the-delta-story") == false, "\(uri) still lists the unpublished story")
            }
            #expect(try await client.execute(uri: "/news/the-delta-story", method: .get).status == .notFound)
        }
    }

    @Test("reading needs no cookie; the cached page gets a fresh form token each second; 304s; a reader's own page is private", arguments: TestDatabase.all)
    func sharedBytes(database: TestDatabase) async throws {
        let clock = TestClock(testNow)
        try await withApp(database, demo: false, configure: { openDiscussion(&$0); $0.now = { clock.now } }, prepare: Self.prepare) { client in
            let first = try await client.execute(uri: "/news/alpha", method: .get)
            #expect(first.headers[.gazetteCache] == "miss")
            #expect(first.headers[.setCookie] == nil, "reading set a cookie")
            #expect(first.headers[.cacheControl] == "public, max-age=0, stale-while-revalidate=60")
            let etag = try #require(first.headers[.eTag])
            let token = try #require(Browser.field("_t", in: first.text))
            #expect(token.hasPrefix("\(Int(testNow.timeIntervalSince1970))."))
            #expect(!first.text.contains(PageBody.slotMarker))
            clock.advance(7)
            let later = try await client.execute(uri: "/news/alpha", method: .get)
            #expect(later.headers[.gazetteCache] == "hit")
            #expect(later.headers[.eTag] == etag, "the token is no part of the page's identity")
            let laterToken = try #require(Browser.field("_t", in: later.text))
            #expect(laterToken.hasPrefix("\(Int(testNow.timeIntervalSince1970) + 7)."), "a cached page handed out an old token")
            #expect(later.text.replacingOccurrences(of: laterToken, with: token) == first.text)
            // Both encodings carry the same bytes; each tag answers 304.
            let packed = try await client.execute(uri: "/news/alpha", method: .get, headers: [.acceptEncoding: "gzip"])
            var packedBody = packed.body
            #expect(String(buffer: try packedBody.decompress(with: .gzip())) == later.text)
            #expect(try await client.execute(uri: "/news/alpha", method: .get, headers: [.ifNoneMatch: etag]).status == .notModified)
            let packedTag = try #require(packed.headers[.eTag])
            #expect(try await client.execute(uri: "/news/alpha", method: .get, headers: [.ifNoneMatch: packedTag, .acceptEncoding: "gzip"]).status == .notModified)
            let modified = try #require(later.headers[.lastModified])
            #expect(try await client.execute(uri: "/news/alpha", method: .get, headers: [.ifModifiedSince: modified]).status == .notModified)
            // Parameters the page does not read share its bytes.
            #expect(try await client.execute(uri: "/news/alpha?utm_source=x", method: .get).headers[.gazetteCache] == "hit")

            // The form from the cached page works; the cookie comes with the first post.
            let reader = Browser(client)
            clock.advance(10)
            let posted = try await reader.post("/news/alpha/comments", [("name", "Dana"), ("text", "From a cached page."), ("_t", laterToken)], csrf: nil)
            #expect(posted.status == .seeOther)
            #expect(posted.headers[values: .setCookie].contains { $0.hasPrefix("gazette_reader=") })
            let location = try #require(posted.location?.split(separator: "#").first.map(String.init))
            #expect(location == "/news/alpha?comment=posted")
            let own = try await reader.get(location)
            #expect(own.headers[.cacheControl] == "private, no-store")
            #expect(own.headers[.gazetteCache] == "bypass")
            #expect(own.text.contains("Your comment is published") && own.text.contains("/delete"))
            // With an edit cookie the reader's page has their edit link and is theirs alone.
            let mine = try await reader.get("/news/alpha")
            #expect(mine.headers[.gazetteCache] == "bypass" && mine.headers[.cacheControl] == "private, no-store")
            #expect(mine.text.contains("/delete"))
            let everyone = try await client.execute(uri: "/news/alpha", method: .get)
            #expect(everyone.headers[.gazetteCache] == "miss")
            #expect(everyone.text.contains("From a cached page.") && !everyone.text.contains("/delete"))
        }
    }

    @Test("the event map: what each kind of change names")
    func eventMap() {
        let id = UUID()
        let facts = StoryFacts(id: id, slug: "s", isPublished: true, rubricSlug: "world", tagSlugs: ["cats"], authorSlugs: ["ann"], publishedAt: testNow)
        let placed: Set<PageTag> = [.latest, .rubric("world"), .tag("cats"), .author("ann")]
        let shown: Set<PageTag> = [.story(id), .listed(id), .commentCount(id), .sitemaps]
        #expect(PageCache.tags(for: .published(facts)) == shown.union(placed))
        #expect(PageCache.tags(for: .unpublished(facts)) == shown.union(placed))
        #expect(PageCache.tags(for: .changed(facts, before: facts)) == shown)
        var moved = facts
        moved.rubricSlug = "sport"
        #expect(PageCache.tags(for: .changed(moved, before: facts)) == shown.union(placed).union([.rubric("sport")]))
        var draft = facts
        draft.isPublished = false
        #expect(PageCache.tags(for: .changed(draft, before: draft)).isEmpty, "a draft shows nowhere")
        #expect(PageCache.tags(for: .deleted(draft)) == [.story(id)])
        #expect(PageCache.tags(for: .slugChanged(facts, oldSlug: "old")) == shown)
    }

    @Test("another node's events empty pages through the same entry point; a renamed rubric empties all")
    func otherNodes() async throws {
        let cache = PageCache(settings: PageCacheSettings())
        let story = UUID(), other = UUID()
        for (key, id) in [("/news/a", story), ("/news/b", other)] {
            _ = try await cache.page(key, now: testNow) {
                try CachedPage(PublicDocument(body: key, contentType: "text/plain", tags: [.story(id)]), settings: cache.settings, now: testNow)
            }
        }
        await cache.receive([.comment(.commentsChanged(storyID: story))], from: .otherNode)
        #expect(!cache.contains("/news/a") && cache.contains("/news/b"))
        await cache.receive([.taxonomy(.rubricChanged(slug: "world"))], from: .otherNode)
        #expect(!cache.contains("/news/b"))
        #expect(cache.statistics.pages == 0 && cache.statistics.bytes == 0)
    }

    @Test("a page rendered while a write touching it committed is served but not kept")
    func renderRace() async throws {
        let cache = PageCache(settings: PageCacheSettings())
        let page = try CachedPage(PublicDocument(body: "old", contentType: "text/plain", tags: [.story(UUID())]), settings: cache.settings, now: testNow)
        let story = UUID()
        let stale = try CachedPage(PublicDocument(body: "old", contentType: "text/plain", tags: [.story(story)]), settings: cache.settings, now: testNow)
        _ = try await cache.page("/a", now: testNow) {
            cache.invalidate([.story(story)])
            return stale
        }
        #expect(!cache.contains("/a"), "kept a page its write had emptied")
        _ = try await cache.page("/b", now: testNow) {
            cache.invalidate([.story(story)])
            return page
        }
        #expect(cache.contains("/b"), "an unrelated write kept a page out")
    }

    @Test("memory is bounded: the least recently used pages go first")
    func bounded() async throws {
        var settings = PageCacheSettings()
        settings.capacityBytes = 64 * 1_024
        let cache = PageCache(settings: settings)
        let body = String(repeating: "x", count: 2_000)
        for index in 0..<100 {
            _ = try await cache.page("/\(index)", now: testNow) {
                try CachedPage(PublicDocument(body: body + "\(index)", contentType: "text/plain"), settings: settings, now: testNow)
            }
            _ = try await cache.page("/0", now: testNow) { throw TestSetupError("/0 was dropped while in use") }
        }
        let statistics = cache.statistics
        #expect(statistics.bytes <= settings.capacityBytes)
        #expect(statistics.pages > 5 && statistics.pages < 100)
        #expect(cache.contains("/0") && cache.contains("/99") && !cache.contains("/1"))
    }
}

@Suite("Page bytes with slots")
struct PageBodyTests {
    @Test("CRC-32 of the check string, and joined checksums equal the whole one")
    func checksums() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let a = (0..<Int.random(in: 0..<300, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let b = (0..<Int.random(in: 0..<300, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(CRC32.combine(CRC32.checksum(a), CRC32.checksum(b), length: b.count) == CRC32.checksum(a + b))
        }
    }

    @Test("whatever the page and the slot values, the gzip body unpacks to the identity body")
    func spliced() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("<p>The talks in Kabul ended & began again. ") + ["é", "\u{1F4F0}", "\"", "\n"]
        for round in 0..<150 {
            var text = ""
            for piece in 0..<Int.random(in: 1...4, using: &generator) {
                if piece > 0 { text += PageBody.slotMarker }
                let length = round % 10 == 0 ? Int.random(in: 0...40_000, using: &generator) : Int.random(in: 0...600, using: &generator)
                text += String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            }
            let body = try PageBody(text)
            let value = String((0..<Int.random(in: 0...80, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let identity = body.identity(filling: value)
            #expect(String(buffer: identity) == text.replacingOccurrences(of: PageBody.slotMarker, with: value))
            var packed = body.gzip(filling: value)
            #expect(try packed.decompress(with: .gzip()) == identity)
        }
    }
}
