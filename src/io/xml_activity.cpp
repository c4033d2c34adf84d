// TCX and GPX readers (pugixml) — see include/strideload/io/activity.hpp.
//
// Both formats are walked the same way: the document gives a list of sessions (TCX
// `<Activity>`, GPX `<trk>`), each with its trackpoints in file order (TCX Lap/Track/Trackpoint,
// GPX trkseg/trkpt); the points are read one by one into ActivityRecords. Elements are matched
// by local name, whatever namespace prefix the writer chose (`ns3:hr`, `gpxtpx:hr`, `hr`).
//
// Times are ISO 8601 `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)`; a time without a zone is taken as
// UTC (TCX and GPX both specify UTC; writers that leave out the `Z` mean it). Conversion to
// Unix seconds is calendar arithmetic (proleptic Gregorian, <chrono> sys_days), no time zone
// database. A second of 60 (leap second) is accepted and counts as :00 of the next minute, as
// Unix time does.
//
// Damage: a malformed time or number, or a record time earlier than the previous record's
// (equal is allowed), throws FileError naming the line of the element. With keep_valid_prefix
// the records before it are kept, the session it falls in ends there (its duration and
// distance then describe the kept records), later sessions are dropped, and one RowProblem
// says what and how many trackpoints were dropped. If nothing precedes the damage there is no
// prefix to keep and the FileError is thrown anyway. XML that pugixml cannot parse always
// throws, keep_valid_prefix or not: XML cannot be cut at an arbitrary point and still be read
// as a document, and a partial tree is not a trustworthy prefix.
//
// A trackpoint without a time cannot be placed in time: it is left out and counted in one
// Activity::dropped entry ("N trackpoints without a time left out", at the line of the first),
// with or without keep_valid_prefix — never silently.
#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <limits>
#include <numbers>
#include <pugixml.hpp>
#include <string>
#include <utility>
#include <vector>

#include "strideload/io/activity.hpp"

namespace strideload::io {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// Mean Earth radius [m] (IUGG R1 = (2a + b)/3 of WGS84), for the GPX great-circle distance.
constexpr double earth_radius_m = 6371008.8;

/// A problem at one line of the document: becomes a FileError, or the end of the valid prefix.
struct Damage {
    std::size_t line;
    std::string reason;
};

/// Line numbers from byte offsets into the text pugixml parsed.
class LineIndex {
  public:
    explicit LineIndex(std::string_view text) {
        for (std::size_t i = 0; i < text.size(); ++i)
            if (text[i] == '\n') newlines_.push_back(i);
    }
    /// @brief 1-based line of byte @p offset (0 when the offset is unknown, < 0).
    std::size_t line(std::ptrdiff_t offset) const {
        if (offset < 0) return 0;
        const auto at = static_cast<std::size_t>(offset);
        return 1 +
               static_cast<std::size_t>(std::lower_bound(newlines_.begin(), newlines_.end(), at) -
                                        newlines_.begin());
    }
    std::size_t line(pugi::xml_node node) const { return line(node.offset_debug()); }

  private:
    std::vector<std::size_t> newlines_;
};

/// Element name without its namespace prefix.
std::string_view local_name(pugi::xml_node node) {
    const std::string_view name = node.name();
    const auto colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

/// First child element with local name @p name (null node if none).
pugi::xml_node child(pugi::xml_node node, std::string_view name) {
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling())
        if (c.type() == pugi::node_element && local_name(c) == name) return c;
    return {};
}

/// Child elements with local name @p name, in document order.
std::vector<pugi::xml_node> children(pugi::xml_node node, std::string_view name) {
    std::vector<pugi::xml_node> out;
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling())
        if (c.type() == pugi::node_element && local_name(c) == name) out.push_back(c);
    return out;
}

/// Descendant elements with local name @p name, in document order (not below a match).
/// Iterative, so that a deeply nested (hostile) document cannot overflow the stack.
void descendants(pugi::xml_node node, std::string_view name, std::vector<pugi::xml_node>& out) {
    pugi::xml_node n = node.first_child();
    while (n && n != node) {
        const bool match = n.type() == pugi::node_element && local_name(n) == name;
        if (match) out.push_back(n);
        if (!match && n.first_child()) {
            n = n.first_child();
            continue;
        }
        while (n != node && !n.next_sibling()) n = n.parent();
        if (n != node) n = n.next_sibling();
    }
}

std::string_view trim(std::string_view s) {
    const auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    return s;
}

std::string lower_sport(std::string_view s) {
    std::string out(trim(s));
    for (char& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (c == ' ' || c == '-') c = '_';
    }
    return out;
}

/// The finite number in @p text (trimmed) into @p v; NaN for empty text; false if malformed.
bool parse_number(std::string_view text, double& v) {
    const std::string_view t = trim(text);
    v = nan;
    if (t.empty()) return true;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    return ec == std::errc() && end == t.data() + t.size() && std::isfinite(v);
}

/// Damage for a malformed value of @p what.
Damage not_a_number(std::size_t line, std::string_view what, std::string_view text) {
    std::string reason(what);
    reason.append(" '").append(trim(text)).append("' is not a number");
    return Damage{line, std::move(reason)};
}

/// The number in element @p node's text; NaN when the element is absent or empty.
double number(const LineIndex& lines, pugi::xml_node node) {
    double v = nan;
    if (node && !parse_number(node.child_value(), v)) {
        std::string what("<");
        what.append(node.name()).append(">");
        throw not_a_number(lines.line(node), what, node.child_value());
    }
    return v;
}

/// The number in attribute @p attr of the element at @p line; NaN when absent or empty.
double number(pugi::xml_attribute attr, std::size_t line) {
    double v = nan;
    if (attr && !parse_number(attr.value(), v)) throw not_a_number(line, attr.name(), attr.value());
    return v;
}

/// Reads @p n decimal digits at @p s[pos]; false unless all are digits.
bool digits(std::string_view s, std::size_t pos, std::size_t n, int& value) {
    if (pos + n > s.size()) return false;
    value = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        value = value * 10 + (s[i] - '0');
    }
    return true;
}

/// Unix time [s] of an ISO 8601 `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)` text (no zone = UTC);
/// NaN when it is not one.
double iso8601_unix_s(std::string_view t) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    if (!digits(t, 0, 4, y) || t.size() < 19 || t[4] != '-' || !digits(t, 5, 2, mo) ||
        t[7] != '-' || !digits(t, 8, 2, d) || t[10] != 'T' || !digits(t, 11, 2, h) ||
        t[13] != ':' || !digits(t, 14, 2, mi) || t[16] != ':' || !digits(t, 17, 2, s))
        return nan;
    if (h > 23 || mi > 59 || s > 60) return nan;
    const std::chrono::year_month_day date{std::chrono::year(y),
                                           std::chrono::month(static_cast<unsigned>(mo)),
                                           std::chrono::day(static_cast<unsigned>(d))};
    if (!date.ok()) return nan;
    std::size_t pos = 19;
    double fraction = 0.0;
    if (pos < t.size() && t[pos] == '.') {
        double scale = 0.1;
        const std::size_t first = ++pos;
        for (; pos < t.size() && t[pos] >= '0' && t[pos] <= '9'; ++pos, scale /= 10)
            fraction += (t[pos] - '0') * scale;
        if (pos == first) return nan;
    }
    double offset_s = 0.0;
    if (pos < t.size() && t[pos] == 'Z') {
        ++pos;
    } else if (pos < t.size() && (t[pos] == '+' || t[pos] == '-')) {
        int oh = 0, om = 0;
        if (!digits(t, pos + 1, 2, oh) || pos + 3 >= t.size() || t[pos + 3] != ':' ||
            !digits(t, pos + 4, 2, om) || oh > 23 || om > 59)
            return nan;
        offset_s = (t[pos] == '-' ? -1.0 : 1.0) * (oh * 3600.0 + om * 60.0);
        pos += 6;
    }
    if (pos != t.size()) return nan;
    const auto days = static_cast<double>(std::chrono::sys_days(date).time_since_epoch().count());
    return days * 86400.0 + h * 3600.0 + mi * 60.0 + s - offset_s + fraction;
}

/// The time in element @p node; NaN when the element is absent. Throws Damage when malformed.
double time_of(const LineIndex& lines, pugi::xml_node node) {
    if (!node) return nan;
    const std::string_view text = trim(node.child_value());
    const double t = iso8601_unix_s(text);
    if (std::isnan(t))
        throw Damage{lines.line(node), "<" + std::string(node.name()) + "> '" + std::string(text) +
                                           "' is not an ISO 8601 time "
                                           "(YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM))"};
    return t;
}

/// Great-circle distance [m] between two positions [deg] (haversine formula).
double haversine_m(double lat1_deg, double lon1_deg, double lat2_deg, double lon2_deg) {
    constexpr double rad = std::numbers::pi / 180.0;
    const double p1 = lat1_deg * rad, p2 = lat2_deg * rad;
    const double dp = p2 - p1, dl = (lon2_deg - lon1_deg) * rad;
    const double a = std::sin(dp / 2) * std::sin(dp / 2) +
                     std::cos(p1) * std::cos(p2) * std::sin(dl / 2) * std::sin(dl / 2);
    return 2.0 * earth_radius_m * std::asin(std::min(1.0, std::sqrt(a)));
}

/// @p s in the shortest form that round-trips ("3", "0.25").
std::string seconds_text(double s) {
    std::array<char, 32> buf{};
    const auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), s);
    return ec == std::errc() ? std::string(buf.data(), end) : std::to_string(s);
}

/// One trackpoint as read; NaN where absent.
struct Point {
    double time_s = nan, lat = nan, lon = nan, altitude = nan, distance = nan, hr = nan,
           cadence = nan, speed = nan, power = nan;
    std::size_t time_line = 0;  ///< line of the time element (or of the point if none)
};

/// One session element with what the format-specific code read from it.
struct SessionSource {
    pugi::xml_node node;
    std::vector<pugi::xml_node> points;
};

/// The format-specific parts of a reader.
struct Format {
    std::string name;  ///< "tcx" or "gpx"
    /// Reads the session-level values (sport, start, totals); may throw Damage.
    ActivitySession (*session)(const LineIndex&, pugi::xml_node);
    /// Reads one trackpoint; may throw Damage.
    Point (*point)(const LineIndex&, pugi::xml_node);
    /// GPX: distance is the cumulative great-circle distance along the positions.
    bool haversine_distance;
};

/// Reads the sessions of @p sources into an Activity (see the file comment for damage).
Activity read_sessions(const std::vector<SessionSource>& sources, const Format& format,
                       const LineIndex& lines, std::string_view name,
                       const ActivityOptions& options) {
    Activity a;
    a.source = std::string(name);
    a.format = format.name;
    ActivityRecords& rec = a.records;

    std::size_t total_points = 0;
    for (const SessionSource& s : sources) total_points += s.points.size();

    std::size_t timeless = 0, timeless_line = 0;
    std::size_t points_seen = 0;
    double previous_s = -std::numeric_limits<double>::infinity();
    std::size_t previous_line = 0;

    for (std::size_t k = 0; k < sources.size(); ++k) {
        const SessionSource& source = sources[k];
        ActivitySession session;
        session.first_record = rec.size();
        // Session totals in the file, and the kept part when the session is cut.
        double cumulative_m = 0.0, last_lat = nan, last_lon = nan;
        bool any_position = false;
        try {
            session = format.session(lines, source.node);
            session.first_record = rec.size();
            for (pugi::xml_node node : source.points) {
                const Point p = format.point(lines, node);
                if (std::isnan(p.time_s)) {
                    ++points_seen;
                    if (timeless++ == 0) timeless_line = lines.line(node);
                    continue;
                }
                if (p.time_s < previous_s)
                    throw Damage{p.time_line,
                                 "time goes backwards: " + seconds_text(previous_s - p.time_s) +
                                     " s earlier than the previous record (line " +
                                     std::to_string(previous_line) + ")"};
                ++points_seen;
                previous_s = p.time_s;
                previous_line = p.time_line;
                const std::size_t i = rec.push_back(p.time_s);
                rec.latitude_deg[i] = p.lat;
                rec.longitude_deg[i] = p.lon;
                rec.altitude_m[i] = p.altitude;
                rec.heart_rate_bpm[i] = p.hr;
                rec.cadence_rpm[i] = p.cadence;
                rec.speed_m_s[i] = p.speed;
                rec.power_W[i] = p.power;
                rec.distance_m[i] = p.distance;
                if (format.haversine_distance && !std::isnan(p.lat) && !std::isnan(p.lon)) {
                    // Across a <trkseg> break too: the athlete covered that ground.
                    if (any_position) cumulative_m += haversine_m(last_lat, last_lon, p.lat, p.lon);
                    any_position = true;
                    last_lat = p.lat;
                    last_lon = p.lon;
                    rec.distance_m[i] = cumulative_m;
                }
            }
            session.end_record = rec.size();
            if (format.haversine_distance) session.distance_m = any_position ? cumulative_m : nan;
            if (session.end_record > session.first_record) {
                if (std::isnan(session.start_s)) session.start_s = rec.time_s[session.first_record];
                if (std::isnan(session.duration_s))
                    session.duration_s = rec.time_s.back() - session.start_s;
            }
            a.sessions.push_back(std::move(session));
        } catch (const Damage& damage) {
            if (!options.keep_valid_prefix)
                throw FileError(std::string(name), damage.line, damage.reason);
            // The damaged point and everything after it is dropped. A session cut short ends
            // at its last kept record: its totals then describe the kept records.
            const std::size_t dropped_points = total_points - points_seen;
            session.end_record = rec.size();
            const bool keep_session = session.end_record > session.first_record;
            if (keep_session) {
                const std::size_t last = session.end_record - 1;
                if (std::isnan(session.start_s)) session.start_s = rec.time_s[session.first_record];
                session.duration_s = rec.time_s[last] - session.start_s;
                session.moving_time_s = nan;
                session.distance_m = nan;
                for (std::size_t i = session.end_record; i-- > session.first_record;)
                    if (!std::isnan(rec.distance_m[i])) {
                        session.distance_m = rec.distance_m[i];
                        break;
                    }
                a.sessions.push_back(std::move(session));
            }
            if (a.sessions.empty())
                throw FileError(std::string(name), damage.line,
                                damage.reason + " (no valid records before it to keep)");
            const std::size_t dropped_sessions = sources.size() - k - (keep_session ? 1 : 0);
            std::string reason = damage.reason + ": dropped " + std::to_string(dropped_points) +
                                 " trackpoint(s) from here to the end of the file";
            if (dropped_sessions > 0)
                reason += ", " + std::to_string(dropped_sessions) + " session(s) in all";
            a.dropped.push_back({damage.line, std::move(reason)});
            break;
        }
    }
    if (timeless > 0)
        a.dropped.push_back(
            {timeless_line, std::to_string(timeless) + " trackpoints without a time left out"});
    std::stable_sort(a.dropped.begin(), a.dropped.end(),
                     [](const RowProblem& x, const RowProblem& y) { return x.line < y.line; });
    return a;
}

/// Parses @p xml and checks its root element; throws FileError on a parse error or another root.
pugi::xml_node parse_document(pugi::xml_document& doc, std::string_view xml, const LineIndex& lines,
                              std::string_view name, std::string_view root_name,
                              std::string_view format) {
    const pugi::xml_parse_result result =
        doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_auto);
    if (!result)
        throw FileError(std::string(name), lines.line(result.offset),
                        std::string("malformed XML: ") + result.description());
    const pugi::xml_node root = doc.document_element();
    if (local_name(root) != root_name)
        throw FileError(std::string(name), lines.line(root),
                        "the root element is <" + std::string(root.name()) + ">, not <" +
                            std::string(root_name) + ">: not a " + std::string(format) + " file");
    return root;
}

// ---- TCX ------------------------------------------------------------------------------------

ActivitySession tcx_session(const LineIndex& lines, pugi::xml_node activity) {
    ActivitySession s;
    const std::string sport = lower_sport(activity.attribute("Sport").value());
    s.sport = sport == "biking" ? "cycling" : sport.empty() ? "unknown" : sport;
    s.start_s = time_of(lines, child(activity, "Id"));
    const std::vector<pugi::xml_node> laps = children(activity, "Lap");
    if (std::isnan(s.start_s) && !laps.empty()) {
        const pugi::xml_attribute start = laps.front().attribute("StartTime");
        if (start) {
            const double t = iso8601_unix_s(trim(start.value()));
            if (std::isnan(t))
                throw Damage{
                    lines.line(laps.front()),
                    "Lap StartTime '" + std::string(start.value()) + "' is not an ISO 8601 time"};
            s.start_s = t;
        }
    }
    if (!laps.empty()) {
        double time_s = 0.0, distance_m = 0.0;
        for (pugi::xml_node lap : laps) {
            time_s += number(lines, child(lap, "TotalTimeSeconds"));
            distance_m += number(lines, child(lap, "DistanceMeters"));
        }
        s.duration_s = time_s;
        s.moving_time_s = time_s;
        s.distance_m = distance_m;
    }
    return s;
}

Point tcx_point(const LineIndex& lines, pugi::xml_node tp) {
    Point p;
    const pugi::xml_node time = child(tp, "Time");
    p.time_line = lines.line(time ? time : tp);
    p.time_s = time_of(lines, time);
    const pugi::xml_node position = child(tp, "Position");
    p.lat = number(lines, child(position, "LatitudeDegrees"));
    p.lon = number(lines, child(position, "LongitudeDegrees"));
    p.altitude = number(lines, child(tp, "AltitudeMeters"));
    p.distance = number(lines, child(tp, "DistanceMeters"));
    p.hr = number(lines, child(child(tp, "HeartRateBpm"), "Value"));
    p.cadence = number(lines, child(tp, "Cadence"));
    // ActivityExtension v2: <Extensions><TPX><Speed/><RunCadence/><Watts/></TPX></Extensions>.
    std::vector<pugi::xml_node> tpx;
    descendants(child(tp, "Extensions"), "TPX", tpx);
    for (pugi::xml_node x : tpx) {
        if (const double v = number(lines, child(x, "Speed")); !std::isnan(v)) p.speed = v;
        if (const double v = number(lines, child(x, "RunCadence")); !std::isnan(v)) p.cadence = v;
        if (const double v = number(lines, child(x, "Watts")); !std::isnan(v)) p.power = v;
    }
    return p;
}

// ---- GPX ------------------------------------------------------------------------------------

ActivitySession gpx_session(const LineIndex&, pugi::xml_node trk) {
    ActivitySession s;
    const std::string sport = lower_sport(child(trk, "type").child_value());
    s.sport = sport.empty() ? "unknown" : sport;
    return s;  // start, duration and distance come from the points
}

Point gpx_point(const LineIndex& lines, pugi::xml_node pt) {
    Point p;
    const std::size_t line = lines.line(pt);
    p.lat = number(pt.attribute("lat"), line);
    p.lon = number(pt.attribute("lon"), line);
    p.altitude = number(lines, child(pt, "ele"));
    const pugi::xml_node time = child(pt, "time");
    p.time_line = time ? lines.line(time) : line;
    p.time_s = time_of(lines, time);
    p.speed = number(lines, child(pt, "speed"));  // GPX 1.0 has <speed> in the point
    // Garmin TrackPointExtension v1/v2 (hr, cad, speed) and the power extensions
    // (<power>, PowerExtension's <PowerInWatts>), under any prefix and any wrapper.
    const pugi::xml_node extensions = child(pt, "extensions");
    const auto from_extension = [&](std::string_view name, double& into) {
        std::vector<pugi::xml_node> found;
        descendants(extensions, name, found);
        for (pugi::xml_node n : found)
            if (const double v = number(lines, n); !std::isnan(v)) into = v;
    };
    from_extension("hr", p.hr);
    from_extension("cad", p.cadence);
    from_extension("speed", p.speed);
    from_extension("power", p.power);
    from_extension("PowerInWatts", p.power);
    return p;
}

}  // namespace

Activity decode_tcx(std::string_view xml, std::string_view name, const ActivityOptions& options) {
    const LineIndex lines(xml);
    pugi::xml_document doc;
    const pugi::xml_node root =
        parse_document(doc, xml, lines, name, "TrainingCenterDatabase", "TCX");
    std::vector<pugi::xml_node> activities;
    descendants(root, "Activity", activities);
    if (activities.empty())
        throw FileError(std::string(name), 0, "no <Activity> in the TCX file (nothing to read)");
    std::vector<SessionSource> sources;
    for (pugi::xml_node activity : activities) {
        SessionSource s{activity, {}};
        for (pugi::xml_node lap : children(activity, "Lap"))
            for (pugi::xml_node track : children(lap, "Track"))
                for (pugi::xml_node tp : children(track, "Trackpoint")) s.points.push_back(tp);
        sources.push_back(std::move(s));
    }
    return read_sessions(sources, Format{"tcx", tcx_session, tcx_point, false}, lines, name,
                         options);
}

Activity decode_gpx(std::string_view xml, std::string_view name, const ActivityOptions& options) {
    const LineIndex lines(xml);
    pugi::xml_document doc;
    const pugi::xml_node root = parse_document(doc, xml, lines, name, "gpx", "GPX");
    const std::vector<pugi::xml_node> tracks = children(root, "trk");
    if (tracks.empty())
        throw FileError(std::string(name), 0, "no <trk> in the GPX file (nothing to read)");
    std::vector<SessionSource> sources;
    for (pugi::xml_node trk : tracks) {
        SessionSource s{trk, {}};
        for (pugi::xml_node seg : children(trk, "trkseg"))
            for (pugi::xml_node pt : children(seg, "trkpt")) s.points.push_back(pt);
        sources.push_back(std::move(s));
    }
    return read_sessions(sources, Format{"gpx", gpx_session, gpx_point, true}, lines, name,
                         options);
}

}  // namespace strideload::io
