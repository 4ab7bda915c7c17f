#!/usr/bin/env bash
# Makes a Python virtual environment holding the `pulumi` package from PyPI, for the project's Python programs, and
# prints its directory (progress goes to stderr). A program uses it through Pulumi.yaml:
#   runtime: { name: python, options: { virtualenv: <that directory> } }
# The venv lives in ~/.cache/pulumi-hookstream and is made once per `pulumi` version; a marker written after pip
# succeeds tells a finished one from one an interrupted run left.
set -euo pipefail

# The newest release of the Python SDK that PyPI serves; an SDK older than the CLI is supported by the engine.
pulumi_python_version="${PULUMI_PYTHON_VERSION:-3.272.0}"
python="${PULUMI_PYTHON_CMD:-python3}"
venv="${HOME}/.cache/pulumi-hookstream/python-venv-${pulumi_python_version}"
marker="${venv}/.pulumi-hookstream-complete"

say() { printf 'python-venv: %s\n' "$*" >&2; }

if [ -f "$marker" ] && [ -x "$venv/bin/python" ]; then
  echo "$venv"
  exit 0
fi
if ! command -v "$python" >/dev/null 2>&1; then
  say "no ${python} on PATH: install Python >= 3.9 (or set PULUMI_PYTHON_CMD), then run this again."
  exit 1
fi
say "creating ${venv} with pulumi==${pulumi_python_version} from PyPI"
rm -rf "$venv"
"$python" -m venv "$venv" >&2
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "pulumi==${pulumi_python_version}" >&2
touch "$marker"
echo "$venv"
