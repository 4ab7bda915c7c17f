#!/usr/bin/env bash
# npm run bench: provider overhead, stored provider size, whole-engine cost, throughput under a rate limit and
# provider-host memory, each against a baseline measured in the same run; the whole-engine parts run the dynamic host
# and the native plugin side by side. Installs what it needs first; writes
# .bench/results.json and .bench/chart.svg. BENCH_SIZES/BENCH_REPS shorten the whole-engine part.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x node_modules/.bin/node ] || npm ci --no-audit --no-fund
npm run --silent build
exec node_modules/.bin/node -r ts-node/register/transpile-only bench/index.ts "$@"
