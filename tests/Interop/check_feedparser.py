#!/usr/bin/python3
"""feedparser (Debian's python3-feedparser) reads the RSS and the Atom feed with no bozo flag and
every field as the fixture says. Usage: check_feedparser.py BASE_URL"""
import calendar, html, sys
from datetime import datetime, timezone
import feedparser
import expected


def instant(struct):
    return datetime.fromtimestamp(calendar.timegm(struct), tz=timezone.utc) if struct else None


def check(kind, path, base, data):
    c = expected.Checker(f"feedparser {kind}")
    feed = feedparser.parse(base + path)
    c.true("bozo", not feed.bozo, repr(feed.get("bozo_exception")))
    c.equal("status", 200, feed.get("status"))
    c.equal("feed title", data["feed_title"], feed.feed.get("title"))
    c.equal("item count", len(data["items"]), len(feed.entries))
    for want, got in zip(data["items"], feed.entries):
        where = want["id"]
        c.equal(f"{where} id", want["id"], got.get("id"))
        c.equal(f"{where} title", want["title"], got.get("title"))
        c.equal(f"{where} link", want["link"], got.get("link"))
        c.equal(f"{where} published", want["published"], instant(got.get("published_parsed")))
        if kind == "atom":
            c.equal(f"{where} updated", want["updated"], instant(got.get("updated_parsed")))
        # RSS carries every author in one dc:creator, as WordPress does.
        authors = want["authors"] if kind == "atom" else [", ".join(want["authors"])] if want["authors"] else []
        c.equal(f"{where} authors", authors, [a.get("name") for a in got.get("authors", []) if a.get("name")])
        c.equal(f"{where} tags", want["tags"], [t.get("term") for t in got.get("tags", [])])
        # RSS description is HTML (RSS Profile, item description): its text is the summary exactly as written.
        summary = got.get("summary")
        if got.get("summary_detail", {}).get("type") == "text/html":
            summary = html.unescape(summary)
        c.equal(f"{where} summary", want["summary"], summary)
        c.equal(f"{where} title type", "text/plain", got.get("title_detail", {}).get("type"))
        image = want.get("image")
        c.equal(f"{where} media:content", [dict(image, medium="image")] if image else [], got.get("media_content", []))
        c.equal(f"{where} media:thumbnail", [image] if image else [], got.get("media_thumbnail", []))
        content = got.get("content", [{}])[0].get("value", "")
        for part in want["content"]:
            c.true(f"{where} content", part in content, f"missing {part!r}")
    return c.finish(len(feed.entries))


def main():
    base = sys.argv[1]
    data = expected.load(base)
    sys.exit(check("rss", "feed.xml", base, data) | check("atom", "atom.xml", base, data))


if __name__ == "__main__":
    main()
