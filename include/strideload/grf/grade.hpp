/// @file
/// Grade adjustment of the level-ground models' peaks, from Gottschall JS, Kram R (2005)
/// "Ground reaction forces during downhill and uphill running", J Biomech 38:445–452 (10
/// runners, 3 m/s, force treadmill on 0°, ±3°, ±6°, ±9°). Published at −9°: normal impact peak
/// +54 %, parallel braking peak +73 %; at +9°: parallel propulsive peak +75 %; the normal active
/// peak is unaffected by slope. We scale linearly in angle between 0° and ±9° and hold the
/// ±9° factors beyond (no extrapolation). Peaks the abstract gives no number for (impact and
/// braking uphill — the impact peak is reported absent at +9° — and propulsion downhill) are
/// left unchanged: an assumption, not a finding. Impulses are not changed.
#pragma once

#include <algorithm>
#include <cmath>
#include <span>

#include "strideload/grf/step_load.hpp"

namespace strideload::grf {

/// Multipliers of level-ground peaks at a slope.
struct GradeFactors {
    double impact_peak = 1.0;      ///< normal (vertical) impact peak
    double active_peak = 1.0;      ///< normal (vertical) active peak
    double braking_peak = 1.0;     ///< parallel braking peak
    double propulsive_peak = 1.0;  ///< parallel propulsive peak
};

/// Slope of Gottschall & Kram's extreme condition [°].
inline constexpr double gottschall_kram_max_angle_deg = 9.0;

/// @brief Gottschall & Kram (2005) peak multipliers at a grade.
/// @param grade rise over run (−0.1 = 10 % downhill), within ±0.45
/// @return factors: at −9° impact 1.54, braking 1.73; at +9° propulsive 1.75; active 1
inline GradeFactors gottschall_kram_2005(double grade) {
    strideload::detail::require_in("grade", grade, -strideload::detail::max_abs_grade,
                                   strideload::detail::max_abs_grade, "(rise over run)");
    const double deg = std::atan(grade) * 180.0 / strideload::detail::pi;
    const double s = std::clamp(deg / gottschall_kram_max_angle_deg, -1.0, 1.0);
    GradeFactors f;
    if (s < 0.0) {
        f.impact_peak = 1.0 + 0.54 * -s;
        f.braking_peak = 1.0 + 0.73 * -s;
    } else {
        f.propulsive_peak = 1.0 + 0.75 * s;
    }
    return f;
}

/// @brief A level-ground StepLoad adjusted to @p grade: impact, braking and propulsive peaks
/// scaled by gottschall_kram_2005; the peak vertical force becomes the larger of the active
/// and the scaled impact peak.
/// @param load level-ground result  @param grade rise over run  @param bodyweight m g [N]
inline StepLoad adjust_for_grade(StepLoad load, double grade, Force bodyweight) {
    const GradeFactors f = gottschall_kram_2005(grade);
    if (load.impact_peak_force) {
        *load.impact_peak_force *= f.impact_peak;
        if (*load.impact_peak_force > load.peak_vertical_force)
            load.peak_vertical_force = *load.impact_peak_force;
    }
    if (load.peak_braking_force) *load.peak_braking_force *= f.braking_peak;
    if (load.peak_propulsive_force) *load.peak_propulsive_force *= f.propulsive_peak;
    load.peak_vertical_force_bw = (load.peak_vertical_force / bodyweight).value();
    return load;
}

/// @brief Batch form of adjust_for_grade over the columns of @p out that are present.
/// @param out a model's batch result, adjusted in place (left unchanged when this throws)
/// @param grade rise over run per step (same length as the batch), or one value for all
/// @throws Error naming `grade[i]` when a grade is outside ±0.45 or not finite, or `grade`
///         when the length matches neither 1 nor the batch
inline void adjust_for_grade(StepBatch& out, std::span<const double> grade) {
    const auto n = out.peak_vertical_force_N.size();
    if (!(grade.size() == 1 || static_cast<Eigen::Index>(grade.size()) == n))
        throw Error("grade", static_cast<double>(grade.size()),
                    "one value or an array of the same length as the steps");
    for (std::size_t i = 0; i < grade.size(); ++i)
        strideload::detail::require_in(
            strideload::detail::indexed("grade", grade.size() == 1 ? -1L : long(i)).c_str(),
            grade[i], -strideload::detail::max_abs_grade, strideload::detail::max_abs_grade,
            "(rise over run)");
    auto scale = [](Eigen::VectorXd& col, Eigen::Index i, double f) {
        if (col.size() > i) col[i] *= f;
    };
    for (Eigen::Index i = 0; i < n; ++i) {
        const double g = grade.size() == 1 ? grade[0] : grade[static_cast<std::size_t>(i)];
        if (g == 0.0) continue;
        const GradeFactors f = gottschall_kram_2005(g);
        scale(out.impact_peak_force_N, i, f.impact_peak);
        scale(out.peak_braking_force_N, i, f.braking_peak);
        scale(out.peak_propulsive_force_N, i, f.propulsive_peak);
        if (out.impact_peak_force_N.size() > i &&
            out.impact_peak_force_N[i] > out.peak_vertical_force_N[i]) {
            // The impact peak now leads; the bodyweight column follows the force column.
            out.peak_vertical_force_bw[i] *=
                out.impact_peak_force_N[i] / out.peak_vertical_force_N[i];
            out.peak_vertical_force_N[i] = out.impact_peak_force_N[i];
        }
    }
}

}  // namespace strideload::grf
