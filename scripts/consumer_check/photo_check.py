"""The photo desk seen by other software: a photo uploaded in the newsroom, captioned and
credited, leading a story published there, must reach the article page, the home page, the
feeds (feedparser), the sitemap, OpenGraph and the JSON-LD (extruct)."""
import json
import os
import re
import uuid
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import extruct
import feedparser

CAPTION = "Consumer-check caption: the harbour at noon"
CREDIT = "Consumer Check / Agency"
ALT = "Boats moored in a harbour"


def multipart(fields, files):
    boundary = "----consumer" + uuid.uuid4().hex
    body = b""
    for name, value in fields.items():
        body += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (boundary, name, value)).encode()
    for name, filename, data in files:
        body += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\nContent-Type: image/jpeg\r\n\r\n" % (boundary, name, filename)).encode()
        body += data + b"\r\n"
    body += ("--%s--\r\n" % boundary).encode()
    return body, "multipart/form-data; boundary=" + boundary


def a_new_jpeg(originals):
    """A demo original with a comment segment added: the same picture, another file."""
    for name in sorted(os.listdir(originals)):
        data = open(os.path.join(originals, name), "rb").read()
        if data[:3] == b"\xff\xd8\xff":
            note = b"consumer check " + uuid.uuid4().hex.encode()
            return data[:2] + b"\xff\xfe" + (len(note) + 2).to_bytes(2, "big") + note + data[2:]
    raise SystemExit("no JPEG original in " + originals)


def run(base, get, post, opener, check, originals, pages):
    status, _, page = get("/newsroom/media")
    csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    body, content_type = multipart({"_csrf": csrf}, [("photos", "harbour.jpg", a_new_jpeg(originals))])
    request = urllib.request.Request(base + "/newsroom/media", data=body, headers={"Content-Type": content_type}, method="POST")
    with opener.open(request, timeout=60) as response:
        report = response.read().decode()
    photo = re.search(r'href="/newsroom/media/([0-9a-f-]{36})">harbour.jpg</a>: Added', report)
    check(photo is not None, "newsroom: a photo uploads (multipart)")
    if photo is None:
        return
    photo = photo.group(1)
    status, _ = post("/newsroom/media/" + photo, {"_csrf": csrf, "altText": ALT, "caption": CAPTION, "credit": CREDIT,
                                                 "copyright": "CC BY 4.0", "focusX": "40", "focusY": "50"})
    check(status == 200, "newsroom: caption, credit and alt text saved")
    request = urllib.request.Request(base + "/newsroom/stories", data=urllib.parse.urlencode({
        "_csrf": csrf, "headline": "Harbour reopens after the storm", "lead": "Boats are back.", "rubric": "Afghanistan",
        "body": "The harbour opened at noon.\n\n![Boats](media:%s)\n\nMore tomorrow." % photo, "tags": "Harbour",
        "authors": "Eda Editor", "commentPolicy": "open", "leadPhoto": photo, "intent": "save"}).encode(), method="POST")
    with opener.open(request, timeout=30) as response:
        story = re.search(r"/newsroom/stories/([0-9A-Fa-f-]{36})", response.geturl()).group(1)
    status, _ = post("/newsroom/stories/%s/status" % story, {"_csrf": csrf, "target": "published", "version": "1"})
    check(status == 200, "newsroom: the story with the photo is published")
    pages["newsroom-media"] = "/newsroom/media"
    pages["newsroom-photo"] = "/newsroom/media/" + photo
    slug = "harbour-reopens-after-the-storm"
    pages["photo-article"] = "/news/" + slug

    status, _, text = get("/news/" + slug)
    check(status == 200 and "<figure class=\"lead-photo\">" in text and CAPTION in text and CREDIT in text and "<picture>" in text,
          "article page: the lead photo in a <picture> with its caption and credit")
    data = extruct.extract(text, base_url=base + "/news/" + slug, syntaxes=["json-ld", "opengraph"], uniform=True)
    article = next((d for d in data["json-ld"] if d.get("@type") == "NewsArticle"), {})
    images = article.get("image", [])
    shapes = sorted(round(i.get("width", 0) / max(1, i.get("height", 1)), 2) for i in images)
    check(len(images) == 3 and shapes == [1.0, 1.33, 1.78] and all(i.get("width", 0) >= 1200 for i in images)
          and all(i.get("url", "").startswith(base + "/media/" + photo) for i in images) and all(i.get("creditText") == CREDIT for i in images),
          "extruct: NewsArticle image in 1x1, 4x3 and 16x9, each 1200 px wide, with the credit")
    for image in images:
        status, headers, _ = fetch(opener, image.get("url", ""))
        check(status == 200 and headers.get("Content-Type") == "image/jpeg" and "immutable" in headers.get("Cache-Control", ""),
              "JSON-LD image %s answers 200 image/jpeg, immutable" % image.get("url", "")[-8:])
    og = data["opengraph"][0] if data["opengraph"] else {}
    check(og.get("og:image", "").startswith(base + "/media/" + photo) and og.get("og:image:alt") == ALT, "OpenGraph: og:image and its alt text")
    check(re.search(r'<meta name="twitter:image" content="%s/media/%s/' % (re.escape(base), photo), text) is not None, "twitter:image")

    status, _, home = get("/")
    check("/media/%s/" % photo in home, "home page: the story's photo as its thumbnail")
    status, headers, rss = get("/feed.xml")
    entry = next((e for e in feedparser.parse(rss).entries if e.get("link", "").endswith(slug)), {})
    media = entry.get("media_content", [])
    check(bool(media) and media[0].get("url", "").startswith(base + "/media/" + photo) and entry.get("media_credit", [{}])[0].get("content") == CREDIT,
          "feedparser: the RSS item carries media:content with the credit")
    check(any(link.get("rel") == "enclosure" and link.get("type") == "image/jpeg" for link in entry.get("links", [])), "feedparser: the RSS item has an image enclosure")
    atom = next((e for e in feedparser.parse(get("/atom.xml")[2]).entries if e.get("link", "").endswith(slug)), {})
    check(any(link.get("rel") == "enclosure" for link in atom.get("links", [])), "feedparser: the Atom entry has an image enclosure")
    # feedparser lists media:description among the contents too: the HTML one is the item's.
    content = next((c.get("value", "") for c in entry.get("content", []) if c.get("type") == "text/html"), "")
    check(CAPTION in content and ('src="%s/media/' % base) in content and 'src="/media/' not in content,
          "feedparser: the item's content starts with the captioned photo, every address absolute")
    status, _, feed = get("/feed.json")
    item = next((i for i in json.loads(feed)["items"] if i["url"].endswith(slug)), {})
    check(item.get("image", "").startswith(base + "/media/" + photo), "JSON Feed: the item's image")

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "i": "http://www.google.com/schemas/sitemap-image/1.1"}
    status, _, sitemap = get("/sitemaps/stories/1.xml")
    urls = ET.fromstring(sitemap.encode()).findall("s:url", ns)
    shown = [u for u in urls if u.find("s:loc", ns).text.endswith(slug)]
    locs = [i.text for u in shown for i in u.findall("i:image/i:loc", ns)]
    check(len(locs) == 1 and locs[0].startswith(base + "/media/" + photo), "sitemap: the story's photo as image:loc")


def fetch(opener, url):
    try:
        with opener.open(url, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, b""
