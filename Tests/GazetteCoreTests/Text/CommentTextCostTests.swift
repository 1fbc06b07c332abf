import GazetteCore
import GazetteTestSupport
import PropertyBased
import Testing

@Suite("Comment text: bounded cost, no markup from readers")
struct CommentTextCostTests {
    static let pathological = ["[", "[a](", "[x](http://a.example/", "*", "**", "_a", "`", "*_`[", "http://", "h", "*a", "**a*", "[](", "](", ")"]

    /// Each pathological input at an eighth of the length limit and at the full limit: linear
    /// work takes about 8× as long for 8× the text, quadratic work 64× (the old renderer took
    /// 1.4 s for 5,000 `[` against 16 ms for plain text). Compared as ratios of the best of
    /// several runs, so a busy machine shifts both sides alike; the figures themselves are in
    /// `scripts/bench/render.sh`.
    @Test("the worst inputs cost about 8× for 8× the text, not 64×", arguments: pathological)
    func linear(piece: String) {
        func text(_ size: Int) -> String { String(String(repeating: piece, count: size / piece.count + 1).prefix(size)) }
        let small = text(CommentText.textMaxLength / 8), large = text(CommentText.textMaxLength)
        let smallTime = Self.best { for _ in 0..<16 { _ = CommentText.html(small) } }
        let largeTime = Self.best { for _ in 0..<2 { _ = CommentText.html(large) } }
        // Equal amounts of text on both sides: linear work gives a ratio near 1, quadratic near 8.
        // Parallel suites on two cores were seen to push a linear case to 3, hence 4.
        #expect(largeTime < max(smallTime, 0.000_5) * 4, "\(piece): \(largeTime) s for 2 × 5,000 against \(smallTime) s for 16 × 625")
    }

    static func best(_ work: () -> Void) -> Double {
        var best = Double.infinity
        for _ in 0..<5 {
            let clock = ContinuousClock()
            let elapsed = clock.measure(work)
            best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        return best
    }

    static let pieces = HostilePieces.html + ["[a](https://x.example)", "[b](javascript:alert(1))", "**", "*", "_", "`", "\n", "\n\n", "> ",
                                              "http://evil.example/\"onmouseover=x", "http://evil.example/\"\u{301}onmouseover=x", "[c](https://x.example/\"\u{301}onmouseover=x)", "\"\u{301}", "<\u{301}", "https://ok.example/a?b=1&c=2"]

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
