#!/usr/bin/env bash
# The open-data bulk-load benchmark: a synthetic 50,000-row MHLW open-data file loaded into an empty provider ledger
# on embedded PostgreSQL, against the rate of reading the same file with the layout's reader, measured in the same run
# (best of 3 each). Prints a Markdown table and writes it to bench-results/opendata.md. Takes ~1-2 minutes.
# Not part of ./mvnw verify. Extra Maven options pass through, e.g. bench/opendata.sh -o (offline).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
./mvnw -B -q -pl connectors -am test -Dtest=OpenDataLoadBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Drenkei.bench.results="$ROOT/bench-results/opendata.md" "$@"
echo
cat bench-results/opendata.md
