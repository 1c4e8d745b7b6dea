#!/usr/bin/python3
"""The JSON Feed against the JSON Feed 1.1 rules (https://jsonfeed.org/version/1.1) and the
fixture. Usage: check_jsonfeed.py BASE_URL"""
import json, re, sys, urllib.request
from datetime import datetime
import expected

RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def main():
    base = sys.argv[1]
    data = expected.load(base)
    c = expected.Checker("jsonfeed")
    with urllib.request.urlopen(base + "feed.json") as r:
        c.equal("content type", "application/feed+json; charset=utf-8", r.headers.get("Content-Type"))
        feed = json.load(r)
    # Required and typed top-level members.
    c.equal("version", "https://jsonfeed.org/version/1.1", feed.get("version"))
    c.true("title", isinstance(feed.get("title"), str) and feed["title"], "title must be a non-empty string")
    c.equal("feed_url", base + "feed.json", feed.get("feed_url"))
    c.true("home_page_url", isinstance(feed.get("home_page_url"), str), "home_page_url should be a string")
    c.true("items", isinstance(feed.get("items"), list), "items must be an array")
    c.true("authors", all(isinstance(a, dict) and a.get("name") for a in feed.get("authors", [])), "each author needs a name")
    items = feed.get("items", [])
    ids = [i.get("id") for i in items]
    c.true("unique ids", len(ids) == len(set(ids)), f"duplicate ids in {ids}")
    for item in items:
        where = item.get("id")
        c.true(f"{where} id", isinstance(item.get("id"), str) and item["id"], "id must be a non-empty string")
        c.true(f"{where} content", "content_html" in item or "content_text" in item, "needs content_html or content_text")
        for key in ("date_published", "date_modified"):
            if key in item:
                c.true(f"{where} {key}", bool(RFC3339.match(item[key])), f"{item[key]!r} is not RFC 3339")
        for key in ("url", "external_url", "image"):
            if key in item:
                c.true(f"{where} {key}", item[key].startswith(("http://", "https://")), f"{item[key]!r} is not absolute")
        c.true(f"{where} tags", all(isinstance(t, str) for t in item.get("tags", [])), "tags must be strings")
        for a in item.get("attachments", []):
            c.true(f"{where} attachment", a.get("url") and a.get("mime_type"), "attachments need url and mime_type")
    # The fixture's fields.
    c.equal("item count", len(data["items"]), len(items))
    for want, got in zip(data["items"], items):
        where = want["id"]
        c.equal(f"{where} id", want["id"], got.get("id"))
        c.equal(f"{where} title", want["title"], got.get("title"))
        c.equal(f"{where} link", want["link"], got.get("external_url") or got.get("url"))
        c.equal(f"{where} published", want["published"], datetime.fromisoformat(got["date_published"].replace("Z", "+00:00")))
        c.equal(f"{where} updated", want["updated"], datetime.fromisoformat(got["date_modified"].replace("Z", "+00:00")))
        c.equal(f"{where} authors", want["authors"], [a["name"] for a in got.get("authors", [])])
        c.equal(f"{where} tags", want["tags"], got.get("tags", []))
        c.equal(f"{where} summary", want["summary"], got.get("summary"))
        for part in want["content"]:
            c.true(f"{where} content", part in got.get("content_html", ""), f"missing {part!r}")
    sys.exit(c.finish(len(items)))


if __name__ == "__main__":
    main()
