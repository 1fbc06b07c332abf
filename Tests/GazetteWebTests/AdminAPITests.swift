import Foundation
import GazetteCore
import GazetteStore
import GazetteTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Admin API")
struct AdminAPITests {
    final class Tokens: @unchecked Sendable {
        var editor = ""
        var author = ""
    }

    func call(_ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, token: String?, json: String? = nil) async throws -> (TestResponse, [String: Any]) {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        if json != nil { headers[.contentType] = "application/json" }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
        let body = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:]
        return (response, body)
    }

    @Test("create, stale PATCH, publish, schedule and unpublish with the pages' rules", arguments: TestDatabase.all)
    func flow(database: TestDatabase) async throws {
        let tokens = Tokens()
        try await withApp(database, demo: false, prepare: { store in
            tokens.editor = try await store.users.createToken(name: "Sync", role: .editor).secret
            tokens.author = try await store.users.createToken(name: "Freelance", role: .author).secret
        }) { client in
            let (created, story) = try await call(client, .post, "/api/v1/admin/articles", token: tokens.editor, json: #"""
                {"headline": "API story", "lead": "Lead", "body": "Body *text*", "rubric": "World", "tags": ["A", "B"], "authors": ["Desk"]}
                """#)
            #expect(created.status == .created)
            let id = try #require(story["id"] as? String)
            #expect(story["status"] as? String == "draft")
            #expect(story["version"] as? Int == 1)
            #expect(story["bodyHTML"] as? String == "<p>Body <em>text</em></p>\n")

            let (patched, updated) = try await call(client, .patch, "/api/v1/admin/articles/\(id)", token: tokens.editor, json: #"{"version": 1, "lead": "New lead"}"#)
            #expect(patched.status == .ok)
            #expect(updated["version"] as? Int == 2)
            #expect(updated["headline"] as? String == "API story")
            let (stale, problem) = try await call(client, .patch, "/api/v1/admin/articles/\(id)", token: tokens.editor, json: #"{"version": 1, "lead": "Stale"}"#)
            #expect(stale.status == .conflict)
            // An RFC 9457 problem with who saved the newer version as extension members.
            #expect(stale.headers[.contentType] == "application/problem+json")
            #expect(problem["status"] as? Int == 409)
            #expect(problem["savedBy"] as? String == "API: Sync")
            #expect(problem["currentVersion"] as? Int == 2)
            #expect(problem["savedAt"] is String)

            let (noVersion, _) = try await call(client, .patch, "/api/v1/admin/articles/\(id)", token: tokens.editor, json: #"{"lead": "x"}"#)
            #expect(noVersion.status == .badRequest)

            // An author's token may not publish.
            let (authorPublish, _) = try await call(client, .post, "/api/v1/admin/articles/\(id)/publish", token: tokens.author)
            #expect(authorPublish.status == .forbidden)

            let (scheduled, scheduledStory) = try await call(client, .post, "/api/v1/admin/articles/\(id)/schedule", token: tokens.editor, json: #"{"at": "2026-05-30T12:00:00Z"}"#)
            #expect(scheduled.status == .ok)
            #expect(scheduledStory["status"] as? String == "scheduled")
            #expect(scheduledStory["scheduledAt"] as? String == "2026-05-30T12:00:00Z")
            let (published, publishedStory) = try await call(client, .post, "/api/v1/admin/articles/\(id)/publish", token: tokens.editor)
            #expect(published.status == .ok)
            #expect(publishedStory["status"] as? String == "published")
            #expect(try await client.execute(uri: "/news/api-story", method: .get).status == .ok)
            let (unpublished, unpublishedStory) = try await call(client, .post, "/api/v1/admin/articles/\(id)/unpublish", token: tokens.editor)
            #expect(unpublished.status == .ok)
            #expect(unpublishedStory["status"] as? String == "unpublished")
            #expect(try await client.execute(uri: "/news/api-story", method: .get).status == .notFound)
        }
    }

    @Test("bad requests get clear 4xx answers", arguments: TestDatabase.all)
    func errors(database: TestDatabase) async throws {
        let tokens = Tokens()
        try await withApp(database, demo: false, prepare: { store in
            tokens.editor = try await store.users.createToken(name: "Sync", role: .editor).secret
        }) { client in
            let cases: [(HTTPRequest.Method, String, String?, String?, HTTPResponse.Status)] = [
                (.post, "/api/v1/admin/articles", nil, #"{"headline": "x"}"#, .unauthorized),
                (.post, "/api/v1/admin/articles", "gz_wrong", #"{"headline": "x"}"#, .unauthorized),
                (.post, "/api/v1/admin/articles", tokens.editor, "{not json", .badRequest),
                (.post, "/api/v1/admin/articles", tokens.editor, #"{"headline": 5}"#, .badRequest),
                (.post, "/api/v1/admin/articles", tokens.editor, #"{"headline": ""}"#, .badRequest),
                (.post, "/api/v1/admin/articles/\(UUID())/publish", tokens.editor, nil, .notFound),
                (.patch, "/api/v1/admin/articles/not-a-uuid", tokens.editor, #"{"version": 1}"#, .notFound),
                (.post, "/api/v1/admin/articles/\(UUID())/schedule", tokens.editor, #"{"at": "tomorrow"}"#, .badRequest),
            ]
            for (method, uri, token, json, status) in cases {
                let (response, body) = try await call(client, method, uri, token: token, json: json)
                #expect(response.status == status, "\(method) \(uri) \(json ?? "")")
                #expect(body["detail"] is String, "\(uri)")
            }
            // JSON only with the right content type.
            let form = try await client.execute(
                uri: "/api/v1/admin/articles", method: .post,
                headers: [.authorization: "Bearer \(tokens.editor)", .contentType: "text/plain"], body: ByteBuffer(string: #"{"headline": "x"}"#)
            )
            #expect(form.status == .unsupportedMediaType)
        }
    }
}
