#!/usr/bin/python3
"""Feed over time, with the reader's eye: real clients stay subscribed to a real server
process (loopback, its own temp items folder) while the folder changes under it, and must never
miss a story, never see one twice, and never see a shared link change.

Clients: newsboat (`-x reload`: libcurl's time condition, If-None-Match and A-IM, its own
config, urls and cache files), rss2email (Debian's r2e, mail handed to a stand-in `sendmail`
script that writes each message to a folder; corrections mailed as replies, `reply-changes`)
and feedparser with ETag and Last-Modified (one subscriber sends both, one only
If-Modified-Since). Each scenario prints one line, `interop over time: NAME: ok|FAIL (...)`;
run.py counts each as a client.

Usage: tests/Interop/over_time.py [SCENARIO-SUBSTRING...]
  FEED_SERVER=path/to/Feed.Server (the native AOT publish) or path/to/Feed.Server.dll runs against
  another build (default: the Release build; FEED_DLL is the older name).
Waits are on observable state (the server's ETag, the hub's log) with deadlines; no network
beyond 127.0.0.1."""
import email, email.policy, glob, http.client, http.server, json, os, shutil, signal, socket, sqlite3, subprocess, sys
import re, threading, time, urllib.parse, urllib.request
from datetime import datetime
from email.utils import parsedate_to_datetime

import feedparser

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(os.path.abspath(os.environ.get("FEED_INTEROP_OUT") or os.path.join(HERE, "out")), "over-time")
SERVER = os.path.abspath(os.environ.get("FEED_SERVER") or os.environ.get("FEED_DLL")
                         or os.path.join(ROOT, "src", "Feed.Server", "bin", "Release", "net10.0", "Feed.Server.dll"))
SERVER_ARGV = ["dotnet", SERVER] if SERVER.endswith(".dll") else [SERVER]
sys.path.insert(0, HERE)
from expected import Checker  # noqa: E402

CHANGE_DEADLINE = 20  # seconds a change may take to show in the served ETag (quiet period, next-second rule)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write(folder, name, text):
    path = os.path.join(folder, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def story(title, date, body, **extra):
    lines = ["---", f"title: {json.dumps(title)}", f"date: {date}"] + [f"{k}: {v}" for k, v in extra.items()] + ["---", body, ""]
    return "\n".join(lines)


class Server:
    def __init__(self, work, *args):
        self.port = free_port()
        self.base, self.items, self.args, self.log, self.proc = f"http://127.0.0.1:{self.port}/", os.path.join(work, "items"), args, os.path.join(work, "server.log"), None
        os.makedirs(self.items, exist_ok=True)

    def start(self):
        with open(self.log, "a") as log:
            self.proc = subprocess.Popen(
                [*SERVER_ARGV, f"--urls=http://127.0.0.1:{self.port}", f"--Feed:ItemsPath={self.items}", f"--Feed:BaseUrl={self.base}",
                 "--Feed:Title=Over Time News", "--Feed:IdAuthority=interop.example.com", "--Feed:ChangeQuietPeriod=00:00:00.100", *self.args],
                stdout=log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while time.time() < deadline and self.proc.poll() is None:
            if self.get("/healthz")[0] == 200:
                return
            time.sleep(0.1)
        raise RuntimeError(f"the server did not start; see {self.log}")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)

    def get(self, path, headers=None):
        """(status, headers dict with lower-case names, body)."""
        try:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
            conn.request("GET", path, headers=headers or {})
            r = conn.getresponse()
            return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
        except OSError:
            return 0, {}, b""

    def wait_for_scan(self, c, what, after):
        """Polls /healthz until a look at the folder that began after `after` (time.time()) has ended."""
        # A change no event reports (a touch may raise none) is seen at the rescan, 30 s at most.
        deadline = time.time() + CHANGE_DEADLINE + 30
        while time.time() < deadline:
            status, _, body = self.get("/healthz")
            last = json.loads(body).get("lastScan") if status else None
            if last and datetime.fromisoformat(last.replace("Z", "+00:00")).timestamp() > after:
                return
            time.sleep(0.05)
        c.true(f"{what}: a scan after the change", False, f"no scan began after {after} within the deadline")

    def etag(self, path="/atom.xml"):
        return self.get(path)[1].get("etag")

    def wait_for_change(self, c, what, before, path="/atom.xml"):
        """Polls until the document's ETag differs from `before` (the server picked up the change)."""
        deadline = time.time() + CHANGE_DEADLINE
        while time.time() < deadline:
            _, headers, _ = self.get(path)
            now = headers.get("etag")
            if now and now != before:
                # The first response that shows a change is where Last-Modified is likeliest
                # to run ahead of Date (RFC 9110 8.8.2.1 forbids it).
                lm, date = headers.get("last-modified"), headers.get("date")
                c.true(f"{what}: Last-Modified <= Date when the change shows",
                       lm and date and parsedate_to_datetime(lm) <= parsedate_to_datetime(date), f"{lm} > {date}")
                return now
            time.sleep(0.05)
        c.true(f"{what}: server picked up the change", False, f"{path} ETag still {before} after {CHANGE_DEADLINE} s")
        return before


class Hub:
    """A loopback stand-in WebSub hub: records every POST (hub.mode, hub.url) and answers 204."""

    def __init__(self):
        self.posts, self.lock = [], threading.Lock()
        hub = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as a real hub: the publisher reuses its connection

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8", "replace")
                with hub.lock:
                    hub.posts.append(urllib.parse.parse_qs(body))
                self.send_response(204)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.http = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.http.server_address[1]}/hub"
        threading.Thread(target=self.http.serve_forever, daemon=True).start()

    def pinged(self):
        with self.lock:
            return {u for p in self.posts if p.get("hub.mode") == ["publish"] for u in p.get("hub.url", [])}

    def settle(self, quiet=1.0, seconds=10):
        """Waits until no POST has arrived for `quiet` seconds (a publisher's retries included)."""
        deadline, count, since = time.time() + seconds, -1, time.time()
        while time.time() < deadline:
            with self.lock:
                n = len(self.posts)
            if n != count:
                count, since = n, time.time()
            elif time.time() - since >= quiet:
                return
            time.sleep(0.1)

    def clear(self):
        with self.lock:
            self.posts.clear()

    def wait_for(self, urls, seconds=CHANGE_DEADLINE):
        deadline = time.time() + seconds
        while time.time() < deadline and not set(urls) <= self.pinged():
            time.sleep(0.1)
        return self.pinged()

    def close(self):
        self.http.shutdown()
        self.http.server_close()


class Newsboat:
    """newsboat subscribed to one feed, with its own config, urls and cache files."""

    def __init__(self, work, url):
        self.dir = os.path.join(work, "newsboat")
        os.makedirs(self.dir, exist_ok=True)
        self.urls, self.cache, self.config = (os.path.join(self.dir, n) for n in ("urls", "cache.db", "config"))
        with open(self.urls, "w") as f:
            f.write(url + "\n")
        open(self.config, "w").close()

    def reload(self):
        """Reloads; returns (error or None, {guid: {title, url, content, enclosure}})."""
        if not os.path.exists(self.cache):
            # newsboat keeps no ETag or Last-Modified from a feed's very first download (its
            # cache row does not exist yet): reload twice, as a subscriber of some time has.
            self._reload()
        return self._reload()

    def _reload(self):
        result = subprocess.run(["newsboat", "-u", self.urls, "-c", self.cache, "-C", self.config, "-x", "reload"],
                                env={**os.environ, "HOME": self.dir}, capture_output=True, text=True, timeout=120)
        error = None if result.returncode == 0 else f"exit {result.returncode}: {(result.stdout + result.stderr).strip()[:200]}"
        with sqlite3.connect(self.cache) as db:
            rows = db.execute("select guid, title, url, content, enclosure_url from rss_item").fetchall()
        return error, {g: {"title": t, "link": u, "content": c, "enclosure": e} for g, t, u, c, e in rows}


class FeedparserSubscriber:
    """feedparser polling with the validators it was given (ETag and/or Last-Modified), keeping
    what it saw as a reader does: entries merged by id, a 226 merged into the store. ETag only
(use_modified=False) is a reader that keeps no Last-Modified."""

    def __init__(self, url, use_etag=True, use_modified=True):
        self.url, self.use_etag, self.use_modified, self.etag, self.modified, self.store, self.last = url, use_etag, use_modified, None, None, {}, None

    def poll(self):
        d = feedparser.parse(self.url, etag=self.etag if self.use_etag else None, modified=self.modified if self.use_modified else None)
        self.last = d
        status = d.get("status")
        if status in (200, 226):
            for e in d.entries:
                self.store[e.get("id")] = {
                    "title": e.get("title"), "link": e.get("link"), "content": (e.get("content") or [{}])[0].get("value", ""),
                    "tags": [t.get("term") for t in e.get("tags", [])],
                    "enclosure": next((l.get("href") for l in e.get("links", []) if l.get("rel") == "enclosure"), None)}
            if self.use_etag:
                self.etag = d.get("etag", self.etag)
            self.modified = d.get("modified", self.modified)
        error = None if status in (200, 226, 304) else f"status {status} {d.get('bozo_exception')!r}"
        return error, self.store


class SfeedSubscriber:
    """sfeed (Debian): the feed fetched whole on every poll, parsed by `sfeed` into its TSV lines
    (timestamp, title, link, content, content-type, id, ...), merged by id as sfeed_update does."""

    def __init__(self, url):
        self.url, self.store = url, {}

    def poll(self):
        try:
            with urllib.request.urlopen(self.url, timeout=30) as response:
                body = response.read()
        except OSError as e:
            return f"fetch: {e}", self.store
        result = subprocess.run(["sfeed"], input=body, capture_output=True, timeout=60)
        if result.returncode != 0:
            return f"sfeed exit {result.returncode}", self.store
        for line in result.stdout.decode("utf-8").splitlines():
            fields = line.split("\t")
            if len(fields) >= 6:
                self.store[fields[5] or fields[2]] = {"title": fields[1].replace("\\t", "\t"), "link": fields[2], "content": fields[3],
                                                      "enclosure": fields[7] if len(fields) > 7 and fields[7] else None}
        return None, self.store


class Rss2email:
    """Debian's rss2email, its mail delivered by a stand-in sendmail script into a folder."""

    def __init__(self, work, url):
        self.dir = os.path.join(work, "r2e")
        self.mail = os.path.join(self.dir, "mail")
        os.makedirs(self.mail, exist_ok=True)
        sendmail = os.path.join(self.dir, "sendmail")
        with open(sendmail, "w") as f:
            f.write(f'#!/bin/sh\n# stand-in sendmail: one file per message\ncat > "$(mktemp -p {self.mail} mail.XXXXXXXX)"\n')
        os.chmod(sendmail, 0o755)
        self.cfg, self.data = os.path.join(self.dir, "r2e.cfg"), os.path.join(self.dir, "r2e.json")
        with open(self.cfg, "w") as f:
            f.write(f"[DEFAULT]\nto = reader@interop.invalid\nemail-protocol = sendmail\nsendmail = {sendmail}\n"
                    "reply-changes = True\nfeed-timeout = 30\nverbose = warning\n")
        added = self.r2e("add", "news", url)
        if added.returncode != 0:
            raise RuntimeError(f"r2e add: {added.stderr.strip()}")
        self.delivered = set()

    def r2e(self, *args):
        env = {**os.environ, "HOME": self.dir, "XDG_CONFIG_HOME": self.dir, "XDG_DATA_HOME": self.dir}
        return subprocess.run(["r2e", "-c", self.cfg, "-d", self.data, *args], env=env, capture_output=True, text=True, timeout=120)

    def run(self):
        """Runs once; returns (error or None, subjects of the messages this run mailed)."""
        result = self.r2e("run")
        logged = [l for l in (result.stdout + result.stderr).splitlines() if l.strip()]
        error = None if result.returncode == 0 and not logged else f"exit {result.returncode}: {' | '.join(logged)[:300]}"
        subjects = []
        for path in sorted(set(glob.glob(os.path.join(self.mail, "mail.*"))) - self.delivered, key=os.path.getmtime):
            self.delivered.add(path)
            with open(path, "rb") as f:
                message = email.message_from_binary_file(f, policy=email.policy.default)
            subjects.append(str(message["Subject"]))
        return error, subjects


class Readers:
    """The subscribers of one scenario; `poll` runs each once and checks what it shows."""

    def __init__(self, c, server, work, rss2email=True):
        self.c, self.server = c, server
        self.clients = {"newsboat": Newsboat(work, server.base + "feed.xml").reload,
                        "feedparser (ETag, Last-Modified)": FeedparserSubscriber(server.base + "atom.xml").poll,
                        "feedparser (Last-Modified only)": FeedparserSubscriber(server.base + "feed.xml", use_etag=False).poll,
                        "sfeed": SfeedSubscriber(server.base + "atom.xml").poll}
        self.r2e = Rss2email(work, server.base + "atom.xml") if rss2email else None
        self.seen = {}

    def poll(self, step, present=(), absent=(), mailed=None):
        """Every client polls once. Each title in `present` must be shown exactly once, none in
        `absent`; rss2email must have mailed exactly the titles in `mailed` in this run."""
        for name, poll in self.clients.items():
            error, store = poll()
            self.seen[name] = store
            self.c.true(f"{step}: {name} polled", error is None, error)
            titles = [e["title"] for e in store.values()]
            for t in present:
                self.c.equal(f"{step}: {name} shows {t!r}", 1, titles.count(t))
            for t in absent:
                self.c.equal(f"{step}: {name} no longer shows {t!r}", 0, titles.count(t))
        if self.r2e:
            error, subjects = self.r2e.run()
            self.c.true(f"{step}: rss2email ran without errors", error is None, error)
            if mailed is not None:
                self.c.equal(f"{step}: rss2email mailed each new or corrected story once", sorted(mailed), sorted(subjects))


def by_title(store, title):
    return next((e for e in store.values() if e["title"] == title), None)


# The newsroom every scenario starts from: three stories, one a day, the newest at 10:00.
HARBOUR = "Harbour reopens after the storm"
COUNCIL = "Council passes the budget"
RAIL = "Rail strike called off"


def newsroom(items):
    write(items, "2026-11-20-harbour.md", story(HARBOUR, "2026-11-20T10:00:00Z", "Ships left the harbour at dawn.", tags="[weather]"))
    write(items, "2026-11-21-council.md", story(COUNCIL, "2026-11-21T09:00:00Z", "The council voted nine to four.", tags="[politics]"))
    write(items, "2026-11-22-rail.md", story(RAIL, "2026-11-22T10:00:00Z", "Trains run again from noon.",
                                             enclosure="{url: 'http://127.0.0.1/audio/rail.mp3', type: audio/mpeg, length: 1000}"))


BASE = [HARBOUR, COUNCIL, RAIL]


def back_dated_story(c, s, work):
    """A wire story dated by its file name (midnight) added after the 10:00 story of that day."""
    newsroom(s.items)
    s.start()
    r = Readers(c, s, work)
    r.poll("first poll", BASE, mailed=BASE)
    before = s.etag()
    write(s.items, "2026-11-22-wire-floods.txt", "Floods close the river road\n\nThe river road closed overnight after heavy rain. "
                                                 "Crews expect to reopen it by noon.\n")
    s.wait_for_change(c, "back-dated story", before)
    r.poll("after a back-dated story", BASE + ["Floods close the river road"], mailed=["Floods close the river road"])


def correction_without_updated(c, s, work):
    """A story's title and body corrected, with no new `updated:` value."""
    newsroom(s.items)
    s.start()
    r = Readers(c, s, work)
    r.poll("first poll", BASE, mailed=BASE)
    before = s.etag()
    corrected = "Council passes the amended budget"
    write(s.items, "2026-11-21-council.md", story(corrected, "2026-11-21T09:00:00Z", "The council voted nine to four, after amendments.",
                                                  tags="[politics]"))
    s.wait_for_change(c, "correction", before)
    r.poll("after a correction", [HARBOUR, corrected, RAIL], absent=[COUNCIL], mailed=[corrected])
    for name, store in r.seen.items():
        e = by_title(store, corrected)
        c.true(f"{name} shows the corrected body", e is not None and "after amendments" in e["content"], "old body")


def newest_deleted_then_new(c, s, work):
    """The newest story deleted, then a new story (dated before the deleted one) published."""
    newsroom(s.items)
    s.start()
    r = Readers(c, s, work)
    r.poll("first poll", BASE, mailed=BASE)
    before = s.etag()
    os.remove(os.path.join(s.items, "2026-11-22-rail.md"))
    before = s.wait_for_change(c, "deletion", before)
    r.poll("after deleting the newest story", [HARBOUR, COUNCIL], mailed=[])
    talks = "Rail talks resume"
    write(s.items, "2026-11-22-rail-talks.md", story(talks, "2026-11-22T09:30:00Z", "Both sides meet again on Monday."))
    s.wait_for_change(c, "new story", before)
    r.poll("after a new story", [HARBOUR, COUNCIL, talks], mailed=[talks])


def enclosure_only_change(c, s, work):
    """Only an enclosure URL changes, with deltas on: the delta must carry the entry."""
    newsroom(s.items)
    s.start()
    r = Readers(c, s, work, rss2email=False)  # rss2email treats 226 as an error: deltas are off by default for it
    r.poll("first poll", BASE)
    before = s.etag()
    write(s.items, "2026-11-22-rail.md", story(RAIL, "2026-11-22T10:00:00Z", "Trains run again from noon.",
                                               enclosure="{url: 'http://127.0.0.1/audio/rail-v2.mp3', type: audio/mpeg, length: 1000}"))
    s.wait_for_change(c, "enclosure change", before)
    r.poll("after an enclosure change", BASE)
    fp = r.clients["feedparser (ETag, Last-Modified)"].__self__
    c.equal("feedparser got a delta (226)", 226, fp.last.get("status"))
    c.equal("the delta carries the changed entry", [RAIL], [e.get("title") for e in fp.last.entries])
    for name, store in r.seen.items():
        e = by_title(store, RAIL)
        c.equal(f"{name} shows the new enclosure", "http://127.0.0.1/audio/rail-v2.mp3", e and e["enclosure"])


def tags_only_change(c, s, work):
    """Only a story's tags change, with deltas on: the delta must carry the entry."""
    newsroom(s.items)
    s.start()
    r = Readers(c, s, work, rss2email=False)
    r.poll("first poll", BASE)
    before = s.etag()
    write(s.items, "2026-11-21-council.md", story(COUNCIL, "2026-11-21T09:00:00Z", "The council voted nine to four.",
                                                  tags="[politics, budget]"))
    s.wait_for_change(c, "tags change", before)
    r.poll("after a tags change", BASE)
    for name in ("feedparser (ETag, Last-Modified)", "feedparser (Last-Modified only)"):
        fp = r.clients[name].__self__
        if name.startswith("feedparser (ETag"):
            c.equal(f"{name} got a delta (226)", 226, fp.last.get("status"))
            c.equal(f"{name}: the delta carries the changed entry", [COUNCIL], [e.get("title") for e in fp.last.entries])
        e = by_title(fp.store, COUNCIL)
        c.equal(f"{name} shows the new tags", ["politics", "budget"], e and e["tags"])


def same_slug_two_folders(c, s, work):
    """budget.md and desk2/budget.md on the same day: two stories, both arrive, two links."""
    newsroom(s.items)
    s.start()
    r = Readers(c, s, work)
    r.poll("first poll", BASE, mailed=BASE)
    before = s.etag()
    city, desk = "City budget: the numbers", "Desk two on the budget"
    write(s.items, "budget.md", story(city, "2026-11-23T12:00:00Z", "The city's budget, line by line."))
    write(s.items, "desk2/budget.md", story(desk, "2026-11-23T12:00:00Z", "What desk two made of it."))
    s.wait_for_change(c, "two budget stories", before)
    r.poll("after two same-slug stories", BASE + [city, desk], mailed=[city, desk])
    for name, store in r.seen.items():
        a, b = by_title(store, city), by_title(store, desk)
        c.true(f"{name}: two links", a and b and a["link"] != b["link"], f"{a and a['link']} / {b and b['link']}")
    for title in (city, desk):
        e = by_title(r.seen["feedparser (ETag, Last-Modified)"], title)
        status, _, body = s.get(urllib.parse.urlsplit(e["link"]).path) if e else (0, {}, b"")
        c.true(f"{title!r}: its link opens it", status == 200 and title.encode() in body.replace(b"&#x27;", b"'"), f"status {status}")


def older_same_slug_story(c, s, work):
    """An older story with the same slug is added: the newer one's link does not move."""
    newsroom(s.items)
    new_root, new_desk = "Budget day 2026", "Desk two budget 2026"
    write(s.items, "2026-11-24-budget.md", story(new_root, "2026-11-24T08:00:00Z", "This year's budget."))
    write(s.items, "desk2/budget.md", story(new_desk, "2026-11-24T09:00:00Z", "Desk two on this year's budget."))
    s.start()
    r = Readers(c, s, work)
    r.poll("first poll", BASE + [new_root, new_desk], mailed=BASE + [new_root, new_desk])
    links = {name: {t: by_title(store, t) and by_title(store, t)["link"] for t in (new_root, new_desk)} for name, store in r.seen.items()}
    before = s.etag()
    old_root, old_desk = "Budget day 2025", "Budget 2025 from the y2025 folder"
    write(s.items, "2025-11-24-budget.md", story(old_root, "2025-11-24T08:00:00Z", "Last year's budget."))
    write(s.items, "y2025/budget.md", story(old_desk, "2025-11-24T09:00:00Z", "Last year's budget, filed in a folder."))
    s.wait_for_change(c, "older same-slug stories", before)
    everything = BASE + [new_root, new_desk, old_root, old_desk]
    r.poll("after older same-slug stories", everything, mailed=[old_root, old_desk])
    for name, store in r.seen.items():
        for t, link in links[name].items():
            c.equal(f"{name}: link of {t!r} unchanged", link, by_title(store, t) and by_title(store, t)["link"])
        c.equal(f"{name}: every story has its own link", len(everything), len({e["link"] for e in store.values()}))
    for t, link in links["feedparser (ETag, Last-Modified)"].items():
        status, _, body = s.get(urllib.parse.urlsplit(link).path) if link else (0, {}, b"")
        c.true(f"{t!r}: its shared link still opens it", status == 200 and t.encode() in body, f"status {status}")
    # Not checked: the pre-upgrade /items/budget redirect. The server points it at the oldest
    # story with that slug (as the old scheme did), so a back-dated same-slug story moves it.


def restart_after_change_while_down(c, s, work):
    """A story added while the server is down: after start the hub is pinged and readers get it."""
    hub = Hub()
    try:
        s.args = (*s.args, f"--Feed:WebSubHub={hub.url}")
        newsroom(s.items)
        s.start()
        feeds = [s.base + p for p in ("feed.xml", "atom.xml", "feed.json")]
        c.true("hub pinged after the first start", set(feeds) <= hub.wait_for(feeds), f"pinged {sorted(hub.pinged())}")
        for url in feeds:
            link = s.get(urllib.parse.urlsplit(url).path)[1].get("link", "")
            c.true(f"{url}: Link rel=hub and rel=self", f'<{hub.url}>; rel="hub"' in link and f'<{url}>; rel="self"' in link, repr(link))
        r = Readers(c, s, work)
        r.poll("first poll", BASE, mailed=BASE)
        last_modified = s.get("/atom.xml")[1].get("last-modified")
        s.stop()
        hub.clear()
        late = "Night shift: ferry delayed"
        write(s.items, "2026-11-23-ferry.md", story(late, "2026-11-23T02:00:00Z", "The late ferry left two hours behind."))
        s.start()
        c.true("hub pinged after a restart for every feed changed while down", set(feeds) <= hub.wait_for(feeds),
               f"pinged {sorted(hub.pinged())}")
        after = s.get("/atom.xml")[1].get("last-modified")
        c.true("Last-Modified moved forward across the restart", after and last_modified
               and parsedate_to_datetime(after) > parsedate_to_datetime(last_modified), f"{last_modified} -> {after}")
        r.poll("after the restart", BASE + [late], mailed=[late])
        # Touching a file without changing any bytes is no change: no ping.
        hub.settle()
        hub.clear()
        before = s.etag()
        touched = time.time()
        os.utime(os.path.join(s.items, "2026-11-20-harbour.md"))
        s.wait_for_scan(c, "touch", touched)
        c.equal("no ping when no bytes changed", set(), hub.pinged())
        c.equal("touching a file keeps the ETag", before, s.etag())
    finally:
        hub.close()


def updated_in_the_future(c, s, work):
    """A story with `updated` in 2031: Last-Modified is never after Date and later changes still arrive."""
    newsroom(s.items)
    s.start()
    r = Readers(c, s, work)
    r.poll("first poll", BASE, mailed=BASE)
    before = s.etag()
    future = "Stadium plan, to be revised"
    write(s.items, "2026-11-23-stadium.md", story(future, "2026-11-23T10:00:00Z", "The plan will change.", updated="2031-01-01T00:00:00Z"))
    before = s.wait_for_change(c, "future updated", before)
    for path in ("/feed.xml", "/atom.xml", "/feed.json"):
        _, h, _ = s.get(path)
        lm, date = h.get("last-modified"), h.get("date")
        c.true(f"{path}: Last-Modified <= Date", lm and date and parsedate_to_datetime(lm) <= parsedate_to_datetime(date), f"{lm} > {date}")
    # The future 'updated' is a warning and is clamped; no feed-level date is in the future.
    _, h, body = s.get("/atom.xml")
    updated = re.search(r"<updated>([^<]+)</updated>", body.decode()).group(1)
    c.true("/atom.xml: feed updated not in the future", updated < "2031", updated)
    r.poll("after a story updated in the future", BASE + [future], mailed=[future])
    later = "Market hall opens"
    write(s.items, "2026-11-24-market.md", story(later, "2026-11-24T10:00:00Z", "Stalls opened at eight."))
    s.wait_for_change(c, "a later story", before)
    r.poll("after a later story", BASE + [future, later], mailed=[later])


ARCHIVE_STORIES = {  # file -> (title, date)
    "2026-08-10-a.md": ("August story", "2026-08-10T10:00:00Z"),
    "2026-09-05-b.md": ("Early September story", "2026-09-05T10:00:00Z"),
    "2026-09-20-c.md": ("Late September story", "2026-09-20T10:00:00Z"),
    "2026-10-02-d.md": ("October story", "2026-10-02T10:00:00Z"),
    "2026-11-15-e.md": ("Mid November story", "2026-11-15T10:00:00Z"),
    "2026-11-20-f.md": ("Late November story", "2026-11-20T10:00:00Z"),
}


def walk(c, s, step):
    """Walks prev-archive from /atom.xml (feedparser reads each document). Returns
    ({archive path: bytes}, [titles met in the archives])."""
    docs, titles = {}, []
    feed = feedparser.parse(s.get("/atom.xml")[2])
    for _ in range(100):  # bounded: a walk never has more pages than this test makes
        prev = next((l["href"] for l in feed.feed.get("links", []) if l.get("rel") == "prev-archive"), None)
        if not prev:
            break
        path = urllib.parse.urlsplit(prev).path
        c.true(f"{step}: no archive loop", path not in docs, f"{path} met twice")
        if path in docs:
            break
        status, _, body = s.get(path)
        c.equal(f"{step}: {path} status", 200, status)
        docs[path] = body
        feed = feedparser.parse(body)
        c.true(f"{step}: {path} parses", not feed.bozo, repr(feed.get("bozo_exception")))
        titles += [e.get("title") for e in feed.entries]
    return docs, titles


def archive_walk(c, s, work):
    """Archive walk after a back-dated insert and after a delete: every story exactly once, the
    archive documents that do not cover the changed date byte-identical."""
    s.args = (*s.args, "--Feed:MaxItems=2")
    stories = dict(ARCHIVE_STORIES)
    for name, (title, date) in stories.items():
        write(s.items, name, story(title, date, f"{title}, told in full."))
    s.start()

    def check_walk(step):
        docs, titles = walk(c, s, step)
        for title, _ in stories.values():
            c.equal(f"{step}: {title!r} met once in the archives", 1, titles.count(title))
        c.equal(f"{step}: nothing else in the archives", sorted(t for t, _ in stories.values()), sorted(titles))
        return docs

    first = check_walk("first walk")
    c.true("first walk: more than one archive document", len(first) > 1, f"{len(first)} documents")

    def change(step, month_path, apply):
        doc_etag = s.etag(month_path)
        apply()
        s.wait_for_change(c, step, doc_etag, month_path)
        return check_walk(step)

    def back_date():
        stories["2026-09-12-late.md"] = ("Back-dated September story", "2026-09-12T10:00:00Z")
        write(s.items, "2026-09-12-late.md", story("Back-dated September story", "2026-09-12T10:00:00Z", "Filed late."))

    september = next((p for p in first if "2026/09" in p), "/archive/2026/09.xml")
    second = change("after a back-dated insert", september, back_date)
    for path, body in first.items():
        if path != september:
            c.true(f"after a back-dated insert: {path} byte-identical", second.get(path) == body, "changed")
    c.true("after a back-dated insert: September's document changed", second.get(september) != first.get(september), "unchanged")

    def delete():
        del stories["2026-10-02-d.md"]
        os.remove(os.path.join(s.items, "2026-10-02-d.md"))

    october = next((p for p in first if "2026/10" in p), "/archive/2026/10.xml")
    third = change("after a delete", october, delete)
    for path, body in second.items():
        if path != october:
            c.true(f"after a delete: {path} byte-identical", third.get(path) == body, "changed")


# The publication ledger (docs/scale-out.md): what a stateless server could not remember.

def links_of(r, title):
    return {name: by_title(store, title) and by_title(store, title)["link"] for name, store in r.seen.items()}


def check_links(c, r, title, before):
    for name, link in links_of(r, title).items():
        c.equal(f"{name}: link of {title!r} unchanged", before[name], link)


def wire_then_desk_namesake(c, s, work):
    """Wire copy storm.txt at 08:00, then the desk's storm.md at 15:00 the same day: the earlier
    story keeps its id and link, the later one gets its own; each is mailed once."""
    newsroom(s.items)
    write(s.items, "storm.txt", "date 2026-11-23T08:00:00Z\nStorm warning for the coast\n\nThe coast guard warned of gales.\n")
    wire, desk = "Storm warning for the coast", "The storm, as the desk tells it"
    s.start()
    r = Readers(c, s, work)
    r.poll("first poll", BASE + [wire], mailed=BASE + [wire])
    before = links_of(r, wire)
    etag = s.etag()
    write(s.items, "storm.md", story(desk, "2026-11-23T15:00:00Z", "Gales closed the harbour by noon."))
    s.wait_for_change(c, "the desk's namesake", etag)
    r.poll("after the desk's namesake", BASE + [wire, desk], mailed=[desk])
    check_links(c, r, wire, before)


def file_name_typo_fix(c, s, work):
    """A file renamed to fix a typo in its name: the same story, the same link, nothing mailed."""
    newsroom(s.items)
    title = "Budget debate runs late"
    write(s.items, "2026-11-23-budjet-debate.md", story(title, "2026-11-23T11:00:00Z", "The assembly sat past midnight."))
    s.start()
    r = Readers(c, s, work)
    r.poll("first poll", BASE + [title], mailed=BASE + [title])
    before = links_of(r, title)
    etag = s.etag()
    os.rename(os.path.join(s.items, "2026-11-23-budjet-debate.md"), os.path.join(s.items, "2026-11-23-budget-debate.md"))
    # The rename changes no byte of any feed: give the watcher its chance, then poll.
    time.sleep(1)
    c.equal("a rename keeps the feed's bytes", etag, s.etag())
    r.poll("after the rename", BASE + [title], mailed=[])
    check_links(c, r, title, before)


def date_fix_across_a_day(c, s, work):
    """A story's date corrected by a day: the same id and link, shown once (a correction)."""
    newsroom(s.items)
    title = "Ferry timetable changes"
    write(s.items, "ferry.md", story(title, "2026-11-23T09:00:00Z", "The winter timetable starts Monday."))
    s.start()
    r = Readers(c, s, work)
    r.poll("first poll", BASE + [title], mailed=BASE + [title])
    before = links_of(r, title)
    etag = s.etag()
    write(s.items, "ferry.md", story(title, "2026-11-22T09:00:00Z", "The winter timetable starts Monday."))
    s.wait_for_change(c, "date fix", etag)
    r.poll("after the date fix", BASE + [title])
    check_links(c, r, title, before)


def moved_to_another_folder(c, s, work):
    """A story moved into a desk's folder, with no id in its front matter: the same story."""
    newsroom(s.items)
    s.start()
    r = Readers(c, s, work)
    r.poll("first poll", BASE, mailed=BASE)
    before = links_of(r, HARBOUR)
    os.makedirs(os.path.join(s.items, "desk"), exist_ok=True)
    os.rename(os.path.join(s.items, "2026-11-20-harbour.md"), os.path.join(s.items, "desk", "2026-11-20-harbour.md"))
    time.sleep(1)
    r.poll("after the move", BASE, mailed=[])
    check_links(c, r, HARBOUR, before)
    status = s.get(urllib.parse.urlsplit(before["newsboat"]).path)[0] if before["newsboat"] else 0
    c.equal("the story's link still opens it", 200, status)


def late_story_below_the_50th(c, s, work):
    """Sixty stories, then a wire story filed late with its real time, older than the 50th."""
    for i in range(60):
        write(s.items, f"2026-10-{1 + i % 28:02d}-old-{i:02d}.md", story(f"Old story {i:02d}", f"2026-10-{1 + i % 28:02d}T12:{i:02d}:00Z", f"Body {i}."))
    s.start()
    r = Readers(c, s, work)
    r.poll("first poll", mailed=None)
    etag = s.etag()
    late = "Late wire: dawn raid reported"
    write(s.items, "late.txt", "date 2026-09-15T06:00:00Z\nLate wire: dawn raid reported\n\nThe raid took place at dawn.\n")
    s.wait_for_change(c, "late story", etag)
    r.poll("after the late story", [late], mailed=[late])


def git_pull_of_500_and_50_corrections(c, s, work):
    """A pull brings 500 new stories and 50 corrections to stories below the 50th: all arrive."""
    for i in range(100):
        write(s.items, f"2026-09-{1 + i % 28:02d}-base-{i:03d}.md", story(f"Base {i:03d}", f"2026-09-{1 + i % 28:02d}T08:00:00Z", f"Base body {i}."))
    s.start()
    r = Readers(c, s, work)
    r.poll("first poll", mailed=None)
    etag = s.etag()
    new = [f"Pulled {i:03d}" for i in range(500)]
    for i, title in enumerate(new):
        write(s.items, f"2026-08-{1 + i % 28:02d}-pulled-{i:03d}.md", story(title, f"2026-08-{1 + i % 28:02d}T10:00:00Z", f"Pulled body {i}."))
    corrected = [f"Base {i:03d} (corrected)" for i in range(50, 100)]
    for i in range(50, 100):
        write(s.items, f"2026-09-{1 + i % 28:02d}-base-{i:03d}.md", story(f"Base {i:03d} (corrected)", f"2026-09-{1 + i % 28:02d}T08:00:00Z", f"Base body {i}, corrected."))
    s.wait_for_change(c, "the pull", etag)
    time.sleep(1)  # a pull is many writes: let the last of them be published
    r.poll("after the pull", new + corrected, mailed=new + corrected)


def undated_wire_across_a_checkout(c, s, work):
    """Wire copy with no date keeps its date and id when git writes it again (new file times)."""
    newsroom(s.items)
    title = "Power restored to the east side"
    text = "Power restored to the east side\n\nCrews finished overnight.\n"
    write(s.items, "power.txt", text)
    s.start()
    r = Readers(c, s, work)
    r.poll("first poll", BASE + [title], mailed=BASE + [title])
    before = links_of(r, title)
    served = {i["title"]: (i["id"], i.get("date_published")) for i in json.loads(s.get("/feed.json")[2])["items"]}
    s.stop()
    # A fresh checkout: every file written again, with file times that say nothing of the story.
    shutil.rmtree(s.items)
    newsroom(s.items)
    write(s.items, "power.txt", text)
    earlier = time.time() - 3 * 86400
    for path in glob.glob(os.path.join(s.items, "*")):
        os.utime(path, (earlier, earlier))
    s.start()
    again = {i["title"]: (i["id"], i.get("date_published")) for i in json.loads(s.get("/feed.json")[2])["items"]}
    c.equal("the undated story keeps its id and date", served.get(title), again.get(title))
    r.poll("after the checkout", BASE + [title], mailed=[])
    check_links(c, r, title, before)


def two_saves_in_one_second_then_restart(c, s, work):
    """Two saves within one second, then a restart: a Last-Modified-only reader sees the second."""
    newsroom(s.items)
    s.start()
    r = Readers(c, s, work)
    r.poll("first poll", BASE, mailed=BASE)
    first, second = "Council passes the budget, 9-4", "Council passes the budget, 9 votes to 4"
    write(s.items, "2026-11-21-council.md", story(first, "2026-11-21T09:00:00Z", "The council voted nine to four."))
    time.sleep(0.3)
    write(s.items, "2026-11-21-council.md", story(second, "2026-11-21T09:00:00Z", "The council voted nine to four."))
    time.sleep(0.05)
    s.stop()
    s.start()
    r.poll("after two saves and a restart", [HARBOUR, second, RAIL], absent=[COUNCIL, first])


def future_file_time_across_a_restart(c, s, work):
    """A correction saved with a file time in the future (a skewed clock), made while down."""
    newsroom(s.items)
    s.start()
    r = Readers(c, s, work)
    r.poll("first poll", BASE, mailed=BASE)
    s.stop()
    corrected = "Rail strike called off at the last minute"
    path = os.path.join(s.items, "2026-11-22-rail.md")
    write(s.items, "2026-11-22-rail.md", story(corrected, "2026-11-22T10:00:00Z", "Trains run again from noon.",
                                               enclosure="{url: 'http://127.0.0.1/audio/rail.mp3', type: audio/mpeg, length: 1000}"))
    future = time.time() + 3 * 86400
    os.utime(path, (future, future))
    s.start()
    r.poll("after the restart", [HARBOUR, COUNCIL, corrected], absent=[RAIL])


def restarts_over_the_start_index(c, s, work):
    """Restarts that take unchanged files from the start index (written when the server stops):
    the same documents after a restart with nothing changed; then, after changes made while down,
    a file rewritten to its old size and modification time is read again (its change time moved),
    a deleted one is gone, a new one shows, and the untouched one keeps its body and its id."""
    newsroom(s.items)
    s.start()
    r = Readers(c, s, work)
    r.poll("first poll", BASE, mailed=BASE)
    # The index trusts a file only once its change time is older than a file system's time step.
    time.sleep(2.5)
    _, before, _ = s.get("/atom.xml")
    s.stop()

    def taken():
        with open(s.log, encoding="utf-8", errors="replace") as f:
            return re.findall(r"Took (\d+) of (\d+) story files from the start index", f.read())

    s.start()
    c.equal("the restart took every file from the index", [("3", "3")], taken())
    _, after, _ = s.get("/atom.xml")
    c.equal("ETag unchanged across a restart over the index", before.get("etag"), after.get("etag"))
    c.equal("Last-Modified unchanged across a restart over the index", before.get("last-modified"), after.get("last-modified"))
    r.poll("after a restart over the index", BASE, mailed=[])
    time.sleep(2.5)
    s.stop()

    council = os.path.join(s.items, "2026-11-21-council.md")
    old = os.stat(council)
    # A title and a body as long as the old ones: the file keeps its size.
    corrected = "Council passed the budget"
    write(s.items, "2026-11-21-council.md", story(corrected, "2026-11-21T09:00:00Z", "The council voted ten to three.", tags="[politics]"))
    os.utime(council, ns=(old.st_atime_ns, old.st_mtime_ns))
    c.equal("the corrected file has its old size and modification time", (old.st_size, old.st_mtime_ns),
            (os.stat(council).st_size, os.stat(council).st_mtime_ns))
    os.remove(os.path.join(s.items, "2026-11-22-rail.md"))
    late = "Night shift: ferry delayed"
    write(s.items, "2026-11-23-ferry.md", story(late, "2026-11-23T02:00:00Z", "The late ferry left two hours behind."))
    s.start()
    c.equal("the second restart took only the untouched file from the index", [("3", "3"), ("1", "3")], taken())
    served = s.get("/atom.xml")[2].decode("utf-8")
    c.true("the story deleted while down is no longer served", RAIL not in served and late in served, "atom.xml")
    r.poll("after changes made while down", [HARBOUR, corrected, late], absent=[COUNCIL], mailed=[corrected, late])
    for name, store in r.seen.items():
        e = by_title(store, HARBOUR)
        c.true(f"{name} shows the untouched story's body", e is not None and "harbour at dawn" in (e["content"] or ""), repr(e))
        e = by_title(store, corrected)
        c.true(f"{name} shows the corrected body", e is not None and "ten to three" in (e["content"] or ""), repr(e))


SCENARIOS = [
    ("back-dated story", back_dated_story, ()),
    ("correction without updated", correction_without_updated, ()),
    ("newest story deleted then a new one", newest_deleted_then_new, ()),
    ("enclosure-only change (delta)", enclosure_only_change, ("--Feed:DeltaFeeds=true",)),
    ("tags-only change (delta)", tags_only_change, ("--Feed:DeltaFeeds=true",)),
    ("same slug in two folders", same_slug_two_folders, ()),
    ("older same-slug story added", older_same_slug_story, ()),
    ("restart after a change while down", restart_after_change_while_down, ()),
    ("updated in the future", updated_in_the_future, ()),
    ("archive walk", archive_walk, ()),
    ("wire then desk namesake", wire_then_desk_namesake, ()),
    ("file name typo fix", file_name_typo_fix, ()),
    ("date fix across a day", date_fix_across_a_day, ()),
    ("moved to another folder", moved_to_another_folder, ()),
    ("late story below the 50th", late_story_below_the_50th, ()),
    ("git pull of 500 and 50 corrections", git_pull_of_500_and_50_corrections, ("--Feed:MaxRecentItems=600",)),
    ("undated wire across a checkout", undated_wire_across_a_checkout, ()),
    ("two saves in one second then a restart", two_saves_in_one_second_then_restart, ()),
    ("future file time across a restart", future_file_time_across_a_restart, ()),
    ("restarts over the start index", restarts_over_the_start_index, ()),
]


def run_scenario(name, scenario, args):
    work = os.path.join(OUT, name.split(" (")[0].replace(" ", "-"))
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    c = Checker(f"over time: {name}")
    s = Server(work, *args)
    try:
        scenario(c, s, work)
    except Exception as e:  # a scenario that cannot go on is a failed scenario, not a crashed suite
        c.true("scenario ran", False, f"{type(e).__name__}: {e}")
    finally:
        s.stop()
    return c.finish(sum(1 for _ in glob.iglob(os.path.join(s.items, "**", "*.*"), recursive=True))) == 0


def main():
    wanted = sys.argv[1:]
    results = {name: run_scenario(name, f, args) for name, f, args in SCENARIOS if not wanted or any(w in name for w in wanted)}
    failed = [n for n, ok in results.items() if not ok]
    # Not "interop: N passed": run.py counts these scenarios, one per line, in its own closing line.
    print(f"interop over time (all scenarios): {len(results) - len(failed)} passed, {len(failed)} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
