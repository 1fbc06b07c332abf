/// What a piece of HTML contains, read without the sanitiser's parser: every tag with its
/// attributes (values decoded), and whether any `<` in text could open a tag. Tests check the
/// sanitiser's output with it, so the check does not trust the code it checks.
public struct HTMLShape {
    public struct Tag: Sendable {
        public var name: String
        public var closing: Bool
        public var attributes: [(name: String, value: String)]
    }

    public var tags: [Tag] = []
    /// A `<` not followed by a tag the scanner could read (the sanitiser never writes one).
    public var strayOpenings = 0

    public init(_ html: String) {
        let chars = Array(html.unicodeScalars)
        var i = 0
        while i < chars.count {
            guard chars[i] == "<" else { i += 1; continue }
            var j = i + 1
            var closing = false
            if j < chars.count, chars[j] == "/" { closing = true; j += 1 }
            var name = ""
            while j < chars.count, chars[j].properties.isAlphabetic || ("0"..."9").contains(chars[j]) {
                name.unicodeScalars.append(chars[j]); j += 1
            }
            guard !name.isEmpty else { strayOpenings += 1; i += 1; continue }
            var attributes: [(String, String)] = []
            while j < chars.count, chars[j] != ">" {
                if chars[j] == " " || chars[j] == "/" { j += 1; continue }
                var key = ""
                while j < chars.count, !" =>".unicodeScalars.contains(chars[j]) { key.unicodeScalars.append(chars[j]); j += 1 }
                var value = ""
                if j < chars.count, chars[j] == "=" {
                    j += 1
                    if j < chars.count, chars[j] == "\"" || chars[j] == "'" {
                        let quote = chars[j]; j += 1
                        while j < chars.count, chars[j] != quote { value.unicodeScalars.append(chars[j]); j += 1 }
                        j += 1
                    } else {
                        while j < chars.count, !" >".unicodeScalars.contains(chars[j]) { value.unicodeScalars.append(chars[j]); j += 1 }
                    }
                }
                attributes.append((key.lowercased(), Self.decode(value)))
            }
            tags.append(Tag(name: name.lowercased(), closing: closing, attributes: attributes))
            i = j + 1
        }
    }

    /// Decodes the entities the sanitiser writes and numeric ones.
    public static func decode(_ text: String) -> String {
        var out = text
        for (entity, character) in [("&quot;", "\""), ("&#39;", "'"), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")] {
            out = out.replacingAll(entity, with: character)
        }
        return out
    }
}

extension String {
    /// Replaces by Unicode scalar, as a browser decodes: by `Character`, `&amp;` followed by a
    /// combining mark is not found (its `;` and the mark are one `Character`).
    func replacingAll(_ target: String, with replacement: String) -> String {
        let text = Array(unicodeScalars), pattern = Array(target.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < text.count {
            if i + pattern.count <= text.count, Array(text[i..<(i + pattern.count)]) == pattern {
                out.append(contentsOf: replacement.unicodeScalars)
                i += pattern.count
            } else {
                out.append(text[i])
                i += 1
            }
        }
        return String(out)
    }
}

extension HTMLShape {
    /// What in this HTML could run script: script-capable elements, event-handler attributes,
    /// and URLs with a scheme other than http, https and mailto. `allowScriptFiles` lets the
    /// site's own `<script src="/assets/…">` pass. A JSON-LD data block
    /// (`<script type="application/ld+json">`) never runs; text that broke out of one would be
    /// tags this scanner sees.
    public func scriptRisks(allowScriptFiles: Bool = false) -> [String] {
        var risks: [String] = []
        for tag in tags where !tag.closing {
            if ["svg", "math", "iframe", "object", "embed", "base"].contains(tag.name) { risks.append("<\(tag.name)>") }
            let isDataBlock = tag.attributes.contains { $0.name == "type" && $0.value == "application/ld+json" }
            if tag.name == "script" && !isDataBlock {
                let source = tag.attributes.first { $0.name == "src" }?.value ?? ""
                if !(allowScriptFiles && source.hasPrefix("/assets/")) { risks.append("<script \(source)>") }
            }
            for attribute in tag.attributes {
                if attribute.name.hasPrefix("on") { risks.append("\(attribute.name) on <\(tag.name)>") }
                if ["href", "src", "action", "formaction", "srcdoc", "data"].contains(attribute.name), !Self.isHarmlessURL(attribute.value) {
                    risks.append("\(attribute.name)=\(attribute.value)")
                }
            }
        }
        return risks
    }

    /// After removing what browsers ignore, no scheme, or http, https or mailto.
    public static func isHarmlessURL(_ url: String) -> Bool {
        let compact = String(String.UnicodeScalarView(url.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F })).lowercased()
        guard let colon = compact.firstIndex(of: ":") else { return true }
        let before = compact[..<colon]
        if before.contains("/") || before.contains("?") || before.contains("#") { return true }
        return ["http", "https", "mailto"].contains(String(before))
    }
}
