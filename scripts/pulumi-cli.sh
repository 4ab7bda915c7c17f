#!/usr/bin/env bash
# Makes a Pulumi CLI available, with language hosts for Node.js, Python, Go and YAML and the pulumi-nodejs
# dynamic-provider launcher, and prints the directory that holds it. Progress goes to stderr; the directory is the
# only thing on stdout.
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

# a usable toolchain needs the CLI, a language host for each language the project's programs are written in (the
# Python host runs programs through its exec script) and the dynamic-provider launcher
tools=(pulumi pulumi-language-nodejs pulumi-language-python pulumi-language-python-exec pulumi-language-go
  pulumi-language-yaml pulumi-resource-pulumi-nodejs)

complete_in() {
  local tool
  for tool in "${tools[@]}"; do [ -x "$1/$tool" ] || return 1; done
}

# A cached build counts only if its binaries were compiled from the Pulumi modules of the version it is labelled
# with (`go version -m` lists them); any other is rebuilt. An official build, or no Go to read it with, passes: there
# is nothing to compare.
built_from_label() { # $1: a binary
  command -v go >/dev/null 2>&1 || return 0
  local mismatch
  mismatch="$(go version -m "$1" 2>/dev/null |
    awk -v want="v${version}" '($2 == "github.com/pulumi/pulumi/pkg/v3" || $2 == "github.com/pulumi/pulumi/sdk/v3") && $3 != want { printf "%s %s; ", $2, $3 }')"
  [ -z "$mismatch" ] || { say "$1 was built from ${mismatch}not v${version}: rebuilding"; return 1; }
}

cached_in() {
  complete_in "$1" || return 1
  local binary
  for binary in pulumi pulumi-language-nodejs pulumi-language-python pulumi-language-go; do
    built_from_label "$1/$binary" || return 1
  done
}


if existing="$(command -v pulumi 2>/dev/null)"; then
  dir="$(dirname "$existing")"
  found="$(pulumi version 2>/dev/null | sed 's/^v//')"
  if version_at_least "${found:-0.0.0}" "$min_version" && complete_in "$dir"; then
    say "using pulumi ${found} from ${dir}"
    echo "$dir"
    exit 0
  fi
  say "ignoring pulumi ${found:-?} at ${dir} (needs >= ${min_version} with its Node.js, Python, Go and YAML language hosts)"
fi

if cached_in "$cache_dir"; then
  say "using cached pulumi ${version} from ${cache_dir}"
  echo "$cache_dir"
  exit 0
fi

if [ "${PULUMI_CLI_SKIP_DOWNLOAD:-}" != "1" ] && command -v curl >/dev/null 2>&1; then
  say "trying the official installer"
  if installer="$(curl -fsSL --max-time 15 https://get.pulumi.com 2>/dev/null)"; then
    if printf '%s' "$installer" | sh -s -- --version "$version" --install-root "${HOME}/.pulumi/versions/${version}" --no-edit-path >&2; then
      if cached_in "$cache_dir"; then echo "$cache_dir"; exit 0; fi
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
# the build module: the project's language hosts (one folder each, sharing langhost/) and the CLI as a tool
rm -rf "$build_dir/main.go" "$build_dir/langhost" "$build_dir"/language-*
cp -R "${here}/pulumi-cli/." "$build_dir/"
cd "$build_dir"
# The `tool` line keeps the CLI's module in go.mod through `go mod tidy`, which otherwise drops a requirement that
# no package of this module imports; the build then compiles exactly the labelled pkg/v3 and sdk/v3.
cat >go.mod <<GOMOD
module pulumi-hookstream.local/cli-build

go 1.26

require (
	github.com/pulumi/pulumi/pkg/v3 v${version}
	github.com/pulumi/pulumi/sdk/v3 v${version}
)

tool github.com/pulumi/pulumi/pkg/v3/cmd/pulumi

// repeated from pkg/v3's own go.mod (its local replace of sdk/v3 is satisfied by the require above)
replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e
GOMOD
export GOFLAGS=""
fail() { say "$1"; say "install Pulumi (https://www.pulumi.com/docs/install/) and put it on PATH, then run this again."; exit 1; }
say "resolving modules for pulumi ${version} (first run downloads them; later runs reuse the module cache)"
go mod tidy >&2 || fail "could not download the Pulumi Go modules (is the Go module proxy reachable? GOPROXY=$(go env GOPROXY))"
for module in github.com/pulumi/pulumi/pkg/v3 github.com/pulumi/pulumi/sdk/v3; do
  resolved="$(go list -m -f '{{.Version}}' "$module")"
  [ "$resolved" = "v${version}" ] || fail "go mod tidy resolved ${module} to ${resolved}, not v${version}"
done
ldflags="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v${version}"
say "building pulumi ${version} (a first build takes several minutes on 2 cores; the Go build cache makes later ones fast)"
start=$(date +%s)
# go build is silent while it compiles: a line every 30 s shows the build is alive, not hung
# (sleep gets /dev/null so that, left running after the kill, it holds no caller's pipe open)
(while sleep 30 </dev/null >/dev/null 2>&1; do say "still building ($(($(date +%s) - start))s)"; done) >&2 &
heartbeat=$!
trap 'kill "$heartbeat" 2>/dev/null || true' EXIT
# Each binary is built beside its place and renamed into it: a CLI another process is running is replaced, never
# overwritten, and an interrupted build leaves no half-written file that looks like a tool.
build_into() { # $1: binary name, $2: package
  go build -ldflags "$ldflags" -o "$cache_dir/.$1.new" "$2" >&2 && mv -f "$cache_dir/.$1.new" "$cache_dir/$1"
}
build_into pulumi github.com/pulumi/pulumi/pkg/v3/cmd/pulumi || fail "building the Pulumi CLI failed (output above)"
for language in nodejs python go; do
  say "building the ${language} language host"
  build_into "pulumi-language-${language}" "./language-${language}" ||
    fail "building the ${language} language host failed (output above)"
done
# the SDK module ships the scripts the official CLI bundles: the dynamic-provider launcher and the Python runner
sdk_dir="$(go list -m -f '{{.Dir}}' github.com/pulumi/pulumi/sdk/v3)"
install -m 0755 "${sdk_dir}/nodejs/dist/pulumi-resource-pulumi-nodejs" "$cache_dir/"
install -m 0755 "${sdk_dir}/python/cmd/pulumi-language-python-exec" "$cache_dir/"
say "built in $(( $(date +%s) - start ))s into ${cache_dir}"
bash "${here}/pulumi-language-yaml.sh" "$cache_dir" >&2 || fail "building the YAML language host failed (output above)"
kill "$heartbeat" 2>/dev/null || true
cached_in "$cache_dir"
echo "$cache_dir"
