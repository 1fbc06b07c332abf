import GazetteCore
import GazetteTestSupport
import PropertyBased
import Testing

@Suite("Imported HTML as Markdown")
struct HTMLToMarkdownTests {
    @Test("structure survives, markup that runs does not", arguments: [
        ("<p>Hello <strong>world</strong> &amp; <em>you</em></p>", "Hello **world** \\& *you*"),
        ("<h2>Title</h2><p>Text</p>", "## Title\n\nText"),
        ("<ul><li>one</li><li>two</li></ul>", "- one\n- two"),
        ("<ol><li>first</li><li>second</li></ol>", "1. first\n2. second"),
        ("<blockquote><p>Quoted</p></blockquote>", "> Quoted"),
        ("<p><a href=\"https://example.org/a b\">link</a> and <a href=\"javascript:alert(1)\">bad</a></p>", "[link](<https://example.org/a b>) and bad"),
        ("<p><img src=\"https://example.org/x.jpg\" alt=\"An image\"></p>", "![An image](https://example.org/x.jpg)"),
        ("<pre><code class=\"language-swift\">let x = 1\n</code></pre>", "```swift\nlet x = 1\n```"),
        ("<p>*not emphasis* and [not a link](x) and <b>#1</b></p>", "\\*not emphasis\\* and \\[not a link\\](x) and **\\#1**"),
        ("<script>alert(1)</script><p>kept</p>", "kept"),
        ("<p>1. not a list</p>", "1\\. not a list"),
    ])
    func examples(html: String, markdown: String) {
        #expect(HTMLToMarkdown.convert(html) == markdown)
    }

    @Test("plain text of comments")
    func plain() {
        #expect(HTMLToMarkdown.plainText("<p>One <b>two</b></p><p>Three<br>four</p><script>x</script>") == "One two\n\nThree\nfour")
    }

    /// Generated hostile HTML: whatever comes in, the Markdown renders to HTML with nothing that runs.
    @Test("converted hostile HTML renders without script")
    func hostile() async {
        let pieces = [
            "<p>", "</p>", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<a href=\"javascript:alert(1)\">x</a>",
            "<svg onload=alert(1)>", "*", "_", "[", "](javascript:alert(1))", "`", "<", ">", "&lt;script&gt;", "<ul><li>", "</li></ul>",
            "<blockquote>", "<pre><code>", "</code></pre>", "<h2>", "text", " ", "\n", "<iframe src=//evil>", "<b>", "</b>", "<!--", "-->",
        ]
        await propertyCheck(count: 300, input: Gen<String?>.element(of: pieces + HostilePieces.html + HostilePieces.markdown).array(of: 0...40)) { parts in
            let input = parts.compactMap { $0 }.joined()
            let markdown = HTMLToMarkdown.convert(input)
            let html = MarkdownRenderer().html(from: markdown)
            #expect(HTMLShape(html).scriptRisks().isEmpty, "\(input) → \(markdown) → \(html)")
            #expect(SanitizedOutput.problems(in: html).isEmpty, "\(input) → \(html)")
        }
    }
}
