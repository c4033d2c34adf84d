/// @file
/// Cumulative loading of many foot strikes, weighted the way bone fatigue weighs them: load
/// magnitude counts far more than the number of cycles.
///
/// - Daily stress stimulus (Carter, Fyhrie & Whalen 1987 J Biomech 20:785; Whalen, Carter &
///   Steele 1988 J Biomech 21:825; Beaupré, Orr & Carter 1990 J Orthop Res 8:651):
///   ψ = (Σᵢ nᵢ σᵢ^m)^(1/m), nᵢ cycles at load σᵢ, m = 4 by default (Whalen 1988 used 4; fits
///   of m range ≈ 3.5–8). With the peak vertical GRF of each step as the surrogate for σ
///   (as Whalen 1988 did), ψ has the load's unit (BW or N).
/// - Cumulative weighted peak force Σᵢ Fᵢ^k (Kiernan et al. 2018 J Biomech 73:201).
/// - Miner-equivalent cycles at a reference load: N_eq = Σᵢ nᵢ (Sᵢ/S_ref)^k, the number of
///   cycles at S_ref that do the same Palmgren–Miner damage under a Basquin S–N curve
///   N_f = C S^(−k) (bone: k ≈ 6.6, Carter & Caler 1985; 7–16 across tissues, Edwards 2018
///   Exerc Sport Sci Rev 46:224).
///
/// Inputs are loads and, optionally, how many cycles each stands for (empty = one each), so a
/// session's per-step peaks and a histogram of them give the same answer. Loads must be finite
/// and ≥ 0; counts finite and ≥ 0; exponents in [1, 20].
#pragma once

#include <cmath>
#include <span>
#include <string>

#include "strideload/error.hpp"

namespace strideload::load {

namespace detail {

/// @brief Σ nᵢ (loadᵢ · scale)^k over the pairs, after checking them.
inline double weighted_power_sum(std::span<const double> loads, std::span<const double> counts,
                                 double k, double scale, const char* exponent_name) {
    strideload::detail::require_in(exponent_name, k, 1.0, 20.0, "");
    if (!counts.empty() && counts.size() != loads.size())
        throw Error("counts", static_cast<double>(counts.size()),
                    "empty (one cycle per load) or the same length as loads (" +
                        std::to_string(loads.size()) + ")");
    double sum = 0.0;
    for (std::size_t i = 0; i < loads.size(); ++i) {
        const double s = loads[i];
        const double n = counts.empty() ? 1.0 : counts[i];
        if (!(std::isfinite(s) && s >= 0.0))
            throw Error("loads[" + std::to_string(i) + "]", s, "finite and >= 0");
        if (!(std::isfinite(n) && n >= 0.0))
            throw Error("counts[" + std::to_string(i) + "]", n, "finite and >= 0");
        sum += n * std::pow(s * scale, k);
    }
    return sum;
}

}  // namespace detail

/// @brief Daily stress stimulus ψ = (Σᵢ nᵢ σᵢ^m)^(1/m) (Carter et al. 1987; Whalen et al. 1988).
/// @param loads σᵢ, e.g. each step's peak vertical GRF [BW or N], finite, ≥ 0
/// @param counts nᵢ, cycles at each load (empty: one cycle per load)
/// @param m stress exponent, [1, 20]; 4 by default
/// @return ψ, in the unit of @p loads (0 for no cycles)
/// @throws Error naming the first bad load, count or the exponent
inline double stress_stimulus(std::span<const double> loads, std::span<const double> counts = {},
                              double m = 4.0) {
    return std::pow(detail::weighted_power_sum(loads, counts, m, 1.0, "m"), 1.0 / m);
}

/// @brief Cumulative weighted peak force Σᵢ nᵢ Fᵢ^k (Kiernan et al. 2018).
/// @param loads Fᵢ [BW or N], finite, ≥ 0  @param counts nᵢ (empty: one each)
/// @param k weighting exponent, [1, 20]
/// @return Σ nᵢ Fᵢ^k, in the unit of @p loads to the power k
inline double cumulative_weighted_peak(std::span<const double> loads, double k,
                                       std::span<const double> counts = {}) {
    return detail::weighted_power_sum(loads, counts, k, 1.0, "k");
}

/// @brief Miner-equivalent cycles at a reference load: N_eq = Σᵢ nᵢ (Sᵢ/S_ref)^k.
/// @param loads Sᵢ [BW or N], finite, ≥ 0  @param reference S_ref, same unit, > 0
/// @param k S–N exponent (bone ≈ 6.6–7), [1, 20]  @param counts nᵢ (empty: one each)
/// @return the number of cycles at S_ref doing the same fatigue damage [cycles]
/// @throws Error naming the first bad input
inline double equivalent_cycles(std::span<const double> loads, double reference, double k,
                                std::span<const double> counts = {}) {
    if (!(std::isfinite(reference) && reference > 0.0))
        throw Error("reference", reference, "finite and > 0 (same unit as the loads)");
    return detail::weighted_power_sum(loads, counts, k, 1.0 / reference, "k");
}

}  // namespace strideload::load
