/// @file
/// Kernels of stance detection on plain doubles: the runs of a vertical ground reaction force
/// above a threshold, with hysteresis (on above `on_N`, off below `off_N`), and the
/// linearly interpolated times at which the force crosses those levels. The usual force-plate
/// contact criterion (a fixed threshold of 10–50 N; e.g. 50 N for a treadmill with belt noise)
/// as reviewed by Tirosh O, Sparrow WA (2003) "Identifying heel contact and toe-off using
/// forceplate thresholds with a range of digital-filter cutoff frequencies", J Appl Biomech
/// 19:178–184. Plain SI doubles, no Boost.Units.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "strideload/detail/kernel.hpp"

namespace strideload::detail {

/// One run of samples above the threshold: [begin, end), as the scan finds it.
struct ForceRun {
    std::ptrdiff_t begin, end;
};

/// Samples classified at a time by threshold_runs: a block that holds no sample able to
/// change the state is skipped after one vectorised test.
inline constexpr std::ptrdiff_t stance_scan_block = 32;

/// @brief Runs of @p f above @p on_N with hysteresis: a run starts at the first sample
/// > on_N and ends before the first later sample < off_N (off_N ≤ on_N). A signal that starts
/// above on_N starts inside a run (begin = 0); one that ends inside a run gives end = n.
/// Appends to @p runs.
/// @return −1, or the index of the first non-finite sample (runs are then incomplete)
STRIDELOAD_KERNEL inline std::ptrdiff_t threshold_runs(const double* f, std::ptrdiff_t n,
                                                       double on_N, double off_N,
                                                       std::vector<ForceRun>& runs) {
    constexpr std::ptrdiff_t B = stance_scan_block;
    constexpr double huge = 1.7976931348623157e308;
    bool on = false;
    std::ptrdiff_t begin = 0;
    auto step = [&](std::ptrdiff_t i) {
        if (!on) {
            if (f[i] > on_N) {
                on = true;
                begin = i;
            }
        } else if (f[i] < off_N) {
            on = false;
            runs.push_back({begin, i});
        }
    };
    std::ptrdiff_t i = 0;
    for (; i + B <= n; i += B) {
        std::int64_t above = 0, below = 0, bad = 0;
        for (std::ptrdiff_t j = 0; j < B; ++j) {
            const double v = f[i + j];
            above |= v > on_N;
            below |= v < off_N;
            bad |= !(std::abs(v) <= huge);
        }
        if (bad) break;
        if (on ? below == 0 : above == 0) continue;
        for (std::ptrdiff_t j = 0; j < B; ++j) step(i + j);
    }
    for (; i < n; ++i) {
        if (!std::isfinite(f[i])) return i;
        step(i);
    }
    if (on) runs.push_back({begin, n});
    return -1;
}

/// @brief Time [s] at which the force first exceeds @p on_N before sample @p begin, linearly
/// interpolated between samples begin − 1 (≤ on_N) and begin (> on_N); 0 when begin = 0.
inline double rise_time_s(const double* f, std::ptrdiff_t begin, double on_N, double rate_hz) {
    if (begin == 0) return 0.0;
    const double lo = f[begin - 1], hi = f[begin];
    const double u = std::min(std::max((on_N - lo) / (hi - lo), 0.0), 1.0);
    return (static_cast<double>(begin - 1) + u) / rate_hz;
}

/// @brief Time [s] at which the force falls below @p off_N after sample end − 1, linearly
/// interpolated between samples end − 1 (≥ off_N) and end (< off_N); the last sample's time
/// when end = n.
inline double fall_time_s(const double* f, std::ptrdiff_t end, std::ptrdiff_t n, double off_N,
                          double rate_hz) {
    if (end >= n) return static_cast<double>(n - 1) / rate_hz;
    const double hi = f[end - 1], lo = f[end];
    const double v = std::min(std::max((hi - off_N) / (hi - lo), 0.0), 1.0);
    return (static_cast<double>(end - 1) + v) / rate_hz;
}

}  // namespace strideload::detail
