#!/usr/bin/python3
"""The W3C Feed Validation Service's own code (vendored in w3c-feedvalidator/, W3C licence) validates
each feed URL as the online service does: no errors and no warnings. Allowed, and only for a title:
ContainsHTML and ContainsUndeclaredHTML, the validator's guess that a title holding literal markup
("<b>" as text, written &#x3C;b>) might be HTML; the RSS Profile's character references are how a
publisher says it is text. Usage: check_w3c.py NAME URL... or check_w3c.py NAME --site BASE, which
validates every RSS and Atom document of the site: the main feeds, every tag's feeds (from /tags)
and every monthly archive (walking prev-archive from /atom.xml), and counts them per document."""
import os, re, sys, urllib.request  # noqa: F401 (feedvalidator uses urllib.request without importing it)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "w3c-feedvalidator"))
import feedvalidator  # noqa: E402
from feedvalidator import logging as fvlog  # noqa: E402

ALLOWED_IN_TITLES = {"ContainsHTML", "ContainsUndeclaredHTML"}


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as r:
        return r.read().decode("utf-8")


def site_documents(base):
    """Every RSS and Atom document of a site, grouped: main, tags, archives."""
    main = [base + "feed.xml", base + "atom.xml"]
    tags = sorted(set(re.findall(r'href="(?:' + re.escape(base) + r'|/)tags/([^"/]+)"', fetch(base + "tags"))))
    tag_feeds = [f"{base}tags/{t}/{f}" for t in tags for f in ("feed.xml", "atom.xml")]
    archives, url = [], base + "atom.xml"
    while True:
        m = re.search(r'<link[^>]*rel="prev-archive"[^>]*>', fetch(url))
        if not m:
            break
        url = re.search(r'href="([^"]+)"', m.group(0)).group(1)
        if url in archives:
            break
        archives.append(url)
    return {"main": main, "tag": tag_feeds, "archive": archives}


def main():
    name, args = sys.argv[1], sys.argv[2:]
    groups = site_documents(args[1]) if args[:1] == ["--site"] else {"feed": args}
    problems, allowed, counts, failed_docs = [], 0, {}, {}
    for group, urls in groups.items():
        counts[group] = len(urls)
        for url in urls:
            result = feedvalidator.validateURL(url, firstOccurrenceOnly=0)
            for event in result["loggedEvents"]:
                kind = "error" if isinstance(event, fvlog.Error) else "warning" if isinstance(event, fvlog.Warning) else None
                if kind is None:
                    continue
                cls, params = event.__class__.__name__, event.params
                if cls in ALLOWED_IN_TITLES and params.get("element") == "title":
                    allowed += 1
                    continue
                failed_docs[group] = failed_docs.get(group, 0) + (url not in {p[0] for p in problems})
                problems.append((url, f"{url}: {kind} {cls} line {params.get('line')} "
                                 f"element {params.get('element')!r} {({k: v for k, v in params.items() if k not in ('line', 'column', 'backupline', 'backupcolumn')})}"))
    for _, p in problems:
        print(f"  w3c {name}: {p}")
    status = "FAIL" if problems else "ok"
    per_group = ", ".join(f"{group} {counts[group] - failed_docs.get(group, 0)}/{counts[group]} clean" for group in groups)
    print(f"interop w3c validator {name}: {status} ({sum(counts.values())} documents: {per_group}; {len(problems)} errors or warnings, "
          f"{allowed} allowed title-markup notices)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
