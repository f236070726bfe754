#!/usr/bin/env bash
# The insured-to-kiban benchmark: a synthetic fixed-width MS932 snapshot of 1,000,000 persons (or the first
# argument) uploaded to the simulated municipal SFTP drop, timed until the simulated platform has accepted every
# person, on a hub run with -Xmx512m; with a baseline (the mappings reader parsing the same file) measured in the same
# run. Prints a Markdown table and writes it to bench-results/insured.md. Takes ~5-8 minutes for 1,000,000 persons.
# Not part of ./mvnw verify. Extra Maven options pass through, e.g. bench/insured.sh 1000000 -o (offline).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PERSONS=1000000
if [[ $# -gt 0 && "$1" =~ ^[0-9]+$ ]]; then
  PERSONS="$1"
  shift
fi
./mvnw -B -pl demo -am -Pbench verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test=InsuredToKibanBench -Drenkei.bench.persons="$PERSONS" "$@"
echo
cat bench-results/insured.md
