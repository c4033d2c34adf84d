#!/usr/bin/env bash
# Runs every libFuzzer target of tests/fuzz (one per strideload::io reader) for SECONDS each
# (default 60), one at a time: scripts/fuzz.sh 600 for a longer hunt, scripts/fuzz.sh 60
# fuzz_fit for one target. Installs the project's Debian packages plus clang-14 and
# libclang-rt-14-dev if missing (scripts/deps.sh),
# configures <build dir> with clang++-14 and STRIDELOAD_BUILD_FUZZ=ON (only strideload::io and
# the fuzz targets are built), replays tests/fuzz/regressions/<target>-*, then fuzzes from the
# seeds listed in tests/fuzz/seeds.txt. The corpus grows in <build dir>/fuzz-corpus/<target>
# (kept between runs); a crash is written to <build dir>/fuzz-artifacts/. Exit status 1 when
# any target crashed or a regression input failed.
# One allocation above 64 MB counts as a crash: no input of FUZZ_MAX_LEN bytes should need it
# (it is how a size taken from the file, or lines x columns, shows up in a short input).
# Environment: FUZZ_BUILD_DIR (default build-fuzz), FUZZ_MAX_LEN (default 16384 bytes),
# FUZZ_BUILD_JOBS (default 2).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
build=${FUZZ_BUILD_DIR:-build-fuzz}
max_len=${FUZZ_MAX_LEN:-16384}
all_targets=(fuzz_fit fuzz_force_table fuzz_opensim fuzz_tcx fuzz_gpx fuzz_training_log)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")

# The library's own dependencies (strideload::io is built too) and the fuzzing toolchain.
./scripts/deps.sh clang-14 libclang-rt-14-dev

CC=clang-14 CXX=clang++-14 cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DSTRIDELOAD_BUILD_FUZZ=ON -DSTRIDELOAD_BUILD_TESTS=OFF -DSTRIDELOAD_BUILD_BENCH=OFF \
    -DSTRIDELOAD_BUILD_PYTHON=OFF -DSTRIDELOAD_BUILD_EXAMPLES=OFF -DSTRIDELOAD_BUILD_CLI=OFF \
    >/dev/null
cmake --build "$build" -j "${FUZZ_BUILD_JOBS:-2}" --target "${targets[@]}"

# Seed directories: links to the files seeds.txt names ("head:N path" = the first N bytes).
seed_root="$build/fuzz-seeds"
rm -rf "$seed_root"
while read -r target spec rest; do
    case "$target" in '' | \#*) continue ;; esac
    mkdir -p "$seed_root/$target"
    if [[ $spec == head:* ]]; then
        head -c "${spec#head:}" "$rest" >"$seed_root/$target/head-$(basename "$rest")"
        continue
    fi
    if [[ $spec == xmlhead:* ]]; then
        # A well-formed head: cut after the last end tag of the most repeated element (the
        # track point) within N bytes, then close the elements still open.
        /usr/bin/python3 - "${spec#xmlhead:}" "$rest" >"$seed_root/$target/head-$(basename "$rest")" <<'PY'
import collections, re, sys
text = open(sys.argv[2], encoding="utf-8").read()[: int(sys.argv[1])]
tag = re.compile(r"<(/?)([A-Za-z_][\w:.-]*)[^<>]*?(/?)>")
ends = collections.Counter(m.group(2) for m in tag.finditer(text) if m.group(1))
last = max((m for m in tag.finditer(text) if m.group(1) and m.group(2) == ends.most_common(1)[0][0]),
           key=lambda m: m.end())
text = text[: last.end()]
stack = []
for m in tag.finditer(text):
    if m.group(1):
        stack.pop()
    elif not m.group(3):
        stack.append(m.group(2))
sys.stdout.write(text + "".join("</%s>" % name for name in reversed(stack)) + "\n")
PY
        continue
    fi
    for file in $spec; do
        if [ -f "$file" ]; then
            ln -sf "$PWD/$file" "$seed_root/$target/"
        else
            echo "fuzz: seed $file of $target not found, skipped"
        fi
    done
done <tests/fuzz/seeds.txt

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
failed=()
for target in "${targets[@]}"; do
    binary="$build/tests/fuzz/$target"
    shopt -s nullglob
    regressions=(tests/fuzz/regressions/"$target"-*)
    shopt -u nullglob
    if [ ${#regressions[@]} -gt 0 ]; then
        echo "== $target: ${#regressions[@]} regression input(s) =="
        "$binary" "${regressions[@]}" >"$build/$target-regressions.log" 2>&1 || {
            tail -n 30 "$build/$target-regressions.log"
            failed+=("$target (regressions)")
        }
    fi
    echo "== $target: fuzzing ${seconds} s =="
    corpus="$build/fuzz-corpus/$target"
    mkdir -p "$corpus" "$build/fuzz-artifacts" "$seed_root/$target"
    if ! "$binary" "$corpus" "$seed_root/$target" -max_total_time="$seconds" \
        -max_len="$max_len" -timeout=10 -malloc_limit_mb=64 -print_final_stats=1 \
        -artifact_prefix="$build/fuzz-artifacts/$target-" >"$build/$target.log" 2>&1; then
        tail -n 60 "$build/$target.log"
        failed+=("$target")
    else
        grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb)|^#[0-9]+.*DONE' \
            "$build/$target.log" | tr '\n' ' '
        echo
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: FAILED: ${failed[*]} (inputs in $build/fuzz-artifacts/, logs in $build/)"
    exit 1
fi
echo "fuzz: ${#targets[@]} target(s), ${seconds} s each: no crash"
