import Foundation

/// A Disqus comments export (the XML Disqus mails from Admin → Export): threads matched to
/// stories by the address they were on, posts with their replies, deleted and spam state.
public enum DisqusExport {
    public static func read(_ text: String) throws(XMLNode.ParseError) -> ImportBundle {
        let root = try XMLNode.parse(text)
        guard root.name == "disqus" else { throw XMLNode.ParseError(description: "not a Disqus export (no <disqus>)") }
        var bundle = ImportBundle(source: "disqus")
        var threads: [String: String] = [:]
        for thread in root.all("thread") {
            guard let id = thread.attributes["dsq:id"] else { continue }
            let link = thread.value("link")
            if let path = ImportBundle.path(of: link) { threads[id] = path } else {
                bundle.skipped.append(.init("thread \(id)", "its address \(link.prefix(80)) cannot be read"))
            }
        }
        for post in root.all("post") {
            guard let id = post.attributes["dsq:id"] else { continue }
            guard let threadID = post.child("thread")?.attributes["dsq:id"], let path = threads[threadID] else {
                bundle.skipped.append(.init("post \(id)", "its thread is not in the export"))
                continue
            }
            let deleted = post.value("isDeleted") == "true"
            let spam = post.value("isSpam") == "true"
            let author = post.child("author")
            let name = author?.value("name") ?? ""
            bundle.comments.append(ImportedComment(
                key: "disqus:\(id)", story: .path(path),
                parentKey: post.child("parent")?.attributes["dsq:id"].map { "disqus:\($0)" },
                name: name.isEmpty ? (author?.value("username") ?? "Anonymous") : name,
                email: author?.value("email").nilIfEmpty,
                text: deleted ? "" : HTMLToMarkdown.plainText(post.value("message")),
                createdAt: ImportBundle.date(post.value("createdAt")) ?? Date(timeIntervalSince1970: 0),
                status: deleted ? .deleted : spam ? .spam : .published
            ))
        }
        return bundle
    }
}
