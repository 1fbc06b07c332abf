import Foundation
import GazetteCore
import GazetteStore
import GazetteTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Security headers, inline code and assets")
struct SecurityHeadersTests {
    static let publicPages = ["/", SitePagesTests.articlePath, "/search?q=kabul", "/no/such/page", "/api/v1/articles", "/healthz"]

    @Test("every response carries a strict CSP, nosniff and a referrer policy", arguments: TestDatabase.all)
    func headers(database: TestDatabase) async throws {
        try await withApp(database, prepare: addStaff) { client in
            for uri in Self.publicPages + ["/newsroom/login", "/newsroom", "/api/v1/admin/articles"] {
                let response = try await client.execute(uri: uri, method: .get)
                let csp = try #require(response.headers[.contentSecurityPolicy], "\(uri) has no CSP")
                for directive in ["script-src 'self'", "style-src 'self'", "object-src 'none'", "base-uri 'none'", "default-src 'self'"] {
                    #expect(csp.contains(directive), "\(uri): \(csp)")
                }
                #expect(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), "\(uri)")
                #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(uri)")
                #expect(response.headers[.init("Referrer-Policy")!] == "strict-origin-when-cross-origin", "\(uri)")
                #expect(response.headers[.strictTransportSecurity] == nil, "HSTS over plain http: \(uri)")
                if uri.hasPrefix("/newsroom") || uri.hasPrefix("/api/v1/admin") {
                    #expect(csp.contains("frame-ancestors 'none'"), "\(uri)")
                    #expect(response.headers[.cacheControl] == "private, no-store", "\(uri)")
                }
            }
            // The article page is the same for every reader; the page after a reader's own post is theirs.
            let article = try await client.execute(uri: SitePagesTests.articlePath, method: .get)
            #expect(article.headers[.cacheControl] == "public, max-age=0, stale-while-revalidate=60")
            let own = try await client.execute(uri: SitePagesTests.articlePath + "?comment=pending", method: .get)
            #expect(own.headers[.cacheControl] == "private, no-store")
        }
    }

    @Test("an https public address adds HSTS")
    func hsts() async throws {
        try await withApp(.sqlite, configure: { $0.publicURL = "https://news.example.org" }) { client in
            for uri in ["/", SitePagesTests.articlePath, "/newsroom/login"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.headers[.strictTransportSecurity] == "max-age=31536000", "\(uri)")
            }
        }
    }

    @Test("no page has inline script, inline style or event handlers, and every asset it names is served with its type", arguments: TestDatabase.all)
    func inlineCodeAndAssets(database: TestDatabase) async throws {
        try await withApp(database, prepare: addStaff) { client in
            let editor = Browser(client)
            _ = try await editor.logIn("eda@example.org")
            var pages: [String] = []
            for uri in Self.publicPages.filter({ !$0.hasPrefix("/api") && $0 != "/healthz" }) {
                pages.append(try await editor.get(uri).text)
            }
            for uri in ["/newsroom", "/newsroom/stories", "/newsroom/stories/new", "/newsroom/comments", "/newsroom/login"] {
                let response = try await editor.get(uri)
                #expect(response.status == .ok || response.status == .seeOther, "\(uri): \(response.status)")
                pages.append(response.text)
            }
            var assets = Set<String>()
            for html in pages {
                for tag in HTMLShape(html).tags where !tag.closing {
                    // JSON-LD is data, not script: browsers neither run it nor apply CSP to it
                    // (the browser check confirms no CSP report).
                    let dataBlock = tag.attributes.contains { $0.name == "type" && $0.value == "application/ld+json" }
                    #expect(!(tag.name == "script" && !dataBlock && !tag.attributes.contains { $0.name == "src" }), "inline script")
                    #expect(tag.name != "style", "inline <style>")
                    for attribute in tag.attributes {
                        #expect(attribute.name != "style" && !attribute.name.hasPrefix("on"), "\(attribute.name) on <\(tag.name)>")
                        if ["href", "src"].contains(attribute.name), attribute.value.hasPrefix("/assets/") {
                            assets.insert(attribute.value)
                        }
                    }
                }
            }
            #expect(assets.contains { $0.contains("site.css") })
            #expect(assets.contains { $0.contains("newsroom.js") })
            let types = ["css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8"]
            for asset in assets {
                let response = try await client.execute(uri: asset, method: .get)
                #expect(response.status == .ok, "\(asset): \(response.status)")
                let ext = String(asset.split(separator: "?")[0].split(separator: ".").last ?? "")
                #expect(response.headers[.contentType] == types[ext], "\(asset): \(response.headers[.contentType] ?? "none")")
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
            }
        }
    }
}
