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

    valr_reference(fy)


def valr_reference(fy: np.ndarray) -> None:
    """VALR of the Fukuchi trial the way its README computes it (runs > 50 N longer than
    0.1 s, complete ones only; impact peak = first local max > 0.8 BW in the first 40 % of the
    run; t20/t80 = first samples >= 20 %/80 % of it), at 300 Hz and on the signal upsampled 10x
    (band-limited FFT resampling, and a cubic spline), where the sample grid no longer biases
    the 20-80 % secant. BW = 78.3 kg x 9.81 m/s^2, the README's."""
    import scipy.interpolate

    bw = 78.3 * 9.81

    def valr(f, fs):
        on = f > 50.0
        e = np.diff(on.astype(int))
        st, en = np.where(e == 1)[0] + 1, np.where(e == -1)[0] + 1
        if on[0]:
            en = en[1:]
        out = []
        for a, b in zip(st[: len(en)], en):
            if (b - a) / fs <= 0.1:
                continue
            seg = f[a:b] / bw
            pk = next((i for i in range(1, int(0.4 * len(seg)))
                       if seg[i] > seg[i - 1] and seg[i] >= seg[i + 1] and seg[i] > 0.8), None)
            if pk is None:
                continue
            i20 = int(np.argmax(seg[: pk + 1] >= 0.2 * seg[pk]))
            i80 = int(np.argmax(seg[: pk + 1] >= 0.8 * seg[pk]))
            out.append((seg[i80] - seg[i20]) * fs / (i80 - i20))
        return np.mean(out), len(out)

    up = 10
    fft = sig.resample(fy, len(fy) * up)
    spline = scipy.interpolate.CubicSpline(np.arange(len(fy)), fy)(np.arange(len(fy) * up) / up)
    print("// VALR mean [BW/s] of complete stances: 300 Hz samples; 3 kHz FFT-resampled; "
          "3 kHz cubic spline")
    print(f"// {valr(fy, 300.0)} {valr(fft, 3000.0)} {valr(spline, 3000.0)}")


if __name__ == "__main__":
    main()
