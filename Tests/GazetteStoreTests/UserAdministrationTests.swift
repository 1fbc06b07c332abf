import Foundation
import GazetteCore
import GazetteStore
import GazetteTestSupport
import Testing

@Suite("People and tokens")
struct UserAdministrationTests {
    let now = Date(timeIntervalSince1970: 1_780_176_600)

    @Test("disabling ends sessions and the person's tokens and refuses log-in; enabling lets them back; removing keeps stories", arguments: TestDatabase.all)
    func disable(database: TestDatabase) async throws {
        try await database.withStore { store in
            let user = try await store.users.add(email: "ed@example.org", name: "Ed", role: .editor, password: "a long password", bcryptCost: 4)
            let (sessionToken, _) = try await store.users.startSession(for: user, now: now, lifetime: 3600)
            let (own, _) = try await store.users.createToken(name: "Ed's sync", role: .editor, userEmail: "ed@example.org")
            let (shared, _) = try await store.users.createToken(name: "Shared", role: .editor)
            try await store.users.disable(email: "ed@example.org", now: now)
            #expect(try await store.users.session(token: sessionToken, now: now) == nil)
            #expect(try await store.users.apiToken(secret: own) == nil)
            #expect(try await store.users.apiToken(secret: shared) != nil)
            await #expect(throws: NewsroomError.invalidCredentials) {
                try await store.users.logIn(email: "ed@example.org", password: "a long password", client: "192.0.2.1", now: now, bcryptCost: 4)
            }
            try await store.users.enable(email: "ed@example.org")
            let back = try await store.users.logIn(email: "ed@example.org", password: "a long password", client: "192.0.2.1", now: now.addingTimeInterval(1), bcryptCost: 4)
            #expect(back.id == user.id)

            try await store.users.setRole(email: "ed@example.org", role: .author)
            #expect(try await store.users.user(id: user.id)?.role == .author)

            let story = try await store.newsroom.createDraft(StoryDraft(headline: "Ed's story", lead: "L", body: "B", authors: ["Ed"]), by: NewsroomActor(back), now: now)
            try await store.users.remove(email: "ed@example.org")
            #expect(try await store.users.user(id: user.id) == nil)
            #expect(try await store.stories.story(id: story.id)?.headline == "Ed's story")
            await #expect(throws: UserRepository.UserError.notFound("ed@example.org")) { try await store.users.disable(email: "ed@example.org") }
        }
    }

    @Test("tokens are listed without secrets and revoked at once", arguments: TestDatabase.all)
    func tokens(database: TestDatabase) async throws {
        try await database.withStore { store in
            let (secret, token) = try await store.users.createToken(name: "Feed importer", role: .author)
            let listed = try await store.users.tokens()
            #expect(listed.map(\.name) == ["Feed importer"])
            #expect(!"\(listed)".contains(secret))
            try await store.users.revokeToken(id: token.id)
            #expect(try await store.users.apiToken(secret: secret) == nil)
            await #expect(throws: UserRepository.UserError.tokenNotFound(token.id)) { try await store.users.revokeToken(id: token.id) }
        }
    }
}
