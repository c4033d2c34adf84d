/// @file
/// Strength & conditioning as a multiplier of injury risk — an evidence-based heuristic, not a
/// mechanical model.
///
/// Source: Lauersen, Andersen & Andersen 2018 (Br J Sports Med 52:1557), a meta-analysis of 6
/// randomised controlled trials (7,738 participants aged 12–40, 177 injuries) across sports:
/// strength training reduced sports injuries, cluster-adjusted intention-to-treat relative risk
/// RR = 0.338 (95 % CI 0.238–0.480), dose-dependently. It is not running-specific; the one
/// running RCT we know of (Toresdahl et al. 2020, marathon runners) found no significant
/// effect. Applying it to runners is an extrapolation.
///
///     dose     = min(1, weekly_strength_min / target_min_per_week)
///     multiplier = 1 − (1 − RR) · dose          (and the same with the CI ends)
///
/// so 0 min/week → 1 (no change), the target (80 min/week = 4 × 20 min, a protocol-typical
/// volume; an engineering choice, not a published threshold) or more → RR, and half the target
/// → half the reduction (a linear dose–response between none and the trials' dose; the 2018
/// paper reports dose dependence, not this line).
///
/// The multiplier scales risk outputs (e.g. FractureOptions::risk_multiplier of
/// fracture_probability), never the mechanical load: strength training does not change the
/// force of a foot strike in this library.
#pragma once

#include <algorithm>
#include <cmath>

#include "strideload/error.hpp"

namespace strideload::recovery {

/// Options of strength_risk_multiplier (Lauersen et al. 2018 defaults).
struct StrengthOptions {
    /// Weekly strength minutes at which the full effect is reached [min/week], (0, 10080].
    double target_min_per_week = 80.0;
    double relative_risk = 0.338;       ///< RR at the target (Lauersen 2018), (0, 2]
    double relative_risk_low = 0.238;   ///< lower end of its 95 % CI, (0, relative_risk]
    double relative_risk_high = 0.480;  ///< upper end of its 95 % CI, [relative_risk, 2]

    /// @brief Throws Error naming the first option out of range.
    void validate() const {
        strideload::detail::require_in_open_closed("target_min_per_week", target_min_per_week, 0.0,
                                                   10080.0, "min/week");
        strideload::detail::require_in_open_closed("relative_risk", relative_risk, 0.0, 2.0, "");
        strideload::detail::require_in_open_closed("relative_risk_low", relative_risk_low, 0.0,
                                                   relative_risk, "(at most relative_risk)");
        strideload::detail::require_in("relative_risk_high", relative_risk_high, relative_risk, 2.0,
                                       "(at least relative_risk)");
    }
};

/// The risk multiplier of a weekly strength dose, with its 95 % CI.
struct StrengthEffect {
    double dose_fraction;    ///< min(1, minutes / target), in [0, 1]
    double multiplier;       ///< 1 − (1 − RR) · dose
    double multiplier_low;   ///< with the CI's lower RR (the largest reduction)
    double multiplier_high;  ///< with the CI's upper RR (the smallest reduction)
};

/// @brief Injury-risk multiplier of a weekly strength & conditioning dose:
///        1 − (1 − RR) · min(1, minutes / target) (heuristic after Lauersen et al. 2018).
/// @param weekly_strength_min strength & conditioning minutes in the week [min/week],
///        finite, in [0, 10080]
/// @param options target dose and relative risks
/// @return dose fraction and the multiplier with its CI; multiply risk outputs by it
/// @throws Error naming the bad minutes or option
inline StrengthEffect strength_risk_multiplier(double weekly_strength_min,
                                               const StrengthOptions& options = {}) {
    options.validate();
    strideload::detail::require_in("weekly_strength_min", weekly_strength_min, 0.0, 10080.0,
                                   "min/week");
    const double dose = std::min(1.0, weekly_strength_min / options.target_min_per_week);
    auto at = [dose](double rr) { return 1.0 - (1.0 - rr) * dose; };
    return {dose, at(options.relative_risk), at(options.relative_risk_low),
            at(options.relative_risk_high)};
}

}  // namespace strideload::recovery
