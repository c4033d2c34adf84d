/// @file
/// "How much today?": the range of today's load that keeps a runner inside a target band, the
/// running distance it corresponds to, and a 7-day plan that stays in the band.
///
/// Three bands, each on a quantity today's load moves monotonically:
/// - form: the fitness − fatigue that today's load leaves (tomorrow's form in the default
///   convention, today's with `form_today`), e.g. −30 to −10, a productive training band on
///   a TSS-like scale; it falls as the load rises;
/// - acwr: today's acute:chronic workload ratio by the chosen method, e.g. 0.8–1.3 (Gabbett
///   2016's descriptive "sweet spot"); it rises with the load;
/// - damage: the Miner damage left after today (damage.hpp), below a ceiling; it rises with the
///   load (the band's low end is ignored).
///
/// The range is found by bisection on [0, max_load] to 10⁻⁹ relative, so any convention of the
/// underlying model is honoured exactly. The 7-day plan walks forward one day at a time, taking
/// the middle of each day's range (rest when even rest is outside the band on the high side;
/// max_load when even max_load leaves the runner below the band), and records where it stays in
/// the band. This is arithmetic on the chosen model, not a training prescription.
#pragma once

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "strideload/error.hpp"
#include "strideload/recovery/damage.hpp"
#include "strideload/recovery/fitness_fatigue.hpp"
#include "strideload/recovery/workload.hpp"

namespace strideload::recovery {

/// The quantity a plan keeps in its band.
enum class PlanTarget {
    form,    ///< fitness − fatigue after today's load (falls with load)
    acwr,    ///< acute:chronic workload ratio including today (rises with load)
    damage,  ///< Miner damage left after today (rises with load); the load is N_eq cycles
};

/// @return the target's name as Python and the CLI spell it ("form", "acwr", "damage")
inline const char* plan_target_name(PlanTarget t) {
    switch (t) {
        case PlanTarget::form:
            return "form";
        case PlanTarget::acwr:
            return "acwr";
        case PlanTarget::damage:
            return "damage";
    }
    return "?";
}

/// @brief The target named @p name.  @throws Error for an unknown name
inline PlanTarget plan_target_from_name(const std::string& name) {
    for (auto t : {PlanTarget::form, PlanTarget::acwr, PlanTarget::damage})
        if (name == plan_target_name(t)) return t;
    throw Error("target", "unknown target '" + name + "' (form, acwr, damage)");
}

/// What to keep in which band, with the models' own options.
struct PlanOptions {
    PlanTarget target = PlanTarget::form;  ///< the banded quantity
    double low = -30.0;   ///< band's low end, in the target's unit (ignored for damage)
    double high = -10.0;  ///< band's high end (the damage ceiling for damage), > low
    FitnessFatigueOptions fitness_fatigue;                 ///< for target form
    AcwrOptions acwr;                                      ///< for target acwr
    AcwrMethod acwr_method = AcwrMethod::rolling_coupled;  ///< for target acwr
    DamageOptions damage;                                  ///< for target damage
    int days = 7;  ///< length of the plan, [1, 366] days (day 0 is today)
    /// Highest daily load considered [load unit]; 0: twice the history's highest day (or 10⁶
    /// for a history of rest).
    double max_load = 0.0;
    /// Typical load per kilometre of running [load unit / km] to turn loads into distances;
    /// 0: no distances.
    double load_per_km = 0.0;

    /// @brief Throws Error naming the first option out of range.
    void validate() const {
        if (target != PlanTarget::damage &&
            !(std::isfinite(low) && std::isfinite(high) && high > low))
            throw Error("high", high, "finite and > low (" + std::to_string(low) + ")");
        if (target == PlanTarget::damage && !(std::isfinite(high) && high > 0.0))
            throw Error("high", high, "a damage ceiling, finite and > 0");
        if (days < 1 || days > 366) throw Error("days", days, "in [1, 366]");
        strideload::detail::require_in("max_load", max_load, 0.0, 1e12, "");
        strideload::detail::require_in("load_per_km", load_per_km, 0.0, 1e12, "");
        fitness_fatigue.validate();
        acwr.validate();
        damage.validate();
    }
};

/// Today's load range for a band.
struct LoadRange {
    double low = 0;         ///< lowest load in the band [load unit]
    double high = 0;        ///< highest load in the band [load unit]
    bool feasible = false;  ///< false: no load in [0, max_load] reaches the band
    /// When infeasible: "rest" (even no load is above the band: too much recent load), or
    /// "more" (even max_load leaves the runner below it). Empty when feasible.
    std::string reason;
    /// true when `high` is max_load, not the band's edge (the band would allow more)
    bool limited_by_max_load = false;
    double value_at_low = 0;   ///< the target quantity after `low`
    double value_at_high = 0;  ///< the target quantity after `high`
    double distance_low_km = std::numeric_limits<double>::quiet_NaN();   ///< low / load_per_km
    double distance_high_km = std::numeric_limits<double>::quiet_NaN();  ///< high / load_per_km
};

/// A plan: today's range and a day-by-day load that stays in the band where it can.
struct Plan {
    LoadRange today;                  ///< range for day 0
    std::vector<double> load;         ///< planned load per day [load unit]
    std::vector<double> value;        ///< the target quantity after each planned day
    std::vector<int> in_band;         ///< 1 where value is inside [low, high]
    std::vector<double> distance_km;  ///< load / load_per_km (NaN without load_per_km)
};

namespace detail {

/// The target quantity after appending @p today to @p history (history has room for one more
/// day at its end: the function writes it).
inline double plan_value(std::vector<double>& series, double today, const PlanOptions& o) {
    series.back() = today;
    switch (o.target) {
        case PlanTarget::form: {
            const auto r = fitness_fatigue(series, o.fitness_fatigue);
            return r.fitness.back() - r.fatigue.back();
        }
        case PlanTarget::acwr:
            return acwr(series, o.acwr).of(o.acwr_method).back();
        case PlanTarget::damage:
            return damage(series, o.damage).damage.back();
    }
    return 0.0;
}

/// Today's range given the history already in series[0 .. n−1) (series.back() is today).
inline LoadRange plan_range(std::vector<double>& series, const PlanOptions& o, double max_load) {
    const bool falls = o.target == PlanTarget::form;  // value falls as the load rises
    const double low =
        o.target == PlanTarget::damage ? -std::numeric_limits<double>::infinity() : o.low;
    auto value = [&](double load) { return plan_value(series, load, o); };
    // The value after a load is on the too-much or the too-little side of the band.
    auto too_much = [&](double v) { return falls ? v < low : v > o.high; };
    auto too_little = [&](double v) { return falls ? v > o.high : v < low; };
    LoadRange r;
    const double v0 = value(0.0), vmax = value(max_load);
    if (std::isnan(v0) || std::isnan(vmax))
        throw Error("history", "the target is undefined for this history (an ACWR needs " +
                                   std::to_string(o.acwr.chronic_days - 1) +
                                   " days before today and a chronic load above 0)");
    if (too_much(v0)) {
        r.reason = "rest";
    } else if (too_little(vmax)) {
        r.reason = "more";
        r.low = r.high = max_load;
    }
    if (!r.reason.empty()) {
        r.value_at_low = r.value_at_high = value(r.low);
        return r;
    }
    // Both predicates turn from false to true as the load rises: find where, to 1e-9.
    auto first_true = [&](auto&& predicate) {
        double a = 0.0, b = max_load;
        for (int i = 0; i < 200 && b - a > 1e-9 * std::max(1.0, b); ++i) {
            const double m = 0.5 * (a + b);
            (predicate(value(m)) ? b : a) = m;
        }
        return b;
    };
    r.low = too_little(v0) ? first_true([&](double v) { return !too_little(v); }) : 0.0;
    r.high = too_much(vmax) ? first_true(too_much) : max_load;
    r.limited_by_max_load = !too_much(vmax);
    r.feasible = r.low <= r.high;
    if (!r.feasible) r.reason = "rest";  // the band is narrower than one load step
    r.value_at_low = value(r.low);
    r.value_at_high = value(r.high);
    return r;
}

}  // namespace detail

/// @brief Today's load range that keeps the target quantity in its band, and a plan for the
///        next days.
/// @param history daily load up to and including yesterday, day 0 first, finite, ≥ 0 (the unit
///        the band assumes: TSS-like for form, any for ACWR, N_eq cycles for damage)
/// @param options target, band, models, plan length, load per km
/// @return today's range (with distances when load_per_km > 0) and a day-by-day plan
/// @throws Error naming a bad load or option, or when the target is undefined for the history
///         (ACWR before the chronic window is full)
inline Plan plan_today(std::span<const double> history, const PlanOptions& options = {}) {
    options.validate();
    detail::require_loads(history, "history", -1);
    double max_load = options.max_load;
    if (max_load == 0.0) {
        const double top =
            history.empty() ? 0.0 : *std::max_element(history.begin(), history.end());
        max_load = top > 0.0 ? 2.0 * top : 1e6;
    }
    std::vector<double> series(history.begin(), history.end());
    series.push_back(0.0);
    Plan plan;
    auto km = [&](double load) {
        return options.load_per_km > 0.0 ? load / options.load_per_km
                                         : std::numeric_limits<double>::quiet_NaN();
    };
    const double low = options.target == PlanTarget::damage
                           ? -std::numeric_limits<double>::infinity()
                           : options.low;
    for (int d = 0; d < options.days; ++d) {
        LoadRange r = detail::plan_range(series, options, max_load);
        r.distance_low_km = km(r.low);
        r.distance_high_km = km(r.high);
        const double load = r.reason == "rest" ? 0.0 : 0.5 * (r.low + r.high);
        if (d == 0) plan.today = r;
        const double v = detail::plan_value(series, load, options);
        plan.load.push_back(load);
        plan.value.push_back(v);
        plan.in_band.push_back(v >= low && v <= options.high ? 1 : 0);
        plan.distance_km.push_back(km(load));
        series.push_back(0.0);
    }
    return plan;
}

}  // namespace strideload::recovery
