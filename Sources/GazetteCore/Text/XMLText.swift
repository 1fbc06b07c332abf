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
    /// A JSON value (dictionaries with sorted keys, arrays, strings, numbers, booleans) written
    /// straight to script-safe JSON: the value `JSONSerialization` gives, keys in byte order, at
    /// a fraction of the cost (it was a twelfth of an article page's render). nil for anything else.
    public static func serialize(_ value: Any) -> String? {
        var out = ""
        return write(value, to: &out) ? out : nil
    }

    private static func write(_ value: Any, to out: inout String) -> Bool {
        switch value {
        case let text as String:
            writeString(text, to: &out)
        case let flag as Bool:
            out += flag ? "true" : "false"
        case let number as Int:
            out += String(number)
        case let number as Double where number.isFinite:
            out += number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case let list as [Any]:
            out += "["
            for (index, item) in list.enumerated() {
                if index > 0 { out += "," }
                guard write(item, to: &out) else { return false }
            }
            out += "]"
        case let object as [String: Any]:
            out += "{"
            for (index, key) in object.keys.sorted().enumerated() {
                if index > 0 { out += "," }
                writeString(key, to: &out)
                out += ":"
                guard write(object[key]!, to: &out) else { return false }
            }
            out += "}"
        default:
            return false
        }
        return true
    }

    private static func writeString(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
