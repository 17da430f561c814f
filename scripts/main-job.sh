#!/usr/bin/env bash
# The main job. Until the CLI's sandbox deploy lands (issue #7), it runs the engine benchmark:
# a ~100,000-task puppet-shaped DAG cold, fully cached, and scheduling alone.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q install -DskipTests
exec java -Xmx512m -jar benchmarks/target/benchmarks.jar engine "$@"
