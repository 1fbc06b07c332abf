import Foundation
import GazetteCore
import GazetteStore
import GazetteTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// Story bodies from every way in (Admin API, newsroom Preview, JSON Lines import) reach the
/// public page, the Content API and the newsroom without live markup — checked on the bytes
/// served, not on the renderer's promise.
@Suite("Story bodies from any source carry no script")
struct StoryBodySafetyTests {
    /// The two ways Ink let script through, the inputs it never returned on, and classics.
    static let bodies = [
        "a &<svg/onload=alert(1)>; b",
        "# a &<svg/onload=alert(1)>; b\n\n- a &<img src=x onerror=alert(1)>; b\n\n> q &<svg/onload=alert(1)>; q",
        "```x\"><img src=x onerror=alert(2)>\ncode\n```",
        "\\<p\\>ok\\</p\\>",
        "text \\<p\\> more \\<pre\\>",
        "<script>alert(1)</script>",
        "[x](javascript:alert(1)) ![y](javascript:alert(1))",
    ]
    /// Script risks in a page, or in the HTML fields of a JSON answer.
    static func clean(_ text: String) -> [String] {
        guard let data = text.data(using: .utf8), let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return HTMLShape(text).scriptRisks(allowScriptFiles: true)
        }
        return ["body", "bodyHTML"].compactMap { json[$0] as? String }.flatMap { field -> [String] in
            // `body` of the Admin API is the Markdown source: shown as data, never as HTML.
            field == json["body"] as? String && json["bodyHTML"] != nil ? [] : HTMLShape(field).scriptRisks()
        }
    }

    func call(_ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, token: String, json: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [.authorization: "Bearer \(token)"]
        if json != nil { headers[.contentType] = "application/json" }
        return try await client.execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }

    @Test("Admin API: article page, Content API and admin read are clean", arguments: TestDatabase.all)
    func adminAPI(database: TestDatabase) async throws {
        let token = LockedValue("")
        try await withApp(database, demo: false, prepare: { store in
            token.value = try await store.users.createToken(name: "Sync", role: .editor).secret
        }) { client in
            for (index, body) in Self.bodies.enumerated() {
                let json = String(data: try JSONSerialization.data(withJSONObject: ["headline": "Hostile \(index)", "lead": "Lead", "body": body]), encoding: .utf8)!
                let created = try await call(client, .post, "/api/v1/admin/articles", token: token.value, json: json)
                #expect(created.status == .created, "\(body): \(created.status)")
                let id = try #require((try JSONSerialization.jsonObject(with: Data(buffer: created.body)) as? [String: Any])?["id"] as? String)
                #expect(Self.clean(created.text).isEmpty, "admin create of \(body): \(created.text)")
                // Clients send this header with an empty body; it means "no options".
                let published = try await call(client, .post, "/api/v1/admin/articles/\(id)/publish", token: token.value, json: "")
                #expect(published.status == .ok, "\(body): \(published.text)")
                let page = try await client.execute(uri: "/news/hostile-\(index)", method: .get)
                #expect(page.status == .ok)
                #expect(Self.clean(page.text).isEmpty, "article page of \(body)")
                let api = try await client.execute(uri: "/api/v1/articles/hostile-\(index)", method: .get)
                #expect(Self.clean(api.text).isEmpty, "Content API of \(body): \(api.text)")
                let read = try await call(client, .get, "/api/v1/admin/articles/\(id)", token: token.value)
                #expect(Self.clean(read.text).isEmpty, "Admin API read of \(body)")
            }
            let escaped = try await client.execute(uri: "/news/hostile-3", method: .get).text
            #expect(escaped.contains("&lt;p&gt;ok&lt;/p&gt;"))
        }
    }

    @Test("newsroom Preview is clean", arguments: TestDatabase.all)
    func preview(database: TestDatabase) async throws {
        try await withApp(database, demo: false, prepare: addStaff) { client in
            let editor = Browser(client)
            let csrf = try await editor.logIn("eda@example.org")
            for body in Self.bodies {
                var fields = NewsroomFlowTests.storyFields
                fields[2] = ("body", body)
                fields[7] = ("intent", "preview")
                let response = try await editor.post("/newsroom/stories", fields, csrf: csrf)
                #expect(response.status == .ok)
                #expect(Self.clean(response.text).isEmpty, "preview of \(body)")
            }
        }
    }

    @Test("import jsonl with <p> and <pre> in the text finishes and is clean", arguments: TestDatabase.all)
    func importLines(database: TestDatabase) async throws {
        try await database.withStore { store in
            let lines = [
                #"{"id": "p1", "title": "Tags in text", "body": "He wrote <p>ok</p> and <pre>x</pre>.\nNext &<svg/onload=alert(1)>; line", "label": "world", "published_at": "2017-02-07"}"#,
            ]
            let summary = try await StoryImporter(store: store).run(lines: lines) { _ in }
            #expect(summary.created == 1)
            let story = try #require(try await store.stories.publishedStory(slug: "tags-in-text"))
            #expect(story.bodyHTML.contains("He wrote &lt;p&gt;ok&lt;/p&gt; and &lt;pre&gt;x&lt;/pre&gt;."), "\(story.bodyHTML)")
            #expect(Self.clean(story.bodyHTML).isEmpty, "\(story.bodyHTML)")
        }
    }
}
