#!/usr/bin/env bash
# bench/cache-tier.sh [SECONDS=30] [POLLERS=200]: Debian's Varnish on loopback in front of two
# Feed instances over one folder (deploy/varnish/feed.vcl, its two backends and /healthz probes),
# pollers that send what newsboat, feedparser (rss2email) and a web reader send (A-IM: feed and
# both validators included; bench/readers.py) while a story is added every 7 seconds, Feed's
# Cache-Control max-age at 5 s so that Varnish must revalidate, and Feed:CachePurge pointing at
# this Varnish so every change is purged as in production. Reports requests served by Varnish
# against requests that reached Feed. Loopback only; bounded in time. It starts its own
# varnishd (its own -n folder and port) and stops only that one, by its PID.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}; pollers=${2:-200}
shared=${SHARED:-../shared}
work=$(mktemp -d)
chmod 755 "$work" # varnishd's workers run as their own user and read the VCL from here
servers=(); ncsa=""
cleanup() {
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -n "$ncsa" ] && kill "$ncsa" 2>/dev/null || true
  [ -s "$work/varnish.pid" ] && kill "$(cat "$work/varnish.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
if ! command -v varnishd >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "needs Debian's varnish: apt-get install varnish" >&2; exit 2; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq varnish >/dev/null
  # The package may start its own instance on port 6081; it is left alone: this script runs its own.
fi

dotnet build -c Release -v q --nologo src/Feed.Server >/dev/null
python3 "$shared/bench/make-items.py" 1000 "$work/items" --quiet
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
origin1=$(port); origin2=$(port); front=$(port)
for origin in "$origin1" "$origin2"; do
  dotnet src/Feed.Server/bin/Release/net10.0/Feed.Server.dll --urls="http://127.0.0.1:$origin" --Feed:ItemsPath="$work/items" \
    --Feed:BaseUrl="http://127.0.0.1:$front/" --Feed:CachePurge="http://127.0.0.1:$front/" \
    --Feed:CacheMaxAgeSeconds=5 --Logging:LogLevel:Default=Warning >"$work/server-$origin.log" 2>&1 &
  servers+=($!)
done
for origin in "$origin1" "$origin2"; do
  until curl -sf "http://127.0.0.1:$origin/healthz" >/dev/null; do sleep 0.1; done
done

sed -e "s/\.port = \"5000\"/.port = \"$origin1\"/" -e "s/\.port = \"5001\"/.port = \"$origin2\"/" deploy/varnish/feed.vcl >"$work/feed.vcl"
varnishd -n "$work/varnish" -f "$work/feed.vcl" -a "127.0.0.1:$front" -s malloc,256m -p http_gzip_support=off -P "$work/varnish.pid"
until curl -sf "http://127.0.0.1:$front/healthz" >/dev/null; do sleep 0.1; done
varnishncsa -n "$work/varnish" -b -F '%{X-Origin-Status}o %U' >"$work/backend.log" &
ncsa=$!
sleep 0.5

echo "bench/cache-tier: $pollers pollers (newsboat, feedparser and web-reader headers) for $seconds s through Varnish $(varnishd -V 2>&1 | grep -o '[0-9]\.[0-9.]*' | head -1), two Feed instances, max-age 5 s, one new story every 7 s, purged on change"
status=0
python3 bench/readers.py "http://127.0.0.1:$front/" "$work/items" "$seconds" "$pollers" || status=$?
sleep 1
client=$(varnishstat -n "$work/varnish" -1 -f MAIN.client_req | awk '{print $2}')
purges=$(varnishstat -n "$work/varnish" -1 -f MAIN.n_purges | awk '{print $2}')
grep -v ' /healthz$' "$work/backend.log" >"$work/backend-feeds.log" || true
backend=$(wc -l <"$work/backend-feeds.log")
b304=$(grep -c '^304 ' "$work/backend-feeds.log" || true)
b200=$(grep -c '^200 ' "$work/backend-feeds.log" || true)
echo
echo "| requests served by Varnish | requests that reached Feed (probes excluded) | of those, 304 | of those, 200 | share of requests reaching Feed | purges |"
echo "| --- | --- | --- | --- | --- | --- |"
awk -v c="$client" -v b="$backend" -v n="$b304" -v f="$b200" -v p="$purges" 'BEGIN { printf "| %d | %d | %d | %d | %.2f%% | %d |\n", c, b, n, f, 100 * b / c, p }'
exit $status
