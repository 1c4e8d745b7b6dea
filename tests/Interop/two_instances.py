#!/usr/bin/python3
"""Two Feed instances over one folder and one PostgreSQL ledger, behind the shipped Varnish
configuration (docs/scale-out.md), with the reader's eye of over_time.py: newsboat,
rss2email, sfeed and feedparser (ETag and Last-Modified; ETag only; Last-Modified only) stay
subscribed while the newsroom adds stories, renames a file, fixes a date, files a late story, a
namesake and a new slug, and the instances are restarted one after the other. Every reader
polls one loopback front that hands each request to the next of Varnish, instance A and
instance B in turn, as a reader behind round-robin DNS or a load balancer without affinity
would: a validator one answer gave is sent to another. Checked at every step: each story shown
exactly once, nothing missed, rss2email mails each new story once, an old URL answers 301 on
both instances and through the cache, and both instances serve the same bytes, ETag and
Last-Modified for every feed.

It starts its own PostgreSQL cluster (Debian's binaries, initdb as nobody when run as root, a
free loopback port) and its own varnishd (deploy/varnish/feed.vcl with the two instances'
ports), and stops both by their PIDs. Prints one line, `interop over time: two instances ...:
ok|FAIL`, which run.py counts.

Usage: tests/Interop/two_instances.py   (FEED_SERVER as for over_time.py)"""
import glob, http.client, http.server, os, shutil, signal, socket, subprocess, sys, tempfile, threading, time, urllib.parse

import over_time as ot
from over_time import BASE, HARBOUR, COUNCIL, RAIL, by_title, links_of, newsroom, story, write

NAME = "over time: two instances, one PostgreSQL ledger, behind Varnish"
DOCUMENTS = ("/feed.xml", "/atom.xml", "/feed.json")
VARNISHD = next((p for p in ("/usr/sbin/varnishd", "/usr/local/sbin/varnishd", "/usr/bin/varnishd") if os.path.exists(p)), None)


def postgres_binaries():
    found = [b for b in glob.glob("/usr/lib/postgresql/*/bin") if os.path.exists(os.path.join(b, "postgres")) and os.path.exists(os.path.join(b, "initdb"))]
    return max(found, key=lambda b: int(b.split("/")[-2]) if b.split("/")[-2].isdigit() else 0) if found else None


class Postgres:
    """A throwaway cluster, as tests/Shared/PostgresCluster.cs starts one: postgres refuses root."""

    def __init__(self, binaries):
        self.bin, self.dir, self.port, self.proc = binaries, tempfile.mkdtemp(prefix="feed-pg-"), ot.free_port(), None
        os.chmod(self.dir, 0o777)  # the unprivileged user writes here
        self.run("initdb", "-D", os.path.join(self.dir, "data"), "-U", "feed", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions")
        self.start()
        self.run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "feed", "feed")
        self.connection = f"Host=127.0.0.1;Port={self.port};Database=feed;Username=feed;Timeout=3"

    def command(self, tool, *args):
        as_nobody = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"] if os.geteuid() == 0 else []
        return [*as_nobody, os.path.join(self.bin, tool), *args]

    def run(self, tool, *args):
        return subprocess.run(self.command(tool, *args), cwd=tempfile.gettempdir(), check=True, capture_output=True, text=True).stdout

    def start(self):
        with open(os.path.join(self.dir, "postgres.log"), "a") as log:
            # setpriv execs postgres: the PID kept is the postmaster's.
            self.proc = subprocess.Popen(self.command("postgres", "-D", os.path.join(self.dir, "data"), "-p", str(self.port), "-k", self.dir,
                                                      "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"),
                                         cwd=tempfile.gettempdir(), stdout=log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while subprocess.run([os.path.join(self.bin, "pg_isready"), "-q", "-h", "127.0.0.1", "-p", str(self.port)]).returncode != 0:
            if self.proc.poll() is not None or time.time() > deadline:
                raise RuntimeError(f"PostgreSQL did not start; see {self.dir}/postgres.log")
            time.sleep(0.1)

    def scalar(self, sql):
        return subprocess.run([os.path.join(self.bin, "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "feed", "-d", "feed", "-Atc", sql],
                              check=True, capture_output=True, text=True).stdout.strip()

    def close(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)  # a fast shutdown
            self.proc.wait(timeout=60)
        shutil.rmtree(self.dir, ignore_errors=True)


class Varnish:
    """varnishd in the foreground with the shipped VCL, its two backends rewritten to A and B."""

    def __init__(self, backend1, backend2):
        self.dir, self.port = tempfile.mkdtemp(prefix="feed-varnish-"), ot.free_port()
        os.chmod(self.dir, 0o755)  # varnishd's workers run as their own user
        with open(os.path.join(ot.ROOT, "deploy", "varnish", "feed.vcl")) as f:
            vcl = f.read().replace('.port = "5000"', f'.port = "{backend1}"').replace('.port = "5001"', f'.port = "{backend2}"')
        with open(os.path.join(self.dir, "feed.vcl"), "w") as f:
            f.write(vcl)
        self.log, self.proc = open(os.path.join(self.dir, "varnishd.log"), "w"), None

    def start(self):
        self.proc = subprocess.Popen([VARNISHD, "-F", "-n", os.path.join(self.dir, "varnish"), "-f", os.path.join(self.dir, "feed.vcl"),
                                      "-a", f"127.0.0.1:{self.port}", "-s", "malloc,64m", "-p", "http_gzip_support=off"],
                                     stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while get(self.port, "/healthz")[0] != 200:
            if self.proc.poll() is not None or time.time() > deadline:
                raise RuntimeError("varnishd did not serve")
            time.sleep(0.1)

    def wait_healthy(self, backend):
        """Waits until Varnish's probe has put the backend (feed1: A, feed2: B) back in rotation.
        An operator's rolling restart waits for this too before stopping the next instance: until
        then the restarted one is still "sick" to Varnish, and with the other stopped, nothing is."""
        deadline = time.time() + 30
        while time.time() < deadline:
            listed = subprocess.run(["varnishadm", "-n", os.path.join(self.dir, "varnish"), "backend.list"], capture_output=True, text=True).stdout
            line = next((l.lower() for l in listed.splitlines() if f".{backend} " in l), "")
            if "healthy" in line and "sick" not in line:
                return True
            time.sleep(0.2)
        return False

    def close(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=30)
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def get(port, path, headers=None):
    """(status, headers with lower-case names, body); status 0 when nothing answers."""
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", path, headers=headers or {})
        r = conn.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    except OSError:
        return 0, {}, b""


class Front:
    """The readers' one address: each request goes, whole and with every header, to the next
    target in turn (Varnish, A, B), skipping an instance taken down for its restart."""

    def __init__(self, targets):
        self.targets, self.down, self.turn, self.served, self.lock = targets, set(), 0, {n: 0 for n in targets}, threading.Lock()
        front = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                front.forward(self, "GET")

            def do_HEAD(self):
                front.forward(self, "HEAD")

            def log_message(self, *args):
                pass

        self.http = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.http.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}/"
        threading.Thread(target=self.http.serve_forever, daemon=True).start()

    def next_target(self):
        with self.lock:
            names = [n for n in self.targets if n not in self.down]
            name = names[self.turn % len(names)]
            self.turn += 1
            self.served[name] += 1
            return name, self.targets[name]

    def forward(self, handler, method):
        name, port = self.next_target()
        headers = {k: v for k, v in handler.headers.items() if k.lower() not in ("connection", "keep-alive", "proxy-connection")}
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request(method, handler.path, headers=headers)
            r = conn.getresponse()
            body = r.read()
        except OSError as e:
            handler.send_error(502, f"{name}: {e}")
            return
        handler.send_response_only(r.status, r.reason)
        for k, v in r.getheaders():
            if k.lower() not in ("connection", "keep-alive", "transfer-encoding", "content-length"):
                handler.send_header(k, v)
        if r.status not in (204, 304):
            handler.send_header("Content-Length", str(len(body)))
        handler.send_header("Connection", "close")
        handler.end_headers()
        handler.close_connection = True
        if method == "GET" and r.status not in (204, 304):
            handler.wfile.write(body)

    def close(self):
        self.http.shutdown()
        self.http.server_close()


class Newsroom:
    """Both instances, the cache and the readers' front, and the checks every step makes."""

    def __init__(self, c, work, ledger):
        self.c, self.work = c, work
        self.items = os.path.join(work, "items")
        self.front_port = ot.free_port()
        self.a = self.instance("a", ledger)
        self.b = self.instance("b", ledger)

    def instance(self, name, ledger):
        server = ot.Server(os.path.join(self.work, name), f"--Feed:Ledger={ledger}", "--Feed:RescanInterval=00:00:01",
                           "--Feed:CacheMaxAgeSeconds=1")
        shutil.rmtree(server.items)
        server.items = self.items  # one folder for both
        server.name = name.upper()
        return server

    def attach(self, varnish, front):
        self.varnish, self.front = varnish, front
        # Both instances write the readers' address into the feeds, and purge Varnish on a change.
        for s in (self.a, self.b):
            s.args = (*s.args, f"--Feed:BaseUrl={front.base}", f"--Feed:CachePurge=http://127.0.0.1:{varnish.port}/")

    def up(self):
        return [s for s in (self.a, self.b) if s.proc and s.proc.poll() is None]

    def answers(self, path):
        """What each instance that runs, and Varnish, answer for a path: {name: (status, headers, body)}."""
        got = {s.name: s.get(path) for s in self.up()}
        got["Varnish"] = get(self.varnish.port, path)
        return got

    def converge(self, step, before=None):
        """Waits until every running instance and Varnish serve the same /atom.xml (other than
        `before`), then checks that both instances agree on every feed's bytes, ETag and
        Last-Modified. Returns the ETag now served."""
        deadline, etag = time.time() + ot.CHANGE_DEADLINE, None
        while time.time() < deadline:
            got = self.answers("/atom.xml")
            etags = {h.get("etag") for _, h, _ in got.values()}
            if len(etags) == 1 and None not in etags and before not in etags and all(st == 200 for st, _, _ in got.values()):
                etag = etags.pop()
                break
            time.sleep(0.1)
        self.c.true(f"{step}: every instance and Varnish serve one /atom.xml", etag is not None,
                    f"still {dict((n, h.get('etag')) for n, (_, h, _) in self.answers('/atom.xml').items())}")
        self.agree(step)
        return etag

    def agree(self, step):
        if len(self.up()) < 2:
            return
        for path in DOCUMENTS:
            # A rescan may land between the two requests: ask again before calling it a disagreement.
            for _ in range(20):
                (sa, ha, ba), (sb, hb, bb) = self.a.get(path), self.b.get(path)
                same = (sa, ha.get("etag"), ha.get("last-modified"), ba) == (sb, hb.get("etag"), hb.get("last-modified"), bb)
                if same:
                    break
                time.sleep(0.1)
            self.c.true(f"{step}: A and B serve {path} with the same bytes, ETag and Last-Modified", same,
                        f"A {sa} {ha.get('etag')} {ha.get('last-modified')}, B {sb} {hb.get('etag')} {hb.get('last-modified')}")

    def redirects(self, step, old, new):
        """The old URL of a story answers 301 to its page now, on each instance and through Varnish."""
        path = urllib.parse.urlsplit(old).path
        for name, port in [(s.name, s.port) for s in self.up()] + [("Varnish", self.varnish.port)]:
            status, headers, _ = get(port, path)
            self.c.equal(f"{step}: {path} on {name}", (301, new), (status, headers.get("location")))


class Readers(ot.Readers):
    """over_time.py's subscribers plus feedparser with ETag only, all at the front's address; each
    poll also checks that every reader shows exactly the stories published, each once."""

    def __init__(self, c, front, work):
        super().__init__(c, front, work)
        self.clients["feedparser (ETag only)"] = ot.FeedparserSubscriber(front.base + "feed.xml", use_modified=False).poll

    def poll(self, step, present=(), absent=(), mailed=None):
        super().poll(step, present, absent, mailed)
        for name, store in self.seen.items():
            self.c.equal(f"{step}: {name} shows every story once and nothing else", sorted(present), sorted(e["title"] for e in store.values()))


def two_instances(c, work, pg):
    n = Newsroom(c, work, pg.connection)
    newsroom(n.items)
    wire = "Storm warning for the coast"
    write(n.items, "storm.txt", "date 2026-11-23T08:00:00Z\nStorm warning for the coast\n\nThe coast guard warned of gales.\n")
    typo = "Budget debate runs late"
    write(n.items, "2026-11-23-budjet-debate.md", story(typo, "2026-11-23T11:00:00Z", "The assembly sat past midnight."))
    ferry = "Ferry timetable changes"
    write(n.items, "ferry.md", story(ferry, "2026-11-23T09:00:00Z", "The winter timetable starts Monday."))
    published = BASE + [wire, typo, ferry]
    a_port, b_port = n.a.port, n.b.port
    varnish = Varnish(a_port, b_port)
    front = Front({"Varnish": varnish.port, "A": a_port, "B": b_port})
    try:
        n.attach(varnish, front)
        n.a.start()
        n.b.start()
        varnish.start()
        etag = n.converge("start")
        r = Readers(c, front, work)
        r.poll("first poll", published, mailed=published)

        # Adds: two stories at once.
        added = ["Port workers vote to strike", "Schools close early for the holiday"]
        write(n.items, "2026-11-24-port.md", story(added[0], "2026-11-24T07:00:00Z", "The vote was close."))
        write(n.items, "2026-11-24-schools.md", story(added[1], "2026-11-24T08:00:00Z", "Term ends on Friday."))
        published += added
        etag = n.converge("adds", etag)
        r.poll("after two adds", published, mailed=added)

        # A file renamed to fix a typo in its name: the same story, the same bytes everywhere.
        links = links_of(r, typo)
        os.rename(os.path.join(n.items, "2026-11-23-budjet-debate.md"), os.path.join(n.items, "2026-11-23-budget-debate.md"))
        time.sleep(2.5)  # two rescans each: nothing observable to wait for when nothing may change
        c.equal("a rename keeps the feeds' bytes", etag, n.converge("rename"))
        r.poll("after the rename", published, mailed=[])
        ot.check_links(c, r, typo, links)

        # A date fixed by a day: the same id and link, shown once.
        links = links_of(r, ferry)
        write(n.items, "ferry.md", story(ferry, "2026-11-22T09:00:00Z", "The winter timetable starts Monday."))
        etag = n.converge("date fix", etag)
        r.poll("after the date fix", published)
        ot.check_links(c, r, ferry, links)

        # The desk gives a story a new slug: a new link, the old one 301 everywhere.
        old = links_of(r, COUNCIL)["feedparser (ETag, Last-Modified)"]
        write(n.items, "2026-11-21-council.md", story(COUNCIL, "2026-11-21T09:00:00Z", "The council voted nine to four.", tags="[politics]",
                                                      slug="council-budget-vote"))
        etag = n.converge("new slug", etag)
        r.poll("after a new slug", published)
        new = links_of(r, COUNCIL)["feedparser (ETag, Last-Modified)"]
        c.true("the new slug is the story's link", new and new.endswith("/council-budget-vote"), new)
        for name, link in links_of(r, COUNCIL).items():
            c.equal(f"{name}: the new link", new, link)
        n.redirects("old URL", old, new)

        # A late story, filed days after its time, and the desk's namesake of the wire story.
        late, desk = "Late wire: dawn raid reported", "The storm, as the desk tells it"
        wire_links = links_of(r, wire)
        write(n.items, "late.txt", "date 2026-11-19T06:00:00Z\nLate wire: dawn raid reported\n\nThe raid took place at dawn.\n")
        published += [late]
        etag = n.converge("late story", etag)
        r.poll("after a late story", published, mailed=[late])
        write(n.items, "storm.md", story(desk, "2026-11-23T15:00:00Z", "Gales closed the harbour by noon."))
        published += [desk]
        etag = n.converge("namesake", etag)
        r.poll("after the desk's namesake", published, mailed=[desk])
        ot.check_links(c, r, wire, wire_links)
        for name, store in r.seen.items():
            c.true(f"{name}: the namesakes have two links", by_title(store, wire) and by_title(store, desk)
                   and by_title(store, wire)["link"] != by_title(store, desk)["link"], "one link")

        # A rolling restart: A stops, a story arrives while it is down, A starts; then B.
        before_restart = {p: (n.b.get(p)[1].get("etag"), n.b.get(p)[1].get("last-modified")) for p in DOCUMENTS}
        front.down.add("A")
        n.a.stop()
        night = "Night shift: ferry delayed"
        write(n.items, "2026-11-24-ferry-delay.md", story(night, "2026-11-24T02:00:00Z", "The late ferry left two hours behind."))
        published += [night]
        etag = n.converge("with A down", etag)
        r.poll("with A down", published, mailed=[night])
        n.a.start()
        c.true("Varnish's probe takes A back", varnish.wait_healthy("feed1"), "A still sick to Varnish after 30 s")
        front.down.discard("A")
        c.equal("A, restarted, serves what B published", etag, n.converge("A restarted"))
        r.poll("after A restarted", published, mailed=[])
        front.down.add("B")
        n.b.stop()
        r.poll("with B down", published, mailed=[])
        n.b.start()
        c.true("Varnish's probe takes B back", varnish.wait_healthy("feed2"), "B still sick to Varnish after 30 s")
        front.down.discard("B")
        c.equal("B, restarted, serves what it served before", etag, n.converge("B restarted"))
        r.poll("after the rolling restart", published, mailed=[])
        for p in DOCUMENTS:
            e, lm = n.b.get(p)[1].get("etag"), n.b.get(p)[1].get("last-modified")
            c.true(f"{p}: a new ETag and a later Last-Modified than before the restart", e != before_restart[p][0]
                   and ot.parsedate_to_datetime(lm) > ot.parsedate_to_datetime(before_restart[p][1]), f"{before_restart[p]} -> {(e, lm)}")
        n.redirects("old URL after the rolling restart", old, new)

        files = sum(1 for _ in glob.iglob(os.path.join(n.items, "**", "*.*"), recursive=True))
        c.equal("the ledger: one story per file, one per source", f"{files}|{files}", pg.scalar("SELECT count(*), count(DISTINCT source_path) FROM stories"))
        c.true("the front sent requests to each of Varnish, A and B", all(v > 0 for v in front.served.values()), str(front.served))
        return files
    finally:
        for s in (n.a, n.b):
            s.stop()
        front.close()
        varnish.close()


def main():
    c = ot.Checker(NAME)
    binaries = postgres_binaries()
    if binaries is None or VARNISHD is None:
        c.true("PostgreSQL and Varnish are installed (apt-get install postgresql varnish; .ci/run installs them)", False,
               f"postgres: {binaries}, varnishd: {VARNISHD}")
        sys.exit(c.finish(0))
    work = os.path.join(ot.OUT, "two-instances")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    pg, files = None, 0
    try:
        pg = Postgres(binaries)
        files = two_instances(c, work, pg)
    except Exception as e:  # a run that cannot go on is a failed run, not a crash
        c.true("ran", False, f"{type(e).__name__}: {e}")
    finally:
        if pg:
            pg.close()
    sys.exit(c.finish(files))


if __name__ == "__main__":
    main()
