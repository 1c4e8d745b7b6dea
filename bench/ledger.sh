#!/usr/bin/env bash
# bench/ledger: cold start and one change at N items (default 10,000) with the embedded SQLite
# ledger (the default) and with a PostgreSQL ledger (Feed:Ledger), both builds, by bench/change.py.
# PostgreSQL is a throwaway local cluster (Debian's postgresql package), started as the tests
# start one: initdb in a temp folder as nobody, a free loopback port, stopped by its PID.
# In each run the first build starts on an empty ledger, the second on the ledger the first left.
# Usage: bench/ledger.sh [N] [--rounds R]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ]; then echo "bench/ledger: PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 2; fi
work=$(mktemp -d /tmp/feed-bench-ledger-XXXXXX)
chmod 777 "$work"
as=()
if [ "$(id -u)" = 0 ]; then as=(setpriv --reuid=nobody --regid=nogroup --clear-groups); fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${as[@]}" "$bin/initdb" -D "$work/data" -U feed --auth=trust -E UTF8 >/dev/null
"${as[@]}" "$bin/postgres" -D "$work/data" -p "$port" -k "$work" -c listen_addresses=127.0.0.1 >"$work/postgres.log" 2>&1 &
pg=$!
trap 'kill -INT "$pg"; wait "$pg" || true; rm -rf "$work"' EXIT
until "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; do sleep 0.1; done
"$bin/createdb" -h 127.0.0.1 -p "$port" -U feed feed

echo "== SQLite ledger (default)"
python3 bench/change.py "$@"
echo
echo "== PostgreSQL ledger ($("$bin/postgres" --version), same machine, fsync on)"
python3 bench/change.py "$@" "--server-arg=--Feed:Ledger=Host=127.0.0.1;Port=$port;Database=feed;Username=feed"
