#!/usr/bin/env bash
# The main job: the sandbox deploy of the demo manifest, twice. The first run executes every task against the
# in-process AWS stand-in; the second restores the cache from the local S3 and takes every cacheable task from it.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q install -DskipTests
# A fresh cache each time, kept afterwards so the reports can be read: .puppet-cache/main-job/run-report.json
rm -rf .puppet-cache/main-job
bin/puppet deploy --sandbox --repeat 2 \
  --cache-dir .puppet-cache/main-job test-resources/manifests/demo/manifest.yaml "$@"
