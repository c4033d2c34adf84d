/// @file
/// Workload ratios and scores of a daily load series:
///
/// - Acute:chronic workload ratio (ACWR), three published ways:
///   - rolling, coupled: mean of the last 7 days / mean of the last 28 days, both including
///     today (Hulin et al. 2014 BJSM 48:708; Gabbett 2016 BJSM 50:273);
///   - rolling, uncoupled: mean of the last 7 days / mean of the 21 days before them (Lolli et
///     al. 2019 BJSM 53:921; Windt & Gabbett 2019). Coupled = 4u/(u + 3) for uncoupled u;
///   - exponentially weighted: EWMA₇ / EWMA₂₈ with λ = 2/(N + 1) (Williams, West, Cross &
///     Stokes 2017 BJSM 51:209). The seed (first day's load, or 0) is unspecified in the letter
///     and is a parameter here. Note λ = 2/(N+1) is not the 1 − e^(−1/τ) of fitness_fatigue.
///   Gabbett's "sweet spot" 0.8–1.3 is descriptive and disputed (Impellizzeri et al. 2020).
/// - Monotony and strain (Foster 1998 Med Sci Sports Exerc 30:1164): monotony = mean / SD of a
///   week's daily loads, strain = weekly load × monotony. The SD convention is not stated in the
///   paper: sample SD (n − 1, as spreadsheets use) by default, population SD as an option.
/// - Session-RPE load (Foster et al. 2001 J Strength Cond Res 15:109): RPE (CR-10) × minutes.
/// - TRIMP (Banister 1991; Morton, Fitz-Clarke & Banister 1990 J Appl Physiol 69:1171):
///   minutes × HRr × 0.64 e^(1.92 HRr) for men, × 0.86 e^(1.67 HRr) for women, HRr =
///   (HR_avg − HR_rest)/(HR_max − HR_rest). (GoldenCheetah uses 0.64 for women too.)
///
/// Fixtures (load-recovery.md §3, §5): 21 days of 100 then 7 of 200 give, on day 28, 1.600000
/// (coupled), 2.000000 (uncoupled), 1.339350 (EWMA, seed first load) and 1.483019 (seed 0);
/// the week [300, 0, 450, 300, 0, 600, 200] has monotony 1.194792 and strain 2210.365783
/// (sample SD); 60 min at HR 150 (rest 50, max 190), male, is 108.095359 TRIMP.
#pragma once

#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "strideload/error.hpp"
#include "strideload/recovery/fitness_fatigue.hpp"
#include "strideload/units.hpp"

namespace strideload::recovery {

/// The first value of an exponentially weighted average.
enum class EwmaSeed {
    first_load,  ///< the first day's load (acute = chronic on day 0)
    zero,        ///< 0 before day 0 (like fitness_fatigue's default seeds)
};

/// One of the three ACWR definitions.
enum class AcwrMethod {
    rolling_coupled,    ///< 7-day mean / 28-day mean including the acute week
    rolling_uncoupled,  ///< 7-day mean / mean of the 21 days before the acute week
    ewma,               ///< EWMA(λ = 2/(7+1)) / EWMA(λ = 2/(28+1))
};

/// @return the method's name as the Python and CLI columns spell it ("rolling_coupled", ...)
inline const char* acwr_method_name(AcwrMethod m) {
    switch (m) {
        case AcwrMethod::rolling_coupled:
            return "rolling_coupled";
        case AcwrMethod::rolling_uncoupled:
            return "rolling_uncoupled";
        case AcwrMethod::ewma:
            return "ewma";
    }
    return "?";
}

/// @brief The method named @p name.  @throws Error for an unknown name (listing the known)
inline AcwrMethod acwr_method_from_name(const std::string& name) {
    for (auto m : {AcwrMethod::rolling_coupled, AcwrMethod::rolling_uncoupled, AcwrMethod::ewma})
        if (name == acwr_method_name(m)) return m;
    throw Error("acwr_method",
                "unknown method '" + name + "' (rolling_coupled, rolling_uncoupled, ewma)");
}

/// Window lengths and the EWMA seed of the ACWR.
struct AcwrOptions {
    int acute_days = 7;                         ///< acute window N_a [days], ≥ 1
    int chronic_days = 28;                      ///< chronic window N_c [days], > acute_days
    EwmaSeed ewma_seed = EwmaSeed::first_load;  ///< EWMA initial value

    /// @brief Throws Error naming the first option out of range.
    void validate() const {
        if (acute_days < 1) throw Error("acute_days", acute_days, ">= 1 day");
        if (chronic_days <= acute_days)
            throw Error("chronic_days", chronic_days,
                        "> acute_days (" + std::to_string(acute_days) + ")");
    }
};

/// ACWR per day by each method. NaN where it is undefined: before a rolling window is full
/// (day < chronic_days − 1) and where the chronic value is 0.
struct Acwr {
    std::vector<double> rolling_coupled;    ///< acute mean / chronic mean (coupled)
    std::vector<double> rolling_uncoupled;  ///< acute mean / mean of the days before it
    std::vector<double> ewma;               ///< EWMA_acute / EWMA_chronic
    std::vector<double> ewma_acute;         ///< EWMA with λ = 2/(N_a + 1) [load unit]
    std::vector<double> ewma_chronic;       ///< EWMA with λ = 2/(N_c + 1) [load unit]

    /// @return the series of one method
    const std::vector<double>& of(AcwrMethod m) const {
        return m == AcwrMethod::rolling_coupled     ? rolling_coupled
               : m == AcwrMethod::rolling_uncoupled ? rolling_uncoupled
                                                    : ewma;
    }
};

namespace detail {
inline double ratio_or_nan(double acute, double chronic) {
    return chronic > 0.0 ? acute / chronic : std::numeric_limits<double>::quiet_NaN();
}
}  // namespace detail

/// @brief Acute:chronic workload ratio of a daily load series, by all three methods.
/// @param load daily load, day 0 first, finite, ≥ 0 (rest days 0)
/// @param options windows and EWMA seed
/// @return the three ratios (and the two EWMAs) per day; NaN where undefined
/// @throws Error naming the first bad load or option
inline Acwr acwr(std::span<const double> load, const AcwrOptions& options = {}) {
    options.validate();
    detail::require_loads(load, "load", -1);
    const std::size_t n = load.size(), na = static_cast<std::size_t>(options.acute_days),
                      nc = static_cast<std::size_t>(options.chronic_days);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    Acwr out;
    out.rolling_coupled.assign(n, nan);
    out.rolling_uncoupled.assign(n, nan);
    out.ewma.resize(n);
    out.ewma_acute.resize(n);
    out.ewma_chronic.resize(n);
    // prefix[d] = Σ load[0..d); windows are differences of two prefix sums.
    std::vector<double> prefix(n + 1, 0.0);
    for (std::size_t d = 0; d < n; ++d) prefix[d + 1] = prefix[d] + load[d];
    for (std::size_t d = nc - 1; d < n; ++d) {
        const double acute = (prefix[d + 1] - prefix[d + 1 - na]) / static_cast<double>(na);
        const double chronic = (prefix[d + 1] - prefix[d + 1 - nc]) / static_cast<double>(nc);
        const double before =
            (prefix[d + 1 - na] - prefix[d + 1 - nc]) / static_cast<double>(nc - na);
        out.rolling_coupled[d] = detail::ratio_or_nan(acute, chronic);
        out.rolling_uncoupled[d] = detail::ratio_or_nan(acute, before);
    }
    const double la = 2.0 / (static_cast<double>(na) + 1.0);
    const double lc = 2.0 / (static_cast<double>(nc) + 1.0);
    double a = 0.0, c = 0.0;
    for (std::size_t d = 0; d < n; ++d) {
        if (d == 0 && options.ewma_seed == EwmaSeed::first_load) {
            a = c = load[0];
        } else {
            a += la * (load[d] - a);
            c += lc * (load[d] - c);
        }
        out.ewma_acute[d] = a;
        out.ewma_chronic[d] = c;
        out.ewma[d] = detail::ratio_or_nan(a, c);
    }
    return out;
}

/// Which standard deviation monotony divides by (Foster 1998 does not say).
enum class SdConvention {
    sample,      ///< n − 1 (Excel STDEV; the usual spreadsheet), the default
    population,  ///< n
};

/// Monotony and strain of one window of daily loads (Foster 1998).
struct MonotonyStrain {
    double total = 0;     ///< Σ daily load over the window [load unit]
    double mean = 0;      ///< mean daily load [load unit]
    double sd = 0;        ///< SD of the daily loads [load unit]
    double monotony = 0;  ///< mean / SD; 0 for a window of rest, +∞ for identical non-zero days
    double strain = 0;    ///< total × monotony [load unit]; 0 or +∞ like monotony
};

/// @brief Monotony and strain of a window of daily loads, usually one week (Foster 1998).
///
/// SD = 0 is handled explicitly: a window of rest days has monotony and strain 0; identical
/// non-zero days have monotony and strain +∞ (the most monotonous training possible).
/// @param days the window's daily loads, finite, ≥ 0, at least 2
/// @param sd sample (n − 1) or population (n) standard deviation
/// @return total, mean, SD, monotony, strain
/// @throws Error for fewer than 2 days or a bad load
inline MonotonyStrain monotony_strain(std::span<const double> days,
                                      SdConvention sd = SdConvention::sample) {
    if (days.size() < 2)
        throw Error("days", static_cast<double>(days.size()), ">= 2 daily loads (usually 7)");
    detail::require_loads(days, "days", -1);
    MonotonyStrain r;
    for (double x : days) r.total += x;
    const double n = static_cast<double>(days.size());
    r.mean = r.total / n;
    double ss = 0.0;
    for (double x : days) ss += (x - r.mean) * (x - r.mean);
    r.sd = std::sqrt(ss / (sd == SdConvention::sample ? n - 1.0 : n));
    if (r.sd > 0.0) {
        r.monotony = r.mean / r.sd;
        r.strain = r.total * r.monotony;
    } else if (r.mean > 0.0) {
        r.monotony = r.strain = std::numeric_limits<double>::infinity();
    }
    return r;
}

/// Rolling monotony and strain per day (NaN until the window is full).
struct MonotonyStrainSeries {
    std::vector<double> monotony;  ///< of the window ending on day d
    std::vector<double> strain;    ///< of the window ending on day d [load unit]
};

/// @brief Monotony and strain of the window ending on each day.
/// @param load daily load, finite, ≥ 0  @param window_days window length, ≥ 2 (7 = a week)
/// @param sd SD convention
/// @return two series, NaN for days before the first full window
/// @throws Error for a bad load or window
inline MonotonyStrainSeries rolling_monotony_strain(std::span<const double> load,
                                                    int window_days = 7,
                                                    SdConvention sd = SdConvention::sample) {
    if (window_days < 2) throw Error("window_days", window_days, ">= 2 days");
    detail::require_loads(load, "load", -1);
    const std::size_t w = static_cast<std::size_t>(window_days);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    MonotonyStrainSeries out{std::vector<double>(load.size(), nan),
                             std::vector<double>(load.size(), nan)};
    for (std::size_t d = w - 1; d < load.size(); ++d) {
        const auto r = monotony_strain(load.subspan(d + 1 - w, w), sd);
        out.monotony[d] = r.monotony;
        out.strain[d] = r.strain;
    }
    return out;
}

/// @brief Session-RPE training load (Foster et al. 2001): RPE × duration in minutes.
/// @param rpe rating of perceived exertion on Borg's CR-10 scale, [0, 10]
/// @param duration session duration, [0, 24 h]
/// @return load [AU = RPE·min]
/// @throws Error for an RPE or duration out of range
inline double session_rpe_load(double rpe, Time duration) {
    strideload::detail::require_in("rpe", rpe, 0.0, 10.0, "(CR-10)");
    strideload::detail::require_in("duration_s", duration.value(), 0.0, 86400.0, "s");
    return rpe * duration.value() / 60.0;
}

/// Sex, for the TRIMP weighting (Banister's coefficients differ).
enum class Sex { male, female };

/// @brief Banister's heart-rate TRIMP: minutes × HRr × a·e^(b·HRr), (a, b) = (0.64, 1.92) for
///        men and (0.86, 1.67) for women, HRr = (HR_avg − HR_rest)/(HR_max − HR_rest).
/// @param duration session duration, [0, 24 h]
/// @param hr_average mean heart rate, in [hr_rest, hr_max]
/// @param hr_rest resting heart rate, > 0  @param hr_max maximum heart rate, > hr_rest
/// @param sex selects the coefficients
/// @return TRIMP [AU]; 108.095359 for 60 min at 150 bpm, rest 50, max 190, male
/// @throws Error naming the heart rate or duration out of range
inline double trimp(Time duration, Frequency hr_average, Frequency hr_rest, Frequency hr_max,
                    Sex sex = Sex::male) {
    const double rest = hr_rest.value() * 60.0, max = hr_max.value() * 60.0,
                 avg = hr_average.value() * 60.0;
    strideload::detail::require_in("duration_s", duration.value(), 0.0, 86400.0, "s");
    strideload::detail::require_in_open_closed("hr_rest_bpm", rest, 0.0, 250.0, "beats/min");
    strideload::detail::require_in_open_closed("hr_max_bpm", max, rest, 260.0,
                                               "beats/min (above hr_rest)");
    strideload::detail::require_in("hr_average_bpm", avg, rest, max,
                                   "beats/min (between hr_rest and hr_max)");
    const double hrr = (avg - rest) / (max - rest);
    const double a = sex == Sex::male ? 0.64 : 0.86, b = sex == Sex::male ? 1.92 : 1.67;
    return duration.value() / 60.0 * hrr * a * std::exp(b * hrr);
}

}  // namespace strideload::recovery
