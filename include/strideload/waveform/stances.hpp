/// @file
/// Stance (foot contact) detection in a continuous vertical ground reaction force: a contact
/// starts when the force rises above a threshold and ends when it falls below a release level
/// (hysteresis), complete runs shorter than a minimum contact time are noise (a run cut by
/// either end of the signal is kept, flagged incomplete), and dips shorter than a
/// minimum flight time may be bridged. Touchdown and take-off are the linearly interpolated
/// threshold crossings, so contact times are not quantised to the sample period. Fixed
/// force-plate thresholds of 10–50 N are the usual criterion (Tirosh & Sparrow 2003, J Appl
/// Biomech 19:178–184); 50 N suits an instrumented treadmill whose belt reads 10–30 N in flight
/// (Fukuchi et al. 2017, PeerJ 5:e3298 data). A single belt shared by both feet, or two plates
/// summed, gives one stance per foot contact in sequence.
#pragma once

#include <Eigen/Core>
#include <cmath>
#include <limits>
#include <span>
#include <vector>

#include "strideload/detail/stances.hpp"
#include "strideload/error.hpp"
#include "strideload/units.hpp"

namespace strideload::waveform {

/// How detect_stances separates contact from flight.
struct StanceOptions {
    Force threshold = newtons(50.0);  ///< a contact starts when the force rises above this [N]
    Force release = newtons(50.0);    ///< and ends when it falls below this (≤ threshold) [N]
    /// complete contacts shorter than this are noise spikes and are dropped [s]; not applied
    /// to a contact cut by the start or end of the signal, whose length is unknown
    Time min_contact = seconds(0.1);
    Time min_flight = seconds(0.0);  ///< a dip shorter than this does not end a contact [s]
};

/// One foot contact. Samples [begin, end) run from the first sample above the threshold to
/// the last before the force falls below the release level: all at or above the release level
/// unless min_flight bridged a dip, whose samples (below it) lie inside the range too.
/// touchdown_s / takeoff_s are the interpolated crossing times (s from the first sample) set
/// by detect_stances; left NaN (a stance built by hand), the metrics take each sample to stand
/// for 1/rate of contact: touchdown half a period before `begin`, take-off half a period after
/// `end − 1`.
struct Stance {
    Eigen::Index begin = 0;  ///< first sample of the contact
    Eigen::Index end = 0;    ///< one past the last sample of the contact
    /// false when the signal starts or ends inside this contact: its duration and forces are
    /// unknown, so it is never measured or summarised, and kept however short its visible
    /// part (min_contact does not apply) because its touchdown still ends the previous
    /// stance's flight
    bool complete = false;
    double touchdown_s = std::numeric_limits<double>::quiet_NaN();  ///< [s] (0 if begin = 0)
    double takeoff_s = std::numeric_limits<double>::quiet_NaN();    ///< [s] (last sample time
                                                                    ///< if end = n)
};

namespace detail {

/// @brief Throws Error unless rate > 0, 0 < release ≤ threshold, min_contact ≥ 0,
/// min_flight ≥ 0 (all finite).
inline void validate(const StanceOptions& o, double rate_hz) {
    if (!(std::isfinite(rate_hz) && rate_hz > 0.0))
        throw Error("rate_hz", rate_hz, "finite and > 0 Hz");
    const double on = o.threshold.value(), off = o.release.value();
    if (!(std::isfinite(on) && on > 0.0)) throw Error("threshold_N", on, "finite and > 0 N");
    if (!(std::isfinite(off) && off > 0.0 && off <= on))
        throw Error("release_N", off, "in (0, threshold] = (0, " + std::to_string(on) + "] N");
    if (!(std::isfinite(o.min_contact.value()) && o.min_contact.value() >= 0.0))
        throw Error("min_contact_s", o.min_contact.value(), "finite and >= 0 s");
    if (!(std::isfinite(o.min_flight.value()) && o.min_flight.value() >= 0.0))
        throw Error("min_flight_s", o.min_flight.value(), "finite and >= 0 s");
}

}  // namespace detail

/// @brief Foot contacts in a vertical force signal, into caller-owned storage (cleared first;
/// its capacity is reused).
///
/// A contact starts at the first sample above `threshold` and ends before the first later
/// sample below `release` (hysteresis: noise between the two levels cannot make it chatter).
/// Touchdown and take-off are where the straight line between the two samples around each
/// crossing meets the level (threshold on the way up, release on the way down). Contacts
/// separated by less than `min_flight` (take-off to next touchdown) are merged; then complete
/// contacts shorter than `min_contact` (take-off − touchdown) are dropped. A contact cut by
/// the start or end of the signal is always kept (complete = false), however short its part
/// inside the signal: its length says nothing about whether it is a spike, and dropping a
/// real contact would lose the previous contact's flight and step time (a spike at the very
/// end is kept too, and then ends the previous flight early).
/// @param vertical_N vertical ground reaction force [N], finite
/// @param rate sample rate [Hz]  @param options threshold, release [N], min_contact,
/// min_flight [s]  @param out the contacts in time order
/// @throws Error for a non-finite sample (naming its index) or an option out of range
inline void detect_stances(std::span<const double> vertical_N, Frequency rate,
                           const StanceOptions& options, std::vector<Stance>& out) {
    const double fs = rate.value();
    detail::validate(options, fs);
    const double on = options.threshold.value(), off = options.release.value();
    const double* f = vertical_N.data();
    const auto n = static_cast<std::ptrdiff_t>(vertical_N.size());
    std::vector<strideload::detail::ForceRun> runs;
    runs.reserve(static_cast<std::size_t>(n / 64 + 4));
    const std::ptrdiff_t bad = strideload::detail::threshold_runs(f, n, on, off, runs);
    if (bad >= 0)
        throw Error(strideload::detail::indexed("vertical_N", static_cast<long>(bad)), f[bad],
                    "finite");
    out.clear();
    const double min_flight = options.min_flight.value();
    const double min_contact = options.min_contact.value();
    auto emit = [&](const Stance& s) {
        if (!s.complete || s.takeoff_s - s.touchdown_s >= min_contact) out.push_back(s);
    };
    Stance cur;
    bool have = false;
    for (const auto& r : runs) {
        Stance s;
        s.begin = r.begin;
        s.end = r.end;
        s.complete = r.begin > 0 && r.end < n;
        s.touchdown_s = strideload::detail::rise_time_s(f, r.begin, on, fs);
        s.takeoff_s = strideload::detail::fall_time_s(f, r.end, n, off, fs);
        if (have && s.touchdown_s - cur.takeoff_s < min_flight) {
            cur.end = s.end;
            cur.takeoff_s = s.takeoff_s;
            cur.complete = cur.begin > 0 && s.end < n;
            continue;
        }
        if (have) emit(cur);
        cur = s;
        have = true;
    }
    if (have) emit(cur);
}

/// @brief Value-returning overload of detect_stances.
/// @param vertical_N vertical ground reaction force [N]  @param rate sample rate [Hz]
/// @param options threshold, release [N], min_contact, min_flight [s]
/// @return the contacts in time order; incomplete ones (signal starting or ending inside a
///         contact) flagged complete = false
/// @throws Error for a non-finite sample (naming its index) or an option out of range
inline std::vector<Stance> detect_stances(std::span<const double> vertical_N, Frequency rate,
                                          const StanceOptions& options = {}) {
    std::vector<Stance> out;
    detect_stances(vertical_N, rate, options, out);
    return out;
}

}  // namespace strideload::waveform
