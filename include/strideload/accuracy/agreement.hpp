/// @file
/// Agreement between a model (or a new method) and a reference measurement, per paired sample:
/// Bland–Altman bias, SD and limits of agreement (Bland JM, Altman DG (1986) "Statistical methods
/// for assessing agreement between two methods of clinical measurement", Lancet 327(8476):307–310;
/// the 1.96·SD limits of Bland & Altman (1999) Stat Methods Med Res 8:135–160), in the measured
/// unit and in percent of the measured value, mean absolute percentage error, the coefficient of
/// determination of the model as a predictor of the measurement and Pearson's r.
#pragma once

#include <cmath>
#include <cstddef>
#include <span>
#include <string>

#include "strideload/error.hpp"

namespace strideload::accuracy {

/// Agreement statistics of model − measured over the pairs where both are finite.
/// Percent errors are relative to the measured value: 100·(model − measured)/measured, over
/// the pairs whose measured value is not 0 (a stance with no braking phase has a braking peak
/// of 0: it counts in the absolute statistics, not in the percent ones).
struct Agreement {
    std::size_t n = 0;                ///< pairs used (both values finite)
    std::size_t n_missing = 0;        ///< pairs left out because either value is NaN/inf
    std::size_t n_zero_measured = 0;  ///< of the n pairs, those left out of the percent
                                      ///< statistics because the measured value is 0
    double measured_mean = NAN;       ///< mean measured value [unit of the inputs]
    double model_mean = NAN;          ///< mean model value [unit of the inputs]
    double bias = NAN;                ///< mean of model − measured [unit]
    double sd = NAN;                  ///< sample SD (n − 1) of model − measured [unit]
    double loa_low = NAN;             ///< bias − z·sd [unit]
    double loa_high = NAN;            ///< bias + z·sd [unit]
    double bias_pct = NAN;            ///< mean of the percent errors [%]
    double sd_pct = NAN;              ///< sample SD of the percent errors [%]
    double loa_low_pct = NAN;         ///< bias_pct − z·sd_pct [%]
    double loa_high_pct = NAN;        ///< bias_pct + z·sd_pct [%]
    double mape_pct = NAN;            ///< mean |percent error| [%]
    double r2 = NAN;  ///< 1 − Σ(measured − model)² / Σ(measured − mean)²; ≤ 1, < 0
                      ///< when the model predicts worse than the measured mean
    double pearson_r = NAN;  ///< Pearson correlation of model and measured
};

/// @brief Bland–Altman agreement of @p model against @p measured, pair by pair.
/// @param model model values [any unit]  @param measured reference values [same unit], ≠ 0
/// @param z limits-of-agreement multiplier: 1.96 (95 % under normality, Bland & Altman 1999)
///        or 2 as printed in Bland & Altman 1986
/// @return the statistics over the pairs where both values are finite: with one pair its
///         bias and percent error (SD, limits, r2 and r NaN), with none all NaN; r2 and
///         pearson_r NaN when the measured values do not vary
/// @throws Error when the lengths differ or z is not in (0, 10]
inline Agreement agreement(std::span<const double> model, std::span<const double> measured,
                           double z = 1.96) {
    if (model.size() != measured.size())
        throw Error("model", static_cast<double>(model.size()),
                    "the same length as measured (" + std::to_string(measured.size()) + ")");
    strideload::detail::require_in_open_closed("z", z, 0.0, 10.0, "");
    Agreement a;
    // Two passes (mean, then centred sums): accurate for the few thousand steps of a trial.
    double sum_d = 0, sum_p = 0, sum_abs_p = 0, sum_x = 0, sum_y = 0;
    for (std::size_t i = 0; i < model.size(); ++i) {
        const double y = model[i], x = measured[i];
        if (!std::isfinite(y) || !std::isfinite(x)) {
            ++a.n_missing;
            continue;
        }
        ++a.n;
        sum_d += y - x;
        sum_x += x;
        sum_y += y;
        if (x == 0.0) {
            ++a.n_zero_measured;
            continue;
        }
        const double p = 100.0 * (y - x) / x;
        sum_p += p;
        sum_abs_p += std::abs(p);
    }
    if (a.n == 0) return a;
    const double n = static_cast<double>(a.n);
    const double n_pct = static_cast<double>(a.n - a.n_zero_measured);
    a.bias = sum_d / n;
    a.measured_mean = sum_x / n;
    a.model_mean = sum_y / n;
    if (n_pct > 0) {
        a.bias_pct = sum_p / n_pct;
        a.mape_pct = sum_abs_p / n_pct;
    }
    if (a.n < 2) return a;
    double ss_d = 0, ss_p = 0, ss_res = 0, s_xx = 0, s_yy = 0, s_xy = 0;
    for (std::size_t i = 0; i < model.size(); ++i) {
        const double y = model[i], x = measured[i];
        if (!std::isfinite(y) || !std::isfinite(x)) continue;
        const double d = y - x - a.bias;
        const double dx = x - a.measured_mean, dy = y - a.model_mean;
        ss_d += d * d;
        ss_res += (x - y) * (x - y);
        s_xx += dx * dx;
        s_yy += dy * dy;
        s_xy += dx * dy;
        if (x != 0.0) {
            const double p = 100.0 * (y - x) / x - a.bias_pct;
            ss_p += p * p;
        }
    }
    a.sd = std::sqrt(ss_d / (n - 1.0));
    a.loa_low = a.bias - z * a.sd;
    a.loa_high = a.bias + z * a.sd;
    if (n_pct >= 2) {
        a.sd_pct = std::sqrt(ss_p / (n_pct - 1.0));
        a.loa_low_pct = a.bias_pct - z * a.sd_pct;
        a.loa_high_pct = a.bias_pct + z * a.sd_pct;
    }
    if (s_xx > 0.0) {
        a.r2 = 1.0 - ss_res / s_xx;
        if (s_yy > 0.0) a.pearson_r = s_xy / std::sqrt(s_xx * s_yy);
    }
    return a;
}

}  // namespace strideload::accuracy
