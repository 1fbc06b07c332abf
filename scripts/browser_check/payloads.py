"""Script payloads for the browser check: classic vectors, the forms attackers use to slip
past filters, and the inputs that broke Ink. Every payload calls alert/confirm/prompt or
sets window.__pwned when it runs, so the check sees any execution."""
import base64
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
# A quote or `<` with a combining mark after it is one Swift Character that is not the quote:
# escaping by Character (swift-mustache's own) wrote such a quote raw and ended the attribute.
COMBINING = ["\"\u0301 autofocus onfocus=alert(1) x=\"", "'\u0301 autofocus onfocus=alert(1) x='", "\"\u0301><img src=x onerror=alert(1)>"]
VECTORS += COMBINING
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


# A small JPEG (64 × 48 px of noise, made with libvips) for the photo payloads; each use adds a
# comment segment so every upload is another file.
TINY_JPEG = base64.b64decode(
    "/9j/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxOUlNSMj5aYVpQYEpRUk//wAALCAAwAEABAREA/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/9oACAEBAAA/ADzUWBmDkHZkLv8AlTgNkgnBI5+oxxk5oRJPKDxKyxZLqoJUh9pAPAJI/LgHpxUSzshDklixzu2g78A5PXA2nnGcDA57idnkuImRxHcOh3hFOSNpIBOB1IBHfPUnjNJG6SsNq+XJsBkVsbwM49Dzyee/bqaRC80CRK8K7OZFLfeG1hxuHqTkDBGO2RUhMjxl0TYWyAI0XeMAgBiOcDHQ8fXio5XhmEcsud+5GYlWDYBIPvjnjBHB7dKcjK1skc5WQuCzOrcMwOR0wAeRwexNQrAFkkTzNjFTID8x6DruxyOpBB7Y78z2zrPIIgqkMgJLQ/NtweCCeMAj8jj1pY5jFATIQAEAIRWAVc5AOAAT069ORxnAqzG5W3lW5DOQysZQmMngjJBAHHYEnr0oln8yIiGLykLndleu3GBkDgfeyD1xgZzUzFiN8Cq+0EiJHYbiDg7e4wO2RjkY4OI5FRSqqUEocphUPzDYTtUgg4AUY6dceppXcSScAKEzlygOTzzkZw2SBg44I96mZYGijEMxEU0agAbQcHOPmPfr3564NL9mV5PNlMsjljuLH7meyjoQOnfIXrjkMx5kjBXfyQ+2N12KqjJPXPJyM5xnIx604q+xgqXDbU384CkqCenIxwR9O+cmoobcLGeCwcbsrhmRTgZbHGdo6gZ+YZ4zU0QQRm22yJgeU6MNpx6/h079RjGeKhc5PlDYeBuThmYgKAxxxkHPsQo78yORdF2G5tx3fO2eSBnD4zgdMY4IPY0pdzCiqFilBeMM6mTgtlcHryMDPqcZGOX7JV2oEYDGVRH5OR8ucjC8scge/YDCZt2s5LlLlhtAVSV2BHLADA4xz94+pHTANJGJ2nS7j86UBDu7FjknK+nCseV7DjFNtlVmmCxwySFwAflKqCemM8kkE9OcnPGafDI0IkaLErbgAiMAHUcYwvPOM5Hpz1FIVjlmSWWNEOMKJFO7O/AXGMn5T/4+eSOSx4REUCvEvCiRZGB29zkduvAPUjtUskzyKhkHLoSHwZFAyoOD6dPfknrmo5Ud7hZSreUpbzCoO07sBvQjI2jgYwO5HDlYRonmH5IWISMMcbgT1I6g7j75Hag7JYQrbkROFUkgZzyAAMA9vfPPrT5hbwRzTGMyKn7wETHHQBfl6E4PfoOpz0WMrbRBuSBF5fls2do4wW6YHJ5PHB78CKWCOELvdVkK7lEnzbFDYxjkHkegz0xwSFASKErM0flY2CViAyDJDdSOfQd8deM1LmeJLY7IlOCjFRjHDBsYPrznqCemTUcsbwSCMpIjeUMhXKmRNx4A/DuCOccUrCGNYWgdGhaTcCw+8Co+UHryck9Bgj2NLJI321p/sMcqujfLs8wRDAxj2GSD+PQc02JjJKm5H3BMFiPlDE5HHqPm7Z4z2pr3BPmxvGsqspUeYQoLfMTtOfm4yPX3zilaImB18hyVJGFT5SBlju4yewxz93mv/9k="
)


def jpeg_variant(note):
    """TINY_JPEG with a comment segment holding `note`: the same picture, another file."""
    data = note.encode()
    return TINY_JPEG[:2] + b"\xff\xfe" + (len(data) + 2).to_bytes(2, "big") + data + TINY_JPEG[2:]
