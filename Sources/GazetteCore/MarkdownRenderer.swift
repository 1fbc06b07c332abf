import Ink

/// Renders a story's Markdown body to HTML once, when the story is saved.
///
/// Raw HTML inside the Markdown is shown as text, never passed through: story text can come
/// from authors with few rights and from imports, and neither may inject markup or scripts.
/// Links and images keep only safe URL schemes.
public struct MarkdownRenderer: Sendable {
    public init() {}

    public func html(from markdown: String) -> String {
        let parser = MarkdownParser(modifiers: [
            // Covers block and inline HTML alike.
            Modifier(target: .html) { _, markdown in HTMLText.escape(String(markdown)) },
            Modifier(target: .links) { html, markdown in Self.safeLink(html: html, markdown: markdown) },
            Modifier(target: .images) { _, markdown in Self.safeImage(markdown: markdown) },
        ])
        return parser.html(from: markdown)
    }

    /// Ink writes `<a href="URL">text</a>` without escaping the URL, so a quote in it could
    /// open a new attribute. The link is rebuilt with an escaped, checked URL; links by
    /// reference (`[text][ref]`) show as their text.
    static func safeLink(html: String, markdown: Substring) -> String {
        guard let target = inlineTarget(markdown) else { return HTMLText.escape(linkText(markdown)) }
        let prefix = "<a href=\"\(target)\">"
        guard URLSafety.isSafe(target), html.hasPrefix(prefix), html.hasSuffix("</a>") else {
            return HTMLText.escape(linkText(markdown))
        }
        let inner = html.dropFirst(prefix.count).dropLast(4)
        return "<a href=\"\(HTMLText.escape(target))\">\(inner)</a>"
    }

    static func safeImage(markdown: Substring) -> String {
        guard let target = inlineTarget(markdown), URLSafety.isSafe(target) else { return "" }
        let alt = linkText(markdown.dropFirst())
        return "<img src=\"\(HTMLText.escape(target))\" alt=\"\(HTMLText.escape(alt))\"/>"
    }

    /// The URL of `[text](URL)`, or nil for other forms.
    static func inlineTarget(_ markdown: Substring) -> String? {
        guard let open = markdown.range(of: "]("), markdown.hasSuffix(")") else { return nil }
        return String(markdown[open.upperBound...].dropLast())
    }

    static func linkText(_ markdown: Substring) -> String {
        guard let close = markdown.range(of: "](")?.lowerBound ?? markdown.firstIndex(of: "]") else { return String(markdown) }
        return String(markdown[markdown.index(after: markdown.startIndex)..<close])
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
