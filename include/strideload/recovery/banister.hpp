/// @file
/// The Banister impulse–response ("fitness–fatigue") model of performance and its
/// five-parameter least-squares fit to performance tests (Banister, Calvert, Savage & Bach 1975
/// Aust J Sports Med 7:57; Calvert, Banister, Savage & Bach 1976 IEEE Trans Syst Man Cybern
/// SMC-6:94; Morton, Fitz-Clarke & Banister 1990 J Appl Physiol 69:1171; worked examples and
/// spreadsheet of Clarke & Skiba 2013 Adv Physiol Educ 37:134):
///
///     g(t) = Σ_s w(s) e^(−(t−s)/τ₁)      fitness, the slowly decaying response  [load unit]
///     h(t) = Σ_s w(s) e^(−(t−s)/τ₂)      fatigue, the quickly decaying response [load unit]
///     p(t) = p₀ + k₁ g(t) − k₂ h(t)       performance [performance unit]
///
/// with w(s) the daily training load, day 0 first. The sums run over
/// - BanisterLag::same_day, s ≤ t: g(t) = g(t−1) e^(−1/τ₁) + w(t), the recursion of Clarke &
///   Skiba's spreadsheet and of GoldenCheetah (src/Metrics/Banister.cpp): today's load counts
///   today. The default.
/// - BanisterLag::next_day, s < t: Banister's original sum, today's load first counts tomorrow,
///   already decayed by one day. The two are related exactly by
///   p_next(t; k₁, k₂) = p_same(t − 1; k₁ e^(−1/τ₁), k₂ e^(−1/τ₂)) and p_next(0) = p₀, so a
///   next_day fit to tests on days tᵢ is the same_day fit to tests on days tᵢ − 1.
///
/// Derived recovery times for one training impulse (Fitz-Clarke, Morton & Banister 1991 Int J
/// Sports Med 12:143): the time until its net effect turns positive,
/// t_n = τ₁τ₂/(τ₁−τ₂) ln(k₂/k₁), and the time of its largest positive effect,
/// t_g = τ₁τ₂/(τ₁−τ₂) ln(k₂τ₁/(k₁τ₂)).
///
/// The fit minimises Σᵢ (p(tᵢ) − yᵢ)² over all five parameters with Eigen's Levenberg–Marquardt
/// and an analytic Jacobian, from several starts: a log-spaced grid of (τ₁ > τ₂) pairs is
/// scanned with p₀, k₁, k₂ solved by linear least squares for each pair (the model is linear in
/// them), and the best pairs start the full fit. τ₁, τ₂ stay inside [τ_min, τ_max] through
/// τ = τ_min + (τ_max − τ_min)·sigmoid(x). k₁ and k₂ are not constrained (a data set may want a
/// negative gain; t_n and t_g then refuse), nor is τ₁ > τ₂ (the starts have it).
///
/// The problem is ill-conditioned and has local minima: as τ₂ → τ₁ with
/// k₁, k₂ → ∞, k₁g − k₂h tends to one delayed response ∝ Σ w(s)(t−s)e^(−(t−s)/τ), and least
/// squares may prefer that ridge. On Clarke & Skiba's cyclist the fit reaches SSE 18.30 W² at
/// τ ≈ 27.8 / 27.1 d, k ≈ 4.1 W/AU, below the spreadsheet's 20.25 W² at 35.8 / 21.3 d; t_n and
/// t_g (11.9 and 39.3 d against 12.2 and 39.6 d) are far more stable than the parameters, so
/// read those, and BanisterFit::tau_at_bound, before the τs themselves.
///
/// The forward model is O(days); a fit of 165 days with 9 tests takes 1–2 ms per start.
#pragma once

#include <Eigen/Core>
#include <Eigen/QR>
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <unsupported/Eigen/LevenbergMarquardt>
#include <utility>
#include <vector>

#include "strideload/error.hpp"
#include "strideload/recovery/daily.hpp"

namespace strideload::recovery {

/// Which days' load a day's performance includes.
enum class BanisterLag {
    same_day,  ///< s ≤ t: g(t) = g(t−1) e^(−1/τ₁) + w(t) (Clarke & Skiba 2013, GoldenCheetah)
    next_day,  ///< s < t: Banister's original Σ_{s<t} w(s) e^(−(t−s)/τ₁)
};

/// The five parameters of the impulse–response model. Units: the performance unit [P] (e.g. W,
/// or seconds of a time trial) and the load unit [AU] (TRIMP, TSS, BikeScore, ...).
struct BanisterParams {
    double p0 = 0.0;          ///< p₀, performance without training [P], finite
    double k1 = 0.0;          ///< k₁, fitness gain [P/AU], finite
    double k2 = 0.0;          ///< k₂, fatigue gain [P/AU], finite
    double tau1_days = 42.0;  ///< τ₁, fitness time constant [days], > 0
    double tau2_days = 7.0;   ///< τ₂, fatigue time constant [days], > 0
};

namespace detail {

/// @brief Throws Error naming the first parameter that is not finite, or τ ≤ 0.
inline void check_banister_params(const BanisterParams& p) {
    constexpr double big = std::numeric_limits<double>::max();
    strideload::detail::require_in("p0", p.p0, -big, big, "");
    strideload::detail::require_in("k1", p.k1, -big, big, "");
    strideload::detail::require_in("k2", p.k2, -big, big, "");
    strideload::detail::require_in_open_closed("tau1_days", p.tau1_days, 0.0, big, "days");
    strideload::detail::require_in_open_closed("tau2_days", p.tau2_days, 0.0, big, "days");
}

/// @brief The response G(t) = Σ w(s) e^(−(t−s)/τ) of days 0..size−1 and, when @p dsum is not
///        empty, D(t) = Σ w(s) (t−s) e^(−(t−s)/τ) (so ∂G/∂τ = D/τ²). Sums over s ≤ t or s < t.
/// @param load w [AU], checked by the caller  @param tau_days τ [days], > 0
/// @param sum G, as many days as wanted (≤ load.size())  @param dsum D, empty or sum.size()
inline void banister_response(std::span<const double> load, double tau_days, BanisterLag lag,
                              std::span<double> sum, std::span<double> dsum = {}) {
    const double e = std::exp(-1.0 / tau_days);
    double gs = 0.0;  // same-day sums through the previous day
    double ds = 0.0;
    const bool same = lag == BanisterLag::same_day;
    for (std::size_t t = 0; t < sum.size(); ++t) {
        if (!same) {
            sum[t] = e * gs;
            if (!dsum.empty()) dsum[t] = e * (ds + gs);
        }
        ds = e * (ds + gs);
        gs = gs * e + load[t];
        if (same) {
            sum[t] = gs;
            if (!dsum.empty()) dsum[t] = ds;
        }
    }
}

}  // namespace detail

/// @brief Model performance p(t) = p₀ + k₁ g(t) − k₂ h(t) of every day, into caller storage.
/// @param load daily training load w [AU], day 0 first, finite, ≥ 0
/// @param params p₀ [P], k₁, k₂ [P/AU], τ₁, τ₂ [days]
/// @param lag whether today's load counts today (same_day) or from tomorrow (next_day)
/// @param performance p(t) [P], one per day of @p load (same size)
/// @throws Error naming the first bad load, parameter, or `performance` when the sizes differ
inline void banister_performance_into(std::span<const double> load, const BanisterParams& params,
                                      BanisterLag lag, std::span<double> performance) {
    detail::check_banister_params(params);
    detail::require_loads(load, "load", -1, "finite and >= 0");
    if (performance.size() != load.size())
        throw Error("performance", static_cast<double>(performance.size()),
                    "the same length as load (" + std::to_string(load.size()) + ")");
    const double e1 = std::exp(-1.0 / params.tau1_days);
    const double e2 = std::exp(-1.0 / params.tau2_days);
    double g = 0.0;
    double h = 0.0;
    if (lag == BanisterLag::same_day) {
        for (std::size_t t = 0; t < load.size(); ++t) {
            g = g * e1 + load[t];
            h = h * e2 + load[t];
            performance[t] = params.p0 + params.k1 * g - params.k2 * h;
        }
    } else {
        for (std::size_t t = 0; t < load.size(); ++t) {
            performance[t] = params.p0 + params.k1 * g - params.k2 * h;
            g = (g + load[t]) * e1;
            h = (h + load[t]) * e2;
        }
    }
}

/// @brief Model performance p(t) = p₀ + k₁ g(t) − k₂ h(t) of every day.
/// @param load daily training load w [AU], day 0 first, finite, ≥ 0
/// @param params p₀ [P], k₁, k₂ [P/AU], τ₁, τ₂ [days]
/// @param lag same_day (default: today's load counts today) or next_day (Banister's original)
/// @return p(t) [P], one per day of @p load
/// @throws Error naming the first bad load or parameter
inline std::vector<double> banister_performance(std::span<const double> load,
                                                const BanisterParams& params,
                                                BanisterLag lag = BanisterLag::same_day) {
    std::vector<double> performance(load.size());
    banister_performance_into(load, params, lag, performance);
    return performance;
}

/// Settings of fit_banister.
struct BanisterFitOptions {
    BanisterLag lag = BanisterLag::same_day;  ///< load convention of the model
    double tau_min_days = 1.0;                ///< lower bound of τ₁ and τ₂ [days], > 0
    double tau_max_days = 200.0;  ///< upper bound of τ₁ and τ₂ [days], > tau_min_days
    /// Levenberg–Marquardt runs from the best (τ₁, τ₂) pairs of the grid scan, ≥ 1.
    int starts = 12;
    /// An extra start tried first (τs strictly inside the bounds); p₀, k₁, k₂ used as given.
    std::optional<BanisterParams> start;
    /// τ values of the scan grid, log-spaced inside [tau_min_days, tau_max_days], ≥ 2; every
    /// pair τ₁ > τ₂ is scanned (grid_points·(grid_points−1)/2 pairs).
    int grid_points = 24;
    /// Most residual evaluations of one Levenberg–Marquardt run, ≥ 10.
    int max_evaluations_per_start = 400;
};

/// Result of fit_banister.
struct BanisterFit {
    BanisterParams params;  ///< the best parameters found (lowest SSE)
    double sse = 0.0;       ///< Σᵢ (p(tᵢ) − yᵢ)² [P²]
    double r2 = 0.0;        ///< 1 − SSE/SS_tot (NaN when all tests are equal)
    /// 1 − (1 − R²)(n − 1)/(n − p − 1) with p = 5 (Clarke & Skiba's spreadsheet); NaN when
    /// n ≤ 6.
    double r2_adjusted = 0.0;
    std::size_t n_tests = 0;    ///< n, the number of tests
    std::vector<double> curve;  ///< p(t) [P] of every day of the load, with the fitted params
    /// Forward-model evaluations: grid pairs scanned plus the residual and Jacobian evaluations
    /// of every Levenberg–Marquardt run.
    int evaluations = 0;
    int starts_run = 0;  ///< Levenberg–Marquardt runs made
    /// A fitted τ lies within 0.1 % of the bound range of tau_min_days or tau_max_days: the
    /// optimum is probably outside the bounds, widen them or distrust that τ.
    bool tau_at_bound = false;
};

namespace detail {

inline double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

/// @brief x with lo + (hi − lo)·sigmoid(x) = τ, for lo < τ < hi.
inline double tau_to_x(double tau, double lo, double hi) {
    const double u = (tau - lo) / (hi - lo);
    return std::log(u / (1.0 - u));
}

/// The residuals p(tᵢ) − yᵢ of x = (p₀, k₁, k₂, x₁, x₂) and their Jacobian, for Eigen's
/// Levenberg–Marquardt.
struct BanisterResiduals : Eigen::DenseFunctor<double> {
    std::span<const double> load;
    std::span<const std::int64_t> days;
    std::span<const double> measured;  // not `values`: DenseFunctor::values() is the count
    BanisterLag lag;
    double lo;
    double hi;
    std::size_t horizon;  // days simulated: the last test day + 1
    std::vector<double> g, dg, h, dh;
    int calls = 0;

    BanisterResiduals(std::span<const double> load_, std::span<const std::int64_t> days_,
                      std::span<const double> values_, BanisterLag lag_, double lo_, double hi_)
        : Eigen::DenseFunctor<double>(5, static_cast<int>(values_.size())),
          load(load_),
          days(days_),
          measured(values_),
          lag(lag_),
          lo(lo_),
          hi(hi_),
          horizon(static_cast<std::size_t>(*std::max_element(days_.begin(), days_.end())) + 1),
          g(horizon),
          dg(horizon),
          h(horizon),
          dh(horizon) {}

    double tau(double x) const { return lo + (hi - lo) * sigmoid(x); }

    int operator()(const InputType& x, ValueType& fvec) {
        ++calls;
        banister_response(load, tau(x[3]), lag, g);
        banister_response(load, tau(x[4]), lag, h);
        for (std::size_t i = 0; i < days.size(); ++i) {
            const auto d = static_cast<std::size_t>(days[i]);
            fvec[static_cast<Eigen::Index>(i)] = x[0] + x[1] * g[d] - x[2] * h[d] - measured[i];
        }
        return 0;
    }

    int df(const InputType& x, JacobianType& fjac) {
        ++calls;
        const double t1 = tau(x[3]);
        const double t2 = tau(x[4]);
        banister_response(load, t1, lag, g, dg);
        banister_response(load, t2, lag, h, dh);
        const double s1 = sigmoid(x[3]);
        const double s2 = sigmoid(x[4]);
        // ∂G/∂x = D/τ² · dτ/dx, dτ/dx = (hi − lo) σ (1 − σ)
        const double c1 = (hi - lo) * s1 * (1.0 - s1) / (t1 * t1);
        const double c2 = (hi - lo) * s2 * (1.0 - s2) / (t2 * t2);
        for (std::size_t i = 0; i < days.size(); ++i) {
            const auto d = static_cast<std::size_t>(days[i]);
            const auto r = static_cast<Eigen::Index>(i);
            fjac(r, 0) = 1.0;
            fjac(r, 1) = g[d];
            fjac(r, 2) = -h[d];
            fjac(r, 3) = x[1] * dg[d] * c1;
            fjac(r, 4) = -x[2] * dh[d] * c2;
        }
        return 0;
    }
};

/// p₀, k₁, k₂ by linear least squares for fixed responses at the test days, and their SSE.
struct LinearFit {
    double p0, k1, k2, sse;
};

inline LinearFit banister_linear_fit(std::span<const double> g_at, std::span<const double> h_at,
                                     std::span<const double> values) {
    const auto n = static_cast<Eigen::Index>(values.size());
    Eigen::MatrixXd a(n, 3);
    Eigen::VectorXd y(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        const auto j = static_cast<std::size_t>(i);
        a(i, 0) = 1.0;
        a(i, 1) = g_at[j];
        a(i, 2) = -h_at[j];
        y[i] = values[j];
    }
    const Eigen::Vector3d c = a.colPivHouseholderQr().solve(y);
    const Eigen::VectorXd r = a * c - y;
    return {c[0], c[1], c[2], r.squaredNorm()};
}

}  // namespace detail

/// @brief Fits p₀, k₁, k₂, τ₁, τ₂ to performance tests by least squares (Levenberg–Marquardt
///        over all five, several starts, τs bounded; see the file comment).
/// @param load daily training load w [AU], day 0 first, finite, ≥ 0
/// @param test_days the day (index into @p load) of each test, in [0, load.size() − 1]; a day
///        may repeat
/// @param test_values the measured performance of each test [P], finite, same length as
///        @p test_days, at least 6 (five parameters + 1)
/// @param options lag convention, τ bounds [days], number of starts, optional extra start
/// @return the lowest-SSE parameters, SSE [P²], R², adjusted R² (p = 5), the model curve of
///         every load day, and counts
/// @throws Error naming the field: a bad load, a test day outside the load, a non-finite test
///         value, sizes that differ, fewer than 6 tests, bad τ bounds or options
inline BanisterFit fit_banister(std::span<const double> load,
                                std::span<const std::int64_t> test_days,
                                std::span<const double> test_values,
                                const BanisterFitOptions& options = {}) {
    constexpr int n_params = 5;
    detail::require_loads(load, "load", -1, "finite and >= 0");
    if (test_values.size() != test_days.size())
        throw Error("test_values", static_cast<double>(test_values.size()),
                    "the same length as test_days (" + std::to_string(test_days.size()) + ")");
    if (test_days.size() < n_params + 1)
        throw Error("test_days", static_cast<double>(test_days.size()),
                    "at least 6 tests (5 parameters + 1)");
    for (std::size_t i = 0; i < test_days.size(); ++i) {
        if (test_days[i] < 0 || static_cast<std::uint64_t>(test_days[i]) >= load.size())
            throw Error("test_days[" + std::to_string(i) + "]", static_cast<double>(test_days[i]),
                        "a day of the load, in [0, " + std::to_string(load.size()) + " - 1]");
        if (!std::isfinite(test_values[i]))
            throw Error("test_values[" + std::to_string(i) + "]", test_values[i], "finite");
    }
    const double lo = options.tau_min_days;
    const double hi = options.tau_max_days;
    strideload::detail::require_in_open_closed("tau_min_days", lo, 0.0,
                                               std::numeric_limits<double>::max(), "days");
    if (!(std::isfinite(hi) && hi > lo))
        throw Error("tau_max_days", hi, "finite and > tau_min_days (" + std::to_string(lo) + ")");
    if (options.starts < 1) throw Error("starts", options.starts, ">= 1");
    if (options.grid_points < 2) throw Error("grid_points", options.grid_points, ">= 2");
    if (options.max_evaluations_per_start < 10)
        throw Error("max_evaluations_per_start", options.max_evaluations_per_start, ">= 10");
    if (options.start) {
        const BanisterParams& s = *options.start;
        constexpr double big = std::numeric_limits<double>::max();
        strideload::detail::require_in("start.p0", s.p0, -big, big, "");
        strideload::detail::require_in("start.k1", s.k1, -big, big, "");
        strideload::detail::require_in("start.k2", s.k2, -big, big, "");
        const std::string inside = "strictly inside (tau_min_days, tau_max_days) = (" +
                                   std::to_string(lo) + ", " + std::to_string(hi) + ") days";
        if (!(s.tau1_days > lo && s.tau1_days < hi))
            throw Error("start.tau1_days", s.tau1_days, inside);
        if (!(s.tau2_days > lo && s.tau2_days < hi))
            throw Error("start.tau2_days", s.tau2_days, inside);
    }

    const std::size_t n = test_days.size();
    detail::BanisterResiduals residuals(load, test_days, test_values, options.lag, lo, hi);
    BanisterFit fit;
    fit.n_tests = n;

    // Scan: the responses of every grid τ at the test days, then p₀, k₁, k₂ per pair.
    const auto grid = static_cast<std::size_t>(options.grid_points);
    std::vector<double> taus(grid);
    std::vector<std::vector<double>> at_tests(grid, std::vector<double>(n));
    std::vector<double> series(residuals.horizon);
    for (std::size_t j = 0; j < grid; ++j) {
        taus[j] =
            lo * std::pow(hi / lo, (static_cast<double>(j) + 0.5) / static_cast<double>(grid));
        detail::banister_response(load, taus[j], options.lag, series);
        for (std::size_t i = 0; i < n; ++i)
            at_tests[j][i] = series[static_cast<std::size_t>(test_days[i])];
    }
    struct Candidate {
        double sse;
        BanisterParams params;
    };
    std::vector<Candidate> candidates;
    for (std::size_t a = 1; a < grid; ++a)
        for (std::size_t b = 0; b < a; ++b) {
            const detail::LinearFit lf =
                detail::banister_linear_fit(at_tests[a], at_tests[b], test_values);
            candidates.push_back({lf.sse, {lf.p0, lf.k1, lf.k2, taus[a], taus[b]}});
        }
    fit.evaluations = static_cast<int>(candidates.size());
    const std::size_t n_starts =
        std::min(candidates.size(), static_cast<std::size_t>(options.starts));
    std::partial_sort(candidates.begin(),
                      candidates.begin() + static_cast<std::ptrdiff_t>(n_starts), candidates.end(),
                      [](const Candidate& x, const Candidate& y) { return x.sse < y.sse; });
    candidates.resize(n_starts);
    // The best grid pair stands if no Levenberg–Marquardt run improves on it.
    double best_sse = candidates.front().sse;
    Eigen::VectorXd best_x(n_params);
    best_x << candidates.front().params.p0, candidates.front().params.k1,
        candidates.front().params.k2, detail::tau_to_x(candidates.front().params.tau1_days, lo, hi),
        detail::tau_to_x(candidates.front().params.tau2_days, lo, hi);
    if (options.start) candidates.insert(candidates.begin(), {0.0, *options.start});

    Eigen::VectorXd fvec(static_cast<Eigen::Index>(n));
    std::vector<double> g_at(n), h_at(n);
    for (const Candidate& c : candidates) {
        Eigen::VectorXd x(n_params);
        x << c.params.p0, c.params.k1, c.params.k2, detail::tau_to_x(c.params.tau1_days, lo, hi),
            detail::tau_to_x(c.params.tau2_days, lo, hi);
        Eigen::LevenbergMarquardt<detail::BanisterResiduals> lm(residuals);
        lm.setMaxfev(options.max_evaluations_per_start);
        lm.minimize(x);
        ++fit.starts_run;
        if (!x.allFinite()) continue;
        // Polish: p₀, k₁, k₂ exactly optimal for the final τs (never worse than LM's).
        residuals(x, fvec);
        double sse = fvec.squaredNorm();
        for (std::size_t i = 0; i < n; ++i) {
            g_at[i] = residuals.g[static_cast<std::size_t>(test_days[i])];
            h_at[i] = residuals.h[static_cast<std::size_t>(test_days[i])];
        }
        const detail::LinearFit lf = detail::banister_linear_fit(g_at, h_at, test_values);
        if (lf.sse < sse && std::isfinite(lf.sse)) {
            x[0] = lf.p0;
            x[1] = lf.k1;
            x[2] = lf.k2;
            sse = lf.sse;
        }
        if (sse < best_sse) {
            best_sse = sse;
            best_x = x;
        }
    }
    fit.evaluations += residuals.calls;

    fit.params = {best_x[0], best_x[1], best_x[2], residuals.tau(best_x[3]),
                  residuals.tau(best_x[4])};
    fit.sse = best_sse;
    double mean = 0.0;
    for (double v : test_values) mean += v;
    mean /= static_cast<double>(n);
    double ss_tot = 0.0;
    for (double v : test_values) ss_tot += (v - mean) * (v - mean);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    fit.r2 = ss_tot > 0.0 ? 1.0 - best_sse / ss_tot : nan;
    const double dof = static_cast<double>(n) - n_params - 1.0;
    fit.r2_adjusted = dof > 0.0 ? 1.0 - (1.0 - fit.r2) * (static_cast<double>(n) - 1.0) / dof : nan;
    const double margin = 1e-3 * (hi - lo);
    for (double t : {fit.params.tau1_days, fit.params.tau2_days})
        if (t - lo < margin || hi - t < margin) fit.tau_at_bound = true;
    fit.curve = banister_performance(load, fit.params, options.lag);
    return fit;
}

namespace detail {

/// @brief τ₁τ₂/(τ₁−τ₂) after checking the domain of t_n and t_g (τ₁ > τ₂ > 0, k₁, k₂ > 0).
inline double banister_tau_factor(const BanisterParams& p) {
    check_banister_params(p);
    if (!(p.k1 > 0.0)) throw Error("k1", p.k1, "> 0 (a positive fitness gain)");
    if (!(p.k2 > 0.0)) throw Error("k2", p.k2, "> 0 (a positive fatigue gain)");
    if (!(p.tau1_days > p.tau2_days))
        throw Error("tau1_days", p.tau1_days,
                    "> tau2_days (" + std::to_string(p.tau2_days) +
                        "): fitness must decay more slowly than fatigue");
    return p.tau1_days * p.tau2_days / (p.tau1_days - p.tau2_days);
}

}  // namespace detail

/// @brief Time after one training impulse until its net effect k₁e^(−t/τ₁) − k₂e^(−t/τ₂) turns
///        positive: t_n = τ₁τ₂/(τ₁−τ₂) ln(k₂/k₁) (Fitz-Clarke, Morton & Banister 1991).
/// @param params k₁, k₂ [P/AU] > 0; τ₁ > τ₂ > 0 [days] (p₀ unused)
/// @return t_n [days]; 0 when k₂ ≤ k₁ (the net effect is never negative)
/// @throws Error naming k1 or k2 when ≤ 0, tau1_days when τ₁ ≤ τ₂
inline double time_to_net_positive_days(const BanisterParams& params) {
    const double f = detail::banister_tau_factor(params);
    return std::max(0.0, f * std::log(params.k2 / params.k1));
}

/// @brief Time after one training impulse to its largest positive net effect:
///        t_g = τ₁τ₂/(τ₁−τ₂) ln(k₂τ₁/(k₁τ₂)) (Fitz-Clarke, Morton & Banister 1991), the taper
///        length that best uses a session.
/// @param params k₁, k₂ [P/AU] > 0; τ₁ > τ₂ > 0 [days] (p₀ unused)
/// @return t_g [days]; 0 when k₂τ₁ ≤ k₁τ₂ (the net effect is largest at the impulse)
/// @throws Error naming k1 or k2 when ≤ 0, tau1_days when τ₁ ≤ τ₂
inline double time_to_peak_effect_days(const BanisterParams& params) {
    const double f = detail::banister_tau_factor(params);
    return std::max(0.0,
                    f * std::log(params.k2 * params.tau1_days / (params.k1 * params.tau2_days)));
}

}  // namespace strideload::recovery
