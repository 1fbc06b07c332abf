import Foundation
import GazetteCore

/// A feed of stories or comments, independent of its format; every URL absolute.
struct Feed: Sendable {
    var title: String
    var description: String
    var homeURL: String
    var feedURL: String
    var language: String
    /// The newest change of any item (the feed's `Last-Modified`).
    var updated: Date
    var items: [FeedItem]

    struct Author: Sendable, Equatable {
        var name: String
        var url: String?
    }
}

struct FeedItem: Sendable {
    /// Never changes, whatever happens to the slug: `urn:uuid:` and the story's or comment's id.
    var id: String
    var url: String
    var title: String
    var summary: String
    /// Sanitised HTML (the story body or the comment as the page shows it).
    var contentHTML: String
    /// The lead photo: `<media:content>` and an enclosure in RSS, an enclosure link in Atom,
    /// `image` in JSON Feed.
    var image: Image? = nil
    var published: Date
    var updated: Date
    var authors: [Feed.Author]
    var categories: [String]

    struct Image: Sendable {
        var url: String
        var type: String
        var width: Int
        var height: Int
        var alt: String
        var caption: String
        var credit: String

        /// Built from escaped parts.
        var figureHTML: String {
            let h = HTMLText.escape
            var caption = h(self.caption)
            if !credit.isEmpty { caption += (caption.isEmpty ? "" : " ") + "<small>\(h(credit))</small>" }
            return "<figure><img src=\"\(h(url))\" width=\"\(width)\" height=\"\(height)\" alt=\"\(h(alt))\">"
                + (caption.isEmpty ? "" : "<figcaption>\(caption)</figcaption>") + "</figure>"
        }
    }

    /// Photo addresses in sanitised HTML (`src="/media/…"`, `srcset` entries) made absolute.
    static func absolutePhotoAddresses(in html: String, base: String) -> String {
        let root = SiteURL.absolute("", base: base)
        let prefix = Route.photoPrefix
        return html.replacingOccurrences(of: "\"\(prefix)", with: "\"\(root)\(prefix)")
            .replacingOccurrences(of: ", \(prefix)", with: ", \(root)\(prefix)")
    }
}

/// The three formats every feed is served in.
enum FeedFormat: String, CaseIterable, Sendable {
    case rss, atom, json

    var contentType: String {
        switch self {
        case .rss: return "application/rss+xml; charset=utf-8"
        case .atom: return "application/atom+xml; charset=utf-8"
        case .json: return "application/feed+json; charset=utf-8"
        }
    }

    /// The type `<link rel="alternate">` names.
    var linkType: String {
        switch self {
        case .rss: return "application/rss+xml"
        case .atom: return "application/atom+xml"
        case .json: return "application/feed+json"
        }
    }

    var label: String {
        switch self {
        case .rss: return "RSS"
        case .atom: return "Atom"
        case .json: return "JSON Feed"
        }
    }

    func render(_ feed: Feed) throws -> String {
        switch self {
        case .rss: return FeedWriter.rss(feed)
        case .atom: return FeedWriter.atom(feed)
        case .json: return try FeedWriter.json(feed)
        }
    }
}

/// Writes a `Feed` as RSS 2.0, Atom 1.0 or JSON Feed 1.1. Every text goes through `XMLText`
/// (or the JSON encoder); HTML content is carried as escaped text, never as markup.
enum FeedWriter {
    static func rss(_ feed: Feed) -> String {
        let x = XMLText.escape
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
            <channel>
            <title>\(x(feed.title))</title>
            <link>\(x(feed.homeURL))</link>
            <description>\(x(feed.description))</description>
            <language>\(x(feed.language))</language>
            <lastBuildDate>\(HTTPDate.format(feed.updated))</lastBuildDate>
            <atom:link href="\(x(feed.feedURL))" rel="self" type="application/rss+xml"/>

            """
        for item in feed.items {
            out += "<item>\n<title>\(x(item.title))</title>\n<link>\(x(item.url))</link>\n"
            out += "<guid isPermaLink=\"false\">\(x(item.id))</guid>\n<pubDate>\(HTTPDate.format(item.published))</pubDate>\n"
            for author in item.authors { out += "<dc:creator>\(x(author.name))</dc:creator>\n" }
            for category in item.categories { out += "<category>\(x(category))</category>\n" }
            if let image = item.image {
                out += "<enclosure url=\"\(x(image.url))\" length=\"0\" type=\"\(x(image.type))\"/>\n"
                out += "<media:content url=\"\(x(image.url))\" type=\"\(x(image.type))\" medium=\"image\" width=\"\(image.width)\" height=\"\(image.height)\">"
                if !image.caption.isEmpty || !image.alt.isEmpty { out += "<media:description type=\"plain\">\(x(image.caption.isEmpty ? image.alt : image.caption))</media:description>" }
                if !image.credit.isEmpty { out += "<media:credit>\(x(image.credit))</media:credit>" }
                out += "</media:content>\n"
            }
            out += "<description>\(x(item.summary))</description>\n<content:encoded>\(x(item.contentHTML))</content:encoded>\n</item>\n"
        }
        return out + "</channel>\n</rss>\n"
    }

    static func atom(_ feed: Feed) -> String {
        let x = XMLText.escape
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(x(feed.language))">
            <id>\(x(feed.feedURL))</id>
            <title>\(x(feed.title))</title>
            <subtitle>\(x(feed.description))</subtitle>
            <updated>\(rfc3339(feed.updated))</updated>
            <link rel="self" type="application/atom+xml" href="\(x(feed.feedURL))"/>
            <link rel="alternate" type="text/html" href="\(x(feed.homeURL))"/>
            <author><name>\(x(feed.title))</name></author>

            """
        for item in feed.items {
            out += "<entry>\n<id>\(x(item.id))</id>\n<title type=\"text\">\(x(item.title))</title>\n"
            out += "<link rel=\"alternate\" type=\"text/html\" href=\"\(x(item.url))\"/>\n"
            out += "<published>\(rfc3339(item.published))</published>\n<updated>\(rfc3339(item.updated))</updated>\n"
            for author in item.authors {
                out += "<author><name>\(x(author.name))</name>" + (author.url.map { "<uri>\(x($0))</uri>" } ?? "") + "</author>\n"
            }
            for category in item.categories { out += "<category term=\"\(x(category))\"/>\n" }
            if let image = item.image { out += "<link rel=\"enclosure\" type=\"\(x(image.type))\" href=\"\(x(image.url))\"/>\n" }
            out += "<summary type=\"text\">\(x(item.summary))</summary>\n<content type=\"html\">\(x(item.contentHTML))</content>\n</entry>\n"
        }
        return out + "</feed>\n"
    }

    struct JSONFeed: Encodable {
        var version = "https://jsonfeed.org/version/1.1"
        var title: String
        var home_page_url: String
        var feed_url: String
        var description: String
        var language: String
        var items: [Item]

        struct Item: Encodable {
            var id: String
            var url: String
            var title: String
            var summary: String
            var content_html: String
            var image: String?
            var date_published: String
            var date_modified: String
            var authors: [Author]
            var tags: [String]
        }

        struct Author: Encodable {
            var name: String
            var url: String?
        }
    }

    static func json(_ feed: Feed) throws -> String {
        let document = JSONFeed(
            title: feed.title, home_page_url: feed.homeURL, feed_url: feed.feedURL, description: feed.description,
            language: feed.language,
            items: feed.items.map { item in
                JSONFeed.Item(
                    id: item.id, url: item.url, title: item.title, summary: item.summary, content_html: item.contentHTML,
                    image: item.image?.url, date_published: rfc3339(item.published), date_modified: rfc3339(item.updated),
                    authors: item.authors.map { JSONFeed.Author(name: $0.name, url: $0.url) }, tags: item.categories
                )
            }
        )
        return String(decoding: try JSONResponse.encoder.encode(document), as: UTF8.self)
    }

    static func rfc3339(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
