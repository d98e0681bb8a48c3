#!/usr/bin/env bash
# Installs numpy from PyPI into a virtual environment under target/ and runs
# the input-output benchmark, which times chainfair and numpy on the same
# matrices in the same run. Needs CHAINFAIR_REFDATA (the WIOD tables).
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/numpy-venv
if ! "$venv/bin/python" -c "import numpy" 2>/dev/null; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet numpy
fi
export CHAINFAIR_REFDATA="${CHAINFAIR_REFDATA:-$(cd .. && pwd)/shared/data}"
export CHAINFAIR_NUMPY_PYTHON="$PWD/$venv/bin/python"
cargo bench -p chainfair-benches --bench io --features faer
