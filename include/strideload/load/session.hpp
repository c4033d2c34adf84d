/// @file
/// @brief Leg load of whole sessions: every step of a run through a per-step GRF model, summed
/// per session in physical units — steps, Σ vertical impulse [N·s], mean and max peak force
/// [N, BW], Σ peak^k, Carter's daily stress stimulus ψ, Miner-equivalent cycles, time at
/// grade bands — plus strength & conditioning minutes.
///
/// - Steps, speeds, contact and flight times and grades come from load/steps.hpp.
/// - The default model is `clark2017` (Clark, Ryan & Weyand 2017 J Exp Biol 220:247): on the
///   measured Fukuchi 2017 treadmill trial it had the smallest peak-force error of the models
///   (+5.9 % bias, 95 % limits +2.2 to +9.6 %; morin2005 −14.3 %, spring_mass −11.2 %,
///   constant_multiple +28.1 %; README "How accurate are the models?"), and it needs no speed,
///   so it also works indoors. Any grf::Model can be chosen.
/// - Peaks are per interval between records (1 s on most watches): every step of an interval
///   shares the interval's speed, contact time and grade, so "max peak" is the highest
///   interval, not the single hardest step.
/// - ψ = (Σ n σ^m)^(1/m) (Carter, Fyhrie & Whalen 1987 J Biomech 20:785; m = 4 by default),
///   Σ peak^k (Kiernan et al. 2018 J Biomech 73:201) and N_eq = Σ n (σ/σ_ref)^k (Miner's rule)
///   use the peak vertical force in bodyweights; see load/cumulative.hpp.
/// - Sports: sessions on foot (io::is_on_foot) become steps; strength & conditioning
///   (io::is_strength) count their minutes; anything else (a ride, a swim) is listed with zero
///   load. An activity file whose sessions are all neither on foot nor strength is refused as
///   a run (Error naming the sport) unless SessionOptions::sport overrides the sport.
#pragma once

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "strideload/athlete.hpp"
#include "strideload/grf/models.hpp"
#include "strideload/io/activity.hpp"
#include "strideload/load/cumulative.hpp"
#include "strideload/load/steps.hpp"

namespace strideload::load {

/// Options of session_load.
struct SessionOptions {
    grf::Model model = grf::Model::clark2017;  ///< per-step GRF model
    grf::ModelOptions model_options;           ///< the model's parameters (gravity, grade)
    StepOptions steps;                         ///< records → steps
    /// Treat every session as this sport ("" = as recorded); e.g. "running" to load a
    /// mislabelled file. Checked against io::is_on_foot / io::is_strength like a recorded one.
    std::string sport;
    double stress_exponent = 4.0;    ///< m of ψ, [1, 20] (Whalen et al. 1988 used 4)
    double damage_exponent = 7.0;    ///< k of Σ peak^k and N_eq, [1, 20] (bone ≈ 6.6–7)
    double reference_load_bw = 2.5;  ///< σ_ref of N_eq [BW], > 0
    /// Grade band edges (rise over run, increasing): time is summed in (−∞, e₀), [e₀, e₁), …,
    /// [e_last, ∞). Default: below −8 %, −8 to −3 %, −3 to 3 %, 3 to 8 %, 8 % and steeper.
    std::vector<double> grade_band_edges{-0.08, -0.03, 0.03, 0.08};

    /// @brief Throws Error naming the first option out of range.
    void validate() const {
        steps.validate();
        strideload::detail::require_in("stress_exponent", stress_exponent, 1.0, 20.0, "");
        strideload::detail::require_in("damage_exponent", damage_exponent, 1.0, 20.0, "");
        strideload::detail::require_in_open_closed("reference_load_bw", reference_load_bw, 0.0,
                                                   20.0, "BW");
        for (std::size_t i = 0; i < grade_band_edges.size(); ++i)
            if (!std::isfinite(grade_band_edges[i]) ||
                (i > 0 && !(grade_band_edges[i] > grade_band_edges[i - 1])))
                throw Error("grade_band_edges[" + std::to_string(i) + "]", grade_band_edges[i],
                            "finite and increasing");
    }
};

/// Load summed over a set of steps and sessions (one session, a day, a week). Sums add; the
/// means and ψ are derived from sums kept alongside (see add()).
struct LoadTotals {
    double sessions = 0;               ///< sessions of any sport
    double foot_sessions = 0;          ///< sessions on foot
    double strength_sessions = 0;      ///< strength & conditioning sessions
    double duration_s = 0;             ///< elapsed time of all sessions [s]
    double moving_s = 0;               ///< time on foot that gave steps [s]
    double distance_m = 0;             ///< distance on foot [m]
    double steps = 0;                  ///< foot strikes (both feet)
    double loaded_steps = 0;           ///< steps the model gave a load for (≤ steps)
    double vertical_impulse_Ns = 0;    ///< Σ vertical impulse [N·s]
    double vertical_impulse_bw_s = 0;  ///< Σ vertical impulse / (m g) [BW·s]
    double mean_peak_N = 0;            ///< step-weighted mean peak vertical force [N]
    double mean_peak_bw = 0;           ///< the same in bodyweights [BW]
    double max_peak_N = 0;             ///< highest interval peak [N]
    double max_peak_bw = 0;            ///< the same in bodyweights [BW]
    double weighted_peak_sum = 0;      ///< Σ n·peak^k [BW^k] (cumulative weighted peak force)
    double stress_stimulus = 0;        ///< ψ = (Σ n·peak^m)^(1/m) [BW]
    double equivalent_cycles = 0;      ///< N_eq = Σ n (peak/σ_ref)^k [cycles at σ_ref]
    double strength_min = 0;           ///< strength & conditioning time [min]
    double paused_s = 0;               ///< pauses inside sessions on foot [s]
    double gps_spikes = 0;             ///< record intervals with impossible speeds
    double walking_steps = 0;          ///< steps without flight time
    double failed_steps = 0;           ///< steps the model refused (counted in steps, not in loads)
    std::vector<double> time_at_grade_s;  ///< moving time per grade band [s]

    /// Σ n·peak^m, kept to combine ψ of several sessions exactly.
    double stress_power_sum = 0;

    /// @brief Adds another total (same options): sums add, maxima take the larger,
    ///        step-weighted means and ψ are recombined exactly.
    /// @param o the other total  @param m the stress exponent both were made with
    void add(const LoadTotals& o, double m) {
        const double n = loaded_steps, no = o.loaded_steps;
        if (n + no > 0) {
            mean_peak_N = (mean_peak_N * n + o.mean_peak_N * no) / (n + no);
            mean_peak_bw = (mean_peak_bw * n + o.mean_peak_bw * no) / (n + no);
        }
        sessions += o.sessions;
        foot_sessions += o.foot_sessions;
        strength_sessions += o.strength_sessions;
        duration_s += o.duration_s;
        moving_s += o.moving_s;
        distance_m += o.distance_m;
        steps += o.steps;
        loaded_steps += o.loaded_steps;
        vertical_impulse_Ns += o.vertical_impulse_Ns;
        vertical_impulse_bw_s += o.vertical_impulse_bw_s;
        max_peak_N = std::max(max_peak_N, o.max_peak_N);
        max_peak_bw = std::max(max_peak_bw, o.max_peak_bw);
        weighted_peak_sum += o.weighted_peak_sum;
        equivalent_cycles += o.equivalent_cycles;
        stress_power_sum += o.stress_power_sum;
        stress_stimulus = std::pow(stress_power_sum, 1.0 / m);
        strength_min += o.strength_min;
        paused_s += o.paused_s;
        gps_spikes += o.gps_spikes;
        walking_steps += o.walking_steps;
        failed_steps += o.failed_steps;
        if (time_at_grade_s.size() < o.time_at_grade_s.size())
            time_at_grade_s.resize(o.time_at_grade_s.size(), 0.0);
        for (std::size_t i = 0; i < o.time_at_grade_s.size(); ++i)
            time_at_grade_s[i] += o.time_at_grade_s[i];
    }
};

/// @brief Calls f(name, value) for every scalar of LoadTotals, in a fixed order: the column
///        names of the CLI's JSON/CSV and of Python's DataFrames.
template <class F>
void for_each_field(const LoadTotals& t, F&& f) {
    f("sessions", t.sessions);
    f("foot_sessions", t.foot_sessions);
    f("strength_sessions", t.strength_sessions);
    f("duration_s", t.duration_s);
    f("moving_s", t.moving_s);
    f("distance_m", t.distance_m);
    f("steps", t.steps);
    f("loaded_steps", t.loaded_steps);
    f("vertical_impulse_Ns", t.vertical_impulse_Ns);
    f("vertical_impulse_bw_s", t.vertical_impulse_bw_s);
    f("mean_peak_N", t.mean_peak_N);
    f("mean_peak_bw", t.mean_peak_bw);
    f("max_peak_N", t.max_peak_N);
    f("max_peak_bw", t.max_peak_bw);
    f("weighted_peak_sum", t.weighted_peak_sum);
    f("stress_stimulus", t.stress_stimulus);
    f("equivalent_cycles", t.equivalent_cycles);
    f("strength_min", t.strength_min);
    f("paused_s", t.paused_s);
    f("gps_spikes", t.gps_spikes);
    f("walking_steps", t.walking_steps);
    f("failed_steps", t.failed_steps);
}

/// @brief Mutable twin of for_each_field(const LoadTotals&, F): f(name, double&).
template <class F>
void for_each_field(LoadTotals& t, F&& f) {
    for_each_field(static_cast<const LoadTotals&>(t),
                   [&](const char* name, const double& v) { f(name, const_cast<double&>(v)); });
}

/// @brief Column name of grade band i for @p edges: "time_grade_below_-8pct_s",
///        "time_grade_-8_to_-3pct_s", …, "time_grade_8pct_and_up_s".
inline std::string grade_band_name(const std::vector<double>& edges, std::size_t i) {
    auto pct = [](double e) {
        std::string s = std::to_string(e * 100.0);
        s.erase(s.find_last_not_of('0') + 1);
        if (!s.empty() && s.back() == '.') s.pop_back();
        return s;
    };
    if (edges.empty()) return "time_grade_all_s";
    if (i == 0) return "time_grade_below_" + pct(edges.front()) + "pct_s";
    if (i == edges.size()) return "time_grade_" + pct(edges.back()) + "pct_and_up_s";
    return "time_grade_" + pct(edges[i - 1]) + "_to_" + pct(edges[i]) + "pct_s";
}

/// One session's load.
struct SessionLoad {
    std::string source;     ///< the file it came from
    std::size_t index = 0;  ///< session index in the file
    std::string sport;      ///< the sport used (after any override)
    std::string sub_sport;  ///< as recorded
    double start_s = 0;     ///< start, Unix time [s]
    double utc_offset_s = std::numeric_limits<double>::quiet_NaN();  ///< from the file, if any
    bool on_foot = false;                                            ///< its steps were loaded
    bool strength = false;     ///< counted as strength & conditioning
    std::string steps_from;    ///< StepReport::steps_from() ("none" off foot)
    std::string contact_from;  ///< StepReport::contact_from()
    double rpe = std::numeric_limits<double>::quiet_NaN();  ///< session RPE from a log
    LoadTotals totals;                                      ///< the numbers
    StepReport report;                                      ///< how records became steps
};

namespace detail {

/// The per-step load columns of @p model over step estimates; rows the batch kernel refuses
/// are retried one by one and refused rows get NaN.
inline void interval_loads(const StepEstimates& e, const Athlete& athlete, const SessionOptions& o,
                           std::vector<double>& peak_N, std::vector<double>& impulse_Ns) {
    const std::size_t n = e.size();
    const double g = o.model_options.gravity.value();
    std::vector<double> mass(n, athlete.mass.value()), leg(n, athlete.leg_length.value());
    grf::StepBatchInput in{mass, e.speed_m_s, e.contact_time_s, e.flight_time_s, leg, g};
    peak_N.assign(n, NAN);
    impulse_Ns.assign(n, NAN);
    try {
        const grf::StepBatch b = grf::step_load_batch(o.model, in, o.model_options, e.grade);
        for (std::size_t i = 0; i < n; ++i) {
            peak_N[i] = b.peak_vertical_force_N[static_cast<Eigen::Index>(i)];
            impulse_Ns[i] = b.vertical_impulse_Ns[static_cast<Eigen::Index>(i)];
        }
        return;
    } catch (const Error&) {
        // fall through: find the rows the model refuses
    }
    for (std::size_t i = 0; i < n; ++i) {
        try {
            const Stride stride =
                Stride::make(meters_per_second(e.speed_m_s[i]), seconds(e.contact_time_s[i]),
                             seconds(e.flight_time_s[i]), e.grade[i]);
            const grf::StepLoad l = grf::step_load(o.model, athlete, stride, o.model_options);
            peak_N[i] = l.peak_vertical_force.value();
            impulse_Ns[i] = l.vertical_impulse.value();
        } catch (const Error&) {
        }
    }
}

}  // namespace detail

/// @brief Loads of one session's step estimates (see the file comment).
/// @param estimates session_steps' result
/// @param athlete   mass and leg length of the runner
/// @param options   model and exponents
/// @return the totals of those steps (sessions counts left 0; session_load sets them)
inline LoadTotals step_totals(const StepEstimates& estimates, const Athlete& athlete,
                              const SessionOptions& options = {}) {
    LoadTotals t;
    const std::size_t n = estimates.size();
    t.time_at_grade_s.assign(options.grade_band_edges.size() + 1, 0.0);
    if (n == 0) return t;
    std::vector<double> peak_N, impulse_Ns;
    detail::interval_loads(estimates, athlete, options, peak_N, impulse_Ns);
    const double bw = athlete.mass.value() * options.model_options.gravity.value();
    std::vector<double> peaks_bw, counts;
    peaks_bw.reserve(n);
    counts.reserve(n);
    double peak_sum = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        const double steps = estimates.steps[i];
        t.steps += steps;
        t.moving_s += estimates.duration_s[i];
        const auto& edges = options.grade_band_edges;
        const auto band = static_cast<std::size_t>(
            std::upper_bound(edges.begin(), edges.end(), estimates.grade[i]) - edges.begin());
        t.time_at_grade_s[band] += estimates.duration_s[i];
        if (!(std::isfinite(peak_N[i]) && std::isfinite(impulse_Ns[i]))) {
            t.failed_steps += steps;
            continue;
        }
        t.loaded_steps += steps;
        t.vertical_impulse_Ns += steps * impulse_Ns[i];
        peak_sum += steps * peak_N[i];
        t.max_peak_N = std::max(t.max_peak_N, peak_N[i]);
        peaks_bw.push_back(peak_N[i] / bw);
        counts.push_back(steps);
    }
    t.vertical_impulse_bw_s = t.vertical_impulse_Ns / bw;
    if (t.loaded_steps > 0) {
        t.mean_peak_N = peak_sum / t.loaded_steps;
        t.mean_peak_bw = t.mean_peak_N / bw;
    }
    t.max_peak_bw = t.max_peak_N / bw;
    const double m = options.stress_exponent, k = options.damage_exponent;
    t.stress_power_sum = detail::weighted_power_sum(peaks_bw, counts, m, 1.0, "stress_exponent");
    t.stress_stimulus = std::pow(t.stress_power_sum, 1.0 / m);
    t.weighted_peak_sum = cumulative_weighted_peak(peaks_bw, k, counts);
    t.equivalent_cycles = equivalent_cycles(peaks_bw, options.reference_load_bw, k, counts);
    t.walking_steps = estimates.report.walking_steps;
    t.paused_s = estimates.report.paused_s;
    t.gps_spikes = static_cast<double>(estimates.report.gps_spikes);
    return t;
}

/// @brief Load of every session of an activity.
/// @param activity an activity read by io::read_activity (or built by hand)
/// @param athlete  the runner (mass, leg length)
/// @param options  model, exponents, step options, sport override
/// @return one SessionLoad per session, in the activity's order
/// @throws Error when no session is on foot or strength & conditioning (naming the sport and
///         the file; set options.sport to override), for bad options, or when a session on
///         foot has no way to estimate contact times
inline std::vector<SessionLoad> session_load(const io::Activity& activity, const Athlete& athlete,
                                             const SessionOptions& options = {}) {
    options.validate();
    std::vector<SessionLoad> out;
    bool any = false;
    std::string others;
    for (const io::ActivitySession& s : activity.sessions) {
        const std::string& sport = options.sport.empty() ? s.sport : options.sport;
        if (io::is_on_foot(sport) || io::is_strength(sport))
            any = true;
        else if (others.find(sport) == std::string::npos)
            others += (others.empty() ? "" : ", ") + sport;
    }
    if (!any && activity.format != "log" && !activity.sessions.empty())
        throw Error("sport",
                    activity.source + ": sport '" + others + "' " +
                        (others == "unknown"
                             ? "(the file names none, e.g. a FIT file cut before its session "
                               "message) is not known to be on foot"
                             : "is not on foot") +
                        ", so its records are not foot strikes (give the sport, e.g. running, "
                        "to load it anyway)");
    for (std::size_t i = 0; i < activity.sessions.size(); ++i) {
        const io::ActivitySession& s = activity.sessions[i];
        SessionLoad l;
        l.source = activity.source;
        l.index = i;
        l.sport = options.sport.empty() ? s.sport : options.sport;
        l.sub_sport = s.sub_sport;
        l.start_s = s.start_s;
        l.utc_offset_s = s.utc_offset_s;
        l.rpe = s.rpe;
        l.on_foot = io::is_on_foot(l.sport);
        l.strength = !l.on_foot && io::is_strength(l.sport);
        if (l.on_foot) {
            const StepEstimates e = session_steps(activity, i, options.steps);
            l.totals = step_totals(e, athlete, options);
            l.report = e.report;
            l.totals.foot_sessions = 1;
            const double distance = std::isfinite(s.distance_m) ? s.distance_m : e.distance_m;
            l.totals.distance_m = std::isfinite(distance) ? distance : 0.0;
        } else {
            l.totals.time_at_grade_s.assign(options.grade_band_edges.size() + 1, 0.0);
        }
        l.steps_from = l.report.steps_from();
        l.contact_from = l.report.contact_from();
        l.totals.sessions = 1;
        l.totals.duration_s = std::isfinite(s.duration_s) ? s.duration_s : 0.0;
        if (l.strength) {
            l.totals.strength_sessions = 1;
            l.totals.strength_min = l.totals.duration_s / 60.0;
        }
        out.push_back(std::move(l));
    }
    return out;
}

}  // namespace strideload::load
