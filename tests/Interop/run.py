#!/usr/bin/python3
"""Feed's interop suite: starts the real server (Release build) on a loopback port over the
fixture folder and runs real readers against it: feedparser, newsboat, two npm parsers, the
RFC 4287 schema with jing, the W3C Feed Validation Service's own code, a JSON Feed 1.1 checker
and headless Chromium (reading stories, and browsing a larger site: pagination, tags, the sitemap);
author, section and tag feeds and /feeds.opml (check_discovery.py). Then the checks
that matter most to readers: no duplicates after an edit or a restart, and 304s that survive
a restart. Then over_time.py: the same readers kept subscribed while the folder changes, and
two_instances.py: two instances on one PostgreSQL ledger behind Varnish (postgresql, varnish). One
summary line per client and per over-time scenario; exit 1 if any failed.

Usage: tests/Interop/run.py   (FEED_SERVER=path/to/Feed.Server or .../Feed.Server.dll runs it
against another build, such as the native AOT publish; FEED_INTEROP_OUT=folder for its output; needs: python3-feedparser newsboat jing chromium sqlite3 rss2email, and
for the vendored W3C validator python3-lxml python3-html5lib python3-rdflib; and `npm ci` in
tests/Interop/node; .ci/run installs them)"""
import http.client, json, os, re, shutil, signal, socket, sqlite3, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.abspath(os.environ.get("FEED_INTEROP_OUT") or os.path.join(HERE, "out"))
ITEMS = os.path.join(OUT, "items")
# FEED_SERVER: the build under test, a native executable (the AOT publish) or a .dll run with
# `dotnet`; by default the Release build, built first.
SERVER = os.path.abspath(os.environ.get("FEED_SERVER") or os.path.join(ROOT, "src", "Feed.Server", "bin", "Release", "net10.0", "Feed.Server.dll"))
SERVER_ARGV = ["dotnet", SERVER] if SERVER.endswith(".dll") else [SERVER]
PYTHON = "/usr/bin/python3"  # Debian's, which has python3-feedparser
sys.path.insert(0, HERE)
import expected  # noqa: E402


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, port, items=ITEMS, name="server"):
        self.port, self.base, self.proc, self.items, self.name = port, f"http://127.0.0.1:{port}/", None, items, name

    def start(self):
        log = open(os.path.join(OUT, f"{self.name}.log"), "a")
        self.proc = subprocess.Popen(
            [*SERVER_ARGV, f"--urls=http://127.0.0.1:{self.port}", f"--Feed:ItemsPath={self.items}", f"--Feed:BaseUrl={self.base}",
             "--Feed:Title=Interop News", "--Feed:IdAuthority=interop.example.com", "--Feed:ChangeQuietPeriod=00:00:00.100"],
            stdout=log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.get("/healthz")[0] == 200:
                return
            time.sleep(0.1)
        raise SystemExit(f"interop: the server did not start; see {os.path.relpath(OUT, ROOT)}/{self.name}.log")

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=30)

    def redirect(self, path):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        conn.request("GET", path)
        r = conn.getresponse()
        r.read()
        return r.status, r.getheader("Location")

    def get(self, path, headers=None):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
            conn.request("GET", path, headers=headers or {})
            r = conn.getresponse()
            return r.status, r.getheader("ETag"), r.read()
        except OSError:
            return 0, None, b""


def run(name, argv, cwd=HERE):
    result = subprocess.run(argv, cwd=cwd, capture_output=True, text=True)
    output = (result.stdout + result.stderr).strip()
    lines = [l for l in output.splitlines() if not l.startswith("[warning]")]  # jing's classpath chatter
    print("\n".join(lines) if lines else f"interop {name}: {'ok' if result.returncode == 0 else 'FAIL'}")
    return result.returncode == 0


def newsboat_reload(urls, cache):
    with open(os.path.join(OUT, "newsboat-urls"), "w") as f:
        f.write("\n".join(urls) + "\n")
    open(os.path.join(OUT, "newsboat-config"), "w").close()
    subprocess.run(["newsboat", "-u", os.path.join(OUT, "newsboat-urls"), "-c", cache, "-C", os.path.join(OUT, "newsboat-config"),
                    "-x", "reload"], check=True, env={**os.environ, "HOME": OUT}, capture_output=True)
    with sqlite3.connect(cache) as db:
        return db.execute("select guid, title, author, url, pubDate, content, feedurl from rss_item order by pubDate desc").fetchall()


def check_newsboat(server, data):
    ok = True
    # newsboat keys items by guid across all feeds, so each feed gets its own cache.
    for kind, path in (("rss", "feed.xml"), ("atom", "atom.xml")):
        c = expected.Checker(f"newsboat {kind}")
        rows = newsboat_reload([server.base + path], os.path.join(OUT, f"newsboat-{kind}.db"))
        c.equal("item count", len(data["items"]), len(rows))
        for want, (guid, title, author, url, pub, content, _) in zip(data["items"], rows):
            c.equal(f"{want['id']} guid", want["id"], guid)
            c.equal(f"{want['id']} title", want["title"], title)
            c.equal(f"{want['id']} url", want["link"], url)
            c.equal(f"{want['id']} author", ", ".join(want["authors"]), author)
            c.equal(f"{want['id']} published", int(want["published"].timestamp()), pub)
            for part in want["content"]:
                c.true(f"{want['id']} content", part in content, f"missing {part!r}")
        ok &= c.finish(len(rows)) == 0
    return ok


def check_no_duplicates(server, data):
    """Edit an item, then restart the server: a subscribed newsboat keeps one copy of each item,
    sees the new title, and a poller's ETag from before the restart still gets a 304."""
    c = expected.Checker("reader's eye")
    cache = os.path.join(OUT, "newsboat-edits.db")
    feeds = [server.base + "feed.xml", server.base + "atom.xml"]
    first = newsboat_reload(feeds, cache)
    c.equal("first reload", len(data["items"]), len(first))

    path = os.path.join(ITEMS, "2024-07-01-karachi-briefing.md")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    _, before, _ = server.get("/feed.xml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace("title: Karachi briefing sets out the next phase", "title: Karachi briefing, corrected")
                    .replace("The briefing ended", "The briefing, now corrected, ended"))
    deadline = time.time() + 15
    while server.get("/feed.xml")[1] == before and time.time() < deadline:
        time.sleep(0.05)
    c.true("server picked up the edit", server.get("/feed.xml")[1] != before, "the ETag did not change")
    edited = newsboat_reload(feeds, cache)
    c.equal("no duplicate after an edit", len(first), len(edited))
    karachi = [r for r in edited if r[0].endswith(":karachi-briefing")]
    c.equal("one karachi item", 1, len(karachi))
    c.equal("edited title shown", "Karachi briefing, corrected", karachi[0][1] if karachi else None)

    # Links shared before item URLs became /YYYY/MM/DD/SLUG still open the story.
    for want in data["items"]:
        if want["link"].startswith(server.base):
            slug = want["id"].rsplit(":", 1)[1]
            status, location = server.redirect(f"/items/{slug}")
            c.equal(f"/items/{slug} redirects to the story", (301, want["link"]), (status, location))

    etags = {p: server.get(p)[1] for p in ("/feed.xml", "/atom.xml", "/feed.json", "/")}
    server.stop()
    server.start()
    for p, etag in etags.items():
        status, again, _ = server.get(p)
        c.equal(f"{p} ETag after restart", etag, again)
        c.equal(f"{p} conditional poll after restart", 304, server.get(p, {"If-None-Match": etag})[0])
    restarted = newsboat_reload(feeds, cache)
    c.equal("no duplicate after a restart", len(first), len(restarted))
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return c.finish(len(restarted)) == 0


CORPUS_CHECK = r"""
import json, sys, urllib.request
import feedparser
base, failed = sys.argv[1], 0
# Exactly the corpus files CorpusTests expects published (19), each once, in every format.
PUBLISHED = 19
ids = {}
for path in ("feed.xml", "atom.xml"):
    feed = feedparser.parse(base + path)
    ids[path] = [e.get("id") for e in feed.entries]
    if feed.bozo or len(feed.entries) != PUBLISHED or len(set(ids[path])) != PUBLISHED:
        print(f"  corpus: {path}: bozo={feed.bozo} {feed.get('bozo_exception')!r}, {len(feed.entries)} entries, {len(set(ids[path]))} ids"); failed = 1
items = json.load(urllib.request.urlopen(base + "feed.json"))["items"]
if sorted(i["id"] for i in items) != sorted(ids["atom.xml"]) or len(items) != PUBLISHED:
    print(f"  corpus: feed.json: {len(items)} items, not the Atom feed's {PUBLISHED}"); failed = 1
print(f"interop corpus feeds (feedparser, JSON): {'FAIL' if failed else 'ok'}")
sys.exit(failed)
"""


def check_corpus():
    """The feeds built from the corpus of bad and tricky files (tests/Feed.Tests/Corpus) are
    schema-valid Atom, pass the W3C validator and parse in feedparser with no bozo flag."""
    corpus = os.path.join(OUT, "corpus")
    shutil.copytree(os.path.join(ROOT, "tests", "Feed.Tests", "Corpus"), corpus, symlinks=True)
    server = Server(free_port(), corpus, "corpus-server")
    server.start()
    try:
        with open(os.path.join(OUT, "corpus-atom.xml"), "wb") as f:
            f.write(server.get("/atom.xml")[2])
        schema = run("corpus atom (jing)", ["jing", "-c", "atom-rfc4287.rnc", os.path.join(OUT, "corpus-atom.xml")])
        readers = run("corpus feeds", [PYTHON, "-c", CORPUS_CHECK, server.base])
        w3c = run("corpus w3c", [PYTHON, "check_w3c.py", "corpus", "--site", server.base])
        return schema and readers and w3c
    finally:
        server.stop()


MIGRATION_CHECK = r"""
import sys
import feedparser
base, failed = sys.argv[1], 0
want = {
    "An editor's note on corrections": ["corrections", "policy"],
    "Assembly passes the budget after a late-night vote": ["budget", "parliament", "pakistan"],
    "Flood warning for lower Sindh": ["weather"],
    "Karachi win the cricket final": ["sport", "cricket"],
    "Markets close higher": ["markets", "economy", "business"],
    "Pakistan central bank holds key rate at 12%": [],
    "The Desk, episode 12: the budget in twenty minutes": ["podcast"],
    "Water talks resume in Islamabad": ["world", "water", "diplomacy"],
}
for path in ("feed.xml", "atom.xml"):
    feed = feedparser.parse(base + path)
    got = {e.get("title"): [t.get("term") for t in e.get("tags", [])] for e in feed.entries}
    if feed.bozo or got != want:
        print(f"  migration: {path}: bozo={feed.bozo} {feed.get('bozo_exception')!r}, expected {want}, got {got}"); failed = 1
    summaries = {e.get("title"): e.get("summary") for e in feed.entries}
    if summaries.get("Markets close higher") != "The benchmark index rose 1.2 percent.":
        print(f"  migration: {path}: description is not the summary: {summaries.get('Markets close higher')!r}"); failed = 1
print(f"interop migration (Hugo/Jekyll folder, feedparser): {'FAIL' if failed else 'ok'}")
sys.exit(failed)
"""


def check_migration():
    """A Hugo content folder and a Jekyll _posts folder copied as they are (tests/Migration/items)
    publish with their titles, tags and summaries, and feedparser reads them with no bozo flag.
    By the real clock the fixture's expired story has left and its 2030 story is still held."""
    items = os.path.join(OUT, "migration")
    shutil.copytree(os.path.join(ROOT, "tests", "Migration", "items"), items)
    server = Server(free_port(), items, "migration-server")
    server.start()
    try:
        readers = run("migration", [PYTHON, "-c", MIGRATION_CHECK, server.base])
        w3c = run("migration w3c", [PYTHON, "check_w3c.py", "migration", "--site", server.base])
        return readers and w3c
    finally:
        server.stop()


DESK_STORY = """---
title: A desk story with a photo
date: 2024-07-08T09:00:00Z
updated: 2024-07-09T10:00:00Z
author: Newsroom Desk
tags: [world]
image:
  url: /images/lead.jpg
  alt: A crowd at "the gate" & more
  width: 1200
  height: 675
---
The world desk filed this story.
"""


def check_discovery():
    """Issue 24: the fixture plus a story in a desk folder; every feed /feeds.opml lists (site,
    sections, authors, tags) through the W3C validator, feedparser and newsboat -i; robots.txt
    through urllib.robotparser (check_discovery.py); every story page's JSON-LD read back by a
    third-party extractor (node/structured.mjs)."""
    items = os.path.join(OUT, "discovery")
    shutil.copytree(os.path.join(HERE, "fixture", "items"), items)
    os.makedirs(os.path.join(items, "world"))
    with open(os.path.join(items, "world", "2024-07-08-desk-story.md"), "w", encoding="utf-8") as f:
        f.write(DESK_STORY)
    server = Server(free_port(), items, "discovery-server")
    server.start()
    try:
        discovery = run("discovery", [PYTHON, "check_discovery.py", server.base, OUT])
        structured = run("structured data", ["node", "structured.mjs", server.base], cwd=os.path.join(HERE, "node"))
        return discovery and structured
    finally:
        server.stop()


BROWSE_STORIES = 120


def check_browsing():
    """A site of 120 stories, 50 a page: Chromium pages down to the oldest story and goes from the
    tag index to a tag page; the sitemap lists every story's page exactly once."""
    items = os.path.join(OUT, "browse")
    os.makedirs(items)
    for i in range(1, BROWSE_STORIES + 1):
        day = f"2024-{1 + (i - 1) // 28:02d}-{1 + (i - 1) % 28:02d}"
        tags = "[Weather, world]" if i % 3 == 1 else "[world]"
        with open(os.path.join(items, f"{day}-story-{i}.md"), "w") as f:
            f.write(f"---\ntitle: Story {i}\ndate: {day}T{i % 24:02d}:00:00Z\ntags: {tags}\n---\nText of story {i}.\n")
    server = Server(free_port(), items, "browse-server")
    server.start()
    try:
        browsing = run("chromium browsing", ["node", "browse.mjs", server.base, str(BROWSE_STORIES)], cwd=os.path.join(HERE, "node"))
        c = expected.Checker("sitemap")
        status, _, body = server.get("/sitemap.xml")
        locations = re.findall(r"<loc>([^<]+)</loc>", body.decode())
        stories = [l for l in locations if re.search(r"/\d{4}/\d{2}/\d{2}/story-\d+$", l)]
        c.equal("status", 200, status)
        c.equal("every story exactly once", sorted(f"story-{i}" for i in range(1, BROWSE_STORIES + 1)), sorted(l.rsplit("/", 1)[1] for l in stories))
        c.equal("no URL twice", len(set(locations)), len(locations))
        for location in locations:
            c.equal(f"{location} is served", 200, server.get(location[len(server.base) - 1:])[0])
        return browsing and c.finish(len(stories)) == 0
    finally:
        server.stop()


def check_over_time():
    """over_time.py: real clients subscribed while the folder changes (issue 11), one result per scenario."""
    result = subprocess.run([PYTHON, "over_time.py"], cwd=HERE, capture_output=True, text=True, env={**os.environ, "FEED_SERVER": SERVER, "FEED_INTEROP_OUT": OUT})
    output = (result.stdout + result.stderr).strip()
    print(output)
    found = {m[1]: m[2] == "ok" for m in re.finditer(r"^interop (over time: .+?): (ok|FAIL)\b", output, re.M)}
    if result.returncode != 0 and all(found.values()):
        found["over time"] = False  # it stopped before or between its scenarios
    return found


def check_two_instances():
    """two_instances.py: two instances on one PostgreSQL ledger behind the shipped Varnish, the
    same readers polling through the cache and each instance in turn (issue 22)."""
    result = subprocess.run([PYTHON, "two_instances.py"], cwd=HERE, capture_output=True, text=True,
                            env={**os.environ, "FEED_SERVER": SERVER, "FEED_INTEROP_OUT": OUT})
    print((result.stdout + result.stderr).strip())
    return result.returncode == 0


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    shutil.copytree(os.path.join(HERE, "fixture", "items"), ITEMS)
    if not os.environ.get("FEED_SERVER"):
        subprocess.run(["dotnet", "build", "-c", "Release", "--nologo", "-v", "q", os.path.join(ROOT, "src", "Feed.Server")],
                       check=True, stdout=subprocess.DEVNULL)
    print(f"interop against {' '.join(SERVER_ARGV)}")
    server = Server(free_port())
    server.start()
    try:
        data = expected.load(server.base)
        with open(os.path.join(OUT, "atom.xml"), "wb") as f:
            f.write(server.get("/atom.xml")[2])
        results = {
            # Every RSS and Atom document: the main feeds, each tag's, every monthly archive.
            "w3c validator": run("w3c validator", [PYTHON, "check_w3c.py", "fixture", "--site", server.base]),
            "feedparser": run("feedparser", [PYTHON, "check_feedparser.py", server.base]),
            "jsonfeed": run("jsonfeed", [PYTHON, "check_jsonfeed.py", server.base]),
            "npm parsers": run("npm parsers", ["node", "parsers.mjs", server.base], cwd=os.path.join(HERE, "node")),
            "jing (RFC 4287 schema)": run("jing (RFC 4287 schema)", ["jing", "-c", "atom-rfc4287.rnc", os.path.join(OUT, "atom.xml")]),
            "newsboat": check_newsboat(server, data),
            "chromium": run("chromium", ["node", "browser.mjs", server.base, OUT], cwd=os.path.join(HERE, "node")),
            "chromium browsing and sitemap": check_browsing(),
            "reader's eye": check_no_duplicates(server, data),
            "corpus": check_corpus(),
            "migration": check_migration(),
            "discovery": check_discovery(),
        }
    finally:
        server.stop()
    results.update(check_over_time())
    results["over time: two instances behind Varnish"] = check_two_instances()
    failed = [name for name, ok in results.items() if not ok]
    print(f"interop: {len(results) - len(failed)} passed, {len(failed)} failed" + (f" ({', '.join(failed)})" if failed else ""))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
