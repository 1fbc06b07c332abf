import Foundation
import GazetteCore
@testable import GazetteStore
import GazetteTestSupport
import Testing

@Suite("Newsroom work on stories")
struct NewsroomRepositoryTests {
    let now = Date(timeIntervalSince1970: 1_780_176_600)
    let editor = NewsroomActor(userID: UUID(), name: "Eda Editor", role: .editor)
    let secondEditor = NewsroomActor(userID: UUID(), name: "Sam Second", role: .editor)
    let author = NewsroomActor(userID: UUID(), name: "Ana Author", role: .author)

    /// The rubric and tag the drafts use: editors create taxonomy, authors only use it.
    func prepareTaxonomy(_ store: Store) async throws {
        _ = try await store.taxonomy.createRubric(name: "City", label: "CITY")
        _ = try await store.taxonomy.createTag(name: "Budget")
    }

    func draft(_ headline: String = "Council votes on budget") -> StoryDraft {
        StoryDraft(headline: headline, lead: "The lead.", body: "First.\n\nSecond.", rubric: "City", tags: ["Budget"], authors: ["Ana Author"])
    }

    @Test("saves bump the version; a stale save is refused with who and when, and writes nothing", arguments: TestDatabase.all)
    func staleSave(database: TestDatabase) async throws {
        try await database.withStore { store in
            try await prepareTaxonomy(store)
            let story = try await store.newsroom.createDraft(draft(), by: author, now: now)
            #expect(story.version == 1)
            #expect(story.status == .draft)
            var first = StoryDraft(story)
            first.body = "Edited by the first editor."
            let saved = try await store.newsroom.save(id: story.id, draft: first, expectedVersion: 1, by: editor, now: now.addingTimeInterval(60))
            #expect(saved.version == 2)
            var second = StoryDraft(story)
            second.body = "Edited by the second editor, who started from version 1."
            await #expect(throws: NewsroomError.conflict(savedBy: "Eda Editor", savedAt: now.addingTimeInterval(60), currentVersion: 2)) {
                try await store.newsroom.save(id: story.id, draft: second, expectedVersion: 1, by: secondEditor, now: now.addingTimeInterval(90))
            }
            let stored = try #require(try await store.stories.story(id: story.id))
            #expect(stored.body == "Edited by the first editor.")
            #expect(stored.version == 2)
            let revisions = try await store.newsroom.revisions(storyID: story.id)
            #expect(revisions.map(\.version) == [2, 1])
            #expect(revisions.map(\.userName) == ["Eda Editor", "Ana Author"])
        }
    }

    @Test("two schedulers on one database publish each due story exactly once", arguments: TestDatabase.all)
    func schedulersRace(database: TestDatabase) async throws {
        try await database.withFreshLocation { location in
            let nodeA = try await TestDatabase.open(location)
            let nodeB = try await TestDatabase.open(location)
            try await nodeA.migrate()
            var ids: [UUID] = []
            for n in 0..<12 {
                let story = try await nodeA.newsroom.createDraft(draft("Scheduled story \(n)"), by: editor, now: now)
                _ = try await nodeA.newsroom.move(id: story.id, to: .scheduled, at: now.addingTimeInterval(Double(60 + n)), by: editor, now: now)
                ids.append(story.id)
            }
            // Not yet due: nothing happens.
            #expect(try await nodeA.newsroom.publishDue(now: now).value.isEmpty)
            let due = now.addingTimeInterval(3600)
            async let fromA = nodeA.newsroom.publishDue(now: due).value
            async let fromB = nodeB.newsroom.publishDue(now: due).value
            let (a, b) = try await (fromA, fromB)
            #expect(Set(a).isDisjoint(with: Set(b)))
            #expect(Set(a + b) == Set(ids))
            #expect(try await nodeB.newsroom.publishDue(now: due).value.isEmpty)
            for (n, id) in ids.enumerated() {
                let story = try #require(try await nodeB.stories.story(id: id))
                #expect(story.status == .published)
                #expect(story.publishedAt == now.addingTimeInterval(Double(60 + n)))
                let publishes = try await nodeB.newsroom.revisions(storyID: id).filter { $0.action == "published as scheduled" }
                #expect(publishes.count == 1)
            }
            await nodeA.shutdown()
            await nodeB.shutdown()
        }
    }

    @Test("restoring a revision is a new revision with the old content", arguments: TestDatabase.all)
    func restore(database: TestDatabase) async throws {
        try await database.withStore { store in
            let story = try await store.newsroom.createDraft(draft(), by: editor, now: now)
            var changed = StoryDraft(story)
            changed.headline = "A worse headline"
            changed.tags = ["Other"]
            _ = try await store.newsroom.save(id: story.id, draft: changed, expectedVersion: 1, by: editor, now: now)
            let first = try #require(try await store.newsroom.revisions(storyID: story.id).last)
            let restored = try await store.newsroom.restore(id: story.id, revisionID: first.id, expectedVersion: 2, by: secondEditor, now: now)
            #expect(restored.headline == "Council votes on budget")
            #expect(restored.tags.map(\.name) == ["Budget"])
            #expect(restored.version == 3)
            let latest = try #require(try await store.newsroom.revisions(storyID: story.id).first)
            #expect(latest.action == "restored version 1")
            #expect(latest.userName == "Sam Second")
        }
    }

    @Test("renaming a published story's slug keeps the old address", arguments: TestDatabase.all)
    func slugRename(database: TestDatabase) async throws {
        try await database.withStore { store in
            let story = try await store.newsroom.createDraft(draft(), by: editor, now: now)
            let published = try await store.newsroom.move(id: story.id, to: .published, by: editor, now: now)
            var renamed = StoryDraft(published)
            renamed.slug = "budget-vote"
            _ = try await store.newsroom.save(id: story.id, draft: renamed, expectedVersion: published.version, by: editor, now: now)
            #expect(try await store.newsroom.currentSlug(forOld: "council-votes-on-budget") == "budget-vote")
            // The old slug stays reserved for this story.
            let other = try await store.newsroom.createDraft(draft("Another"), by: editor, now: now)
            var taking = StoryDraft(other)
            taking.slug = "council-votes-on-budget"
            await #expect(throws: ValidationFailed(["slug": "Another story uses this slug."])) {
                try await store.newsroom.save(id: other.id, draft: taking, expectedVersion: 1, by: editor, now: now)
            }
        }
    }

    @Test("invalid drafts report every field", arguments: TestDatabase.all)
    func validation(database: TestDatabase) async throws {
        try await database.withStore { store in
            var bad = draft("")
            bad.slug = "Not A Slug"
            bad.seoTitle = String(repeating: "x", count: 500)
            do {
                _ = try await store.newsroom.createDraft(bad, by: editor, now: now)
                Issue.record("accepted")
            } catch let error as ValidationFailed {
                #expect(Set(error.problems.keys) == ["headline", "slug", "seoTitle"])
            }
            #expect(try await store.stories.count() == 0)
        }
    }

    @Test("soft locks: one holder at a time, taken over on request, free after expiry", arguments: TestDatabase.all)
    func locks(database: TestDatabase) async throws {
        try await database.withStore { store in
            let story = try await store.newsroom.createDraft(draft(), by: editor, now: now)
            let a = try await store.users.add(email: "eda@example.org", name: "Eda", role: .editor, password: "long enough pw", bcryptCost: 4).id
            let b = try await store.users.add(email: "sam@example.org", name: "Sam", role: .editor, password: "long enough pw", bcryptCost: 4).id
            #expect(try await store.newsroom.lock(storyID: story.id, userID: a, name: "Eda", now: now) == .held(until: now.addingTimeInterval(120)))
            #expect(try await store.newsroom.lock(storyID: story.id, userID: b, name: "Sam", now: now.addingTimeInterval(10))
                == .heldByOther(name: "Eda", userID: a, until: now.addingTimeInterval(120)))
            #expect(try await store.newsroom.lockHolder(storyID: story.id, except: b, now: now) == "Eda")
            #expect(try await store.newsroom.lock(storyID: story.id, userID: b, name: "Sam", now: now.addingTimeInterval(20), takeOver: true)
                == .held(until: now.addingTimeInterval(140)))
            #expect(try await store.newsroom.lock(storyID: story.id, userID: a, name: "Eda", now: now.addingTimeInterval(200))
                == .held(until: now.addingTimeInterval(320)))
        }
    }

    @Test("newsroom list filters by status, rubric, author and headline", arguments: TestDatabase.all)
    func list(database: TestDatabase) async throws {
        try await database.withStore { store in
            _ = try await store.newsroom.createDraft(draft("Budget 100% approved"), by: editor, now: now)
            var sport = draft("Cup final")
            sport.rubric = "Sport"
            sport.authors = ["Jo Reporter"]
            let cup = try await store.newsroom.createDraft(sport, by: editor, now: now)
            _ = try await store.newsroom.move(id: cup.id, to: .published, by: editor, now: now)
            let all = try await store.newsroom.list(.init(), page: PageQuery())
            #expect(all.total == 2)
            #expect(try await store.newsroom.list(.init(status: .published), page: PageQuery()).items.map(\.headline) == ["Cup final"])
            #expect(try await store.newsroom.list(.init(rubricSlug: "city"), page: PageQuery()).items.map(\.headline) == ["Budget 100% approved"])
            #expect(try await store.newsroom.list(.init(authorSlug: "jo-reporter"), page: PageQuery()).items.map(\.headline) == ["Cup final"])
            #expect(try await store.newsroom.list(.init(search: "BUDGET"), page: PageQuery()).total == 1)
            #expect(try await store.newsroom.list(.init(search: "100%"), page: PageQuery()).total == 1)
            #expect(try await store.newsroom.list(.init(search: "%"), page: PageQuery()).total == 1)
            #expect(try await store.newsroom.list(.init(search: "_"), page: PageQuery()).total == 0)
        }
    }
}

@Suite("Newsroom people")
struct UserRepositoryTests {
    let now = Date(timeIntervalSince1970: 1_780_176_600)

    @Test("log-in: right password, generic refusal, lock-out after five failures", arguments: TestDatabase.all)
    func logIn(database: TestDatabase) async throws {
        try await database.withStore { store in
            let user = try await store.users.add(email: "Eda@Example.org", name: "Eda", role: .editor, password: "correct horse battery", bcryptCost: 4)
            #expect(user.email == "eda@example.org")
            let ok = try await store.users.logIn(email: "EDA@example.org", password: "correct horse battery", client: "t", now: now, bcryptCost: 4)
            #expect(ok.id == user.id)
            await #expect(throws: NewsroomError.invalidCredentials) {
                try await store.users.logIn(email: "nobody@example.org", password: "whatever it is", client: "t", now: now, bcryptCost: 4)
            }
            for n in 1...5 {
                await #expect(throws: NewsroomError.invalidCredentials) {
                    try await store.users.logIn(email: "eda@example.org", password: "wrong \(n)", client: "t", now: now.addingTimeInterval(Double(n)), bcryptCost: 4)
                }
            }
            // Locked now, even with the right password.
            await #expect(throws: NewsroomError.tooManyAttempts(retryAfter: 15 * 60 - 5)) {
                try await store.users.logIn(email: "eda@example.org", password: "correct horse battery", client: "t", now: now.addingTimeInterval(10), bcryptCost: 4)
            }
            let later = now.addingTimeInterval(5 + 15 * 60 + 1)
            #expect(try await store.users.logIn(email: "eda@example.org", password: "correct horse battery", client: "t", now: later, bcryptCost: 4).id == user.id)
        }
    }

    @Test("sessions survive a new store instance and expire", arguments: TestDatabase.all)
    func sessions(database: TestDatabase) async throws {
        try await database.withFreshLocation { location in
            let store = try await TestDatabase.open(location)
            try await store.migrate()
            let user = try await store.users.add(email: "a@example.org", name: "A", role: .author, password: "long enough pw", bcryptCost: 4)
            let (token, session) = try await store.users.startSession(for: user, now: now, lifetime: 3600)
            await store.shutdown()
            let restarted = try await TestDatabase.open(location)
            let found = try #require(try await restarted.users.session(token: token, now: now.addingTimeInterval(60)))
            #expect(found.user.id == session.user.id)
            #expect(found.csrfToken == session.csrfToken)
            #expect(try await restarted.users.session(token: token, now: now.addingTimeInterval(3601)) == nil)
            #expect(try await restarted.users.session(token: "forged", now: now) == nil)
            try await restarted.users.endSession(token: token)
            #expect(try await restarted.users.session(token: token, now: now) == nil)
            await restarted.shutdown()
        }
    }

    @Test("bad users are refused", arguments: TestDatabase.all)
    func badUsers(database: TestDatabase) async throws {
        try await database.withStore { store in
            _ = try await store.users.add(email: "a@example.org", name: "A", role: .admin, password: "long enough pw", bcryptCost: 4)
            await #expect(throws: UserRepository.UserError.emailTaken("a@example.org")) {
                try await store.users.add(email: " A@example.org ", name: "B", role: .author, password: "long enough pw", bcryptCost: 4)
            }
            await #expect(throws: UserRepository.UserError.self) {
                try await store.users.add(email: "b@example.org", name: "B", role: .author, password: "short", bcryptCost: 4)
            }
            await #expect(throws: UserRepository.UserError.self) {
                try await store.users.add(email: "not-an-email", name: "B", role: .author, password: "long enough pw", bcryptCost: 4)
            }
            #expect(try await store.users.count() == 1)
        }
    }

    @Test("API tokens are found by their secret only", arguments: TestDatabase.all)
    func tokens(database: TestDatabase) async throws {
        try await database.withStore { store in
            let (secret, token) = try await store.users.createToken(name: "CMS sync", role: .editor)
            #expect(secret.hasPrefix("gz_"))
            #expect(try await store.users.apiToken(secret: secret) == token)
            #expect(try await store.users.apiToken(secret: secret + "x") == nil)
        }
    }
}
