#!/usr/bin/env bash
# Runs one benchmark by name with a 512 MB heap (deploy: 2 GB and the CLI's JVM flags):
#   scripts/bench.sh engine [tasks] [workers] | manifest | mirror [files] [--no-aws-cli] [--no-deploy]
#                  [--latency-ms N] [--slowdown FRACTION] [--rate-limit REQUESTS_PER_SECOND]
#                  | deploy [manifest] [workers] [off|default|profile-file] [ours|upstream|both]
#                  | clients [accounts] | calls [threads,...] [calls-per-round] [call-ms]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q install -DskipTests
# The deploy benchmark stands in for `puppet deploy`: the CLI launcher's JVM flags (bin/puppet), and room for the
# stand-in and S3Proxy that share its JVM.
if [ "${1:-}" = deploy ]; then
  exec java -Xmx2g -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar benchmarks/target/benchmarks.jar "$@"
fi
exec java -Xmx512m -jar benchmarks/target/benchmarks.jar "$@"
