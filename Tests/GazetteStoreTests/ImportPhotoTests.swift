import Foundation
import GazetteCore
@testable import GazetteStore
import GazetteTestSupport
import Testing

/// Imports that bring their photos: WordPress's featured and inline images from
/// `wp-content/uploads`, Ghost's from `content/images`, with their texts; hostile paths and
/// files refused with a reason; a second run creates nothing.
@Suite("Imports with photos")
struct ImportPhotoTests {
    let now = Date(timeIntervalSince1970: 1_780_135_200)

    /// A WXR as WordPress 6 writes it: an attachment with its file, caption and alt text, one
    /// whose path climbs out of the folder, and a post with that featured image and an inline
    /// copy in a smaller size.
    static let wxr = """
        <?xml version="1.0" encoding="UTF-8" ?>
        <rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
          xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
        <channel><title>Old Site</title><link>https://old.example</link>
        <item><title>dam</title><link>https://old.example/dam/</link><dc:creator><![CDATA[ed]]></dc:creator>
          <content:encoded><![CDATA[]]></content:encoded><excerpt:encoded><![CDATA[The dam at dawn.]]></excerpt:encoded>
          <wp:post_id>7</wp:post_id><wp:status><![CDATA[inherit]]></wp:status><wp:post_type><![CDATA[attachment]]></wp:post_type>
          <wp:attachment_url><![CDATA[https://old.example/wp-content/uploads/2024/05/dam.jpg]]></wp:attachment_url>
          <wp:postmeta><wp:meta_key><![CDATA[_wp_attached_file]]></wp:meta_key><wp:meta_value><![CDATA[2024/05/dam.jpg]]></wp:meta_value></wp:postmeta>
          <wp:postmeta><wp:meta_key><![CDATA[_wp_attachment_image_alt]]></wp:meta_key><wp:meta_value><![CDATA[Water over a dam]]></wp:meta_value></wp:postmeta>
        </item>
        <item><title>secret</title><wp:post_id>8</wp:post_id><wp:post_type><![CDATA[attachment]]></wp:post_type>
          <wp:attachment_url><![CDATA[https://old.example/wp-content/uploads/../../secret.jpg]]></wp:attachment_url>
          <wp:postmeta><wp:meta_key><![CDATA[_wp_attached_file]]></wp:meta_key><wp:meta_value><![CDATA[../../secret.jpg]]></wp:meta_value></wp:postmeta>
        </item>
        <item><title>Dam holds</title><link>https://old.example/2024/05/dam-holds/</link><dc:creator><![CDATA[ed]]></dc:creator>
          <content:encoded><![CDATA[<p>Engineers checked the wall.</p>
        <img src="https://old.example/wp-content/uploads/2024/05/dam-300x200.jpg" alt="The dam" width="300" height="200">
        <p>More at <img src="https://old.example/wp-content/uploads/2024/05/missing.jpg" alt="gone"> noon.</p>]]></content:encoded>
          <excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>9</wp:post_id><wp:post_date_gmt><![CDATA[2024-05-30 10:00:00]]></wp:post_date_gmt>
          <wp:post_name><![CDATA[dam-holds]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type>
          <wp:postmeta><wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key><wp:meta_value><![CDATA[7]]></wp:meta_value></wp:postmeta>
        </item>
        </channel></rss>
        """

    @Test("WordPress with --uploads: the featured image leads, the inline one points to the library, texts kept", arguments: TestDatabase.all)
    func wordpress(database: TestDatabase) async throws {
        let uploads = FileManager.default.temporaryDirectory.appendingPathComponent("uploads-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: uploads) }
        try FileManager.default.createDirectory(at: uploads.appendingPathComponent("2024/05"), withIntermediateDirectories: true)
        try Data(PhotoFixtures.jpeg(width: 1200, height: 800, seed: 6)).write(to: uploads.appendingPathComponent("2024/05/dam.jpg"))
        // What the hostile path would reach, beside the folder.
        try Data(PhotoFixtures.jpeg(width: 400, height: 300, seed: 7)).write(to: uploads.deletingLastPathComponent().appendingPathComponent("secret.jpg"))
        let bundle = try WordPressExport.read(Self.wxr)
        #expect(bundle.photos.map(\.path) == ["2024/05/dam.jpg", "../../secret.jpg"])
        #expect(bundle.stories.first?.leadPhotoKey == "wordpress:https://old.example:7")
        try await database.withStore { store in
            let report = try await store.imports.run(bundle, uploads: uploads, now: now)
            #expect(report.photos.created == 1)
            #expect(report.skips.contains { $0.what.contains("secret.jpg") && $0.reason == "not in the uploads folder" })
            #expect(report.skips.contains { $0.what.contains("missing.jpg") && $0.reason == "not in the uploads folder" })
            let story = try #require(try await store.stories.publishedStory(slug: "dam-holds"))
            let photo = try #require(story.leadPhoto)
            #expect(photo.altText == "Water over a dam" && photo.caption == "The dam at dawn." && photo.fileName == "dam.jpg")
            #expect(story.body.contains("](media:\(photo.id.uuidString.lowercased()))"), "the 300×200 copy is the same photo")
            #expect(story.body.contains("missing.jpg"), "an image not in the folder stays as it was")
            #expect(story.bodyHTML.contains("<figure class=\"photo\"><picture>"))
            #expect(try await store.media.uses(of: photo.id).map(\.role).sorted { $0.rawValue < $1.rawValue } == [.inline, .lead])
            let again = try await store.imports.run(bundle, uploads: uploads, now: now)
            #expect(again.photos.created == 0 && again.stories.created == 0)
            #expect(try await store.media.list(page: PageQuery()).total == 1)
        }
    }

    @Test("Ghost with --uploads: the feature image with its alt text and caption", arguments: TestDatabase.all)
    func ghost(database: TestDatabase) async throws {
        let images = FileManager.default.temporaryDirectory.appendingPathComponent("images-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: images) }
        try FileManager.default.createDirectory(at: images.appendingPathComponent("2024/06"), withIntermediateDirectories: true)
        try Data(PhotoFixtures.jpeg(width: 900, height: 600, seed: 8)).write(to: images.appendingPathComponent("2024/06/port.jpg"))
        try Data("<svg onload=alert(1)/>".utf8).write(to: images.appendingPathComponent("2024/06/logo.jpg"))
        let export = """
            {"db": [{"meta": {}, "data": {
              "posts": [{"id": "p1", "title": "Port reopens", "slug": "port-reopens", "status": "published", "type": "post",
                "published_at": "2024-06-01T10:00:00.000Z", "html": "<p>Ships are back.</p><img src=\\"__GHOST_URL__/content/images/2024/06/logo.jpg\\">",
                "feature_image": "__GHOST_URL__/content/images/2024/06/port.jpg"}],
              "posts_meta": [{"post_id": "p1", "feature_image_alt": "Cranes at the port", "feature_image_caption": "<span>The port on Monday.</span>"}],
              "users": [], "tags": [], "posts_tags": [], "posts_authors": []}}]}
            """
        let bundle = try GhostExport.read(Data(export.utf8))
        try await database.withStore { store in
            let report = try await store.imports.run(bundle, uploads: images, now: now)
            #expect(report.photos.created == 1)
            #expect(report.skips.contains { $0.what.contains("logo.jpg") && $0.reason.contains("SVG files are not accepted") })
            let story = try #require(try await store.stories.publishedStory(slug: "port-reopens"))
            #expect(story.leadPhoto?.altText == "Cranes at the port")
            #expect(story.leadPhoto?.caption == "The port on Monday.")
        }
    }

    @Test("a path out of the folder is never read")
    func paths() {
        let folder = URL(fileURLWithPath: "/tmp")
        for path in ["../etc/passwd", "/etc/passwd", "a/../../b", "./x", ""] {
            #expect(ImportRepository.file(path, in: folder) == nil, "\(path)")
        }
        #expect(ImportedImages.uploadsPath(of: "https://x/wp-content/uploads/2024/05/a-1024x768.jpg?v=2", marker: "/wp-content/uploads/") == "2024/05/a.jpg")
        #expect(ImportedImages.uploadsPath(of: "https://x/wp-content/uploads/2024/05/big-day.jpg", marker: "/wp-content/uploads/") == "2024/05/big-day.jpg")
        #expect(ImportedImages.destinations(in: "a ![x](u1) [link](u2) ![y](u3 \"t\")") == ["u1", "u3 \"t\""])
    }
}
