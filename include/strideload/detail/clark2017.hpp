/// @file
/// Kernel of the two-mass model of Clark KP, Ryan LJ, Weyand PG (2017) "A general relationship
/// links gait mechanics and running ground reaction forces", J Exp Biol 220:247–258, on SI
/// doubles. The vertical GRF is the sum of two raised-cosine pulses:
///   impact of the lower limb, m1 = 0.08 m:  J1 = m1 (Δv1 + g Δt1), Δt1 = 2 t1,
///     F1(t) = (A1/2)[1 + cos(π (t − t1)/t1)] on [0, 2 t1], A1 = 2 J1/Δt1;
///   the rest of the body, J2 = J_T − J1 with J_T = m g (tc + ta) (momentum balance):
///     F2(t) = (A2/2)[1 + cos(π (t − B2)/C)], B2 = 0.47 tc, C = B2 before the peak and
///     tc − B2 after it, A2 = 2 J2 / tc.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "strideload/detail/kernel.hpp"
#include "strideload/detail/morin2005.hpp"

namespace strideload::detail {

/// Mass fraction of the impacting lower limb (foot + shank), Clark et al. 2017.
inline constexpr double clark_m1_fraction = 0.08;
/// Time of the active peak as a fraction of contact (Clark et al. 2017, after Cavagna 1997).
inline constexpr double clark_b2_fraction = 0.47;

/// Pulse amplitudes of one step of the two-mass model.
struct ClarkPulses {
    double a1_N, a2_N, t1_s, b2_s, tc_s;
};

/// @brief Amplitudes A1, A2 of the two pulses. @param m [kg] @param tc [s] @param ta aerial [s]
/// @param t1 time to peak impact deceleration [s] @param dv1 impact velocity change [m/s]
/// @param g [m/s²]
inline ClarkPulses clark2017_pulses(double m, double tc, double ta, double t1, double dv1,
                                    double g) {
    const double jt = m * g * (tc + ta);
    const double j1 = clark_m1_fraction * m * (dv1 + g * 2.0 * t1);
    return {j1 / t1, 2.0 * (jt - j1) / tc, t1, clark_b2_fraction * tc, tc};
}

/// @brief Vertical GRF F1 + F2 at time t after touchdown [N]. @param p pulses @param t [s]
inline double clark2017_force(const ClarkPulses& p, double t) {
    double f = 0.0;
    if (t >= 0.0 && t <= 2.0 * p.t1_s)
        f += 0.5 * p.a1_N * (1.0 + std::cos(pi * (t - p.t1_s) / p.t1_s));
    if (t >= 0.0 && t <= p.tc_s) {
        const double c = t <= p.b2_s ? p.b2_s : p.tc_s - p.b2_s;
        f += 0.5 * p.a2_N * (1.0 + std::cos(pi * (t - p.b2_s) / c));
    }
    return f;
}

/// @brief Peak of F1 + F2 and its time by dense sampling (20,001 points) then a local
/// golden-section refinement; used only when the impact pulse overlaps the active peak.
inline void clark2017_peak_numeric(const ClarkPulses& p, double& peak_N, double& time_s) {
    constexpr int samples = 20000;
    int best = 0;
    double best_f = -1.0;
    for (int k = 0; k <= samples; ++k) {
        const double f = clark2017_force(p, p.tc_s * k / samples);
        if (f > best_f) best_f = f, best = k;
    }
    double lo = p.tc_s * std::max(best - 1, 0) / samples;
    double hi = p.tc_s * std::min(best + 1, samples) / samples;
    const double r = (std::sqrt(5.0) - 1.0) / 2.0;
    for (int it = 0; it < 60; ++it) {
        const double x1 = hi - r * (hi - lo), x2 = lo + r * (hi - lo);
        if (clark2017_force(p, x1) >= clark2017_force(p, x2))
            hi = x2;
        else
            lo = x1;
    }
    time_s = 0.5 * (lo + hi);
    peak_N = std::max(clark2017_force(p, time_s), best_f);
}

/// @brief cos x for |x| ≤ 2π, branch-free so the batch loop vectorises (GCC vectorises
/// std::cos only under -ffast-math). cos x = sin z with z = |π − |x|| − π/2 ∈ [−π/2, π/2], and
/// sin z by its Taylor series to z²¹: truncation (π/2)²³/23! ≈ 1e-18, so the result is within
/// 2 ulp of 1 of std::cos.
inline double cos_poly(double x) {
    const double z = std::fabs(pi - std::fabs(x)) - 0.5 * pi;
    const double z2 = z * z;
    double p = 1.0 / 51090942171709440000.0;  // Horner in z² over (−1)^k / (2k+1)!, k = 10 … 0
    p = -1.0 / 121645100408832000.0 + z2 * p;
    p = 1.0 / 355687428096000.0 + z2 * p;
    p = -1.0 / 1307674368000.0 + z2 * p;
    p = 1.0 / 6227020800.0 + z2 * p;
    p = -1.0 / 39916800.0 + z2 * p;
    p = 1.0 / 362880.0 + z2 * p;
    p = -1.0 / 5040.0 + z2 * p;
    p = 1.0 / 120.0 + z2 * p;
    p = -1.0 / 6.0 + z2 * p;
    p = 1.0 + z2 * p;
    return z * p;
}

/// @brief Clark 2017 batch kernel.
/// @param n steps  @param mass_kg [kg]  @param contact_time_s [s]  @param flight_time_s aerial
/// time [s]  @param g [m/s²]  @param impact_time_s t1, touchdown to peak lower-limb
/// deceleration [s]  @param impact_velocity_change_m_s Δv1 of the lower limb [m/s]
/// @param peak_N [N] @param peak_bw [BW] @param mean_N [N] @param impulse_Ns [N·s]
/// @param impact_peak_N F(t1) [N]
/// @param time_of_peak_s [s]: outputs, n each
/// @return false when some input is outside the domain, 2 t1 ≥ tc, or the impact impulse J1
/// is not smaller than the step's m g (tc + ta)
STRIDELOAD_KERNEL inline bool clark2017_kernel(
    std::size_t n, const double* __restrict mass_kg, const double* __restrict contact_time_s,
    const double* __restrict flight_time_s, double g, double impact_time_s,
    double impact_velocity_change_m_s, double* __restrict peak_N, double* __restrict peak_bw,
    double* __restrict mean_N, double* __restrict impulse_Ns, double* __restrict impact_peak_N,
    double* __restrict time_of_peak_s) {
    const double t1 = impact_time_s, dv1 = impact_velocity_change_m_s;
    // Loop invariants, so that a step divides once, by tc: A1 = J1/t1 is m times a constant,
    // and t1/B2 = (t1/0.47)/tc.
    const double a1_per_kg = clark_m1_fraction * (dv1 + g * 2.0 * t1) / t1;
    const double t1_b2_tc = t1 / clark_b2_fraction;
    // J1 / (m g): A2 / (m g) = 2 ((tc + ta) − J1/(m g)) / tc needs no division by the mass.
    const double j1_per_weight = clark_m1_fraction * (dv1 + g * 2.0 * t1) / g;
    std::int64_t bad = 0;
    std::int64_t overlap = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double m = mass_kg[i], tc = contact_time_s[i], ta = flight_time_s[i];
        bad |= mass_outside(m);
        bad |= times_outside(tc, ta);
        bad |= !(2.0 * t1 < tc);
        bad |= !(j1_per_weight < tc + ta);  // else A2 < 0: the impact alone outweighs the step
        const double inv_tc = 1.0 / tc;
        const double weight = m * g;
        const double jt = weight * (tc + ta);
        const double a2_bw = 2.0 * (tc + ta - j1_per_weight) * inv_tc;
        const double a1 = a1_per_kg * m, a2 = weight * a2_bw;
        const double b2 = clark_b2_fraction * tc, t1_over_b2 = t1_b2_tc * inv_tc;
        // F2 at t1 and at the end of the impact pulse (both on F2's rising half when 2 t1 ≤ B2),
        // with cos(π (t − B2)/B2) = cos(π t/B2 − π).
        const double f2_t1 = 0.5 * a2 * (1.0 + cos_poly(pi * t1_over_b2 - pi));
        // F2(2 t1) = (A2/2)(1 − cos x), x = 2π t1/B2, bounded above by the alternating series
        // cut after a positive term: 1 − cos x ≤ x²/2 − x⁴/24 + x⁶/720 (|x| < 7).
        const double x2 = 4.0 * pi * pi * t1_over_b2 * t1_over_b2;
        const double f2_end = 0.5 * a2 * x2 * (0.5 + x2 * (-1.0 / 24.0 + x2 * (1.0 / 720.0)));
        // With the impact pulse over before B2 and F1 + F2 ≤ A1 + F2(2 t1) ≤ A2 on it, the
        // active peak is A2 at B2; anything else goes to the numeric path after the loop.
        overlap |= (2.0 * t1 > b2) | (a1 + f2_end > a2);
        peak_N[i] = a2;
        peak_bw[i] = a2_bw;
        time_of_peak_s[i] = b2;
        impact_peak_N[i] = a1 + f2_t1;
        mean_N[i] = jt * inv_tc;
        impulse_Ns[i] = jt;
    }
    if (bad == 0 && overlap) {
        for (std::size_t i = 0; i < n; ++i) {
            const ClarkPulses p =
                clark2017_pulses(mass_kg[i], contact_time_s[i], flight_time_s[i], t1, dv1, g);
            if (2.0 * t1 > p.b2_s || p.a1_N + clark2017_force(p, 2.0 * t1) > p.a2_N) {
                clark2017_peak_numeric(p, peak_N[i], time_of_peak_s[i]);
                peak_bw[i] = peak_N[i] / (mass_kg[i] * g);
            }
        }
    }
    return bad == 0;
}

/// @brief Throws Error for the first step outside Clark's domain (shared domain, 2 t1 < tc,
/// J1 < m g (tc + ta)); called only after the kernel reported one. Always throws.
[[noreturn]] inline void throw_first_invalid_clark(std::size_t n, const double* mass_kg,
                                                   const double* contact_time_s,
                                                   const double* flight_time_s, double g,
                                                   double impact_time_s,
                                                   double impact_velocity_change_m_s) {
    check_steps(n, mass_kg, nullptr, contact_time_s, flight_time_s, nullptr);
    const double j1_per_weight =
        clark_m1_fraction * (impact_velocity_change_m_s + g * 2.0 * impact_time_s) / g;
    for (std::size_t i = 0; i < n; ++i) {
        const long idx = n == 1 ? -1L : static_cast<long>(i);
        const double tc = contact_time_s[i], ta = flight_time_s[i];
        if (!(2.0 * impact_time_s < tc))
            throw Error(indexed("contact_time_s", idx), tc,
                        "> 2 x impact_time_s = " + std::to_string(2.0 * impact_time_s) + " s");
        if (!(j1_per_weight < tc + ta)) {
            std::ostringstream os;
            os << "small enough that the impact impulse 0.08 m (dv1 + 2 g t1) stays below the "
                  "step's impulse m g (tc + ta): needs tc + ta > "
               << j1_per_weight << " s, got " << tc + ta << " s";
            throw Error(indexed("impact_velocity_change_m_s", idx), impact_velocity_change_m_s,
                        os.str());
        }
    }
    throw_inputs_changed();
}

}  // namespace strideload::detail
