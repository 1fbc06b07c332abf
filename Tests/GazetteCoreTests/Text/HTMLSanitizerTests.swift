import GazetteCore
import GazetteTestSupport
import PropertyBased
import Testing

/// Pieces that hostile HTML and Markdown are made of: tags that run code, attributes that do,
/// URL tricks, entities, broken nesting and the Markdown syntax around them.
enum HostilePieces {
    static let html = [
        "<script>alert(1)</script>", "<script", "</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">", "<a href=\"jav&#x09;ascript:alert(1)\">", "<a href=\"&#106;avascript:x\">",
        "<a href=\" javascript:alert(1)\">", "<a href=\"data:text/html,<script>alert(1)</script>\">", "<a href=\"https://ok.example/\">",
        "<a href='vbscript:x'>", "<a href=\"/relative?q=1\">", "</a>", "<img src=\"javascript:alert(1)\">", "<img src=\"/x.png\" alt=\"a\">",
        "<img src=/a.jpg srcset=\"javascript:alert(1) 1x\">", "<img src=/a.jpg srcset=\"/ok.jpg 640w, data:image/svg+xml,x 2x\">",
        "<picture><source srcset=\"javascript:alert(1) 640w\" type=\"text/html\"><img src=/a.jpg></picture>", "<source src=x onerror=alert(1)>",
        "<figure class=\"x onload\"><img src=/a.jpg sizes=\"expression(alert(1))\" loading=\"x\"></figure>", "<picture>", "</picture>",
        "<iframe src=x>", "<iframe srcdoc=\"<script>alert(1)</script>\">", "<object data=x>", "<embed src=x>",
        "<style>body{}</style>", "<div style=\"background:url(javascript:alert(1))\">", "<p onclick=alert(1)>", "<p>", "</p>",
        "<b>", "</b>", "<em>", "</em>", "<ul><li>", "</li></ul>", "<table><tr><td>", "</td></tr></table>",
        "<pre>", "</pre>", "<code class=\"language-swift\">", "<code class=\"x\\\"><img src=x onerror=alert(2)>\">", "</code>",
        "<!-- comment -->", "<![CDATA[ x ]]>", "<?php ?>", "<!DOCTYPE html>", "<textarea>", "</textarea>", "<title>", "</title>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">", "<form action=javascript:alert(1)>", "<input onfocus=alert(1) autofocus>",
        "<base href=\"javascript:x//\">", "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">", "<body onload=alert(1)>",
        "<details open ontoggle=alert(1)>", "<select><option>", "<template><script>alert(1)</script></template>",
        "\"", "'", "`", "<", ">", "&", "&amp;", "&lt;", "&#60;", "&#x3C;", "&colon;", "&lt;script&gt;", "\u{0}", "\u{1B}",
        "\"\u{301}", "'\u{301}", "<\u{301}", ">\u{338}", "&\u{301}", "<img alt='\"\u{301} title=x' src=/a.jpg>",
        " ", "\n", "text", "ünïcødé", "\u{202E}", "=", "/", "<br>", "<hr/>", "<h2>", "</h2>", "<blockquote>", "</blockquote>",
    ]
    static let markdown = html + [
        "[link](javascript:alert(1))", "[ok](https://example.org)", "![img](javascript:x)", "![img](/a.png)", "<https://x.example>",
        "<javascript:alert(1)>", "```x\"><img src=x onerror=alert(2)>\n", "```", "\n\n", "# ", "> ", "- ", "1. ", "*", "**", "_",
        "`", "~~", "|a|b|\n|-|-|\n|c|d|", "a &<svg/onload=alert(1)>; b", "\\<p\\>ok\\</p\\>", "\\<pre\\>", "&copy;", "[", "]", "(", ")",
        "[r]: javascript:alert(1)\n", "[x][r]", "    code\n", "\\",
        "![x](media:00000000-0000-0000-0000-000000000001)", "![a\"b](media:zzz)", "media:", "\n\n![only](media:00000000-0000-0000-0000-000000000001)\n\n",
    ]
}

/// The rules every sanitised output must obey, checked on the output itself.
enum SanitizedOutput {
    static let elements: Set<String> = [
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "pre", "code", "em", "strong",
        "b", "i", "u", "s", "del", "ins", "sub", "sup", "small", "mark", "abbr", "cite", "q", "kbd", "samp", "var", "dl", "dt",
        "dd", "a", "img", "figure", "figcaption", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "picture", "source",
    ]
    static let attributes: Set<String> = [
        "href", "title", "src", "alt", "width", "height", "start", "class", "align", "cite", "srcset", "sizes", "type", "loading", "decoding",
    ]

    static func problems(in html: String) -> [String] {
        let shape = HTMLShape(html)
        var problems: [String] = []
        if shape.strayOpenings > 0 { problems.append("a bare < in \(html)") }
        for tag in shape.tags {
            if !elements.contains(tag.name) { problems.append("element <\(tag.name)>") }
            for attribute in tag.attributes {
                if !attributes.contains(attribute.name) { problems.append("attribute \(attribute.name) on <\(tag.name)>") }
                if ["href", "src", "cite"].contains(attribute.name), !HTMLShape.isHarmlessURL(attribute.value) {
                    problems.append("URL \(attribute.value)")
                }
                if attribute.name == "srcset" {
                    for candidate in attribute.value.split(separator: ",") {
                        let url = candidate.split(separator: " ").first.map(String.init) ?? ""
                        if !HTMLShape.isHarmlessURL(url) { problems.append("srcset URL \(url)") }
                    }
                }
                if attribute.name == "class", !(attribute.value.hasPrefix("language-") || (tag.name == "figure" && attribute.value == "photo")) || attribute.value.contains("\"") {
                    problems.append("class \(attribute.value)")
                }
            }
        }
        return problems
    }
}

@Suite("HTML sanitiser")
struct HTMLSanitizerTests {
    let sanitizer = HTMLSanitizer.story

    @Test("known vectors lose everything that runs", arguments: HostilePieces.html)
    func vectors(piece: String) {
        let clean = sanitizer.sanitize(piece + " after")
        #expect(SanitizedOutput.problems(in: clean).isEmpty, "\(piece) → \(clean)")
        #expect(!clean.lowercased().contains("onerror="), "\(clean)")
        #expect(!clean.lowercased().contains("<script"), "\(clean)")
    }

    @Test("allowed structure survives with its safe attributes")
    func allowed() {
        let html = #"<h2>Title</h2><p>A <a href="https://example.org/a?b=1&amp;c=2" title="t">link</a>, <em>em</em> &amp; <code class="language-swift">x</code></p><img src="/i.png" alt="A &quot;quote&quot;"><ol start="3"><li>x</li></ol>"#
        #expect(sanitizer.sanitize(html) == html)
    }

    @Test("dropped containers take their content; unknown elements keep their text")
    func dropping() {
        #expect(sanitizer.sanitize("<p>a<script>alert(1)</script>b</p>") == "<p>ab</p>")
        #expect(sanitizer.sanitize("<div><span>kept</span></div>") == "kept")
        #expect(sanitizer.sanitize("<a href=\"javascript:alert(1)\">text</a>") == "text")
        #expect(sanitizer.sanitize("<svg><text>x</text></svg>y") == "y")
    }

    @Test("entities in URLs are decoded before the check")
    func encodedSchemes() {
        for html in ["<a href=\"&#106;avascript:alert(1)\">x</a>", "<a href=\"java&#x0A;script:alert(1)\">x</a>",
                     "<a href=\"&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;x\">x</a>"] {
            #expect(sanitizer.sanitize(html) == "x", "\(html)")
        }
    }

    @Test("deep nesting ends in bounded output and time")
    func deepNesting() {
        let deep = String(repeating: "<b>", count: 200_000) + "x" + String(repeating: "</b>", count: 200_000)
        let clean = sanitizer.sanitize(deep)
        #expect(SanitizedOutput.problems(in: clean).isEmpty)
        #expect(clean.components(separatedBy: "<b>").count - 1 <= 48)
    }

    @Test("hostile HTML: only allowlisted markup remains, and sanitising twice changes nothing")
    func propertyHTML() async {
        await propertyCheck(count: 400, input: Gen<String?>.element(of: HostilePieces.html).array(of: 1...25)) { pieces in
            let input = pieces.compactMap { $0 }.joined()
            let once = sanitizer.sanitize(input)
            #expect(SanitizedOutput.problems(in: once).isEmpty, "\(input) → \(once)")
            #expect(sanitizer.sanitize(once) == once, "not idempotent: \(input) → \(once)")
        }
    }

    @Test("hostile Markdown: the rendered body holds only allowlisted markup, and is a fixed point of the sanitiser")
    func propertyMarkdown() async {
        let renderer = MarkdownRenderer()
        await propertyCheck(count: 400, input: Gen<String?>.element(of: HostilePieces.markdown).array(of: 1...25)) { pieces in
            let input = pieces.compactMap { $0 }.joined()
            let html = renderer.html(from: input)
            #expect(SanitizedOutput.problems(in: html).isEmpty, "\(input) → \(html)")
            #expect(sanitizer.sanitize(html) == html, "not idempotent: \(input) → \(html)")
        }
    }

    @Test("random characters, markup punctuation and Unicode: the same rules hold")
    func propertyRandomText() async {
        let alphabet: [Character] = Array("<>/=\"'&;#:x!-? \n\tabsvgimgonerror") + ["\u{0}", "\u{FEFF}", "\u{202E}", "é", "日", "😀", "\u{7F}", "\u{85}"]
        await propertyCheck(count: 300, input: Gen<Character?>.element(of: alphabet).array(of: 0...200)) { characters in
            let input = String(characters.compactMap { $0 })
            let once = sanitizer.sanitize(input)
            #expect(SanitizedOutput.problems(in: once).isEmpty, "\(input.debugDescription) → \(once)")
            #expect(sanitizer.sanitize(once) == once, "not idempotent: \(input.debugDescription)")
        }
    }
}
