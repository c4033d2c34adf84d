/// @file
/// Kernel of the per-stance force metrics on plain doubles (SI units; forces in N, times in
/// samples inside the kernel, converted at the end). A stance is seen as a polyline: the
/// touchdown point (lead samples before the first sample, force f_on), the samples, and the
/// take-off point (trail samples after the last, force f_off). Every time, integral and
/// crossing is taken on that polyline, so metrics do not jump by a sample period when the
/// threshold crossing moves between two samples. Definitions and sources are in
/// strideload/waveform/metrics.hpp.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>

namespace strideload::detail {

/// One stance as the metrics kernel sees it.
struct StanceSpan {
    const double* f = nullptr;         ///< vertical force of the stance's samples [N]
    const double* ap = nullptr;        ///< anterior-posterior force [N] or null
    std::ptrdiff_t n = 0;              ///< samples (≥ 1)
    double lead = 0.0;                 ///< samples from touchdown to f[0], in [0, 1]
    double trail = 0.0;                ///< samples from f[n−1] to take-off, in [0, 1]
    double f_on = 0.0, f_off = 0.0;    ///< vertical force at touchdown / take-off [N]
    double ap_on = 0.0, ap_off = 0.0;  ///< AP force at touchdown / take-off [N]
};

/// Parameters of the metrics (validated by the caller).
struct StanceMetricParams {
    double rate_hz;                 ///< [Hz]
    double bodyweight_N;            ///< m g [N]
    double impact_window_fraction;  ///< impact peak searched in this first share of contact
    double impact_min_bw;           ///< an impact peak must exceed this [BW]
    double landmark_fraction;       ///< fallback landmark, share of contact after touchdown
    double rate_from, rate_to;      ///< loading-rate window, shares of the landmark force
    double ap_sign;                 ///< +1: AP force positive = propulsive; −1: braking
    bool rate_at_samples = false;   ///< loading-rate window ends at samples, not crossings
};

/// Metrics of one stance, SI units. NaN where not defined.
struct StanceMetricValues {
    double contact_time_s;
    double impact_peak_N, impact_peak_time_s;
    double active_peak_N, active_peak_time_s;
    double valr_N_per_s, vilr_N_per_s;
    double vertical_impulse_Ns, mean_vertical_force_N;
    double braking_peak_N, braking_impulse_Ns, propulsive_peak_N, propulsive_impulse_Ns;
    int landmark;  ///< 0: impact peak, 1: force at landmark_fraction of contact
};

/// @brief Σ v[a..b), with four partial sums so that the additions overlap.
inline double sum_range(const double* v, std::ptrdiff_t a, std::ptrdiff_t b) {
    double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
    std::ptrdiff_t k = a;
    for (; k + 4 <= b; k += 4) {
        s0 += v[k];
        s1 += v[k + 1];
        s2 += v[k + 2];
        s3 += v[k + 3];
    }
    for (; k < b; ++k) s0 += v[k];
    return (s0 + s1) + (s2 + s3);
}

/// @brief Index of the first largest of sign × v[a..b) (a < b). The maximum is found first
/// without branches (four independent max chains), then its first position: noisy data would
/// make a compare-and-branch argmax mispredict.
inline std::ptrdiff_t argmax_range(const double* v, std::ptrdiff_t a, std::ptrdiff_t b,
                                   double sign = 1.0) {
    double top[4] = {sign * v[a], sign * v[a], sign * v[a], sign * v[a]};
    std::ptrdiff_t k = a + 1;
    for (; k + 4 <= b; k += 4) {
        for (int l = 0; l < 4; ++l) {
            const double x = sign * v[k + l];
            top[l] = x > top[l] ? x : top[l];
        }
    }
    for (; k < b; ++k) {
        const double x = sign * v[k];
        top[0] = x > top[0] ? x : top[0];
    }
    const double m0 = top[0] > top[1] ? top[0] : top[1];
    const double m1 = top[2] > top[3] ? top[2] : top[3];
    const double m = m0 > m1 ? m0 : m1;
    for (k = a; k < b; ++k)
        if (sign * v[k] == m) return k;
    return a;  // only with NaN in v, which the callers reject
}

/// The polyline of one force: point j = −1 is touchdown, 0..n−1 the samples, n take-off.
struct Polyline {
    const double* v;
    std::ptrdiff_t n;
    double lead, trail, v_on, v_off;

    double time(std::ptrdiff_t j) const {
        if (j < 0) return -lead;
        if (j >= n) return static_cast<double>(n - 1) + trail;
        return static_cast<double>(j);
    }
    double value(std::ptrdiff_t j) const {
        if (j < 0) return v_on;
        if (j >= n) return v_off;
        return v[j];
    }
    /// ∫ over the whole polyline [force · samples] (trapezoids).
    double integral() const {
        const double inner = sum_range(v, 0, n) - 0.5 * (v[0] + v[n - 1]);
        return inner + 0.5 * lead * (v_on + v[0]) + 0.5 * trail * (v[n - 1] + v_off);
    }
    /// Index j of the segment [j, j+1] holding time t (t within the polyline).
    std::ptrdiff_t segment(double t) const {
        if (t < 0.0) return -1;
        if (t >= static_cast<double>(n - 1)) return n - 1;
        return static_cast<std::ptrdiff_t>(t);
    }
    /// Value at time t, linearly interpolated.
    double at(double t) const {
        const std::ptrdiff_t j = segment(t);
        const double t0 = time(j), t1 = time(j + 1);
        if (!(t1 > t0)) return value(j + 1);
        return value(j) + (value(j + 1) - value(j)) * (t - t0) / (t1 - t0);
    }
    /// ∫ from touchdown to time t.
    double integral_until(double t) const {
        const std::ptrdiff_t j = segment(t);  // whole segments before j, then part of j
        double sum = 0.0;
        if (j >= 0) {
            sum = 0.5 * lead * (v_on + v[0]);
            if (j > 0) sum += sum_range(v, 0, j + 1) - 0.5 * (v[0] + v[j]);
        }
        const double t0 = time(j);
        return sum + 0.5 * (t - t0) * (value(j) + at(t));
    }
    /// First time ≥ touchdown at which the polyline reaches @p level (touchdown itself when
    /// it starts at or above it), searching up to point @p last; NaN when it never does.
    double first_reach(double level, std::ptrdiff_t last) const {
        if (value(-1) >= level) return time(-1);
        for (std::ptrdiff_t j = -1; j < last; ++j) {
            const double a = value(j), b = value(j + 1);
            if (b >= level) {
                const double t0 = time(j), t1 = time(j + 1);
                return t0 + (t1 - t0) * (level - a) / (b - a);
            }
        }
        return std::numeric_limits<double>::quiet_NaN();
    }
};

/// @brief Measures one stance: contact time, impact and active peaks, loading rates,
/// vertical impulse and mean force, braking and propulsive peaks and impulses (NaN without
/// an AP signal). See strideload/waveform/metrics.hpp for the definitions.
inline StanceMetricValues measure_stance_kernel(const StanceSpan& s, const StanceMetricParams& p) {
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    const double dt = 1.0 / p.rate_hz;
    const Polyline fz{s.f, s.n, s.lead, s.trail, s.f_on, s.f_off};
    const std::ptrdiff_t n = s.n;
    const double contact = static_cast<double>(n - 1) + s.lead + s.trail;  // [samples]
    StanceMetricValues r{};
    r.contact_time_s = contact * dt;
    const double impulse = fz.integral();
    r.vertical_impulse_Ns = impulse * dt;
    r.mean_vertical_force_N = contact > 0.0 ? impulse / contact : nan;

    // Impact peak: first local maximum above the floor within the impact window.
    const double window = p.impact_window_fraction * contact - s.lead;  // last sample time
    const double floor_N = p.impact_min_bw * p.bodyweight_N;
    std::ptrdiff_t impact = -1;
    for (std::ptrdiff_t k = 0; k < n && static_cast<double>(k) <= window; ++k) {
        const double v = s.f[k];
        if (!(v > floor_N)) continue;
        if (k == 0 && !(s.lead > 0.0)) continue;
        if (k == n - 1 && !(s.trail > 0.0)) continue;
        if (v > fz.value(k - 1) && v >= fz.value(k + 1)) {
            impact = k;
            break;
        }
    }
    double landmark_t, landmark_N;
    std::ptrdiff_t landmark_last;  // the loading-rate search stops at this point
    if (impact >= 0) {
        r.impact_peak_N = s.f[impact];
        r.impact_peak_time_s = (static_cast<double>(impact) + s.lead) * dt;
        r.landmark = 0;
        landmark_t = static_cast<double>(impact);
        landmark_N = s.f[impact];
        landmark_last = impact;
    } else {
        r.impact_peak_N = nan;
        r.impact_peak_time_s = nan;
        r.landmark = 1;
        landmark_t = p.landmark_fraction * contact - s.lead;
        landmark_N = fz.at(landmark_t);
        landmark_last = fz.segment(landmark_t) + 1;
    }

    // Loading rates between the first crossings of rate_from and rate_to × the landmark force.
    r.valr_N_per_s = nan;
    r.vilr_N_per_s = nan;
    if (p.rate_at_samples) {
        // The first samples at or above the two levels, and their values.
        const double lo = p.rate_from * landmark_N, hi = p.rate_to * landmark_N;
        std::ptrdiff_t k_lo = -1, k_hi = -1;
        for (std::ptrdiff_t k = 0; k <= std::min(landmark_last, n - 1); ++k) {
            if (k_lo < 0 && s.f[k] >= lo) k_lo = k;
            if (s.f[k] >= hi) {
                k_hi = k;
                break;
            }
        }
        if (landmark_N > 0.0 && k_lo >= 0 && k_hi > k_lo) {
            r.valr_N_per_s = (s.f[k_hi] - s.f[k_lo]) / static_cast<double>(k_hi - k_lo) * p.rate_hz;
            double vilr = -std::numeric_limits<double>::infinity();
            for (std::ptrdiff_t k = k_lo; k < k_hi; ++k) vilr = std::max(vilr, s.f[k + 1] - s.f[k]);
            r.vilr_N_per_s = vilr * p.rate_hz;
        }
    } else {
        const double t_lo = fz.first_reach(p.rate_from * landmark_N, landmark_last);
        const double t_hi = fz.first_reach(p.rate_to * landmark_N, landmark_last);
        if (landmark_N > 0.0 && t_hi > t_lo && t_hi <= landmark_t) {
            r.valr_N_per_s = (fz.at(t_hi) - fz.at(t_lo)) / (t_hi - t_lo) * p.rate_hz;
            double vilr = -std::numeric_limits<double>::infinity();
            for (std::ptrdiff_t j = fz.segment(t_lo); j <= fz.segment(t_hi) && j < n; ++j) {
                const double t0 = fz.time(j), t1 = fz.time(j + 1);
                if (!(t1 > t0) || t1 <= t_lo || t0 >= t_hi) continue;
                vilr = std::max(vilr, (fz.value(j + 1) - fz.value(j)) / (t1 - t0));
            }
            r.vilr_N_per_s = vilr * p.rate_hz;
        }
    }

    // Active peak: the largest sample after the impact peak (the whole stance without one).
    r.active_peak_N = nan;
    r.active_peak_time_s = nan;
    if (impact + 1 < n) {
        const std::ptrdiff_t best = argmax_range(s.f, impact + 1, n);
        r.active_peak_N = s.f[best];
        r.active_peak_time_s = (static_cast<double>(best) + s.lead) * dt;
    }

    // Braking then propulsion, with g = sign × AP (g > 0 propulsive).
    r.braking_peak_N = r.braking_impulse_Ns = r.propulsive_peak_N = r.propulsive_impulse_Ns = nan;
    if (s.ap != nullptr) {
        const double sg = p.ap_sign;
        const std::ptrdiff_t kb = argmax_range(s.ap, 0, n, -sg);  // most braking sample
        const double gmin = sg * s.ap[kb];
        const Polyline ap{s.ap, n, s.lead, s.trail, s.ap_on, s.ap_off};
        // Transition: where g first turns ≥ 0 after the braking peak (touchdown when there
        // is no braking, take-off when propulsion never starts).
        double tx = ap.time(-1);
        std::ptrdiff_t first_prop = 0;
        if (gmin < 0.0) {
            tx = ap.time(n);
            first_prop = n;
            for (std::ptrdiff_t j = kb; j < n; ++j) {
                const double a = sg * ap.value(j), b = sg * ap.value(j + 1);
                if (b >= 0.0) {
                    const double t0 = ap.time(j), t1 = ap.time(j + 1);
                    tx = t1 > t0 ? t0 + (t1 - t0) * (-a) / (b - a) : t1;
                    first_prop = j + 1;
                    break;
                }
            }
        }
        const double before = sg * ap.integral_until(tx), total = sg * ap.integral();
        r.braking_peak_N = std::max(0.0, -gmin);
        r.braking_impulse_Ns = 0.0 - before * dt;
        r.propulsive_impulse_Ns = (total - before) * dt;
        r.propulsive_peak_N =
            first_prop < n ? std::max(0.0, sg * s.ap[argmax_range(s.ap, first_prop, n, sg)]) : 0.0;
    }
    return r;
}

}  // namespace strideload::detail
