import Foundation
import GazetteTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Content API")
struct ContentAPITests {
    func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    @Test("lists published articles, paged", arguments: TestDatabase.all)
    func list(database: TestDatabase) async throws {
        try await withApp(database) { client in
            let response = try await client.execute(uri: "/api/v1/articles?page=2&limit=3", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let body = try json(response)
            let items = try #require(body["items"] as? [[String: Any]])
            #expect(items.count == 3)
            let paging = try #require(body["paging"] as? [String: Any])
            #expect(paging["page"] as? Int == 2)
            #expect(paging["limit"] as? Int == 3)
            #expect(paging["total"] as? Int == 14)
            #expect(paging["pages"] as? Int == 5)
            let first = try #require(items.first)
            #expect(Set(first.keys) == ["id", "slug", "url", "headline", "lead", "rubric", "tags", "publishedAt"])

            let top = try json(try await client.execute(uri: "/api/v1/articles?limit=1", method: .get))
            let article = try #require((top["items"] as? [[String: Any]])?.first)
            #expect(article["slug"] as? String == "russias-envoy-holds-talks-with-taliban-leaders-in-kabul-as-moscow-deepens-ties")
            #expect(article["url"] as? String == "/news/russias-envoy-holds-talks-with-taliban-leaders-in-kabul-as-moscow-deepens-ties")
            #expect(article["publishedAt"] as? String == "2026-05-30T09:35:00Z")
            #expect((article["rubric"] as? [String: Any])?["label"] as? String == "Afghanistan")
            #expect((article["tags"] as? [[String: Any]])?.compactMap { $0["slug"] as? String } == ["russia", "taliban", "afghanistan"])
        }
    }

    @Test("shows a whole article with its body as HTML", arguments: TestDatabase.all)
    func detail(database: TestDatabase) async throws {
        try await withApp(database) { client in
            let response = try await client.execute(uri: "/api/v1/articles/russia-to-send-same-delegation-to-second-round-of-istanbul-talks", method: .get)
            #expect(response.status == .ok)
            let body = try json(response)
            #expect(body["headline"] as? String == "Russia to send same delegation to second round of Istanbul talks")
            #expect((body["body"] as? String)?.hasPrefix("<p>Russia will send the same delegation") == true)
            #expect((body["rubric"] as? [String: Any])?["label"] as? String == "UKRAINE-RUSSIA")
            #expect((body["authors"] as? [[String: Any]])?.first?["name"] as? String == "Foreign desk")
            #expect(body["updatedAt"] is String)
        }
    }

    @Test("bad input gets a JSON error with a readable message", arguments: TestDatabase.all)
    func errors(database: TestDatabase) async throws {
        try await withApp(database) { client in
            let cases: [(String, HTTPResponse.Status, String)] = [
                ("/api/v1/articles?limit=0", .badRequest, "limit must be a whole number from 1 to 100."),
                ("/api/v1/articles?limit=500", .badRequest, "limit must be a whole number from 1 to 100."),
                ("/api/v1/articles?page=x", .badRequest, "page must be a whole number from 1 to 1000000."),
                ("/api/v1/articles/no-such-story", .notFound, "Story 'no-such-story' was not found."),
                ("/api/v1/nothing", .notFound, "There is no page at this address."),
            ]
            for (uri, status, message) in cases {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == status, "\(uri)")
                #expect(response.headers[.contentType] == "application/problem+json", "\(uri)")
                let error = try json(response)
                #expect(error["detail"] as? String == message, "\(uri)")
                #expect(error["status"] as? Int == Int(status.code))
                #expect(error["title"] as? String == status.reasonPhrase || status == .notFound)
            }
        }
    }

    @Test("a page past the end is empty, not an error")
    func pastTheEnd() async throws {
        try await withApp(.sqlite) { client in
            let response = try await client.execute(uri: "/api/v1/articles?page=99", method: .get)
            #expect(response.status == .ok)
            #expect((try json(response)["items"] as? [Any])?.isEmpty == true)
        }
    }
}
