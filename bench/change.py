#!/usr/bin/env python3
"""bench/change: at N items (default 10,000), edit one file, add one, delete one, and measure
the time from the write to the new feed being served, and how many files the server read for it.
The reference is a cold start over the same folder, measured in the same run: the cost of doing
all the work again. Both builds, one after the other: the production build (native AOT) and
the JIT build. Changes are more than a second apart: Last-Modified moves forward by at least a
second on every change, so a change within the same second as the previous publish is held
until the next second (FeedService), which would measure the rule, not the rebuild.
Loopback only; bounded in time. Usage: bench/change.py [N] [--rounds R] [--jit-only] [--phases]"""
import argparse, http.client, os, re, shutil, socket, statistics, subprocess, sys, tempfile, time

import builds

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MAKE_ITEMS = os.environ.get("MAKE_ITEMS", os.path.join(ROOT, "..", "shared", "bench", "make-items.py"))
SPACING = 1.2  # seconds from one change to the next
PHASES = re.compile(r"Rebuild phases \(ms\): (.*)")
PUBLISHED = re.compile(r"Published (\d+) items \((\d+) skipped, (\d+) files changed, (\d+) read\) from .* in (\d+) ms")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, command, items, port, extra=()):
        self.port = port
        self.log = open(os.path.join(os.path.dirname(items), "server.log"), "w+")
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            [*command, f"--urls=http://127.0.0.1:{port}", f"--Feed:ItemsPath={items}",
             "--Feed:RescanInterval=01:00:00", "--Logging:Console:FormatterName=simple", *extra],
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

    def phase_lines(self):
        self.log.flush()
        with open(self.log.name) as f:
            return PHASES.findall(f.read())

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
    ap.add_argument("--jit-only", action="store_true", help="measure the JIT build only (no native AOT publish: a shared machine)")
    ap.add_argument("--server-arg", action="append", default=[], help="a setting for the server, such as --Feed:Ledger=... (bench/ledger.sh)")
    ap.add_argument("--phases", action="store_true", help="log and print where each rebuild's time went (the server's debug log, event 80)")
    a = ap.parse_args()

    if a.jit_only:
        subprocess.run(["dotnet", "build", "-c", "Release", "-v", "q", "--nologo", builds.PROJECT], check=True, stdout=subprocess.DEVNULL)
        commands = {"JIT": ["dotnet", builds.JIT]}
    else:
        commands = builds.build()
    work = tempfile.mkdtemp(prefix="feed-bench-change-")
    items = os.path.join(work, "items")
    try:
        subprocess.run([sys.executable, MAKE_ITEMS, str(a.n), items, "--quiet"], check=True)
        quiet = next((arg.split("=", 1)[1] for arg in a.server_arg if arg.startswith("--Feed:ChangeQuietPeriod=")), None)
        print(f"bench/change: {a.n:,} items, {a.rounds} rounds, "
              f"{'a quiet period of ' + quiet if quiet else 'the default quiet period'} (Feed:ChangeQuietPeriod), "
              f"changes {SPACING} s apart, load average before {os.getloadavg()[0]:.2f}")
        for build, command in commands.items():
            measure(build, command, items, a)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def measure(build, command, items, a):
    extra = [*a.server_arg, "--Logging:LogLevel:Feed.Server.Hosting.FeedService=Debug"] if a.phases else a.server_arg
    server = Server(command, items, free_port(), extra)
    cold = server.wait_healthy()
    for _ in range(100):  # the console logger writes in the background
        if server.rebuild_lines():
            break
        time.sleep(0.05)
    cold_build = int(server.rebuild_lines()[-1][4])

    newest = sorted(f for f in os.listdir(items) if f.endswith(".md"))[-1]
    results = {"edit one file": [], "add one file": [], "delete one file": []}
    reads = {k: [] for k in results}
    rebuild_ms = {k: [] for k in results}
    phases = {k: [] for k in results}
    last_change = time.perf_counter()
    for r in range(a.rounds):
        for op in results:
            _, old = server.get("/feed.xml")
            before = len(server.rebuild_lines())
            phases_before = len(server.phase_lines())
            added = os.path.join(items, f"2026-01-0{1 + r % 9}-bench-added-{r}.md")
            time.sleep(max(0.0, last_change + SPACING - time.perf_counter()))
            if op == "edit one file":
                path = os.path.join(items, newest)
                with open(path, encoding="utf-8") as f:
                    text = f.read()
                text = re.sub(r'^title: .*$', f'title: "Edited in round {r} by {build}"', text, count=1, flags=re.M)
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
            last_change = t0
            delay = (time.perf_counter() - t0) + wait_for_new_etag(server, old)
            results[op].append(delay * 1000)
            time.sleep(0.3)  # let the rebuild's log line land
            lines = server.rebuild_lines()[before:]
            reads[op].append(sum(int(l[3]) for l in lines))
            rebuild_ms[op].append(sum(int(l[4]) for l in lines))
            phases[op].extend(server.phase_lines()[phases_before:])
    server.stop()

    print()
    print(f"{build}: cold start to first healthy response {cold * 1000:.0f} ms (build {cold_build} ms, {a.n:,} files read)")
    print()
    print("| change | median ms write->new ETag served | min | max | rebuild ms (server log, median) | files read per change | median / cold start |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for op, values in results.items():
        med = statistics.median(values)
        print(f"| {op} | {med:.0f} | {min(values):.0f} | {max(values):.0f} | {statistics.median(rebuild_ms[op]):.0f} | "
              f"{statistics.median(reads[op]):.0f} | {med / (cold * 1000):.2f} |")


    if a.phases:
        print()
        print("Rebuild phases, ms (server debug log), each change:")
        for op, lines in phases.items():
            for line in lines:
                print(f"- {op}: {line}")


if __name__ == "__main__":
    main()
