import Foundation

/// Text made safe for XML 1.0 (feeds, sitemaps): the five markup characters escaped and the
/// characters XML forbids anywhere — C0 controls other than tab, line feed and carriage
/// return, lone surrogates, U+FFFE and U+FFFF — left out, so any story or comment text gives a
/// well-formed document.
public enum XMLText {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                if isAllowed(scalar) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// XML 1.0's `Char`: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}

/// JSON for a `<script type="application/ld+json">` block: `<`, `>` and `&` written as
/// `\u003c`, `\u003e` and `\u0026` (and the line separators JavaScript once choked on as
/// escapes), so no `</script>` or `<!--` in a headline can end the block. The JSON means the
/// same to a JSON parser.
public enum ScriptJSON {
    public static func encode(_ json: String) -> String {
        var out = ""
        out.reserveCapacity(json.utf8.count)
        for scalar in json.unicodeScalars {
            switch scalar {
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
