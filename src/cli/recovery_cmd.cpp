// `strideload recovery` — see recovery_cmd.hpp.
#include "recovery_cmd.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "chart.hpp"
#include "step_inputs.hpp"
#include "strideload/recovery/recovery.hpp"

namespace strideload::cli {

namespace rc = strideload::recovery;

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// JSON number, or null when not finite.
nlohmann::json num(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(); }

/// "YYYY-MM-DD" → days since 1970-01-01; UsageError naming the option otherwise.
std::int64_t parse_day(const std::string& text, const char* option) {
    int y = 0;
    unsigned m = 0, d = 0;
    char tail = 0;
    if (std::sscanf(text.c_str(), "%d-%u-%u%c", &y, &m, &d, &tail) != 3)
        throw UsageError(fmt::format("{} '{}' is not a date YYYY-MM-DD", option, text));
    const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m},
                                          std::chrono::day{d}};
    if (!ymd.ok()) throw UsageError(fmt::format("{} '{}' is not a calendar date", option, text));
    return std::chrono::sys_days{ymd}.time_since_epoch().count();
}

/// Days since 1970-01-01 → "YYYY-MM-DD".
std::string date_of(std::int64_t day) {
    return load::local_day(static_cast<double>(day) * 86400.0, 0.0).date;
}

/// The daily series the recovery models run on, day 0 = the first session's day.
struct History {
    std::int64_t first_day = 0;
    std::vector<double> load;               ///< the chosen metric × scale
    std::vector<double> equivalent_cycles;  ///< N_eq at the reference load (damage)
    std::vector<double> strength_min;       ///< strength & conditioning minutes
    std::vector<double> distance_km;        ///< distance on foot
    std::size_t sessions = 0;               ///< sessions before today
};

double default_scale(const std::string& metric) {
    // equivalent_cycles: hundreds of steps at the reference load (an hour of steady running is
    // of the order of 50-200, a TSS-like scale); impulse: BW·s / 36 (an hour on foot = 100).
    return metric == "equivalent_cycles" ? 0.01 : metric == "impulse" ? 1.0 / 36.0 : 1.0;
}

std::string metric_unit(const RecoveryArgs& a, double scale) {
    if (a.metric == "equivalent_cycles")
        return fmt::format("equivalent cycles at {:g} BW (k {:g}) x {:g}",
                           a.input.reference_load_bw, a.input.damage_exponent, scale);
    if (a.metric == "impulse") return fmt::format("vertical impulse [BW s] x {:g}", scale);
    return fmt::format("session RPE x minutes x {:g}", scale);
}

/// The daily series before @p today from the sessions and their daily sums @p days.
History history_of(const LoadedSessions& loaded, const std::vector<load::PeriodLoad>& days,
                   std::int64_t today, const RecoveryArgs& a, double scale,
                   std::vector<std::string>& warnings) {
    History h;
    h.first_day = days.front().start_day;
    const auto n = static_cast<std::size_t>(today - h.first_day);
    h.load.assign(n, 0.0);
    h.equivalent_cycles.assign(n, 0.0);
    h.strength_min.assign(n, 0.0);
    h.distance_km.assign(n, 0.0);
    for (const load::PeriodLoad& p : days) {
        if (p.start_day >= today) continue;
        const auto i = static_cast<std::size_t>(p.start_day - h.first_day);
        h.equivalent_cycles[i] = p.totals.equivalent_cycles;
        h.strength_min[i] = p.totals.strength_min;
        h.distance_km[i] = p.totals.distance_m / 1000.0;
        if (a.metric == "equivalent_cycles") h.load[i] = p.totals.equivalent_cycles * scale;
        if (a.metric == "impulse") h.load[i] = p.totals.vertical_impulse_bw_s * scale;
    }
    std::size_t later = 0, without_rpe = 0;
    for (const load::SessionLoad& s : loaded.sessions) {
        const std::int64_t day =
            load::local_day(s.start_s, load::detail::offset_at(loaded.days, s.start_s)).days;
        if (day >= today) {
            ++later;
            continue;
        }
        ++h.sessions;
        if (a.metric == "srpe") {
            if (std::isfinite(s.rpe))
                h.load[static_cast<std::size_t>(day - h.first_day)] +=
                    rc::session_rpe_load(s.rpe, seconds(s.totals.duration_s)) * scale;
            else
                ++without_rpe;
        }
    }
    if (later)
        warnings.push_back(
            fmt::format("{} session(s) on or after --today {} left out", later, date_of(today)));
    if (without_rpe)
        warnings.push_back(fmt::format(
            "{} session(s) without an RPE count as 0 in the session-RPE load", without_rpe));
    return h;
}

/// The last `days` values (all when fewer).
std::span<const double> last(const std::vector<double>& v, std::size_t days) {
    const std::size_t k = std::min(days, v.size());
    return {v.data() + v.size() - k, k};
}

/// Σ metric / Σ km over the days with distance (0: no distance recorded).
double load_per_km(const std::vector<double>& load, const std::vector<double>& km) {
    double l = 0, d = 0;
    for (std::size_t i = 0; i < load.size(); ++i)
        if (km[i] > 0) l += load[i], d += km[i];
    return d > 0 ? l / d : 0.0;
}

/// The S–N exponents the bands run over: the range's ends and the loads' own exponent.
std::vector<double> exponents_of(const RecoveryArgs& a) {
    const auto& r = a.damage_exponent_range;
    if (r.size() != 2 || !(r[0] >= 1.0 && r[0] <= r[1] && r[1] <= 20.0))
        throw UsageError("--damage-exponent-range needs LOW HIGH with 1 <= LOW <= HIGH <= 20");
    std::vector<double> ks{a.input.damage_exponent};
    for (double k : r)
        if (std::find(ks.begin(), ks.end(), k) == ks.end()) ks.push_back(k);
    return ks;
}

}  // namespace

void add_recovery_options(CLI::App& cmd, RecoveryArgs& a) {
    add_input_options(cmd, a.input);
    cmd.add_option("--today", a.today,
                   "report on this day, YYYY-MM-DD (default: the day after the last session); "
                   "days without sessions are rest days");
    cmd.add_option("--load", a.metric,
                   "daily load of the fitness/fatigue/ACWR models: equivalent_cycles (Miner "
                   "cycles at the reference load), impulse (vertical impulse in BW s) or srpe "
                   "(RPE x minutes from a training log)")
        ->check(CLI::IsMember({"equivalent_cycles", "impulse", "srpe"}))
        ->capture_default_str();
    cmd.add_option("--load-scale", a.load_scale,
                   "factor on the daily load (default 0.01 for equivalent_cycles, 1/36 for "
                   "impulse, 1 for srpe: an hour of running is then of the order of 100)");
    cmd.add_option("--target", a.target,
                   "band for today's load range and the plan: form (fitness - fatigue, default "
                   "-30 to -10), acwr (default 0.8 to 1.3) or damage (Miner damage ceiling, "
                   "--high required; loads in equivalent cycles)")
        ->check(CLI::IsMember({"form", "acwr", "damage"}))
        ->capture_default_str();
    cmd.add_option("--low", a.low, "band's low end (default per target)");
    cmd.add_option("--high", a.high, "band's high end (the ceiling for --target damage)");
    cmd.add_option("--plan-days", a.plan_days, "days to plan, today first")
        ->check(CLI::Range(1, 366))
        ->capture_default_str();
    cmd.add_option("--acwr-method", a.acwr_method, "ACWR of --target acwr")
        ->check(CLI::IsMember({"rolling_coupled", "rolling_uncoupled", "ewma"}))
        ->capture_default_str();
    cmd.add_option("--repair-fraction", a.repair_fraction,
                   "time to recovered for damage: days until this fraction of today's damage "
                   "is repaired")
        ->check(CLI::Range(0.0, 0.999999))
        ->capture_default_str();
    cmd.add_option("--damage-exponent-range", a.damage_exponent_range,
                   "S-N exponents k the uncertainty bands also run over (the loads are "
                   "recomputed at each; bone 6.6-7)")
        ->expected(2)
        ->capture_default_str();
    cmd.add_option("--plot", a.plot,
                   "write a PNG chart: daily load, fitness and fatigue, form with its "
                   "uncertainty and the target band, and the plan");
    cmd.add_flag("--json", a.json,
                 "print JSON: {\"today\", \"as_of\", \"fitness\", \"fatigue\", \"form\", "
                 "\"bands\", \"acwr\": {\"rolling_coupled\", \"rolling_uncoupled\", \"ewma\"}, "
                 "\"monotony\", \"strain\", \"damage\", \"fracture_probability\", "
                 "\"strength\", \"time_to_recovered\", \"today_load\", \"plan\": [...]}");
}

std::string run_recovery(const RecoveryArgs& a, std::vector<std::string>& warnings) {
    const LoadedSessions loaded = read_sessions(a.input, warnings);
    if (loaded.sessions.empty()) throw UsageError("no sessions in the files");
    const double scale = a.load_scale.value_or(default_scale(a.metric));
    if (!(std::isfinite(scale) && scale > 0))
        throw UsageError(fmt::format("--load-scale {} must be finite and > 0", scale));
    const auto days = load::daily_load(loaded.sessions, loaded.days);
    const std::int64_t today =
        a.today.empty() ? days.back().start_day + 1 : parse_day(a.today, "--today");
    if (today <= days.front().start_day)
        throw UsageError(fmt::format("--today {} must be after the first session's day {}",
                                     date_of(today), days.front().start));
    const History h = history_of(loaded, days, today, a, scale, warnings);
    const std::size_t n = h.load.size();

    // Fitness, fatigue, form (GoldenCheetah's conventions) and their bands. The per-step model
    // error acts on equivalent cycles as peak^k; impulse and session-RPE do not depend on it.
    const rc::FitnessFatigueOptions ff_options;
    const auto ff = rc::fitness_fatigue(h.load, ff_options);
    const double fitness = ff.fitness.back(), fatigue = ff.fatigue.back();
    const double form = fitness - fatigue;  // today's form: yesterday's fitness − fatigue
    const auto ratios = rc::acwr(h.load);
    const auto week = last(h.load, 7);
    const rc::MonotonyStrain mono =
        week.size() >= 2 ? rc::monotony_strain(week) : rc::MonotonyStrain{nan, nan, nan, nan, nan};

    // Tissue: damage left after repair, and the fracture probability of the last 100 days as
    // a regimen (Edwards et al. 2009's horizon), each day scaled by its strength multiplier.
    const rc::FractureOptions fracture;
    const auto dmg = rc::damage(h.equivalent_cycles, fracture.damage);
    rc::StrengthOptions strength;
    strength.target_min_per_week = a.input.strength_target_sessions * a.input.strength_target_min;
    std::vector<double> multiplier(n);
    double strength_week = 0;
    for (std::size_t d = 0; d < n; ++d) {
        strength_week += h.strength_min[d] - (d >= 7 ? h.strength_min[d - 7] : 0.0);
        multiplier[d] =
            rc::strength_risk_multiplier(std::max(0.0, strength_week), strength).multiplier;
    }
    const rc::StrengthEffect effect =
        rc::strength_risk_multiplier(std::max(0.0, strength_week), strength);
    const std::size_t window = std::min<std::size_t>(100, n);
    const auto cycles = last(h.equivalent_cycles, window);
    const auto mult = last(multiplier, window);
    const double p_plain = rc::fracture_probability(cycles, fracture).back();
    const double p_strength = rc::fracture_probability(cycles, fracture, mult).back();

    // Bands: the per-step model error and the τ and repair-time ranges (uncertainty.hpp) at
    // each S–N exponent of --damage-exponent-range, the daily loads recomputed at each, widened
    // into one band. The model error acts on equivalent cycles as peak^k; impulse and
    // session-RPE do not depend on it.
    rc::FitnessFatigueBands ff_bands;
    rc::DamageBands dmg_bands;
    rc::Band p_bands;
    auto widen = [](rc::Band& into, const rc::Band& b) {
        rc::detail::widen(into, b.low);
        rc::detail::widen(into, b.high);
    };
    for (double k : exponents_of(a)) {
        History other;  // the loads at another exponent (the files read again)
        if (k != a.input.damage_exponent) {
            std::vector<std::string> again;  // the files were read once already: no new warnings
            LoadArgs input = a.input;
            input.damage_exponent = k;
            input.progress = false;
            const LoadedSessions variant = read_sessions(input, again);
            other = history_of(variant, load::daily_load(variant.sessions, variant.days), today, a,
                               scale, again);
        }
        const History& hk = k == a.input.damage_exponent ? h : other;
        rc::UncertaintyOptions u;
        u.load_exponent = a.metric == "equivalent_cycles" ? k : 0.0;
        const auto ffb = rc::fitness_fatigue_bands(hk.load, ff_options, u);
        widen(ff_bands.fitness, ffb.fitness);
        widen(ff_bands.fatigue, ffb.fatigue);
        widen(ff_bands.form, ffb.form);
        u.load_exponent = k;
        widen(dmg_bands.damage, rc::damage_bands(hk.equivalent_cycles, fracture, u).damage);
        widen(
            p_bands,
            rc::damage_bands(last(hk.equivalent_cycles, window), fracture, u).fracture_probability);
    }

    const double days_fresh = rc::days_until_fresh(fitness, fatigue, ff_options);
    const double days_repaired = rc::days_until_repaired(a.repair_fraction, fracture.damage);

    // Today's range and the plan.
    rc::PlanOptions plan_options;
    plan_options.target = rc::plan_target_from_name(a.target);
    plan_options.days = a.plan_days;
    plan_options.acwr_method = rc::acwr_method_from_name(a.acwr_method);
    if (plan_options.target == rc::PlanTarget::acwr)
        plan_options.low = 0.8, plan_options.high = 1.3;
    if (plan_options.target == rc::PlanTarget::damage && !a.high)
        throw UsageError("--target damage needs --high (the damage ceiling, e.g. 0.3)");
    if (a.low) plan_options.low = *a.low;
    if (a.high) plan_options.high = *a.high;
    const bool on_cycles = plan_options.target == rc::PlanTarget::damage;
    const std::vector<double>& plan_history = on_cycles ? h.equivalent_cycles : h.load;
    plan_options.load_per_km = load_per_km(plan_history, h.distance_km);
    const rc::Plan plan = rc::plan_today(plan_history, plan_options);

    if (!a.plot.empty()) {
        RecoveryChart chart;
        chart.title = fmt::format("Recovery on {} - {}", date_of(today), metric_unit(a, scale));
        chart.history_days = n;
        chart.load_label = a.metric == "equivalent_cycles" ? "load [N_eq/100]" : "load";
        // The plan extends the curves when it is in the chart's unit.
        std::vector<double> all = h.load;
        if (!on_cycles) all.insert(all.end(), plan.load.begin(), plan.load.end());
        const auto ext = rc::fitness_fatigue(all, ff_options);
        for (std::size_t d = 0; d < all.size(); ++d)
            chart.dates.push_back(date_of(h.first_day + static_cast<std::int64_t>(d)));
        chart.load = all;
        chart.fitness = ext.fitness;
        chart.fatigue = ext.fatigue;
        chart.form = ext.form;
        chart.form_low.assign(all.size(), nan);
        chart.form_high.assign(all.size(), nan);
        std::copy(ff_bands.form.low.begin(), ff_bands.form.low.end(), chart.form_low.begin());
        std::copy(ff_bands.form.high.begin(), ff_bands.form.high.end(), chart.form_high.begin());
        chart.has_target_band = plan_options.target == rc::PlanTarget::form;
        chart.target_low = plan_options.low;
        chart.target_high = plan_options.high;
        write_recovery_chart(a.plot, chart);
    }

    if (a.json) {
        nlohmann::json o;
        o["today"] = date_of(today);
        o["as_of"] = date_of(today - 1);
        o["history"] = {{"first", date_of(h.first_day)}, {"days", n}, {"sessions", h.sessions}};
        o["load"] = {{"metric", a.metric}, {"scale", scale}, {"unit", metric_unit(a, scale)}};
        const auto ks = exponents_of(a);
        o["damage_exponent_range"] = {*std::min_element(ks.begin(), ks.end()),
                                      *std::max_element(ks.begin(), ks.end())};
        o["model"] = a.input.model;
        o["mass_kg"] = *a.input.mass_kg;
        o["fitness"] = fitness;
        o["fatigue"] = fatigue;
        o["form"] = form;
        o["ramp"] = ff.ramp.back();
        auto band = [](const rc::Band& b) { return nlohmann::json{b.low.back(), b.high.back()}; };
        o["bands"] = {{"fitness", band(ff_bands.fitness)},
                      {"fatigue", band(ff_bands.fatigue)},
                      {"form", band(ff_bands.form)},
                      {"damage", band(dmg_bands.damage)},
                      {"fracture_probability", {p_bands.low.back(), p_bands.high.back()}}};
        o["acwr"] = {{"rolling_coupled", num(ratios.rolling_coupled.back())},
                     {"rolling_uncoupled", num(ratios.rolling_uncoupled.back())},
                     {"ewma", num(ratios.ewma.back())}};
        o["monotony"] = num(mono.monotony);
        o["strain"] = num(mono.strain);
        o["damage"] = dmg.damage.back();
        o["fracture_probability"] = p_strength;
        o["fracture_probability_without_strength"] = p_plain;
        o["fracture_window_days"] = window;
        o["strength"] = {{"minutes_last_7_days", strength_week},
                         {"target_min_per_week", strength.target_min_per_week},
                         {"multiplier", effect.multiplier},
                         {"multiplier_low", effect.multiplier_low},
                         {"multiplier_high", effect.multiplier_high}};
        o["time_to_recovered"] = {{"form_days", num(days_fresh)},
                                  {"form_hours", num(days_fresh * 24.0)},
                                  {"damage_days", days_repaired},
                                  {"damage_fraction", a.repair_fraction}};
        o["today_load"] = {{"target", a.target},
                           {"band", {on_cycles ? 0.0 : plan_options.low, plan_options.high}},
                           {"unit", on_cycles ? "equivalent cycles" : metric_unit(a, scale)},
                           {"low", plan.today.low},
                           {"high", plan.today.high},
                           {"feasible", plan.today.feasible},
                           {"reason", plan.today.reason},
                           {"limited_by_max_load", plan.today.limited_by_max_load},
                           {"load_per_km", plan_options.load_per_km},
                           {"distance_low_km", num(plan.today.distance_low_km)},
                           {"distance_high_km", num(plan.today.distance_high_km)}};
        nlohmann::json days_out = nlohmann::json::array();
        for (std::size_t d = 0; d < plan.load.size(); ++d)
            days_out.push_back({{"date", date_of(today + static_cast<std::int64_t>(d))},
                                {"load", plan.load[d]},
                                {"value", num(plan.value[d])},
                                {"in_band", plan.in_band[d] == 1},
                                {"distance_km", num(plan.distance_km[d])}});
        o["plan"] = std::move(days_out);
        return o.dump(2);
    }

    auto range = [](const rc::Band& b) {
        return fmt::format("95 % band {:.1f} to {:.1f} (model error, tau range)", b.low.back(),
                           b.high.back());
    };
    auto opt = [](double v, const char* f) {
        return std::isfinite(v) ? fmt::format(fmt::runtime(f), v) : std::string("n/a");
    };
    std::string out = fmt::format(
        "Recovery on {} (history {} to {}: {} days, {} sessions; model {})\n"
        "daily load: {}\n\n",
        date_of(today), date_of(h.first_day), date_of(today - 1), n, h.sessions, a.input.model,
        metric_unit(a, scale));
    out += fmt::format("fitness   {:8.1f}   {}\n", fitness, range(ff_bands.fitness));
    out += fmt::format("fatigue   {:8.1f}   {}\n", fatigue, range(ff_bands.fatigue));
    out += fmt::format("form      {:8.1f}   {}\n", form, range(ff_bands.form));
    out += fmt::format("ramp 7 d  {:8.1f}\n", ff.ramp.back());
    out += fmt::format("ACWR      {} rolling coupled, {} uncoupled, {} EWMA\n",
                       opt(ratios.rolling_coupled.back(), "{:.2f}"),
                       opt(ratios.rolling_uncoupled.back(), "{:.2f}"),
                       opt(ratios.ewma.back(), "{:.2f}"));
    out += fmt::format("monotony  {} (strain {}) over the last 7 days\n",
                       opt(mono.monotony, "{:.2f}"), opt(mono.strain, "{:.0f}"));
    out += fmt::format("damage    {:.4f} (Miner, after repair with tau {:g} d); {}\n",
                       dmg.damage.back(), fracture.damage.repair_tau_days,
                       fmt::format("95 % band {:.4f} to {:.4f}", dmg_bands.damage.low.back(),
                                   dmg_bands.damage.high.back()));
    out += fmt::format(
        "stress-fracture probability over the last {} days: {:.3f} without strength work, "
        "{:.3f} with it\n  ({:.0f} min of strength work in the last 7 days, target {:.0f} "
        "min/week: "
        "risk x {:.3f}, 95 % CI {:.3f} to {:.3f};\n  an evidence-based heuristic from Lauersen "
        "et al. 2018, not a mechanical model)\n",
        window, p_plain, p_strength, strength_week, strength.target_min_per_week, effect.multiplier,
        effect.multiplier_low, effect.multiplier_high);
    out += fmt::format(
        "recovered: form >= 0 {}; {:.0f} % of today's damage repaired in {:.1f} "
        "days\n",
        days_fresh == 0 ? std::string("already")
        : std::isfinite(days_fresh)
            ? fmt::format("in {:.1f} days ({:.0f} h)", days_fresh, days_fresh * 24)
            : std::string("not reached (no fitness)"),
        a.repair_fraction * 100, days_repaired);
    const std::string unit = on_cycles ? "equivalent cycles" : "load";
    const bool falls = a.target == "form";  // form falls as the load rises
    const std::string quantity = a.target == "acwr" ? "ACWR" : a.target;
    const std::string band = on_cycles ? fmt::format("damage below {:g}", plan_options.high)
                                       : fmt::format("{} in {:g} to {:g}", quantity,
                                                     plan_options.low, plan_options.high);
    if (plan.today.feasible)
        out += fmt::format(
            "today:     {} {:.0f} to {:.0f}{} keeps {}{}\n", unit, plan.today.low, plan.today.high,
            std::isfinite(plan.today.distance_low_km)
                ? fmt::format(" ({:.1f} to {:.1f} km at {:.1f} per km)", plan.today.distance_low_km,
                              plan.today.distance_high_km, plan_options.load_per_km)
                : std::string(),
            band, plan.today.limited_by_max_load ? " (capped at twice the biggest day)" : "");
    else if (plan.today.reason == "rest")
        out += fmt::format(
            "today:     rest: even without load {} stays {} {:g} (too much recent "
            "load)\n",
            quantity, falls ? "below" : "above", falls ? plan_options.low : plan_options.high);
    else
        out += fmt::format("today:     even {:.0f} (twice the biggest day) leaves {} {} {:g}\n",
                           plan.today.high, quantity, falls ? "above" : "below",
                           falls ? plan_options.high : plan_options.low);
    auto km = [&](double v) {
        return std::isfinite(v) ? fmt::format(" ({:.1f} km)", v) : std::string();
    };
    out += fmt::format("plan:      {:<12}{:>9}{:>10}  {}\n", "date",
                       unit == "load" ? "load" : "N_eq", a.target, "in band");
    for (std::size_t d = 0; d < plan.load.size(); ++d)
        out += fmt::format("           {:<12}{:>9.0f}{:>10.2f}  {}{}\n",
                           date_of(today + static_cast<std::int64_t>(d)), plan.load[d],
                           plan.value[d], plan.in_band[d] ? "yes" : "no", km(plan.distance_km[d]));
    if (!a.plot.empty()) out += fmt::format("chart:     {}\n", a.plot);
    return out;
}

}  // namespace strideload::cli
