#!/usr/bin/env bash
# Runs one benchmark by name with a 512 MB heap:
#   scripts/bench.sh engine [tasks] [workers] | manifest | mirror [files] [--no-aws-cli] [--no-deploy]
#                  [--latency-ms N] [--slowdown FRACTION] [--rate-limit REQUESTS_PER_SECOND]
#                  | deploy [manifest] [workers] [off|default|profile-file] [ours|upstream|both]
#                  | clients [accounts]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q install -DskipTests
exec java -Xmx512m -jar benchmarks/target/benchmarks.jar "$@"
