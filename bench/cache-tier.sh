#!/usr/bin/env bash
# bench/cache-tier.sh [SECONDS=30] [POLLERS=200]: Debian's Varnish on loopback in front of Feed
# (deploy/varnish/feed.vcl), pollers against Varnish (first fetches, 304 revalidations, gzip)
# while a story changes every 7 seconds, and Feed's Cache-Control max-age at 5 s so that Varnish
# must revalidate during the run. Reports requests served by Varnish against requests that
# reached Feed, and how many of those were cheap 304s. Loopback only; bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}; pollers=${2:-200}
shared=${SHARED:-../shared}
work=$(mktemp -d)
chmod 755 "$work" # varnishd's workers run as their own user and read the VCL from here
server=""; ncsa=""
cleanup() { kill "$server" 2>/dev/null || true; pkill -f "varnishd.*$work" 2>/dev/null || true; kill "$ncsa" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
if ! command -v varnishd >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "needs Debian's varnish: apt-get install varnish" >&2; exit 2; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq varnish >/dev/null
  systemctl stop varnish 2>/dev/null || pkill -x varnishd || true # the package's own instance; this script runs its own
fi

dotnet build -c Release -v q --nologo src/Feed.Server >/dev/null
dotnet build -c Release -v q --nologo bench/Soak >/dev/null
python3 "$shared/bench/make-items.py" 1000 "$work/items" --quiet
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
origin=$(port); front=$(port)
dotnet src/Feed.Server/bin/Release/net10.0/Feed.Server.dll --urls="http://127.0.0.1:$origin" --Feed:ItemsPath="$work/items" \
  --Feed:CacheMaxAgeSeconds=5 --Logging:LogLevel:Default=Warning >"$work/server.log" 2>&1 &
server=$!
until curl -sf "http://127.0.0.1:$origin/healthz" >/dev/null; do sleep 0.1; done

sed "s/\.port = \"5000\"/.port = \"$origin\"/" deploy/varnish/feed.vcl >"$work/feed.vcl"
varnishd -n "$work/varnish" -f "$work/feed.vcl" -a "127.0.0.1:$front" -s malloc,256m -p http_gzip_support=off -P "$work/varnish.pid"
until curl -sf "http://127.0.0.1:$front/healthz" >/dev/null; do sleep 0.1; done
varnishncsa -n "$work/varnish" -b -F '%{X-Origin-Status}o' >"$work/backend.log" &
ncsa=$!
sleep 0.5

echo "bench/cache-tier: $pollers pollers for $seconds s through Varnish $(varnishd -V 2>&1 | grep -o '[0-9]\.[0-9.]*' | head -1), Feed max-age 5 s, one edit every 7 s"
status=0
dotnet bench/Soak/bin/Release/net10.0/Soak.dll "http://127.0.0.1:$front/" "$work/items" "$seconds" "$pollers" 7000 || status=$?
sleep 1
client=$(varnishstat -n "$work/varnish" -1 -f MAIN.client_req | awk '{print $2}')
backend=$(wc -l <"$work/backend.log")
b304=$(grep -c '^304$' "$work/backend.log" || true)
b200=$(grep -c '^200$' "$work/backend.log" || true)
echo
echo "| requests served by Varnish | requests that reached Feed | of those, 304 | of those, 200 | share of requests reaching Feed |"
echo "| --- | --- | --- | --- | --- |"
awk -v c="$client" -v b="$backend" -v n="$b304" -v f="$b200" 'BEGIN { printf "| %d | %d | %d | %d | %.2f%% |\n", c, b, n, f, 100 * b / c }'
exit $status
