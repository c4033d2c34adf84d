// Activity: records + sessions from FIT, TCX, GPX and training logs — see
// include/strideload/io/activity.hpp.
#include "strideload/io/activity.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <fstream>
#include <iterator>
#include <system_error>

#include "strideload/error.hpp"
#include "table.hpp"

namespace strideload::io {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// Every column of ActivityRecords, for whole-table operations.
constexpr std::array<std::vector<double> ActivityRecords::*, 12> record_columns{
    &ActivityRecords::time_s,
    &ActivityRecords::latitude_deg,
    &ActivityRecords::longitude_deg,
    &ActivityRecords::distance_m,
    &ActivityRecords::speed_m_s,
    &ActivityRecords::altitude_m,
    &ActivityRecords::heart_rate_bpm,
    &ActivityRecords::cadence_rpm,
    &ActivityRecords::stance_time_s,
    &ActivityRecords::step_length_m,
    &ActivityRecords::vertical_oscillation_m,
    &ActivityRecords::power_W};

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::filesystem::filesystem_error("cannot open activity file", path,
                                                std::error_code(errno, std::generic_category()));
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad())
        throw std::filesystem::filesystem_error("cannot read activity file", path,
                                                std::make_error_code(std::errc::io_error));
    return text;
}

/// Scales a FIT column into an Activity column (NaN stays NaN).
void scaled(const std::vector<double>& from, double factor, std::vector<double>& to) {
    to.resize(from.size());
    std::transform(from.begin(), from.end(), to.begin(), [factor](double v) { return v * factor; });
}

}  // namespace

std::size_t ActivityRecords::push_back(double t_s) {
    for (auto column : record_columns) (this->*column).push_back(nan);
    time_s.back() = t_s;
    return time_s.size() - 1;
}

void ActivityRecords::truncate(std::size_t n) {
    for (auto column : record_columns) {
        auto& c = this->*column;
        if (n < c.size()) c.resize(n);
    }
}

bool is_on_foot(std::string_view sport) noexcept {
    static constexpr std::array<std::string_view, 10> foot{
        "running", "walking",        "hiking",      "trail_running", "treadmill_running",
        "run",     "mountaineering", "snowshoeing", "trail",         "walk"};
    return std::find(foot.begin(), foot.end(), sport) != foot.end();
}

bool is_strength(std::string_view sport) noexcept {
    static constexpr std::array<std::string_view, 6> strength{
        "strength_training", "training",       "strength",
        "conditioning",      "cross_training", "strength_and_conditioning"};
    return std::find(strength.begin(), strength.end(), sport) != strength.end();
}

Activity activity_from_fit(const FitFile& fit, std::string_view name) {
    Activity a;
    a.source = std::string(name);
    a.format = "fit";
    a.dropped = fit.dropped;
    const FitRecords& r = fit.records;
    ActivityRecords& out = a.records;
    out.time_s.resize(r.size());
    std::transform(r.timestamp_s.begin(), r.timestamp_s.end(), out.time_s.begin(),
                   [](double t) { return fit_to_unix_s(t); });
    out.latitude_deg = r.position_lat_deg;
    out.longitude_deg = r.position_long_deg;
    out.distance_m = r.distance_m;
    out.speed_m_s = r.speed_m_s;
    out.altitude_m = r.altitude_m;
    out.heart_rate_bpm = r.heart_rate_bpm;
    out.cadence_rpm = r.cadence_rpm;
    scaled(r.stance_time_ms, 1e-3, out.stance_time_s);
    scaled(r.step_length_mm, 1e-3, out.step_length_m);
    scaled(r.vertical_oscillation_mm, 1e-3, out.vertical_oscillation_m);
    out.power_W = r.power_W;

    // Records without a time cannot be placed in a day or a session.
    std::size_t kept = 0;
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (std::isnan(out.time_s[i])) continue;
        if (kept != i)
            for (auto column : record_columns) (out.*column)[kept] = (out.*column)[i];
        ++kept;
    }
    if (kept != out.size()) {
        a.dropped.push_back(
            {0, std::to_string(out.size() - kept) + " record(s) without a timestamp left out"});
        out.truncate(kept);
    }

    // Sessions in start order; each owns the records from its start to the next one's.
    std::vector<ActivitySession> sessions;
    for (const FitSession& s : fit.sessions) {
        ActivitySession session;
        session.sport = s.sport;
        session.sub_sport = s.sub_sport == "generic" ? "" : s.sub_sport;
        double start = s.start_time_s;
        if (std::isnan(start) && !std::isnan(s.timestamp_s) && !std::isnan(s.total_elapsed_time_s))
            start = s.timestamp_s - s.total_elapsed_time_s;
        session.start_s = std::isnan(start) ? nan : fit_to_unix_s(start);
        session.duration_s = s.total_elapsed_time_s;
        session.moving_time_s = s.total_timer_time_s;
        session.distance_m = s.total_distance_m;
        sessions.push_back(std::move(session));
    }
    // A session message with no start time cannot be placed among the others: left out
    // (and listed) when another one has a start; alone, it becomes the one session below.
    const auto no_start = [](const ActivitySession& x) { return std::isnan(x.start_s); };
    const auto timeless = std::count_if(sessions.begin(), sessions.end(), no_start);
    if (timeless > 0 && static_cast<std::size_t>(timeless) < sessions.size()) {
        std::erase_if(sessions, no_start);
        a.dropped.push_back(
            {0, std::to_string(timeless) + " session message(s) without a start time left out"});
    }
    std::stable_sort(
        sessions.begin(), sessions.end(),
        [](const ActivitySession& x, const ActivitySession& y) { return x.start_s < y.start_s; });
    if (sessions.empty() || std::isnan(sessions.front().start_s)) {
        // No (usable) session message, e.g. a file cut before its summary: one session over
        // all records, sport unknown unless a session message named it.
        ActivitySession session;
        session.sport = sessions.empty() ? "unknown" : sessions.front().sport;
        session.sub_sport = sessions.empty() ? "" : sessions.front().sub_sport;
        sessions.assign(1, session);
        if (out.size() > 0) {
            sessions[0].start_s = out.time_s.front();
            sessions[0].duration_s = out.time_s.back() - out.time_s.front();
        }
        if (fit.sessions.empty())
            a.dropped.push_back({0,
                                 "no session message: sport unknown, one session over all "
                                 "records"});
    }
    std::size_t i = 0;
    for (std::size_t s = 0; s < sessions.size(); ++s) {
        const double next = s + 1 < sessions.size() ? sessions[s + 1].start_s : INFINITY;
        sessions[s].first_record = i;
        while (i < out.size() && (out.time_s[i] < next || s + 1 == sessions.size())) ++i;
        sessions[s].end_record = i;
    }
    a.sessions = std::move(sessions);
    return a;
}

Activity read_activity(const std::filesystem::path& path, const ActivityOptions& options) {
    std::string format = detail::to_lower(options.format);
    if (format.empty()) {
        const std::string ext = detail::to_lower(path.extension().string());
        if (ext == ".fit")
            format = "fit";
        else if (ext == ".tcx")
            format = "tcx";
        else if (ext == ".gpx")
            format = "gpx";
        else if (ext == ".csv")
            format = "log";
        else
            throw Error("format", "cannot tell the format of '" + path.string() +
                                      "' from its extension: expected .fit, .tcx, .gpx or .csv "
                                      "(training log), or give the format");
    }
    if (format == "fit") {
        FitOptions fit_options;
        fit_options.keep_valid_prefix = options.keep_valid_prefix;
        return activity_from_fit(read_fit(path, fit_options), path.string());
    }
    if (format == "tcx") return decode_tcx(read_text(path), path.string(), options);
    if (format == "gpx") return decode_gpx(read_text(path), path.string(), options);
    if (format == "log" || format == "csv")
        return decode_training_log(read_text(path), path.string(), options);
    throw Error("format",
                "unknown activity format '" + options.format + "': allowed fit, tcx, gpx, log");
}

}  // namespace strideload::io
