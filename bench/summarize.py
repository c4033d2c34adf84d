#!/usr/bin/env python3
"""Each kernel's bandwidth as a share of the triad baseline from the same strideload_bench run.

    build/bench/strideload_bench --benchmark_min_time=0.2 --benchmark_repetitions=5 \\
        --benchmark_out=bench.json --benchmark_out_format=json
    python3 bench/summarize.py bench.json

With repetitions the medians are used. Standard library only.
"""

from __future__ import annotations

import json
import sys

#: The closed-form batch kernels are held to this share of triad bytes/s (printed only).
TARGET_SHARE_OF_TRIAD = 0.35
CLOSED_FORM = ("BM_Morin2005Batch", "BM_ImpulseBalanceBatch", "BM_Clark2017Batch")


def load(path: str) -> dict:
    """name -> benchmark entry (the median aggregate when the run has repetitions)."""
    with open(path, encoding="utf-8") as f:
        entries = json.load(f)["benchmarks"]
    runs = {}
    for e in entries:
        if e.get("error_occurred"):
            continue
        name = e.get("run_name", e["name"])
        if e.get("run_type") == "aggregate":
            if e.get("aggregate_name") == "median":
                runs[name] = e
        elif name not in runs or runs[name].get("run_type") != "aggregate":
            runs[name] = e
    return runs


def rate(x: float) -> str:
    """Steps per second with an SI prefix: 1.23G, 456.7M, 25.9k."""
    for scale, prefix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if x >= scale:
            return f"{x / scale:.1f}{prefix}"
    return f"{x:.1f}"


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    runs = load(argv[1])
    triads = {n: e["bytes_per_second"] for n, e in runs.items() if n.startswith("BM_Triad/")}
    if not triads:
        print("summarize: no BM_Triad result in the run", file=sys.stderr)
        return 2
    print("triad: " + ", ".join(f"{n} {b / 1e9:.1f} GB/s" for n, b in triads.items()))
    head = f"{'benchmark':32s} {'steps/s':>10s} {'GB/s':>7s}" + "".join(
        f" {'% ' + n.split('/')[1]:>9s}" for n in triads)
    print(head)
    for name, e in runs.items():
        if name.startswith("BM_Triad/"):
            continue
        bps = e.get("bytes_per_second", 0.0)
        shares = "".join(f" {100 * bps / b:8.1f}%" for b in triads.values())
        print(f"{name:32s} {rate(e.get('items_per_second', 0.0)):>10s} {bps / 1e9:7.2f}{shares}")

    for size in ("1048576", "4096"):
        batch = runs.get(f"BM_Morin2005Batch/{size}")
        naive = runs.get(f"BM_Morin2005Naive/{size}")
        if batch and naive:
            print(f"morin2005, {size} steps: batch kernel "
                  f"{batch['items_per_second'] / naive['items_per_second']:.2f}x the naive loop")
    for name, e in runs.items():
        stem, _, size = name.partition("/")
        small = runs.get(f"{stem}/4096")
        if size == "1048576" and small and "items_per_second" in e:
            print(f"{stem}: 1M steps run at {100 * e['items_per_second'] / small['items_per_second']:.0f}% "
                  "of the in-cache (4096-step) rate")
    baseline = triads.get("BM_Triad/1048576")
    if baseline:
        for name, e in runs.items():
            if name.split("/")[0] in CLOSED_FORM and name.endswith("/1048576"):
                share = e["bytes_per_second"] / baseline
                verdict = "met" if share >= TARGET_SHARE_OF_TRIAD else "missed"
                print(f"{name}: {100 * share:.0f}% of BM_Triad/1048576 "
                      f"(target {100 * TARGET_SHARE_OF_TRIAD:.0f}%: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
