#!/usr/bin/env python3
"""bench/crawl: a crawler walks every item page of N items (default 20,000 and 100,000, made by
the shared bench item generator (make-items.py)), twice, with 50 edits published between the two walks, as
a search engine's crawler and a newsroom's desk would. Reports the server's resident memory
after each walk and its peak (VmHWM, the start included), against Feed:RenderCacheBytes, which
bounds what rendered pages and bodies may hold. Pages are asked for with gzip, as crawlers do.
Loopback only; the items are copied to a temporary folder, which the edits change.
Usage: bench/crawl.py [N ...] [--builds jit,native] [--connections C] [--edits E] [--extra --Feed:Key=value ...]"""
import argparse, http.client, os, random, re, shutil, socket, subprocess, sys, tempfile, threading, time

import builds

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HERE = os.path.join(ROOT, "bench")
OUT = os.path.join(HERE, "out")
MAKE_ITEMS = os.environ.get("MAKE_ITEMS", os.path.join(ROOT, "..", "shared", "bench", "make-items.py"))
LOC = re.compile(r"<loc>([^<]+)</loc>")
ITEM_PAGE = re.compile(r"^/\d{4}/\d{2}/\d{2}/")


def items(n):
    path = os.path.join(OUT, f"items-{n}")
    if not os.path.isdir(path):
        subprocess.run([sys.executable, MAKE_ITEMS, str(n), path, "--quiet"], check=True)
    return path


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def memory_mb(pid):
    """VmRSS and VmHWM (peak) of the process, in MB."""
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0]) / 1024
    return fields["VmRSS"], fields["VmHWM"]


class Client:
    def __init__(self, port):
        self.port = port
        self.conn = None

    def get(self, path, gzip=True):
        for _ in range(3):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                self.conn.request("GET", path, headers={"Accept-Encoding": "gzip"} if gzip else {})
                r = self.conn.getresponse()
                body = r.read()
                return r.status, r.getheader("ETag"), body
            except (ConnectionError, http.client.HTTPException, OSError):
                self.conn = None
        return 0, None, b""


def page_paths(client):
    """Every item page, from the sitemap (its parts past 50,000 URLs)."""
    status, _, body = client.get("/sitemap.xml", gzip=False)
    assert status == 200, status
    locs = LOC.findall(body.decode())
    if "sitemap-" in "".join(locs[:1]) or all(l.endswith(".xml") for l in locs):
        parts = locs
        locs = []
        for part in parts:
            status, _, body = client.get("/" + part.split("/", 3)[3], gzip=False)
            assert status == 200, (part, status)
            locs += LOC.findall(body.decode())
    paths = ["/" + l.split("/", 3)[3] for l in locs]
    return [p for p in paths if ITEM_PAGE.match(p)]


def crawl(port, paths, connections):
    """Fetches every path once on `connections` keep-alive connections; returns (seconds, failures, etags)."""
    failures = []
    etags = {}
    lock = threading.Lock()
    chunks = [paths[i::connections] for i in range(connections)]

    def work(chunk):
        client = Client(port)
        for path in chunk:
            status, etag, _ = client.get(path)
            with lock:
                if status != 200:
                    failures.append((path, status))
                etags[path] = etag

    start = time.perf_counter()
    threads = [threading.Thread(target=work, args=(c,)) for c in chunks]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - start, failures, etags


def edit(folder, count, seed):
    """Appends a sentence to the body of `count` stories (the same ones for the same seed)."""
    names = sorted(n for n in os.listdir(folder) if n.endswith(".md"))
    chosen = random.Random(seed).sample(names, count)
    for i, name in enumerate(chosen):
        with open(os.path.join(folder, name), "a", encoding="utf-8") as f:
            f.write(f"\nCorrection {i}: an earlier version of this story misstated a figure.\n")
        time.sleep(0.2)  # a desk saving story after story, not one burst
    return chosen


def progress(n, name, what, pid):
    rss, peak = memory_mb(pid)
    print(f"  {n:,} {name}: {what}: RSS {rss:.0f} MB, peak {peak:.0f} MB, load {os.getloadavg()[0]:.2f}", file=sys.stderr, flush=True)


def run(name, command, n, a):
    source = items(n)
    with tempfile.TemporaryDirectory(prefix="feed-crawl-") as tmp:
        folder = os.path.join(tmp, "items")
        shutil.copytree(source, folder)
        port = free_port()
        log = open(os.path.join(tmp, "server.log"), "w+")
        proc = subprocess.Popen([*command, f"--urls=http://127.0.0.1:{port}", f"--Feed:ItemsPath={folder}",
                                 f"--Feed:StatePath={os.path.join(tmp, 'state')}", "--Feed:RescanInterval=01:00:00",
                                 "--Logging:LogLevel:Default=Warning", *a.extra], stdout=log, stderr=subprocess.STDOUT)
        try:
            client = Client(port)
            started = time.perf_counter()
            while client.get("/healthz", gzip=False)[0] != 200:
                if proc.poll() is not None or time.perf_counter() - started > 300:
                    sys.exit(f"the server did not become healthy; see {log.name}")
                time.sleep(0.01)
            ready = time.perf_counter() - started
            rss_ready, _ = memory_mb(proc.pid)
            progress(n, name, f"healthy after {ready:.1f} s", proc.pid)
            paths = page_paths(client)
            assert len(paths) == n, f"{len(paths)} item pages in the sitemap, expected {n}"
            load1 = os.getloadavg()[0]
            first, failures1, etags1 = crawl(port, paths, a.connections)
            rss_first, _ = memory_mb(proc.pid)
            progress(n, name, f"first walk in {first:.0f} s, {len(failures1)} failures", proc.pid)
            chosen = edit(folder, a.edits, seed=n)
            # Served once the last edit shows on its page (the page's ETag moves).
            slug = re.sub(r"^\d{4}-\d{2}-\d{2}-", "", chosen[-1])[:-3]
            last = next((p for p in paths if p.endswith("/" + slug)), None)
            deadline = time.perf_counter() + (120 if last else 10)
            while (last is None or client.get(last)[1] == etags1.get(last)) and time.perf_counter() < deadline:
                time.sleep(0.05)
            rss_edits, _ = memory_mb(proc.pid)
            progress(n, name, "edits published", proc.pid)
            second, failures2, etags2 = crawl(port, paths, a.connections)
            rss_second, peak = memory_mb(proc.pid)
            load2 = os.getloadavg()[0]
            changed = sum(1 for p in paths if etags1[p] != etags2[p])
            same = sum(1 for p in paths if etags1[p] == etags2[p])
        finally:
            proc.terminate()
            proc.wait(timeout=30)
        failures = len(failures1) + len(failures2)
        print(f"| {n:,} | {name} | {ready:.1f} s, {rss_ready:.0f} MB | {first:.0f} s ({n / first:,.0f}/s), {rss_first:.0f} MB | "
              f"{rss_edits:.0f} MB | {second:.0f} s ({n / second:,.0f}/s), {rss_second:.0f} MB | **{peak:.0f} MB** | "
              f"{changed} changed, {same:,} same | {failures} | {load1:.2f} / {load2:.2f} |", flush=True)
        if failures:
            print(f"  failures: {(failures1 + failures2)[:5]}", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("sizes", type=int, nargs="*", default=[20_000, 100_000])
    ap.add_argument("--builds", default="jit,native", help="which builds to measure, comma-separated: jit, native")
    ap.add_argument("--connections", type=int, default=4)
    ap.add_argument("--edits", type=int, default=50)
    ap.add_argument("--extra", nargs="*", default=[], help="more server arguments, such as --Feed:RenderCacheBytes=67108864")
    a = ap.parse_args()
    os.makedirs(OUT, exist_ok=True)
    commands = builds.build(a.builds.split(","))
    print(f"bench/crawl: every item page fetched twice (gzip, {a.connections} connections), {a.edits} edits between; "
          f"{os.cpu_count()} cores, load average before {os.getloadavg()[0]:.2f}; server arguments: {' '.join(a.extra) or 'defaults'}")
    print()
    print("| items | build | healthy, RSS | first walk, RSS after | RSS after edits | second walk, RSS after | peak (VmHWM) "
          "| ETags first / second walk | failures | load 1 min (start / end) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for n in a.sizes:
        for name, command in commands.items():
            run(name, command, n, a)


if __name__ == "__main__":
    main()
