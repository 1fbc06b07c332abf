import Foundation
import GazetteCore
import GazetteStore
import GazetteTestSupport
import GazetteWeb
import Hummingbird
import HummingbirdTesting
import Testing

/// The abuse a review found in the discussion's actions after posting, each as a user meets it.
@Suite("Comment abuse: votes, reports, edits")
struct CommentAbuseTests {
    func commentID(_ body: [String: Any]) throws -> String {
        try #require((body["comment"] as? [String: Any])?["id"] as? String)
    }

    func vote(_ client: any TestClientProtocol, _ id: String, _ value: Int, cookie: String?) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let cookie { headers[.cookie] = "gazette_reader=\(cookie)" }
        return try await client.execute(uri: "/api/v1/comments/\(id)/vote", method: .post, headers: headers, body: ByteBuffer(string: "{\"value\": \(value)}"))
    }

    func score(_ client: any TestClientProtocol, _ id: String) async throws -> Int? {
        let thread = jsonObject(try await client.execute(uri: "/api/v1/articles/\(demoArticle)/comments", method: .get))
        return (thread["items"] as? [[String: Any]])?.first { $0["id"] as? String == id }?["score"] as? Int
    }

    @Test("25 votes with cookies the client made up count once", arguments: TestDatabase.all)
    func forgedVoters(database: TestDatabase) async throws {
        try await withApp(database, configure: openDiscussion) { client in
            let id = try commentID(try await apiComment(client, text: "Vote me down").1)
            for n in 0..<25 {
                _ = try await vote(client, id, -1, cookie: "forged-reader-id-number-\(n)-xxxxxxxx")
            }
            #expect(try await score(client, id) == -1)
        }
    }

    @Test("votes and reports are limited per client, with Retry-After", arguments: TestDatabase.all)
    func votesLimited(database: TestDatabase) async throws {
        try await withApp(database, configure: openDiscussion) { client in
            let id = try commentID(try await apiComment(client, text: "Vote me down").1)
            var limited = 0
            for _ in 0..<25 {
                // A fresh signed reader id each time, as a script that clears its cookies gets.
                let response = try await vote(client, id, -1, cookie: try await signedReaderCookie(client))
                if response.status == .tooManyRequests {
                    limited += 1
                    #expect(response.headers[.retryAfter] != nil)
                } else {
                    #expect(response.status == .ok)
                }
            }
            let settings = DiscussionSettings()
            #expect(limited == 25 - Int(settings.actionRatePerMinute))
            #expect(try await score(client, id) == -Int(settings.actionRatePerMinute))
            let report = try await client.execute(uri: "/api/v1/comments/\(id)/report", method: .post)
            #expect(report.status == .tooManyRequests, "reports share the client's budget")
        }
    }

    @Test("edits are limited per client and per comment", arguments: TestDatabase.all)
    func editsLimited(database: TestDatabase) async throws {
        try await withApp(database, configure: openDiscussion) { client in
            let (_, body) = try await apiComment(client, text: "Draft 0")
            let id = try commentID(body)
            let token = try #require(body["editToken"] as? String)
            var statuses: [HTTPResponse.Status] = []
            for n in 1...25 {
                let response = try await client.execute(uri: "/api/v1/comments/\(id)", method: .patch, headers: [.contentType: "application/json", .init("X-Edit-Token")!: token],
                                                        body: ByteBuffer(string: "{\"text\": \"\(String(repeating: "[", count: 4_000)) \(n)\"}"))
                statuses.append(response.status)
            }
            #expect(statuses.prefix(20).allSatisfy { $0 == .ok }, "\(statuses)")
            #expect(statuses.suffix(5).allSatisfy { $0 == .tooManyRequests }, "\(statuses)")
        }
    }

    @Test("an edit runs the guard: blocked words and links hold the comment, rejected words refuse the edit", arguments: TestDatabase.all)
    func editGuard(database: TestDatabase) async throws {
        try await withApp(database, configure: { openDiscussion(&$0); $0.discussion.blockedWords = ["casino"] }) { client in
            func edit(_ body: [String: Any], _ text: String) async throws -> TestResponse {
                try await client.execute(uri: "/api/v1/comments/\(try commentID(body))", method: .patch,
                                         headers: [.contentType: "application/json", .init("X-Edit-Token")!: body["editToken"] as! String],
                                         body: ByteBuffer(data: try JSONSerialization.data(withJSONObject: ["text": text])))
            }
            let (_, first) = try await apiComment(client, text: "A fair point")
            let held = try await edit(first, "Visit my casino")
            #expect(held.status == .ok)
            #expect(jsonObject(held)["status"] as? String == "pending")
            var page = try await client.execute(uri: "/news/\(demoArticle)", method: .get).text
            #expect(!page.contains("casino") && !page.contains("A fair point"), "a held comment leaves the page")

            let (_, second) = try await apiComment(client, text: "Another point")
            let links = try await edit(second, "See https://a.example https://b.example https://c.example")
            #expect(jsonObject(links)["status"] as? String == "pending")
            page = try await client.execute(uri: "/news/\(demoArticle)", method: .get).text
            #expect(!page.contains("https://c.example"))

            let (_, third) = try await apiComment(client, text: "Fine words")
            let fine = try await edit(third, "Finer words")
            #expect(jsonObject(fine)["status"] as? String == "published")
            #expect(try await client.execute(uri: "/news/\(demoArticle)", method: .get).text.contains("Finer words"))
        }
        try await withApp(database, configure: { openDiscussion(&$0); $0.discussion.blockedWords = ["casino"]; $0.discussion.rejectBlockedWords = true }) { client in
            let (_, body) = try await apiComment(client, text: "Kept as it was")
            let refused = try await client.execute(uri: "/api/v1/comments/\(try commentID(body))", method: .patch,
                                                   headers: [.contentType: "application/json", .init("X-Edit-Token")!: body["editToken"] as! String],
                                                   body: ByteBuffer(string: #"{"text": "casino time"}"#))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("not allowed"))
            #expect(try await client.execute(uri: "/news/\(demoArticle)", method: .get).text.contains("Kept as it was"))
        }
    }

    @Test("an approved comment edited in a pre-moderated discussion goes back to the queue", arguments: TestDatabase.all)
    func editPremoderated(database: TestDatabase) async throws {
        try await withApp(database, configure: openDiscussion, prepare: { store in
            try await addStaff(store)
            let editor = NewsroomActor(userID: nil, name: "Desk", role: .editor)
            var draft = StoryDraft(headline: "Premoderated story", lead: "L", body: "B")
            draft.commentPolicy = .premoderated
            let story = try await store.newsroom.createDraft(draft, by: editor, now: testNow)
            _ = try await store.newsroom.move(id: story.id, to: .published, by: editor, now: testNow)
        }) { client in
            let (queued, body) = try await apiComment(client, slug: "premoderated-story", text: "Approved text")
            #expect(queued.status == .accepted)
            let moderator = Browser(client)
            let csrf = try await moderator.logIn("mo@example.org")
            #expect(try await moderator.post("/newsroom/comments", [("id", try commentID(body)), ("action", "approve")], csrf: csrf).status == .seeOther)
            #expect(try await client.execute(uri: "/news/premoderated-story", method: .get).text.contains("Approved text"))
            let edited = try await client.execute(uri: "/api/v1/comments/\(try commentID(body))", method: .patch,
                headers: [.contentType: "application/json", .init("X-Edit-Token")!: body["editToken"] as! String],
                body: ByteBuffer(string: #"{"text": "Something else entirely"}"#))
            #expect(edited.status == .ok)
            #expect(jsonObject(edited)["status"] as? String == "pending")
            let page = try await client.execute(uri: "/news/premoderated-story", method: .get).text
            #expect(!page.contains("Something else entirely") && !page.contains("Approved text"))
            #expect(try await moderator.get("/newsroom/comments?queue=pending").text.contains("Something else entirely"))
        }
    }

    @Test("?reply= shows no name of a comment that is not published", arguments: TestDatabase.all)
    func replyNames(database: TestDatabase) async throws {
        try await withApp(database, configure: { openDiscussion(&$0); $0.discussion.blockedWords = ["spamword"] }) { client in
            let (queued, body) = try await apiComment(client, name: "Hidden Person", text: "spamword here")
            #expect(queued.status == .accepted)
            let page = try await client.execute(uri: "/news/\(demoArticle)?reply=\(try commentID(body))", method: .get).text
            #expect(!page.contains("Hidden Person"))
        }
    }

    @Test("comments of an unpublished story cannot be voted on, reported, edited or deleted", arguments: TestDatabase.all)
    func unpublishedStory(database: TestDatabase) async throws {
        let token = LockedValue("")
        try await withApp(database, configure: openDiscussion, prepare: { store in
            token.value = try await store.users.createToken(name: "Desk", role: .editor).secret
        }) { client in
            let (_, body) = try await apiComment(client, text: "Soon gone")
            let id = try commentID(body)
            let editToken = try #require(body["editToken"] as? String)
            let articles = jsonObject(try await client.execute(uri: "/api/v1/articles/\(demoArticle)", method: .get))
            let storyID = try #require(articles["id"] as? String)
            let unpublish = try await client.execute(uri: "/api/v1/admin/articles/\(storyID)/unpublish", method: .post, headers: [.authorization: "Bearer \(token.value)"])
            #expect(unpublish.status == .ok)
            #expect(try await vote(client, id, 1, cookie: nil).status == .notFound)
            #expect(try await client.execute(uri: "/api/v1/comments/\(id)/report", method: .post).status == .notFound)
            let edit = try await client.execute(uri: "/api/v1/comments/\(id)", method: .patch, headers: [.contentType: "application/json", .init("X-Edit-Token")!: editToken],
                                                body: ByteBuffer(string: #"{"text": "changed"}"#))
            #expect(edit.status == .notFound)
            #expect(try await client.execute(uri: "/api/v1/comments/\(id)", method: .delete, headers: [.init("X-Edit-Token")!: editToken]).status == .notFound)
        }
    }

    @Test("the JSON API has its own hourly limit for posts")
    func apiPostLimit() async throws {
        try await withApp(.sqlite, configure: { $0.discussion.clientRatePerMinute = 0; $0.discussion.storyRatePerMinute = 0; $0.discussion.apiPostRatePerHour = 3 }) { client in
            var statuses: [HTTPResponse.Status] = []
            for n in 0..<5 { statuses.append(try await apiComment(client, text: "Post \(n)").0.status) }
            #expect(statuses == [.created, .created, .created, .tooManyRequests, .tooManyRequests])
        }
    }
}

@Suite("Long threads")
struct LongThreadTests {
    @Test("a thread's replies are paged: the article shows the first, a thread page shows the rest page by page", arguments: TestDatabase.all)
    func pagedReplies(database: TestDatabase) async throws {
        let clock = TestClock(testNow)
        try await withApp(database, configure: { openDiscussion(&$0); $0.discussion.repliesPerThread = 3; $0.now = { clock.now } }) { client in
            let (_, root) = try await apiComment(client, name: "Root", text: "The first word")
            let rootID = try #require((root["comment"] as? [String: Any])?["id"] as? String)
            var parent = rootID
            for n in 1...5 {
                clock.advance(60)
                let (_, reply) = try await apiComment(client, name: "Replier \(n)", text: "Reply number \(n)", parentID: parent)
                if n == 2 { parent = try #require((reply["comment"] as? [String: Any])?["id"] as? String) }
            }
            let page = try await client.execute(uri: "/news/\(demoArticle)", method: .get).text
            #expect(page.contains("Reply number 3") && !page.contains("Reply number 4"))
            #expect(page.contains("Show all 5 replies"))
            let first = try await client.execute(uri: "/news/\(demoArticle)?thread=\(rootID)", method: .get)
            #expect(first.status == .ok)
            #expect(first.text.contains("The first word") && first.text.contains("Reply number 3") && !first.text.contains("Reply number 4"))
            #expect(first.text.contains("All comments"))
            let second = try await client.execute(uri: "/news/\(demoArticle)?thread=\(rootID)&rpage=2", method: .get)
            #expect(second.text.contains("Reply number 4") && second.text.contains("Reply number 5") && !second.text.contains("Reply number 1<"))
            #expect(try await client.execute(uri: "/news/\(demoArticle)?thread=\(UUID().uuidString)", method: .get).status == .notFound)
        }
    }
}
