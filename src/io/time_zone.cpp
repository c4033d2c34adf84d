// Time zones through date/tz — see include/strideload/io/time_zone.hpp.
#include "strideload/io/time_zone.hpp"

#include <date/tz.h>

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>

#include "strideload/error.hpp"

namespace strideload::io {

namespace {

constexpr double max_offset_s = 18.0 * 3600.0;

/// "+02:00", "-0530", "+2", "UTC+1" → seconds; false when not an offset.
bool parse_offset(std::string_view s, double& offset_s) {
    if (s.starts_with("UTC") || s.starts_with("GMT")) s.remove_prefix(3);
    if (s.empty() || (s[0] != '+' && s[0] != '-')) return false;
    const double sign = s[0] == '-' ? -1.0 : 1.0;
    s.remove_prefix(1);
    int hours = 0;
    int minutes = 0;
    const auto digits = [](std::string_view t, int& out) {
        if (t.empty() || t.size() > 2) return false;
        const auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), out);
        return ec == std::errc{} && p == t.data() + t.size();
    };
    if (const auto colon = s.find(':'); colon != std::string_view::npos) {
        if (!digits(s.substr(0, colon), hours) || !digits(s.substr(colon + 1), minutes))
            return false;
    } else if (s.size() == 4) {
        if (!digits(s.substr(0, 2), hours) || !digits(s.substr(2), minutes)) return false;
    } else if (!digits(s, hours)) {
        return false;
    }
    if (minutes >= 60) return false;
    offset_s = sign * (hours * 3600.0 + minutes * 60.0);
    return std::abs(offset_s) <= max_offset_s;
}

}  // namespace

TimeZone::TimeZone() : name_("UTC") {}

TimeZone TimeZone::fixed(double offset_s) {
    detail::require_in("utc_offset_s", offset_s, -max_offset_s, max_offset_s, "s");
    TimeZone tz;
    tz.fixed_offset_s_ = offset_s;
    const int minutes = static_cast<int>(std::lround(std::abs(offset_s) / 60.0));
    char buf[16];
    std::snprintf(buf, sizeof buf, "%c%02d:%02d", offset_s < 0 ? '-' : '+', minutes / 60,
                  minutes % 60);
    tz.name_ = buf;
    return tz;
}

TimeZone TimeZone::parse(std::string_view spec) {
    if (spec == "UTC" || spec == "Z" || spec == "utc" || spec == "GMT") return TimeZone{};
    double offset_s = 0.0;
    if (parse_offset(spec, offset_s)) {
        TimeZone tz = fixed(offset_s);
        tz.name_ = std::string(spec);
        return tz;
    }
    TimeZone tz;
    try {
        tz.zone_ = date::locate_zone(spec);
    } catch (const std::exception& e) {
        throw Error("time_zone", "'" + std::string(spec) +
                                     "' is not UTC, an offset such as +02:00, or an IANA zone "
                                     "such as Europe/Paris (" +
                                     e.what() + ")");
    }
    tz.name_ = std::string(spec);
    return tz;
}

double TimeZone::offset_s(double unix_s) const {
    if (zone_ == nullptr) return fixed_offset_s_;
    const auto* zone = static_cast<const date::time_zone*>(zone_);
    const date::sys_seconds t{std::chrono::seconds{static_cast<long long>(std::floor(unix_s))}};
    return static_cast<double>(zone->get_info(t).offset.count());
}

double TimeZone::to_utc_s(double local_s) const {
    if (zone_ == nullptr) return local_s - fixed_offset_s_;
    const auto* zone = static_cast<const date::time_zone*>(zone_);
    const double whole = std::floor(local_s);
    const date::local_seconds t{std::chrono::seconds{static_cast<long long>(whole)}};
    const date::local_info info = zone->get_info(t);
    double offset = 0.0;
    switch (info.result) {
        case date::local_info::unique:
        case date::local_info::ambiguous:  // the earlier instant: the first offset
            offset = static_cast<double>(info.first.offset.count());
            break;
        case date::local_info::nonexistent:  // skipped: move forward by the gap
            offset = static_cast<double>(info.first.offset.count());
            break;
    }
    return local_s - offset;
}

}  // namespace strideload::io
