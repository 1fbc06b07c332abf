import Foundation
import GazetteCore
@testable import GazetteStore
import GazetteTestSupport
import Testing

/// Imports from WordPress (a real export made with WordPress's own exporter, trimmed by hand),
/// Ghost, Disqus and feeds: what comes in, what is skipped and why, that a second run creates
/// nothing, and that no imported HTML carries script.
@Suite("Imports")
struct ImportTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static func fixture(_ name: String) throws -> String { try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8) }
    let now = Date(timeIntervalSince1970: 1_780_135_200)

    func story(_ store: Store, key: String) async throws -> Story {
        try #require(try await store.imports.story(importKey: key), "no story imported as \(key)")
    }

    func wordpressKey(_ bundle: ImportBundle, _ id: Int) -> String {
        bundle.stories.first { $0.key.hasSuffix(":\(id)") }!.key
    }

    @Test("WordPress: posts, statuses, rubric, tags, authors, threaded comments, old addresses; again creates nothing", arguments: TestDatabase.all)
    func wordpress(database: TestDatabase) async throws {
        let bundle = try WordPressExport.read(try Self.fixture("wordpress-export.xml"))
        #expect(bundle.stories.count == 5)
        #expect(Set(bundle.skipped.map(\.reason)) == ["in the trash", "only posts are imported (page)"])
        try await database.withStore { store in
            let report = try await store.imports.run(bundle, now: now)
            #expect(report.stories.created == 5 && report.comments.created == 9)
            #expect(report.authors.created == 2)

            let main = try await story(store, key: wordpressKey(bundle, 4))
            #expect(main.status == .published)
            #expect(main.authors.map(\.name) == ["Ada Admin"])
            #expect(Set(main.tags.map(\.name)).isSuperset(of: ["Russia", "Taliban"]))
            #expect(main.publishedAt != nil)
            let draft = try await story(store, key: wordpressKey(bundle, 30))
            #expect(draft.status == .draft && draft.rubric?.name == "World" && draft.authors.map(\.name) == ["Maria Lind"])
            let scheduled = try await story(store, key: wordpressKey(bundle, 31))
            #expect(scheduled.status == .scheduled)
            #expect(scheduled.scheduledAt == ISO8601DateFormatter().date(from: "2030-01-15T09:00:00Z"))

            // The hostile post: its title is text, its body holds no script, its structure survives.
            let hostile = try await story(store, key: wordpressKey(bundle, 32))
            #expect(hostile.headline == "Hostile <script>alert(1)</script> & \"quotes\"")
            #expect(HTMLShape(hostile.bodyHTML).scriptRisks().isEmpty, "\(hostile.bodyHTML)")
            #expect(hostile.bodyHTML.contains("<h2>Sub heading</h2>") && hostile.bodyHTML.contains("<li>one</li>") && hostile.bodyHTML.contains("<blockquote>"))
            #expect(!hostile.body.contains("<"), "the body is Markdown, not HTML: \(hostile.body)")
            #expect(hostile.lead == "An excerpt with markup.")

            // Comments: threads, moderation state, no markup from the old site.
            let thread = try await store.discussion.thread(storyID: main.id, sort: .oldest, page: PageQuery(page: 1, limit: 50))
            let anna = try #require(thread.items.first { $0.name == "Anna" })
            #expect(anna.replies.map(\.name) == ["Ben"])
            #expect(anna.html.contains("<p>First thoughts.</p>"))
            let queue = try await store.discussion.queue(.pending, page: PageQuery(page: 1, limit: 50))
            #expect(queue.items.map(\.comment.name) == ["Cleo"])
            // WordPress's exporter leaves spam out of the file (the approval states are covered below).
            #expect(try await store.discussion.queue(.spam, page: PageQuery(page: 1, limit: 50)).items.isEmpty)
            let hostileComment = try #require(thread.items.first { $0.name.hasPrefix("Hostile") })
            #expect(HTMLShape(hostileComment.html).scriptRisks().isEmpty && !hostileComment.html.contains("<img"))
            #expect(try await store.stories.story(id: main.id)?.commentCount == 8)

            // Old addresses lead to the story.
            #expect(try await store.imports.currentSlug(forOldPath: "/?p=4") == main.slug)
            #expect(try await store.imports.currentSlug(forOldPath: "/2026/12/01/kabulov-holds-talks-with-taliban-officials-in-kabul/") == main.slug)
            #expect(try await store.imports.currentSlug(forOldPath: "/?p=30") == nil, "a draft is not public")

            let again = try await store.imports.run(bundle, now: now)
            #expect(again.stories.created == 0 && again.comments.created == 0 && again.redirects.created == 0)
            #expect(again.stories.skipped == 5 && again.comments.skipped == 9)
            #expect(try await store.stories.count() == 5)
        }
    }

    @Test("WordPress comment states: approved, pending, spam, trash; pingbacks left out")
    func wordpressStates() throws {
        func comment(_ id: Int, _ approved: String, type: String = "comment") -> String {
            "<wp:comment><wp:comment_id>\(id)</wp:comment_id><wp:comment_author>C\(id)</wp:comment_author><wp:comment_content>Text \(id)</wp:comment_content><wp:comment_approved>\(approved)</wp:comment_approved><wp:comment_type>\(type)</wp:comment_type><wp:comment_parent>0</wp:comment_parent><wp:comment_date_gmt>2024-05-30 10:00:00</wp:comment_date_gmt></wp:comment>"
        }
        let wxr = """
            <?xml version="1.0"?><rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <channel><link>https://old.example</link><item><title>P</title><link>https://old.example/p/</link><wp:post_id>9</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status>
            <content:encoded>Line one
            line two

            Second paragraph</content:encoded>
            \(comment(1, "1"))\(comment(2, "0"))\(comment(3, "spam"))\(comment(4, "trash"))\(comment(5, "1", type: "pingback"))</item></channel></rss>
            """
        let bundle = try WordPressExport.read(wxr)
        #expect(bundle.comments.map(\.status) == [.published, .pending, .spam, .rejected])
        #expect(bundle.skipped.map(\.reason) == ["pingbacks and trackbacks are not comments"])
        // WordPress keeps paragraphs as blank lines and line breaks as newlines.
        #expect(bundle.stories.first?.body == "Line one\\\nline two\n\nSecond paragraph")
        #expect(bundle.stories.first?.oldPaths == ["/?p=9", "/p/"])
    }

    @Test("Ghost: posts with the primary tag as rubric, authors with bios, pages left out", arguments: TestDatabase.all)
    func ghost(database: TestDatabase) async throws {
        let bundle = try GhostExport.read(Data(try Self.fixture("ghost-export.json").utf8))
        #expect(bundle.stories.count == 3)
        #expect(bundle.skipped.map(\.reason) == ["only posts are imported"])
        try await database.withStore { store in
            let report = try await store.imports.run(bundle, now: now)
            #expect(report.stories.created == 3)
            let hello = try await story(store, key: "ghost:6650a1")
            #expect(hello.slug == "hello-from-ghost" && hello.status == .published)
            #expect(hello.rubric?.name == "World" && hello.tags.map(\.name) == ["Elections"])
            #expect(hello.authors.map(\.name) == ["Gina Writer", "Hal Editor"])
            #expect(hello.lead == "Our first post.")
            #expect(HTMLShape(hello.bodyHTML).scriptRisks().isEmpty)
            #expect(hello.bodyHTML.contains("<strong>readers</strong> &amp; friends.") && hello.bodyHTML.contains("<img src=\"https://ghost.example/content/images/a.jpg\" alt=\"A photo\">"))
            #expect(try await store.stories.author(slug: "gina-writer")?.bio == "Writes about the world.")
            #expect(try await story(store, key: "ghost:6650a3").status == .scheduled)
            #expect(try await story(store, key: "ghost:6650a2").status == .draft)
            #expect(try await store.imports.run(bundle, now: now).stories.created == 0)
        }
    }

    @Test("Disqus: threads matched by address, replies threaded in any order, spam and deleted kept as such", arguments: TestDatabase.all)
    func disqus(database: TestDatabase) async throws {
        let bundle = try DisqusExport.read(try Self.fixture("disqus-export.xml"))
        #expect(bundle.comments.count == 6)
        try await database.withStore { store in
            let story = try await store.stories.create(NewStory(headline: "Hello from Ghost", lead: "L", body: "B", slug: "hello-from-ghost"), now: now)
            let report = try await store.imports.run(bundle, now: now)
            #expect(report.comments.created == 5)
            #expect(report.skips.contains { $0.reason == "its story is not on this site" })
            let thread = try await store.discussion.thread(storyID: story.id, sort: .oldest, page: PageQuery(page: 1, limit: 50))
            let alice = try #require(thread.items.first { $0.name == "Alice" })
            #expect(alice.replies.map(\.name) == ["Bob", "Carol"] || alice.replies.first?.replies.map(\.name) == ["Carol"])
            #expect(!alice.html.contains("<b>") && !alice.html.contains("script"))
            #expect(try await store.discussion.queue(.spam, page: PageQuery(page: 1, limit: 10)).items.map(\.comment.name) == ["Spam Bot"])
            #expect(!thread.items.contains { $0.name == "Dan" }, "a deleted comment without replies is not shown")
            #expect(try await store.imports.run(bundle, now: now).comments.created == 0)
        }
    }

    @Test("RSS and Atom items become published stories")
    func feeds() throws {
        let rss = """
            <?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Old</title>
            <item><title>First &amp; best</title><link>https://old.example/2024/first</link><guid>urn:x:1</guid><pubDate>Thu, 30 May 2024 10:00:00 GMT</pubDate>
            <dc:creator>Ann</dc:creator><category>World</category><category>Cats</category><description>Summary.</description>
            <content:encoded><![CDATA[<p>Full <em>text</em>.</p><script>alert(1)</script>]]></content:encoded></item></channel></rss>
            """
        let bundle = try FeedExport.read(rss)
        let story = try #require(bundle.stories.first)
        #expect(story.key == "feed:urn:x:1" && story.headline == "First & best" && story.rubric == "World" && story.tags == ["Cats"])
        #expect(story.body == "Full *text*." && story.lead == "Summary." && story.authors == ["Ann"])
        #expect(story.publishedAt == ISO8601DateFormatter().date(from: "2024-05-30T10:00:00Z") && story.oldPaths == ["/2024/first"])
        let atom = """
            <?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Old</title>
            <entry><id>tag:old,2024:2</id><title>Second</title><link rel="alternate" href="https://old.example/second"/>
            <published>2024-05-31T10:00:00Z</published><author><name>Bo</name></author><category term="Tech"/>
            <content type="html">&lt;p&gt;Body &lt;b&gt;two&lt;/b&gt;&lt;/p&gt;</content></entry></feed>
            """
        let entry = try #require(try FeedExport.read(atom).stories.first)
        #expect(entry.key == "feed:tag:old,2024:2" && entry.body == "Body **two**" && entry.authors == ["Bo"] && entry.rubric == "Tech")
        #expect(throws: XMLNode.ParseError.self) { try FeedExport.read("<html><p>not a feed") }
    }

    @Test("an export that is not XML, or not of the kind named, is one clear error")
    func badFiles() {
        #expect(throws: XMLNode.ParseError.self) { try WordPressExport.read("not xml at all") }
        #expect(throws: XMLNode.ParseError.self) { try WordPressExport.read("<disqus/>") }
        #expect(throws: XMLNode.ParseError.self) { try DisqusExport.read("<rss><channel/></rss>") }
        #expect(throws: GhostExport.ReadError.self) { try GhostExport.read(Data("{\"db\": []}".utf8)) }
        // No entity from a DTD is expanded (no XXE, no billion laughs).
        let xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rss><channel><item><title>&x;</title><guid>1</guid></item></channel></rss>"
        let titles = (try? FeedExport.read(xxe))?.stories.map(\.headline) ?? []
        #expect(!titles.contains { $0.contains("root:") })
    }
}
