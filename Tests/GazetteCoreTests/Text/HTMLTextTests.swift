import GazetteCore
import GazetteTestSupport
import PropertyBased
import Testing

@Suite("HTML escaping")
struct HTMLTextTests {
    /// Markup characters alone and with combining marks after them: `"\u{301}` is one Swift
    /// `Character` that is not equal to `"`, which is how escaping by `Character` let quotes out.
    static let pieces = ["\"", "'", "<", ">", "&", "\"\u{301}", "'\u{20DD}", "<\u{338}", ">\u{301}", "&\u{301}", "\u{301}",
                         "a", "é", "e\u{301}", " ", "\n", "onfocus=alert(1)", "👩‍👩‍👧", "&amp;", "&quot;", "\u{0}"]

    @Test("no markup character is left raw, combining marks or not, and decoding gives the text back")
    func property() async {
        await propertyCheck(count: 500, input: Gen<String?>.element(of: Self.pieces).array(of: 0...30)) { pieces in
            let text = pieces.compactMap { $0 }.joined()
            let escaped = HTMLText.escape(text)
            let raw = escaped.unicodeScalars.filter { "<>\"'".unicodeScalars.contains($0) }
            #expect(raw.isEmpty, "\(text.debugDescription) → \(escaped.debugDescription)")
            #expect(HTMLShape.decode(escaped) == text, "\(text.debugDescription) → \(escaped.debugDescription)")
        }
    }

    @Test("a quote with a combining mark cannot end an attribute value")
    func combiningQuote() {
        let value = "\"\u{301} autofocus onfocus=alert(1) x="
        let shape = HTMLShape("<input value=\"\(HTMLText.escape(value))\">")
        #expect(shape.tags.count == 1 && shape.tags[0].attributes.map(\.name) == ["value"], "\(shape.tags.map(\.attributes))")
        #expect(shape.tags.first?.attributes.first?.value == value)
    }

    @Test("text without markup characters comes back unchanged")
    func plain() {
        for text in ["", "plain words", "ünïcødé e\u{301}", "👩‍👩‍👧 family", "/news/a-slug?sort=top#comments"] {
            #expect(HTMLText.escape(text) == text)
        }
    }
}
