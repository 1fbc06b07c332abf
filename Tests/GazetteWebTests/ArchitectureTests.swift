import Foundation
import GazetteCore
import GazetteStore
import GazetteTestSupport
@testable import GazetteWeb
import Hummingbird
import HummingbirdTesting
import Testing

/// The backbone itself: every route pattern is served, links are absolute where they must
/// be, moderation follows its transitions, and stored states are read strictly.
@Suite("Routes, links, transitions and stored states")
struct ArchitectureTests {
    @Test("every route pattern in Route is registered", arguments: TestDatabase.all)
    func everyRouteAnswers(database: TestDatabase) async throws {
        try await withApp(database) { client in
            for route in Route.allCases {
                let path = route.fill(["slug": "no-such-story", "id": UUID().uuidString, "revision": UUID().uuidString, "file": route == .newsroomAsset ? "newsroom.css" : "site.css"])
                var answered = false
                for method in [HTTPRequest.Method.get, .post, .patch, .put, .delete] {
                    let response = try await client.execute(uri: path, method: method)
                    // The router's own 404 and 405 say there is nothing there; a handler's 404
                    // names what it did not find.
                    if response.status == .notFound && response.text.contains("There is no page at this address") { continue }
                    if response.status == .methodNotAllowed { continue }
                    answered = true
                    break
                }
                #expect(answered, "\(route) \(path) is not served")
            }
        }
    }

    @Test("links and query strings come from one builder")
    func links() {
        #expect(SiteURL.home(page: 1).path == "/")
        #expect(SiteURL.home(page: 3).path == "/?page=3")
        #expect(SiteURL.article(slug: "a-b").absolute(base: "https://news.example.org/") == "https://news.example.org/news/a-b")
        let id = UUID(uuidString: "00000000-0000-0000-0000-000000000001")!
        #expect(SiteURL.article(slug: "x", .init(sort: .top, commentPage: 2, reply: id), fragment: "comment-form").path
            == "/news/x?sort=top&cpage=2&reply=\(id.uuidString)#comment-form")
        #expect(SiteURL.search(.init(text: "a&b=c #1", page: 2)).path == "/search?q=a%26b%3Dc%20%231&page=2")
        #expect(SiteURL.newsroomLogin(next: "/newsroom/stories?status=draft").path == "/newsroom/login?next=/newsroom/stories?status%3Ddraft")
        #expect(SiteURL.safeNewsroomNext("//evil.example/newsroom") == "/newsroom")
        #expect(SiteURL.safeNewsroomNext("/newsroomevil") == "/newsroom")
        #expect(SiteURL.safeNewsroomNext("/newsroom/stories?q=1") == "/newsroom/stories?q=1")
    }

    @Test("the canonical link is absolute, under the public URL", arguments: TestDatabase.all)
    func canonical(database: TestDatabase) async throws {
        try await withApp(database, configure: { $0.publicURL = "https://news.example.org" }) { client in
            let page = try await client.execute(uri: "/news/\(demoArticle)", method: .get).text
            #expect(page.contains("<link rel=\"canonical\" href=\"https://news.example.org/news/\(demoArticle)\">"))
            let search = try await client.execute(uri: "/search?q=kabul", method: .get).text
            #expect(search.contains("<link rel=\"canonical\" href=\"https://news.example.org/search\">"))
        }
    }

    @Test("a comment its author deleted cannot be approved back onto the page", arguments: TestDatabase.all)
    func deletedStaysDeleted(database: TestDatabase) async throws {
        try await withApp(database, configure: { openDiscussion(&$0); $0.discussion.premoderateFirstComment = true }, prepare: addStaff) { client in
            let (posted, body) = try await apiComment(client, text: "Second thoughts", email: "new@example.org")
            #expect(posted.status == .accepted)
            let id = try #require((body["comment"] as? [String: Any])?["id"] as? String)
            let token = try #require(body["editToken"] as? String)
            let deleted = try await client.execute(uri: "/api/v1/comments/\(id)", method: .delete, headers: [.xEditToken: token])
            #expect(deleted.status == .noContent)
            let moderator = Browser(client)
            let csrf = try await moderator.logIn("mo@example.org")
            #expect(try await moderator.post("/newsroom/comments", [("id", id), ("action", "approve")], csrf: csrf).status == .seeOther)
            let page = try await client.execute(uri: "/news/\(demoArticle)", method: .get).text
            #expect(!page.contains("comment-\(id)"))
            #expect(!page.contains("Second thoughts"))
        }
    }

    @Test("moderation transitions")
    func transitions() {
        for action in ModerationAction.allCases where action != .ban {
            #expect(ModerationRules.status(after: action, from: .deleted) == nil, "\(action) on a deleted comment")
        }
        #expect(ModerationRules.status(after: .ban, from: .deleted) == .deleted)
        #expect(ModerationRules.status(after: .approve, from: .pending) == .published)
        #expect(ModerationRules.status(after: .approve, from: .spam) == .published)
        #expect(ModerationRules.status(after: .reject, from: .published) == .rejected)
        #expect(ModerationRules.status(after: .ban, from: .published) == .spam)
        #expect(ModerationRules.status(after: .delete, from: .pending) == .deleted)
    }

    @Test("an unknown stored state is an error, never a permissive default", arguments: TestDatabase.all)
    func strictStates(database: TestDatabase) async throws {
        try await database.withStore { store in
            let story = try await store.stories.create(NewStory(headline: "Policy", lead: "L", body: "B", slug: "policy"), now: Date())
            try await store.executeAdministrative("UPDATE stories SET comment_policy = 'everyone' WHERE slug = 'policy'")
            await #expect(throws: (any Error).self) { try await store.stories.story(id: story.id) }
            let user = try await store.users.add(email: "r@example.org", name: "R", role: .admin, password: "a long password", bcryptCost: 4)
            try await store.executeAdministrative("UPDATE users SET role = 'owner' WHERE email = 'r@example.org'")
            await #expect(throws: (any Error).self) { try await store.users.user(id: user.id) }
        }
    }
}
