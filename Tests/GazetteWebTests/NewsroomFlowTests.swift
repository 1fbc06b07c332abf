import Foundation
import GazetteCore
import GazetteStore
import GazetteTestSupport
import GazetteWeb
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Newsroom in the browser")
struct NewsroomFlowTests {
    static func storyID(from location: String?) throws -> String {
        let location = try #require(location)
        let path = location.split(separator: "?").first.map(String.init) ?? location
        return String(path.split(separator: "/").last ?? "")
    }

    static func version(in html: String) -> String? {
        guard let range = html.range(of: #"name="version" value=""#) else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    static let storyFields: [(String, String)] = [
        ("headline", "Envoy visits Kabul"), ("lead", "Talks on trade."), ("body", "First paragraph.\n\nSecond paragraph."),
        ("rubric", "Afghanistan"), ("tags", "Russia, Taliban"), ("authors", "Ana Author"), ("commentPolicy", "open"), ("intent", "save"),
    ]

    @Test("author drafts and submits, editor schedules, it publishes once, conflicts keep the text, restore and slug redirect", arguments: TestDatabase.all)
    func wholeFlow(database: TestDatabase) async throws {
        try await database.withFreshLocation { location in
            let store = try await TestDatabase.open(location)
            try await store.migrate()
            try await addStaff(store)
            await store.shutdown()
            var config = AppConfig(database: location, now: { testNow })
            config.operations.pool = TestDatabase.pool
            config.site.timeZone = TimeZone(identifier: "UTC")!
            config.bcryptCost = 4
            config.schedulerInterval = 0
            let app = try await buildApplication(config: config, logger: TestDatabase.logger)
            try await app.test(.router) { client in
                // The author writes a draft and submits it for review.
                let author = Browser(client)
                let authorCSRF = try await author.logIn("ana@example.org")
                let created = try await author.post("/newsroom/stories", Self.storyFields, csrf: authorCSRF)
                #expect(created.status == .seeOther)
                let id = try Self.storyID(from: created.location)
                let editorPage = try await author.get("/newsroom/stories/\(id)")
                #expect(editorPage.status == .ok)
                #expect(editorPage.text.contains("value=\"Envoy visits Kabul\""))
                let refused = try await author.post("/newsroom/stories/\(id)/status", [("target", "published"), ("version", "1")], csrf: authorCSRF)
                #expect(refused.status == .forbidden)
                let submitted = try await author.post("/newsroom/stories/\(id)/status", [("target", "in_review"), ("version", "1")], csrf: authorCSRF)
                #expect(submitted.status == .seeOther)

                // The editor sees it on the dashboard and schedules it for 11:00.
                let editor = Browser(client)
                let editorCSRF = try await editor.logIn("eda@example.org")
                let dashboard = try await editor.get("/newsroom")
                let review = try #require(dashboard.text.components(separatedBy: "id=\"review-heading\"").last?.components(separatedBy: "</section>").first)
                #expect(review.contains("Envoy visits Kabul"))
                let scheduled = try await editor.post("/newsroom/stories/\(id)/status", [("target", "scheduled"), ("at", "2026-05-30T11:00"), ("version", "2")], csrf: editorCSRF)
                #expect(scheduled.status == .seeOther)
                #expect(try await client.execute(uri: "/news/envoy-visits-kabul", method: .get).status == .notFound)

                // Two scheduler processes reach the time together: the story goes out once.
                let nodeA = try await TestDatabase.open(location)
                let nodeB = try await TestDatabase.open(location)
                let due = testNow.addingTimeInterval(3 * 3600)
                async let a = nodeA.newsroom.publishDue(now: due).value
                async let b = nodeB.newsroom.publishDue(now: due).value
                let published = try await a + b
                await nodeA.shutdown()
                await nodeB.shutdown()
                #expect(published.map(\.uuidString) == [id])
                let live = try await client.execute(uri: "/news/envoy-visits-kabul", method: .get)
                #expect(live.status == .ok)
                #expect(live.text.contains("datetime=\"2026-05-30T11:00:00Z\""))

                // Two editors open the story; the second one's stale save is refused, text kept.
                let second = Browser(client)
                let secondCSRF = try await second.logIn("sam@example.org")
                let firstOpen = try await editor.get("/newsroom/stories/\(id)")
                // The author opened it last and still holds the soft lock; the editor takes over.
                #expect(firstOpen.text.contains("Ana Author is editing this story"))
                let takeOver = try await editor.post("/newsroom/stories/\(id)/takeover", [], csrf: editorCSRF)
                #expect(takeOver.status == .seeOther)
                let version = try #require(Self.version(in: firstOpen.text))
                let secondOpen = try await second.get("/newsroom/stories/\(id)")
                #expect(secondOpen.text.contains("Eda Editor is editing this story"))
                var firstFields = Self.storyFields
                firstFields[2] = ("body", "The first editor's body.")
                firstFields.append(("version", version))
                let firstSave = try await editor.post("/newsroom/stories/\(id)", firstFields, csrf: editorCSRF)
                #expect(firstSave.status == .seeOther)
                var secondFields = Self.storyFields
                secondFields[2] = ("body", "The second editor's body <b>with care</b>.")
                secondFields.append(("version", version))
                let stale = try await second.post("/newsroom/stories/\(id)", secondFields, csrf: secondCSRF)
                #expect(stale.status == .conflict)
                #expect(stale.text.contains("Eda Editor saved a newer version"))
                #expect(stale.text.contains("The second editor&#39;s body &lt;b&gt;with care&lt;/b&gt;."))
                let stored = try await client.execute(uri: "/api/v1/articles/envoy-visits-kabul", method: .get).text
                #expect(stored.contains("The first editor"))

                // Restore the first revision: the body returns, as a new revision.
                let revisions = try await editor.get("/newsroom/stories/\(id)/revisions")
                #expect(revisions.status == .ok)
                #expect(revisions.text.contains("published as scheduled"))
                let restoreURLs = revisions.text.components(separatedBy: "action=\"").dropFirst().compactMap { $0.components(separatedBy: "\"").first }
                    .filter { $0.hasSuffix("/restore") }
                let oldest = try #require(restoreURLs.last)
                let current = try #require(Int(version)).advanced(by: 1)
                let restored = try await editor.post(oldest, [("version", String(current))], csrf: editorCSRF)
                #expect(restored.status == .seeOther)
                let afterRestore = try await client.execute(uri: "/api/v1/articles/envoy-visits-kabul", method: .get).text
                #expect(afterRestore.contains("First paragraph."))
                let revisionsAfter = try await editor.get("/newsroom/stories/\(id)/revisions")
                #expect(revisionsAfter.text.contains("restored version 1"))

                // A diff between two revisions shows what changed.
                let ids = revisionsAfter.text.components(separatedBy: "name=\"from\" value=\"").dropFirst().compactMap { $0.components(separatedBy: "\"").first }
                let diff = try await editor.get("/newsroom/stories/\(id)/revisions?from=\(ids[2])&to=\(ids[1])")
                #expect(diff.text.contains("class=\"nr-diff-added\""))
                #expect(diff.text.contains("The first editor&#39;s body."))

                // Renaming the slug keeps the old address as a permanent redirect.
                let reopened = try await editor.get("/newsroom/stories/\(id)")
                var renamed = Self.storyFields
                renamed.append(("slug", "kabul-envoy"))
                renamed.append(("version", try #require(Self.version(in: reopened.text))))
                let rename = try await editor.post("/newsroom/stories/\(id)", renamed, csrf: editorCSRF)
                #expect(rename.status == .seeOther)
                let old = try await client.execute(uri: "/news/envoy-visits-kabul", method: .get)
                #expect(old.status == .movedPermanently)
                #expect(old.location == "/news/kabul-envoy")
                #expect(try await client.execute(uri: "/news/kabul-envoy", method: .get).status == .ok)
            }
        }
    }

    @Test("each role is refused what it may not do", arguments: TestDatabase.all)
    func roles(database: TestDatabase) async throws {
        try await withApp(database, demo: false, prepare: addStaff) { client in
            // Not logged in: every newsroom page sends to the log-in page.
            let anonymous = try await client.execute(uri: "/newsroom/stories", method: .get)
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.location == "/newsroom/login?next=/newsroom/stories")

            let moderator = Browser(client)
            let moderatorCSRF = try await moderator.logIn("mo@example.org")
            let moderatorDashboard = try await moderator.get("/newsroom").text
            #expect(moderatorDashboard.contains("0 comments wait for moderation"))
            #expect(!moderatorDashboard.contains("Published today"))
            for uri in ["/newsroom/stories", "/newsroom/stories/new", "/newsroom/rubrics"] {
                let response = try await moderator.get(uri)
                #expect(response.status == .forbidden, "\(uri)")
                #expect(response.text.contains("You may not"), "\(uri)")
            }
            #expect(try await moderator.post("/newsroom/stories", NewsroomFlowTests.storyFields, csrf: moderatorCSRF).status == .forbidden)

            let author = Browser(client)
            let authorCSRF = try await author.logIn("ana@example.org")
            #expect(try await author.get("/newsroom/rubrics").status == .forbidden)
            #expect(try await author.post("/newsroom/rubrics", [("name", "Politics")], csrf: authorCSRF).status == .forbidden)
            let created = try await author.post("/newsroom/stories", NewsroomFlowTests.storyFields, csrf: authorCSRF)
            let id = try NewsroomFlowTests.storyID(from: created.location)

            // Another author may neither see, open nor submit it.
            let other = Browser(client)
            let otherCSRF = try await other.logIn("otto@example.org")
            #expect(try await other.get("/newsroom/stories").text.contains("No stories match."))
            #expect(try await author.get("/newsroom/stories").text.contains("Envoy visits Kabul"))
            let peek = try await other.get("/newsroom/stories/\(id)")
            #expect(peek.status == .forbidden)
            #expect(!peek.text.contains("First paragraph"))
            #expect(try await other.post("/newsroom/stories/\(id)/status", [("target", "in_review")], csrf: otherCSRF).status == .forbidden)
            var edit = NewsroomFlowTests.storyFields
            edit.append(("version", "1"))
            #expect(try await other.post("/newsroom/stories/\(id)", edit, csrf: otherCSRF).status == .forbidden)

            // Editors manage rubrics; the new rubric's label shows on the site.
            let admin = Browser(client)
            let adminCSRF = try await admin.logIn("admin@example.org")
            #expect(try await admin.post("/newsroom/rubrics", [("name", "Ukraine-Russia"), ("label", "UKRAINE-RUSSIA")], csrf: adminCSRF).status == .seeOther)
            #expect(try await admin.get("/newsroom/rubrics").text.contains("value=\"UKRAINE-RUSSIA\""))
        }
    }

    @Test("forms without the right CSRF token are refused", arguments: TestDatabase.all)
    func csrf(database: TestDatabase) async throws {
        try await withApp(database, demo: false, prepare: addStaff) { client in
            let editor = Browser(client)
            _ = try await editor.logIn("eda@example.org")
            #expect(try await editor.post("/newsroom/stories", NewsroomFlowTests.storyFields, csrf: nil).status == .forbidden)
            #expect(try await editor.post("/newsroom/stories", NewsroomFlowTests.storyFields, csrf: "forged").status == .forbidden)
            #expect(try await editor.post("/newsroom/logout", [], csrf: nil).status == .forbidden)
            // The log-in form: its token must match the cookie set with the form.
            let stranger = Browser(client)
            #expect(try await stranger.post("/newsroom/login", [("email", "eda@example.org"), ("password", "a long password")], csrf: "guess").status == .forbidden)
            let list = try await editor.get("/newsroom/stories")
            #expect(list.text.contains("No stories match."))
        }
    }

    @Test("log-in: generic refusal, lock-out after five failures, cookie flags, log-out", arguments: TestDatabase.all)
    func logIn(database: TestDatabase) async throws {
        try await withApp(database, demo: false, prepare: addStaff) { client in
            let browser = Browser(client)
            let form = try await browser.get("/newsroom/login")
            let token = try #require(Browser.csrf(in: form.text))
            let unknown = try await browser.post("/newsroom/login", [("email", "nobody@example.org"), ("password", "whatever")], csrf: token)
            let wrong = try await browser.post("/newsroom/login", [("email", "eda@example.org"), ("password", "wrong")], csrf: Browser.csrf(in: unknown.text))
            #expect(unknown.status == .unauthorized)
            #expect(wrong.status == .unauthorized)
            let message = "The e-mail address or password is not correct."
            #expect(unknown.text.contains(message) && wrong.text.contains(message))
            var page = wrong
            for _ in 0..<4 {
                page = try await browser.post("/newsroom/login", [("email", "eda@example.org"), ("password", "wrong")], csrf: Browser.csrf(in: page.text))
            }
            let locked = try await browser.post("/newsroom/login", [("email", "eda@example.org"), ("password", "a long password")], csrf: Browser.csrf(in: page.text))
            #expect(locked.status == .tooManyRequests)
            #expect(locked.headers[.retryAfter] == "900")
            #expect(locked.text.contains("Too many failed log-in attempts. Try again in 15 minutes."))

            // Another account is unaffected; its session cookie is HttpOnly and SameSite=Lax.
            let login = try await browser.post("/newsroom/login", [("email", "sam@example.org"), ("password", "a long password")], csrf: Browser.csrf(in: locked.text))
            #expect(login.status == .seeOther)
            let cookie = try #require(login.headers[values: .setCookie].first { $0.hasPrefix("gazette_session=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(!cookie.contains("Secure"))
            let dashboard = try await browser.get("/newsroom")
            #expect(dashboard.status == .ok)
            let out = try await browser.post("/newsroom/logout", [], csrf: Browser.csrf(in: dashboard.text))
            #expect(out.status == .seeOther)
            #expect(try await browser.get("/newsroom").status == .seeOther)
        }
    }

    @Test("over TLS the session cookie is Secure")
    func secureCookie() async throws {
        try await withApp(.sqlite, demo: false, configure: { $0.publicURL = "https://news.example.org" }, prepare: addStaff) { client in
            let browser = Browser(client)
            let form = try await browser.get("/newsroom/login")
            let login = try await browser.post("/newsroom/login", [("email", "eda@example.org"), ("password", "a long password")], csrf: Browser.csrf(in: form.text))
            let cookie = try #require(login.headers[values: .setCookie].first { $0.hasPrefix("gazette_session=") })
            #expect(cookie.contains("Secure"))
        }
    }

    @Test("oversized and invalid fields come back as messages on the form, text kept", arguments: TestDatabase.all)
    func validation(database: TestDatabase) async throws {
        try await withApp(database, demo: false, prepare: addStaff) { client in
            let editor = Browser(client)
            let csrf = try await editor.logIn("eda@example.org")
            var fields = NewsroomFlowTests.storyFields
            fields[0] = ("headline", String(repeating: "Long ", count: 100))
            fields.append(("slug", "Bad Slug!"))
            fields.append(("body", "<script>alert(1)</script> my careful text"))
            let response = try await editor.post("/newsroom/stories", fields, csrf: csrf)
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("At most 300 characters (now 499)."))
            #expect(response.text.contains("Use only a–z, 0–9 and single hyphens"))
            #expect(response.text.contains("&lt;script&gt;alert(1)&lt;/script&gt; my careful text"))
            #expect(!response.text.contains("<script>alert(1)"))
        }
    }

    @Test("preview renders the body on the server, escaping raw HTML")
    func preview() async throws {
        try await withApp(.sqlite, demo: false, prepare: addStaff) { client in
            let editor = Browser(client)
            let csrf = try await editor.logIn("eda@example.org")
            var fields = NewsroomFlowTests.storyFields
            fields[2] = ("body", "Some *emphasis* and <img src=x onerror=alert(1)>")
            fields[7] = ("intent", "preview")
            let response = try await editor.post("/newsroom/stories", fields, csrf: csrf)
            #expect(response.status == .ok)
            #expect(response.text.contains("<em>emphasis</em>"))
            #expect(!response.text.contains("<img src=x"))
            #expect(try await editor.get("/newsroom/stories").text.contains("No stories match."))
        }
    }
}
