import Foundation

/// An RSS 2.0 or Atom feed's items as stories: title, link (kept as the story's old address),
/// the full content when the feed has it (else the summary), date, categories and authors.
public enum FeedExport {
    public static func read(_ text: String) throws(XMLNode.ParseError) -> ImportBundle {
        let root = try XMLNode.parse(text)
        var bundle = ImportBundle(source: "feed")
        let entries: [XMLNode]
        let isAtom: Bool
        switch root.name {
        case "rss":
            guard let channel = root.child("channel") else { throw XMLNode.ParseError(description: "an RSS feed without <channel>") }
            entries = channel.all("item")
            isAtom = false
        case "feed":
            entries = root.all("entry")
            isAtom = true
        default:
            throw XMLNode.ParseError(description: "not an RSS or Atom feed (<\(root.name)>)")
        }
        for entry in entries {
            let title = HTMLToMarkdown.plainText(entry.value("title"))
            let link = isAtom
                ? (entry.all("link").first { ($0.attributes["rel"] ?? "alternate") == "alternate" }?.attributes["href"] ?? "")
                : entry.value("link")
            let id = isAtom ? entry.value("id") : (entry.value("guid").nilIfEmpty ?? link)
            guard !id.isEmpty || !link.isEmpty else {
                bundle.skipped.append(.init("item “\(title.prefix(60))”", "it has neither an id nor a link"))
                continue
            }
            let content = isAtom
                ? (entry.child("content")?.text ?? entry.value("summary"))
                : (entry.child("encoded", prefix: "content")?.text ?? entry.value("description"))
            let summary = isAtom ? entry.value("summary") : entry.value("description")
            let date = ImportBundle.date(isAtom ? (entry.value("published").nilIfEmpty ?? entry.value("updated")) : entry.value("pubDate"))
            let categories = isAtom
                ? entry.all("category").compactMap { $0.attributes["term"]?.nilIfEmpty }
                : entry.all("category").compactMap { $0.text.nilIfEmpty }
            let authors = isAtom
                ? entry.all("author").compactMap { $0.value("name").nilIfEmpty }
                : (entry.all("creator", prefix: "dc").compactMap { $0.text.nilIfEmpty } + entry.all("author").compactMap { $0.text.nilIfEmpty })
            let body = HTMLToMarkdown.convert(content)
            bundle.stories.append(ImportedStory(
                key: "feed:" + (id.isEmpty ? link : id), headline: title.isEmpty ? "(untitled)" : title,
                lead: ImportBundle.lead(excerpt: HTMLToMarkdown.plainText(summary), body: HTMLToMarkdown.plainText(content)),
                body: body, status: .published, publishedAt: date,
                rubric: categories.first, tags: Array(categories.dropFirst()), authors: authors,
                oldPaths: ImportBundle.path(of: link).map { $0 == "/" ? [] : [$0] } ?? []
            ))
        }
        return bundle
    }
}
