/// @file
/// Kernels of the momentum-balance models on SI doubles: `impulse_balance` (Cavagna 1975;
/// Weyand et al. 2000) and the `constant_multiple` rule of thumb, whose mean and impulse are
/// the momentum-balance values. Over one steady step the vertical impulse of the contact
/// equals body weight × step time: ∫F dt = m g (tc + tf), so F̄ = m g (tc + tf) / tc.
#pragma once

#include <cstddef>
#include <cstdint>

#include "strideload/detail/kernel.hpp"

namespace strideload::detail {

/// @brief Impulse-balance batch kernel: mean contact force F̄ = m g (tc+tf)/tc, impulse
/// J = m g (tc+tf); the model's waveform is a square pulse, so its peak equals its mean.
/// @param n steps  @param mass_kg [kg]  @param contact_time_s [s]  @param flight_time_s [s]
/// @param g [m/s²]  @param peak_N [N], peak_bw [BW], mean_N [N], impulse_Ns [N·s]: outputs
/// @return false when some input is outside the domain (outputs are then unspecified)
STRIDELOAD_KERNEL inline bool impulse_balance_kernel(
    std::size_t n, const double* __restrict mass_kg, const double* __restrict contact_time_s,
    const double* __restrict flight_time_s, double g, double* __restrict peak_N,
    double* __restrict peak_bw, double* __restrict mean_N, double* __restrict impulse_Ns) {
    std::int64_t bad = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double m = mass_kg[i], tc = contact_time_s[i], tf = flight_time_s[i];
        bad |= mass_outside(m);
        bad |= times_outside(tc, tf);
        const double weight = m * g;
        const double bw = (tc + tf) / tc;
        impulse_Ns[i] = weight * (tc + tf);
        mean_N[i] = weight * bw;
        peak_N[i] = weight * bw;
        peak_bw[i] = bw;
    }
    return bad == 0;
}

/// @brief Constant-multiple batch kernel: peak = k m g; mean and impulse from momentum
/// balance (F̄ = m g (tc+tf)/tc, J = m g (tc+tf)), which hold for any steady step.
/// @param k peak in bodyweights  @param n, mass_kg, contact_time_s, flight_time_s, g and the
/// outputs as above
/// @return false when some input is outside the domain
STRIDELOAD_KERNEL inline bool constant_multiple_kernel(
    std::size_t n, const double* __restrict mass_kg, const double* __restrict contact_time_s,
    const double* __restrict flight_time_s, double g, double k, double* __restrict peak_N,
    double* __restrict peak_bw, double* __restrict mean_N, double* __restrict impulse_Ns) {
    std::int64_t bad = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double m = mass_kg[i], tc = contact_time_s[i], tf = flight_time_s[i];
        bad |= mass_outside(m);
        bad |= times_outside(tc, tf);
        const double weight = m * g;
        const double impulse = weight * (tc + tf);
        impulse_Ns[i] = impulse;
        mean_N[i] = impulse / tc;
        peak_N[i] = k * weight;
        peak_bw[i] = k;
    }
    return bad == 0;
}

}  // namespace strideload::detail
