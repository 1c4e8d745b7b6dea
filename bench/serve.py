#!/usr/bin/env python3
"""bench/serve.py [--duration S] [--connections 32,128,512] [--rounds R]: requests per second for a
cached feed, Feed against nginx serving the same bytes as static files (etag on, gzip_static on) on
the same machine, in the same run: 200 plain, 200 gzip, 200 br (Feed only; nginx has no static br
module in Debian) and 304 via If-None-Match. Feed runs three ways side by side: the production
build (native AOT, inline scheduling on, its default), the same binary with
--Feed:InlineScheduling=false, and the JIT build (`dotnet build -c Release`). wrk drives each on
loopback; runs are interleaved (each server in turn, every round) so drift hits all alike.
Reports requests/s, p50/p99 latency, the ratio to nginx and each server's CPU time per request.
Bounded in time."""
import argparse, os, re, shutil, socket, statistics, subprocess, sys, tempfile, time, urllib.request

import builds

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("SHARED", os.path.join(ROOT, "..", "shared"))
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
        commands = builds.build()
        items = os.path.join(work, "items")
        subprocess.run([sys.executable, os.path.join(SHARED, "bench", "make-items.py"), "1000", items, "--quiet"], check=True)
        feeds = {
            "Feed native AOT": commands["native AOT"],
            "Feed native AOT, inline off": [*commands["native AOT"], "--Feed:InlineScheduling=false"],
            "Feed JIT": commands["JIT"],
        }
        urls = {}
        for name, command in feeds.items():
            p = port()
            proc = subprocess.Popen([*command, f"--urls=http://127.0.0.1:{p}", f"--Feed:ItemsPath={items}",
                                     "--Logging:LogLevel:Default=Warning"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            procs.append(proc)
            urls[name] = (f"http://127.0.0.1:{p}/feed.xml", proc.pid)
            for _ in range(1200):
                try:
                    fetch(f"http://127.0.0.1:{p}/healthz")
                    break
                except OSError:
                    time.sleep(0.05)
        feed_url = urls["Feed native AOT"][0]
        nginx_port = port()

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

        servers = {name: (url, [pid], fetch(url)[1]["ETag"]) for name, (url, pid) in urls.items()}
        for name, (url, _) in urls.items():
            assert fetch(url)[0] == plain and fetch(url, {"Accept-Encoding": "gzip"})[0] == gz, f"{name} must serve the same bytes"
        servers["nginx"] = (nginx_url, nginx_workers, fetch(nginx_url)[1]["ETag"])
        cases = [
            ("200 plain", lambda s: [], True),
            ("200 gzip", lambda s: ["Accept-Encoding: gzip"], True),
            ("200 br", lambda s: ["Accept-Encoding: br"], False),
            ("304 If-None-Match", lambda s: [f"If-None-Match: {servers[s][2]}"], True),
        ]
        print(f"bench/serve: a {len(plain) // 1024} KB RSS feed ({len(gz) // 1024} KB gzipped), wrk -t1 on the same {os.cpu_count()}-core machine, "
              f"{a.duration} s runs, median of {a.rounds} interleaved rounds; load average before {os.getloadavg()[0]:.2f}")
        print()
        print("| case | connections | server | req/s | / nginx | p50 / p99 ms | CPU per request |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for name, headers, with_nginx in cases:
            for conns in [int(c) for c in a.connections.split(",")]:
                names = [n for n in servers if n != "nginx" or with_nginx]
                results = {n: [] for n in names}
                for _ in range(a.rounds):
                    for server in names:
                        url, pids, _ = servers[server]
                        before = cpu_seconds(pids)
                        rps, total, p50, p99, bad = wrk(url, conns, a.duration, headers(server))
                        used = cpu_seconds(pids) - before
                        assert bad == 0, f"{server} {name}: {bad} unexpected responses"
                        results[server].append((rps, p50, p99, used / total * 1e6))

                def med(server, i):
                    return statistics.median(r[i] for r in results[server])
                for server in names:
                    ratio = f"{med(server, 0) / med('nginx', 0):.2f}" if with_nginx else "n/a"
                    print(f"| {name} | {conns} | {server} | {med(server, 0):,.0f} | {ratio} | {med(server, 1):.2f} / {med(server, 2):.2f} | "
                          f"{med(server, 3):.0f} us |")
    finally:
        for p in procs:
            p.terminate()
            p.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
