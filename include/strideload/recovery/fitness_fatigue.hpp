/// @file
/// Fitness, fatigue and form: two exponentially weighted averages of a daily training load and
/// their difference (the "performance-management chart"; Banister et al. 1975 Aust J Sports Med
/// 7:57 in its exponential-average form, as coded by GoldenCheetah and described by
/// TrainingPeaks):
///
///     fitness(d) = fitness(d−1) + λ₁ (load(d) − fitness(d−1))      λ₁ from τ₁ = 42 d
///     fatigue(d) = fatigue(d−1) + λ₂ (load(d) − fatigue(d−1))      λ₂ from τ₂ = 7 d
///     form(d)    = fitness(d−1) − fatigue(d−1)    (or of day d with `form_today`)
///     ramp(d)    = fitness(d) − fitness(d − 7)
///
/// Conventions are parameters, never silent:
/// - Decay::exponential, λ = 1 − e^(−1/τ): GoldenCheetah `PMCData::calculateMetrics`
///   (src/Metrics/PMCData.cpp at c0eac1dd), equal to the continuous-time exponential decay
///   sampled daily. 1 − e^(−1/42) = 0.0235283, 1 − e^(−1/7) = 0.1331221. The default.
/// - Decay::reciprocal, λ = 1/τ: TrainingPeaks' help text ("CTL_today = CTL_yesterday +
///   (TSS_today − CTL_yesterday) × 1/42").
/// - Form on day d is yesterday's fitness − fatigue by default (GoldenCheetah's default
///   "show SB today" off; TrainingPeaks describes the same): today's session does not change
///   today's form, it changes tomorrow's. `form_today` uses day d's values instead.
/// - The values on the day before the first (the seeds) are 0 unless set.
///
/// The load is any daily series a user brings (session-RPE, TRIMP, TSS, or strideload's
/// mechanical load such as `DayLoad::totals.equivalent_cycles / 100`); fitness and fatigue have
/// its unit, so form bands (e.g. −30 to −10) only make sense on a TSS-like scale where an hour of
/// hard training is about 100.
///
/// Many athletes: fitness_fatigue_batch over a row-major athlete × day matrix, the fast path
/// (rows are independent; four are advanced together so the two recurrences' latency overlaps).
#pragma once

#include <Eigen/Core>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "strideload/error.hpp"
#include "strideload/recovery/daily.hpp"

namespace strideload::recovery {

/// Row-major athlete × day matrix of daily values (one athlete per row, day 0 first).
using DayMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// How a time constant τ [days] becomes the daily weight λ of the newest load.
enum class Decay {
    exponential,  ///< λ = 1 − e^(−1/τ) (GoldenCheetah; exact daily sampling of e^(−t/τ))
    reciprocal,   ///< λ = 1/τ (TrainingPeaks' simple exponential moving average)
};

/// @brief Daily weight λ of the newest load for a time constant.
/// @param tau_days τ [days], in [1, 10⁶]  @param decay the convention
/// @param field the name to report τ under
/// @return λ in (0, 1]
/// @throws Error if τ is not finite or outside [1, 10⁶] days
inline double decay_weight(double tau_days, Decay decay, const char* field = "tau_days") {
    strideload::detail::require_in(field, tau_days, 1.0, 1e6, "days");
    return decay == Decay::exponential ? -std::expm1(-1.0 / tau_days) : 1.0 / tau_days;
}

/// Parameters of fitness_fatigue. Defaults: GoldenCheetah's (42 d, 7 d, exponential decay,
/// form from yesterday, seeds 0, ramp over 7 days).
struct FitnessFatigueOptions {
    double fitness_tau_days = 42.0;    ///< τ₁ of fitness [days], ≥ 1
    double fatigue_tau_days = 7.0;     ///< τ₂ of fatigue [days], ≥ 1
    Decay decay = Decay::exponential;  ///< τ → λ convention
    bool form_today = false;           ///< form(d) from day d instead of day d − 1
    double seed_fitness = 0.0;         ///< fitness on the day before day 0 [load unit], ≥ 0
    double seed_fatigue = 0.0;         ///< fatigue on the day before day 0 [load unit], ≥ 0
    int ramp_days = 7;                 ///< ramp(d) = fitness(d) − fitness(d − ramp_days), ≥ 1

    /// @brief Throws Error naming the first option out of range.
    void validate() const {
        decay_weight(fitness_tau_days, decay, "fitness_tau_days");
        decay_weight(fatigue_tau_days, decay, "fatigue_tau_days");
        strideload::detail::require_in("seed_fitness", seed_fitness, 0.0,
                                       std::numeric_limits<double>::max(), "");
        strideload::detail::require_in("seed_fatigue", seed_fatigue, 0.0,
                                       std::numeric_limits<double>::max(), "");
        if (ramp_days < 1) throw Error("ramp_days", static_cast<double>(ramp_days), ">= 1 day");
    }
    /// @return λ₁, the daily weight of fitness
    double fitness_weight() const { return decay_weight(fitness_tau_days, decay); }
    /// @return λ₂, the daily weight of fatigue
    double fatigue_weight() const { return decay_weight(fatigue_tau_days, decay); }
};

/// Fitness, fatigue, form and ramp rate per day, in the load's unit (ramp: load unit per
/// ramp_days).
struct FitnessFatigue {
    std::vector<double> fitness;  ///< long-term weighted load (τ₁) after day d
    std::vector<double> fatigue;  ///< short-term weighted load (τ₂) after day d
    std::vector<double> form;     ///< fitness − fatigue of day d − 1 (or d, form_today)
    std::vector<double> ramp;     ///< fitness(d) − fitness(d − ramp_days)
};

namespace detail {

/// @brief The recurrences for R rows advanced together (R independent dependency chains).
/// Pointers are row starts; n days; lambdas λ₁, λ₂; seeds f0, a0. The loads are checked on the
/// way (one pass over memory, no branch): returns false if any is not finite and ≥ 0, and the
/// caller then finds it with require_loads and throws.
template <int R>
inline bool fitness_fatigue_rows(const double* const* load, std::size_t n, double l1, double l2,
                                 double f0, double a0, bool form_today, double* const* fitness,
                                 double* const* fatigue, double* const* form) noexcept {
    constexpr double top = std::numeric_limits<double>::max();
    double f[R], a[R];
    bool ok = true;
    for (int r = 0; r < R; ++r) f[r] = f0, a[r] = a0;
    for (std::size_t d = 0; d < n; ++d) {
        for (int r = 0; r < R; ++r) {
            if (!form_today) form[r][d] = f[r] - a[r];
            const double w = load[r][d];
            ok &= (w >= 0.0) & (w <= top);
            f[r] += l1 * (w - f[r]);
            a[r] += l2 * (w - a[r]);
            fitness[r][d] = f[r];
            fatigue[r][d] = a[r];
            if (form_today) form[r][d] = f[r] - a[r];
        }
    }
    return ok;
}

}  // namespace detail

/// @brief Fitness, fatigue and form of one daily load series into caller-owned arrays.
/// @param load daily load, day 0 first, finite, ≥ 0 (rest days are 0, not missing)
/// @param options time constants and conventions
/// @param fitness, fatigue, form outputs, each load.size() long [load unit]
/// @throws Error naming the first bad load, a wrong output size or a bad option
inline void fitness_fatigue_into(std::span<const double> load, const FitnessFatigueOptions& options,
                                 std::span<double> fitness, std::span<double> fatigue,
                                 std::span<double> form) {
    options.validate();
    for (auto [name, out] : {std::pair{"fitness", fitness.size()},
                             std::pair{"fatigue", fatigue.size()}, std::pair{"form", form.size()}})
        if (out != load.size())
            throw Error(name, static_cast<double>(out),
                        "the length of load (" + std::to_string(load.size()) + ")");
    const double* in[1] = {load.data()};
    double* f[1] = {fitness.data()};
    double* a[1] = {fatigue.data()};
    double* s[1] = {form.data()};
    if (!detail::fitness_fatigue_rows<1>(in, load.size(), options.fitness_weight(),
                                         options.fatigue_weight(), options.seed_fitness,
                                         options.seed_fatigue, options.form_today, f, a, s))
        detail::require_loads(load, "load", -1);  // throws, naming the first bad day
}

/// @brief Ramp rate: the change of fitness over the last `ramp_days` days (GoldenCheetah's
///        "ramp rate"), with fitness before day 0 equal to the seed.
/// @param fitness daily fitness [load unit]  @param ramp_days window, ≥ 1 [days]
/// @param seed_fitness fitness before day 0 [load unit]
/// @return ramp(d) = fitness(d) − fitness(d − ramp_days) [load unit per ramp_days]
inline std::vector<double> ramp_rate(std::span<const double> fitness, int ramp_days = 7,
                                     double seed_fitness = 0.0) {
    if (ramp_days < 1) throw Error("ramp_days", static_cast<double>(ramp_days), ">= 1 day");
    std::vector<double> ramp(fitness.size());
    for (std::size_t d = 0; d < fitness.size(); ++d) {
        const double before = d >= static_cast<std::size_t>(ramp_days)
                                  ? fitness[d - static_cast<std::size_t>(ramp_days)]
                                  : seed_fitness;
        ramp[d] = fitness[d] - before;
    }
    return ramp;
}

/// @brief Fitness, fatigue, form and ramp rate of one daily load series.
/// @param load daily load, day 0 first, finite, ≥ 0  @param options conventions
/// @return the four series, each load.size() long [load unit]
/// @throws Error naming the first bad load or option
///
/// GoldenCheetah's fixture (load-recovery.md §2a): 100 on day 1 after a rest day 0 gives
/// fitness 2.352831, fatigue 13.312210 on day 1 and form −10.959379 on day 2.
inline FitnessFatigue fitness_fatigue(std::span<const double> load,
                                      const FitnessFatigueOptions& options = {}) {
    FitnessFatigue out;
    out.fitness.resize(load.size());
    out.fatigue.resize(load.size());
    out.form.resize(load.size());
    fitness_fatigue_into(load, options, out.fitness, out.fatigue, out.form);
    out.ramp = ramp_rate(out.fitness, options.ramp_days, options.seed_fitness);
    return out;
}

/// @brief Fitness, fatigue and form of many athletes at once: the fast path.
/// @param load athlete × day daily loads (row-major), finite, ≥ 0
/// @param options conventions (the same for every athlete)
/// @param fitness, fatigue, form outputs with load's shape (resized by the caller)
/// @throws Error naming the first bad load as load[athlete, day] (the outputs are then
///         unspecified), a shape mismatch or an option
inline void fitness_fatigue_batch(const Eigen::Ref<const DayMatrix>& load,
                                  const FitnessFatigueOptions& options,
                                  Eigen::Ref<DayMatrix> fitness, Eigen::Ref<DayMatrix> fatigue,
                                  Eigen::Ref<DayMatrix> form) {
    options.validate();
    const auto rows = load.rows();
    const auto n = static_cast<std::size_t>(load.cols());
    for (auto [name, m] :
         {std::pair{"fitness", &fitness}, std::pair{"fatigue", &fatigue}, std::pair{"form", &form}})
        if (m->rows() != rows || m->cols() != load.cols())
            throw Error(
                name, static_cast<double>(m->rows()),
                "shaped like load (" + std::to_string(rows) + " x " + std::to_string(n) + ")");
    const double l1 = options.fitness_weight(), l2 = options.fatigue_weight();
    bool ok = true;  // the loads are checked inside the kernel, in the same pass
    Eigen::Index r = 0;
    for (; r + 4 <= rows; r += 4) {
        const double* in[4];
        double *f[4], *a[4], *s[4];
        for (int i = 0; i < 4; ++i) {
            in[i] = load.row(r + i).data();
            f[i] = fitness.row(r + i).data();
            a[i] = fatigue.row(r + i).data();
            s[i] = form.row(r + i).data();
        }
        ok &= detail::fitness_fatigue_rows<4>(in, n, l1, l2, options.seed_fitness,
                                              options.seed_fatigue, options.form_today, f, a, s);
    }
    for (; r < rows; ++r) {
        const double* in[1] = {load.row(r).data()};
        double* f[1] = {fitness.row(r).data()};
        double* a[1] = {fatigue.row(r).data()};
        double* s[1] = {form.row(r).data()};
        ok &= detail::fitness_fatigue_rows<1>(in, n, l1, l2, options.seed_fitness,
                                              options.seed_fatigue, options.form_today, f, a, s);
    }
    if (!ok)  // rare: find and name the first bad load (the outputs are not to be used)
        for (r = 0; r < rows; ++r) detail::require_loads({load.row(r).data(), n}, "load", r);
}

/// @brief Days without training until form is back to ≥ 0 (fatigue at or below fitness).
///
/// With no further load, fitness and fatigue decay geometrically, f·(1−λ₁)^t and a·(1−λ₂)^t,
/// so form is 0 at t = ln(a/f) / ln((1−λ₁)/(1−λ₂)) days (continuous; ×24 for hours).
/// @param fitness, fatigue the values after the last day [load unit], ≥ 0
/// @param options the conventions they were computed with
/// @return days from the end of the last day [days]: 0 if form is already ≥ 0, +∞ if fitness
///         is 0 while fatigue is not (form then approaches 0 from below without reaching it)
/// @throws Error for negative or non-finite values
inline double days_until_fresh(double fitness, double fatigue,
                               const FitnessFatigueOptions& options = {}) {
    options.validate();
    strideload::detail::require_in("fitness", fitness, 0.0, std::numeric_limits<double>::max(), "");
    strideload::detail::require_in("fatigue", fatigue, 0.0, std::numeric_limits<double>::max(), "");
    if (fatigue <= fitness) return 0.0;
    if (fitness == 0.0) return std::numeric_limits<double>::infinity();
    const double r1 = std::log1p(-options.fitness_weight());
    const double r2 = options.fatigue_weight() < 1.0 ? std::log1p(-options.fatigue_weight())
                                                     : -std::numeric_limits<double>::infinity();
    if (!(r1 > r2)) return std::numeric_limits<double>::infinity();  // fatigue decays no faster
    return std::log(fatigue / fitness) / (r1 - r2);
}

}  // namespace strideload::recovery
