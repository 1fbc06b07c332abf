import Foundation
import GazetteCore
import GazetteStore
import GazetteTestSupport
@testable import GazetteWeb
import Hummingbird
import HummingbirdTesting
import Testing

/// Records every event the bus delivers, as the page cache and other nodes will receive them.
final class EventRecorder: EventSubscriber, @unchecked Sendable {
    private let events = LockedValue<[SiteEvent]>([])

    func receive(_ events: [SiteEvent], from origin: EventOrigin) async {
        self.events.withLock { $0 += events }
    }

    var received: [SiteEvent] { events.value }

    func storyEvents(_ id: String) -> [StoryEvent] {
        received.compactMap { event in
            if case .story(let story) = event, story.storyID.uuidString == id { return story }
            return nil
        }
    }
}

@Suite("Newsroom use cases and their events")
struct NewsroomServiceTests {
    let now = Date(timeIntervalSince1970: 1_780_176_600)
    let editor = NewsroomActor(userID: UUID(), name: "Eda Editor", role: .editor)
    let author = NewsroomActor(userID: UUID(), name: "Ana Author", role: .author)

    func prepareTaxonomy(_ store: Store) async throws {
        _ = try await store.taxonomy.createRubric(name: "City", label: "CITY")
        _ = try await store.taxonomy.createTag(name: "Budget")
    }

    func draft(_ headline: String = "Council votes on budget") -> StoryDraft {
        StoryDraft(headline: headline, lead: "The lead.", body: "First.\n\nSecond.", rubric: "City", tags: ["Budget"], authors: ["Ana Author"])
    }

    func service(_ store: Store, _ events: EventBus = EventBus()) -> NewsroomService {
        NewsroomService(store: store, events: events, readNextSettings: ReadNextSettings(), defaultCommentPolicy: .open, now: { self.now })
    }

    func current(_ store: Store, _ id: UUID) async throws -> Story {
        try #require(try await store.stories.story(id: id))
    }

    @Test("the workflow follows roles: authors submit, editors schedule and publish", arguments: TestDatabase.all)
    func workflow(database: TestDatabase) async throws {
        try await database.withStore { store in
            try await prepareTaxonomy(store)
            let newsroom = service(store)
            let story = try await newsroom.create(draft(), by: author)
            await #expect(throws: NewsroomError.self) {
                try await newsroom.move(try await current(store, story.id), to: .published, at: nil, expectedVersion: nil, by: author)
            }
            let other = NewsroomActor(userID: UUID(), name: "Other Author", role: .author)
            await #expect(throws: NewsroomError.forbidden("move someone else's story")) {
                try await newsroom.move(try await current(store, story.id), to: .inReview, at: nil, expectedVersion: nil, by: other)
            }
            let submitted = try await newsroom.move(try await current(store, story.id), to: .inReview, at: nil, expectedVersion: nil, by: author)
            #expect(submitted.status == .inReview)
            // Once in review, the author may still edit; once published, no longer.
            await #expect(throws: ValidationFailed.self) {
                try await newsroom.move(try await current(store, story.id), to: .scheduled, at: now.addingTimeInterval(-5), expectedVersion: nil, by: editor)
            }
            let scheduled = try await newsroom.move(try await current(store, story.id), to: .scheduled, at: now.addingTimeInterval(3600), expectedVersion: nil, by: editor)
            #expect(scheduled.status == .scheduled)
            #expect(scheduled.scheduledAt == now.addingTimeInterval(3600))
            #expect(try await store.stories.publishedStory(slug: story.slug) == nil)
            let published = try await newsroom.move(try await current(store, story.id), to: .published, at: nil, expectedVersion: nil, by: editor)
            #expect(published.publishedAt == now)
            await #expect(throws: NewsroomError.forbidden("edit this story")) {
                try await newsroom.save(try await current(store, story.id), draft: draft("Changed"), expectedVersion: published.version, by: author)
            }
            let unpublished = try await newsroom.move(try await current(store, story.id), to: .unpublished, at: nil, expectedVersion: nil, by: editor)
            #expect(try await store.stories.publishedStory(slug: unpublished.slug) == nil)
            let actions = try await store.newsroom.revisions(storyID: story.id).map(\.action)
            #expect(actions == ["unpublished", "published", "scheduled", "submitted for review", "created"])
        }
    }

    @Test("writes announce what they changed, once committed; a refused write announces nothing", arguments: TestDatabase.all)
    func eventsOfWrites(database: TestDatabase) async throws {
        try await database.withStore { store in
            try await prepareTaxonomy(store)
            let bus = EventBus()
            let recorder = EventRecorder()
            bus.subscribe(recorder)
            let newsroom = service(store, bus)
            let story = try await newsroom.create(draft(), by: editor)
            #expect(recorder.received.isEmpty, "a new draft is not public")
            let published = try await newsroom.move(story, to: .published, at: nil, expectedVersion: nil, by: editor)
            var renamed = StoryDraft(published)
            renamed.slug = "council-budget-vote"
            let saved = try await newsroom.save(published, draft: renamed, expectedVersion: published.version, by: editor)
            await #expect(throws: NewsroomError.self) {
                try await newsroom.save(published, draft: renamed, expectedVersion: published.version, by: editor)
            }
            _ = try await newsroom.move(saved, to: .unpublished, at: nil, expectedVersion: nil, by: editor)
            let events = recorder.storyEvents(story.id.uuidString)
            let facts = StoryFacts(published)
            #expect(events.count == 6)
            #expect(events.contains(.published(facts)))
            #expect(events.contains(.slugChanged(StoryFacts(saved), oldSlug: published.slug)))
            #expect(events.contains(.unpublished(StoryFacts(saved))))
            #expect(facts.rubricSlug == "city" && facts.tagSlugs == ["budget"] && facts.isPublished)
        }
    }

    @Test("a publish, an unpublish and a slug change reach Read next and subscribers before the response", arguments: TestDatabase.all)
    func eventsReachReadNext(database: TestDatabase) async throws {
        let recorder = EventRecorder()
        let token = LockedValue("")
        // No resync during the test: only events can change the lists.
        try await withApp(database, demo: false, configure: { $0.readNextResyncInterval = 3_600 }, subscribers: [recorder], prepare: { store in
            try await ReadNextPageTests().prepare(store)
            token.value = try await store.users.createToken(name: "Desk", role: .editor).secret
        }) { client in
            func readNext() async throws -> String {
                ReadNextPageTests.readNextSection(try await client.execute(uri: "/news/zeppelin-factory", method: .get).text)
            }
            // Wait (bounded) for the first build: the related story is then in the list.
            var list = ""
            for _ in 0..<100 {
                list = try await readNext()
                if list.contains("/news/zeppelin-hires\"") { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(list.contains("/news/zeppelin-hires\""))
            let id = try await ReadNextPageTests().id(of: "zeppelin-hires", client)
            func admin(_ path: String, method: HTTPRequest.Method = .post, _ json: String? = nil) async throws -> TestResponse {
                var headers: HTTPFields = [.authorization: "Bearer \(token.value)"]
                if json != nil { headers[.contentType] = "application/json" }
                return try await client.execute(uri: "/api/v1/admin/articles/\(id)\(path)", method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
            }
            func has(_ check: (StoryEvent) -> Bool) -> Bool { recorder.storyEvents(id).contains(where: check) }

            #expect(try await admin("/unpublish").status == .ok)
            #expect(has { if case .unpublished = $0 { return true } else { return false } })
            #expect(!(try await readNext()).contains("zeppelin-hires"))

            #expect(try await admin("/publish").status == .ok)
            #expect(has { if case .published = $0 { return true } else { return false } })
            // Back in the list at once: the index took it out, only the event put it back.
            #expect(try await readNext().contains("/news/zeppelin-hires\""))

            let shown = try await admin("", method: .get)
            let version = try #require((try JSONSerialization.jsonObject(with: Data(buffer: shown.body)) as? [String: Any])?["version"] as? Int)
            #expect(try await admin("", method: .patch, #"{"version": \#(version), "slug": "zeppelin-hiring"}"#).status == .ok)
            #expect(has { if case .slugChanged(let facts, let old) = $0 { return facts.slug == "zeppelin-hiring" && old == "zeppelin-hires" } else { return false } })
            #expect(try await readNext().contains("/news/zeppelin-hiring\""))
        }
    }

    @Test("opening the editor only reads: the lock is taken by the page's request, a save or a new story", arguments: TestDatabase.all)
    func openingDoesNotLock(database: TestDatabase) async throws {
        try await withApp(database, demo: false, prepare: { store in
            try await addStaff(store)
            _ = try await store.stories.create(NewStory(headline: "Lock test", lead: "L", body: "B", slug: "lock-test", status: .draft), now: testNow)
        }) { client in
            let eda = Browser(client)
            let edaCSRF = try await eda.logIn("eda@example.org")
            let sam = Browser(client)
            _ = try await sam.logIn("sam@example.org")
            let list = try await eda.get("/newsroom/stories")
            let path = try #require(list.text.components(separatedBy: "href=\"/newsroom/stories/").dropFirst()
                .compactMap { $0.components(separatedBy: "\"").first }.first { UUID(uuidString: $0) != nil })
            #expect(try await eda.get("/newsroom/stories/\(path)").status == .ok)
            #expect(!(try await sam.get("/newsroom/stories/\(path)").text.contains("is editing this story")))
            #expect(try await eda.post("/newsroom/stories/\(path)/lock", [], csrf: edaCSRF).status == .noContent)
            #expect(try await sam.get("/newsroom/stories/\(path)").text.contains("Eda Editor is editing this story"))
        }
    }
}
