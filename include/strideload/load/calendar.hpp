/// @file
/// @brief Session loads summed per calendar day and per ISO week (ISO 8601: weeks start on
/// Monday; week 1 is the week with the year's first Thursday, so 2019-12-30 is in 2020-W01),
/// with strength & conditioning minutes and sessions against a weekly target (4 × 20 min by
/// default, the recommendation strideload builds around; Lauersen et al. 2018 Br J Sports Med
/// 52:1557 is the evidence for strength training against injury).
///
/// - Time zones are explicit: a session belongs to the local calendar day of its start,
///   local = UTC + `utc_offset_s(start)` of DayOptions (UTC when not given; pass an
///   io::TimeZone for a named zone with daylight saving). A session over midnight counts on
///   the day it started.
/// - Every day (and week) from the first to the last session is listed; days without a
///   session are zero-load rows, never dropped.
/// - Calendar arithmetic uses C++20 `<chrono>` civil dates (no time-zone database needed).
#pragma once

#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "strideload/load/session.hpp"

namespace strideload::load {

/// Options of daily_load and weekly_load.
struct DayOptions {
    /// Local time − UTC [s] at a Unix time; empty = UTC. An io::TimeZone fits here.
    std::function<double(double)> utc_offset_s;
    double stress_exponent = 4.0;         ///< must equal the sessions' (to recombine ψ)
    double strength_target_sessions = 4;  ///< weekly strength & conditioning sessions
    double strength_target_min = 20.0;    ///< minutes per target session [min]
};

/// A civil date with its ISO week.
struct CalendarDay {
    std::int64_t days = 0;  ///< days since 1970-01-01 (local)
    std::string date;       ///< "YYYY-MM-DD"
    int iso_year = 0;       ///< ISO week-numbering year
    int iso_week = 0;       ///< ISO week 1–53
    int iso_weekday = 0;    ///< 1 = Monday … 7 = Sunday

    /// @brief The date @p days after 1970-01-01.
    static CalendarDay from_days(std::int64_t days) {
        using namespace std::chrono;
        const sys_days d{std::chrono::days{days}};
        const year_month_day ymd{d};
        CalendarDay c;
        c.days = days;
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                      static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
        c.date = buf;
        c.iso_weekday = static_cast<int>(weekday{d}.iso_encoding());
        const sys_days thursday = d + std::chrono::days{4 - c.iso_weekday};
        const year y = year_month_day{thursday}.year();
        c.iso_year = static_cast<int>(y);
        c.iso_week = static_cast<int>((thursday - sys_days{y / January / 1}).count() / 7 + 1);
        return c;
    }
    /// @brief ISO week label "YYYY-Www".
    std::string week_label() const {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-W%02d", iso_year, iso_week);
        return buf;
    }
};

/// @brief Local calendar day of a Unix time.
/// @param unix_s Unix time [s]  @param utc_offset_s local − UTC [s]
inline CalendarDay local_day(double unix_s, double utc_offset_s) {
    return CalendarDay::from_days(
        static_cast<std::int64_t>(std::floor((unix_s + utc_offset_s) / 86400.0)));
}

/// One day's (or week's) load.
struct PeriodLoad {
    std::string label;           ///< "YYYY-MM-DD" (day) or "YYYY-Www" (week)
    std::string start;           ///< first local date of the period, "YYYY-MM-DD"
    std::int64_t start_day = 0;  ///< that date as days since 1970-01-01
    std::string sports;          ///< sports of its sessions, "+"-joined in first-seen order
    LoadTotals totals;           ///< sums of its sessions (zero when none)
    /// Weeks only: strength & conditioning sessions and minutes reached the target.
    bool strength_target_met = false;
    /// Weeks only: strength minutes / (target sessions × target minutes), capped at 1.
    double strength_target_fraction = 0.0;
};

namespace detail {

inline double offset_at(const DayOptions& o, double unix_s) {
    return o.utc_offset_s ? o.utc_offset_s(unix_s) : 0.0;
}

/// @brief Calls f(name) for each name of a "+"-joined list (none for "").
template <class F>
void for_each_sport(std::string_view joined, F&& f) {
    for (std::size_t pos = 0; pos < joined.size();) {
        const std::size_t end = std::min(joined.find('+', pos), joined.size());
        f(joined.substr(pos, end - pos));
        pos = end + 1;
    }
}

/// @brief Appends to the "+"-joined @p sports each name of @p more it does not hold yet.
inline void add_sports(std::string& sports, std::string_view more) {
    for_each_sport(more, [&](std::string_view sport) {
        bool found = false;
        for_each_sport(sports, [&](std::string_view have) { found = found || have == sport; });
        if (!found) (sports += sports.empty() ? "" : "+") += sport;
    });
}

inline void check(const std::vector<SessionLoad>& sessions) {
    for (std::size_t i = 0; i < sessions.size(); ++i)
        if (!std::isfinite(sessions[i].start_s))
            throw Error("sessions[" + std::to_string(i) + "].start_s", sessions[i].start_s,
                        "a finite Unix time: a session without a start cannot be put in a day");
}

}  // namespace detail

/// @brief Sums sessions per local calendar day, every day from the first to the last.
/// @param sessions session loads (any order, any files)
/// @param options  time zone and ψ exponent
/// @return one row per day, in date order (empty for no sessions)
/// @throws Error naming a session without a start time
inline std::vector<PeriodLoad> daily_load(const std::vector<SessionLoad>& sessions,
                                          const DayOptions& options = {}) {
    detail::check(sessions);
    std::map<std::int64_t, PeriodLoad> days;
    for (const SessionLoad& s : sessions) {
        const CalendarDay d = local_day(s.start_s, detail::offset_at(options, s.start_s));
        PeriodLoad& p = days[d.days];
        p.totals.add(s.totals, options.stress_exponent);
        detail::add_sports(p.sports, s.sport);
    }
    std::vector<PeriodLoad> out;
    if (days.empty()) return out;
    const std::size_t bands = days.begin()->second.totals.time_at_grade_s.size();
    for (std::int64_t day = days.begin()->first; day <= days.rbegin()->first; ++day) {
        PeriodLoad p;
        if (const auto it = days.find(day); it != days.end()) p = it->second;
        p.totals.time_at_grade_s.resize(bands, 0.0);
        const CalendarDay c = CalendarDay::from_days(day);
        p.label = p.start = c.date;
        p.start_day = day;
        out.push_back(std::move(p));
    }
    return out;
}

/// @brief Sums sessions per ISO week (Monday–Sunday, local time), every week from the first
///        to the last, with the strength & conditioning target.
/// @param sessions session loads (any order, any files)
/// @param options  time zone, ψ exponent, strength target
/// @return one row per week, in order (empty for no sessions)
/// @throws Error naming a session without a start time or a bad target
inline std::vector<PeriodLoad> weekly_load(const std::vector<SessionLoad>& sessions,
                                           const DayOptions& options = {}) {
    strideload::detail::require_in("strength_target_sessions", options.strength_target_sessions,
                                   0.0, 50.0, "sessions/week");
    strideload::detail::require_in("strength_target_min", options.strength_target_min, 0.0, 600.0,
                                   "min");
    std::vector<PeriodLoad> out;
    for (const PeriodLoad& day : daily_load(sessions, options)) {
        const CalendarDay c = CalendarDay::from_days(day.start_day);
        const std::string label = c.week_label();
        if (out.empty() || out.back().label != label) {
            PeriodLoad w;
            w.label = label;
            const CalendarDay monday = CalendarDay::from_days(day.start_day - (c.iso_weekday - 1));
            w.start = monday.date;
            w.start_day = monday.days;
            out.push_back(std::move(w));
        }
        PeriodLoad& w = out.back();
        w.totals.add(day.totals, options.stress_exponent);
        detail::add_sports(w.sports, day.sports);
    }
    const double target_min = options.strength_target_sessions * options.strength_target_min;
    for (PeriodLoad& w : out) {
        w.strength_target_met = w.totals.strength_sessions >= options.strength_target_sessions &&
                                w.totals.strength_min >= target_min;
        w.strength_target_fraction =
            target_min > 0 ? std::min(1.0, w.totals.strength_min / target_min) : 1.0;
    }
    return out;
}

}  // namespace strideload::load
