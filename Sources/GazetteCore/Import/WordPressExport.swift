import Foundation

/// A WordPress export (WXR 1.2, what Tools → Export writes) as an `ImportBundle`: posts
/// (published; drafts, pending and private as drafts; scheduled as scheduled; trash left out),
/// categories as rubrics (the first one), tags, authors with their display names, comments with
/// threading and approval state, and the addresses posts had (`/?p=ID` and their permalink).
public enum WordPressExport {
    public static func read(_ text: String) throws(XMLNode.ParseError) -> ImportBundle {
        let root = try XMLNode.parse(text)
        guard root.name == "rss", let channel = root.child("channel") else {
            throw XMLNode.ParseError(description: "not a WordPress export (no <rss><channel>)")
        }
        var bundle = ImportBundle(source: "wordpress")
        bundle.uploadsMarker = "/wp-content/uploads/"
        var displayNames: [String: String] = [:]
        for author in channel.all("author", prefix: "wp") {
            let login = author.value("author_login", prefix: "wp")
            let name = author.value("author_display_name", prefix: "wp")
            displayNames[login] = name.isEmpty ? login : name
        }
        bundle.authors = displayNames.values.sorted().map { ImportedAuthor(name: $0) }
        let site = channel.value("link")
        for item in channel.all("item") {
            let type = item.value("post_type", prefix: "wp")
            let id = item.value("post_id", prefix: "wp")
            let title = item.value("title")
            switch type {
            case "post": break
            case "attachment":
                let url = item.value("attachment_url", prefix: "wp")
                bundle.attachments.append(url.isEmpty ? item.value("guid") : url)
                let meta = Self.postmeta(item)
                // `_wp_attached_file` is the path under wp-content/uploads; older exports only have the URL.
                let path = meta["_wp_attached_file"].flatMap { $0.isEmpty ? nil : $0 }
                    ?? ImportedImages.uploadsPath(of: url, marker: bundle.uploadsMarker!)
                if let path {
                    bundle.photos.append(ImportedPhoto(
                        key: "wordpress:\(site):\(id)", path: path,
                        caption: HTMLToMarkdown.plainText(item.value("encoded", prefix: "excerpt")),
                        altText: meta["_wp_attachment_image_alt"] ?? ""
                    ))
                }
                continue
            default:
                bundle.skipped.append(.init("\(type) \(id) “\(title)”", "only posts are imported (\(type.isEmpty ? "no type" : type))"))
                continue
            }
            let wpStatus = item.value("status", prefix: "wp")
            let status: StoryStatus
            switch wpStatus {
            case "publish": status = .published
            case "future": status = .scheduled
            case "draft", "pending", "private", "auto-draft", "inherit": status = .draft
            case "trash":
                bundle.skipped.append(.init("post \(id) “\(title)”", "in the trash"))
                continue
            default: status = .draft
            }
            let date = ImportBundle.date(item.value("post_date_gmt", prefix: "wp")) ?? ImportBundle.date(item.value("post_date", prefix: "wp"))
                ?? ImportBundle.date(item.value("pubDate"))
            let body = HTMLToMarkdown.convert(wpautop(item.value("encoded", prefix: "content")))
            let excerpt = HTMLToMarkdown.plainText(item.value("encoded", prefix: "excerpt"))
            let categories = item.all("category").filter { $0.attributes["domain"] == "category" }
                .map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
                .filter { !$0.isEmpty && $0 != "Uncategorized" }
            let tags = item.all("category").filter { $0.attributes["domain"] == "post_tag" }
                .map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            let login = item.value("creator", prefix: "dc")
            var oldPaths = ["/?p=\(id)"]
            if status == .published, let path = ImportBundle.path(of: item.value("link")), path != "/", !oldPaths.contains(path) {
                oldPaths.append(path)
            }
            let slug = item.value("post_name", prefix: "wp").removingPercentEncoding ?? ""
            let key = "wordpress:\(site):\(id)"
            bundle.stories.append(ImportedStory(
                key: key, headline: title.isEmpty ? "(untitled)" : title,
                lead: ImportBundle.lead(excerpt: excerpt, body: HTMLToMarkdown.plainText(item.value("encoded", prefix: "content"))),
                body: body, slug: Slug.isValid(slug) ? slug : nil, status: status,
                publishedAt: status == .published ? date : nil, scheduledAt: status == .scheduled ? date : nil,
                rubric: categories.first, tags: categories.dropFirst() + tags,
                authors: login.isEmpty ? [] : [displayNames[login] ?? login], oldPaths: oldPaths,
                commentPolicy: item.value("comment_status", prefix: "wp") == "closed" ? .closed : .open
            ))
            if let thumbnail = Self.postmeta(item)["_thumbnail_id"], !thumbnail.isEmpty {
                bundle.stories[bundle.stories.count - 1].leadPhotoKey = "wordpress:\(site):\(thumbnail)"
            }
            for comment in item.all("comment", prefix: "wp") {
                let commentID = comment.value("comment_id", prefix: "wp")
                let commentType = comment.value("comment_type", prefix: "wp")
                if ["pingback", "trackback"].contains(commentType) {
                    bundle.skipped.append(.init("\(commentType) \(commentID) on post \(id)", "pingbacks and trackbacks are not comments"))
                    continue
                }
                let approved = comment.value("comment_approved", prefix: "wp")
                let state: ModerationStatus
                switch approved {
                case "1", "approve": state = .published
                case "spam": state = .spam
                case "trash": state = .rejected
                default: state = .pending
                }
                let parent = comment.value("comment_parent", prefix: "wp")
                let author = comment.value("comment_author", prefix: "wp")
                bundle.comments.append(ImportedComment(
                    key: "wordpress:\(site):comment:\(commentID)", story: .imported(key: key),
                    parentKey: parent.isEmpty || parent == "0" ? nil : "wordpress:\(site):comment:\(parent)",
                    name: author.isEmpty ? "Anonymous" : author,
                    email: comment.value("comment_author_email", prefix: "wp").nilIfEmpty,
                    text: HTMLToMarkdown.plainText(wpautop(comment.value("comment_content", prefix: "wp"))),
                    createdAt: ImportBundle.date(comment.value("comment_date_gmt", prefix: "wp"))
                        ?? ImportBundle.date(comment.value("comment_date", prefix: "wp")) ?? date ?? Date(timeIntervalSince1970: 0),
                    status: state
                ))
            }
        }
        return bundle
    }

    /// WordPress stores paragraphs as blank lines and adds `<p>` only when it shows a post
    /// (`wpautop`); the export keeps the blank lines. Text without block tags gets them here.
    static func wpautop(_ html: String) -> String {
        let trimmed = html.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return "" }
        return trimmed.replacingOccurrences(of: "\r\n", with: "\n")
            .components(separatedBy: "\n\n")
            .map { block -> String in
                let text = block.trimmingCharacters(in: .whitespacesAndNewlines)
                if text.isEmpty { return "" }
                if text.hasPrefix("<") && ["<p", "<h", "<ul", "<ol", "<blockquote", "<pre", "<table", "<figure", "<div", "<hr", "<!--"].contains(where: { text.lowercased().hasPrefix($0) }) {
                    return text
                }
                return "<p>" + text.replacingOccurrences(of: "\n", with: "<br>") + "</p>"
            }
            .joined(separator: "\n")
    }

    /// An item's `<wp:postmeta>` pairs (`_thumbnail_id`, `_wp_attached_file`, …).
    static func postmeta(_ item: XMLNode) -> [String: String] {
        var meta: [String: String] = [:]
        for entry in item.all("postmeta", prefix: "wp") {
            meta[entry.value("meta_key", prefix: "wp")] = entry.value("meta_value", prefix: "wp")
        }
        return meta
    }
}

extension String {
    var nilIfEmpty: String? {
        let trimmed = trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

}
