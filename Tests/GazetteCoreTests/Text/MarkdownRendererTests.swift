import Foundation
import GazetteCore
import GazetteTestSupport
import Testing

@Suite("Markdown rendering")
struct MarkdownRendererTests {
    let renderer = MarkdownRenderer()

    @Test("paragraphs, emphasis and links render")
    func basics() {
        let html = renderer.html(from: "First *paragraph*.\n\nSecond with [a link](https://example.org/x).")
        #expect(html.contains("<p>First <em>paragraph</em>.</p>"))
        #expect(html.contains(#"<a href="https://example.org/x">a link</a>"#))
    }

    @Test("raw HTML is shown as text, never as markup", arguments: [
        "<script>alert(1)</script>",
        "Text <img src=x onerror=alert(1)> more",
        "<div onclick=\"alert(1)\">block</div>",
        "<svg onload=alert(1)>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<p>para</p><script>x</script>",
    ])
    func rawHTML(input: String) {
        let html = renderer.html(from: input)
        for tag in ["<script", "<img", "<div", "<svg", "<iframe", "<p>para"] {
            #expect(!html.contains(tag), "\(tag) leaked from \(input): \(html)")
        }
        #expect(html.contains("&lt;"))
    }

    @Test("an entity-like run cannot carry a tag through (Ink copied `&…;` verbatim)", arguments: [
        "a &<svg/onload=alert(1)>; b", "# a &<svg/onload=alert(1)>; b", "- a &<svg/onload=alert(1)>; b",
        "> a &<svg/onload=alert(1)>; b", "|h|\n|-|\n|a &<svg/onload=alert(1)>; b|",
    ])
    func entityRun(input: String) {
        let html = renderer.html(from: input)
        #expect(!html.contains("<svg"), "\(html)")
        #expect(SanitizedOutput.problems(in: html).isEmpty, "\(html)")
        #expect(html.contains("&lt;svg/onload=alert(1)&gt;"), "\(html)")
    }

    @Test("a code fence's info string cannot leave the class attribute")
    func fenceInfo() {
        let html = renderer.html(from: "```x\"><img src=x onerror=alert(2)>\ncode\n```")
        #expect(!html.contains("<img"), "\(html)")
        #expect(SanitizedOutput.problems(in: html).isEmpty, "\(html)")
        #expect(html.contains("code"))
        #expect(renderer.html(from: "```swift\nlet x = 1\n```").contains(#"<code class="language-swift">let x = 1"#))
    }

    /// Ink 0.6.0 never returned on these; run on a thread so a regression fails instead of hanging.
    @Test("escaped tags render, and in time", arguments: ["\\<p\\>ok\\</p\\>", "text \\<p\\> more", "\\<pre\\>", "\\<p"])
    func escapedTagsTerminate(input: String) {
        let done = DispatchSemaphore(value: 0)
        let output = LockedValue<String?>(nil)
        Thread.detachNewThread {
            output.value = MarkdownRenderer().html(from: input)
            done.signal()
        }
        let finished = done.wait(timeout: .now() + 10) == .success
        #expect(finished, "rendering \(input) did not finish in 10 s")
        if finished {
            #expect(output.value?.contains("&lt;p") == true || output.value?.contains("&lt;pre") == true, "\(output.value ?? "")")
        }
    }

    @Test("links and images with unsafe schemes lose their target", arguments: [
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](java\tscript:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD4=)",
        "[click](vbscript:msgbox)",
    ])
    func unsafeLinks(input: String) {
        let html = renderer.html(from: input)
        #expect(!html.lowercased().contains("href"), "\(html)")
        #expect(html.contains("click"))
        let image = renderer.html(from: "!" + input)
        #expect(!image.contains("<img"), "\(image)")
    }

    @Test("a quote in a link target cannot open an attribute")
    func attributeInjection() {
        let html = renderer.html(from: #"[x](https://a.example/" onmouseover="alert(1))"#)
        #expect(SanitizedOutput.problems(in: html).isEmpty, "\(html)")
        #expect(!HTMLShape(html).tags.contains { $0.attributes.contains { $0.name.hasPrefix("on") } }, "\(html)")
        let image = renderer.html(from: #"![a" onerror="alert(1)](https://a.example/i.png)"#)
        #expect(!image.contains(#"" onerror"#), "\(image)")
        #expect(image.contains("<img src=\"https://a.example/i.png\""))
    }

    @Test("links by reference show as text")
    func referenceLinks() {
        let html = renderer.html(from: "See [the report][r].\n\n[r]: javascript:alert(1)")
        #expect(!html.contains("href"), "\(html)")
        #expect(html.contains("the report"))
    }

    @Test("safe link targets", arguments: [
        ("https://example.org", true), ("http://x.y/z?q=1", true), ("mailto:desk@example.org", true),
        ("/news/story", true), ("#comments", true), ("page?a=b:c", true),
        ("javascript:alert(1)", false), (" javascript:x", false), ("data:x", false), ("file:///etc/passwd", false),
    ])
    func urlSafety(target: String, safe: Bool) {
        #expect(URLSafety.isSafe(target) == safe)
    }

    @Test("plain text from imports renders as the same text")
    func plainText() {
        let text = "*Not emphasis* and <b>not bold</b> & [not](a link)\n1. Not a list\n# Not a heading\n- not an item"
        let html = renderer.html(from: PlainText.markdown(from: text))
        #expect(!html.contains("<em>"))
        #expect(!html.contains("<b>"))
        #expect(!html.contains("<a "))
        #expect(!html.contains("<ol>"))
        #expect(!html.contains("<ul>"))
        #expect(!html.contains("<h1>"))
        #expect(html.contains("*Not emphasis*"))
        #expect(html.contains("&lt;b&gt;not bold&lt;/b&gt;"))
        #expect(html.components(separatedBy: "<p>").count - 1 == 4)
    }
}
