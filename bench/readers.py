#!/usr/bin/python3
"""bench/readers.py BASE ITEMS SECONDS POLLERS: pollers that send what real feed readers send,
each keeping its own ETag and Last-Modified per feed, while a story is added every 7 s.

Profiles (headers as the readers send them on a conditional poll):
  newsboat   (libcurl): A-IM: feed, If-None-Match, If-Modified-Since, Accept-Encoding: gzip, deflate
  feedparser (rss2email, most Python aggregators): A-IM: feed, If-None-Match, If-Modified-Since,
             Accept-encoding: gzip, deflate, br, Accept: application/atom+xml,...
  browser-like reader (fetch): If-None-Match, Accept-Encoding: gzip, deflate, br
Prints one line: requests, 200s, 304s, other statuses. Loopback only; stops by itself."""
import http.client, itertools, os, random, sys, threading, time, urllib.parse

base, items, seconds, pollers = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
url = urllib.parse.urlsplit(base)
assert url.hostname in ("127.0.0.1", "localhost", "::1"), "loopback only"
PATHS = ["/feed.xml", "/atom.xml", "/feed.json", "/tags/politics/feed.xml", "/tags/politics/atom.xml"]
PROFILES = {
    "newsboat": {"User-Agent": "newsboat/2.30.1 (Linux x86_64)", "A-IM": "feed", "Accept": "*/*", "Accept-Encoding": "deflate, gzip"},
    "feedparser": {"User-Agent": "rss2email/3.14 (https://github.com/rss2email/rss2email) feedparser/6.0.10", "A-IM": "feed",
                   "Accept": "application/atom+xml,application/rdf+xml,application/rss+xml,application/x-netcdf,application/xml;q=0.9,text/xml;q=0.2,*/*;q=0.1",
                   "Accept-encoding": "gzip, deflate, br"},
    "reader": {"User-Agent": "Mozilla/5.0 (web reader)", "Accept-Encoding": "gzip, deflate, br"},
}
counts, lock, stop = {}, threading.Lock(), time.time() + seconds


def poll(n):
    profile = list(PROFILES.values())[n % len(PROFILES)]
    state = {}
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    local = {}
    for i in itertools.count():
        if time.time() > stop:
            break
        path = PATHS[(n + i) % len(PATHS)]
        headers = dict(profile)
        etag, modified = state.get(path, (None, None))
        if etag:
            headers["If-None-Match"] = etag
        if modified and "A-IM" in profile:  # libcurl and feedparser send both validators
            headers["If-Modified-Since"] = modified
        try:
            conn.request("GET", path, headers=headers)
            r = conn.getresponse()
            r.read()
        except OSError:
            conn.close()
            conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
            local["error"] = local.get("error", 0) + 1
            continue
        local[r.status] = local.get(r.status, 0) + 1
        if r.status == 200:
            state[path] = (r.getheader("ETag"), r.getheader("Last-Modified"))
        time.sleep(random.uniform(0, 0.02))
    with lock:
        for k, v in local.items():
            counts[k] = counts.get(k, 0) + v


def edit():
    n = 0
    while time.time() + 7 < stop:
        time.sleep(7)
        n += 1
        with open(os.path.join(items, f"2030-01-01-readers-bench-{n}.md.tmp"), "w") as f:
            f.write(f"---\ntitle: Bench story {n}\ndate: 2024-06-01T00:00:{n % 60:02d}Z\ntags: [politics]\n---\nStory {n}.\n")
        os.rename(os.path.join(items, f"2030-01-01-readers-bench-{n}.md.tmp"), os.path.join(items, f"2024-06-01-readers-bench-{n}.md"))


threads = [threading.Thread(target=poll, args=(n,)) for n in range(pollers)] + [threading.Thread(target=edit)]
for t in threads:
    t.start()
for t in threads:
    t.join()
total = sum(counts.values())
other = {k: v for k, v in counts.items() if k not in (200, 304)}
print(f"readers: {total} requests, {counts.get(200, 0)} x 200, {counts.get(304, 0)} x 304, other {other or 'none'}")
sys.exit(1 if any(k == "error" or (isinstance(k, int) and k >= 500) for k in other) else 0)
