/// @file
/// Tissue damage and repair, and a stress-fracture probability in the form of Edwards, Taylor,
/// Rudolphi, Gillette & Derrick 2009 (Med Sci Sports Exerc 41:2177), computed from strideload's
/// daily Miner-equivalent cycles N_eq = Σ n (peak/σ_ref)^k (load/cumulative.hpp; a day's
/// `LoadTotals::equivalent_cycles`, k = 7 and σ_ref = 2.5 BW by default, steps of both feet).
///
/// **Damage and first-order repair** (Palmgren–Miner; repair as in Taylor & Kardas-type models):
///
///     inc_d = f_limb · N_eq,d / N_f                       (Miner fraction added on day d)
///     D_d   = D_{d−1} · e^(−1/τ) + inc_d                  (damage left after repair)
///
/// f_limb = 0.5 is each limb's share of the steps of both feet; N_f is the number of cycles to
/// failure at σ_ref (the Miner denominator); τ = 18.5 d is the mean time to repair of Taylor,
/// Casolari & Bignardi 2004 (J Orthop Res 22:487: 18.5 ± 12.5 d). After a single day's damage,
/// e^(−1) of it is left τ days later; a constant daily increment tends to inc/(1 − e^(−1/τ)).
///
/// **Fracture probability** (the form of Edwards et al. 2009, after Taylor & Kuiper 2001 J
/// Orthop Res 19:919 and Taylor et al. 2004; restated in Sinclair & Taylor 2023 Computation
/// 11:248 §2.4.4):
///
///     P_fA(t) = 1 − exp(−V · M(t)^w)           M(t) = accumulated (unrepaired) Miner damage
///     P_R(t)  = 1 − exp(−(t/t_r)^m)            probability that repair has happened by t
///     P_FRA(T) = ∫₀ᵀ (1 − P_R(t)) dP_fA/dt dt
///
/// For a constant daily load M(t) = t/t_f, t_f = N_f/(f_limb N_eq) days, which is Edwards'
/// P_fA = 1 − exp(−(V_s/V_s0)(t/t_f)^w). Here V = V_s/V_s0 is one number (the whole tibia as one
/// element group instead of Edwards' eight FE strain groups), the load is the peak vertical GRF
/// instead of the FE tibial strain, and periosteal adaptation (Edwards' 4 µm/day apposition) is
/// not modelled. t is counted from day 0 of the series, as in Edwards: the series is a training
/// regimen that starts on day 0 (Edwards and Sinclair & Taylor: 100 days). Because 1 − P_R(t)
/// falls to 0.07 by day 40, damage done after ~60 days adds almost nothing; run the model over
/// the regimen of interest, not over years of history.
///
/// Within a day the damage is taken to grow linearly; the integral is evaluated exactly in
/// P_fA and by the midpoint rule in 1 − P_R over 16 sub-steps per day.
///
/// **Constants and where they come from.** Edwards 2009's numeric constants (the fatigue
/// constant C of N_F = C Δε^(−n), the Weibull exponent w, V_s0, t_r and m) could not be
/// retrieved for this library (only the abstract, the form of the equations in Sinclair &
/// Taylor 2023, and n = 6.6 from Carter & Caler 1985 were seen). Therefore:
/// - repair_shape m = 1.50794 and repair_scale_days t_r = 20.5060 d are *derived here* from
///   Taylor et al. 2004's 18.5 ± 12.5 d by matching the Weibull mean and SD (repair_weibull());
///   they are not published values.
/// - weibull_shape w = 1 is *chosen*, not retrieved: the neutral value (P_fA = 1 − e^(−V M),
///   failure probability proportional to Miner damage while small; the scatter of bone fatigue
///   life is large, a CV of order 1, which is w ≈ 1). Effects of mileage and load scale as
///   (ratio)^w, so w is the constant that sets the size of every effect below.
/// - cycles_to_failure N_f = 1.55 × 10⁵ cycles at 2.5 BW (per limb) is *calibrated*, the one
///   calibrated constant: with w = 1, V = 1 and the repair above, 5 km/day for 100 days at a
///   2.5 BW peak with a 1.43 m step (3,497 steps/day, both feet) gives P_FRA(100) = 0.18, the
///   middle of Sinclair & Taylor 2023's 0.15–0.22 (Table 6, 5.0 km/day × 100 days).
///
/// **How it compares with what it was not calibrated on** (tests/recovery/test_damage.cpp):
/// more mileage and higher peaks raise P and a 10 % shorter stride (1.1 × cycles at 0.9 × peak)
/// lowers it, as Edwards 2009 found; but the sizes are larger than Edwards' (3 → 7 miles/day
/// +4 to +10 percentage points, shorter stride −3 to −6 points): with w = 1 and the calibration
/// above (2.5 BW, 1.43 m step), 3 → 7 miles/day is about +17 points and the shorter stride
/// −8 (3 miles/day) to −14 points (7 miles/day); across peaks of 2.2–2.8 BW P_FRA(100) at
/// 5 km/day spans about 0.08–0.34, leaving the published 0.05–0.25 above about 2.64 BW. GRF^7 is a
/// steeper proxy than Edwards' FE strain^6.6 with adaptation; a smaller w (≈ 0.5) would bring all
/// three inside the published ranges, but choosing it from them would make the comparison circular,
/// so it is left as a parameter.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "strideload/error.hpp"
#include "strideload/recovery/daily.hpp"

namespace strideload::recovery {

/// Options of the Miner damage–repair model.
struct DamageOptions {
    /// N_f, cycles to failure at the reference load of N_eq [cycles per limb] — the Miner
    /// denominator. Calibrated (see the file comment): 5 km/day × 100 days at 2.5 BW → P_FRA
    /// 0.18 (Sinclair & Taylor 2023, 0.15–0.22). In (0, 10¹²].
    double cycles_to_failure = 1.55e5;
    /// Share of the (both-feet) cycles each limb takes, (0, 1]. 0.5: steps alternate.
    double limb_fraction = 0.5;
    /// τ of the first-order repair [days], (0, 10⁶]: Taylor et al. 2004's mean time to repair
    /// (18.5 ± 12.5 d).
    double repair_tau_days = 18.5;

    /// @brief Throws Error naming the first option out of range.
    void validate() const {
        strideload::detail::require_in_open_closed("cycles_to_failure", cycles_to_failure, 0.0,
                                                   1e12, "cycles");
        strideload::detail::require_in_open_closed("limb_fraction", limb_fraction, 0.0, 1.0, "");
        strideload::detail::require_in_open_closed("repair_tau_days", repair_tau_days, 0.0, 1e6,
                                                   "days");
    }
};

/// Daily Miner damage: what each day adds, and what is left after repair.
struct DamageSeries {
    std::vector<double> increment;  ///< inc_d = f_limb N_eq,d / N_f [Miner fraction per day]
    std::vector<double> damage;     ///< D_d = D_{d−1} e^(−1/τ) + inc_d [Miner fraction]
};

namespace detail {

/// @brief Throws Error unless an output has the input's length.
inline void check_output_size(const char* field, std::size_t size, std::size_t days) {
    if (size != days)
        throw Error(field, static_cast<double>(size),
                    "the length of equivalent_cycles (" + std::to_string(days) + " days)");
}

}  // namespace detail

/// @brief Daily Miner damage and first-order repair, into caller-owned storage.
///
/// inc_d = f_limb N_eq,d / N_f;  D_d = D_{d−1} e^(−1/τ) + inc_d, D_{−1} = 0.
/// @param equivalent_cycles N_eq,d per day, both feet [cycles at σ_ref/day], finite, ≥ 0
/// @param options N_f, f_limb, τ
/// @param increment out: inc_d [Miner fraction/day], same length as the input
/// @param damage out: D_d [Miner fraction], same length as the input
/// @throws Error naming a bad option, the first bad day, or an output of the wrong length
inline void damage_into(std::span<const double> equivalent_cycles, const DamageOptions& options,
                        std::span<double> increment, std::span<double> damage) {
    options.validate();
    detail::require_loads(equivalent_cycles, "equivalent_cycles", -1,
                          "finite and >= 0 [cycles/day]");
    const std::size_t n = equivalent_cycles.size();
    detail::check_output_size("increment", increment.size(), n);
    detail::check_output_size("damage", damage.size(), n);
    const double per_cycle = options.limb_fraction / options.cycles_to_failure;
    const double keep = std::exp(-1.0 / options.repair_tau_days);
    double d = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        const double inc = per_cycle * equivalent_cycles[i];
        d = d * keep + inc;
        increment[i] = inc;
        damage[i] = d;
    }
}

/// @brief Daily Miner damage and first-order repair (see damage_into).
/// @param equivalent_cycles N_eq,d per day, both feet [cycles at σ_ref/day], finite, ≥ 0
/// @param options N_f, f_limb, τ
/// @return increment and damage per day [Miner fraction]
/// @throws Error naming a bad option or the first bad day
inline DamageSeries damage(std::span<const double> equivalent_cycles,
                           const DamageOptions& options = {}) {
    DamageSeries s{std::vector<double>(equivalent_cycles.size()),
                   std::vector<double>(equivalent_cycles.size())};
    damage_into(equivalent_cycles, options, s.increment, s.damage);
    return s;
}

/// @brief Ratio of Miner damage when the cycles and the load per cycle change:
///        (n′/n)(S′/S)^k. A 10 % shorter stride over the same distance (Edwards 2009):
///        1.1 × 0.9^7 = 0.526127.
/// @param cycles_ratio n′/n, finite, ≥ 0  @param load_ratio S′/S, finite, ≥ 0
/// @param k S–N exponent, [1, 20] (bone ≈ 6.6–7)
/// @return the damage ratio D′/D
/// @throws Error naming the bad argument
inline double damage_ratio(double cycles_ratio, double load_ratio, double k) {
    if (!(std::isfinite(cycles_ratio) && cycles_ratio >= 0.0))
        throw Error("cycles_ratio", cycles_ratio, "finite and >= 0");
    if (!(std::isfinite(load_ratio) && load_ratio >= 0.0))
        throw Error("load_ratio", load_ratio, "finite and >= 0");
    strideload::detail::require_in("k", k, 1.0, 20.0, "");
    return cycles_ratio * std::pow(load_ratio, k);
}

/// Shape and scale of a Weibull distribution of repair times.
struct RepairWeibull {
    double shape;       ///< m
    double scale_days;  ///< t_r [days]
};

/// @brief The Weibull repair-time distribution with a given mean and standard deviation
///        (moment matching: mean = t_r Γ(1 + 1/m), SD² = t_r² [Γ(1 + 2/m) − Γ(1 + 1/m)²]).
///        Taylor et al. 2004's 18.5 ± 12.5 d gives m = 1.50794, t_r = 20.5060 d.
/// @param mean_days mean repair time [days], (0, 10⁶]
/// @param sd_days its standard deviation [days], SD/mean in [0.03, 10]
/// @return m and t_r
/// @throws Error naming the bad argument
inline RepairWeibull repair_weibull(double mean_days, double sd_days) {
    strideload::detail::require_in_open_closed("mean_days", mean_days, 0.0, 1e6, "days");
    if (!(std::isfinite(sd_days) && sd_days >= 0.03 * mean_days && sd_days <= 10.0 * mean_days))
        throw Error("sd_days", sd_days, "finite and between 0.03 and 10 times mean_days");
    const double cv = sd_days / mean_days;
    auto cv_of = [](double m) {
        const double g1 = std::tgamma(1.0 + 1.0 / m), g2 = std::tgamma(1.0 + 2.0 / m);
        return std::sqrt(g2 / (g1 * g1) - 1.0);
    };
    double lo = 0.2, hi = 50.0;  // cv_of falls from ≈ 15.8 to ≈ 0.026
    for (int it = 0; it < 200 && hi - lo > 1e-13 * hi; ++it) {
        const double mid = 0.5 * (lo + hi);
        (cv_of(mid) > cv ? lo : hi) = mid;
    }
    const double m = 0.5 * (lo + hi);
    return {m, mean_days / std::tgamma(1.0 + 1.0 / m)};
}

/// Options of fracture_probability (Edwards et al. 2009 form; see the file comment for what
/// each constant's origin is).
struct FractureOptions {
    /// w, the Weibull exponent of fatigue life, (0, 20]. Chosen (1), not retrieved.
    double weibull_shape = 1.0;
    /// V = V_s/V_s0, the stressed volume over the reference volume, (0, 10⁶]. 1: the whole
    /// load is one reference volume.
    double volume_factor = 1.0;
    /// m, the Weibull exponent of repair time, (0, 20]; derived from Taylor et al. 2004's
    /// 18.5 ± 12.5 d (repair_weibull).
    double repair_shape = 1.50794;
    /// t_r, the Weibull scale of repair time [days], (0, 10⁶]; derived as repair_shape.
    double repair_scale_days = 20.5060;
    /// N_f and f_limb of the Miner damage (repair_tau_days is not used here: repair enters
    /// through P_R).
    DamageOptions damage;
    /// Multiplies the probability (e.g. strength_risk_multiplier()), [0, 100]; the result is
    /// capped at 1. Never a change of the mechanical load.
    double risk_multiplier = 1.0;

    /// @brief Throws Error naming the first option out of range.
    void validate() const {
        damage.validate();
        strideload::detail::require_in_open_closed("weibull_shape", weibull_shape, 0.0, 20.0, "");
        strideload::detail::require_in_open_closed("volume_factor", volume_factor, 0.0, 1e6, "");
        strideload::detail::require_in_open_closed("repair_shape", repair_shape, 0.0, 20.0, "");
        strideload::detail::require_in_open_closed("repair_scale_days", repair_scale_days, 0.0, 1e6,
                                                   "days");
        strideload::detail::require_in("risk_multiplier", risk_multiplier, 0.0, 100.0, "");
    }
};

/// @brief Cumulative stress-fracture probability P_FRA after each day, into caller-owned
///        storage, with an optional risk multiplier per day.
///
/// P_FRA(T) = ∫₀ᵀ (1 − P_R(t)) dP_fA/dt dt, P_fA = 1 − exp(−V M(t)^w), P_R = 1 − exp(−(t/t_r)^m),
/// M(t) the unrepaired Miner damage (growing linearly within a day; day d is t ∈ (d, d + 1]).
/// A day's multiplier r_d scales that day's contribution: P(T) = min(1, Σ_d r_d ΔP_FRA,d ·
/// risk_multiplier), so a constant multiplier multiplies the probability.
/// @param equivalent_cycles N_eq,d per day, both feet [cycles at σ_ref/day], finite, ≥ 0
/// @param options w, V, m, t_r, N_f, f_limb, risk multiplier
/// @param daily_risk_multiplier r_d per day in [0, 100], or empty (1 every day)
/// @param probability out: P_FRA after each day, in [0, 1], non-decreasing
/// @throws Error naming a bad option, the first bad day or multiplier, or a wrong length
inline void fracture_probability_into(std::span<const double> equivalent_cycles,
                                      const FractureOptions& options,
                                      std::span<const double> daily_risk_multiplier,
                                      std::span<double> probability) {
    options.validate();
    detail::require_loads(equivalent_cycles, "equivalent_cycles", -1,
                          "finite and >= 0 [cycles/day]");
    const std::size_t n = equivalent_cycles.size();
    if (!daily_risk_multiplier.empty())
        detail::check_output_size("daily_risk_multiplier", daily_risk_multiplier.size(), n);
    for (std::size_t i = 0; i < daily_risk_multiplier.size(); ++i)
        if (!(std::isfinite(daily_risk_multiplier[i]) && daily_risk_multiplier[i] >= 0.0 &&
              daily_risk_multiplier[i] <= 100.0))
            throw Error("daily_risk_multiplier[" + std::to_string(i) + "]",
                        daily_risk_multiplier[i], "finite and in [0, 100]");
    detail::check_output_size("probability", probability.size(), n);

    constexpr int sub = 16;  // sub-steps per day
    const double per_cycle = options.damage.limb_fraction / options.damage.cycles_to_failure;
    const double w = options.weibull_shape, v = options.volume_factor;
    const double m = options.repair_shape, tr = options.repair_scale_days;
    double miner = 0.0, p = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        const double inc = per_cycle * equivalent_cycles[i];
        if (inc > 0.0) {
            const double r = daily_risk_multiplier.empty() ? 1.0 : daily_risk_multiplier[i];
            double h_a = v * std::pow(miner, w);  // cumulative hazard V M^w at the sub-step start
            double day = 0.0;
            for (int j = 0; j < sub; ++j) {
                const double h_b = v * std::pow(miner + inc * (j + 1) / sub, w);
                // P_fA(b) − P_fA(a) = e^(−h_a) (1 − e^(−(h_b − h_a))), exact and cancellation-free
                const double d_pfa = std::exp(-h_a) * -std::expm1(-(h_b - h_a));
                const double t = static_cast<double>(i) + (j + 0.5) / sub;
                day += std::exp(-std::pow(t / tr, m)) * d_pfa;
                h_a = h_b;
            }
            p += r * day;
            miner += inc;
        }
        probability[i] = std::min(1.0, options.risk_multiplier * p);
    }
}

/// @brief Cumulative stress-fracture probability P_FRA after each day (see
///        fracture_probability_into).
/// @param equivalent_cycles N_eq,d per day, both feet [cycles at σ_ref/day], finite, ≥ 0
/// @param options w, V, m, t_r, N_f, f_limb, risk multiplier
/// @param daily_risk_multiplier r_d per day in [0, 100], or empty (1 every day)
/// @return P_FRA after each day, in [0, 1], non-decreasing
/// @throws Error naming a bad option or the first bad day or multiplier
inline std::vector<double> fracture_probability(
    std::span<const double> equivalent_cycles, const FractureOptions& options = {},
    std::span<const double> daily_risk_multiplier = {}) {
    std::vector<double> p(equivalent_cycles.size());
    fracture_probability_into(equivalent_cycles, options, daily_risk_multiplier, p);
    return p;
}

}  // namespace strideload::recovery
