#!/usr/bin/env bash
# Makes a Pulumi CLI (with a Node.js language host and the pulumi-nodejs dynamic-provider launcher) available and
# prints the directory that holds it. Progress goes to stderr; the directory is the only thing on stdout.
#
# Order: a CLI already on PATH; one cached in ~/.pulumi/versions/<version>/bin (where the Automation API looks);
# the official installer where the network allows; otherwise a build from the Go modules with the machine's Go.
set -euo pipefail

version="${PULUMI_VERSION:-3.276.0}"
min_version="3.139.0"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache_dir="${HOME}/.pulumi/versions/${version}/bin"

say() { printf 'pulumi-cli: %s\n' "$*" >&2; }

version_at_least() { # $1 >= $2, both x.y.z
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]
}

complete_in() { # a usable toolchain needs the CLI, a Node.js language host and the dynamic-provider launcher
  [ -x "$1/pulumi" ] && [ -x "$1/pulumi-language-nodejs" ] && [ -x "$1/pulumi-resource-pulumi-nodejs" ]
}


if existing="$(command -v pulumi 2>/dev/null)"; then
  dir="$(dirname "$existing")"
  found="$(pulumi version 2>/dev/null | sed 's/^v//')"
  if version_at_least "${found:-0.0.0}" "$min_version" && complete_in "$dir"; then
    say "using pulumi ${found} from ${dir}"
    echo "$dir"
    exit 0
  fi
  say "ignoring pulumi ${found:-?} at ${dir} (needs >= ${min_version} with its Node.js language host)"
fi

if complete_in "$cache_dir"; then
  say "using cached pulumi ${version} from ${cache_dir}"
  echo "$cache_dir"
  exit 0
fi

if [ "${PULUMI_CLI_SKIP_DOWNLOAD:-}" != "1" ] && command -v curl >/dev/null 2>&1; then
  say "trying the official installer"
  if installer="$(curl -fsSL --max-time 15 https://get.pulumi.com 2>/dev/null)"; then
    if printf '%s' "$installer" | sh -s -- --version "$version" --install-root "${HOME}/.pulumi/versions/${version}" --no-edit-path >&2; then
      if complete_in "$cache_dir"; then echo "$cache_dir"; exit 0; fi
    fi
  fi
  say "the official installer is out of reach; building from the Go modules instead"
fi

if ! command -v go >/dev/null 2>&1; then
  say "no Pulumi CLI found, no network for the installer, and no Go toolchain to build one."
  say "install Pulumi (https://www.pulumi.com/docs/install/) or Go >= 1.26, then run this again."
  exit 1
fi

build_dir="${HOME}/.cache/pulumi-hookstream/cli-build-${version}"
mkdir -p "$build_dir" "$cache_dir"
cp "${here}/pulumi-cli/language-host.go" "$build_dir/main.go"
cd "$build_dir"
cat >go.mod <<GOMOD
module pulumi-hookstream.local/cli-build

go 1.26

require (
	github.com/pulumi/pulumi/pkg/v3 v${version}
	github.com/pulumi/pulumi/sdk/v3 v${version}
)

// repeated from pkg/v3's own go.mod (its local replace of sdk/v3 is satisfied by the require above)
replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e
GOMOD
export GOFLAGS="-mod=mod"
fail() { say "$1"; say "install Pulumi (https://www.pulumi.com/docs/install/) and put it on PATH, then run this again."; exit 1; }
say "resolving modules for pulumi ${version} (first run downloads them; later runs reuse the module cache)"
go mod tidy >&2 || fail "could not download the Pulumi Go modules (is the Go module proxy reachable? GOPROXY=$(go env GOPROXY))"
ldflags="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v${version}"
say "building pulumi ${version} (a first build takes several minutes on 2 cores; the Go build cache makes later ones fast)"
start=$(date +%s)
# go build is silent while it compiles: a line every 30 s shows the build is alive, not hung
# (sleep gets /dev/null so that, left running after the kill, it holds no caller's pipe open)
(while sleep 30 </dev/null >/dev/null 2>&1; do say "still building ($(($(date +%s) - start))s)"; done) >&2 &
heartbeat=$!
trap 'kill "$heartbeat" 2>/dev/null || true' EXIT
go build -ldflags "$ldflags" -o "$cache_dir/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >&2 ||
  fail "building the Pulumi CLI failed (output above)"
say "building the Node.js language host"
go build -ldflags "$ldflags" -o "$cache_dir/pulumi-language-nodejs" . >&2 ||
  fail "building the Node.js language host failed (output above)"
# the SDK module ships the same launcher the official CLI bundles
sdk_dir="$(go list -m -f '{{.Dir}}' github.com/pulumi/pulumi/sdk/v3)"
install -m 0755 "${sdk_dir}/nodejs/dist/pulumi-resource-pulumi-nodejs" "$cache_dir/"
kill "$heartbeat" 2>/dev/null || true
say "built in $(( $(date +%s) - start ))s into ${cache_dir}"
complete_in "$cache_dir"
echo "$cache_dir"
