#!/usr/bin/env bash
# npm run demo: the quickstart program through preview → up → a no-change preview → an out-of-band change and
# refresh → destroy, against a local hookstream emulator, with a throwaway backend. Installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x node_modules/.bin/node ] || npm ci --no-audit --no-fund
npm run --silent build
exec node_modules/.bin/node -r ts-node/register/transpile-only scripts/demo.ts "$@"
