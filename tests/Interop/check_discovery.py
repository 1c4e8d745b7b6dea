#!/usr/bin/python3
"""Found and followed: every feed that /feeds.opml lists (the site's, each section's,
author's and tag's) passes the W3C validator's own code with no errors and no warnings and is read
by feedparser with no bozo flag (RSS items' atom:updated read as `updated`); newsboat imports the
OPML (`newsboat -i`); /sitemap.xml lists the author, section and feed list pages (the sitemaps
and robots.txt themselves: check_sitemaps.py). feedparser and newsboat are skipped, and
said so, where they are not installed. Usage: check_discovery.py BASE_URL OUTDIR"""
import os, shutil, subprocess, sys, urllib.request
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
base, out = sys.argv[1], sys.argv[2]
problems, notes = [], []

opml_bytes = urllib.request.urlopen(base + "feeds.opml").read()
opml = ET.fromstring(opml_bytes)
rss = [o.get("xmlUrl") for o in opml.iter("outline") if o.get("xmlUrl")]
kinds = {k: [u for u in rss if f"/{k}/" in u] for k in ("sections", "authors", "tags")}
for kind, urls in kinds.items():
    if not urls:
        problems.append(f"/feeds.opml lists no {kind} feed")
feeds = [u for r in rss for u in (r, r[: -len("feed.xml")] + "atom.xml")]

w3c = subprocess.run([sys.executable, os.path.join(HERE, "check_w3c.py"), "discovery", *feeds], capture_output=True, text=True)
print(w3c.stdout.strip())
if w3c.returncode != 0:
    problems.append("the W3C validator found errors or warnings")

try:
    import feedparser
    for url in feeds:
        parsed = feedparser.parse(url)
        if parsed.bozo or not parsed.entries:
            problems.append(f"feedparser {url}: bozo={parsed.bozo} {parsed.get('bozo_exception')!r}, {len(parsed.entries)} entries")
        elif url.endswith("feed.xml") and any(not e.get("updated_parsed") for e in parsed.entries):
            problems.append(f"feedparser {url}: an RSS item without `updated` (atom:updated)")
except ImportError:
    notes.append("feedparser not installed: skipped")

if shutil.which("newsboat"):
    path, urls = os.path.join(out, "feeds.opml"), os.path.join(out, "newsboat-discovery-urls")
    with open(path, "wb") as f:
        f.write(opml_bytes)
    open(urls, "w").close()
    subprocess.run(["newsboat", "-u", urls, "-i", path], check=True, capture_output=True, env={**os.environ, "HOME": out})
    imported = [l.split()[0] for l in open(urls, encoding="utf-8") if l.strip() and not l.startswith("#")]
    if sorted(imported) != sorted(rss):
        problems.append(f"newsboat -i imported {len(imported)} feeds, not the {len(rss)} listed")
else:
    notes.append("newsboat not installed: OPML import skipped")

sm = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
pages = [l.text for l in ET.fromstring(urllib.request.urlopen(base + "sitemap.xml").read()).iter(sm + "loc")]
for wanted in ("authors", "sections", "feeds"):
    if base + wanted not in pages:
        problems.append(f"/sitemap.xml does not list /{wanted}")

for p in problems:
    print(f"  discovery: {p}")
print(f"interop discovery (W3C, feedparser, newsboat -i): {'FAIL' if problems else 'ok'} "
      f"({len(feeds)} feeds: {', '.join(f'{len(v)} {k}' for k, v in kinds.items())}){''.join('; ' + n for n in notes)}")
sys.exit(1 if problems else 0)
