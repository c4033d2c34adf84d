/// @file
/// Kernel of the sine-wave model of Morin JB, Dalleau G, Kyröläinen H, Jeannin T, Belli A
/// (2005) "A simple method for measuring stiffness during running", J Appl Biomech 21:167–180,
/// Eqs 4–9, on SI doubles:
///   (4) F(t) = Fmax sin(π t / tc)                (6) Fmax = m g (π/2) (tf/tc + 1)
///   (7) Δyc = Fmax tc² / (m π²) − g tc² / 8       (5) k_vert = Fmax / Δyc
///   (9) ΔL = L − √(L² − (v tc / 2)²) + Δyc        (8) k_leg = Fmax / ΔL
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>

#include "strideload/detail/kernel.hpp"

namespace strideload::detail {

inline constexpr double pi = 3.141592653589793238462643383279502884;

/// @brief Eq. 6 in bodyweights: Fmax / (m g) = (π/2)(tf/tc + 1). @param contact_time_s [s]
/// @param flight_time_s [s]
inline double morin2005_peak_bw(double contact_time_s, double flight_time_s) {
    return pi / 2.0 * (flight_time_s + contact_time_s) / contact_time_s;
}

/// @brief Eq. 7, Δyc = Fmax tc²/(m π²) − g tc²/8, written with Fmax/m = g × peak_bw (one
/// division fewer). @param g [m/s²] @param contact_time_s [s] @param peak_bw Eq. 6 [BW]
/// @return CoM displacement [m]
inline double morin2005_com_displacement_m(double g, double contact_time_s, double peak_bw) {
    return g * contact_time_s * contact_time_s * (peak_bw / (pi * pi) - 0.125);
}

/// @brief Morin 2005 batch kernel (Eqs 4–9). Mean force and impulse follow from Eq. 4:
/// F̄ = (2/π) Fmax, J = (2/π) Fmax tc = m g (tc + tf).
/// @param n steps  @param mass_kg [kg]  @param speed_m_s [m/s]  @param contact_time_s [s]
/// @param flight_time_s [s]  @param leg_length_m [m]  @param g [m/s²]
/// @param peak_N [N]  @param peak_bw [BW]  @param mean_N [N]  @param impulse_Ns [N·s]  @param
/// com_displacement_m [m]
/// @param vertical_stiffness_N_per_m [N/m]  @param leg_compression_m [m]
/// @param leg_stiffness_N_per_m [N/m]: outputs, n each
/// @return false when some input is outside the domain (including leg ≤ v·tc/2)
STRIDELOAD_KERNEL inline bool morin2005_kernel(
    std::size_t n, const double* __restrict mass_kg, const double* __restrict speed_m_s,
    const double* __restrict contact_time_s, const double* __restrict flight_time_s,
    const double* __restrict leg_length_m, double g, double* __restrict peak_N,
    double* __restrict peak_bw, double* __restrict mean_N, double* __restrict impulse_Ns,
    double* __restrict com_displacement_m, double* __restrict vertical_stiffness_N_per_m,
    double* __restrict leg_compression_m, double* __restrict leg_stiffness_N_per_m) {
    constexpr double two_over_pi = 2.0 / pi;
    std::int64_t bad = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double m = mass_kg[i], v = speed_m_s[i], tc = contact_time_s[i];
        const double tf = flight_time_s[i], L = leg_length_m[i];
        const double half_sweep = 0.5 * v * tc;
        bad |= mass_outside(m);
        bad |= speed_outside(v);
        bad |= times_outside(tc, tf);
        bad |= leg_outside(L);
        bad |= !(L > half_sweep);
        const double weight = m * g;
        const double bw = morin2005_peak_bw(tc, tf);  // Eq. 6
        const double fmax = weight * bw;
        const double dy = morin2005_com_displacement_m(g, tc, bw);              // Eq. 7
        const double dl = L - std::sqrt(L * L - half_sweep * half_sweep) + dy;  // Eq. 9
        peak_N[i] = fmax;
        peak_bw[i] = bw;
        mean_N[i] = two_over_pi * fmax;
        impulse_Ns[i] = weight * (tc + tf);
        com_displacement_m[i] = dy;
        vertical_stiffness_N_per_m[i] = fmax / dy;  // Eq. 5
        leg_compression_m[i] = dl;
        leg_stiffness_N_per_m[i] = fmax / dl;  // Eq. 8
    }
    return bad == 0;
}

/// @brief Throws Error for the first step outside Morin's domain (shared domain plus the
/// leg-sweep condition); called only after the kernel reported one.
[[noreturn]] inline void throw_first_invalid_morin(std::size_t n, const double* mass_kg,
                                                   const double* speed_m_s,
                                                   const double* contact_time_s,
                                                   const double* flight_time_s,
                                                   const double* leg_length_m) {
    check_steps(n, mass_kg, speed_m_s, contact_time_s, flight_time_s, leg_length_m);
    for (std::size_t i = 0; i < n; ++i)
        validate_leg_sweep(n == 1 ? -1L : static_cast<long>(i), speed_m_s[i], contact_time_s[i],
                           leg_length_m[i]);
    throw_inputs_changed();
}

}  // namespace strideload::detail
