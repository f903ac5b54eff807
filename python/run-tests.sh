#!/usr/bin/env bash
# The Python package's tests: builds the package into a virtual environment inside the
# build tree (target/pyvenv), with maturin, pytest and pandas from the package index,
# then runs pytest. Run from anywhere; the README's test command runs it last.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/target/pyvenv"
python="${PYTHON:-python3}"

cargo fmt --manifest-path "$root/python/Cargo.toml" -- --check
if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    "maturin>=1.9.4,<2" "pytest>=7" "pandas>=1.5"
# The library's build directory, so the crates both builds share are compiled once.
export CARGO_TARGET_DIR="$root/target"
(
    cd "$root/python"
    VIRTUAL_ENV="$venv" PATH="$venv/bin:$PATH" maturin develop --quiet
)
# The command line that `cargo test` built, for the tests that compare with its output.
if [ -z "${ZHENGCE_CLI:-}" ] && [ -x "$root/target/debug/zhengce" ]; then
    export ZHENGCE_CLI="$root/target/debug/zhengce"
fi
cd "$root"
"$venv/bin/python" -m pytest -q -p no:cacheprovider python/tests
