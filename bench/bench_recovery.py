#!/usr/bin/env python3
"""Fitness/fatigue/form of many athletes: strideload against pandas, and over dask.distributed.

(a) ``strideload.fitness_fatigue`` on a 2-D athlete x day array against what a pandas user
writes for the same numbers: a long table (athlete, day, load) and, per athlete,
``groupby("athlete")["load"].ewm(alpha=l, adjust=False).mean()`` twice (fitness with
l = 1 - exp(-1/42), fatigue with l = 1 - exp(-1/7): GoldenCheetah's convention and
strideload's default). pandas' ``adjust=False`` starts from the first value (y0 = x0) while
GoldenCheetah starts from 0 before day 0, so the pandas table has a rest day (load 0) prepended
to each athlete; the recurrences are then the same. The results are checked to agree first
(rtol 1e-12: the two round differently, ``(1-l) y + l x`` against ``y + l (x - y)``; the script
exits 1 if they do not). Then both are timed ``--repeats`` times, alternating, and the medians
and their ratio printed (target >= 5x; strideload also computes form, pandas does not). Data
preparation (the long table) is not timed.

(b) ``strideload.dask.fitness_fatigue_many`` on a LocalCluster of 1 worker and of 2 workers
(processes, one thread each; started before timing, warmed up with one call). Two workloads:

- ``fitness_fatigue_many`` itself. Each athlete-day is a few ns of arithmetic but 32 bytes sent
  through sockets (8 in, 24 back), so this measures dask's data movement, not the workers.
- A CPU-bound batch through ``map_athletes``: a sensitivity sweep of fitness_fatigue over a
  grid of time constants per chunk (``--sweep`` pairs of tau1, tau2), returning each
  athlete's lowest form over the last 28 days per pair: the same input is sent, hundreds of
  times more work is done on it, and little comes back.

The speed-up 1 worker -> 2 workers is printed for both (target >= 1.6x on 2 cores). Timings
are medians of ``--repeats``; a 2-core machine shared with other work gives noisy ratios. No
assertion is ever made on a time.

    PYTHONPATH=build/python /usr/bin/python3 bench/bench_recovery.py
    PYTHONPATH=build/python /usr/bin/python3 bench/bench_recovery.py --quick   # agreement only
"""

from __future__ import annotations

import argparse
import logging
import math
import statistics
import sys
import time
import warnings

import numpy as np
import pandas as pd

import strideload
import strideload.dask as sdask

RTOL = 1e-12
TARGET_PANDAS = 5.0
TARGET_DASK = 1.6
FITNESS_TAU_DAYS, FATIGUE_TAU_DAYS = 42.0, 7.0


def make_loads(athletes: int, days: int, seed: int = 20130101) -> np.ndarray:
    """Daily loads on a TSS-like scale (gamma, mean 80), about one rest day in four."""
    rng = np.random.default_rng(seed)
    x = rng.gamma(2.0, 40.0, size=(athletes, days))
    x[rng.random((athletes, days)) < 0.25] = 0.0
    return x


def long_table(x: np.ndarray) -> pd.DataFrame:
    """athlete, day, load rows, with a rest day -1 before each athlete's day 0 (the zero seed)."""
    athletes, days = x.shape
    padded = np.concatenate([np.zeros((athletes, 1)), x], axis=1)
    return pd.DataFrame({
        "athlete": np.repeat(np.arange(athletes), days + 1),
        "day": np.tile(np.arange(-1, days), athletes),
        "load": padded.ravel(),
    })


def pandas_fitness_fatigue(table: pd.DataFrame):
    """Fitness and fatigue per athlete with pandas' EWM (the timed pandas side)."""
    grouped = table.groupby("athlete")["load"]
    fitness = grouped.ewm(alpha=-math.expm1(-1.0 / FITNESS_TAU_DAYS), adjust=False).mean()
    fatigue = grouped.ewm(alpha=-math.expm1(-1.0 / FATIGUE_TAU_DAYS), adjust=False).mean()
    return fitness, fatigue


def as_matrix(series: pd.Series, shape) -> np.ndarray:
    """The groupby-EWM result (athlete, row) back to athlete x day, without the seed day."""
    values = series.sort_index().to_numpy().reshape(shape[0], shape[1] + 1)
    return values[:, 1:]


def median_time(func, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        func()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def alternate(funcs: dict, repeats: int) -> dict:
    """Median seconds of each function, the functions run in turn so that a noisy neighbour
    slows all alike."""
    times = {name: [] for name in funcs}
    for _ in range(repeats):
        for name, func in funcs.items():
            t = time.perf_counter()
            func()
            times[name].append(time.perf_counter() - t)
    return {name: statistics.median(t) for name, t in times.items()}


def compare_pandas(athletes: int, days: int, repeats: int) -> dict:
    x = make_loads(athletes, days)
    table = long_table(x)
    fit, fat, _ = strideload.fitness_fatigue(x)
    pd_fit, pd_fat = pandas_fitness_fatigue(table)
    for name, ours, theirs in (("fitness", fit, as_matrix(pd_fit, x.shape)),
                               ("fatigue", fat, as_matrix(pd_fat, x.shape))):
        if not np.allclose(ours, theirs, rtol=RTOL, atol=0.0):
            worst = np.max(np.abs(ours - theirs) / np.maximum(np.abs(theirs), 1e-300))
            print(f"(a) {name}: strideload and pandas disagree (max relative difference "
                  f"{worst:.3g} > {RTOL})", file=sys.stderr)
            sys.exit(1)
    worst = max(np.max(np.abs(fit - as_matrix(pd_fit, x.shape)) / np.maximum(fit, 1e-300)),
                np.max(np.abs(fat - as_matrix(pd_fat, x.shape)) / np.maximum(fat, 1e-300)))
    print(f"(a) {athletes} athletes x {days} days: strideload and pandas agree "
          f"(max relative difference {worst:.2g})")
    t = alternate({"strideload": lambda: strideload.fitness_fatigue(x),
                   "pandas": lambda: pandas_fitness_fatigue(table)}, repeats)
    print(f"    strideload.fitness_fatigue (2-D array)   {t['strideload'] * 1e3:9.1f} ms")
    print(f"    pandas groupby + ewm(adjust=False) x 2  {t['pandas'] * 1e3:9.1f} ms")
    return {"pandas / strideload": t["pandas"] / t["strideload"]}


# Time-constant grid of the sweep (GoldenCheetah's 42/7 inside it).
def sweep_grid(pairs: int):
    fitness = np.linspace(28.0, 56.0, max(1, pairs // 4))
    fatigue = np.linspace(5.0, 11.0, 4)
    return [(float(a), float(b)) for a in fitness for b in fatigue][:pairs]


def sweep_lowest_form(chunk: np.ndarray, grid, last_days: int = 28,
                      block: int = 64) -> np.ndarray:
    """Per athlete of the chunk, the lowest form of the last ``last_days`` days for each
    (fitness tau, fatigue tau) of the grid: athletes x len(grid). Blocks of ``block``
    athletes keep the temporary outputs in cache (and out of fresh pages: large fresh arrays
    would make this page-fault-bound rather than CPU-bound)."""
    out = np.empty((chunk.shape[0], len(grid)))
    for first in range(0, chunk.shape[0], block):
        rows = chunk[first:first + block]
        for j, (tau1, tau2) in enumerate(grid):
            _, _, form = strideload.fitness_fatigue(rows, fitness_tau_days=tau1,
                                                    fatigue_tau_days=tau2)
            out[first:first + block, j] = form[:, -last_days:].min(axis=1)
    return out


def compare_workers(athletes: int, days: int, sweep_athletes: int, pairs: int,
                    repeats: int) -> dict:
    from distributed import Client, LocalCluster

    import dask

    # distributed starts workers with MALLOC_TRIM_THRESHOLD_=65536, which also fixes glibc's
    # mmap threshold at 128 kB: every array over 128 kB is then fresh pages (a page fault per
    # 4 kB; ~5 us each on this VM), and the sweep's small temporaries became page-fault-bound.
    # Keep freed memory in the workers (as bench_numpy.py's "kept" runs do).
    dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": 268435456,
                     "distributed.nanny.pre-spawn-environ.MALLOC_MMAP_THRESHOLD_": 33554432})
    x = make_loads(athletes, days, seed=2)
    xs = make_loads(sweep_athletes, days, seed=3)
    grid = sweep_grid(pairs)
    reference = strideload.fitness_fatigue(x)
    sweep_reference = sweep_lowest_form(xs, grid)
    seconds = {}
    for workers in (1, 2):
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          dashboard_address=":0", silence_logs=logging.ERROR) as cluster, \
                Client(cluster) as client:
            def many():
                return sdask.fitness_fatigue_many(x, client=client)

            def sweep():
                return np.concatenate(sdask.map_athletes(sweep_lowest_form, xs, client=client,
                                                         grid=grid))

            for got, want in zip(many(), reference):  # warm-up and agreement
                np.testing.assert_array_equal(got, want)
            np.testing.assert_array_equal(sweep(), sweep_reference)
            seconds[workers] = (median_time(many, repeats), median_time(sweep, repeats))
    print(f"(b) fitness_fatigue_many, {athletes} athletes x {days} days "
          f"({x.nbytes / 1e6:.0f} MB in, {3 * x.nbytes / 1e6:.0f} MB out):")
    for workers in (1, 2):
        print(f"    {workers} worker(s) {seconds[workers][0] * 1e3:9.1f} ms")
    one = median_time(lambda: strideload.fitness_fatigue(x), repeats)
    print(f"    one process, no dask {one * 1e3:9.1f} ms")
    print(f"(b) tau sweep ({len(grid)} pairs) through map_athletes, {sweep_athletes} athletes x "
          f"{days} days:")
    for workers in (1, 2):
        print(f"    {workers} worker(s) {seconds[workers][1] * 1e3:9.1f} ms")
    return {"fitness_fatigue_many 1 -> 2 workers": seconds[1][0] / seconds[2][0],
            "tau sweep 1 -> 2 workers": seconds[1][1] / seconds[2][1]}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--athletes", type=int, default=5000, help="(a) athletes")
    parser.add_argument("--days", type=int, default=1095, help="days per athlete")
    parser.add_argument("--dask-athletes", type=int, default=20000,
                        help="(b) athletes for fitness_fatigue_many")
    parser.add_argument("--sweep-athletes", type=int, default=8000,
                        help="(b) athletes for the tau sweep")
    parser.add_argument("--sweep", type=int, default=32, help="(b) tau pairs in the sweep")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--quick", action="store_true",
                        help="small sizes, 1 repeat: agreement only, no speed judged")
    args = parser.parse_args(argv)
    if args.quick:
        args.athletes, args.days, args.dask_athletes = 50, 100, 40
        args.sweep_athletes, args.sweep, args.repeats = 40, 4, 1
    warnings.filterwarnings("ignore", message="make_current is deprecated")
    logging.getLogger("distributed").setLevel(logging.WARNING)

    ratios = compare_pandas(args.athletes, args.days, args.repeats)
    ratios.update(compare_workers(args.dask_athletes, args.days, args.sweep_athletes,
                                  args.sweep, args.repeats))
    targets = {"pandas / strideload": TARGET_PANDAS,
               "fitness_fatigue_many 1 -> 2 workers": TARGET_DASK,
               "tau sweep 1 -> 2 workers": TARGET_DASK}
    print()
    print(f"{'ratio':40s} {'measured':>9s} {'target':>8s}")
    for name, value in ratios.items():
        verdict = "" if args.quick else ("met" if value >= targets[name] else "missed")
        print(f"{name:40s} {value:8.2f}x {targets[name]:7.1f}x  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
