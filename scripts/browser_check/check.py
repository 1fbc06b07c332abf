"""Loads every page that shows hostile text in headless Chromium and reports executions,
CSP violations and script-capable DOM. usage: check.py BASE_URL ADMIN_TOKEN [SCREENSHOT.png]"""
import json
import os
import sys
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from payloads import COMBINING, INK, VECTORS, all_payloads, jpeg_variant, short

base, token = sys.argv[1], sys.argv[2]
screenshot = sys.argv[3] if len(sys.argv) > 3 else ""


def call(method, path, body=None, headers=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method, headers=headers or {})
    if data is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read() or b"{}")


admin = {"Authorization": "Bearer " + token}
pages = set(["/", "/search?q=alert", "/search?q=script", "/newsroom/login"])
# The search box shows the query in its value attribute: reflected text, typed by anyone.
pages.update("/search?q=" + urllib.parse.quote(payload) for payload in COMBINING)
story_ids = []
slugs = []
# Stories through the Admin API: hostile body, headline, lead, rubric, tags, authors.
for index, payload in enumerate(all_payloads()):
    story = call("POST", "/api/v1/admin/articles", {
        "headline": "Story %d %s" % (index, short(payload, 250)), "lead": short(payload, 400),
        "body": "Text %d %s\n\n%s" % (index, payload, payload), "rubric": "R%d %s" % (index % 7, short(payload, 40)),
        "tags": [short(payload, 50), "T%d" % index], "authors": [short(payload, 50)],
    }, admin)
    published = call("POST", "/api/v1/admin/articles/%s/publish" % story["id"], None, admin)
    story_ids.append(story["id"])
    slugs.append(published["slug"])
    pages.add("/news/" + published["slug"])
# Photos whose caption, credit, copyright and alt text are payloads, each leading a story and
# shown in its body: the article, the lists' thumbnails and the feeds carry those texts.
photo_payloads = VECTORS[:12] + INK[:4]
for index, payload in enumerate(photo_payloads):
    data = jpeg_variant("browser check %d" % index)
    boundary = "----browsercheck%d" % index
    body = ("--%s\r\nContent-Disposition: form-data; name=\"photos\"; filename=\"%s.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"
            % (boundary, short(payload, 40).replace('"', "'").replace("\r", " ").replace("\n", " "))).encode() + data + ("\r\n--%s--\r\n" % boundary).encode()
    request = urllib.request.Request(base + "/api/v1/admin/photos", data=body, method="POST",
                                     headers=dict(admin, **{"Content-Type": "multipart/form-data; boundary=" + boundary}))
    with urllib.request.urlopen(request) as response:
        photo = json.loads(response.read())["created"][0]["id"]
    call("PATCH", "/api/v1/admin/photos/" + photo, {"caption": short(payload, 900), "credit": short(payload, 280),
                                                     "copyright": short(payload, 280), "altText": short(payload, 280)}, admin)
    story = call("POST", "/api/v1/admin/articles", {
        "headline": "Photo %d" % index, "lead": "Lead", "body": "Before\n\n![%s](media:%s)\n\nAfter" % (short(payload, 60).replace("]", ""), photo),
        "leadPhotoId": photo,
    }, admin)
    published = call("POST", "/api/v1/admin/articles/%s/publish" % story["id"], None, admin)
    story_ids.append(story["id"])
    pages.add("/news/" + published["slug"])
listing = call("GET", "/api/v1/articles?limit=100&page=1")
for page in range(1, listing["paging"]["pages"] + 1):
    for item in call("GET", "/api/v1/articles?limit=100&page=%d" % page)["items"]:
        pages.add(item["url"])
        if item.get("rubric"):
            pages.add("/rubrics/" + item["rubric"]["slug"])
        for tag in item.get("tags", []):
            pages.add("/tags/" + tag["slug"])
# Comments with hostile names, texts and links under one story, each from its own address so
# the per-client limits do not end the check early.
seed = "/news/" + slugs[0]
comment_payloads = VECTORS + INK + ["[click](%s)" % target for target in ["javascript:alert(1)", "https://ok.example/\" onmouseover=\"alert(1)"]]
for index, payload in enumerate(comment_payloads):
    call("POST", "/api/v1/articles/%s/comments" % seed.split("/")[-1],
         {"name": short("%d %s" % (index, payload), 60), "text": payload + " #%d" % index},
         {"X-Forwarded-For": "198.51.%d.%d" % (index // 250, index % 250 + 1)})
pages.add(seed)
for cpage in range(2, 4):
    pages.add(seed + "?cpage=%d" % cpage)

options = webdriver.ChromeOptions()
for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,2000"]:
    options.add_argument(flag)
options.binary_location = "/usr/bin/chromium"
options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
driver.set_page_load_timeout(30)
# Runs before any script of the page, and is not subject to the page's CSP.
driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": """
  window.__calls = []; window.__csp = [];
  for (const name of ['alert', 'confirm', 'prompt']) {
    window[name] = function (message) { window.__calls.push(name + '(' + message + ')'); return null; };
  }
  document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""})
DOM_CHECK = """
  const risks = [];
  for (const el of document.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    if (['svg', 'math', 'iframe', 'object', 'embed', 'base', 'frame', 'frameset', 'applet'].includes(tag)) risks.push('<' + tag + '>');
    // A JSON-LD data block never runs; it must hold JSON only, and nothing may have broken out of it.
    const dataBlock = tag === 'script' && el.getAttribute('type') === 'application/ld+json' && !el.hasAttribute('src');
    if (dataBlock) { try { JSON.parse(el.textContent); } catch (e) { risks.push('JSON-LD that is not JSON'); } }
    if (tag === 'script' && !dataBlock && !(el.getAttribute('src') || '').startsWith('/assets/')) risks.push('inline or foreign script');
    if (tag === 'style') risks.push('<style>');
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) risks.push(name + ' on <' + tag + '>');
      if (['href', 'src', 'action', 'formaction', 'data', 'srcdoc', 'srcset'].includes(name)) {
        // A srcset lists URLs, each followed by its size.
        const urls = name === 'srcset' ? attr.value.split(',').map(c => c.trim().split(/\\s+/)[0]) : [attr.value];
        for (const url of urls) {
          const compact = url.replace(/[\\u0000-\\u0020\\u007f]/g, '').toLowerCase();
          const scheme = compact.match(/^([a-z][a-z0-9+.-]*):/);
          // The photos' blurred placeholders are raster data: inert in an <img>.
          const placeholder = tag === 'img' && name === 'src' && /^data:image\\/(webp|jpeg|png);base64,[a-z0-9+\\/=]*$/.test(compact);
          if (scheme && !placeholder && !['http', 'https', 'mailto'].includes(scheme[1])) risks.push(name + '=' + url);
        }
      }
    }
  }
  return {risks: risks, calls: window.__calls, csp: window.__csp, pwned: !!window.__pwned};
"""
failures = 0
visited = 0

# Controls: the check must see what it looks for, or a clean result means nothing. A page
# that runs script, has a handler attribute and breaks our own CSP must be reported.
driver.get("data:text/html,<img src=x onerror=alert(7)><a href='javascript:x'>x</a><svg></svg>")
control = driver.execute_script(DOM_CHECK)
if not (control["calls"] and control["risks"]):
    sys.exit("the check cannot see executions or risky DOM: %r" % control)
driver.get(base + "/healthz")
driver.execute_script("const s = document.createElement('script'); s.textContent = 'window.__inline = 1'; document.head.appendChild(s);")
WebDriverWait(driver, 5).until(lambda d: d.execute_script("return window.__csp.length > 0"))
driver.get_log("browser")  # the control's own violation is not ours


def visit(path):
    global failures, visited
    driver.get(base + path)
    visited += 1
    result = driver.execute_script(DOM_CHECK)
    problems = result["risks"] + result["calls"] + ["CSP: " + v for v in result["csp"]] + (["window.__pwned set"] if result["pwned"] else [])
    if problems:
        failures += 1
        print("FAIL %s: %s" % (path, "; ".join(sorted(set(problems))[:8])))


for path in sorted(pages):
    visit(path)
# The newsroom: log in, then the editor and Preview of hostile stories (same origin as the newsroom).
driver.get(base + "/newsroom/login")
driver.find_element(By.NAME, "email").send_keys("editor@example.org")
driver.find_element(By.NAME, "password").send_keys("a long password")
driver.find_element(By.CSS_SELECTOR, "form.nr-form button[type=submit], form.nr-form input[type=submit]").click()
# The log-in must be through before the next page is asked for, or that page is the log-in form.
WebDriverWait(driver, 20).until(lambda d: "/newsroom/login" not in d.current_url)
for story_id in story_ids[:40] + story_ids[-len(INK) - 30:]:
    visit("/newsroom/stories/" + story_id)
    buttons = driver.find_elements(By.CSS_SELECTOR, "#story-form button[name=intent][value=preview]")
    if not buttons:
        failures += 1
        print("FAIL no editor at /newsroom/stories/%s (%s)" % (story_id, driver.current_url))
        continue
    buttons[0].click()
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".nr-preview"))
    result = driver.execute_script(DOM_CHECK)
    visited += 1
    problems = result["risks"] + result["calls"] + ["CSP: " + v for v in result["csp"]]
    if problems:
        failures += 1
        print("FAIL preview of %s: %s" % (story_id, "; ".join(sorted(set(problems))[:8])))
for path in ["/newsroom", "/newsroom/stories", "/newsroom/comments", "/newsroom/rubrics", "/newsroom/tags", "/newsroom/authors", "/newsroom/media"]:
    visit(path)
# Chromium also logs CSP violations to the console; count ours.
console_csp = [entry["message"] for entry in driver.get_log("browser") if "Content Security Policy" in entry["message"]]
for message in console_csp[:5]:
    print("FAIL console: " + message[:300])
failures += len(console_csp)
if screenshot:
    driver.get(base + seed)
    driver.save_screenshot(screenshot)
driver.quit()
print("browser check: %d pages loaded in Chromium, %d stories, %d photos and %d comments with %d distinct payloads; %d problems"
      % (visited, len(story_ids), len(photo_payloads), len(comment_payloads), len(set(all_payloads())), failures))
sys.exit(1 if failures else 0)
