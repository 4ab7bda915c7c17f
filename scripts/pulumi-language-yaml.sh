#!/usr/bin/env bash
# Builds the YAML language host, pulumi-language-yaml, into the directory given as $1 (scripts/pulumi-cli.sh calls it
# with the CLI's directory). Its module is built in a wrapper module of its own, because pulumi-yaml compiles only
# against the pkg/v3 and sdk/v3 its go.mod pins, not against the CLI's newer ones; the wrapper requires nothing else,
# so the build takes exactly pulumi-yaml's own dependency versions.
set -euo pipefail

yaml_version="${PULUMI_YAML_VERSION:-1.25.0}"
bin_dir="${1:?usage: pulumi-language-yaml.sh <bin-dir>}"
build_dir="${HOME}/.cache/pulumi-hookstream/yaml-build-${yaml_version}"

say() { printf 'pulumi-language-yaml: %s\n' "$*" >&2; }

mkdir -p "$build_dir" "$bin_dir"
cd "$build_dir"
cat >go.mod <<GOMOD
module pulumi-hookstream.local/yaml-build

go 1.26

require github.com/pulumi/pulumi-yaml v${yaml_version}

tool github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml
GOMOD
export GOFLAGS=""
say "resolving modules for pulumi-yaml ${yaml_version}"
go mod tidy
start=$(date +%s)
say "building pulumi-language-yaml ${yaml_version}"
go build -ldflags "-s -w -X github.com/pulumi/pulumi-yaml/pkg/version.Version=${yaml_version}" \
  -o "$bin_dir/.pulumi-language-yaml.new" github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml
mv -f "$bin_dir/.pulumi-language-yaml.new" "$bin_dir/pulumi-language-yaml"
say "built in $(($(date +%s) - start))s into ${bin_dir}"
