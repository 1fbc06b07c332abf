import Foundation
@testable import GazetteCore
import Testing

@Suite("JSON for <script> blocks")
struct ScriptJSONTests {
    static let texts = [
        "", "plain", "Tom & Jerry </script><!-- \u{1} \"quoted\" <b>bold</b>", "back\\slash\nline\ttab\r", "\u{2028}\u{2029}",
        "Ünïcödé 📰 日本語", "a/b?c=d", "\u{0}\u{1f}\u{7f}",
    ]

    /// Foundation's JSON of the same value, to compare with once both are read back.
    static func reference(_ value: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed]), as: UTF8.self)
    }

    static func parsed(_ json: String) throws -> NSDictionary {
        // The script escapes (`\u003c`…) are JSON escapes: a JSON reader reads them back.
        try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? NSDictionary)
    }

    @Test("the same value as JSONSerialization, script-safe, keys in byte order, for any text")
    func sameAsFoundation() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array(Self.texts.joined())
        for round in 0..<300 {
            let text = round < Self.texts.count ? Self.texts[round] : String((0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let object: [String: Any] = [
                "@type": "NewsArticle", "headline": text, "position": round, "free": round % 2 == 0,
                "authors": [["name": text, "url": "https://news.example.org/authors/a"]], "keywords": [text, "x"],
                text.isEmpty ? "empty" : text: "key",
            ]
            let json = try #require(ScriptJSON.serialize(object))
            #expect(try Self.parsed(json) == (try Self.parsed(try Self.reference(object))), "\(text.debugDescription)")
            #expect(!json.unicodeScalars.contains { $0.value < 0x20 || "<>&\u{2028}\u{2029}".unicodeScalars.contains($0) }, "\(json)")
            let keys = try #require(object.keys.sorted().first)
            #expect(json.hasPrefix("{" + (try #require(ScriptJSON.serialize([keys]))).dropFirst().dropLast() + ":"), "keys in byte order")
        }
    }

    @Test("nothing in the output can end the script element or open a comment")
    func scriptSafe() throws {
        let json = try #require(ScriptJSON.serialize(["headline": "</script><!-- <script>"]))
        #expect(!json.contains("<") && !json.contains(">"))
    }
}
