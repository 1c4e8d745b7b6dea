#!/usr/bin/env python3
"""bench/change: at N items (default 10,000), edit one file, add one, delete one, and measure
the time from the write to the new feed being served, and how many files the server read for it.
The reference is a cold start over the same folder, measured in the same run: the cost of doing
all the work again. Loopback only; bounded in time. Usage: bench/change.py [N] [--rounds R]"""
import argparse, http.client, os, re, shutil, socket, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MAKE_ITEMS = os.environ.get("MAKE_ITEMS", os.path.join(ROOT, "..", "shared", "bench", "make-items.py"))
DLL = os.path.join(ROOT, "bench", "out", "feed-r2r", "Feed.Server.dll")
PUBLISHED = re.compile(r"Published (\d+) items \((\d+) skipped, (\d+) files changed, (\d+) read\) from .* in (\d+) ms")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, items, port):
        self.port = port
        self.log = open(os.path.join(os.path.dirname(items), "server.log"), "w+")
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            ["dotnet", DLL, f"--urls=http://127.0.0.1:{port}", f"--Feed:ItemsPath={items}",
             "--Feed:RescanInterval=01:00:00", "--Logging:Console:FormatterName=simple"],
            stdout=self.log, stderr=subprocess.STDOUT)
        self.conn = None

    def get(self, path):
        for _ in range(2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
                self.conn.request("GET", path)
                r = self.conn.getresponse()
                r.read()
                return r.status, r.getheader("ETag")
            except (ConnectionError, http.client.HTTPException, OSError):
                self.conn = None
        return 0, None

    def wait_healthy(self, limit=120):
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            if self.get("/healthz")[0] == 200:
                return time.perf_counter() - self.started
            time.sleep(0.005)
        sys.exit("server did not become healthy; see server.log")

    def rebuild_lines(self):
        self.log.flush()
        with open(self.log.name) as f:
            return PUBLISHED.findall(f.read())

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)


def wait_for_new_etag(server, old, limit=10):
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        status, etag = server.get("/feed.xml")
        if status == 200 and etag != old:
            return time.perf_counter() - start
        time.sleep(0.001)
    return float("nan")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int, nargs="?", default=10_000)
    ap.add_argument("--rounds", type=int, default=5)
    a = ap.parse_args()

    subprocess.run(["dotnet", "publish", "-c", "Release", "-r", "linux-x64", "--self-contained", "false", "-p:PublishReadyToRun=true",
                    "-o", os.path.dirname(DLL), "-v", "q", "--nologo", os.path.join(ROOT, "src", "Feed.Server")], check=True, stdout=subprocess.DEVNULL)
    work = tempfile.mkdtemp(prefix="feed-bench-change-")
    items = os.path.join(work, "items")
    try:
        subprocess.run([sys.executable, MAKE_ITEMS, str(a.n), items, "--quiet"], check=True)
        server = Server(items, free_port())
        cold = server.wait_healthy()
        for _ in range(100):  # the console logger writes in the background
            if server.rebuild_lines():
                break
            time.sleep(0.05)
        cold_build = int(server.rebuild_lines()[-1][4])

        newest = sorted(f for f in os.listdir(items) if f.endswith(".md"))[-1]
        results = {"edit one file": [], "add one file": [], "delete one file": []}
        reads = {k: [] for k in results}
        for r in range(a.rounds):
            for op in results:
                _, old = server.get("/feed.xml")
                before = len(server.rebuild_lines())
                added = os.path.join(items, f"2026-01-0{1 + r % 9}-bench-added-{r}.md")
                if op == "edit one file":
                    path = os.path.join(items, newest)
                    with open(path, encoding="utf-8") as f:
                        text = f.read()
                    text = re.sub(r'^title: .*$', f'title: "Edited in round {r}"', text, count=1, flags=re.M)
                    t0 = time.perf_counter()
                    with open(path, "w", encoding="utf-8") as f:
                        f.write(text)
                elif op == "add one file":
                    t0 = time.perf_counter()
                    with open(added, "w", encoding="utf-8") as f:
                        f.write(f"---\ntitle: Added in round {r}\ndate: 2026-01-01T00:00:00Z\n---\nA new story.\n")
                else:
                    t0 = time.perf_counter()
                    os.remove(added)
                delay = (time.perf_counter() - t0) + wait_for_new_etag(server, old)
                results[op].append(delay * 1000)
                time.sleep(0.3)  # let the rebuild's log line land
                lines = server.rebuild_lines()[before:]
                reads[op].append(sum(int(l[3]) for l in lines))
        server.stop()

        print(f"bench/change: {a.n:,} items, {a.rounds} rounds, quiet period 200 ms (Feed:ChangeQuietPeriod)")
        print(f"reference: cold start to first healthy response {cold * 1000:.0f} ms (build {cold_build} ms, {a.n:,} files read)")
        print()
        print("| change | median ms write->new ETag served | min | max | files read per change | median / cold start |")
        print("| --- | --- | --- | --- | --- | --- |")
        for op, values in results.items():
            med = statistics.median(values)
            print(f"| {op} | {med:.0f} | {min(values):.0f} | {max(values):.0f} | {statistics.median(reads[op]):.0f} | {med / (cold * 1000):.2f} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
