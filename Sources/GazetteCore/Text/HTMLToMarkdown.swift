import CLibXML2
import Foundation

/// Imported HTML (WordPress, Ghost, feeds, Disqus) as Markdown the editor can work with. The
/// HTML is sanitised first, so only the story allowlist's structure is converted; text is
/// escaped so that it stays text. The result then goes the way of every story body (cmark-gfm,
/// then the sanitiser again): imported HTML reaches a page only through the one door.
public enum HTMLToMarkdown {
    public static func convert(_ html: String) -> String {
        let clean = HTMLSanitizer.story.sanitize(html)
        let markdown = HTMLSanitizer.withBody(of: clean) { body -> String in
            var writer = Writer()
            writer.blocks(of: body)
            return writer.out
        } ?? ""
        // A block's separating line inside a quote is ">"; the last one separates nothing.
        var lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) == ">" ? ">" : String($0) }
        while let last = lines.last, last.allSatisfy({ $0 == ">" || $0 == " " }) { lines.removeLast() }
        return lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The text of HTML without any markup (comment bodies, leads from excerpts).
    public static func plainText(_ html: String) -> String {
        let clean = HTMLSanitizer.story.sanitize(html)
        let text = HTMLSanitizer.withBody(of: clean) { body -> String in
            var out = ""
            func walk(_ node: xmlNodePtr) {
                var child = node.pointee.children
                while let current = child {
                    if current.pointee.type == XML_TEXT_NODE, let content = current.pointee.content {
                        out += String(cString: content)
                    } else if current.pointee.type == XML_ELEMENT_NODE {
                        let name = HTMLSanitizer.name(of: current)
                        if ["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr"].contains(name), !out.isEmpty { out += "\n\n" }
                        if name == "br" { out += "\n" }
                        walk(current)
                    }
                    child = current.pointee.next
                }
            }
            walk(body)
            return out
        } ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ") }
            .joined(separator: "\n")
            .replacingOccurrences(of: "\n\n\n", with: "\n\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private struct Writer {
        var out = ""

        mutating func blocks(of parent: xmlNodePtr, prefix: String = "") {
            var inline = ""
            var child = parent.pointee.children
            func flush(_ writer: inout Writer) {
                let text = inline.trimmingCharacters(in: .whitespacesAndNewlines)
                if !text.isEmpty { writer.paragraph(text, prefix: prefix) }
                inline = ""
            }
            while let node = child {
                defer { child = node.pointee.next }
                if node.pointee.type == XML_ELEMENT_NODE, Self.blockNames.contains(HTMLSanitizer.name(of: node)) {
                    flush(&self)
                    block(node, prefix: prefix)
                } else {
                    inline += Self.inline(node)
                }
            }
            flush(&self)
        }

        static let blockNames: Set<String> = [
            "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "pre", "hr", "table", "figure", "figcaption", "dl", "dt", "dd",
        ]

        mutating func paragraph(_ text: String, prefix: String) {
            out += text.split(separator: "\n", omittingEmptySubsequences: false).map { prefix + $0 }.joined(separator: "\n") + "\n" + prefix + "\n"
        }

        mutating func block(_ node: xmlNodePtr, prefix: String) {
            let name = HTMLSanitizer.name(of: node)
            switch name {
            case "h1", "h2", "h3", "h4", "h5", "h6":
                let level = Int(String(name.dropFirst())) ?? 2
                let text = Self.inlineChildren(node).replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces)
                if !text.isEmpty { paragraph(String(repeating: "#", count: level) + " " + text, prefix: prefix) }
            case "hr":
                paragraph("---", prefix: prefix)
            case "blockquote":
                blocks(of: node, prefix: prefix + "> ")
            case "ul", "ol":
                var number = 1
                var item = node.pointee.children
                while let current = item {
                    defer { item = current.pointee.next }
                    guard current.pointee.type == XML_ELEMENT_NODE, HTMLSanitizer.name(of: current) == "li" else { continue }
                    let marker = name == "ol" ? "\(number). " : "- "
                    number += 1
                    var inner = Writer()
                    inner.blocks(of: current)
                    let lines = inner.out.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n", omittingEmptySubsequences: false)
                    let indent = String(repeating: " ", count: marker.count)
                    for (index, line) in lines.enumerated() {
                        out += prefix + (index == 0 ? marker : (line.isEmpty ? "" : indent)) + line + "\n"
                    }
                }
                out += prefix + "\n"
            case "pre":
                let code = Self.text(of: node)
                var language = ""
                if let first = node.pointee.children, HTMLSanitizer.name(of: first) == "code",
                   let classAttribute = Self.attribute("class", of: first), classAttribute.hasPrefix("language-") {
                    language = String(classAttribute.dropFirst("language-".count))
                }
                var fence = "```"
                while code.contains(fence) { fence += "`" }
                let body = code.hasSuffix("\n") ? code : code + "\n"
                out += prefix + fence + language + "\n" + body.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { prefix + $0 }.joined(separator: "\n") + "\n" + prefix + fence + "\n" + prefix + "\n"
            case "table":
                table(node, prefix: prefix)
            default:
                // figure, figcaption, dl, dt, dd, and p: their content as paragraphs.
                blocks(of: node, prefix: prefix)
            }
        }

        mutating func table(_ node: xmlNodePtr, prefix: String) {
            var rows: [[String]] = []
            func collect(_ parent: xmlNodePtr) {
                var child = parent.pointee.children
                while let current = child {
                    defer { child = current.pointee.next }
                    guard current.pointee.type == XML_ELEMENT_NODE else { continue }
                    let name = HTMLSanitizer.name(of: current)
                    if name == "tr" {
                        var cells: [String] = []
                        var cell = current.pointee.children
                        while let td = cell {
                            if td.pointee.type == XML_ELEMENT_NODE, ["td", "th"].contains(HTMLSanitizer.name(of: td)) {
                                cells.append(Self.inlineChildren(td).replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "|", with: "\\|").trimmingCharacters(in: .whitespaces))
                            }
                            cell = td.pointee.next
                        }
                        rows.append(cells)
                    } else {
                        collect(current)
                    }
                }
            }
            collect(node)
            guard let width = rows.map(\.count).max(), width > 0 else { return }
            let padded = rows.map { $0 + Array(repeating: "", count: width - $0.count) }
            var lines = ["| " + padded[0].joined(separator: " | ") + " |", "|" + Array(repeating: " --- |", count: width).joined()]
            lines += padded.dropFirst().map { "| " + $0.joined(separator: " | ") + " |" }
            paragraph(lines.joined(separator: "\n"), prefix: prefix)
        }

        static func attribute(_ name: String, of node: xmlNodePtr) -> String? {
            var property = node.pointee.properties
            while let attribute = property {
                if let raw = attribute.pointee.name, String(cString: raw) == name { return HTMLSanitizer.attributeValue(attribute) }
                property = attribute.pointee.next
            }
            return nil
        }

        static func text(of node: xmlNodePtr) -> String {
            var out = ""
            var child = node.pointee.children
            while let current = child {
                if current.pointee.type == XML_TEXT_NODE, let content = current.pointee.content {
                    out += String(cString: content)
                } else if current.pointee.type == XML_ELEMENT_NODE {
                    out += HTMLSanitizer.name(of: current) == "br" ? "\n" : text(of: current)
                }
                child = current.pointee.next
            }
            return out
        }

        static func inlineChildren(_ node: xmlNodePtr) -> String {
            var out = ""
            var child = node.pointee.children
            while let current = child {
                out += inline(current)
                child = current.pointee.next
            }
            return out
        }

        /// One inline node as Markdown.
        static func inline(_ node: xmlNodePtr) -> String {
            if node.pointee.type == XML_TEXT_NODE, let content = node.pointee.content {
                return escape(String(cString: content).replacingOccurrences(of: "\n", with: " "))
            }
            guard node.pointee.type == XML_ELEMENT_NODE else { return "" }
            let name = HTMLSanitizer.name(of: node)
            let inner = inlineChildren(node)
            let trimmed = inner.trimmingCharacters(in: .whitespaces)
            switch name {
            case "br": return "\\\n"
            case "strong", "b": return trimmed.isEmpty ? inner : "**" + trimmed + "**"
            case "em", "i", "cite": return trimmed.isEmpty ? inner : "*" + trimmed + "*"
            case "s", "del": return trimmed.isEmpty ? inner : "~~" + trimmed + "~~"
            case "code":
                let code = text(of: node)
                var fence = "`"
                while code.contains(fence) { fence += "`" }
                return code.isEmpty ? "" : fence + (code.hasPrefix("`") ? " " : "") + code + (code.hasSuffix("`") ? " " : "") + fence
            case "a":
                guard let href = attribute("href", of: node) else { return inner }
                return "[" + (trimmed.isEmpty ? escape(href) : trimmed) + "](" + destination(href) + ")"
            case "img":
                guard let src = attribute("src", of: node) else { return "" }
                return "![" + escape(attribute("alt", of: node) ?? "") + "](" + destination(src) + ")"
            default:
                return inner
            }
        }

        /// A link target in angle brackets when it has spaces or brackets.
        static func destination(_ url: String) -> String {
            if url.contains(where: { " ()<>".contains($0) }) {
                return "<" + url.replacingOccurrences(of: "<", with: "%3C").replacingOccurrences(of: ">", with: "%3E") + ">"
            }
            return url
        }

        /// Backslash-escapes what Markdown would read as markup; CommonMark keeps any escaped
        /// ASCII punctuation literal.
        static func escape(_ text: String) -> String {
            var out = ""
            out.reserveCapacity(text.utf8.count)
            for character in text {
                if "\\`*_[]<>|~&#".contains(character) { out.append("\\") }
                out.append(character)
            }
            // Markers that only count at the start of a line.
            if let first = out.first, "-+=".contains(first) { out = "\\" + out }
            if let dot = out.firstIndex(where: { !$0.isNumber }), dot != out.startIndex, ".)".contains(out[dot]) {
                out.insert("\\", at: dot)
            }
            return out
        }
    }
}
