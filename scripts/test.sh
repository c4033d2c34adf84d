#!/usr/bin/env bash
# Installs dependencies, builds, and runs every test (C++ doctest, compile-only unit checks,
# install/consumer builds, CLI, pytest, README examples, notebooks) through ctest.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/deps.sh"
"$root/scripts/build.sh"
cd "${BUILD_DIR:-$root/build}"
ctest --output-on-failure -j "$(nproc)"
