import Foundation
import GazetteCore
@testable import GazetteStore
import GazetteTestSupport
import Testing

@Suite("Export and import of a whole site")
struct SiteExportTests {
    let now = Date(timeIntervalSince1970: 1_780_135_200)

    /// A site with a bit of everything: stories, a revision, a renamed slug, comments with a
    /// reply, a vote, a report, a moderation action, a ban, Read next choices, people, a token.
    func fill(_ store: Store) async throws {
        _ = try await store.loadDemoContent(now: now, timeZone: TimeZone(identifier: "UTC")!)
        let editor = try await store.users.add(email: "e@example.org", name: "Eda", role: .editor, password: "a long password", bcryptCost: 4)
        _ = try await store.users.createToken(name: "Desk", role: .editor)
        // Times with fractions below a microsecond, which each store keeps in its own way.
        for n in 0..<10 {
            let time = Date(timeIntervalSince1970: 1_780_135_200 + Double(n) * 3_600.123_456_789 + Double.random(in: 0..<1))
            _ = try await store.users.add(email: "p\(n)@example.org", name: "P\(n)", role: .author, password: "a long password", bcryptCost: 4, now: time)
        }
        let actor = NewsroomActor(editor)
        let draft = try await store.newsroom.createDraft(StoryDraft(headline: "Exported", lead: "L", body: "**B**"), by: actor, now: now)
        var renamed = StoryDraft(draft)
        renamed.slug = "exported-renamed"
        let published = try await store.newsroom.move(id: draft.id, to: .published, by: actor, now: now)
        _ = try await store.newsroom.save(id: draft.id, draft: renamed, expectedVersion: published.version, by: actor, now: now)
        let story = try #require(try await store.stories.publishedStory(slug: "exported-renamed"))
        let submission = { (text: String, parent: UUID?) in
            DiscussionRepository.Submission(storyID: story.id, parentID: parent, name: "Reader", email: "r@example.org", text: text, clientHash: "h")
        }
        let root = try await store.discussion.post(submission("Root", nil), status: .published, reason: "", now: now).value.comment
        let reply = try await store.discussion.post(submission("Reply", root.id), status: .published, reason: "", now: now.addingTimeInterval(1)).value.comment
        let waiting = try await store.discussion.post(submission("Waiting", nil), status: .pending, reason: "first comment", now: now.addingTimeInterval(2)).value.comment
        _ = try await store.discussion.vote(id: reply.id, voter: "reader:x", value: 1)
        try await store.discussion.report(id: root.id, reporter: "reader:y", now: now)
        _ = try await store.discussion.moderate(ids: [waiting.id], action: .ban, by: "Eda", now: now)
        let other = try #require(try await store.stories.latest(PageQuery(page: 1, limit: 2)).items.first { $0.id != story.id })
        _ = try await store.stories.setReadNextCuration(storyID: story.id, pinned: [other.slug], excluded: [], maxPinned: 5)
        var bundle = ImportBundle(source: "test")
        bundle.stories = [ImportedStory(key: "t:1", headline: "Old one", lead: "L", body: "B", status: .published, publishedAt: now, oldPaths: ["/?p=1"])]
        _ = try await store.imports.run(bundle, now: now)
    }

    func tables(_ data: Data) throws -> [String: Any] {
        try #require((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["tables"] as? [String: Any])
    }

    @Test("export → import into a fresh site → export is identical; a second import adds nothing", arguments: TestDatabase.all)
    func roundTrip(database: TestDatabase) async throws {
        try await database.withFreshLocation { first in
            let source = try await TestDatabase.open(first)
            try await source.migrate()
            try await fill(source)
            let exported = try await source.siteExport.export(credentials: false, now: now)
            let withCredentials = try await source.siteExport.export(credentials: true, now: now)
            await source.shutdown()
            #expect((exported.summary.rows["stories"] ?? 0) > 10 && exported.summary.rows["comments"] == 3)
            #expect(exported.summary.rows["api_tokens"] == nil && withCredentials.summary.rows["api_tokens"] == 1)
            let users = try #require(try tables(exported.json)["users"] as? [[String: Any]])
            #expect(users.allSatisfy { $0["password_hash"] as? String == "!" }, "no password hash without credentials")
            let hashed = try #require(try tables(withCredentials.json)["users"] as? [[String: Any]])
            #expect(hashed.allSatisfy { ($0["password_hash"] as? String)?.hasPrefix("$2") == true })

            try await database.withFreshLocation { second in
                let target = try await TestDatabase.open(second)
                try await target.migrate()
                let imported = try await target.siteExport.importSite(exported.json)
                #expect(imported.rows == exported.summary.rows)
                let again = try await target.siteExport.export(credentials: false, now: now)
                #expect(NSDictionary(dictionary: try tables(again.json)).isEqual(to: try tables(exported.json)), "the export of the imported site differs")
                // What readers see came back too: threads, counts, redirects, search.
                let story = try #require(try await target.stories.publishedStory(slug: "exported-renamed"))
                #expect(story.commentCount == 2)
                #expect(try await target.newsroom.currentSlug(forOld: "exported") == "exported-renamed")
                #expect(try await target.imports.currentSlug(forOldPath: "/?p=1") == "old-one")
                let thread = try await target.discussion.thread(storyID: story.id, sort: .oldest, page: PageQuery(page: 1, limit: 10))
                #expect(thread.items.first?.replies.first?.score == 1)
                #expect(try await target.search.search(SearchQuery.parse("exported"), filter: SearchFilter(), page: PageQuery(page: 1, limit: 5)).total == 1)
                let twice = try await target.siteExport.importSite(exported.json)
                #expect(twice.rows.values.allSatisfy { $0 == 0 })
                await target.shutdown()
            }
        }
    }

    @Test("a file that is not a Gazette export, or from a newer Gazette, is refused with one line", arguments: TestDatabase.all)
    func refused(database: TestDatabase) async throws {
        try await database.withStore { store in
            await #expect(throws: SiteExport.ImportError.self) { try await store.siteExport.importSite(Data("{\"db\": []}".utf8)) }
            await #expect(throws: SiteExport.ImportError.self) {
                try await store.siteExport.importSite(Data(#"{"format": "gazette-export", "version": 99, "tables": {}}"#.utf8))
            }
            await #expect(throws: SiteExport.ImportError.self) {
                try await store.siteExport.importSite(Data(#"{"format": "gazette-export", "version": 1, "tables": {"rubrics": [{"id": "nope", "name": "x", "slug": "x", "label": "x"}]}}"#.utf8))
            }
            let stories = try await store.stories.count()
            #expect(stories == 0)
        }
    }
}
