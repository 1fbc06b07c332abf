import CCmarkGFM
#if canImport(Glibc)
import Glibc
#endif

/// Renders a story's Markdown body to HTML once, when the story is saved (and for Preview).
///
/// cmark-gfm, the CommonMark reference parser GitHub uses (linear time, fuzzed continuously),
/// with GitHub's tables, strikethrough and autolinks. Raw HTML in the Markdown is turned into
/// text before rendering, so it shows as typed; and whatever cmark writes still goes through
/// `HTMLSanitizer.story` — the renderer's output is never trusted by itself.
public struct MarkdownRenderer: Sendable {
    public init() {}

    /// The extensions register themselves once per process.
    private static let extensionsReady: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    public func html(from markdown: String) -> String {
        precondition(Self.extensionsReady)
        let options = CMARK_OPT_VALIDATE_UTF8
        guard let parser = cmark_parser_new(options) else { return "" }
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough", "autolink"] {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        markdown.utf8CString.withUnsafeBufferPointer { bytes in
            cmark_parser_feed(parser, bytes.baseAddress, bytes.count - 1)
        }
        guard let document = cmark_parser_finish(parser) else { return "" }
        defer { cmark_node_free(document) }
        Self.showRawHTMLAsText(in: document)
        guard let rendered = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else { return "" }
        let html = String(cString: rendered)
        free(rendered)
        return HTMLSanitizer.story.sanitize(html)
    }

    /// Replaces every raw HTML node by text with the same characters (a block becomes a
    /// paragraph with its line breaks), so `<b>` shows as `<b>`.
    static func showRawHTMLAsText(in document: OpaquePointer) {
        var found: [OpaquePointer] = []
        guard let iterator = cmark_iter_new(document) else { return }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE { found.append(node) }
        }
        cmark_iter_free(iterator)
        for node in found {
            let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            if cmark_node_get_type(node) == CMARK_NODE_HTML_INLINE {
                let text = cmark_node_new(CMARK_NODE_TEXT)
                cmark_node_set_literal(text, literal)
                cmark_node_insert_before(node, text)
            } else {
                let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH)
                let lines = literal.split(separator: "\n", omittingEmptySubsequences: true)
                for (index, line) in lines.enumerated() {
                    if index > 0 { cmark_node_append_child(paragraph, cmark_node_new(CMARK_NODE_LINEBREAK)) }
                    let text = cmark_node_new(CMARK_NODE_TEXT)
                    cmark_node_set_literal(text, String(line))
                    cmark_node_append_child(paragraph, text)
                }
                cmark_node_insert_before(node, paragraph)
            }
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
    }
}

/// Which link targets may appear in rendered text.
public enum URLSafety {
    public static func isSafe(_ target: String) -> Bool {
        // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
        let compact = String(target.unicodeScalars.filter { $0.value > 0x20 && $0 != "\u{7F}" }).lowercased()
        guard let colon = compact.firstIndex(of: ":") else { return true }  // relative URL
        if let slash = compact.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }), slash < colon {
            return true  // the colon is in the path, not a scheme
        }
        let scheme = compact[..<colon]
        return ["http", "https", "mailto"].contains(String(scheme))
    }

    /// Image sources: http, https or relative (no `mailto:`, no `data:`).
    public static func isSafeImage(_ target: String) -> Bool {
        guard isSafe(target) else { return false }
        let compact = String(target.unicodeScalars.filter { $0.value > 0x20 && $0 != "\u{7F}" }).lowercased()
        return !compact.hasPrefix("mailto:")
    }
}

/// Escaping for text placed into HTML by code (templates escape on their own).
public enum HTMLText {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}

/// Turns plain text (as imports deliver it) into Markdown that renders as the same text:
/// one paragraph per line, Markdown punctuation escaped so it stays literal.
public enum PlainText {
    public static func markdown(from text: String) -> String {
        text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingPrefix(while: \.isWhitespace) }
            .filter { !$0.isEmpty }
            .map { escapeMarkdown(String($0)) }
            .joined(separator: "\n\n")
    }

    static let markdownPunctuation: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "#", "|", "!", "~"]

    static func escapeMarkdown(_ line: String) -> String {
        var out = ""
        for character in line {
            if markdownPunctuation.contains(character) { out.append("\\") }
            out.append(character)
        }
        // A line like "1. Something" or "- item" would become a list; "+" too.
        if let first = out.first, "-+".contains(first) { out = "\\" + out }
        if let dot = out.firstIndex(of: "."), out[..<dot].allSatisfy(\.isNumber), !out[..<dot].isEmpty {
            out.insert("\\", at: dot)
        }
        return out
    }
}
