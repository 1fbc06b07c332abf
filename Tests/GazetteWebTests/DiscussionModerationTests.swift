import Foundation
import GazetteCore
import GazetteStore
import GazetteTestSupport
import GazetteWeb
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing

@Suite("Discussion: moderation and hostile text")
struct DiscussionModerationTests {
    @Test("moderation: reported list, bulk reject, roles, CSRF", arguments: TestDatabase.all)
    func moderation(database: TestDatabase) async throws {
        try await withApp(database, configure: openDiscussion, prepare: addStaff) { client in
            var ids: [String] = []
            for n in 1...3 {
                let (_, body) = try await apiComment(client, text: "Comment \(n)")
                ids.append(try #require((body["comment"] as? [String: Any])?["id"] as? String))
            }
            #expect(try await client.execute(uri: "/api/v1/comments/\(ids[0])/report", method: .post).status == .noContent)
            let author = Browser(client)
            let authorCSRF = try await author.logIn("ana@example.org")
            #expect(try await author.get("/newsroom/comments").status == .forbidden)
            #expect(try await author.post("/newsroom/comments", [("id", ids[0]), ("action", "reject")], csrf: authorCSRF).status == .forbidden)
            let moderator = Browser(client)
            let csrf = try await moderator.logIn("mo@example.org")
            #expect(try await moderator.get("/newsroom/comments?queue=reported").text.contains("1 reports"))
            #expect(try await moderator.post("/newsroom/comments", [("id", ids[1]), ("action", "reject")], csrf: nil).status == .forbidden)
            let bulk = try await moderator.post("/newsroom/comments", [("id", ids[0]), ("id", ids[1]), ("action", "reject")], csrf: csrf)
            #expect(bulk.status == .seeOther)
            let page = try await client.execute(uri: "/news/\(demoArticle)", method: .get).text
            #expect(page.contains("1 comment"))
            #expect(!page.contains("Comment 1") && !page.contains("Comment 2") && page.contains("Comment 3"))
        }
    }

    @Test("over 200 XSS payloads in names, texts and links never become markup", arguments: TestDatabase.all)
    func xss(database: TestDatabase) async throws {
        #expect(XSSPayloads.all.count >= 200)
        try await withApp(database, configure: { openDiscussion(&$0); $0.discussion.maxLinks = 100; $0.discussion.duplicateWindow = 0 }) { client in
            for (index, payload) in XSSPayloads.all.enumerated() {
                let (response, _) = try await apiComment(client, name: String(("\(index) " + payload).prefix(60)), text: payload + " #\(index)")
                #expect(response.status == .created, "payload \(index)")
            }
            var bodies = 0
            // 50 threads a page.
            for page in 1...((XSSPayloads.all.count + 49) / 50) {
                let html = try await client.execute(uri: "/news/\(demoArticle)?cpage=\(page)", method: .get).text
                for fragment in Self.fragments(html, opening: "<div class=\"comment-body\">", closing: "</div>") {
                    bodies += 1
                    #expect(Self.onlySafeMarkup(fragment), "unsafe markup: \(fragment)")
                }
                for name in Self.fragments(html, opening: "<strong class=\"comment-author\">", closing: "</strong>") {
                    #expect(!name.unicodeScalars.contains("<"), "markup in a name: \(name)")
                }
            }
            #expect(bodies == XSSPayloads.all.count)
            let api = jsonObject(try await client.execute(uri: "/api/v1/articles/\(demoArticle)/comments?limit=100", method: .get))
            for item in api["items"] as? [[String: Any]] ?? [] {
                #expect(Self.onlySafeMarkup(item["html"] as? String ?? ""))
                #expect(!(item["name"] as? String ?? "").isEmpty)
            }
        }
    }

    static func fragments(_ html: String, opening: String, closing: String) -> [String] {
        html.components(separatedBy: opening).dropFirst().compactMap { $0.components(separatedBy: closing).first }
    }

    /// Only the tags the renderer makes, links only with their two attributes and safe schemes.
    /// Read by Unicode scalar, as a browser reads it: by `Character`, a `<` or `"` followed by a
    /// combining mark is not found.
    static func onlySafeMarkup(_ fragment: String) -> Bool {
        let allowed: Set<String> = ["p", "/p", "br", "em", "/em", "strong", "/strong", "code", "/code", "blockquote", "/blockquote", "/a"]
        var rest = fragment.unicodeScalars[...]
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else { return false }
            let tag = String(String.UnicodeScalarView(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
            if allowed.contains(tag) { continue }
            guard tag.hasPrefix("a href=\""), tag.hasSuffix("\" rel=\"nofollow ugc noopener\"") else { return false }
            let href = tag.dropFirst("a href=\"".count).dropLast("\" rel=\"nofollow ugc noopener\"".count)
            guard !href.unicodeScalars.contains("\""), href.hasPrefix("http://") || href.hasPrefix("https://") || href.hasPrefix("mailto:") else { return false }
        }
        return true
    }
}
