// Training-log CSV reader: the sample log in examples/data (counts per kind and per ISO week,
// start times checked against Python's datetime), the date forms and offsets, RFC 4180 quoted
// notes, every validation error with its line, keep_valid_prefix, sorting, comments, header
// case. Expected instants are computed independently with the Python one-liners quoted next
// to them (/usr/bin/python3, datetime with a fixed timezone), never by the reader.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>

#include "strideload/io/activity.hpp"

namespace {

using strideload::io::Activity;
using strideload::io::ActivityOptions;
using strideload::io::decode_training_log;
using strideload::io::FileError;

const std::filesystem::path sample_log = std::filesystem::path(STRIDELOAD_TEST_DATA_DIR) / ".." /
                                         ".." / "examples" / "data" / "training-log.csv";

ActivityOptions paris() {
    ActivityOptions options;
    options.log_utc_offset_s = 3600.0;  // Europe/Paris in winter
    return options;
}

std::size_t count_sport(const Activity& a, const std::string& sport) {
    return static_cast<std::size_t>(
        std::count_if(a.sessions.begin(), a.sessions.end(),
                      [&](const strideload::io::ActivitySession& s) { return s.sport == sport; }));
}

// The FileError decode_training_log throws for @p text (fails the test if none).
FileError error_of(const std::string& text, const ActivityOptions& options = {}) {
    try {
        decode_training_log(text, "log.csv", options);
    } catch (const FileError& e) {
        return e;
    }
    FAIL("no FileError for:\n" << text);
    return FileError("", 0, "");
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

const std::string header =
    "date,kind,duration_min,distance_km,cadence_spm,contact_time_ms,rpe,notes\n";

}  // namespace

TEST_CASE("training log: the sample log of examples/data") {
    const Activity a = strideload::io::read_activity(sample_log, paris());
    CHECK(a.format == "log");
    CHECK(a.source == sample_log.string());
    CHECK(a.records.size() == 0);
    CHECK(a.dropped.empty());
    // 19 data rows in the file (3 comment lines on top, 2 comment lines and 2 blank lines
    // between the weeks): 9 runs, 9 strength sessions, 1 ride.
    REQUIRE(a.sessions.size() == 19);
    CHECK(count_sport(a, "running") == 9);
    CHECK(count_sport(a, "strength_training") == 9);
    CHECK(count_sport(a, "cycling") == 1);
    for (const auto& s : a.sessions) {
        CHECK(s.first_record == 0);
        CHECK(s.end_record == 0);
        CHECK(s.utc_offset_s == 3600.0);
        CHECK(s.duration_s == s.moving_time_s);
    }
    CHECK(std::is_sorted(a.sessions.begin(), a.sessions.end(),
                         [](const auto& x, const auto& y) { return x.start_s < y.start_s; }));

    // Strength sessions per ISO week (Monday 00:00 Paris = Sunday 23:00 UTC):
    // python3 -c "import datetime as d;
    // print(d.datetime(2019,1,21,tzinfo=d.timezone(d.timedelta(hours=1))).timestamp())" →
    // 1548025200.0; weeks are 604800 s.
    const double week1_s = 1548025200.0;
    int per_week[3] = {0, 0, 0};
    for (const auto& s : a.sessions) {
        const double week = std::floor((s.start_s - week1_s) / 604800.0);
        REQUIRE(week >= 0.0);
        REQUIRE(week <= 2.0);
        if (s.sport == "strength_training") ++per_week[static_cast<int>(week)];
        CHECK(s.start_s < week1_s + 3 * 604800.0);
    }
    CHECK(per_week[0] == 4);
    CHECK(per_week[1] == 2);
    CHECK(per_week[2] == 3);

    // No session on Tuesday 2019-01-29 (the watch's trail run goes there):
    // python3 -c "import datetime as d;
    // print(d.datetime(2019,1,29,tzinfo=d.timezone(d.timedelta(hours=1))).timestamp())" →
    // 1548716400.0
    for (const auto& s : a.sessions)
        CHECK_FALSE((s.start_s >= 1548716400.0 && s.start_s < 1548716400.0 + 86400.0));

    // Row "2019-01-23T07:15+01:00,run,55,10.2,170,248,6,tempo 3 x 8 min" (third session):
    // python3 -c "import datetime as d;
    // print(d.datetime(2019,1,23,7,15,tzinfo=d.timezone(d.timedelta(hours=1))).timestamp())" →
    // 1548224100.0
    const auto& tempo = a.sessions[2];
    CHECK(tempo.start_s == 1548224100.0);
    CHECK(tempo.sport == "running");
    CHECK(tempo.duration_s == 55 * 60.0);
    CHECK(tempo.distance_m == doctest::Approx(10200.0));
    CHECK(tempo.cadence_spm == 170.0);
    CHECK(tempo.contact_time_s == doctest::Approx(0.248));
    CHECK(tempo.rpe == 6.0);
    CHECK(tempo.notes == "tempo 3 x 8 min");

    // Date only "2019-01-22" → 12:00 local, +01:00:
    // python3 -c "import datetime as d;
    // print(d.datetime(2019,1,22,12,0,tzinfo=d.timezone(d.timedelta(hours=1))).timestamp())" →
    // 1548154800.0
    const auto& strength = a.sessions[1];
    CHECK(strength.start_s == 1548154800.0);
    CHECK(strength.sport == "strength_training");
    CHECK(strength.duration_s == 20 * 60.0);
    CHECK(std::isnan(strength.distance_m));
    CHECK(std::isnan(strength.cadence_spm));
    CHECK(std::isnan(strength.contact_time_s));
    CHECK(strength.notes == "squats, lunges, calf raises");

    // "2019-02-02 10:00" (no offset in the cell) → local with log_utc_offset_s = 3600:
    // python3 -c "import datetime as d;
    // print(d.datetime(2019,2,2,10,0,tzinfo=d.timezone(d.timedelta(hours=1))).timestamp())" →
    // 1549098000.0
    const auto long_run = std::find_if(a.sessions.begin(), a.sessions.end(),
                                       [](const auto& s) { return s.start_s == 1549098000.0; });
    REQUIRE(long_run != a.sessions.end());
    CHECK(long_run->notes == "long run with hills");

    // Quoted notes with commas and a doubled quote.
    CHECK(a.sessions[0].notes == "easy, flat river path");
    CHECK(a.sessions[4].notes == "single-leg work, \"slow\" eccentrics");
    // An empty notes cell.
    const auto last_week2 = std::find_if(a.sessions.begin(), a.sessions.end(), [](const auto& s) {
        return s.sport == "strength_training" && s.duration_s == 19 * 60.0;
    });
    REQUIRE(last_week2 != a.sessions.end());
    CHECK(last_week2->notes.empty());
    CHECK(std::isnan(last_week2->distance_m));
}

TEST_CASE("training log: date forms, offsets and kinds") {
    ActivityOptions options;
    options.log_utc_offset_s = -5 * 3600.0;
    const Activity a = decode_training_log(
        "date,kind,duration_min\n"
        "2024-02-29T23:30:15-05:30,Trail Running,30\n"  // leap day, own offset
        "2000-03-01T12:00Z,walking,45\n"                // Z
        "1969-12-31 23:59:00+00:00,other,1\n"           // before the epoch
        "2019-01-22,run,20\n"                           // date only: 12:00 at -05:00
        "2019-01-22 06:00,Strength,20\n",               // time without offset: -05:00
        "x.csv", options);
    REQUIRE(a.sessions.size() == 5);
    // python3 -c "import datetime as d;
    // print(d.datetime(1969,12,31,23,59,tzinfo=d.timezone.utc).timestamp())" → -60.0
    CHECK(a.sessions[0].start_s == -60.0);
    CHECK(a.sessions[0].sport == "other");
    CHECK(a.sessions[0].utc_offset_s == 0.0);
    // python3 -c "import datetime as d;
    // print(d.datetime(2000,3,1,12,tzinfo=d.timezone.utc).timestamp())" → 951912000.0
    CHECK(a.sessions[1].start_s == 951912000.0);
    CHECK(a.sessions[1].sport == "walking");
    // python3 -c "import datetime as d;
    // print(d.datetime(2019,1,22,6,0,tzinfo=d.timezone(d.timedelta(hours=-5))).timestamp())" →
    // 1548154800.0
    CHECK(a.sessions[2].start_s == 1548154800.0);
    CHECK(a.sessions[2].sport == "strength_training");
    CHECK(a.sessions[2].utc_offset_s == -18000.0);
    // python3 -c "import datetime as d;
    // print(d.datetime(2019,1,22,12,0,tzinfo=d.timezone(d.timedelta(hours=-5))).timestamp())" →
    // 1548176400.0
    CHECK(a.sessions[3].start_s == 1548176400.0);
    CHECK(a.sessions[3].sport == "running");
    CHECK(a.sessions[3].utc_offset_s == -18000.0);
    // python3 -c "import datetime as d;
    // print(d.datetime(2024,2,29,23,30,15,tzinfo=d.timezone(-d.timedelta(hours=5,minutes=30))).timestamp())"
    // → 1709269215.0
    CHECK(a.sessions[4].start_s == 1709269215.0);
    CHECK(a.sessions[4].sport == "trail_running");
    CHECK(a.sessions[4].utc_offset_s == -19800.0);
}

TEST_CASE("training log: unordered rows are sorted, ties keep file order") {
    const Activity a = decode_training_log(
        "kind,date,duration_min,notes\n"
        "run,2019-01-23,30,c\n"
        "run,2019-01-21,30,a\n"
        "strength,2019-01-23,20,d\n"
        "run,2019-01-22,30,b\n");
    REQUIRE(a.sessions.size() == 4);
    CHECK(a.sessions[0].notes == "a");
    CHECK(a.sessions[1].notes == "b");
    CHECK(a.sessions[2].notes == "c");
    CHECK(a.sessions[3].notes == "d");
}

TEST_CASE("training log: comments, blank lines, CRLF, BOM and header case") {
    const Activity a = decode_training_log(
        "\xEF\xBB\xBF# my log\r\n"
        "\r\n"
        "  DATE , Kind,Duration_Min ,RPE\r\n"
        "# a comment between rows\r\n"
        "2019-01-21,run,30,3\r\n"
        "\r\n"
        "   \r\n"
        "  # indented comment\r\n"
        "2019-01-22,run,40,\r\n");
    REQUIRE(a.sessions.size() == 2);
    CHECK(a.sessions[0].rpe == 3.0);
    CHECK(std::isnan(a.sessions[1].rpe));
    CHECK(a.sessions[1].duration_s == 2400.0);
}

TEST_CASE("training log: header only gives zero sessions") {
    const Activity a = decode_training_log(header + "# nothing yet\n");
    CHECK(a.sessions.empty());
    CHECK(a.format == "log");
}

TEST_CASE("training log: every validation error names the line") {
    struct Case {
        std::string text;
        std::size_t line;
        std::string needle;
    };
    const Case cases[] = {
        {header + "2019-1-21,run,30,,,,,\n", 2, "date '2019-1-21'"},
        {header + "2019-01-21,run,30,,,,,\n2023-02-30,run,30,,,,,\n", 3, "day 30 is not in 1-28"},
        {header + "2024-02-30,run,30,,,,,\n", 2, "day 30 is not in 1-29"},
        {header + "2019-13-01,run,30,,,,,\n", 2, "month 13"},
        {header + "2019-01-21T24:00,run,30,,,,,\n", 2, "time of day"},
        {header + "2019-01-21T10:00+01,run,30,,,,,\n", 2, "date '2019-01-21T10:00+01'"},
        {header + "2019-01-21T10:00+19:00,run,30,,,,,\n", 2, "UTC offset"},
        {header + "# c\n\n2019-01-21,run,-5,,,,,\n", 4, "duration_min '-5' is outside"},
        {header + "2019-01-21,run,0,,,,,\n", 2, "duration_min '0' is outside"},
        {header + "2019-01-21,run,,,,,,\n", 2, "duration_min is empty"},
        {header + "2019-01-21,run,inf,,,,,\n", 2, "duration_min 'inf' is not a finite number"},
        {header + "2019-01-21,run,30,,,,11,\n", 2, "rpe '11' is outside [0, 10]"},
        {header + "2019-01-21,run,30,,,,-1,\n", 2, "rpe '-1'"},
        {header + "2019-01-21,run,30,-1,,,,\n", 2, "distance_km '-1'"},
        {header + "2019-01-21,run,30,ten,,,,\n", 2, "distance_km 'ten' is not a finite number"},
        {header + "2019-01-21,run,30,,301,,,\n", 2, "cadence_spm '301'"},
        {header + "2019-01-21,run,30,,0,,,\n", 2, "cadence_spm '0'"},
        {header + "2019-01-21,run,30,,,2001,,\n", 2, "contact_time_ms '2001'"},
        {header + "2019-01-21,run,30,,,0,,\n", 2, "contact_time_ms '0'"},
        {header + "2019-01-21,,30,,,,,\n", 2, "kind is empty"},
        {header + "2019-01-21,42,30,,,,,\n", 2, "kind '42'"},
        {header + ",run,30,,,,,\n", 2, "date is empty"},
        {header + "2019-01-21,run,30,,,,,\n2019-01-22,run,30\n", 3, "3 fields, the header has 8"},
        {header + "2019-01-21,run,30,,,,,a,b\n", 2, "9 fields, the header has 8"},
        {header + "2019-01-21,run,30,,,,,\"open quote\n", 2, "quote left open"},
        {"date,kind,duration_min,pace\n", 1, "unknown column 'pace': allowed 'date', 'kind'"},
        {"# top\ndate,kind,notes\n2019-01-21,run,x\n", 2, "missing required column 'duration_min'"},
        {"date,kind,duration_min,DATE\n", 1, "column 'date' appears twice"},
        {"2019-01-21,run,30\n", 1, "unknown column '2019-01-21'"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        const FileError e = error_of(c.text);
        CHECK(e.line() == c.line);
        CHECK(std::string(e.what()).rfind("log.csv:" + std::to_string(c.line) + ": ", 0) == 0);
        CHECK_MESSAGE(contains(e.reason(), c.needle), e.what());
    }
    // The unknown-column message lists every allowed column.
    const std::string unknown = error_of("date,kind,duration_min,pace\n").reason();
    for (const char* name : {"'date'", "'kind'", "'duration_min'", "'distance_km'", "'cadence_spm'",
                             "'contact_time_ms'", "'rpe'", "'notes'"})
        CHECK(contains(unknown, name));
    // No header at all.
    CHECK(error_of("").line() == 0);
    CHECK(error_of("# only a comment\n\n").line() == 0);
}

TEST_CASE("training log: keep_valid_prefix keeps the rows before the first bad one") {
    ActivityOptions options;
    options.keep_valid_prefix = true;
    const Activity a = decode_training_log(header +
                                               "2019-01-23,run,30,,,,,\n"
                                               "2019-01-21,run,30,,,,,\n"
                                               "# comment\n"
                                               "2019-01-22,run,30,,,,11,\n"  // line 5: rpe 11
                                               "2019-01-24,run,30,,,,,\n"
                                               "\n"
                                               "2019-02-30,run,30,,,,,\n",  // bad too, not read
                                           "log.csv", options);
    REQUIRE(a.sessions.size() == 2);
    CHECK(a.sessions[0].start_s < a.sessions[1].start_s);  // still sorted
    REQUIRE(a.dropped.size() == 1);
    CHECK(a.dropped[0].line == 5);
    CHECK(contains(a.dropped[0].reason, "rpe '11'"));
    CHECK(contains(a.dropped[0].reason, " ; 2 later row(s) dropped"));

    // Without the option the same text throws at line 5.
    CHECK(error_of(header + "2019-01-23,run,30,,,,,\n2019-01-21,run,30,,,,,\n# c\n"
                            "2019-01-22,run,30,,,,11,\n")
              .line() == 5);
    // Header problems are not a row: they throw even with the option.
    CHECK(error_of("date,kind\n2019-01-21,run\n", options).line() == 1);
}

TEST_CASE("training log: a bad log_utc_offset_s is an Error") {
    ActivityOptions options;
    options.log_utc_offset_s = 20 * 3600.0;
    CHECK_THROWS_AS(decode_training_log(header, "x", options), strideload::Error);
    options.log_utc_offset_s = std::nan("");
    CHECK_THROWS_AS(decode_training_log(header, "x", options), strideload::Error);
}
