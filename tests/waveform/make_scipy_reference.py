#!/usr/bin/env python3
"""Reference values for tests/waveform/test_butterworth.cpp, computed with scipy.

Run with Debian's interpreter (scipy 1.10.1, numpy 1.24.2 when the values were generated):

    /usr/bin/python3 tests/waveform/make_scipy_reference.py

It prints C++ initialisers that were pasted into the test unchanged: the coefficients of
scipy.signal.butter for a few designs, and samples of scipy.signal.filtfilt / lfilter on the
vertical force (Fy) of the bundled Fukuchi et al. 2017 trial, raw and tiled 40 times (the long
signal takes strideload's block-parallel path). Nothing here uses strideload.
"""

from __future__ import annotations

import os

import numpy as np
import scipy
import scipy.signal as sig

HERE = os.path.dirname(os.path.abspath(__file__))
TRIAL = os.path.join(HERE, "..", "data", "fukuchi2017", "RBDS0041runT252forces.txt")


def cxx(values) -> str:
    return "{" + ", ".join(f"{v:.17g}" for v in values) + "}"


def main() -> None:
    print(f"// scipy {scipy.__version__}, numpy {np.__version__}")
    designs = [(4, 30.0, 300.0, "low"), (4, 30.0, 1000.0, "low"), (2, 6.0, 100.0, "low"),
               (8, 50.0, 1000.0, "low"), (3, 20.0, 1000.0, "low"), (4, 30.0, 300.0, "high"),
               (5, 1.0, 100.0, "high")]
    print("// scipy.signal.butter(order, cutoff_hz, btype, fs=rate_hz) -> (b, a)")
    for order, cutoff, rate, btype in designs:
        b, a = sig.butter(order, cutoff, btype=btype, fs=rate)
        print(f"{{{order}, {cutoff:g}, {rate:g}, {str(btype == 'high').lower()}, "
              f"{cxx(b)}, {cxx(a)}}},")

    fy = np.loadtxt(TRIAL, skiprows=1, usecols=2)
    b, a = sig.butter(4, 30.0, fs=300.0)
    y = sig.filtfilt(b, a, fy)
    k = int(np.argmax(y))
    idx = [0, 1, 2, 100, 1234, 4500, 7777, len(fy) - 2, len(fy) - 1, k]
    print("// y = filtfilt(*butter(4, 30, fs=300), Fy); (index, y[index]); last = argmax")
    print("{" + ", ".join(f"{{{i}, {y[i]:.17g}}}" for i in idx) + "}")
    print(f"// max(y) = {y.max():.17g} at {k}; len = {len(fy)}")

    yl = sig.lfilter(b, a, fy)
    idx = [0, 1, 2, 3, 100, 4500, len(fy) - 1]
    print("// lfilter(*butter(4, 30, fs=300), Fy)")
    print("{" + ", ".join(f"{{{i}, {yl[i]:.17g}}}" for i in idx) + "}")

    long = np.tile(fy, 40)
    b, a = sig.butter(4, 30.0, fs=1000.0)
    y = sig.filtfilt(b, a, long)
    idx = [0, 1, 8999, 9000, 100000, 180000, 222222, 359990, len(long) - 1]
    print("// filtfilt(*butter(4, 30, fs=1000), np.tile(Fy, 40))")
    print("{" + ", ".join(f"{{{i}, {y[i]:.17g}}}" for i in idx) + "}")


if __name__ == "__main__":
    main()
