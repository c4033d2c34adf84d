/// @file
/// @brief Time zones for calendar days and ISO weeks: UTC, a fixed offset, or a named IANA zone
/// ("Europe/Paris") with its daylight-saving rules, read from the system's tz database
/// (/usr/share/zoneinfo, Debian `tzdata`) through Howard Hinnant's date/tz library — g++ 12's
/// `<chrono>` has no time-zone database.
///
/// A `TimeZone` is a callable `double(double unix_s)` giving local time − UTC [s] at an
/// instant, which is what load::DayOptions::utc_offset_s takes.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace strideload::io {

/// A time zone: UTC, a fixed offset, or a named IANA zone.
class TimeZone {
  public:
    /// @brief UTC.
    TimeZone();
    /// @brief Parses "UTC", "Z", a fixed offset "+02:00" / "-0530" / "UTC+1", or an IANA name
    ///        ("Europe/Paris", "America/New_York").
    /// @param spec The zone.
    /// @throws Error naming the spec when it is neither an offset nor a known zone.
    static TimeZone parse(std::string_view spec);
    /// @brief A fixed offset.
    /// @param offset_s Local time − UTC [s], within ±18 h.
    static TimeZone fixed(double offset_s);

    /// @brief Local time − UTC [s] at an instant.
    /// @param unix_s Unix time [s].
    double offset_s(double unix_s) const;
    /// @brief Same as offset_s: lets a TimeZone be used where a `double(double)` is expected.
    double operator()(double unix_s) const { return offset_s(unix_s); }
    /// @brief UTC instant [s] of a local wall-clock time (Unix-style seconds counted in local
    ///        time). A time skipped by a DST change is moved forward; an ambiguous one takes
    ///        the earlier instant.
    /// @param local_s Local seconds since 1970-01-01 00:00 local.
    double to_utc_s(double local_s) const;
    /// @brief The spec it was made from ("UTC", "+02:00", "Europe/Paris").
    const std::string& name() const noexcept { return name_; }

  private:
    std::string name_;
    double fixed_offset_s_ = 0.0;
    const void* zone_ = nullptr;  // date::time_zone*, owned by date's database
};

}  // namespace strideload::io
