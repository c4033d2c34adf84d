/// @file
/// Uncertainty bands on fitness, fatigue, form and tissue damage from two sources:
///
/// 1. **Per-step model error.** strideload's loads come from a per-step GRF model whose error
///    against measured force is known from the measured-force benchmark (README, "Measured
///    force vs models": clark2017's peak vertical force is +5.9 % biased with a 1.9 % SD over
///    the bundled Fukuchi et al. 2017 runners). With a relative error e = (model − measured) /
///    measured in [bias − z·SD, bias + z·SD], the measured peak is model / (1 + e), and a daily
///    load that scales as peak^p (p = 1 for sums of peaks or impulse, p = k for Miner-equivalent
///    cycles) scales by (1 + e)^(−p). The band is for the *measured* (true) value: with a bias
///    larger than z·SD the model's own value lies outside it, which is what the benchmark says.
///    A per-runner error is systematic over a day's thousands of steps, so it is not averaged
///    down by √n.
/// 2. **Parameter ranges.** τ of fitness and fatigue over published fitted values (Banister et
///    al. 1975: 45 and 15 d; Morton, Fitz-Clarke & Banister 1990: about 42–50 and 11–12 d;
///    Clarke & Skiba 2013's fitted cyclist: 35.8 and 21.3 d; the chart's 42/7 d), and the repair
///    time of Taylor et al. 2004 (18.5 ± 12.5 d, so 6–31 d).
///
/// Each band is the pointwise minimum and maximum over a grid of the sources (the two ends of
/// the load factor × low, default and high τ of each time constant). Form's band is taken over
/// form itself, not the difference of the fitness and fatigue bands. The S–N exponent's range
/// (bone 6.6–7) enters by recomputing the daily equivalent cycles with each exponent and
/// calling damage_bands for each.
#pragma once

#include <algorithm>
#include <cmath>
#include <span>
#include <vector>

#include "strideload/error.hpp"
#include "strideload/recovery/damage.hpp"
#include "strideload/recovery/fitness_fatigue.hpp"

namespace strideload::recovery {

/// Error and parameter ranges to propagate (defaults: clark2017's benchmark error, published
/// τ ranges).
struct UncertaintyOptions {
    double peak_bias = 0.059;    ///< mean relative error of the per-step peak model, (−0.5, 0.5)
    double peak_sd = 0.019;      ///< SD of that relative error, [0, 0.5)
    double z = 1.96;             ///< half-width of the error interval in SDs, [0, 5]
    double load_exponent = 1.0;  ///< p: the daily load scales as peak^p, [0, 20]
    double fitness_tau_low_days = 35.0;   ///< lowest τ of fitness [days]
    double fitness_tau_high_days = 50.0;  ///< highest τ of fitness [days]
    double fatigue_tau_low_days = 5.0;    ///< lowest τ of fatigue [days]
    double fatigue_tau_high_days = 15.0;  ///< highest τ of fatigue [days]
    double repair_tau_low_days = 6.0;     ///< lowest repair time constant [days]
    double repair_tau_high_days = 31.0;   ///< highest repair time constant [days]

    /// @brief Throws Error naming the first option out of range.
    void validate() const {
        if (!(std::isfinite(peak_bias) && peak_bias > -0.5 && peak_bias < 0.5))
            throw Error("peak_bias", peak_bias, "finite and in (-0.5, 0.5)");
        if (!(std::isfinite(peak_sd) && peak_sd >= 0.0 && peak_sd < 0.5))
            throw Error("peak_sd", peak_sd, "finite and in [0, 0.5)");
        strideload::detail::require_in("z", z, 0.0, 5.0, "SD");
        strideload::detail::require_in("load_exponent", load_exponent, 0.0, 20.0, "");
        if (!(peak_bias - z * peak_sd > -1.0))
            throw Error("peak_sd", peak_sd, "small enough that 1 + bias - z sd > 0");
        auto range = [](const char* lo_name, double lo, const char* hi_name, double hi) {
            strideload::detail::require_in(lo_name, lo, 1.0, 1e6, "days");
            if (!(std::isfinite(hi) && hi >= lo && hi <= 1e6))
                throw Error(hi_name, hi, std::string(">= ") + lo_name + " and <= 1e6 days");
        };
        range("fitness_tau_low_days", fitness_tau_low_days, "fitness_tau_high_days",
              fitness_tau_high_days);
        range("fatigue_tau_low_days", fatigue_tau_low_days, "fatigue_tau_high_days",
              fatigue_tau_high_days);
        range("repair_tau_low_days", repair_tau_low_days, "repair_tau_high_days",
              repair_tau_high_days);
    }

    /// @return the two factors (1 + e)^(−p) at e = bias ± z·SD: {smaller, larger}
    std::pair<double, double> load_factors() const {
        const double a = std::pow(1.0 + peak_bias + z * peak_sd, -load_exponent);
        const double b = std::pow(1.0 + peak_bias - z * peak_sd, -load_exponent);
        return {std::min(a, b), std::max(a, b)};
    }
};

/// A pointwise band: low[d] ≤ value ≤ high[d].
struct Band {
    std::vector<double> low;   ///< lower edge per day
    std::vector<double> high;  ///< upper edge per day
};

/// Bands on fitness, fatigue and form [load unit].
struct FitnessFatigueBands {
    Band fitness;  ///< of fitness
    Band fatigue;  ///< of fatigue
    Band form;     ///< of form
};

namespace detail {
inline void widen(Band& b, std::span<const double> v) {
    if (b.low.empty()) {
        b.low.assign(v.begin(), v.end());
        b.high.assign(v.begin(), v.end());
        return;
    }
    for (std::size_t i = 0; i < v.size(); ++i) {
        b.low[i] = std::min(b.low[i], v[i]);
        b.high[i] = std::max(b.high[i], v[i]);
    }
}
}  // namespace detail

/// @brief Bands on fitness, fatigue and form from the model error and the τ ranges.
/// @param load daily load, finite, ≥ 0  @param options the chart's conventions (τ, decay, seeds)
/// @param uncertainty error and ranges; its τ ranges are widened to include options' τ
/// @return the three bands, each load.size() long [load unit]
/// @throws Error naming a bad load or option
inline FitnessFatigueBands fitness_fatigue_bands(std::span<const double> load,
                                                 const FitnessFatigueOptions& options,
                                                 const UncertaintyOptions& uncertainty = {}) {
    options.validate();
    uncertainty.validate();
    detail::require_loads(load, "load", -1);
    const auto [f_lo, f_hi] = uncertainty.load_factors();
    const double t1[3] = {std::min(uncertainty.fitness_tau_low_days, options.fitness_tau_days),
                          options.fitness_tau_days,
                          std::max(uncertainty.fitness_tau_high_days, options.fitness_tau_days)};
    const double t2[3] = {std::min(uncertainty.fatigue_tau_low_days, options.fatigue_tau_days),
                          options.fatigue_tau_days,
                          std::max(uncertainty.fatigue_tau_high_days, options.fatigue_tau_days)};
    FitnessFatigueBands bands;
    std::vector<double> scaled(load.size()), f(load.size()), a(load.size()), s(load.size());
    for (double factor : {f_lo, f_hi}) {
        for (std::size_t d = 0; d < load.size(); ++d) scaled[d] = load[d] * factor;
        for (double tau1 : t1)
            for (double tau2 : t2) {
                FitnessFatigueOptions o = options;
                o.fitness_tau_days = tau1;
                o.fatigue_tau_days = tau2;
                o.seed_fitness *= factor;
                o.seed_fatigue *= factor;
                fitness_fatigue_into(scaled, o, f, a, s);
                detail::widen(bands.fitness, f);
                detail::widen(bands.fatigue, a);
                detail::widen(bands.form, s);
            }
    }
    return bands;
}

/// Bands on Miner damage and on the fracture probability.
struct DamageBands {
    Band damage;                ///< damage left after repair [Miner fraction]
    Band fracture_probability;  ///< P_FRA after each day
};

/// @brief Bands on damage (load error × repair τ range) and fracture probability (load error).
/// @param equivalent_cycles daily N_eq at σ_ref, both feet, finite, ≥ 0
/// @param options fracture options (its `damage` gives N_f, f_limb and the default repair τ)
/// @param uncertainty error and ranges; set load_exponent to the S–N exponent k of N_eq
/// @return the two bands, each equivalent_cycles.size() long
/// @throws Error naming a bad day or option
inline DamageBands damage_bands(std::span<const double> equivalent_cycles,
                                const FractureOptions& options,
                                const UncertaintyOptions& uncertainty) {
    options.validate();
    uncertainty.validate();
    const auto [f_lo, f_hi] = uncertainty.load_factors();
    const double tau = options.damage.repair_tau_days;
    const double taus[3] = {std::min(uncertainty.repair_tau_low_days, tau), tau,
                            std::max(uncertainty.repair_tau_high_days, tau)};
    DamageBands bands;
    std::vector<double> scaled(equivalent_cycles.size()), inc(scaled.size()), d(scaled.size());
    for (double factor : {f_lo, f_hi}) {
        for (std::size_t i = 0; i < scaled.size(); ++i) scaled[i] = equivalent_cycles[i] * factor;
        for (double t : taus) {
            DamageOptions o = options.damage;
            o.repair_tau_days = t;
            damage_into(scaled, o, inc, d);
            detail::widen(bands.damage, d);
        }
        detail::widen(bands.fracture_probability, fracture_probability(scaled, options));
    }
    return bands;
}

}  // namespace strideload::recovery
