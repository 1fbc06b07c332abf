import Foundation
import GazetteCore
import GazetteStore
import GazetteTestSupport
import Testing

@Suite("Stories in the store")
struct StoryRepositoryTests {
    static let day: TimeInterval = 86_400
    let now = Date(timeIntervalSince1970: 1_780_176_600)

    func story(_ headline: String, daysAgo: Double = 0, rubric: String? = nil, tags: [String] = [], status: StoryStatus = .published) -> NewStory {
        NewStory(
            headline: headline, lead: "Lead of \(headline)", body: "Body of *\(headline)*.",
            rubric: rubric.map { RubricName($0) }, tags: tags, authors: ["Desk"],
            status: status, publishedAt: now.addingTimeInterval(-daysAgo * Self.day)
        )
    }

    @Test("a created story comes back whole, body rendered once", arguments: TestDatabase.all)
    func createAndRead(database: TestDatabase) async throws {
        try await database.withStore { store in
            let created = try await store.stories.create(
                NewStory(
                    headline: "Envoy meets ministers", lead: "Talks in Kabul.", body: "One.\n\nTwo with <b>tag</b>.",
                    rubric: RubricName("Ukraine-Russia", label: "UKRAINE-RUSSIA"), tags: ["Russia", "Taliban", "russia"],
                    authors: ["Ana Ruiz", "Ben Cole"], status: .published, publishedAt: now
                ),
                now: now
            )
            let read = try #require(try await store.stories.publishedStory(slug: "envoy-meets-ministers"))
            #expect(read == created)
            #expect(read.bodyHTML == "<p>One.</p>\n<p>Two with &lt;b&gt;tag&lt;/b&gt;.</p>\n")
            #expect(read.rubric?.label == "UKRAINE-RUSSIA")
            #expect(read.rubric?.slug == "ukraine-russia")
            #expect(read.tags.map(\.name) == ["Russia", "Taliban"])
            #expect(read.authors.map(\.name) == ["Ana Ruiz", "Ben Cole"])
            #expect(read.publishedAt == now)
        }
    }

    @Test("slugs stay unique", arguments: TestDatabase.all)
    func uniqueSlugs(database: TestDatabase) async throws {
        try await database.withStore { store in
            let first = try await store.stories.create(story("Same headline"), now: now)
            let second = try await store.stories.create(story("Same headline"), now: now)
            let third = try await store.stories.create(story("Same headline"), now: now)
            #expect([first.slug, second.slug, third.slug] == ["same-headline", "same-headline-2", "same-headline-3"])
        }
    }

    @Test("invalid stories are refused and nothing is stored", arguments: TestDatabase.all)
    func invalid(database: TestDatabase) async throws {
        try await database.withStore { store in
            await #expect(throws: ContentError.invalid(field: "headline", reason: "must not be empty")) {
                try await store.stories.create(story("   "), now: now)
            }
            await #expect(throws: ContentError.self) {
                try await store.stories.create(story(String(repeating: "x", count: 301)), now: now)
            }
            let count = try await store.stories.count()
            #expect(count == 0)
        }
    }

    @Test("readers see only published stories, newest first, paged", arguments: TestDatabase.all)
    func latest(database: TestDatabase) async throws {
        try await database.withStore { store in
            for n in 1...5 { _ = try await store.stories.create(story("Story \(n)", daysAgo: Double(n)), now: now) }
            _ = try await store.stories.create(story("Draft", status: .draft), now: now)
            let first = try await store.stories.latest(PageQuery(page: 1, limit: 2))
            #expect(first.total == 5)
            #expect(first.pageCount == 3)
            #expect(first.items.map(\.headline) == ["Story 1", "Story 2"])
            let last = try await store.stories.latest(PageQuery(page: 3, limit: 2))
            #expect(last.items.map(\.headline) == ["Story 5"])
            #expect(try await store.stories.publishedStory(slug: "draft") == nil)
        }
    }

    @Test("rubric, tag and author lists", arguments: TestDatabase.all)
    func lists(database: TestDatabase) async throws {
        try await database.withStore { store in
            _ = try await store.stories.create(story("A", daysAgo: 1, rubric: "World", tags: ["Russia"]), now: now)
            _ = try await store.stories.create(story("B", daysAgo: 2, rubric: "World", tags: ["Sport"]), now: now)
            _ = try await store.stories.create(story("C", daysAgo: 3, rubric: "Economy", tags: ["Russia"]), now: now)
            let world = try #require(try await store.stories.rubric(slug: "world"))
            #expect(try await store.stories.inRubric(world, page: PageQuery()).items.map(\.headline) == ["A", "B"])
            let russia = try #require(try await store.stories.tag(slug: "russia"))
            #expect(try await store.stories.withTag(russia, page: PageQuery()).items.map(\.headline) == ["A", "C"])
            let desk = try #require(try await store.stories.author(slug: "desk"))
            #expect(try await store.stories.byAuthor(desk, page: PageQuery()).total == 3)
            #expect(try await store.stories.rubric(slug: "nope") == nil)
        }
    }

    @Test("Read next prefers related stories, then fills with the latest", arguments: TestDatabase.all)
    func readNext(database: TestDatabase) async throws {
        try await database.withStore { store in
            let article = try await store.stories.create(story("Article", rubric: "Afghanistan", tags: ["Russia", "Taliban"]), now: now)
            _ = try await store.stories.create(story("Unrelated new", daysAgo: 0.1), now: now)
            _ = try await store.stories.create(story("Two tags", daysAgo: 3, tags: ["Taliban", "Russia"]), now: now)
            _ = try await store.stories.create(story("Same rubric", daysAgo: 9, rubric: "Afghanistan"), now: now)
            _ = try await store.stories.create(story("One tag", daysAgo: 2, tags: ["Russia"]), now: now)
            _ = try await store.stories.create(story("Unrelated old", daysAgo: 20), now: now)
            _ = try await store.stories.create(story("Related draft", tags: ["Russia", "Taliban"], status: .draft), now: now)
            let list = try await store.stories.readNext(for: article.summary)
            // "Two tags" and "Same rubric" score alike; the fresher comes first.
            #expect(list.map(\.headline) == ["Two tags", "Same rubric", "One tag", "Unrelated new", "Unrelated old"])
        }
    }

    @Test("pinned and breaking stories", arguments: TestDatabase.all)
    func flags(database: TestDatabase) async throws {
        try await database.withStore { store in
            var pinned = story("Pinned", daysAgo: 2)
            pinned.pinned = true
            var breaking = story("Breaking", daysAgo: 0.5)
            breaking.breaking = true
            _ = try await store.stories.create(pinned, now: now)
            _ = try await store.stories.create(breaking, now: now)
            #expect(try await store.stories.pinnedStory()?.headline == "Pinned")
            #expect(try await store.stories.breakingStory()?.headline == "Breaking")
        }
    }

    @Test("demo content loads into an empty site only", arguments: TestDatabase.all)
    func demo(database: TestDatabase) async throws {
        try await database.withStore { store in
            let zone = TimeZone(identifier: "UTC")!
            let created = try await store.loadDemoContent(now: now, timeZone: zone)
            #expect(created == DemoContent.stories(now: now, timeZone: zone).count)
            #expect(try await store.loadDemoContent(now: now, timeZone: zone) == 0)
            #expect(try await store.stories.count() == created)
        }
    }
}
