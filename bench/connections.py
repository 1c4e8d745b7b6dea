#!/usr/bin/env python3
"""bench/connections: hostile idle connections against the production build. Opens N idle TCP
connections (default 5,000) to a native Feed on loopback, holds them, and checks that a new
client is still served /feed.xml, then reports how many idle connections the server accepted
and how long the new client's request took, beside the same request with no idle connection
(the reference). Needs a soft descriptor limit above N for this script (it raises its own to
the hard limit). Loopback only; bounded in time. Usage: bench/connections.py [N] [--server PATH]"""
import argparse, os, resource, socket, subprocess, sys, tempfile, time, urllib.request

import builds


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def timed_get(port):
    start = time.perf_counter()
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/feed.xml", timeout=10) as r:
        r.read()
        return r.status, (time.perf_counter() - start) * 1000


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int, nargs="?", default=5000)
    ap.add_argument("--server", help="a built Feed.Server (default: publish the native build)")
    a = ap.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    server = a.server or builds.build()["native AOT"][0]
    items = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "items")
    state = tempfile.mkdtemp(prefix="feed-bench-connections-")
    port = free_port()
    # The server starts with this script's soft limit lowered to 1,024, as under a plain shell.
    proc = subprocess.Popen([server, f"--urls=http://127.0.0.1:{port}", f"--Feed:ItemsPath={items}", f"--Feed:StatePath={state}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (1024, hard)))
    try:
        deadline = time.time() + 60
        while True:
            try:
                timed_get(port)
                break
            except OSError:
                if time.time() > deadline:
                    sys.exit("the server did not start")
                time.sleep(0.05)
        reference = sorted(timed_get(port)[1] for _ in range(5))[2]
        idle, refused, in_a_row = [], 0, 0
        for _ in range(a.n):
            s = socket.socket()
            s.settimeout(2)
            try:
                s.connect(("127.0.0.1", port))
                idle.append(s)
                in_a_row = 0
            except OSError:
                refused += 1
                in_a_row += 1
                s.close()
                if in_a_row == 10:  # the server takes no more: stop trying, bounded in time
                    break
        time.sleep(1)
        try:
            status, took = timed_get(port)
        except OSError as e:
            status, took = f"failed: {e}", float("nan")
        print(f"bench/connections: {a.n:,} idle connections to the native build (started with a soft limit of 1,024)")
        print(f"  idle connections opened: {len(idle):,} ({refused:,} refused or timed out)")
        print(f"  a new client's GET /feed.xml: {status} in {took:.1f} ms (with no idle connection: {reference:.1f} ms, {took / reference:.2f}x)")
        for s in idle:
            s.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)


if __name__ == "__main__":
    main()
