/// @file
/// @brief From watch records to foot strikes: each interval between two records of a session
/// on foot becomes a group of identical step estimates (how many steps, at what speed,
/// contact time, flight time and grade), ready for a per-step load model.
///
/// **Steps** in an interval of length Δt come from, in order of preference (the source of each
/// is counted, never hidden):
/// 1. the recorded cadence: steps = 2 × cadence [strides/min] / 60 × Δt (FIT, TCX and Garmin's
///    GPX extensions record strides per minute of one foot);
/// 2. the recorded step length: steps = Δdistance / step length;
/// 3. an assumed cadence (`assumed_cadence_spm`, 170 steps/min by default) while moving.
///
/// **Contact time** is the recorded stance time when there is one (Garmin running dynamics);
/// otherwise it follows from the step time and the speed by impulse balance with Weyand &
/// Davis' measured stance-averaged force: F̄/W = a + b·v (Weyand PG, Davis JA (2005) J Exp
/// Biol 208:2625, Fig. 1B: a = 1.27, b = 0.105 s/m for men; 1.24 and 0.106 for women, n = 9
/// each) and F̄/W = t_step / t_c (Weyand et al. 2000 J Appl Physiol 89:1991), so
/// t_c = t_step / (a + b·v). A step whose contact would fill the whole step time (walking,
/// double support) gets flight time 0 and is counted as a walking step.
///
/// **Grade** is the slope of altitude over distance: altitude is averaged over
/// ±`grade_window_m`/2 of distance around each record, and the grade is the rise of that
/// smoothed altitude across the same window divided by the distance covered (at least a
/// quarter of the window, else 0: standing, or too little distance), clipped to ±`max_grade`
/// (clipped records counted). Near the ends the window shrinks to stay centred, so a steady
/// slope keeps its grade. No altitude or distance: grade 0.
///
/// **Pauses and GPS spikes**: a record interval longer than `pause_gap_s` is a pause (no
/// steps); an interval with no cadence and a speed below `min_moving_speed_m_s` (or a
/// cadence of 0 and such a speed) is standing still; a speed above `max_speed_m_s` is a GPS
/// spike: the interval keeps its steps but takes the session's median speed. All are counted
/// in StepReport.
///
/// Units: SI doubles with unit suffixes (this is a kernel-level API).
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

#include "strideload/error.hpp"
#include "strideload/io/activity.hpp"

namespace strideload::load {

/// Weyand & Davis (2005) Fig. 1B stance-averaged vertical force per bodyweight vs speed:
/// F̄/W = a + b·v.
struct StanceForceRelation {
    double intercept = 1.27;       ///< a [BW] (men; women 1.24)
    double slope_s_per_m = 0.105;  ///< b [BW·s/m] (men; women 0.106)

    /// @brief Women's line of Weyand & Davis (2005) Fig. 1B.
    static constexpr StanceForceRelation female() { return {1.24, 0.106}; }
    /// @brief Contact time t_c = t_step / (a + b·v) [s].
    /// @param step_time_s step time [s]  @param speed_m_s running speed [m/s]
    double contact_time_s(double step_time_s, double speed_m_s) const {
        return step_time_s / (intercept + slope_s_per_m * speed_m_s);
    }
};

/// How records become step estimates.
struct StepOptions {
    double pause_gap_s = 30.0;             ///< a record interval longer than this is a pause [s]
    double min_moving_speed_m_s = 0.5;     ///< slower without cadence = standing still [m/s]
    double max_speed_m_s = 12.5;           ///< faster = GPS spike [m/s]
    double assumed_cadence_spm = 170.0;    ///< when neither cadence nor step length [steps/min]
    double min_cadence_spm = 60.0;         ///< recorded cadence below this is not trusted
    double max_cadence_spm = 300.0;        ///< recorded cadence above this is not trusted
    double grade_window_m = 100.0;         ///< altitude smoothing and grade baseline [m]
    double max_grade = 0.45;               ///< grades are clipped to ±this (rise over run)
    StanceForceRelation contact_relation;  ///< speed → contact time when none is recorded

    /// @brief Throws Error naming the first option out of range.
    void validate() const {
        strideload::detail::require_in("pause_gap_s", pause_gap_s, 1.0, 86400.0, "s");
        strideload::detail::require_in("min_moving_speed_m_s", min_moving_speed_m_s, 0.0, 5.0,
                                       "m/s");
        strideload::detail::require_in("max_speed_m_s", max_speed_m_s, 1.0, 50.0, "m/s");
        strideload::detail::require_in("assumed_cadence_spm", assumed_cadence_spm, 30.0, 400.0,
                                       "steps/min");
        strideload::detail::require_in("min_cadence_spm", min_cadence_spm, 1.0, 400.0, "steps/min");
        strideload::detail::require_in("max_cadence_spm", max_cadence_spm, min_cadence_spm, 400.0,
                                       "steps/min");
        strideload::detail::require_in("grade_window_m", grade_window_m, 1.0, 10000.0, "m");
        strideload::detail::require_in("max_grade", max_grade, 0.0, 0.45, "(rise over run)");
        strideload::detail::require_in("contact_relation.intercept", contact_relation.intercept,
                                       0.5, 5.0, "BW");
        strideload::detail::require_in("contact_relation.slope_s_per_m",
                                       contact_relation.slope_s_per_m, 0.0, 1.0, "BW·s/m");
    }
};

/// What happened to a session's records on the way to steps (times [s], counts of steps).
struct StepReport {
    double moving_s = 0.0;                  ///< time in intervals that gave steps [s]
    double paused_s = 0.0;                  ///< time in gaps longer than pause_gap_s [s]
    double standing_s = 0.0;                ///< time standing still [s]
    double steps_from_cadence = 0.0;        ///< steps counted from recorded cadence
    double steps_from_step_length = 0.0;    ///< steps from distance / recorded step length
    double steps_assumed = 0.0;             ///< steps from the assumed cadence
    double steps_from_log = 0.0;            ///< steps of a hand-logged session
    double contact_from_stance_time = 0.0;  ///< steps whose contact time was recorded
    double contact_from_relation = 0.0;     ///< steps whose contact time came from speed
    double walking_steps = 0.0;             ///< steps with no flight time (contact = step time)
    std::size_t gps_spikes = 0;             ///< intervals with a speed above max_speed_m_s
    std::size_t grade_clipped = 0;          ///< records whose grade was clipped
    std::size_t speed_filled = 0;           ///< intervals given the median speed (none recorded)

    /// @brief How the steps were counted: "cadence", "step_length", "assumed_cadence", "log",
    ///        "mixed" (more than one source, see the counts) or "none".
    std::string steps_from() const {
        return source({{"cadence", steps_from_cadence},
                       {"step_length", steps_from_step_length},
                       {"assumed_cadence", steps_assumed},
                       {"log", steps_from_log}});
    }
    /// @brief Where contact times came from: "stance_time", "speed_relation", "mixed", "none".
    std::string contact_from() const {
        return source(
            {{"stance_time", contact_from_stance_time}, {"speed_relation", contact_from_relation}});
    }

  private:
    struct Named {
        const char* name;
        double count;
    };
    static std::string source(std::initializer_list<Named> sources) {
        std::string found = "none";
        int n = 0;
        for (const Named& s : sources)
            if (s.count > 0.0) {
                found = s.name;
                ++n;
            }
        return n > 1 ? "mixed" : found;
    }
};

/// Step estimates of one session: row i is `steps[i]` identical steps (fractional counts are
/// kept: the sum over a session is the step count).
struct StepEstimates {
    std::vector<double> time_s;          ///< start of the interval, Unix time [s]
    std::vector<double> duration_s;      ///< interval length [s]
    std::vector<double> steps;           ///< steps in the interval
    std::vector<double> speed_m_s;       ///< speed [m/s]
    std::vector<double> contact_time_s;  ///< contact time per step [s]
    std::vector<double> flight_time_s;   ///< flight time per step [s]
    std::vector<double> grade;           ///< rise over run
    /// Distance the session's records cover [m] (recorded, else from positions); NaN when
    /// they record neither, or for a hand-logged session.
    double distance_m = std::numeric_limits<double>::quiet_NaN();
    StepReport report;  ///< what was counted, filled, dropped

    /// @brief Number of intervals (rows).
    std::size_t size() const noexcept { return steps.size(); }
    /// @brief Total steps.
    double total_steps() const { return std::accumulate(steps.begin(), steps.end(), 0.0); }
};

namespace detail {

/// Great-circle distance [m] on a sphere of the mean Earth radius (IUGG, 6371008.8 m).
inline double haversine_m(double lat1, double lon1, double lat2, double lon2) {
    constexpr double r = 6371008.8, rad = 3.14159265358979323846 / 180.0;
    const double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
    const double h =
        std::sin(dlat / 2) * std::sin(dlat / 2) +
        std::cos(lat1 * rad) * std::cos(lat2 * rad) * std::sin(dlon / 2) * std::sin(dlon / 2);
    return 2.0 * r * std::asin(std::min(1.0, std::sqrt(h)));
}

/// Cumulative distance of records [a, b): the recorded one (gaps carried forward), else from
/// positions, else NaN throughout.
inline std::vector<double> session_distance(const io::ActivityRecords& r, std::size_t a,
                                            std::size_t b) {
    const std::size_t n = b - a;
    std::vector<double> d(n, std::numeric_limits<double>::quiet_NaN());
    std::size_t recorded = 0, positioned = 0;
    for (std::size_t i = a; i < b; ++i) {
        recorded += std::isfinite(r.distance_m[i]);
        positioned += std::isfinite(r.latitude_deg[i]) && std::isfinite(r.longitude_deg[i]);
    }
    if (recorded > 0 && recorded * 2 >= positioned) {
        double last = std::numeric_limits<double>::quiet_NaN();
        for (std::size_t i = 0; i < n; ++i) {
            const double v = r.distance_m[a + i];
            if (std::isfinite(v) && !(v < last)) last = v;  // never backwards
            d[i] = last;
        }
        // Leading records before the first distance start at the first value.
        const auto first =
            std::find_if(d.begin(), d.end(), [](double v) { return std::isfinite(v); });
        if (first != d.end()) std::fill(d.begin(), first, *first);
    } else if (positioned > 0) {
        double total = 0.0, lat = NAN, lon = NAN;
        for (std::size_t i = 0; i < n; ++i) {
            const double la = r.latitude_deg[a + i], lo = r.longitude_deg[a + i];
            if (std::isfinite(la) && std::isfinite(lo)) {
                if (std::isfinite(lat)) total += haversine_m(lat, lon, la, lo);
                lat = la;
                lon = lo;
            }
            d[i] = total;
        }
    }
    return d;
}

/// Grade per record of [a, b) from altitude over cumulative distance @p d (see the file
/// comment); 0 where it cannot be computed.
inline std::vector<double> session_grade(const io::ActivityRecords& r, std::size_t a,
                                         const std::vector<double>& d, const StepOptions& o,
                                         std::size_t& clipped) {
    const std::size_t n = d.size();
    std::vector<double> g(n, 0.0);
    std::vector<double> alt(n), dist;
    std::vector<std::size_t> idx;  // records with both altitude and distance
    for (std::size_t i = 0; i < n; ++i) {
        alt[i] = r.altitude_m[a + i];
        if (std::isfinite(alt[i]) && std::isfinite(d[i])) idx.push_back(i);
    }
    if (idx.size() < 2) return g;
    dist.reserve(idx.size());
    for (std::size_t i : idx) dist.push_back(d[i]);
    const double half = o.grade_window_m / 2.0;
    // Smoothed altitude: mean of the altitudes within ±h of distance, h = half the window
    // shrunk near the ends so the window stays centred (a straight slope stays straight).
    std::vector<double> prefix(idx.size() + 1, 0.0), smooth(idx.size());
    for (std::size_t k = 0; k < idx.size(); ++k) prefix[k + 1] = prefix[k] + alt[idx[k]];
    for (std::size_t k = 0; k < idx.size(); ++k) {
        const double h = std::min({half, dist[k] - dist.front(), dist.back() - dist[k]});
        const auto first = std::lower_bound(dist.begin(), dist.end(), dist[k] - h);
        const auto last = std::upper_bound(dist.begin(), dist.end(), dist[k] + h);
        const auto i0 = static_cast<std::size_t>(first - dist.begin());
        const auto i1 = static_cast<std::size_t>(last - dist.begin());
        smooth[k] = (prefix[i1] - prefix[i0]) / static_cast<double>(i1 - i0);
    }
    // Grade: rise of the smoothed altitude across the window / distance covered.
    std::size_t lo = 0, hi = 0;
    for (std::size_t k = 0; k < idx.size(); ++k) {
        while (hi + 1 < idx.size() && dist[hi + 1] <= dist[k] + half) ++hi;
        while (dist[lo] < dist[k] - half) ++lo;
        const double run = dist[hi] - dist[lo];
        double grade = 0.0;
        if (run >= 0.5 * half) grade = (smooth[hi] - smooth[lo]) / run;
        if (std::abs(grade) > o.max_grade) {
            grade = std::copysign(o.max_grade, grade);
            ++clipped;
        }
        g[idx[k]] = grade;
    }
    // Records without altitude take the grade of the previous one that has it.
    double last = 0.0;
    std::size_t k = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (k < idx.size() && idx[k] == i)
            last = g[i], ++k;
        else
            g[i] = last;
    }
    return g;
}

inline double median(std::vector<double> v) {
    if (v.empty()) return std::numeric_limits<double>::quiet_NaN();
    const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
    std::nth_element(v.begin(), mid, v.end());
    return *mid;
}

}  // namespace detail

/// @brief Turns the records of one session into step estimates (see the file comment).
/// @param activity the activity (records in time order, as the readers give them)
/// @param session  index into activity.sessions; a hand-logged session (no records) gives one
///                 row from its duration, distance, cadence and contact time
/// @param options  thresholds and fallbacks
/// @return the step estimates; empty when the session has no moving records
/// @throws Error for a bad option or session index, or when contact times are needed but
///         neither stance time nor any speed or distance is recorded
inline StepEstimates session_steps(const io::Activity& activity, std::size_t session,
                                   const StepOptions& options = {}) {
    options.validate();
    if (session >= activity.sessions.size())
        throw Error("session", static_cast<double>(session),
                    "an index below the number of sessions (" +
                        std::to_string(activity.sessions.size()) + ")");
    const io::ActivitySession& s = activity.sessions[session];
    const io::ActivityRecords& r = activity.records;
    const StepOptions& o = options;
    StepEstimates out;
    auto push = [&](double t, double dt, double steps, double v, double tc, double tf,
                    double grade) {
        out.time_s.push_back(t);
        out.duration_s.push_back(dt);
        out.steps.push_back(steps);
        out.speed_m_s.push_back(v);
        out.contact_time_s.push_back(tc);
        out.flight_time_s.push_back(tf);
        out.grade.push_back(grade);
    };
    // Contact and flight of a step of step time ts at speed v (NaN: not known yet).
    auto contact = [&](double ts, double v, double recorded, double steps, double& tc, double& tf) {
        if (std::isfinite(recorded) && recorded > 0.05 && recorded < 2.0) {
            tc = recorded;
            out.report.contact_from_stance_time += steps;
        } else {
            tc = std::isfinite(v) ? o.contact_relation.contact_time_s(ts, v) : NAN;
            out.report.contact_from_relation += steps;
        }
        tf = ts - tc;
        if (tf <= 0.0) {
            tc = ts;
            tf = 0.0;
            out.report.walking_steps += steps;
        }
    };

    if (s.end_record <= s.first_record) {  // a hand-logged session
        if (!(std::isfinite(s.duration_s) && s.duration_s > 0.0)) return out;
        const double v = std::isfinite(s.distance_m) ? s.distance_m / s.duration_s : NAN;
        double spm = s.cadence_spm;
        if (std::isfinite(spm) && spm > 0.0) {
            out.report.steps_from_log = spm * s.duration_s / 60.0;
        } else {
            spm = o.assumed_cadence_spm;
            out.report.steps_assumed = spm * s.duration_s / 60.0;
        }
        const double steps = spm * s.duration_s / 60.0;
        double tc = NAN, tf = NAN;
        contact(60.0 / spm, v, s.contact_time_s, steps, tc, tf);
        if (!std::isfinite(tc))
            throw Error("distance_km",
                        "session at " + std::to_string(s.start_s) +
                            " has neither a contact time nor a distance to estimate it from");
        out.report.moving_s = s.duration_s;
        push(s.start_s, s.duration_s, steps, v, tc, tf, 0.0);
        return out;
    }

    const std::size_t a = s.first_record, b = s.end_record;
    const std::vector<double> d = detail::session_distance(r, a, b);
    out.distance_m = d.back() - d.front();
    const std::vector<double> grade = detail::session_grade(r, a, d, o, out.report.grade_clipped);
    // Per row, for the contact times, which need every speed first (median fill):
    std::vector<double> step_time, stance;  // step time and recorded stance time [s]
    for (std::size_t i = a; i + 1 < b; ++i) {
        const std::size_t k = i - a;
        const double dt = r.time_s[i + 1] - r.time_s[i];
        if (!(dt > 0.0)) continue;
        if (dt > o.pause_gap_s) {
            out.report.paused_s += dt;
            continue;
        }
        double v = r.speed_m_s[i + 1];
        const double dd = d[k + 1] - d[k];
        if (!std::isfinite(v) && std::isfinite(dd)) v = dd / dt;
        bool spike = false;
        if (std::isfinite(v) && v > o.max_speed_m_s) {
            spike = true;
            ++out.report.gps_spikes;
            v = NAN;
        }
        const double cad = r.cadence_rpm[i + 1];
        const bool cadence_ok =
            std::isfinite(cad) && 2.0 * cad >= o.min_cadence_spm && 2.0 * cad <= o.max_cadence_spm;
        // Without a usable cadence: standing when slow, or when the cadence reads 0 and
        // nothing says the runner moved. A moving runner whose cadence reads 0 is a sensor
        // dropout and falls back to step length or the assumed cadence.
        const bool slow = std::isfinite(v) && v < o.min_moving_speed_m_s;
        const bool zero_cadence = std::isfinite(cad) && cad == 0.0;
        if (!cadence_ok && (slow || (zero_cadence && !std::isfinite(v) && !spike))) {
            out.report.standing_s += dt;
            continue;
        }
        double spm = 0.0, steps = 0.0;
        const double step_length = r.step_length_m[i + 1];
        if (cadence_ok) {
            spm = 2.0 * cad;
            steps = spm / 60.0 * dt;
            out.report.steps_from_cadence += steps;
        } else if (std::isfinite(step_length) && step_length > 0.2 && std::isfinite(v)) {
            spm = 60.0 * v / step_length;
            if (spm < o.min_cadence_spm || spm > o.max_cadence_spm) spm = o.assumed_cadence_spm;
            steps = spm / 60.0 * dt;
            out.report.steps_from_step_length += steps;
        } else {
            spm = o.assumed_cadence_spm;
            steps = spm / 60.0 * dt;
            out.report.steps_assumed += steps;
        }
        out.report.moving_s += dt;
        push(r.time_s[i], dt, steps, v, NAN, NAN, 0.5 * (grade[k] + grade[k + 1]));
        step_time.push_back(60.0 / spm);
        stance.push_back(r.stance_time_s[i + 1]);
    }
    // Unknown speeds (spikes, no distance) take the median of the known ones.
    std::vector<double> known;
    for (double v : out.speed_m_s)
        if (std::isfinite(v)) known.push_back(v);
    const double fill = detail::median(known);
    for (std::size_t j = 0; j < out.size(); ++j) {
        if (!std::isfinite(out.speed_m_s[j]) && std::isfinite(fill)) {
            out.speed_m_s[j] = fill;
            ++out.report.speed_filled;
        }
        double tc = NAN, tf = NAN;
        contact(step_time[j], out.speed_m_s[j], stance[j], out.steps[j], tc, tf);
        if (!std::isfinite(tc))
            throw Error("speed_m_s",
                        "session starting at Unix time " + std::to_string(s.start_s) + " of " +
                            activity.source +
                            " records neither stance time nor speed, distance or position: "
                            "contact times cannot be estimated");
        out.contact_time_s[j] = tc;
        out.flight_time_s[j] = tf;
    }
    return out;
}

}  // namespace strideload::load
