#!/usr/bin/env bash
# The item parser's fuzz run at length: 1,000,000 mutated inputs per seed (CI runs 2 x 50,000).
# Usage: bench/fuzz.sh [INPUTS=1000000] [SEED]   (without SEED: the fixed seed and a new one)
set -euo pipefail
cd "$(dirname "$0")/.."
export FEED_FUZZ_INPUTS="${1:-1000000}"
if [ -n "${2:-}" ]; then export FEED_FUZZ_SEED="$2"; fi
start=$(date +%s)
dotnet test tests/Feed.Tests -c Release --filter ItemParserFuzzTests --logger "console;verbosity=detailed" 2>&1 \
  | grep -E "fuzz seed|seed [0-9]+:|Passed!|Failed!|Error Message|input [0-9]+" || true
echo "took $(( $(date +%s) - start )) s"
