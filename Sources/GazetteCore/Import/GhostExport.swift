import Foundation

/// A Ghost export (Settings → Labs → Export, JSON): posts with the HTML Ghost rendered from
/// their Lexical or Mobiledoc, the primary (first) tag as the rubric and the others as tags,
/// authors with their names and bios. Pages are left out.
public enum GhostExport {
    public struct ReadError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public static func read(_ data: Data) throws(ReadError) -> ImportBundle {
        guard let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ReadError(description: "not a JSON object")
        }
        // The export wraps the tables in {"db": [{"meta": …, "data": {…}}]}; accept the data alone too.
        let db = (json["db"] as? [[String: Any]])?.first ?? json
        guard let tables = db["data"] as? [String: Any], let posts = tables["posts"] as? [[String: Any]] else {
            throw ReadError(description: "not a Ghost export (no db[0].data.posts)")
        }
        func rows(_ name: String) -> [[String: Any]] { tables[name] as? [[String: Any]] ?? [] }
        func string(_ row: [String: Any], _ key: String) -> String { (row[key] as? String) ?? (row[key].map { "\($0)" } ?? "") }
        let tags = Dictionary(rows("tags").map { (string($0, "id"), string($0, "name")) }, uniquingKeysWith: { a, _ in a })
        let users = Dictionary(rows("users").map { (string($0, "id"), $0) }, uniquingKeysWith: { a, _ in a })
        func order(_ row: [String: Any]) -> Int { (row["sort_order"] as? Int) ?? 0 }
        let postTags = Dictionary(grouping: rows("posts_tags"), by: { string($0, "post_id") }).mapValues { $0.sorted { order($0) < order($1) } }
        let postAuthors = Dictionary(grouping: rows("posts_authors"), by: { string($0, "post_id") }).mapValues { $0.sorted { order($0) < order($1) } }
        var bundle = ImportBundle(source: "ghost")
        bundle.uploadsMarker = "/content/images/"
        // Newer exports keep a feature image's alt text and caption in `posts_meta`.
        let postsMeta = Dictionary(rows("posts_meta").map { (string($0, "post_id"), $0) }, uniquingKeysWith: { a, _ in a })
        bundle.authors = users.values.map { ImportedAuthor(name: string($0, "name"), bio: string($0, "bio")) }
            .filter { !$0.name.isEmpty }.sorted { $0.name < $1.name }
        for post in posts {
            let id = string(post, "id")
            let title = string(post, "title")
            if let type = post["type"] as? String, type != "post" {
                bundle.skipped.append(.init("\(type) “\(title.prefix(60))”", "only posts are imported"))
                continue
            }
            let status: StoryStatus
            switch string(post, "status") {
            case "published": status = .published
            case "scheduled": status = .scheduled
            default: status = .draft
            }
            var html = string(post, "html")
            if html.isEmpty {
                // An export without rendered HTML: the plain text, paragraph by paragraph.
                html = string(post, "plaintext").components(separatedBy: "\n\n").map { "<p>" + HTMLText.escape($0) + "</p>" }.joined()
            }
            let names = (postTags[id] ?? []).compactMap { tags[string($0, "tag_id")] }.filter { !$0.hasPrefix("#") }
            let authorNames = (postAuthors[id] ?? []).compactMap { users[string($0, "author_id")].map { string($0, "name") } }
                + ((postAuthors[id] ?? []).isEmpty ? [users[string(post, "author_id")].map { string($0, "name") }].compactMap { $0 } : [])
            let slug = string(post, "slug")
            let published = ImportBundle.date(string(post, "published_at"))
            bundle.stories.append(ImportedStory(
                key: "ghost:\(id)", headline: title.isEmpty ? "(untitled)" : title,
                lead: ImportBundle.lead(excerpt: string(post, "custom_excerpt"), body: HTMLToMarkdown.plainText(html)),
                body: HTMLToMarkdown.convert(html), slug: Slug.isValid(slug) ? slug : nil, status: status,
                publishedAt: status == .published ? published : nil, scheduledAt: status == .scheduled ? published : nil,
                rubric: names.first, tags: Array(names.dropFirst()), authors: authorNames,
                oldPaths: status == .published && Slug.isValid(slug) ? ["/\(slug)/"] : []
            ))
            let feature = string(post, "feature_image")
            if !feature.isEmpty, let path = ImportedImages.uploadsPath(of: feature, marker: bundle.uploadsMarker!) {
                let meta = postsMeta[id] ?? [:]
                func text(_ key: String) -> String {
                    let value = string(meta, key).isEmpty ? string(post, key) : string(meta, key)
                    return value == "<null>" ? "" : HTMLToMarkdown.plainText(value)
                }
                bundle.photos.append(ImportedPhoto(key: "ghost:feature:\(id)", path: path, caption: text("feature_image_caption"), altText: text("feature_image_alt")))
                bundle.stories[bundle.stories.count - 1].leadPhotoKey = "ghost:feature:\(id)"
            }
        }
        return bundle
    }
}
