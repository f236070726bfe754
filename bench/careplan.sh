#!/usr/bin/env bash
# The care-plan vendor benchmark: the hub as its own JVM (embedded Artemis + PostgreSQL, relay simulator), 1,000 vendor
# POSTs of 200-row UPPLAN files from 20 concurrent clients; acceptance latency percentiles against same-run baselines,
# and the time until the relay simulator's mailbox holds every file. Prints a Markdown table and writes it to
# bench-results/careplan.md. Takes ~2-4 minutes. Not part of ./mvnw verify. Extra Maven options pass through, e.g.
# bench/careplan.sh -o (offline) or -Drenkei.bench.files=2000 -Drenkei.bench.clients=40 -Drenkei.bench.rows=200.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
./mvnw -B -pl demo -am -Pbench verify -Dtest=none -Dit.test=CareplanBench -Dsurefire.failIfNoSpecifiedTests=false \
    -Dfailsafe.failIfNoSpecifiedTests=false "$@"
echo
cat bench-results/careplan.md
