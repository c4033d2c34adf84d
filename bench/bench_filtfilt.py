#!/usr/bin/env python3
"""strideload's force-signal pipeline against scipy + numpy on the same signal, same process.

The signal is the bundled Fukuchi et al. (2017) treadmill trial (300 Hz vertical GRF, 30 s)
tiled to ``--seconds`` seconds (default 3600 s, 1.08 M samples at 300 Hz) or, with ``--rate-hz
1000``, resampled by linear interpolation to 1 kHz (3.6 M samples: "1 h at 1 kHz").

Both sides do the same two steps:

1. zero-phase 4th-order Butterworth low-pass at 30 Hz: ``strideload.filtfilt`` vs
   ``scipy.signal.butter`` + ``scipy.signal.filtfilt`` (default odd padding);
2. stance detection, 50 N threshold, contacts >= 0.1 s: ``strideload.detect_stances`` vs the
   usual numpy idiom (``np.diff`` of the above-threshold mask, then a duration filter).

The outputs are checked to agree first (filtered signal to 1e-9 relative to its peak, the same
stance boundaries); the script exits 1 if they do not. Then each side is timed ``--repeats``
times, alternating, and the medians and the ratio (scipy+numpy) / strideload are printed.
The ratio is reported, never asserted (shared machines are noisy). ``--quick`` is the smoke
run the test suite uses (10 s of signal, 3 repeats).

    PYTHONPATH=build/python /usr/bin/python3 bench/bench_filtfilt.py
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

import numpy as np
from scipy import signal

#: The target of the issue (printed, never asserted).
TARGET_RATIO = 3.0
THRESHOLD_N = 50.0
MIN_CONTACT_S = 0.1


def load_fukuchi(path: str) -> np.ndarray:
    """The vertical force column (Fy) of the bundled trial [N]."""
    return np.loadtxt(path, skiprows=1, usecols=2)


def make_signal(fy: np.ndarray, seconds: float, rate_hz: float) -> np.ndarray:
    """The 300 Hz trial tiled to ``seconds`` and, if ``rate_hz`` != 300, linearly resampled."""
    n300 = int(round(seconds * 300.0))
    tiled = np.resize(fy, n300)
    if rate_hz == 300.0:
        return np.ascontiguousarray(tiled)
    n = int(round(seconds * rate_hz))
    t = np.arange(n) / rate_hz
    return np.interp(t, np.arange(n300) / 300.0, tiled)


def numpy_pipeline(x: np.ndarray, rate_hz: float):
    b, a = signal.butter(4, 30.0, btype="low", fs=rate_hz)
    y = signal.filtfilt(b, a, x)
    above = y > THRESHOLD_N
    edges = np.diff(above.astype(np.int8))
    begin = np.flatnonzero(edges == 1) + 1
    end = np.flatnonzero(edges == -1) + 1
    # complete stances only: drop an end before the first begin and a trailing begin
    if end.size and begin.size and end[0] <= begin[0]:
        end = end[1:]
    begin = begin[: end.size]
    keep = (end - begin) >= MIN_CONTACT_S * rate_hz
    return y, begin[keep], end[keep]


def strideload_pipeline(sl, x: np.ndarray, rate_hz: float):
    y = sl.filtfilt(x, order=4, cutoff_hz=30.0, rate_hz=rate_hz)
    st = sl.detect_stances(y, rate_hz=rate_hz, threshold_N=THRESHOLD_N,
                           min_contact_s=MIN_CONTACT_S)
    complete = st[st["complete"]]
    return y, complete["begin"].to_numpy(), complete["end"].to_numpy()


def timed(fn, *args) -> float:
    t0 = time.perf_counter()
    fn(*args)
    return time.perf_counter() - t0


def main() -> int:
    here = os.path.dirname(os.path.abspath(__file__))
    default_data = os.path.join(here, "..", "tests", "data", "fukuchi2017",
                                "RBDS0041runT252forces.txt")
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", default=default_data)
    p.add_argument("--seconds", type=float, default=3600.0)
    p.add_argument("--rate-hz", type=float, default=1000.0)
    p.add_argument("--repeats", type=int, default=7)
    p.add_argument("--quick", action="store_true", help="10 s of signal, 3 repeats (smoke)")
    p.add_argument("--build-dir", help="adds BUILD_DIR/python to sys.path")
    args = p.parse_args()
    if args.quick:
        args.seconds, args.repeats = 10.0, 3
    if args.build_dir:
        sys.path.insert(0, os.path.join(args.build_dir, "python"))
    import strideload as sl

    x = make_signal(load_fukuchi(args.data), args.seconds, args.rate_hz)
    y_np, b_np, e_np = numpy_pipeline(x, args.rate_hz)
    y_sl, b_sl, e_sl = strideload_pipeline(sl, x, args.rate_hz)
    scale = float(np.max(np.abs(y_np)))
    err = float(np.max(np.abs(y_np - y_sl))) / scale
    if err > 1e-9:
        print(f"FAIL: filtfilt differs from scipy by {err:.3g} of the peak")
        return 1
    if not (np.array_equal(b_np, b_sl) and np.array_equal(e_np, e_sl)):
        print(f"FAIL: stances differ ({b_np.size} numpy vs {b_sl.size} strideload)")
        return 1
    print(f"agree: {x.size} samples at {args.rate_hz:g} Hz, {b_sl.size} stances, "
          f"filtfilt max |diff| {err:.2g} of peak")

    t_np, t_sl = [], []
    for _ in range(args.repeats):
        t_np.append(timed(numpy_pipeline, x, args.rate_hz))
        t_sl.append(timed(strideload_pipeline, sl, x, args.rate_hz))
    m_np, m_sl = statistics.median(t_np), statistics.median(t_sl)
    print(f"scipy+numpy  median {m_np * 1e3:9.2f} ms")
    print(f"strideload   median {m_sl * 1e3:9.2f} ms")
    print(f"ratio scipy+numpy / strideload = {m_np / m_sl:.2f}x (target >= {TARGET_RATIO:g}x, "
          f"median of {args.repeats}, same run)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
