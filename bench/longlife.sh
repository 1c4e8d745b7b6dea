#!/usr/bin/env bash
# Memory of the server after 100 and after N rebuilds (default 10,000): see bench/LongLife/Program.cs.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/LongLife -- "${1:-10000}" "${2:-1000}"
