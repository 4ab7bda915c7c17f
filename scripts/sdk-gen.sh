#!/usr/bin/env bash
# Builds (when its sources changed) and runs sdk-gen, the pinned SDK generator in scripts/sdk-gen:
#   bash scripts/sdk-gen.sh <schema.json> <out-dir>    writes <out-dir>/python, <out-dir>/nodejs and <out-dir>/go
# The binary lives in ~/.cache/pulumi-hookstream; Go's build cache makes a rebuild of unchanged sources a no-op.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin="${HOME}/.cache/pulumi-hookstream/sdk-gen/sdk-gen"

if [ "$#" -ne 2 ]; then
  echo "usage: sdk-gen.sh <schema.json> <out-dir>" >&2
  exit 2
fi
if ! command -v go >/dev/null 2>&1; then
  echo "sdk-gen: needs Go >= 1.26 to build the generator (https://go.dev/dl/)" >&2
  exit 1
fi
mkdir -p "$(dirname "$bin")"
(cd "${here}/sdk-gen" && GOFLAGS="-mod=readonly" go build -o "$bin" .)
exec "$bin" "$1" "$2"
