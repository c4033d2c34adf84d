// Shared by the libFuzzer targets in tests/fuzz: the documented-exception filter and cheap
// invariant checks. A target catches exactly the exceptions a reader documents
// (strideload::Error and its subclasses such as FileError, std::filesystem::filesystem_error);
// anything else escaping — std::bad_alloc, std::out_of_range, ... — reaches libFuzzer, which
// reports it as a crash. A broken invariant aborts with a message naming it.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string_view>
#include <vector>

#include "strideload/error.hpp"
#include "strideload/io/activity.hpp"
#include "strideload/io/force_table.hpp"

namespace strideload::fuzz {

/// @brief Aborts (a libFuzzer crash) with @p what when @p ok is false — unless the environment
/// variable STRIDELOAD_FUZZ_IGNORE holds a part of @p what ('|' between several), to keep
/// fuzzing past a known, reported bug.
inline void require(bool ok, const char* what) {
    if (ok) return;
    if (const char* ignore = std::getenv("STRIDELOAD_FUZZ_IGNORE")) {
        const std::string_view all(ignore);
        for (std::size_t at = 0; at <= all.size();) {
            const std::size_t bar = std::min(all.find('|', at), all.size());
            const std::string_view part = all.substr(at, bar - at);
            if (!part.empty() && std::string_view(what).find(part) != std::string_view::npos)
                return;
            at = bar + 1;
        }
    }
    std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
    std::abort();
}

/// @brief Runs @p read; the documented exceptions end the input quietly.
/// @return true when @p read returned normally
template <class Read>
bool documented(Read&& read) {
    try {
        read();
        return true;
    } catch (const strideload::Error&) {
        return false;
    } catch (const std::filesystem::filesystem_error&) {
        return false;
    }
}

/// @brief Times that are not NaN never decrease.
inline bool non_decreasing(const std::vector<double>& t) {
    double last = -INFINITY;
    for (const double v : t) {
        if (std::isnan(v)) continue;
        if (v < last) return false;
        last = v;
    }
    return true;
}

/// @brief Invariants of any Activity: equal column lengths, sessions inside the records and
/// in time order, record times non-decreasing, a known format, at least one session (except
/// a training log with no rows).
inline void check_activity(const io::Activity& a) {
    const io::ActivityRecords& r = a.records;
    const std::size_t n = r.size();
    for (const std::vector<double>* c :
         {&r.latitude_deg, &r.longitude_deg, &r.distance_m, &r.speed_m_s, &r.altitude_m,
          &r.heart_rate_bpm, &r.cadence_rpm, &r.stance_time_s, &r.step_length_m,
          &r.vertical_oscillation_m, &r.power_W})
        require(c->size() == n, "Activity: every record column has records.size() entries");
    require(non_decreasing(r.time_s), "Activity: record times non-decreasing");
    require(!a.sessions.empty() || a.format == "log",
            "Activity: at least one session (an empty training log has none)");
    std::vector<double> starts;
    for (const io::ActivitySession& s : a.sessions) {
        require(s.first_record <= s.end_record, "Activity: first_record <= end_record");
        require(s.end_record <= n, "Activity: end_record <= records.size()");
        starts.push_back(s.start_s);
    }
    require(non_decreasing(starts), "Activity: sessions in time order");
}

/// @brief Invariants of any ForceTable (delimited or OpenSim): one data column per name, one
/// increasing time per kept sample, a plausible rate, every row read either kept or listed,
/// every plate's force columns inside the table.
inline void check_table(const io::ForceTable& t) {
    const Eigen::Index n = t.samples();
    require(t.data.cols() == static_cast<Eigen::Index>(t.column_names.size()),
            "ForceTable: one data column per column name");
    require(t.time_s.size() == n, "ForceTable: one time per kept sample");
    require(std::isfinite(t.rate_hz) && t.rate_hz >= 10.0 && t.rate_hz <= 1e6,
            "ForceTable: rate in [10 Hz, 1 MHz]");
    require(t.rows_read == static_cast<std::size_t>(n) + t.problems.size(),
            "ForceTable: rows_read = kept + left out");
    for (Eigen::Index i = 1; i < n; ++i)
        require(t.time_s[i] > t.time_s[i - 1], "ForceTable: time increases");
    for (const io::ForceTable::Plate& p : t.plates)
        require(p.vertical < t.data.cols() && p.anterior_posterior < t.data.cols() &&
                    p.medio_lateral < t.data.cols(),
                "ForceTable: force columns inside the table");
}

}  // namespace strideload::fuzz
