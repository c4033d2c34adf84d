/// @file
/// Per-stance metrics of a measured ground reaction force: contact, flight and step time,
/// cadence, vertical impact and active peaks, vertical average and instantaneous loading rates,
/// vertical impulse and mean force, and braking/propulsive peaks and impulses from the
/// anterior-posterior force; one stance at a time or as a table over all stances of a trial,
/// and a summary (means, SDs, cadence, impulse balance) of the table.
///
/// Definitions (times after touchdown; "BW" = m·g, g = MetricOptions::gravity):
/// - Contact time = take-off − touchdown, the interpolated threshold crossings of
///   detect_stances; flight time = next touchdown − this take-off; step time = next touchdown −
///   this touchdown; cadence = 60 / step time [steps/min]. The "next" stance is the next one
///   detected, complete or not; the last stance of a trial has NaN flight and step time.
/// - Impact peak: the first local maximum of the vertical force (a sample higher than the one
///   before and not lower than the one after) within the first `impact_window_fraction` (40 %)
///   of contact that exceeds `impact_min_bw` (0.8 BW). Rearfoot strikers show one; midfoot and
///   forefoot strikers usually do not, and it is then NaN (Cavanagh PR, Lafortune MA (1980)
///   "Ground reaction forces in distance running", J Biomech 13:397–406).
/// - Loading-rate landmark: the impact peak, or without one the force at `landmark_fraction`
///   (13 %) of contact (Blackmore T, Willy RW, Creaby MW (2016) "The high frequency component
///   of the vertical ground reaction force is a valid surrogate measure of the impact peak",
///   J Biomech 49:479–483; used by Davis IS, Bowser BJ, Mullineaux DR (2016) "Greater vertical
///   impact loading in female runners with medically diagnosed injuries: a prospective
///   investigation", Br J Sports Med 50:887–892). Recorded per stance.
/// - VALR = (F(t80) − F(t20)) / (t80 − t20), with t20, t80 the first times the force reaches
///   20 % and 80 % of the landmark force (interpolated between samples, or the first samples
///   at or above them with `loading_rate_at_samples`); VILR = the steepest sample-to-sample
///   slope within [t20, t80] (Milner CE, Ferber R, Pollard CD, Hamill J, Davis
///   IS (2006) "Biomechanical factors associated with tibial stress fracture in female
///   runners", Med Sci Sports Exerc 38:323–328). In N/s and BW/s. VILR depends on the sample
///   rate and filtering; VALR much less.
/// - Active peak: the largest sample after the impact peak (of the whole stance without one),
///   and its time after touchdown.
/// - Vertical impulse = ∫F dt from touchdown to take-off by the trapezoid rule over the
///   samples, with the force at touchdown and take-off taken on the line between the samples
///   around each crossing (i.e. the threshold and release levels), in N·s and BW·s; mean
///   vertical force = impulse / contact time. Impulse balance over a steady step (Weyand PG,
///   et al. (2000) J Appl Physiol 89:1991–1999): impulse ≈ m·g·step time, i.e. BW·s ≈ step s.
/// - Braking / propulsion from the AP force F_ap, oriented by `ap_sign` so that propulsion is
///   positive (default: the data's positive axis is the running direction, as in Fukuchi et
///   al. 2017 whose Fx is negative in early stance). Braking peak = −min F_ap; the braking
///   phase runs from touchdown to where F_ap first turns non-negative after that minimum; the
///   propulsive phase from there to take-off; impulses are the net ∫F_ap over each phase (as
///   positive magnitudes: braking = −∫, propulsive = +∫); propulsive peak = max F_ap in the
///   propulsive phase. Peaks are ≥ 0 (0 when a phase is absent). NaN without an AP signal.
#pragma once

#include <Eigen/Core>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "strideload/detail/kernel.hpp"
#include "strideload/detail/stance_metrics.hpp"
#include "strideload/error.hpp"
#include "strideload/units.hpp"
#include "strideload/waveform/stances.hpp"

namespace strideload::waveform {

/// Orientation of the anterior-posterior force in the data.
enum class ApSign {
    propulsive_positive,  ///< + = running direction (propulsive); braking comes first, negative
    braking_positive,     ///< + = against the running direction; braking comes first, positive
};

/// Which force the loading rates are computed up to.
enum class LoadingRateLandmark : int {
    impact_peak = 0,      ///< the impact peak
    stance_fraction = 1,  ///< the force at MetricOptions::landmark_fraction of contact
};

/// Runner and definitions for the metrics.
struct MetricOptions {
    Mass mass;                                  ///< body mass, 20–250 kg (required) [kg]
    Acceleration gravity = standard_gravity();  ///< bodyweight = mass × gravity [m/s²]
    double impact_window_fraction = 0.4;        ///< impact peak searched in this share of contact
    double impact_min_bw = 0.8;                 ///< an impact peak exceeds this [BW]
    double landmark_fraction = 0.13;            ///< fallback landmark, share of contact (13 %)
    double loading_rate_from = 0.2;  ///< loading-rate window start, share of landmark force
    double loading_rate_to = 0.8;    ///< loading-rate window end, share of landmark force
    ApSign ap_sign = ApSign::propulsive_positive;  ///< orientation of the AP force
    /// false (default): t20, t80 are the interpolated crossings of the 20 % / 80 % levels.
    /// true: the first samples at or above the levels, with their sample values — the common
    /// discrete implementation (e.g. the Fukuchi 2017 reference figures in tests/data), which
    /// overestimates the rate at low sample rates: +7 % at 300 Hz on the Fukuchi trial, whose
    /// band-limited (10× upsampled) signal gives the interpolated value within 1.5 %.
    bool loading_rate_at_samples = false;
};

/// Metrics of one stance, SI doubles (NaN where not defined). Keys as in StanceTable.
struct StanceMetrics {
    double contact_time_s;
    double impact_peak_N, impact_peak_bw, impact_peak_time_s;
    double active_peak_N, active_peak_bw, active_peak_time_s;
    double valr_bw_per_s, vilr_bw_per_s, valr_N_per_s, vilr_N_per_s;
    double vertical_impulse_Ns, vertical_impulse_bw_s;
    double mean_vertical_force_N, mean_vertical_force_bw;
    double braking_peak_N, braking_peak_bw, braking_impulse_Ns;
    double propulsive_peak_N, propulsive_peak_bw, propulsive_impulse_Ns;
    LoadingRateLandmark loading_rate_landmark;
};

/// Metrics of the complete stances of a trial, one row per complete stance in time order,
/// SI columns (NaN where not defined: no impact peak, no AP signal, no next stance).
/// Caller-owned: pass the same object again and its storage is reused.
struct StanceTable {
    Eigen::VectorXd start_s;                 ///< touchdown, from the first sample [s]
    Eigen::VectorXd contact_time_s;          ///< [s]
    Eigen::VectorXd flight_time_s;           ///< to the next touchdown [s]
    Eigen::VectorXd step_time_s;             ///< touchdown to next touchdown [s]
    Eigen::VectorXd cadence_spm;             ///< 60 / step time [steps/min]
    Eigen::VectorXd impact_peak_N;           ///< [N]
    Eigen::VectorXd impact_peak_bw;          ///< [BW]
    Eigen::VectorXd impact_peak_time_s;      ///< after touchdown [s]
    Eigen::VectorXd active_peak_N;           ///< [N]
    Eigen::VectorXd active_peak_bw;          ///< [BW]
    Eigen::VectorXd active_peak_time_s;      ///< after touchdown [s]
    Eigen::VectorXd valr_bw_per_s;           ///< vertical average loading rate [BW/s]
    Eigen::VectorXd vilr_bw_per_s;           ///< vertical instantaneous loading rate [BW/s]
    Eigen::VectorXd valr_N_per_s;            ///< [N/s]
    Eigen::VectorXd vilr_N_per_s;            ///< [N/s]
    Eigen::VectorXd vertical_impulse_Ns;     ///< [N·s]
    Eigen::VectorXd vertical_impulse_bw_s;   ///< [BW·s]
    Eigen::VectorXd mean_vertical_force_N;   ///< over contact [N]
    Eigen::VectorXd mean_vertical_force_bw;  ///< over contact [BW]
    Eigen::VectorXd braking_peak_N;          ///< magnitude [N]
    Eigen::VectorXd braking_peak_bw;         ///< [BW]
    Eigen::VectorXd braking_impulse_Ns;      ///< magnitude [N·s]
    Eigen::VectorXd propulsive_peak_N;       ///< [N]
    Eigen::VectorXd propulsive_peak_bw;      ///< [BW]
    Eigen::VectorXd propulsive_impulse_Ns;   ///< [N·s]
    Eigen::VectorXi loading_rate_landmark;   ///< LoadingRateLandmark: 0 impact peak, 1 13 %
    Eigen::VectorXi stance_index;            ///< row's position in the stances given

    /// @return the number of rows (complete stances)
    Eigen::Index size() const { return start_s.size(); }
};

/// @brief Calls `f(key, column)` for every column of @p table, in a fixed order, with the keys
/// the CLI's JSON and Python use (`start_s`, `contact_time_s`, ..., `loading_rate_landmark`,
/// `stance_index`). Columns are `Eigen::VectorXd` except the last two (`Eigen::VectorXi`), so
/// @p f must take both (a generic lambda).
template <class T, class F>
requires std::is_same_v<std::remove_cvref_t<T>, StanceTable>
void for_each_column(T&& table, F&& f) {
    f("start_s", table.start_s);
    f("contact_time_s", table.contact_time_s);
    f("flight_time_s", table.flight_time_s);
    f("step_time_s", table.step_time_s);
    f("cadence_spm", table.cadence_spm);
    f("impact_peak_N", table.impact_peak_N);
    f("impact_peak_bw", table.impact_peak_bw);
    f("impact_peak_time_s", table.impact_peak_time_s);
    f("active_peak_N", table.active_peak_N);
    f("active_peak_bw", table.active_peak_bw);
    f("active_peak_time_s", table.active_peak_time_s);
    f("valr_bw_per_s", table.valr_bw_per_s);
    f("vilr_bw_per_s", table.vilr_bw_per_s);
    f("valr_N_per_s", table.valr_N_per_s);
    f("vilr_N_per_s", table.vilr_N_per_s);
    f("vertical_impulse_Ns", table.vertical_impulse_Ns);
    f("vertical_impulse_bw_s", table.vertical_impulse_bw_s);
    f("mean_vertical_force_N", table.mean_vertical_force_N);
    f("mean_vertical_force_bw", table.mean_vertical_force_bw);
    f("braking_peak_N", table.braking_peak_N);
    f("braking_peak_bw", table.braking_peak_bw);
    f("braking_impulse_Ns", table.braking_impulse_Ns);
    f("propulsive_peak_N", table.propulsive_peak_N);
    f("propulsive_peak_bw", table.propulsive_peak_bw);
    f("propulsive_impulse_Ns", table.propulsive_impulse_Ns);
    f("loading_rate_landmark", table.loading_rate_landmark);
    f("stance_index", table.stance_index);
}

/// @brief Calls `f(key, value)` for every field of @p m (SI doubles; the landmark as 0 or 1),
/// keys as in for_each_column.
template <class F>
void for_each_field(const StanceMetrics& m, F&& f) {
    f("contact_time_s", m.contact_time_s);
    f("impact_peak_N", m.impact_peak_N);
    f("impact_peak_bw", m.impact_peak_bw);
    f("impact_peak_time_s", m.impact_peak_time_s);
    f("active_peak_N", m.active_peak_N);
    f("active_peak_bw", m.active_peak_bw);
    f("active_peak_time_s", m.active_peak_time_s);
    f("valr_bw_per_s", m.valr_bw_per_s);
    f("vilr_bw_per_s", m.vilr_bw_per_s);
    f("valr_N_per_s", m.valr_N_per_s);
    f("vilr_N_per_s", m.vilr_N_per_s);
    f("vertical_impulse_Ns", m.vertical_impulse_Ns);
    f("vertical_impulse_bw_s", m.vertical_impulse_bw_s);
    f("mean_vertical_force_N", m.mean_vertical_force_N);
    f("mean_vertical_force_bw", m.mean_vertical_force_bw);
    f("braking_peak_N", m.braking_peak_N);
    f("braking_peak_bw", m.braking_peak_bw);
    f("braking_impulse_Ns", m.braking_impulse_Ns);
    f("propulsive_peak_N", m.propulsive_peak_N);
    f("propulsive_peak_bw", m.propulsive_peak_bw);
    f("propulsive_impulse_Ns", m.propulsive_impulse_Ns);
    f("loading_rate_landmark", static_cast<double>(static_cast<int>(m.loading_rate_landmark)));
}

namespace detail {

/// @brief Validates the options and returns the kernel's parameters.
inline strideload::detail::StanceMetricParams params(const MetricOptions& o, double rate_hz) {
    if (!(std::isfinite(rate_hz) && rate_hz > 0.0))
        throw Error("rate_hz", rate_hz, "finite and > 0 Hz");
    const double m = o.mass.value(), g = o.gravity.value();
    if (strideload::detail::mass_outside(m)) throw Error("mass_kg", m, "in [20, 250] kg");
    strideload::detail::validate_gravity(g);
    auto share = [](const char* field, double v, bool open_low) {
        if (!(std::isfinite(v) && (open_low ? v > 0.0 : v >= 0.0) && v < 1.0))
            throw Error(field, v, open_low ? "in (0, 1)" : "in [0, 1)");
    };
    share("impact_window_fraction", o.impact_window_fraction, true);
    share("landmark_fraction", o.landmark_fraction, true);
    share("loading_rate_from", o.loading_rate_from, false);
    if (!(std::isfinite(o.loading_rate_to) && o.loading_rate_to > o.loading_rate_from &&
          o.loading_rate_to <= 1.0))
        throw Error("loading_rate_to", o.loading_rate_to, "in (loading_rate_from, 1]");
    if (!(std::isfinite(o.impact_min_bw) && o.impact_min_bw >= 0.0))
        throw Error("impact_min_bw", o.impact_min_bw, "finite and >= 0 BW");
    return {rate_hz,
            m * g,
            o.impact_window_fraction,
            o.impact_min_bw,
            o.landmark_fraction,
            o.loading_rate_from,
            o.loading_rate_to,
            o.ap_sign == ApSign::propulsive_positive ? 1.0 : -1.0,
            o.loading_rate_at_samples};
}

/// @brief A StanceMetrics from the kernel's values.
inline StanceMetrics to_metrics(const strideload::detail::StanceMetricValues& v, double bw_N) {
    StanceMetrics m;
    m.contact_time_s = v.contact_time_s;
    m.impact_peak_N = v.impact_peak_N;
    m.impact_peak_bw = v.impact_peak_N / bw_N;
    m.impact_peak_time_s = v.impact_peak_time_s;
    m.active_peak_N = v.active_peak_N;
    m.active_peak_bw = v.active_peak_N / bw_N;
    m.active_peak_time_s = v.active_peak_time_s;
    m.valr_N_per_s = v.valr_N_per_s;
    m.vilr_N_per_s = v.vilr_N_per_s;
    m.valr_bw_per_s = v.valr_N_per_s / bw_N;
    m.vilr_bw_per_s = v.vilr_N_per_s / bw_N;
    m.vertical_impulse_Ns = v.vertical_impulse_Ns;
    m.vertical_impulse_bw_s = v.vertical_impulse_Ns / bw_N;
    m.mean_vertical_force_N = v.mean_vertical_force_N;
    m.mean_vertical_force_bw = v.mean_vertical_force_N / bw_N;
    m.braking_peak_N = v.braking_peak_N;
    m.braking_peak_bw = v.braking_peak_N / bw_N;
    m.braking_impulse_Ns = v.braking_impulse_Ns;
    m.propulsive_peak_N = v.propulsive_peak_N;
    m.propulsive_peak_bw = v.propulsive_peak_N / bw_N;
    m.propulsive_impulse_Ns = v.propulsive_impulse_Ns;
    m.loading_rate_landmark = static_cast<LoadingRateLandmark>(v.landmark);
    return m;
}

/// @brief Throws Error naming the first non-finite sample of x[lo, hi), if any.
inline void require_finite_range(std::span<const double> x, std::ptrdiff_t lo, std::ptrdiff_t hi,
                                 const char* name) {
    for (std::ptrdiff_t i = std::max<std::ptrdiff_t>(lo, 0);
         i < std::min<std::ptrdiff_t>(hi, static_cast<std::ptrdiff_t>(x.size())); ++i)
        if (!std::isfinite(x[static_cast<std::size_t>(i)]))
            throw Error(strideload::detail::indexed(name, static_cast<long>(i)),
                        x[static_cast<std::size_t>(i)], "finite");
}

/// Touchdown and take-off of a stance [s]: its interpolated crossings, or half a sample
/// period outside its first and last samples when they are NaN.
inline double touchdown_s(const Stance& s, double rate_hz) {
    return std::isnan(s.touchdown_s) ? (static_cast<double>(s.begin) - 0.5) / rate_hz
                                     : s.touchdown_s;
}
inline double takeoff_s(const Stance& s, double rate_hz) {
    return std::isnan(s.takeoff_s) ? (static_cast<double>(s.end) - 0.5) / rate_hz : s.takeoff_s;
}

/// @brief The kernel's view of one complete stance of a continuous signal; throws Error for a
/// stance outside the signal or crossing times outside the samples around its edges.
inline strideload::detail::StanceSpan span_of(std::span<const double> f, std::span<const double> ap,
                                              const Stance& s, double rate_hz, std::size_t index) {
    const auto n = static_cast<Eigen::Index>(f.size());
    const std::string name = strideload::detail::indexed("stances", static_cast<long>(index));
    if (!(s.begin >= 0 && s.begin < s.end && s.end <= n))
        throw Error(name + ".end", static_cast<double>(s.end),
                    "a range 0 <= begin < end <= " + std::to_string(n) + " of samples");
    strideload::detail::StanceSpan v;
    v.f = f.data() + s.begin;
    v.ap = ap.empty() ? nullptr : ap.data() + s.begin;
    v.n = s.end - s.begin;
    const auto b = static_cast<std::size_t>(s.begin), e = static_cast<std::size_t>(s.end);
    // A crossing time t = (k + u) / rate carries ~2 roundings relative to itself, so t · rate
    // is off from k + u by up to ~k · 2.2e-16 samples: in a long recording (≥ 1e7 samples) a
    // crossing exactly at a sample (u = 0 or 1) would otherwise fall outside [k, k + 1].
    const double tol =
        1e-9 + 8.0 * std::numeric_limits<double>::epsilon() * static_cast<double>(s.end);
    if (std::isnan(s.touchdown_s)) {
        v.lead = 0.5;
        v.f_on = f[b];
        v.ap_on = ap.empty() ? 0.0 : ap[b];
    } else {
        v.lead = static_cast<double>(s.begin) - s.touchdown_s * rate_hz;
        if (!(s.begin > 0 && v.lead >= -tol && v.lead <= 1.0 + tol))
            throw Error(name + ".touchdown_s", s.touchdown_s,
                        "between the samples begin - 1 and begin of a complete stance");
        v.lead = std::min(std::max(v.lead, 0.0), 1.0);
        auto lerp = [&](std::span<const double> x) { return x[b] + (x[b - 1] - x[b]) * v.lead; };
        v.f_on = lerp(f);
        v.ap_on = ap.empty() ? 0.0 : lerp(ap);
    }
    if (std::isnan(s.takeoff_s)) {
        v.trail = 0.5;
        v.f_off = f[e - 1];
        v.ap_off = ap.empty() ? 0.0 : ap[e - 1];
    } else {
        v.trail = s.takeoff_s * rate_hz - static_cast<double>(s.end - 1);
        if (!(s.end < n && v.trail >= -tol && v.trail <= 1.0 + tol))
            throw Error(name + ".takeoff_s", s.takeoff_s,
                        "between the samples end - 1 and end of a complete stance");
        v.trail = std::min(std::max(v.trail, 0.0), 1.0);
        auto lerp = [&](std::span<const double> x) {
            return x[e - 1] + (x[e] - x[e - 1]) * v.trail;
        };
        v.f_off = lerp(f);
        v.ap_off = ap.empty() ? 0.0 : lerp(ap);
    }
    return v;
}

/// Resizes @p col to n only when needed.
template <class V>
auto* column(V& col, Eigen::Index n) {
    if (col.size() != n) col.resize(n);
    return col.data();
}

}  // namespace detail

/// @brief Metrics of one stance given as its own samples (a contact trimmed from a force
/// plate record): each sample stands for 1/rate of contact, so contact time = n / rate and the
/// impulse is Σ F / rate (touchdown half a period before the first sample, take-off half a
/// period after the last, the force held there). Definitions in the file comment.
/// @param vertical_N vertical force over the contact [N], ≥ 1 sample, finite
/// @param ap_N anterior-posterior force [N], the same length, or empty
/// @param rate sample rate [Hz]  @param options mass [kg], gravity [m/s²], definitions
/// @return the stance's metrics (flight and step time need the next stance: see
///         stance_metrics)
/// @throws Error for an empty or non-finite signal, mismatched lengths, or bad options
inline StanceMetrics measure_stance(std::span<const double> vertical_N,
                                    std::span<const double> ap_N, Frequency rate,
                                    const MetricOptions& options) {
    const auto p = detail::params(options, rate.value());
    if (vertical_N.empty()) throw Error("vertical_N", 0.0, "at least one sample");
    if (!ap_N.empty() && ap_N.size() != vertical_N.size())
        throw Error(
            "ap_N", static_cast<double>(ap_N.size()),
            "empty or of the length of vertical_N (" + std::to_string(vertical_N.size()) + ")");
    detail::require_finite_range(vertical_N, 0, static_cast<std::ptrdiff_t>(vertical_N.size()),
                                 "vertical_N");
    detail::require_finite_range(ap_N, 0, static_cast<std::ptrdiff_t>(ap_N.size()), "ap_N");
    const Stance whole{0, static_cast<Eigen::Index>(vertical_N.size()), true};
    const auto span = detail::span_of(vertical_N, ap_N, whole, rate.value(), 0);
    return detail::to_metrics(strideload::detail::measure_stance_kernel(span, p), p.bodyweight_N);
}

/// @brief Metrics of one stance without an AP signal (braking/propulsive fields NaN).
/// @param vertical_N vertical force over the contact [N]  @param rate [Hz]
/// @param options mass [kg], gravity [m/s²], definitions  @return the stance's metrics
inline StanceMetrics measure_stance(std::span<const double> vertical_N, Frequency rate,
                                    const MetricOptions& options) {
    return measure_stance(vertical_N, {}, rate, options);
}

/// @brief Metrics of every complete stance of a continuous trial into caller-owned @p out
/// (storage reused): one row per complete stance, in order; incomplete stances give no row but
/// their touchdown still ends the previous stance's flight. Definitions in the file comment.
/// @param vertical_N vertical force [N], the signal detect_stances saw
/// @param ap_N anterior-posterior force [N], same length, or empty (AP columns NaN)
/// @param rate sample rate [Hz]  @param stances contacts in time order (detect_stances)
/// @param options mass [kg], gravity [m/s²], definitions  @param out the table
/// @throws Error for a non-finite sample inside a stance (naming its index), a stance outside
///         the signal or out of order, mismatched lengths, or bad options
inline void stance_metrics(std::span<const double> vertical_N, std::span<const double> ap_N,
                           Frequency rate, std::span<const Stance> stances,
                           const MetricOptions& options, StanceTable& out) {
    const double fs = rate.value();
    const auto p = detail::params(options, fs);
    const double bw = p.bodyweight_N;
    if (!ap_N.empty() && ap_N.size() != vertical_N.size())
        throw Error(
            "ap_N", static_cast<double>(ap_N.size()),
            "empty or of the length of vertical_N (" + std::to_string(vertical_N.size()) + ")");
    Eigen::Index rows = 0;
    for (std::size_t i = 0; i < stances.size(); ++i) {
        rows += stances[i].complete ? 1 : 0;
        if (i > 0 && stances[i].begin < stances[i - 1].end)
            throw Error(strideload::detail::indexed("stances", static_cast<long>(i)) + ".begin",
                        static_cast<double>(stances[i].begin),
                        "at or after the previous stance's end (" +
                            std::to_string(stances[i - 1].end) + ")");
    }
    double* start = detail::column(out.start_s, rows);
    double* contact = detail::column(out.contact_time_s, rows);
    double* flight = detail::column(out.flight_time_s, rows);
    double* step = detail::column(out.step_time_s, rows);
    double* cadence = detail::column(out.cadence_spm, rows);
    double* ip = detail::column(out.impact_peak_N, rows);
    double* ip_bw = detail::column(out.impact_peak_bw, rows);
    double* ip_t = detail::column(out.impact_peak_time_s, rows);
    double* ap_pk = detail::column(out.active_peak_N, rows);
    double* ap_bw = detail::column(out.active_peak_bw, rows);
    double* ap_t = detail::column(out.active_peak_time_s, rows);
    double* valr_bw = detail::column(out.valr_bw_per_s, rows);
    double* vilr_bw = detail::column(out.vilr_bw_per_s, rows);
    double* valr = detail::column(out.valr_N_per_s, rows);
    double* vilr = detail::column(out.vilr_N_per_s, rows);
    double* imp = detail::column(out.vertical_impulse_Ns, rows);
    double* imp_bw = detail::column(out.vertical_impulse_bw_s, rows);
    double* mean = detail::column(out.mean_vertical_force_N, rows);
    double* mean_bw = detail::column(out.mean_vertical_force_bw, rows);
    double* br = detail::column(out.braking_peak_N, rows);
    double* br_bw = detail::column(out.braking_peak_bw, rows);
    double* br_imp = detail::column(out.braking_impulse_Ns, rows);
    double* pr = detail::column(out.propulsive_peak_N, rows);
    double* pr_bw = detail::column(out.propulsive_peak_bw, rows);
    double* pr_imp = detail::column(out.propulsive_impulse_Ns, rows);
    int* landmark = detail::column(out.loading_rate_landmark, rows);
    int* index = detail::column(out.stance_index, rows);
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    Eigen::Index r = 0;
    for (std::size_t i = 0; i < stances.size(); ++i) {
        const Stance& s = stances[i];
        if (!s.complete) continue;
        const auto span = detail::span_of(vertical_N, ap_N, s, fs, i);
        const auto v = strideload::detail::measure_stance_kernel(span, p);
        if (!std::isfinite(v.vertical_impulse_Ns)) {
            detail::require_finite_range(vertical_N, s.begin - 1, s.end + 1, "vertical_N");
            throw Error("vertical_N", "overflow in stance " + std::to_string(i));
        }
        if (!ap_N.empty() && !std::isfinite(v.braking_impulse_Ns + v.propulsive_impulse_Ns)) {
            detail::require_finite_range(ap_N, s.begin - 1, s.end + 1, "ap_N");
            throw Error("ap_N", "overflow in stance " + std::to_string(i));
        }
        const double t_on = detail::touchdown_s(s, fs);
        start[r] = t_on;
        contact[r] = v.contact_time_s;
        if (i + 1 < stances.size()) {
            const double next_on = detail::touchdown_s(stances[i + 1], fs);
            flight[r] = next_on - detail::takeoff_s(s, fs);
            step[r] = next_on - t_on;
            cadence[r] = 60.0 / step[r];
        } else {
            flight[r] = step[r] = cadence[r] = nan;
        }
        ip[r] = v.impact_peak_N;
        ip_bw[r] = v.impact_peak_N / bw;
        ip_t[r] = v.impact_peak_time_s;
        ap_pk[r] = v.active_peak_N;
        ap_bw[r] = v.active_peak_N / bw;
        ap_t[r] = v.active_peak_time_s;
        valr[r] = v.valr_N_per_s;
        vilr[r] = v.vilr_N_per_s;
        valr_bw[r] = v.valr_N_per_s / bw;
        vilr_bw[r] = v.vilr_N_per_s / bw;
        imp[r] = v.vertical_impulse_Ns;
        imp_bw[r] = v.vertical_impulse_Ns / bw;
        mean[r] = v.mean_vertical_force_N;
        mean_bw[r] = v.mean_vertical_force_N / bw;
        br[r] = v.braking_peak_N;
        br_bw[r] = v.braking_peak_N / bw;
        br_imp[r] = v.braking_impulse_Ns;
        pr[r] = v.propulsive_peak_N;
        pr_bw[r] = v.propulsive_peak_N / bw;
        pr_imp[r] = v.propulsive_impulse_Ns;
        landmark[r] = v.landmark;
        index[r] = static_cast<int>(i);
        ++r;
    }
}

/// @brief Value-returning overload of stance_metrics.
/// @param vertical_N vertical force [N]  @param ap_N AP force [N] or empty
/// @param rate [Hz]  @param stances contacts (detect_stances)  @param options mass, definitions
/// @return one row per complete stance
inline StanceTable stance_metrics(std::span<const double> vertical_N, std::span<const double> ap_N,
                                  Frequency rate, std::span<const Stance> stances,
                                  const MetricOptions& options) {
    StanceTable out;
    stance_metrics(vertical_N, ap_N, rate, stances, options, out);
    return out;
}

/// @brief stance_metrics without an AP signal (braking/propulsive columns NaN).
/// @param vertical_N vertical force [N]  @param rate [Hz]  @param stances contacts
/// @param options mass, definitions  @return one row per complete stance
inline StanceTable stance_metrics(std::span<const double> vertical_N, Frequency rate,
                                  std::span<const Stance> stances, const MetricOptions& options) {
    return stance_metrics(vertical_N, {}, rate, stances, options);
}

/// @brief stance_metrics without an AP signal into caller-owned @p out.
inline void stance_metrics(std::span<const double> vertical_N, Frequency rate,
                           std::span<const Stance> stances, const MetricOptions& options,
                           StanceTable& out) {
    stance_metrics(vertical_N, {}, rate, stances, options, out);
}

/// Mean, sample SD (n − 1) and count of the finite values of one table column.
struct ColumnSummary {
    std::string_view key;  ///< the column's key (for_each_column)
    double mean;           ///< NaN when count = 0
    double sd;             ///< NaN when count < 2
    Eigen::Index count;    ///< finite values (impact peaks: stances that have one)
};

/// Summary of a StanceTable: counts, means and SDs, cadence and the impulse balance.
struct StanceSummary {
    Eigen::Index stances = 0;              ///< complete stances (table rows)
    Eigen::Index impact_peak_stances = 0;  ///< of which with an impact peak
    double step_time_s = 0.0;              ///< mean step time [s]
    double cadence_spm = 0.0;              ///< 60 / mean step time [steps/min]
    double contact_time_s = 0.0;           ///< mean contact time [s]
    double impulse_per_step_bw_s = 0.0;    ///< mean vertical impulse per stance [BW·s]
    /// ∫F dt over the stride span / (m g × span) [BW]: the span runs from the first row's
    /// touchdown to the touchdown after the last row that has a next stance, a whole number
    /// of steps, so for steady running it is 1 by impulse balance. NaN without the signal.
    double mean_force_bw = 0.0;
    double stride_span_s = 0.0;  ///< the span mean_force_bw averages over [s]
    /// mean of every sample of the signal / (m g) [BW] (includes partial steps at the ends).
    double mean_force_signal_bw = 0.0;
    /// mean and SD of each double column except start_s (keys as in for_each_column)
    std::vector<ColumnSummary> columns;

    /// @brief The summary of column @p key; throws Error for an unknown key.
    const ColumnSummary& column(std::string_view key) const {
        for (const ColumnSummary& c : columns)
            if (c.key == key) return c;
        throw Error(std::string(key), "is not a column of the stance table");
    }
};

/// @brief Calls `f(key, value)` for every scalar of @p s (counts as doubles), keys as the
/// field names (`stances`, `cadence_spm`, `mean_force_bw`, ...).
template <class F>
void for_each_field(const StanceSummary& s, F&& f) {
    f("stances", static_cast<double>(s.stances));
    f("impact_peak_stances", static_cast<double>(s.impact_peak_stances));
    f("step_time_s", s.step_time_s);
    f("cadence_spm", s.cadence_spm);
    f("contact_time_s", s.contact_time_s);
    f("impulse_per_step_bw_s", s.impulse_per_step_bw_s);
    f("mean_force_bw", s.mean_force_bw);
    f("stride_span_s", s.stride_span_s);
    f("mean_force_signal_bw", s.mean_force_signal_bw);
}

namespace detail {

/// @brief ∫ of the linear interpolation of f (samples at k / rate) from t0 to t1 [unit·s].
inline double signal_integral(std::span<const double> f, double rate_hz, double t0, double t1) {
    const auto n = static_cast<std::ptrdiff_t>(f.size());
    const double a = t0 * rate_hz, b = t1 * rate_hz;  // in samples
    auto at = [&](double t) {
        const auto j = std::min(std::max<std::ptrdiff_t>(static_cast<std::ptrdiff_t>(t), 0), n - 2);
        const double u = t - static_cast<double>(j);
        return f[static_cast<std::size_t>(j)] +
               u * (f[static_cast<std::size_t>(j + 1)] - f[static_cast<std::size_t>(j)]);
    };
    const auto ka = static_cast<std::ptrdiff_t>(std::ceil(a));
    const auto kb = static_cast<std::ptrdiff_t>(std::floor(b));
    if (kb < ka) return 0.5 * (at(a) + at(b)) * (b - a) / rate_hz;
    double sum = 0.0;
    for (std::ptrdiff_t k = ka; k < kb; ++k)
        sum += 0.5 * (f[static_cast<std::size_t>(k)] + f[static_cast<std::size_t>(k + 1)]);
    sum += 0.5 * (at(a) + f[static_cast<std::size_t>(ka)]) * (static_cast<double>(ka) - a);
    sum += 0.5 * (f[static_cast<std::size_t>(kb)] + at(b)) * (b - static_cast<double>(kb));
    return sum / rate_hz;
}

}  // namespace detail

/// @brief Summary of a stance table without its signal (mean forces NaN).
/// @param table rows from stance_metrics
/// @return counts, mean/SD per column, mean step time, cadence = 60 / mean step time, mean
///         contact time and impulse per step
inline StanceSummary summarize(const StanceTable& table) {
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    StanceSummary s;
    s.stances = table.size();
    for (Eigen::Index i = 0; i < table.loading_rate_landmark.size(); ++i)
        s.impact_peak_stances += table.loading_rate_landmark[i] == 0 ? 1 : 0;
    for_each_column(table, [&s](const char* key, const auto& col) {
        if constexpr (std::is_same_v<std::remove_cvref_t<decltype(col)>, Eigen::VectorXd>) {
            if (std::string_view(key) == "start_s") return;
            double sum = 0.0;
            Eigen::Index count = 0;
            for (Eigen::Index i = 0; i < col.size(); ++i)
                if (std::isfinite(col[i])) {
                    sum += col[i];
                    ++count;
                }
            const double mean = count > 0 ? sum / static_cast<double>(count) : nan;
            double ss = 0.0;
            for (Eigen::Index i = 0; i < col.size(); ++i)
                if (std::isfinite(col[i])) ss += (col[i] - mean) * (col[i] - mean);
            const double sd = count > 1 ? std::sqrt(ss / static_cast<double>(count - 1)) : nan;
            s.columns.push_back({key, mean, sd, count});
        }
    });
    s.step_time_s = s.column("step_time_s").mean;
    s.cadence_spm = 60.0 / s.step_time_s;
    s.contact_time_s = s.column("contact_time_s").mean;
    s.impulse_per_step_bw_s = s.column("vertical_impulse_bw_s").mean;
    s.mean_force_bw = s.stride_span_s = s.mean_force_signal_bw = nan;
    return s;
}

/// @brief Summary of a stance table, with the trial's mean force from its signal.
/// @param table rows from stance_metrics  @param vertical_N the signal it was measured on [N]
/// @param rate [Hz]  @param options mass, gravity
/// @return as summarize(table), plus the mean force over the stride span and over the whole
///         signal [BW]
/// @throws Error for bad options or a non-finite sample
inline StanceSummary summarize(const StanceTable& table, std::span<const double> vertical_N,
                               Frequency rate, const MetricOptions& options) {
    const auto p = detail::params(options, rate.value());
    StanceSummary s = summarize(table);
    if (vertical_N.empty()) return s;
    detail::require_finite_range(vertical_N, 0, static_cast<std::ptrdiff_t>(vertical_N.size()),
                                 "vertical_N");
    double sum = 0.0;
    for (double v : vertical_N) sum += v;
    s.mean_force_signal_bw = sum / static_cast<double>(vertical_N.size()) / p.bodyweight_N;
    Eigen::Index last = -1;
    for (Eigen::Index i = 0; i < table.size(); ++i)
        if (std::isfinite(table.step_time_s[i])) last = i;
    if (last >= 0 && vertical_N.size() >= 2) {
        const double t0 = table.start_s[0];
        const double t1 = table.start_s[last] + table.step_time_s[last];
        const double tmax = static_cast<double>(vertical_N.size() - 1) / rate.value();
        if (!(t0 >= 0.0 && t1 > t0 && t1 <= tmax))
            throw Error("table", "its stances lie outside the signal given to summarize");
        s.stride_span_s = t1 - t0;
        s.mean_force_bw = detail::signal_integral(vertical_N, rate.value(), t0, t1) /
                          (s.stride_span_s * p.bodyweight_N);
    }
    return s;
}

}  // namespace strideload::waveform
