import CCmarkGFM
import Foundation
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

    /// `photos` are the library photos the body names (`![alt](media:ID)` or a photo's
    /// address): each becomes a `<picture>` with its sizes, and a photo alone in its paragraph
    /// a `<figure>` with caption and credit. A `media:` reference to a photo not given is
    /// left as its alt text.
    public func html(from markdown: String, photos: [UUID: Photo] = [:]) -> String {
        precondition(Self.extensionsReady)
        let options = CMARK_OPT_VALIDATE_UTF8
        guard let parser = cmark_parser_new(options) else { return "" }
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough", "autolink"] {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        let markdown = markdown.contains(where: { $0 == Self.markerStart || $0 == Self.markerEnd })
            ? String(markdown.filter { $0 != Self.markerStart && $0 != Self.markerEnd }) : markdown
        markdown.utf8CString.withUnsafeBufferPointer { bytes in
            cmark_parser_feed(parser, bytes.baseAddress, bytes.count - 1)
        }
        guard let document = cmark_parser_finish(parser) else { return "" }
        defer { cmark_node_free(document) }
        Self.showRawHTMLAsText(in: document)
        let photoMarkup = Self.placePhotos(in: document, photos: photos)
        guard let rendered = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else { return "" }
        let html = Self.insertPhotos(photoMarkup, into: String(cString: rendered))
        free(rendered)
        return HTMLSanitizer.story.sanitize(html)
    }

    /// Library photos in place of their image nodes. cmark's safe mode writes no raw HTML, so
    /// each photo goes in as a marker text (private-use characters, removed from the author's
    /// Markdown first) that `insertPhotos` swaps for HTML built here from escaped parts; it
    /// then passes through the sanitiser with everything else.
    static func placePhotos(in document: OpaquePointer, photos: [UUID: Photo]) -> [String] {
        var images: [OpaquePointer] = []
        guard let iterator = cmark_iter_new(document) else { return [] }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator), cmark_node_get_type(node) == CMARK_NODE_IMAGE else { continue }
            if cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER { images.append(node) }
        }
        cmark_iter_free(iterator)
        var markup: [String] = []
        for image in images {
            let url = cmark_node_get_url(image).map { String(cString: $0) } ?? ""
            guard let id = PhotoMarkup.photoID(inImageURL: url) else { continue }
            let alt = plainText(of: image)
            let text = cmark_node_new(CMARK_NODE_TEXT)
            if let photo = photos[id] {
                let parent = cmark_node_parent(image)
                let alone = parent.map { cmark_node_get_type($0) == CMARK_NODE_PARAGRAPH && cmark_node_first_child($0) == image && cmark_node_last_child($0) == image } ?? false
                markup.append(alone ? PhotoMarkup.figure(photo, alt: alt) : PhotoMarkup.picture(photo, alt: alt, sizes: "(min-width: 40rem) 20rem, 50vw"))
                cmark_node_set_literal(text, marker(markup.count - 1))
            } else {
                cmark_node_set_literal(text, alt)
            }
            cmark_node_insert_before(image, text)
            cmark_node_unlink(image)
            cmark_node_free(image)
        }
        return markup
    }

    static let markerStart: Character = "\u{E000}"
    static let markerEnd: Character = "\u{E001}"

    static func marker(_ index: Int) -> String { "\(markerStart)\(index)\(markerEnd)" }

    /// The rendered HTML with each marker replaced: a figure takes its whole paragraph.
    static func insertPhotos(_ markup: [String], into html: String) -> String {
        guard !markup.isEmpty else { return html }
        var html = html
        for (index, piece) in markup.enumerated() {
            let marker = marker(index)
            if piece.hasPrefix("<figure") {
                html = html.replacingOccurrences(of: "<p>\(marker)</p>", with: piece)
            }
            html = html.replacingOccurrences(of: marker, with: piece)
        }
        return html
    }

    static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        guard let iterator = cmark_iter_new(node) else { return "" }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard let child = cmark_iter_get_node(iterator), cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER else { continue }
            let type = cmark_node_get_type(child)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE, let literal = cmark_node_get_literal(child) {
                text += String(cString: literal)
            }
        }
        cmark_iter_free(iterator)
        return text
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

/// Escaping for text placed into HTML, by code and by every template (`Theme` installs it as
/// the templates' escaping).
///
/// It works on UTF-8 bytes, not on `Character`s: a quote or `<` followed by a combining mark
/// (`"\u{301}`) is one `Character` that is not equal to `"`, so escaping by `Character` — as
/// swift-mustache's own escaping does — let a raw `"` out of an attribute value. Text with
/// nothing to escape is returned as it is, without a copy.
public enum HTMLText {
    public static func escape(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.contains(where: needsEscape) else { return nil }
            var out = [UInt8]()
            out.reserveCapacity(bytes.count + 32)
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        } ?? text
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): return true
        default: return false
        }
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
