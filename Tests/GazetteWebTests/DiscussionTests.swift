import Foundation
import GazetteCore
import GazetteStore
import GazetteTestSupport
import GazetteWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing

/// A clock the test moves.
final class TestClock: Sendable {
    private let value: Mutex<Date>
    init(_ start: Date) { value = Mutex(start) }
    var now: Date { value.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { value.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

let demoArticle = "russias-envoy-holds-talks-with-taliban-leaders-in-kabul-as-moscow-deepens-ties"

/// Posts a comment through the JSON API.
@discardableResult
func apiComment(
    _ client: any TestClientProtocol, slug: String = demoArticle, name: String = "Reader", text: String,
    email: String? = nil, parentID: String? = nil, headers: HTTPFields = [:]
) async throws -> (TestResponse, [String: Any]) {
    var body: [String: Any] = ["name": name, "text": text]
    if let email { body["email"] = email }
    if let parentID { body["parentId"] = parentID }
    var all = headers
    all[.contentType] = "application/json"
    let response = try await client.execute(
        uri: "/api/v1/articles/\(slug)/comments", method: .post, headers: all,
        body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body))
    )
    let json = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:]
    return (response, json)
}

func jsonObject(_ response: TestResponse) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:]
}

/// Limits off unless a test turns them on; everything else as shipped.
func openDiscussion(_ config: inout AppConfig) {
    config.discussion.clientRatePerMinute = 0
    config.discussion.storyRatePerMinute = 0
    config.discussion.apiPostRatePerHour = 0
}

/// A reader id the site signed, as a browser gets it from its first reader form (reading
/// sets none): here a comment form sent empty, which comes back to be mended.
func signedReaderCookie(_ client: any TestClientProtocol) async throws -> String {
    let page = try await client.execute(uri: "/news/\(demoArticle)", method: .get)
    #expect(page.headers[.setCookie] == nil)
    let token = try #require(Browser.field("_t", in: page.text))
    let sent = try await Browser(client).post("/news/\(demoArticle)/comments", [("name", ""), ("text", ""), ("_t", token)], csrf: nil)
    #expect(sent.status == .unprocessableContent)
    let header = try #require(sent.headers[values: .setCookie].first { $0.hasPrefix("gazette_reader=") })
    return String(header.dropFirst("gazette_reader=".count).prefix { $0 != ";" })
}

@Suite("Discussion")
struct DiscussionTests {
    @Test("posting through the form: published at once, count kept, reply threads, edit and delete", arguments: TestDatabase.all)
    func formFlow(database: TestDatabase) async throws {
        let clock = TestClock(testNow)
        try await withApp(database, configure: { openDiscussion(&$0); $0.now = { clock.now } }) { client in
            let reader = Browser(client)
            let page = try await reader.get("/news/\(demoArticle)")
            #expect(page.text.contains("Leave the first comment"))
            let token = try #require(Browser.field("_t", in: page.text))
            clock.advance(20)
            let posted = try await reader.post("/news/\(demoArticle)/comments", [("name", "Dana"), ("text", "A *fair* point."), ("website", ""), ("_t", token)], csrf: nil)
            #expect(posted.status == .seeOther)
            let anchor = try #require(posted.location?.components(separatedBy: "#comment-").last)
            let after = try await reader.get("/news/\(demoArticle)")
            #expect(after.text.contains("1 comment"))
            #expect(!after.text.contains("Leave the first comment"))
            #expect(after.text.contains("<p>A <em>fair</em> point.</p>"))
            #expect(try await client.execute(uri: "/", method: .get).text.contains("#comments\">1 comment</a>"))

            // Reply through the form: it threads under the first comment.
            let replyToken = try #require(Browser.field("_t", in: after.text))
            clock.advance(20)
            let reply = try await reader.post("/news/\(demoArticle)/comments", [("name", "Eli"), ("text", "I disagree."), ("parentId", anchor), ("_t", replyToken)], csrf: nil)
            #expect(reply.status == .seeOther)
            let replyID = try #require(reply.location?.components(separatedBy: "#comment-").last)
            let thread = jsonObject(try await client.execute(uri: "/api/v1/articles/\(demoArticle)/comments", method: .get))
            let first = try #require((thread["items"] as? [[String: Any]])?.first)
            #expect((first["replies"] as? [[String: Any]])?.first?["name"] as? String == "Eli")

            // The author edits within 15 minutes through the page's form.
            let editPage = try await reader.get("/news/\(demoArticle)?edit=\(anchor)")
            #expect(editPage.text.contains("Edit your comment"))
            let edited = try await reader.post("/comments/\(anchor)/edit", [("text", "A fair point, edited."), ("_t", replyToken)], csrf: nil)
            #expect(edited.status == .seeOther)
            #expect(try await reader.get("/news/\(demoArticle)").text.contains("A fair point, edited."))
            // Someone else's browser may not.
            let stranger = Browser(client)
            let strangerPage = try await stranger.get("/news/\(demoArticle)")
            let strangerToken = try #require(Browser.field("_t", in: strangerPage.text))
            #expect(!strangerPage.text.contains("/comments/\(anchor)/delete"))
            #expect(try await stranger.post("/comments/\(anchor)/delete", [("_t", strangerToken)], csrf: nil).status == .forbidden)
            // Deleting a comment with replies keeps "[deleted]" and the reply.
            let deleted = try await reader.post("/comments/\(anchor)/delete", [("_t", replyToken)], csrf: nil)
            #expect(deleted.status == .seeOther)
            let final = try await reader.get("/news/\(demoArticle)")
            #expect(final.text.contains("[deleted]"))
            #expect(final.text.contains("I disagree."))
            #expect(final.text.contains("1 comment"))
            // Past the window, nothing more changes.
            clock.advance(16 * 60)
            let late = try await reader.post("/comments/\(replyID)/edit", [("text", "late"), ("_t", replyToken)], csrf: nil)
            #expect(late.status == .forbidden)
            #expect(late.text.contains("Comments can be changed for 15 minutes after they are written."))
        }
    }

    @Test("reader forms need this site's token and page; a form sent too fast is spam", arguments: TestDatabase.all)
    func formChecks(database: TestDatabase) async throws {
        let clock = TestClock(testNow)
        try await withApp(database, configure: { openDiscussion(&$0); $0.now = { clock.now } }, prepare: addStaff) { client in
            let reader = Browser(client)
            let page = try await reader.get("/news/\(demoArticle)")
            let token = try #require(Browser.field("_t", in: page.text))
            #expect(try await reader.post("/news/\(demoArticle)/comments", [("name", "X"), ("text", "no token")], csrf: nil).status == .forbidden)
            #expect(try await reader.post("/news/\(demoArticle)/comments", [("name", "X"), ("text", "forged"), ("_t", "1.abc")], csrf: nil).status == .forbidden)
            // Another site's page cannot make a browser send the form, token or not.
            for header in [(HTTPField.Name.origin, "https://evil.example"), (HTTPField.Name("Sec-Fetch-Site")!, "cross-site")] {
                let crossSite = Browser(client, headers: [header.0: header.1])
                let sent = try await crossSite.post("/news/\(demoArticle)/comments", [("name", "X"), ("text", "from elsewhere"), ("_t", token)], csrf: nil)
                #expect(sent.status == .forbidden, "\(header)")
            }

            // Sent one second after the page: refused quietly, kept as spam with its reason.
            clock.advance(1)
            let fast = try await reader.post("/news/\(demoArticle)/comments", [("name", "Bot"), ("text", "fast"), ("_t", token)], csrf: nil)
            #expect(fast.status == .seeOther)
            clock.advance(10)
            let honeypot = try await reader.post("/news/\(demoArticle)/comments", [("name", "Bot"), ("text", "honey"), ("website", "http://spam.example"), ("_t", token)], csrf: nil)
            #expect(honeypot.status == .seeOther)
            let moderator = Browser(client)
            _ = try await moderator.logIn("mo@example.org")
            let spam = try await moderator.get("/newsroom/comments?queue=spam")
            #expect(spam.text.contains("form sent 1.0 s after it was shown (minimum 3 s)"))
            #expect(spam.text.contains("honeypot field filled"))
            #expect(try await reader.get("/news/\(demoArticle)").text.contains("Leave the first comment"))
            // The same form from the site's own page goes through.
            let ownPage = Browser(client, headers: [.origin: "http://127.0.0.1:8080"])
            let own = try await ownPage.post("/news/\(demoArticle)/comments", [("name", "Own"), ("text", "from the site page"), ("_t", token)], csrf: nil)
            #expect(own.location?.contains("comment=posted") == true, "\(own.status) \(own.location ?? own.text)")
            #expect(try await reader.get("/news/\(demoArticle)").text.contains("from the site page"))
        }
    }

    @Test("threads: three levels, deeper replies stay at the third; sorting", arguments: TestDatabase.all)
    func threads(database: TestDatabase) async throws {
        let clock = TestClock(testNow)
        try await withApp(database, configure: { openDiscussion(&$0); $0.now = { clock.now } }) { client in
            let (_, a) = try await apiComment(client, name: "A", text: "level one")
            let aID = try #require((a["comment"] as? [String: Any])?["id"] as? String)
            clock.advance(1)
            let (_, b) = try await apiComment(client, name: "B", text: "level two", parentID: aID)
            let bID = try #require((b["comment"] as? [String: Any])?["id"] as? String)
            clock.advance(1)
            let (_, c) = try await apiComment(client, name: "C", text: "level three", parentID: bID)
            let cID = try #require((c["comment"] as? [String: Any])?["id"] as? String)
            clock.advance(1)
            let (deepResponse, d) = try await apiComment(client, name: "D", text: "level four", parentID: cID)
            #expect(deepResponse.status == .created)
            #expect((d["comment"] as? [String: Any])?["parentId"] as? String == bID)
            #expect((d["comment"] as? [String: Any])?["replyTo"] as? String == "C")
            clock.advance(1)
            let (_, z) = try await apiComment(client, name: "Z", text: "second thread")
            let zID = try #require((z["comment"] as? [String: Any])?["id"] as? String)
            // Vote Z up so it leads "top".
            let vote = try await client.execute(uri: "/api/v1/comments/\(zID)/vote", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: #"{"value": 1}"#))
            #expect(vote.status == .ok)

            func names(_ sort: String) async throws -> [String] {
                let json = jsonObject(try await client.execute(uri: "/api/v1/articles/\(demoArticle)/comments?sort=\(sort)", method: .get))
                return (json["items"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            }
            #expect(try await names("oldest") == ["A", "Z"])
            #expect(try await names("newest") == ["Z", "A"])
            #expect(try await names("top") == ["Z", "A"])
            let thread = jsonObject(try await client.execute(uri: "/api/v1/articles/\(demoArticle)/comments", method: .get))
            let first = try #require((thread["items"] as? [[String: Any]])?.first)
            let level2 = try #require((first["replies"] as? [[String: Any]])?.first)
            let level3 = (level2["replies"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(level3 == ["C", "D"])
            let bad = try await client.execute(uri: "/api/v1/articles/\(demoArticle)/comments?sort=best", method: .get)
            #expect(bad.status == .badRequest)
        }
    }

    @Test("votes count once per reader, whatever is replayed", arguments: TestDatabase.all)
    func votes(database: TestDatabase) async throws {
        try await withApp(database, configure: openDiscussion) { client in
            let (_, posted) = try await apiComment(client, text: "vote on me")
            let id = try #require((posted["comment"] as? [String: Any])?["id"] as? String)
            func vote(_ value: Int, cookie: String?) async throws -> Int? {
                var headers: HTTPFields = [.contentType: "application/json"]
                if let cookie { headers[.cookie] = "gazette_reader=\(cookie)" }
                let response = try await client.execute(uri: "/api/v1/comments/\(id)/vote", method: .post, headers: headers, body: ByteBuffer(string: "{\"value\": \(value)}"))
                return jsonObject(response)["score"] as? Int
            }
            let alice = try await signedReaderCookie(client), bob = try await signedReaderCookie(client)
            #expect(alice != bob)
            #expect(try await vote(1, cookie: alice) == 1)
            #expect(try await vote(1, cookie: alice) == 1)
            #expect(try await vote(1, cookie: bob) == 2)
            #expect(try await vote(-1, cookie: alice) == 0)
            // Without a cookie the client's address is the voter: replays still count once.
            #expect(try await vote(1, cookie: nil) == 1)
            #expect(try await vote(1, cookie: nil) == 1)
            // A cookie the site did not sign is no reader: it counts as the client, once.
            #expect(try await vote(1, cookie: String(repeating: "c", count: 30)) == 1)
            #expect(try await vote(1, cookie: alice + "x") == 1)
            let bad = try await client.execute(uri: "/api/v1/comments/\(id)/vote", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: #"{"value": 5}"#))
            #expect(bad.status == .badRequest)
        }
    }

    @Test("API: edit token, window, field errors, no private fields", arguments: TestDatabase.all)
    func api(database: TestDatabase) async throws {
        let clock = TestClock(testNow)
        try await withApp(database, configure: { openDiscussion(&$0); $0.now = { clock.now } }) { client in
            let (created, body) = try await apiComment(client, name: "Ana", text: "Hello", email: "ana@example.org")
            #expect(created.status == .created)
            let comment = try #require(body["comment"] as? [String: Any])
            let publicKeys: Set<String> = ["id", "name", "html", "createdAt", "parentId", "replyTo", "score", "deleted", "replies", "editedAt"]
            #expect(Set(comment.keys).isSubset(of: publicKeys))
            #expect(comment["email"] == nil && comment["clientHash"] == nil)
            let token = try #require(body["editToken"] as? String)
            let id = try #require(comment["id"] as? String)
            let listing = String(buffer: try await client.execute(uri: "/api/v1/articles/\(demoArticle)/comments", method: .get).body)
            #expect(!listing.contains("ana@example.org"))
            #expect(!listing.contains(token))
            #expect(!listing.contains("editToken"))

            func patch(_ token: String) async throws -> TestResponse {
                try await client.execute(uri: "/api/v1/comments/\(id)", method: .patch,
                    headers: [.contentType: "application/json"], body: ByteBuffer(string: "{\"text\": \"Hello, edited\", \"editToken\": \"\(token)\"}"))
            }
            #expect(try await patch("wrong").status == .forbidden)
            let ok = try await patch(token)
            #expect(ok.status == .ok)
            #expect(jsonObject(ok)["html"] as? String == "<p>Hello, edited</p>")
            clock.advance(15 * 60 + 1)
            #expect(try await patch(token).status == .forbidden)

            let (invalid, problem) = try await apiComment(client, name: "", text: String(repeating: "x", count: 5001), email: "nope")
            #expect(invalid.status == .unprocessableContent)
            let fields = try #require(problem["fields"] as? [String: String])
            #expect(Set(fields.keys) == ["name", "text", "email"])
            let form = try await client.execute(uri: "/api/v1/articles/\(demoArticle)/comments", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: "name=a&text=b"))
            #expect(form.status == .unsupportedMediaType)
            let missing = try await client.execute(uri: "/api/v1/articles/no-such-story/comments", method: .get)
            #expect(missing.status == .notFound)
        }
    }

    @Test("policies: premoderated waits, closed refuses, discussions close after N days", arguments: TestDatabase.all)
    func policies(database: TestDatabase) async throws {
        let clock = TestClock(testNow)
        try await withApp(database, configure: { openDiscussion(&$0); $0.now = { clock.now }; $0.discussion.closeAfterDays = 2 }, prepare: { store in
            let editor = NewsroomActor(userID: nil, name: "Desk", role: .editor)
            for (headline, policy) in [("Premoderated story", CommentPolicy.premoderated), ("Closed story", .closed), ("Open story", .open)] {
                var draft = StoryDraft(headline: headline, lead: "L", body: "B")
                draft.commentPolicy = policy
                let story = try await store.newsroom.createDraft(draft, by: editor, now: testNow)
                _ = try await store.newsroom.move(id: story.id, to: .published, by: editor, now: testNow)
            }
        }) { client in
            let (queued, body) = try await apiComment(client, slug: "premoderated-story", text: "Wait for me")
            #expect(queued.status == .accepted)
            #expect(body["message"] as? String == "Your comment is waiting for moderation.")
            let page = try await client.execute(uri: "/news/premoderated-story", method: .get)
            #expect(!page.text.contains("Wait for me"))
            let (closed, _) = try await apiComment(client, slug: "closed-story", text: "Hello?")
            #expect(closed.status == .forbidden)
            let closedPage = try await client.execute(uri: "/news/closed-story", method: .get)
            #expect(closedPage.text.contains("The discussion is closed."))
            #expect(!closedPage.text.contains("id=\"comment-form\""))
            // Three days later the open story closes by itself.
            #expect(try await apiComment(client, slug: "open-story", text: "In time").0.status == .created)
            clock.advance(3 * 86_400)
            let (late, _) = try await apiComment(client, slug: "open-story", text: "Too late")
            #expect(late.status == .forbidden)
        }
    }

    @Test("abuse rules: rate limit, duplicates, links, blocked words, bans, first comments — each with its reason", arguments: TestDatabase.all)
    func abuse(database: TestDatabase) async throws {
        try await withApp(database, configure: { config in
            config.discussion.clientRatePerMinute = 3
            config.discussion.storyRatePerMinute = 0
            config.discussion.blockedWords = ["casino"]
            config.discussion.premoderateFirstComment = false
        }, prepare: addStaff) { client in
            for n in 1...3 {
                let (response, _) = try await apiComment(client, text: "Comment number \(n)")
                #expect(response.status == .created)
            }
            let (limited, problem) = try await apiComment(client, text: "One too many")
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter] == "20")
            #expect((problem["detail"] as? String)?.contains("Too many comments") == true)
            // Another client (through a trusted proxy it would be X-Forwarded-For; here the
            // peer is the same, so the limit holds for everyone from it).
        }
        try await withApp(database, configure: { config in
            openDiscussion(&config)
            config.discussion.blockedWords = ["casino"]
        }, prepare: addStaff) { client in
            #expect(try await apiComment(client, text: "Same words").0.status == .created)
            let (duplicate, body) = try await apiComment(client, text: "Same words")
            #expect(duplicate.status == .unprocessableContent)
            #expect(body["detail"] as? String == "You have just posted the same comment.")
            #expect(try await apiComment(client, text: "http://a.example http://b.example http://c.example").0.status == .accepted)
            #expect(try await apiComment(client, text: "Visit my CASINO").0.status == .accepted)
            let (bannable, posted) = try await apiComment(client, name: "Troll", text: "Trolling", email: "troll@example.org")
            #expect(bannable.status == .created)
            let trollID = try #require((posted["comment"] as? [String: Any])?["id"] as? String)

            let moderator = Browser(client)
            let csrf = try await moderator.logIn("mo@example.org")
            let pending = try await moderator.get("/newsroom/comments?queue=pending")
            #expect(pending.text.contains("3 links (more than 2)"))
            #expect(pending.text.contains("blocked word &quot;casino&quot;"))
            #expect(try await moderator.get("/newsroom").text.contains("2 comments wait for moderation"))
            let banned = try await moderator.post("/newsroom/comments", [("id", trollID), ("action", "ban"), ("queue", "pending")], csrf: csrf)
            #expect(banned.status == .seeOther)
            let (again, _) = try await apiComment(client, name: "Troll", text: "I'm back", email: "TROLL@example.org")
            #expect(again.status == .unprocessableContent)
            #expect(try await moderator.get("/newsroom/comments").text.contains("Mo Moderator · ban"))
        }
    }

    @Test("first-time commenters wait when the site asks for it", arguments: TestDatabase.all)
    func firstTime(database: TestDatabase) async throws {
        try await withApp(database, configure: { openDiscussion(&$0); $0.discussion.premoderateFirstComment = true }, prepare: addStaff) { client in
            let (first, _) = try await apiComment(client, text: "My first", email: "new@example.org")
            #expect(first.status == .accepted)
            let moderator = Browser(client)
            let csrf = try await moderator.logIn("eda@example.org")
            let queue = try await moderator.get("/newsroom/comments?queue=pending")
            #expect(queue.text.contains("first comment of this commenter"))
            let ids = queue.text.components(separatedBy: "name=\"id\" value=\"").dropFirst().compactMap { $0.components(separatedBy: "\"").first }
            #expect(ids.count == 1)
            #expect(try await moderator.post("/newsroom/comments", ids.map { ("id", $0) } + [("action", "approve")], csrf: csrf).status == .seeOther)
            #expect(try await client.execute(uri: "/news/\(demoArticle)", method: .get).text.contains("My first"))
            let (second, _) = try await apiComment(client, text: "My second", email: "new@example.org")
            #expect(second.status == .created)
        }
    }
}
