#!/usr/bin/env python3
"""bench/ledger: what the publication ledger costs. At N items (default 10,000 and 100,000), the
production build (native AOT) starts and one file is edited, three ways in the same run,
interleaved: with no ledger (Feed:StatePath under a file, so the ledger is unavailable and Feed
remembers in memory only: the reference), with a new ledger (the first start writes every
story), and with the ledger kept from the run before (a restart reads it). Reported: the median
time to the first healthy response and from an edit to its new ETag, and the ratios to the
reference. Loopback only; bounded in time. Usage: bench/ledger.py [N ...] [--runs R]"""
import argparse, os, shutil, statistics, subprocess, sys, tempfile, time

import builds
from change import MAKE_ITEMS, SPACING, free_port, Server, wait_for_new_etag


class LedgerServer(Server):
    def __init__(self, command, items, state):
        super().__init__([*command, f"--Feed:StatePath={state}"], items, free_port())


def one_run(command, items, state, newest, round_no):
    server = LedgerServer(command, items, state)
    cold = server.wait_healthy()
    _, old = server.get("/feed.xml")
    time.sleep(SPACING)
    path = os.path.join(items, newest)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    t0 = time.perf_counter()
    with open(path, "w", encoding="utf-8") as f:
        f.write(text + f"\nEdited in round {round_no}.\n")
    change = (time.perf_counter() - t0) + wait_for_new_etag(server, old)
    server.stop()
    return cold * 1000, change * 1000


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int, nargs="*", default=[10_000, 100_000])
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    command = builds.build()["native AOT"]
    for n in a.n:
        work = tempfile.mkdtemp(prefix="feed-bench-ledger-")
        try:
            items = os.path.join(work, "items")
            subprocess.run([sys.executable, MAKE_ITEMS, str(n), items, "--quiet"], check=True)
            newest = sorted(f for f in os.listdir(items) if f.endswith(".md"))[-1]
            blocker = os.path.join(work, "blocker")
            open(blocker, "w").close()
            kept = os.path.join(work, "kept")
            one_run(command, items, kept, newest, -1)  # the ledger the "kept" runs restart with
            results = {"no ledger (reference)": [], "new ledger": [], "ledger kept": []}
            for r in range(a.runs):
                fresh = os.path.join(work, f"fresh-{r}")
                for name, state in (("no ledger (reference)", os.path.join(blocker, "state")), ("new ledger", fresh), ("ledger kept", kept)):
                    results[name].append(one_run(command, items, state, newest, r))
            print(f"bench/ledger: {n:,} items, native AOT, {a.runs} runs, load average {os.getloadavg()[0]:.2f}")
            ref_cold = statistics.median(c for c, _ in results["no ledger (reference)"])
            ref_change = statistics.median(x for _, x in results["no ledger (reference)"])
            for name, runs in results.items():
                cold, change = statistics.median(c for c, _ in runs), statistics.median(x for _, x in runs)
                print(f"  {name:22} cold start {cold:7.0f} ms ({cold / ref_cold:4.2f}x)   one edit {change:6.0f} ms ({change / ref_change:4.2f}x)")
        finally:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
