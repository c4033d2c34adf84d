#!/usr/bin/env bash
# Installs strideload's build and test dependencies from Debian 12 packages (no PyPI, no
# downloads), plus any packages named as arguments (scripts/fuzz.sh adds clang-14 and
# libclang-rt-14-dev). Idempotent: does nothing when every package is already installed.
set -euo pipefail

packages=(
    g++ cmake make pkg-config clang-format
    libeigen3-dev libboost-dev doctest-dev libbenchmark-dev
    libcli11-dev libfmt-dev nlohmann-json3-dev libcsv-dev libpugixml-dev
    libhowardhinnant-date-dev tzdata libgd-dev
    python3 python3-dev pybind11-dev python3-numpy python3-pandas python3-matplotlib
        python3-scipy python3-pytest python3-nbclient python3-nbformat python3-ipykernel
        python3-dask python3-distributed
    "$@"
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "deps: all ${#packages[@]} Debian packages present"
    exit 0
fi
echo "deps: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
