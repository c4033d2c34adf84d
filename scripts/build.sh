#!/usr/bin/env bash
# Configures and builds strideload (Release, everything on) into ${BUILD_DIR:-build}.
# Debian's /usr/bin/python3 is the interpreter that has numpy/pandas: CMake must use it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release \
    -DPython_EXECUTABLE=/usr/bin/python3 "$@" >/dev/null
cmake --build "$build" -j "$(nproc)"
