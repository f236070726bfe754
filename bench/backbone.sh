#!/usr/bin/env bash
# The backbone benchmark: a bare-JMS baseline and the hub (200,000 records; heap with units of 10,000 and 1,000,000),
# measured in the same run. Prints a Markdown table and writes it to bench-results/backbone.md. Takes ~5 minutes.
# Not part of ./mvnw verify. Extra Maven options pass through, e.g. bench/backbone.sh -o (offline).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
./mvnw -B -pl demo -am -Pbench verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test=BackboneBench "$@"
echo
cat bench-results/backbone.md
