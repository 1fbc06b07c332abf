import Foundation

/// Reader text: normalised, checked and rendered from a small Markdown subset.
///
/// Rendering escapes every character it emits and only then adds the few tags it makes
/// itself (`p`, `br`, `em`, `strong`, `code`, `blockquote`, `a`), so no markup a reader
/// types can ever reach the page.
public enum CommentText {
    public static let nameMaxLength = 60
    public static let textMaxLength = 5_000
    static let linkRel = "nofollow ugc noopener"

    /// NFC, no control characters (newlines kept in text, not in names), trimmed; in text,
    /// no trailing spaces and at most one blank line between paragraphs. One pass over the
    /// scalars: this runs for every comment posted.
    public static func normalize(_ text: String, multiline: Bool) -> String {
        // ASCII is already in NFC; only other text pays for the normalisation.
        let composed = text.utf8.allSatisfy { $0 < 0x80 } ? text : text.precomposedStringWithCanonicalMapping
        var lines: [String.UnicodeScalarView] = [String.UnicodeScalarView()]
        var previous: Unicode.Scalar = " "
        for scalar in composed.unicodeScalars {
            defer { previous = scalar }
            switch scalar.properties.generalCategory {
            case .control:
                if scalar == "\n" && previous == "\r" { continue }  // CRLF is one line break
                if scalar == "\n" || scalar == "\r" {
                    if multiline { lines.append(String.UnicodeScalarView()) } else { lines[lines.count - 1].append(" ") }
                } else if scalar == "\t" {
                    lines[lines.count - 1].append(" ")
                }
            case .format where scalar != "\u{200D}":  // bidi overrides and invisible marks, but keep emoji joiners
                continue
            case .lineSeparator, .paragraphSeparator:
                if multiline { lines.append(String.UnicodeScalarView()) } else { lines[lines.count - 1].append(" ") }
            default:
                lines[lines.count - 1].append(scalar)
            }
        }
        if !multiline {
            return String(lines[0]).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        var result = String.UnicodeScalarView()
        var blank = true  // so blank lines at the start are dropped
        for var line in lines {
            while let last = line.last, last.properties.isWhitespace { line.removeLast() }
            if line.isEmpty {
                if !blank { result.append("\n") }
                blank = true
                continue
            }
            if !result.isEmpty { result.append("\n") }
            result.append(contentsOf: line)
            blank = false
        }
        return String(result).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Problems with a name and text, keyed by field.
    public static func problems(name: String, text: String, email: String?) -> [String: String] {
        var problems: [String: String] = [:]
        if name.isEmpty { problems["name"] = "Give a name to show with your comment." }
        if name.count > nameMaxLength { problems["name"] = "At most \(nameMaxLength) characters." }
        if text.isEmpty { problems["text"] = "Write a comment." }
        if text.count > textMaxLength { problems["text"] = "At most \(textMaxLength) characters (now \(text.count))." }
        if let email, !email.isEmpty {
            let parts = email.split(separator: "@")
            if email.count > 200 || parts.count != 2 || !parts[1].contains(".") || email.contains(where: \.isWhitespace) {
                problems["email"] = "This is not an e-mail address."
            }
        }
        return problems
    }

    /// How many links a text makes (bare URLs and `[text](url)`).
    public static func linkCount(_ text: String) -> Int {
        let lower = text.lowercased()
        return ["http://", "https://", "mailto:"].reduce(0) { $0 + lower.components(separatedBy: $1).count - 1 }
    }

    /// Renders normalised text to HTML.
    public static func html(_ text: String) -> String {
        var out = ""
        for block in text.components(separatedBy: "\n\n") where !block.trimmingCharacters(in: .whitespaces).isEmpty {
            let lines = block.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if lines.allSatisfy({ $0.hasPrefix(">") }) {
                let inner = lines.map { line -> String in
                    var line = Substring(line.dropFirst())
                    if line.hasPrefix(" ") { line = line.dropFirst() }
                    return String(line)
                }
                out += "<blockquote><p>" + inner.map(inline).joined(separator: "<br>") + "</p></blockquote>"
            } else {
                out += "<p>" + lines.map(inline).joined(separator: "<br>") + "</p>"
            }
        }
        return out
    }

    /// One line: code, links, bare URLs, strong and emphasis; everything else escaped.
    static func inline(_ line: String) -> String {
        let chars = Array(line)
        var out = ""
        var i = 0
        func find(_ marker: [Character], from start: Int) -> Int? {
            guard start < chars.count else { return nil }
            var j = start
            while j + marker.count <= chars.count {
                if Array(chars[j..<(j + marker.count)]) == marker { return j }
                j += 1
            }
            return nil
        }
        while i < chars.count {
            let c = chars[i]
            if c == "`", let end = find(["`"], from: i + 1), end > i + 1 {
                out += "<code>" + HTMLText.escape(String(chars[(i + 1)..<end])) + "</code>"
                i = end + 1
                continue
            }
            if c == "[", let close = find(["]", "("], from: i + 1), let end = find([")"], from: close + 2) {
                let label = String(chars[(i + 1)..<close])
                let url = String(chars[(close + 2)..<end])
                if !label.isEmpty, isLinkable(url) {
                    out += "<a href=\"\(HTMLText.escape(url))\" rel=\"\(linkRel)\">" + HTMLText.escape(label) + "</a>"
                    i = end + 1
                    continue
                }
            }
            if (c == "h" || c == "H"), i == 0 || !chars[i - 1].isLetter, let url = bareURL(chars, at: i) {
                out += "<a href=\"\(HTMLText.escape(url))\" rel=\"\(linkRel)\">" + HTMLText.escape(url) + "</a>"
                i += url.count
                continue
            }
            if c == "*", i + 1 < chars.count, chars[i + 1] == "*", let end = find(["*", "*"], from: i + 2), end > i + 2 {
                out += "<strong>" + inline(String(chars[(i + 2)..<end])) + "</strong>"
                i = end + 2
                continue
            }
            if c == "*" || (c == "_" && (i == 0 || !chars[i - 1].isLetter && !chars[i - 1].isNumber)),
               let end = find([c], from: i + 1), end > i + 1, !chars[i + 1].isWhitespace,
               c == "*" || end + 1 == chars.count || !(chars[end + 1].isLetter || chars[end + 1].isNumber) {
                out += "<em>" + inline(String(chars[(i + 1)..<end])) + "</em>"
                i = end + 1
                continue
            }
            out += HTMLText.escape(String(c))
            i += 1
        }
        return out
    }

    /// Links readers may make: http, https and mailto only.
    static func isLinkable(_ url: String) -> Bool {
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:") else { return false }
        return !url.contains(where: { $0.isWhitespace }) && URLSafety.isSafe(url)
    }

    static func bareURL(_ chars: [Character], at start: Int) -> String? {
        let rest = String(chars[start...].prefix(8)).lowercased()
        guard rest.hasPrefix("http://") || rest.hasPrefix("https://") else { return nil }
        var end = start
        while end < chars.count, !chars[end].isWhitespace, !"<>\"'`".contains(chars[end]) { end += 1 }
        // Sentence punctuation after a URL is not part of it.
        while end > start, ".,;:!?)]".contains(chars[end - 1]) { end -= 1 }
        let url = String(chars[start..<end])
        return url.count > 8 ? url : nil
    }
}
