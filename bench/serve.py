#!/usr/bin/env python3
"""bench/serve.py [--duration S] [--connections 32,128,512]: requests per second for a cached
feed, Feed against nginx serving the same bytes as static files (etag on, gzip_static on) on the
same machine, in the same run: 200 plain, 200 gzip, 200 br (Feed only; nginx has no static br
module in Debian) and 304 via If-None-Match. wrk drives both on loopback; runs are interleaved
(Feed, nginx, Feed, nginx) so drift hits both alike. Reports requests/s, p50/p99 latency, the
ratio Feed/nginx and each server's CPU time per request. Bounded in time."""
import argparse, os, re, shutil, socket, statistics, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("SHARED", os.path.join(ROOT, "..", "shared"))
DLL = os.path.join(ROOT, "bench", "out", "feed-r2r", "Feed.Server.dll")
TICKS = os.sysconf("SC_CLK_TCK")


def port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pids):
    total = 0
    for pid in pids:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / TICKS


def fetch(url, headers=None):
    req = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(req) as r:
        return r.read(), r.headers


def wrk(url, connections, seconds, headers):
    args = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    for h in headers:
        args[1:1] = ["-H", h]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)

    def pct(p):
        m = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    return rps, total, pct(50), pct(99), int(non2xx.group(1)) if non2xx else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--duration", type=int, default=5)
    ap.add_argument("--connections", default="32,128,512")
    ap.add_argument("--rounds", type=int, default=2)
    a = ap.parse_args()
    missing = [tool for tool in ("wrk", "nginx") if not shutil.which(tool) and not os.path.exists(f"/usr/sbin/{tool}")]
    if missing and os.geteuid() == 0:
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
                       stdout=subprocess.DEVNULL)
        subprocess.run(["pkill", "-x", "nginx"])  # Debian starts its own on port 80; this script runs its own
    elif missing:
        sys.exit(f"needs Debian's {' and '.join(missing)}: apt-get install {' '.join(missing)}")

    work = tempfile.mkdtemp(prefix="feed-bench-serve-")
    os.chmod(work, 0o755)
    procs = []
    try:
        subprocess.run(["dotnet", "publish", "-c", "Release", "-r", "linux-x64", "--self-contained", "false", "-p:PublishReadyToRun=true",
                        "-o", os.path.dirname(DLL), "-v", "q", "--nologo", os.path.join(ROOT, "src", "Feed.Server")], check=True, stdout=subprocess.DEVNULL)
        items = os.path.join(work, "items")
        subprocess.run([sys.executable, os.path.join(SHARED, "bench", "make-items.py"), "1000", items, "--quiet"], check=True)
        feed_port, nginx_port = port(), port()
        feed = subprocess.Popen(["dotnet", DLL, f"--urls=http://127.0.0.1:{feed_port}", f"--Feed:ItemsPath={items}",
                                 "--Logging:LogLevel:Default=Warning"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        procs.append(feed)
        feed_url = f"http://127.0.0.1:{feed_port}/feed.xml"
        for _ in range(600):
            try:
                fetch(f"http://127.0.0.1:{feed_port}/healthz")
                break
            except OSError:
                time.sleep(0.05)

        # The same bytes for nginx: the plain feed and Feed's own gzip body.
        site = os.path.join(work, "site")
        os.makedirs(site)
        plain, _ = fetch(feed_url)
        gz, _ = fetch(feed_url, {"Accept-Encoding": "gzip"})
        open(os.path.join(site, "feed.xml"), "wb").write(plain)
        open(os.path.join(site, "feed.xml.gz"), "wb").write(gz)
        for f in os.listdir(site):
            os.chmod(os.path.join(site, f), 0o644)
        os.chmod(site, 0o755)
        conf = os.path.join(work, "nginx.conf")
        open(conf, "w").write(f"""
worker_processes 1;
daemon off;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log;
events {{ worker_connections 2048; }}
http {{
    access_log off;
    types {{ application/rss+xml xml; }}
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    server {{
        listen 127.0.0.1:{nginx_port};
        root {site};
        etag on;
        gzip_static on;
        add_header Cache-Control "public, max-age=300";
    }}
}}
""")
        nginx = subprocess.Popen(["nginx", "-c", conf], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        procs.append(nginx)
        nginx_url = f"http://127.0.0.1:{nginx_port}/feed.xml"
        for _ in range(100):
            try:
                fetch(nginx_url)
                break
            except OSError:
                time.sleep(0.05)
        nginx_workers = [int(p) for p in subprocess.run(["pgrep", "-P", str(nginx.pid)], capture_output=True, text=True).stdout.split()]
        assert fetch(nginx_url)[0] == plain and fetch(nginx_url, {"Accept-Encoding": "gzip"})[0] == gz, "nginx must serve the same bytes"

        servers = {
            "Feed": (feed_url, [feed.pid], fetch(feed_url)[1]["ETag"], fetch(feed_url, {"Accept-Encoding": "gzip"})[1]["ETag"]),
            "nginx": (nginx_url, nginx_workers, fetch(nginx_url)[1]["ETag"], None),
        }
        cases = [
            ("200 plain", lambda s: [], True),
            ("200 gzip", lambda s: ["Accept-Encoding: gzip"], True),
            ("200 br", lambda s: ["Accept-Encoding: br"], False),
            ("304 If-None-Match", lambda s: [f"If-None-Match: {servers[s][2]}"], True),
        ]
        print(f"bench/serve: a {len(plain) // 1024} KB RSS feed ({len(gz) // 1024} KB gzipped), wrk -t1 on the same {os.cpu_count()}-core machine, "
              f"{a.duration} s runs, median of {a.rounds} interleaved rounds; Feed published ReadyToRun")
        print()
        print("| case | connections | Feed req/s | nginx req/s | Feed/nginx | Feed p50 / p99 ms | nginx p50 / p99 ms | CPU per request Feed / nginx |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- |")
        for name, headers, both in cases:
            for conns in [int(c) for c in a.connections.split(",")]:
                results = {"Feed": [], "nginx": []}
                for _ in range(a.rounds):
                    for server in (["Feed", "nginx"] if both else ["Feed"]):
                        url, pids, _, _ = servers[server]
                        before = cpu_seconds(pids)
                        rps, total, p50, p99, bad = wrk(url, conns, a.duration, headers(server))
                        used = cpu_seconds(pids) - before
                        assert bad == 0, f"{server} {name}: {bad} unexpected responses"
                        results[server].append((rps, p50, p99, used / total * 1e6))
                def med(server, i):
                    return statistics.median(r[i] for r in results[server]) if results[server] else float("nan")
                f_rps, n_rps = med("Feed", 0), med("nginx", 0)
                ratio = f"{f_rps / n_rps:.2f}" if both else "n/a"
                nginx_cells = f"{n_rps:,.0f} | " if both else "n/a | "
                print(f"| {name} | {conns} | {f_rps:,.0f} | {nginx_cells}{ratio} | {med('Feed', 1):.2f} / {med('Feed', 2):.2f} | "
                      + (f"{med('nginx', 1):.2f} / {med('nginx', 2):.2f}" if both else "n/a")
                      + f" | {med('Feed', 3):.0f} us / " + (f"{med('nginx', 3):.0f} us |" if both else "n/a |"))
    finally:
        for p in procs:
            p.terminate()
            p.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
