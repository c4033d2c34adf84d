// Training-log CSV reader (decode_training_log) — see include/strideload/io/activity.hpp.
//
// One session per data row, no records. Rows are split by libcsv (RFC 4180: a field in double
// quotes may hold commas, and "" stands for one quote), one physical line at a time: a quoted
// field may not run over the end of its line, so that a quote left open cannot swallow the
// rest of the log. Lines that are blank or whose first non-blank character is '#' are
// comments, before and after the header. Line numbers in errors count every physical line.
//
// Dates are calendar arithmetic only (C++20 <chrono> sys_days, proleptic Gregorian): a local
// time is turned into UTC with the cell's own offset ("Z", "+01:00") or else with
// ActivityOptions::log_time_zone (a named zone's rules at that time, io/time_zone.hpp) or,
// when that is empty, the fixed ActivityOptions::log_utc_offset_s.
//
// A log with a header and no data rows gives an Activity with zero sessions (unlike the watch
// formats, which always give at least one): the load pipeline reads that as no training.
#include <csv.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cmath>
#include <optional>

#include "strideload/error.hpp"
#include "strideload/io/activity.hpp"
#include "strideload/io/time_zone.hpp"
#include "table.hpp"

namespace strideload::io {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

enum Column : std::size_t {
    date,
    kind,
    duration_min,
    distance_km,
    cadence_spm,
    contact_time_ms,
    rpe,
    notes,
    column_count
};

constexpr std::array<std::string_view, column_count> column_names{
    "date", "kind", "duration_min", "distance_km", "cadence_spm", "contact_time_ms",
    "rpe",  "notes"};
constexpr std::size_t required_columns = 3;  // date, kind, duration_min
constexpr std::size_t absent = static_cast<std::size_t>(-1);

std::vector<std::string> names_of(std::size_t first, std::size_t end) {
    std::vector<std::string> out;
    for (std::size_t c = first; c < end; ++c) out.emplace_back(column_names[c]);
    return out;
}

bool is_comment_or_blank(std::string_view line) {
    const std::string_view t = detail::trim(line);
    return t.empty() || t.front() == '#';
}

// A row problem, thrown inside the reader and turned into a FileError or a RowProblem.
struct RowFailure {
    std::string reason;
};

// libcsv for one line at a time, its buffer released on every path out.
class LineSplitter {
  public:
    LineSplitter() {
        // Not strict: a stray quote inside an unquoted field (5'10" or a "nickname") is kept
        // as written.
        csv_init(&parser_, 0);
        csv_set_delim(&parser_, ',');
    }
    ~LineSplitter() { csv_free(&parser_); }
    LineSplitter(const LineSplitter&) = delete;
    LineSplitter& operator=(const LineSplitter&) = delete;

    /// @brief The fields of @p line (no line terminator in it); throws RowFailure.
    std::vector<std::string> split(std::string_view line) {
        Row row;
        // The line, then a line feed: unless a quote is left open, the feed ends the record.
        const bool parsed = csv_parse(&parser_, line.data(), line.size(), on_field, on_row_end,
                                      &row) == line.size() &&
                            csv_parse(&parser_, "\n", 1, on_field, on_row_end, &row) == 1;
        const bool ended = row.ended;
        if (!ended) csv_fini(&parser_, on_field, on_row_end, &row);  // resets the parser
        if (!parsed)
            throw RowFailure{std::string("CSV parser: ") + csv_strerror(csv_error(&parser_))};
        if (!ended)
            throw RowFailure{"a quoted field runs over the end of the line (a quote left open?)"};
        return std::move(row.fields);
    }

  private:
    struct Row {
        std::vector<std::string> fields;
        bool ended = false;
    };
    static void on_field(void* text, std::size_t size, void* data) {
        static_cast<Row*>(data)->fields.emplace_back(static_cast<const char*>(text), size);
    }
    static void on_row_end(int, void* data) { static_cast<Row*>(data)->ended = true; }
    csv_parser parser_{};
};

// Built with += (g++ 12 warns -Wrestrict, wrongly, on "'" + std::string).
std::string in_quotes(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 2);
    out += '\'';
    out += text;
    out += '\'';
    return out;
}

// Digits at [at, at + n) of s as a number; nullopt unless they are all digits.
std::optional<int> digits(std::string_view s, std::size_t at, std::size_t n) {
    if (at + n > s.size()) return std::nullopt;
    int value = 0;
    for (std::size_t i = at; i < at + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
        value = value * 10 + (s[i] - '0');
    }
    return value;
}

struct StartTime {
    double start_s;       // Unix time [s], UTC
    double utc_offset_s;  // local − UTC [s] used
};

// "YYYY-MM-DD" (12:00 local), or "YYYY-MM-DD{T| }HH:MM[:SS][Z|±HH:MM]".
StartTime parse_date(std::string_view s, const TimeZone& zone) {
    // A local wall-clock time without an offset: UTC from the zone's rules at that time.
    auto local = [&zone](double local_s) -> StartTime {
        const double utc = zone.to_utc_s(local_s);
        return {utc, local_s - utc};
    };
    const std::string what = "date " + in_quotes(s);
    const std::string expected =
        ": expected YYYY-MM-DD, or YYYY-MM-DDTHH:MM[:SS] with an optional Z or +HH:MM/-HH:MM";
    const auto y = digits(s, 0, 4), mo = digits(s, 5, 2), d = digits(s, 8, 2);
    if (!y || !mo || !d || s[4] != '-' || s[7] != '-') throw RowFailure{what + expected};
    const std::chrono::year_month_day ymd{std::chrono::year{*y},
                                          std::chrono::month{static_cast<unsigned>(*mo)},
                                          std::chrono::day{static_cast<unsigned>(*d)}};
    if (!ymd.month().ok())
        throw RowFailure{what + ": month " + std::to_string(*mo) + " is not 1-12"};
    if (!ymd.ok()) {
        const auto last =
            std::chrono::year_month_day_last{ymd.year(), std::chrono::month_day_last{ymd.month()}};
        throw RowFailure{what + ": day " + std::to_string(*d) + " is not in 1-" +
                         std::to_string(static_cast<unsigned>(last.day())) + " for that month"};
    }
    const double day_s =
        86400.0 * static_cast<double>(std::chrono::sys_days(ymd).time_since_epoch().count());

    if (s.size() == 10) return local(day_s + 12 * 3600.0);

    std::size_t at = 10;
    if (s[at] != 'T' && s[at] != 't' && s[at] != ' ') throw RowFailure{what + expected};
    ++at;
    const auto h = digits(s, at, 2), mi = digits(s, at + 3, 2);
    if (!h || !mi || s[at + 2] != ':') throw RowFailure{what + expected};
    at += 5;
    int sec = 0;
    if (at < s.size() && s[at] == ':') {
        const auto ss = digits(s, at + 1, 2);
        if (!ss) throw RowFailure{what + expected};
        sec = *ss;
        at += 3;
    }
    if (*h > 23 || *mi > 59 || sec > 59)
        throw RowFailure{what + ": the time of day is not within 00:00:00-23:59:59"};
    const double wall_s = day_s + *h * 3600.0 + *mi * 60.0 + sec;
    if (at == s.size()) return local(wall_s);
    double offset_s = 0.0;
    {
        if ((s[at] == 'Z' || s[at] == 'z') && at + 1 == s.size()) {
            offset_s = 0.0;
        } else if (s[at] == '+' || s[at] == '-') {
            const auto oh = digits(s, at + 1, 2), om = digits(s, at + 4, 2);
            if (!oh || !om || s[at + 3] != ':' || at + 6 != s.size())
                throw RowFailure{what + expected};
            if (*oh > 18 || *om > 59 || (*oh == 18 && *om != 0))
                throw RowFailure{what + ": the UTC offset is not within -18:00..+18:00"};
            offset_s = (s[at] == '-' ? -1.0 : 1.0) * (*oh * 3600.0 + *om * 60.0);
        } else {
            throw RowFailure{what + expected};
        }
    }
    return {wall_s - offset_s, offset_s};
}

// run → running, strength → strength_training, other → other; any other name lower-cased
// with runs of spaces, tabs and hyphens as one underscore ("Trail Running" → trail_running).
std::string parse_kind(std::string_view s) {
    if (s.empty())
        throw RowFailure{
            "kind is empty: it is required (run, strength, other or a "
            "sport name such as walking or cycling)"};
    const std::string k = detail::to_lower(s);
    if (k == "run") return "running";
    if (k == "strength") return "strength_training";
    if (!std::isalpha(static_cast<unsigned char>(k.front())))
        throw RowFailure{"kind " + in_quotes(s) +
                         " is not a sport name: expected run, strength, other or a sport name "
                         "such as walking or cycling (letters, digits, spaces, '-', '_')"};
    std::string sport;
    bool gap = false;
    for (const char c : k) {
        if (c == ' ' || c == '\t' || c == '-' || c == '_') {
            gap = true;
            continue;
        }
        if (!std::isalnum(static_cast<unsigned char>(c)))
            throw RowFailure{"kind " + in_quotes(s) +
                             " is not a sport name: expected run, strength, other or a sport name "
                             "such as walking or cycling (letters, digits, spaces, '-', '_')"};
        if (gap) sport += '_';
        gap = false;
        sport += c;
    }
    return sport;
}

// A number in a column: NaN when empty (unless required); finite; inside [low, high] with the
// ends open as asked. Throws RowFailure naming the column and the text.
double parse_value(std::string_view text, Column column, bool required, double low, bool low_open,
                   double high, std::string_view allowed) {
    const std::string what = std::string(column_names[column]) + " " + in_quotes(text);
    if (text.empty()) {
        if (required)
            throw RowFailure{std::string(column_names[column]) + " is empty: it is required"};
        return nan;
    }
    double value = 0.0;
    bool out_of_range = false;
    if (!detail::parse_number(text, value, out_of_range) || !std::isfinite(value))
        throw RowFailure{what + " is not a finite number"};
    if (value < low || (low_open && value == low) || value > high)
        throw RowFailure{what + " is outside " + std::string(allowed)};
    return value;
}

ActivitySession parse_row(const std::vector<std::string>& fields,
                          const std::array<std::size_t, column_count>& index,
                          const TimeZone& zone) {
    auto cell = [&](Column c) -> std::string_view {
        return index[c] == absent ? std::string_view{} : detail::trim(fields[index[c]]);
    };
    constexpr double inf = std::numeric_limits<double>::infinity();
    ActivitySession session;
    const std::string_view date_text = cell(date);
    if (date_text.empty()) throw RowFailure{"date is empty: it is required"};
    const StartTime start = parse_date(date_text, zone);
    session.start_s = start.start_s;
    session.utc_offset_s = start.utc_offset_s;
    session.sport = parse_kind(cell(kind));
    session.duration_s =
        60.0 * parse_value(cell(duration_min), duration_min, true, 0.0, true, inf, "(0, inf) min");
    session.moving_time_s = session.duration_s;
    session.distance_m =
        1000.0 * parse_value(cell(distance_km), distance_km, false, 0.0, false, inf, "[0, inf) km");
    session.cadence_spm =
        parse_value(cell(cadence_spm), cadence_spm, false, 0.0, true, 300.0, "(0, 300] steps/min");
    session.contact_time_s = 1e-3 * parse_value(cell(contact_time_ms), contact_time_ms, false, 0.0,
                                                true, 2000.0, "(0, 2000] ms");
    session.rpe = parse_value(cell(rpe), rpe, false, 0.0, false, 10.0, "[0, 10]");
    session.notes = std::string(cell(notes));
    return session;
}

}  // namespace

Activity decode_training_log(std::string_view text, std::string_view name,
                             const ActivityOptions& options) {
    const std::filesystem::path path{std::string(name)};
    if (!std::isfinite(options.log_utc_offset_s) ||
        std::abs(options.log_utc_offset_s) > 18 * 3600.0)
        throw Error("log_utc_offset_s", options.log_utc_offset_s, "[-64800, 64800] s");
    const TimeZone zone = options.log_time_zone.empty() ? TimeZone::fixed(options.log_utc_offset_s)
                                                        : TimeZone::parse(options.log_time_zone);
    Activity activity;
    activity.source = std::string(name);
    activity.format = "log";

    detail::LineCursor lines(detail::strip_bom(text));
    std::string_view line;
    bool found = false;
    while (!found && lines.next(line)) found = !is_comment_or_blank(line);
    if (!found)
        throw FileError(path, 0,
                        "no header row: a training log starts with the column names (" +
                            detail::quoted_list(names_of(0, column_count)) + ")");

    // Header: every column known, none twice, the required ones present.
    LineSplitter splitter;
    const std::size_t header_line = lines.line();
    std::vector<std::string> header;
    try {
        header = splitter.split(line);
    } catch (const RowFailure& failure) {
        throw FileError(path, header_line, "header: " + failure.reason);
    }
    std::array<std::size_t, column_count> index;
    index.fill(absent);
    for (std::size_t i = 0; i < header.size(); ++i) {
        const std::string key = detail::to_lower(detail::trim(header[i]));
        const auto it = std::find(column_names.begin(), column_names.end(), key);
        if (it == column_names.end())
            throw FileError(path, header_line,
                            "unknown column " + in_quotes(header[i]) + ": allowed " +
                                detail::quoted_list(names_of(0, column_count)) +
                                " (the first line that is not a comment must be the header)");
        const auto c = static_cast<std::size_t>(it - column_names.begin());
        if (index[c] != absent)
            throw FileError(path, header_line, "column " + in_quotes(key) + " appears twice");
        index[c] = i;
    }
    for (std::size_t c = 0; c < required_columns; ++c)
        if (index[c] == absent)
            throw FileError(
                path, header_line,
                "missing required column " + in_quotes(column_names[c]) +
                    " (required: " + detail::quoted_list(names_of(0, required_columns)) +
                    "; optional: " + detail::quoted_list(names_of(required_columns, column_count)) +
                    ")");

    while (lines.next(line)) {
        if (is_comment_or_blank(line)) continue;
        const std::size_t row_line = lines.line();
        try {
            const std::vector<std::string> fields = splitter.split(line);
            if (fields.size() != header.size())
                throw RowFailure{std::to_string(fields.size()) + " field" +
                                 (fields.size() == 1 ? "" : "s") + ", the header has " +
                                 std::to_string(header.size())};
            activity.sessions.push_back(parse_row(fields, index, zone));
        } catch (const RowFailure& failure) {
            if (!options.keep_valid_prefix) throw FileError(path, row_line, failure.reason);
            std::size_t later = 0;
            while (lines.next(line))
                if (!is_comment_or_blank(line)) ++later;
            activity.dropped.push_back({row_line, failure.reason + " ; " + std::to_string(later) +
                                                      " later row(s) dropped"});
            break;
        }
    }
    std::stable_sort(
        activity.sessions.begin(), activity.sessions.end(),
        [](const ActivitySession& x, const ActivitySession& y) { return x.start_s < y.start_s; });
    return activity;
}

}  // namespace strideload::io
