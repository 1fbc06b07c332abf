import GazetteCore
import GazetteTestSupport
import PropertyBased
import Testing

@Suite("Comment text: bounded cost, no markup from readers")
struct CommentTextCostTests {
    static let pathological = ["[", "[a](", "[x](http://a.example/", "*", "**", "_a", "`", "*_`[", "http://", "h", "*a", "**a*", "[](", "](", ")"]

    /// Each pathological input at full length must cost about what plain text of that length
    /// costs: the old renderer took 1.4 s for 5,000 `[` against 16 ms for plain text.
    @Test("the worst inputs render at most a few times slower than plain text", arguments: pathological)
    func linear(piece: String) {
        let size = CommentText.textMaxLength
        let text = String(String(repeating: piece, count: size / piece.count + 1).prefix(size))
        let plain = String(repeating: "plain text ", count: size / 11 + 1).prefix(size)
        let plainTime = Self.best { _ = CommentText.html(String(plain)) }
        let time = Self.best { _ = CommentText.html(text) }
        // Quadratic cost on 5,000 characters would be hundreds of times plain text.
        #expect(time < max(plainTime, 0.001) * 25, "\(piece): \(time) s against \(plainTime) s for plain text")
    }

    static func best(_ work: () -> Void) -> Double {
        var best = Double.infinity
        for _ in 0..<3 {
            let clock = ContinuousClock()
            let elapsed = clock.measure(work)
            best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        return best
    }

    static let pieces = HostilePieces.html + ["[a](https://x.example)", "[b](javascript:alert(1))", "**", "*", "_", "`", "\n", "\n\n", "> ",
                                              "http://evil.example/\"onmouseover=x", "https://ok.example/a?b=1&c=2"]

    @Test("whatever readers type, only the renderer's own tags come out, links with http(s) or mailto")
    func property() async {
        let allowed: Set<String> = ["p", "br", "em", "strong", "code", "blockquote", "a"]
        await propertyCheck(count: 400, input: Gen<String?>.element(of: Self.pieces).array(of: 1...30)) { pieces in
            let text = CommentText.normalize(pieces.compactMap { $0 }.joined(), multiline: true)
            let html = CommentText.html(text)
            let shape = HTMLShape(html)
            #expect(shape.strayOpenings == 0, "\(html)")
            for tag in shape.tags {
                #expect(allowed.contains(tag.name), "<\(tag.name)> from \(text)")
                for attribute in tag.attributes {
                    #expect(["href", "rel"].contains(attribute.name), "\(attribute.name) from \(text)")
                    if attribute.name == "href" {
                        let lower = attribute.value.lowercased()
                        #expect(lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:"), "\(attribute.value)")
                    }
                }
            }
        }
    }
}
