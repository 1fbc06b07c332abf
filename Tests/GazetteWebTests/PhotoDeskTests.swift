import Foundation
import GazetteCore
import GazetteStore
import GazetteTestSupport
@testable import GazetteWeb
import Hummingbird
import HummingbirdTesting
import Testing

/// The photo desk as a newsroom meets it: uploads with their refusals, the edit form, the
/// lead photo and body photos on every page, feeds, sitemaps, structured data, variants.
@Suite("Photo desk")
struct PhotoDeskTests {
    static let credited = PhotoFixtures.inserting([
        PhotoFixtures.iptcSegment(caption: "Rescue teams at the flooded dam", byline: "Ana Ruiz", copyright: "(c) Agency 2026", credit: "Agency"),
        PhotoFixtures.exifWithGPS(maker: "SecretCam"),
    ], into: PhotoFixtures.jpeg(width: 1600, height: 1000, seed: 4))

    /// The id in a `/newsroom/media/{id}` link of a page.
    static func photoID(in html: String) throws -> String {
        let range = try #require(html.range(of: #"href="/newsroom/media/"#))
        return String(html[range.upperBound...].prefix(36))
    }

    @Test("an upload of several files takes the photo and refuses each hostile file with its reason; nothing of those is stored", arguments: TestDatabase.all)
    func upload(database: TestDatabase) async throws {
        try await withApp(database, prepare: addStaff) { client in
            let ana = Browser(client)
            let csrf = try await ana.logIn("ana@example.org")
            let whole = PhotoFixtures.jpeg(width: 900, height: 600, seed: 9)
            let response = try await ana.postMultipart("/newsroom/media", fields: [("_csrf", csrf)], files: [
                ("photos", "../../etc/passwd.jpg", Self.credited),
                ("photos", "drawing.svg", Array(#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>"#.utf8)),
                ("photos", "cut.jpg", Array(whole.prefix(whole.count / 2))),
                ("photos", "bomb.png", PhotoFixtures.pngClaiming(width: 60_000, height: 60_000)),
                ("photos", "notes.jpg", Array("just some text".utf8)),
            ])
            #expect(response.status == .ok)
            let page = response.text
            #expect(page.contains("passwd.jpg</a>: Added."), "the name is kept as text, its last part only")
            #expect(page.contains("drawing.svg: SVG files are not accepted"))
            #expect(page.contains("cut.jpg: The picture is damaged or incomplete"))
            #expect(page.contains("bomb.png: The picture is 60000 × 60000 pixels"))
            #expect(page.contains("notes.jpg: The file is not a JPEG, PNG or WebP picture."))
            #expect(page.contains("1 photos"))
            // The embedded IPTC caption, creator and copyright prefill the form.
            let id = try Self.photoID(in: page)
            let form = try await ana.get("/newsroom/media/\(id)")
            #expect(form.text.contains("Rescue teams at the flooded dam"))
            #expect(form.text.contains("value=\"Ana Ruiz / Agency\""))
            #expect(form.text.contains("value=\"(c) Agency 2026\""))
            // The same file again is the same photo.
            let again = try await ana.postMultipart("/newsroom/media", fields: [("_csrf", csrf)], files: [("photos", "copy.jpg", Self.credited)])
            #expect(again.text.contains("Already in the library."))
            #expect(again.text.contains("1 photos"))
            // Only refused files: the first refusal's status.
            let refused = try await ana.postMultipart("/newsroom/media", fields: [("_csrf", csrf)], files: [("photos", "x.svg", Array("<svg/>".utf8))])
            #expect(refused.status == .unsupportedMediaType)
            // Without the CSRF token nothing happens; a moderator may not upload.
            let forged = try await ana.postMultipart("/newsroom/media", fields: [], files: [("photos", "a.jpg", whole)])
            #expect(forged.status == .forbidden)
            let mo = Browser(client)
            let moCSRF = try await mo.logIn("mo@example.org")
            let moderator = try await mo.postMultipart("/newsroom/media", fields: [("_csrf", moCSRF)], files: [("photos", "a.jpg", whole)])
            #expect(moderator.status == .forbidden)
            let list = try await ana.get("/newsroom/media?q=flooded")
            #expect(list.text.contains("1 photos"))
            #expect(try await ana.get("/newsroom/media?q=nothing-like-it").text.contains("0 photos"))
        }
    }

    @Test("a captioned, credited lead photo and a body photo appear on the article, home, feeds, sitemap, OpenGraph and JSON-LD", arguments: TestDatabase.all)
    func everywhere(database: TestDatabase) async throws {
        try await withApp(database, prepare: addStaff) { client in
            let eda = Browser(client)
            let csrf = try await eda.logIn("eda@example.org")
            let upload = try await eda.postMultipart("/newsroom/media", fields: [("_csrf", csrf)], files: [("photos", "dam.jpg", Self.credited)])
            let id = try Self.photoID(in: upload.text)
            // A story with the photo as lead and in its body, without alt text yet: saved, not published.
            let fields: [(String, String)] = [
                ("headline", "Dam holds after the flood"), ("lead", "Engineers say the wall is safe."),
                ("body", "First paragraph.\n\n![The dam](media:\(id))\n\nSecond paragraph."), ("rubric", "Afghanistan"),
                ("tags", "Russia"), ("authors", "Eda Editor"), ("commentPolicy", "open"), ("leadPhoto", id), ("intent", "save"),
            ]
            let created = try await eda.post("/newsroom/stories", fields, csrf: csrf)
            #expect(created.status == .seeOther)
            let story = try #require(created.location?.split(separator: "/").last.map { String($0.prefix(36)) })
            let refused = try await eda.post("/newsroom/stories/\(story)/status", [("target", "published"), ("version", "1")], csrf: csrf)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("alt text in the photo library before publishing"))
            // The photo desk gives it alt text, a credit and a focal point.
            let saved = try await eda.post("/newsroom/media/\(id)", [
                ("altText", "Water pouring over a concrete dam"), ("caption", "The dam on Tuesday morning."),
                ("credit", "Ana Ruiz / Agency"), ("copyright", "(c) Agency 2026"), ("focusX", "30"), ("focusY", "40"),
            ], csrf: csrf)
            #expect(saved.status == .seeOther)
            let published = try await eda.post("/newsroom/stories/\(story)/status", [("target", "published"), ("version", "1")], csrf: csrf)
            #expect(published.status == .seeOther, "\(published.text.prefix(400))")

            let article = try await client.execute(uri: "/news/dam-holds-after-the-flood", method: .get).text
            let lead = try #require(article.components(separatedBy: "<figure class=\"lead-photo\">").dropFirst().first?.components(separatedBy: "</figure>").first)
            #expect(lead.contains("<picture><source type=\"image/webp\" srcset=\"/media/\(id)/"))
            #expect(lead.contains(" 1280w, ") && lead.contains(" 1600w\""))
            #expect(lead.contains("width=\"960\" height=\"600\""))
            #expect(lead.contains("alt=\"Water pouring over a concrete dam\""))
            #expect(lead.contains("loading=\"eager\"") && !lead.contains("loading=\"lazy\""))
            #expect(lead.contains("<figcaption>The dam on Tuesday morning. <small class=\"credit\">Ana Ruiz / Agency</small></figcaption>"))
            let body = try #require(article.components(separatedBy: "<div class=\"article-body\">").last?.components(separatedBy: "</div>").first)
            #expect(body.contains("<figure class=\"photo\"><picture>"))
            #expect(body.contains("loading=\"lazy\""))
            #expect(body.contains("<figcaption>The dam on Tuesday morning. <small>Ana Ruiz / Agency</small></figcaption>"))
            #expect(!body.contains("<p><figure"))
            #expect(article.contains(#"<meta property="og:image" content="http://127.0.0.1:8080/media/\#(id)/"#))
            #expect(article.contains(#"/16x9.jpg">"#))
            #expect(article.contains(#"<meta property="og:image:width" content="1200">"#))
            #expect(article.contains(#"<meta name="twitter:card" content="summary_large_image">"#))
            #expect(article.contains(#"<meta name="twitter:image" content="http://127.0.0.1:8080/media/"#))
            // JSON-LD: the three crops with their sizes and the credit.
            let ld = try #require(article.components(separatedBy: "<script type=\"application/ld+json\">").dropFirst().first?.components(separatedBy: "</script>").first)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(ld.utf8)) as? [String: Any])
            let images = try #require(json["image"] as? [[String: Any]])
            #expect(images.map { ($0["url"] as? String)?.split(separator: "/").last.map(String.init) } == ["16x9.jpg", "4x3.jpg", "1x1.jpg"])
            #expect(images.map { $0["width"] as? Int } == [1200, 1200, 1000])
            #expect(images.map { $0["height"] as? Int } == [675, 900, 1000])
            #expect(images.allSatisfy { $0["creditText"] as? String == "Ana Ruiz / Agency" })

            // The home page: the newest story with a photo, here in the list.
            let home = try await client.execute(uri: "/", method: .get).text
            #expect(home.contains("class=\"story-item has-photo\""))
            #expect(home.contains("sizes=\"(min-width: 48rem) 14rem, 33vw\""))
            #expect(home.contains("class=\"photo-placeholder\" src=\"data:image/webp;base64,"))
            let search = try await client.execute(uri: "/search?q=dam", method: .get).text
            #expect(search.contains("class=\"story-item has-photo\"") && search.contains("/media/\(id)/"), "search results show the thumbnail")
            // Feeds: an enclosure and media:content, the photo first in the content, absolute addresses.
            let rss = try await client.execute(uri: "/feed.xml", method: .get).text
            #expect(rss.contains("xmlns:media=\"http://search.yahoo.com/mrss/\""))
            #expect(rss.contains("<media:content url=\"http://127.0.0.1:8080/media/\(id)/"))
            #expect(rss.contains("<media:credit>Ana Ruiz / Agency</media:credit>"))
            #expect(rss.contains("<enclosure url=\"http://127.0.0.1:8080/media/\(id)/"))
            #expect(!rss.contains("src=&quot;/media/"), "relative photo addresses in feed content")
            let feed = try await client.execute(uri: "/feed.json", method: .get).text
            #expect(feed.contains("\"image\":\"http:\\/\\/127.0.0.1:8080\\/media\\/\(id)") || feed.contains("\"image\":\"http://127.0.0.1:8080/media/\(id)"))
            let atom = try await client.execute(uri: "/atom.xml", method: .get).text
            #expect(atom.contains("<link rel=\"enclosure\" type=\"image/jpeg\" href=\"http://127.0.0.1:8080/media/\(id)/"))
            let sitemap = try await client.execute(uri: "/sitemaps/stories/1.xml", method: .get).text
            #expect(sitemap.contains("xmlns:image=\"http://www.google.com/schemas/sitemap-image/1.1\""))
            #expect(sitemap.contains("<image:image><image:loc>http://127.0.0.1:8080/media/\(id)/"))

            // A variant: the right type, cached for a year, a 304 on its ETag, nosniff.
            let path = try #require(lead.components(separatedBy: "src=\"").dropFirst(2).first?.components(separatedBy: "\"").first)
            #expect(path.hasSuffix("/w960.jpg"))
            let file = try await client.execute(uri: path, method: .get)
            #expect(file.status == .ok)
            #expect(file.headers[.contentType] == "image/jpeg")
            #expect(file.headers[.cacheControl] == "public, max-age=31536000, immutable")
            #expect(file.headers[.xContentTypeOptions] == "nosniff")
            #expect(try PhotoProcessor.inspect(Array(file.body.readableBytesView), limits: PhotoLimits()).width == 960)
            #expect(!PhotoFixtures.contains(Array(file.body.readableBytesView), "SecretCam"))
            let etag = try #require(file.headers[.eTag])
            let again = try await client.execute(uri: path, method: .get, headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified)
            for bad in ["/media/\(id)/0123456789abcdef/w960.jpg", "/media/\(id)/..%2F..%2Fsite/w960.jpg", "/media/\(id)/\(path.split(separator: "/")[2])/w961.jpg"] {
                let answer = try await client.execute(uri: bad, method: .get)
                #expect(answer.status == .notFound || answer.status == .movedPermanently, "\(bad): \(answer.status)")
            }

            // In use: delete refused with the story's name; alt text cannot be taken away.
            let delete = try await eda.post("/newsroom/media/\(id)/delete", [], csrf: csrf)
            #expect(delete.status == .conflict)
            #expect(delete.text.contains("Dam holds after the flood"))
            let noAlt = try await eda.post("/newsroom/media/\(id)", [("altText", ""), ("caption", "x"), ("focusX", "30"), ("focusY", "40")], csrf: csrf)
            #expect(noAlt.status == .unprocessableContent)
            // A new focal point: new crop addresses, and the old one points to the new.
            let moved = try await eda.post("/newsroom/media/\(id)", [
                ("altText", "Water pouring over a concrete dam"), ("caption", "The dam on Tuesday morning."),
                ("credit", "Ana Ruiz / Agency"), ("focusX", "80"), ("focusY", "40"),
            ], csrf: csrf)
            #expect(moved.status == .seeOther)
            let after = try await client.execute(uri: "/news/dam-holds-after-the-flood", method: .get).text
            #expect(!after.contains(path), "the page shows the new addresses at once")
            let old = try await client.execute(uri: path.replacingOccurrences(of: "w960.jpg", with: "16x9.jpg").replacingOccurrences(of: String(path.split(separator: "/")[2]), with: "ffffffffffffffff"), method: .get)
            #expect(old.status == .notFound || old.status == .movedPermanently)
        }
    }

    @Test("a variant is served from memory the second time, alike; a deleted photo is gone from memory and disk", arguments: TestDatabase.all)
    func memory(database: TestDatabase) async throws {
        try await withApp(database, prepare: addStaff) { client in
            let eda = Browser(client)
            let csrf = try await eda.logIn("eda@example.org")
            let upload = try await eda.postMultipart("/newsroom/media", fields: [("_csrf", csrf)], files: [("photos", "a.jpg", PhotoFixtures.jpeg(width: 700, height: 500, seed: 11))])
            let id = try Self.photoID(in: upload.text)
            let page = try await eda.get("/newsroom/media/\(id)").text
            let path = try #require(page.components(separatedBy: "href=\"").first { $0.hasPrefix("/media/\(id)/") && $0.contains("/w640.webp") }?.components(separatedBy: "\"").first)
            let first = try await client.execute(uri: path, method: .get)
            let second = try await client.execute(uri: path, method: .get)
            #expect(first.status == .ok && second.status == .ok)
            #expect(first.body == second.body)
            #expect(second.headers[.contentType] == "image/webp" && second.headers[.eTag] == first.headers[.eTag])
            #expect(second.headers[.cacheControl] == first.headers[.cacheControl] && second.headers[.xContentTypeOptions] == "nosniff")
            #expect(try await client.execute(uri: path, method: .get, headers: [.ifNoneMatch: try #require(first.headers[.eTag])]).status == .notModified)
            // An author may not delete; an editor may, and the photo is gone everywhere.
            let ana = Browser(client)
            let anaCSRF = try await ana.logIn("ana@example.org")
            #expect(try await ana.post("/newsroom/media/\(id)/delete", [], csrf: anaCSRF).status == .forbidden)
            let deleted = try await eda.post("/newsroom/media/\(id)/delete", [], csrf: csrf)
            #expect(deleted.status == .seeOther)
            #expect(try await client.execute(uri: path, method: .get).status == .notFound)
            #expect(try await eda.get("/newsroom/media/\(id)").status == .notFound)
        }
    }

    @Test("the Admin API uploads, lists, edits and deletes photos; a story names one as lead", arguments: TestDatabase.all)
    func adminAPI(database: TestDatabase) async throws {
        let token = LockedValue("")
        try await withApp(database, prepare: { store in
            token.value = try await store.users.createToken(name: "Desk", role: .editor).secret
        }) { client in
            let bearer = "Bearer \(token.value)"
            let (body, type) = Multipart.body(fields: [], files: [("photos", "harbour.png", PhotoProcessor.synthetic(width: 700, height: 500, seed: 2, format: .png))])
            let created = try await client.execute(uri: "/api/v1/admin/photos", method: .post, headers: [.authorization: bearer, .contentType: type], body: body)
            #expect(created.status == .created)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(buffer: created.body)) as? [String: Any])
            let photo = try #require((json["created"] as? [[String: Any]])?.first)
            let id = try #require(photo["id"] as? String).lowercased()
            #expect(photo["format"] as? String == "png" && photo["width"] as? Int == 700)
            #expect((photo["sizes"] as? [[String: Any]])?.contains { $0["name"] as? String == "w640.webp" } == true)
            let (svg, svgType) = Multipart.body(fields: [], files: [("photos", "x.svg", Array("<svg onload=alert(1)/>".utf8))])
            let refused = try await client.execute(uri: "/api/v1/admin/photos", method: .post, headers: [.authorization: bearer, .contentType: svgType], body: svg)
            #expect(refused.status == .unsupportedMediaType)
            #expect(refused.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            let unauthorised = try await client.execute(uri: "/api/v1/admin/photos", method: .post, headers: [.contentType: type], body: body)
            #expect(unauthorised.status == .unauthorized)
            let patched = try await client.execute(uri: "/api/v1/admin/photos/\(id)", method: .patch,
                headers: [.authorization: bearer, .contentType: "application/json"], body: ByteBuffer(string: #"{"altText": "Boats in a harbour", "caption": "Evening."}"#))
            #expect(patched.status == .ok)
            #expect(patched.text.contains("Boats in a harbour"))
            let story = try await client.execute(uri: "/api/v1/admin/articles", method: .post,
                headers: [.authorization: bearer, .contentType: "application/json"],
                body: ByteBuffer(string: #"{"headline": "Harbour reopens", "lead": "L", "body": "B", "leadPhotoId": "\#(id)"}"#))
            #expect(story.status == .created)
            #expect(story.text.contains("\"leadPhotoId\""))
            let inUse = try await client.execute(uri: "/api/v1/admin/photos/\(id)", method: .delete, headers: [.authorization: bearer])
            #expect(inUse.status == .conflict)
            let list = try await client.execute(uri: "/api/v1/admin/photos?q=harbour", method: .get, headers: [.authorization: bearer])
            #expect(list.text.contains(id))
            let missing = try await client.execute(uri: "/api/v1/admin/articles", method: .post,
                headers: [.authorization: bearer, .contentType: "application/json"],
                body: ByteBuffer(string: #"{"headline": "No photo", "leadPhotoId": "\#(UUID().uuidString)"}"#))
            #expect(missing.status == .badRequest)
            let unknown = try await client.execute(uri: "/api/v1/admin/articles", method: .post,
                headers: [.authorization: bearer, .contentType: "application/json"],
                body: ByteBuffer(string: #"{"headline": "Bad photo", "body": "![x](media:\#(UUID().uuidString))"}"#))
            #expect(unknown.status == .badRequest)
            #expect(unknown.text.contains("not in the library"))
            // Another site's address that looks like a photo's is just a link.
            let elsewhere = try await client.execute(uri: "/api/v1/admin/articles", method: .post,
                headers: [.authorization: bearer, .contentType: "application/json"],
                body: ByteBuffer(string: #"{"headline": "A link", "body": "[see](https://other.example/media/\#(UUID().uuidString)/a/w640.jpg)"}"#))
            #expect(elsewhere.status == .created)
        }
    }

    @Test("a photo's address in story bodies (Photo.path) is the route SiteURL registers")
    func addresses() {
        let photo = Photo(id: UUID(), key: "0123456789abcdef", fileName: "a.jpg", format: .jpeg, byteSize: 1, width: 3000, height: 2000, createdAt: testNow, updatedAt: testNow)
        for variant in photo.variants {
            #expect(SiteURL.photo(photo, variant).path == photo.path(variant))
        }
        #expect(Route.photoPrefix == Photo.pathPrefix)
        #expect(PhotoController.isKey("0123456789abcdef") && !PhotoController.isKey("0123456789ABCDEF") && !PhotoController.isKey("../../etc/passwd"))
    }

    @Test("the demo's article shows its lead photo and a body photo, made by the program and credited")
    func demo() async throws {
        try await withApp(.sqlite, configure: { $0.demoPhotos = true }) { client in
            let article = try await client.execute(uri: "/news/\(demoArticle)", method: .get).text
            #expect(article.contains("<figure class=\"lead-photo\">"))
            #expect(article.contains("(demo illustration). <small class=\"credit\">Gazette demo</small>"))
            #expect(article.contains("<figure class=\"photo\"><picture>"))
            let home = try await client.execute(uri: "/", method: .get).text
            #expect(home.contains("<a class=\"top-photo\""))
            #expect(home.contains("sizes=\"(min-width: 64rem) 60rem, 100vw\""))
        }
    }
}
