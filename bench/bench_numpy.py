#!/usr/bin/env python3
"""strideload's batch models against the same equations written in plain numpy.

Both run on the same n steps (default 1,048,576) in the same process. First the results are
checked to agree (``np.allclose``, rtol 1e-12): the script exits 1 if they do not. Then each
implementation is timed ``--repeats`` times (``time.perf_counter``; the two alternate so that
a noisy neighbour slows both alike) and the medians and their ratio numpy / strideload are
printed, for ``morin2005`` (Morin et al. 2005, Eqs 5-9) and ``impulse_balance``.

Both sides do the same work per call: read the input arrays, allocate fresh output arrays,
compute every quantity strideload returns (including ``peak_vertical_force_bw``). strideload
also checks every input against its domain; the numpy side does not.

Fresh output arrays cost a page fault per 4 KiB on first write, and under a VM that can take
longer than the arithmetic; the minor faults per call are printed beside the times. So the
timings run twice: with glibc's default heap ("fresh": big arrays come and go as fresh pages),
then with freed memory kept in the process ("kept", via mallopt), where both sides reuse warm
pages and the ratio is that of the computation alone, as in a long-running process.

``--quick`` (4096 steps, 3 repeats) is a smoke and agreement check for the test suite: it never
asserts a speed. Run with Debian's /usr/bin/python3 (it has numpy), e.g.

    /usr/bin/python3 bench/bench_numpy.py --build-dir build
    PYTHONPATH=build/python /usr/bin/python3 bench/bench_numpy.py --quick
"""

from __future__ import annotations

import argparse
import ctypes
import math
import os
import resource
import statistics
import sys
import time

import numpy as np

GRAVITY_M_S2 = 9.81
RTOL = 1e-12
#: The target the closed-form batch path is held to (printed, never asserted).
TARGET_RATIO = 5.0


def make_steps(n: int, seed: int) -> dict:
    """n realistic, varied steps, as in bench_grf.cpp: mass 50-90 kg, speed 2.5-6 m/s,
    contact 0.18-0.32 s capped at 1.5 L/v (faster steps are shorter, and the leg can always
    sweep the contact), flight 0.05-0.15 s, leg length 0.85-1.0 m."""
    rng = np.random.default_rng(seed)
    mass = rng.uniform(50.0, 90.0, n)
    speed = rng.uniform(2.5, 6.0, n)
    leg = rng.uniform(0.85, 1.0, n)
    flight = rng.uniform(0.05, 0.15, n)
    contact = rng.uniform(0.18, np.minimum(0.32, 1.5 * leg / speed))
    return dict(mass_kg=mass, speed_m_s=speed, contact_time_s=contact, flight_time_s=flight,
                leg_length_m=leg)


def morin2005_numpy(mass_kg, speed_m_s, contact_time_s, flight_time_s, leg_length_m,
                    g=GRAVITY_M_S2) -> dict:
    """Morin, Dalleau, Kyrolainen, Jeannin & Belli 2005, J Appl Biomech 21:167, Eqs 5-9."""
    m, v, tc, tf, leg = mass_kg, speed_m_s, contact_time_s, flight_time_s, leg_length_m
    weight = m * g
    fmax = weight * (math.pi / 2) * (tf / tc + 1.0)                 # Eq. 6
    tc2 = tc * tc
    dy = fmax * tc2 / (m * math.pi**2) - g * tc2 / 8.0              # Eq. 7
    half_sweep = v * tc / 2.0
    dl = leg - np.sqrt(leg * leg - half_sweep * half_sweep) + dy    # Eq. 9
    return {
        "peak_vertical_force_N": fmax,
        "mean_vertical_force_N": (2.0 / math.pi) * fmax,
        "vertical_impulse_Ns": weight * (tc + tf),
        "com_displacement_m": dy,
        "vertical_stiffness_N_per_m": fmax / dy,                    # Eq. 5
        "leg_compression_m": dl,
        "leg_stiffness_N_per_m": fmax / dl,                         # Eq. 8
        "peak_vertical_force_bw": fmax / weight,
    }


def impulse_balance_numpy(mass_kg, contact_time_s, flight_time_s, g=GRAVITY_M_S2,
                          **_unused) -> dict:
    """Momentum balance over a steady step: J = m g (tc + tf), mean = J / tc = peak."""
    weight = mass_kg * g
    impulse = weight * (contact_time_s + flight_time_s)
    mean = impulse / contact_time_s
    return {
        "peak_vertical_force_N": mean,
        "mean_vertical_force_N": mean,
        "vertical_impulse_Ns": impulse,
        "peak_vertical_force_bw": mean / weight,
    }


def disagreements(ours: dict, theirs: dict) -> list[str]:
    """Keys the numpy side computes that strideload lacks or gets differently."""
    problems = []
    for key, expected in theirs.items():
        got = ours.get(key)
        if got is None:
            problems.append(f"{key}: missing from strideload's result ({sorted(ours)})")
        elif got.shape != expected.shape or not np.allclose(got, expected, rtol=RTOL, atol=0.0):
            worst = np.max(np.abs(got - expected) / np.abs(expected)) if got.shape == \
                expected.shape else float("nan")
            problems.append(f"{key}: max relative difference {worst:.3g} > {RTOL:g}")
    return problems


def minor_faults() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def median_times(calls: dict, repeats: int) -> tuple[dict, dict]:
    """Median wall time [s] of each call over `repeats` runs, the calls interleaved, and the
    mean minor page faults per call. Results are dropped before the next call."""
    for call in calls.values():
        call()  # warm-up: lazy imports, first growth of the heap
    times = {name: [] for name in calls}
    faults = dict.fromkeys(calls, 0)
    for _ in range(repeats):
        for name, call in calls.items():
            f0 = minor_faults()
            start = time.perf_counter()
            result = call()
            times[name].append(time.perf_counter() - start)
            del result
            faults[name] += minor_faults() - f0
    return ({name: statistics.median(t) for name, t in times.items()},
            {name: f / repeats for name, f in faults.items()})


def keep_heap() -> bool:
    """Stop glibc returning freed memory to the OS (no trimming, no mmap for arrays under
    32 MiB), so fresh arrays reuse pages already faulted in. False where that is unavailable."""
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return False
    m_trim_threshold, m_mmap_threshold = -1, -3
    return bool(libc.mallopt(m_mmap_threshold, 32 << 20)) and \
        bool(libc.mallopt(m_trim_threshold, 1 << 30))


def import_strideload(build_dir: str | None):
    if build_dir is not None:
        sys.path.insert(0, os.path.join(os.path.abspath(build_dir), "python"))
    try:
        import strideload
    except ImportError as e:
        sys.exit(f"bench_numpy: cannot import strideload ({e}); pass --build-dir <build> or "
                 "set PYTHONPATH=<build>/python")
    return strideload


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build-dir", help="CMake build directory holding python/strideload "
                        "(default: use PYTHONPATH)")
    parser.add_argument("--quick", action="store_true",
                        help="4096 steps, 3 repeats, fresh heap: agreement and smoke check only")
    parser.add_argument("-n", "--steps", type=int, help="steps per batch (default 1048576)")
    parser.add_argument("--repeats", type=int, help="timed runs per implementation (default 15)")
    parser.add_argument("--seed", type=int, default=20050401)
    parser.add_argument("--heap", choices=("fresh", "kept", "both"),
                        help="time with glibc's default heap (fresh pages for big arrays), "
                        "with freed memory kept in the process (mallopt), or both in turn "
                        "(default: both; fresh with --quick)")
    args = parser.parse_args(argv)
    n = args.steps or (4096 if args.quick else 1 << 20)
    repeats = args.repeats or (3 if args.quick else 15)
    heap = args.heap or ("fresh" if args.quick else "both")

    sl = import_strideload(args.build_dir)
    steps = make_steps(n, args.seed)
    cases = {
        "morin2005": (morin2005_numpy, steps),
        "impulse_balance": (impulse_balance_numpy,
                            {k: steps[k] for k in ("mass_kg", "contact_time_s", "flight_time_s")}),
    }
    calls = {}
    for model, (numpy_impl, inputs) in cases.items():
        def ours(model=model, inputs=inputs):
            return sl.step_load_batch(model, gravity_m_s2=GRAVITY_M_S2, **inputs)

        def theirs(numpy_impl=numpy_impl, inputs=inputs):
            return numpy_impl(g=GRAVITY_M_S2, **inputs)

        calls[model] = {"strideload": ours, "numpy": theirs}

    print(f"strideload {sl.__version__} from {os.path.dirname(sl.__file__)}; numpy "
          f"{np.__version__}; {n} steps, median of {repeats}")
    failed = False
    for model, pair in calls.items():
        problems = disagreements(pair["strideload"](), pair["numpy"]())
        print(f"{model:16s} {'DISAGREE' if problems else 'agree'} (rtol {RTOL:g})")
        for p in problems:
            print(f"  {p}")
        failed |= bool(problems)
    if failed:
        return 1

    for mode in ("fresh", "kept") if heap == "both" else (heap,):
        if mode == "kept" and not keep_heap():
            print("heap kept: needs glibc's mallopt; skipped")
            continue
        for model, pair in calls.items():
            t, faults = median_times(pair, repeats)
            ratio = t["numpy"] / t["strideload"]
            verdict = "" if args.quick else \
                f"  target {TARGET_RATIO:g}x {'met' if ratio >= TARGET_RATIO else 'missed'}"
            print(f"heap {mode:5s} {model:16s} strideload {t['strideload'] * 1e3:8.3f} ms "
                  f"({n / t['strideload'] / 1e6:5.0f} M steps/s, {faults['strideload']:5.0f} "
                  f"faults/call)  numpy {t['numpy'] * 1e3:8.3f} ms ({faults['numpy']:5.0f} "
                  f"faults/call)  numpy/strideload {ratio:5.2f}{verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
