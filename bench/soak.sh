#!/usr/bin/env bash
# bench/soak.sh [SECONDS=60] [POLLERS=300] [ITEMS=1000]: several hundred concurrent pollers
# (first fetches, 304 revalidations, gzip) for SECONDS while files are added, edited and deleted
# continuously. Reports requests, errors and malformed responses (both must be 0), p50/p99
# latency and the server's peak memory. Loopback only; bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}; pollers=${2:-300}; count=${3:-1000}
shared=${SHARED:-../shared}
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT

dotnet build -c Release -v q --nologo src/Feed.Server >/dev/null
dotnet build -c Release -v q --nologo bench/Soak >/dev/null
python3 "$shared/bench/make-items.py" "$count" "$work/items" --quiet
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
dotnet src/Feed.Server/bin/Release/net10.0/Feed.Server.dll --urls="http://127.0.0.1:$port" --Feed:ItemsPath="$work/items" \
  --Logging:LogLevel:Default=Warning >"$work/server.log" 2>&1 &
server=$!
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.1; done

echo "bench/soak: $pollers pollers for $seconds s over $count items with continuous edits ($(nproc) cores, load client on the same machine)"
status=0
dotnet bench/Soak/bin/Release/net10.0/Soak.dll "http://127.0.0.1:$port/" "$work/items" "$seconds" "$pollers" || status=$?
echo "server peak memory (VmHWM): $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' /proc/$server/status)"
curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && echo "server still healthy after the soak"
exit $status
