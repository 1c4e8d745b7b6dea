#!/usr/bin/python3
"""Feed's interop suite: starts the real server (Release build) on a loopback port over the
fixture folder and runs real readers against it: feedparser, newsboat, two npm parsers, the
RFC 4287 schema with jing, the W3C Feed Validation Service's own code, a JSON Feed 1.1 checker
and headless Chromium (reading stories, and browsing a larger site: pagination, tags, the sitemap;
pictures and audio beside the stories load and play);
author, section and tag feeds and /feeds.opml (check_discovery.py); the sitemaps against their
XSDs with Google's news rules and robots.txt through urllib.robotparser (check_sitemaps.py); the
JSON-LD against the schema.org vocabulary (node/vocabulary.mjs); Chromium from a byline to the
author's feeds and /feeds against the sitemap (node/walk.mjs). Then the checks
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
    def __init__(self, port, items=ITEMS, name="server", extra=()):
        self.port, self.base, self.proc, self.items, self.name = port, f"http://127.0.0.1:{port}/", None, items, name
        self.extra = [a.replace("{base}", self.base) for a in extra]

    def start(self):
        log = open(os.path.join(OUT, f"{self.name}.log"), "a")
        self.proc = subprocess.Popen(
            [*SERVER_ARGV, f"--urls=http://127.0.0.1:{self.port}", f"--Feed:ItemsPath={self.items}", f"--Feed:BaseUrl={self.base}",
             "--Feed:Title=Interop News", "--Feed:IdAuthority=interop.example.com", *self.extra],
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
    "The Desk, episode 13: the rate decision explained": ["podcast"],
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
    server = Server(free_port(), items, "migration-server", PODCAST_SETTINGS)
    server.start()
    try:
        readers = run("migration", [PYTHON, "-c", MIGRATION_CHECK, server.base])
        w3c = run("migration w3c", [PYTHON, "check_w3c.py", "migration", "--site", server.base])
        # Stories dated by the fixture, years ago: the news sitemap is empty; robots.txt the generated one.
        sitemaps = run("migration sitemaps", [PYTHON, "check_sitemaps.py", server.base, "Interop News", "--news-titles", ""])
        vocabulary = run("migration vocabulary", ["node", "vocabulary.mjs", server.base], cwd=os.path.join(HERE, "node"))
        podcast = check_podcast(server)
        moved = check_moved_house(server)
        return readers and w3c and sitemaps and vocabulary and podcast and moved
    finally:
        server.stop()


# The migration folder's two audio stories as a podcast.
PODCAST_SETTINGS = ("--Feed:Podcast:Image={base}artwork.jpg", "--Feed:Podcast:Category=News/Daily News",
                    "--Feed:Podcast:OwnerEmail=podcast@example.org", "--Feed:Podcast:Explicit=false",
                    "--Feed:FeedAliases=/blog/rss.xml=/feed.xml")
PODCAST_EPISODES = {"The Desk, episode 12: the budget in twenty minutes": "00:20:34",
                    "The Desk, episode 13: the rate decision explained": "00:23:32"}


def check_podcast(server):
    """/podcast.xml through the W3C validator (it checks itunes:), feedparser (durations, image,
    category, podcast:guid) and the Podcast Index's parser, podcast-partytime (every episode)."""
    w3c = run("podcast w3c", [PYTHON, "check_w3c.py", "podcast", server.base + "podcast.xml"])
    feedparser = run("podcast feedparser", [PYTHON, "check_podcast.py", server.base, json.dumps(PODCAST_EPISODES)])
    client = run("podcast client", ["node", "podcast.mjs", server.base, str(len(PODCAST_EPISODES))], cwd=os.path.join(HERE, "node"))
    return w3c and feedparser and client


# Each old path of the migration folder and the story it belongs to (by the story's file).
OLD_PATHS = {
    "/2024/03/flood/": "Flood warning for lower Sindh",                       # Hugo aliases (TOML)
    "/posts/budget-vote/": "Assembly passes the budget after a late-night vote",
    "/2024/03/01/budget/": "Assembly passes the budget after a late-night vote",
    "/podcast/13/": "The Desk, episode 13: the rate decision explained",
    "/podcast/12/": "The Desk, episode 12: the budget in twenty minutes",     # Jekyll redirect_from (list)
    "/the-desk/episode-12.html": "The Desk, episode 12: the budget in twenty minutes",
    "/2024/03/10/editors-note.html": "An editor's note on corrections",      # redirect_from (one string)
    "/world/water-talks/": "Water talks resume in Islamabad",                 # Jekyll permalink
    "/business/markets-close-higher/": "Markets close higher",                # Hugo url
}


def check_moved_house(server):
    """Subscribers and links survive the move: newsboat subscribed to the old Hugo and WordPress
    feed URLs (/index.xml, /rss) ends on the canonical feed with every story once; each old path
    of a story answers 301 to that story's page."""
    problems = []
    want = json.loads(subprocess.run([PYTHON, "-c", "import feedparser, json, sys; print(json.dumps({e.title: e.link for e in feedparser.parse(sys.argv[1]).entries}))",
                                      server.base + "feed.xml"], capture_output=True, text=True, check=True).stdout)
    for path, title in OLD_PATHS.items():
        status, location = server.redirect(path)
        if status != 301 or location != want.get(title):
            problems.append(f"{path}: expected 301 to {want.get(title)}, got {status} {location}")
    for path, target in (("/index.xml", "feed.xml"), ("/feed/", "feed.xml"), ("/rss", "feed.xml"), ("/rss.xml", "feed.xml"),
                         ("/atom", "atom.xml"), ("/feed.atom", "atom.xml"), ("/posts/index.xml", "sections/posts/feed.xml"),
                         ("/tags/podcast/index.xml", "tags/podcast/feed.xml"), ("/blog/rss.xml", "feed.xml")):
        status, location = server.redirect(path)
        if status != 301 or location != server.base + target:
            problems.append(f"{path}: expected 301 to {server.base + target}, got {status} {location}")
    cache = os.path.join(OUT, "newsboat-moved.db")
    rows = newsboat_reload([server.base + "index.xml", server.base + "rss"], cache)
    titles = sorted(row[1] for row in rows)
    if titles != sorted(want):
        problems.append(f"newsboat: expected each story once {sorted(want)}, got {titles}")
    with sqlite3.connect(cache) as db:
        feeds = db.execute("select rssurl, url from rss_feed").fetchall()
    if any(url != server.base for _, url in feeds):
        problems.append(f"newsboat: the feeds are not the site's: {feeds}")
    for p in problems:
        print(f"  moved house: {p}")
    print(f"interop moved house (newsboat on /index.xml and /rss: {len(rows)} stories; {len(OLD_PATHS)} old story paths): {'FAIL' if problems else 'ok'}")
    return not problems


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


# The robots.txt a newsroom keeps (Feed:RobotsTxt): it names one sitemap already, Feed adds the other.
USER_ROBOTS = """User-agent: *
Disallow: /drafts/

Sitemap: {base}sitemap.xml
"""


def check_discovery():
    """The fixture plus a story in a desk folder and three stories dated by the real
    clock (1, 47 and 49 hours old: the news sitemap lists the first two); every feed /feeds.opml
    lists (site, sections, authors, tags) through the W3C validator, feedparser and newsboat -i
    (check_discovery.py); the sitemaps against the XSDs and Google's rules, and the user's
    robots.txt through urllib.robotparser (check_sitemaps.py); every story page's JSON-LD read
    back by a third-party extractor (node/structured.mjs) and checked against the schema.org
    vocabulary and Google's Article fields (node/vocabulary.mjs); Chromium from a byline to the
    author's feeds, and /feeds against the sitemap (node/walk.mjs)."""
    items = os.path.join(OUT, "discovery")
    shutil.copytree(os.path.join(HERE, "fixture", "items"), items)
    os.makedirs(os.path.join(items, "world"))
    with open(os.path.join(items, "world", "2024-07-08-desk-story.md"), "w", encoding="utf-8") as f:
        f.write(DESK_STORY)
    now = time.time()
    for hours, slug, author in ((1, "fresh", "Newsroom Desk"), (47, "edge", "Ayesha Khan"), (49, "stale", "Ayesha Khan")):
        published = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now - hours * 3600))
        with open(os.path.join(items, "world", f"{published[:10]}-{slug}.md"), "w", encoding="utf-8") as f:
            f.write(f"---\ntitle: News {slug}\ndate: {published}\nauthor: {author}\nlang: en-GB\n---\nFiled {hours} hours ago.\n")
    port = free_port()
    robots = os.path.join(OUT, "robots.txt")
    with open(robots, "w", encoding="utf-8") as f:
        f.write(USER_ROBOTS.format(base=f"http://127.0.0.1:{port}/"))
    server = Server(port, items, "discovery-server", [f"--Feed:RobotsTxt={robots}"])
    server.start()
    try:
        node = os.path.join(HERE, "node")
        discovery = run("discovery", [PYTHON, "check_discovery.py", server.base, OUT])
        sitemaps = run("sitemaps", [PYTHON, "check_sitemaps.py", server.base, "Interop News", "--robots-file", robots,
                                    "--news-titles", "News fresh,News edge"])
        structured = run("structured data", ["node", "structured.mjs", server.base], cwd=node)
        vocabulary = run("vocabulary", ["node", "vocabulary.mjs", server.base], cwd=node)
        walk = run("chromium feed walk", ["node", "walk.mjs", server.base], cwd=node)
        return discovery and sitemaps and structured and vocabulary and walk
    finally:
        server.stop()


def check_media():
    """Files beside the stories. Chromium opens every story page of the fixture (with
    an audio story whose WAV file is beside it, tests/Interop/media) and of the migration folder:
    no image, audio or video request to the site fails, the local enclosure reaches canplay, and a
    range request of it is answered 206 with those bytes (node/media.mjs)."""
    items = os.path.join(OUT, "media")
    shutil.copytree(os.path.join(HERE, "fixture", "items"), items)
    shutil.copytree(os.path.join(HERE, "media", "items"), items, dirs_exist_ok=True)
    ok = True
    for name, folder, audio in (("fixture", items, "1"), ("migration", os.path.join(ROOT, "tests", "Migration", "items"), "0")):
        copy = os.path.join(OUT, f"media-{name}")
        if folder != items:
            shutil.copytree(folder, copy)
            folder = copy
        server = Server(free_port(), folder, f"media-{name}-server")
        server.start()
        try:
            ok = run(f"chromium media ({name})", ["node", "media.mjs", server.base, name, audio], cwd=os.path.join(HERE, "node")) and ok
        finally:
            server.stop()
    return ok


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
    """over_time.py: real clients subscribed while the folder changes, one result per scenario."""
    result = subprocess.run([PYTHON, "over_time.py"], cwd=HERE, capture_output=True, text=True, env={**os.environ, "FEED_SERVER": SERVER, "FEED_INTEROP_OUT": OUT})
    output = (result.stdout + result.stderr).strip()
    print(output)
    found = {m[1]: m[2] == "ok" for m in re.finditer(r"^interop (over time: .+?): (ok|FAIL)\b", output, re.M)}
    if result.returncode != 0 and all(found.values()):
        found["over time"] = False  # it stopped before or between its scenarios
    return found


def check_two_instances():
    """two_instances.py: two instances on one PostgreSQL ledger behind the shipped Varnish, the
    same readers polling through the cache and each instance in turn."""
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
            "chromium media": check_media(),
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
