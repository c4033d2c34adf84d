// TCX and GPX readers: the sweatpy trail run (TCX) and bike ride (GPX) against reference values
// computed independently with Python's xml.etree, and small inline documents for namespace
// prefixes, RunCadence, missing and backwards times, keep_valid_prefix, malformed input, time
// zone offsets, fractional seconds and several sessions.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <numbers>
#include <string>

#include "strideload/io/activity.hpp"

namespace {

using strideload::io::Activity;
using strideload::io::ActivityOptions;
using strideload::io::decode_gpx;
using strideload::io::decode_tcx;
using strideload::io::FileError;
using strideload::io::read_activity;

const std::filesystem::path data_dir =
    std::filesystem::path(STRIDELOAD_TEST_DATA_DIR) / "activities";

/// Mean and count of the non-NaN values of @p v.
std::pair<double, std::size_t> mean_count(const std::vector<double>& v) {
    double sum = 0.0;
    std::size_t n = 0;
    for (double x : v)
        if (!std::isnan(x)) {
            sum += x;
            ++n;
        }
    return {n ? sum / static_cast<double>(n) : NAN, n};
}

/// The FileError thrown by @p f (fails the test if none).
template <class F>
FileError file_error(F&& f) {
    try {
        f();
    } catch (const FileError& e) {
        return e;
    }
    FAIL("no FileError thrown");
    return FileError("", 0, "");
}

// A TCX document, line by line, so that the tests can name lines: trackpoint k (0-based) of
// tcx_points() starts at line 7 + k and has its <Time> on that line.
std::string tcx(const std::string& trackpoints, const std::string& sport = "Running") {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"  // 1
           "<TrainingCenterDatabase "
           "xmlns=\"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2\">\n"  // 2
           "<Activities><Activity Sport=\"" +
           sport +
           "\">\n"                            // 3
           "<Id>2019-01-29T10:25:12Z</Id>\n"  // 4
           "<Lap StartTime=\"2019-01-29T10:25:13Z\">"
           "<TotalTimeSeconds>10</TotalTimeSeconds><DistanceMeters>25</DistanceMeters>\n"  // 5
           "<Track>\n" +                                                                   // 6
           trackpoints +
           "</Track></Lap></Activity></Activities></TrainingCenterDatabase>\n";
}

std::string tcx_point(const std::string& time, double distance_m = 1.0) {
    return "<Trackpoint>" + (time.empty() ? "" : "<Time>" + time + "</Time>") + "<DistanceMeters>" +
           std::to_string(distance_m) + "</DistanceMeters></Trackpoint>\n";
}

}  // namespace

TEST_CASE("TCX: sweatpy trail run (3173437224.tcx) against xml.etree reference values") {
    // Reference values: /usr/bin/python3, xml.etree.ElementTree on the file itself (findall of
    // the TCX v2 namespace's Activity/Lap/Trackpoint, datetime.fromisoformat(...).timestamp()
    // for times, plain sums/means/min/max) — not from this reader.
    const Activity a = read_activity(data_dir / "3173437224.tcx");
    CHECK(a.format == "tcx");
    CHECK(a.dropped.empty());
    REQUIRE(a.sessions.size() == 1);
    const auto& s = a.sessions[0];
    CHECK(s.sport == "running");
    CHECK(s.start_s == 1548757512.0);  // <Id>2019-01-29T10:25:12.000Z</Id>
    CHECK(s.duration_s == doctest::Approx(3510.0).epsilon(1e-12));  // 142.0 + 3368.0 (2 laps)
    CHECK(s.moving_time_s == doctest::Approx(3510.0).epsilon(1e-12));
    CHECK(s.distance_m == doctest::Approx(4508.500091552734).epsilon(1e-12));
    REQUIRE(a.records.size() == 3507);  // 142 + 3365 trackpoints, all with a Time
    CHECK(s.first_record == 0);
    CHECK(s.end_record == 3507);
    CHECK(a.records.time_s.front() == 1548757513.0);
    CHECK(a.records.time_s.back() == doctest::Approx(1548761416.719).epsilon(1e-15));
    CHECK(std::is_sorted(a.records.time_s.begin(), a.records.time_s.end()));
    const auto [cadence_mean, cadence_n] = mean_count(a.records.cadence_rpm);
    CHECK(cadence_n == 3507);
    CHECK(cadence_mean == doctest::Approx(44.28001140575991).epsilon(1e-12));
    const auto [hr_mean, hr_n] = mean_count(a.records.heart_rate_bpm);
    CHECK(hr_n == 3507);
    CHECK(hr_mean == doctest::Approx(130.80695751354435).epsilon(1e-12));
    const auto [alt_min, alt_max] =
        std::minmax_element(a.records.altitude_m.begin(), a.records.altitude_m.end());
    CHECK(*alt_min == 908.62);
    CHECK(*alt_max == 944.739);
    CHECK(a.records.distance_m.back() == 4508.5);
    CHECK(a.records.latitude_deg.front() == 48.05249767);
    CHECK(a.records.longitude_deg.front() == 6.9482215);
    CHECK(std::isnan(a.records.power_W.front()));  // not recorded: NaN, never 0
    CHECK(std::isnan(a.records.speed_m_s.front()));
}

TEST_CASE("GPX: sweatpy bike ride (activity_5039744860-cycling.gpx) loads as cycling") {
    // Reference values: /usr/bin/python3, xml.etree.ElementTree on the file (GPX 1.1 and
    // TrackPointExtension v1 namespaces), datetime.fromisoformat for times, and a separate
    // Python haversine (R = 6371008.8 m, math.asin form) summed over consecutive lat/lon.
    const Activity a = read_activity(data_dir / "activity_5039744860-cycling.gpx");
    CHECK(a.format == "gpx");
    CHECK(a.dropped.empty());
    REQUIRE(a.sessions.size() == 1);
    const auto& s = a.sessions[0];
    CHECK(s.sport == "cycling");
    CHECK_FALSE(strideload::io::is_on_foot(s.sport));
    REQUIRE(a.records.size() == 96);
    CHECK(s.first_record == 0);
    CHECK(s.end_record == 96);
    CHECK(s.start_s == 1591023160.0);  // 2020-06-01T14:52:40.000Z
    CHECK(a.records.time_s.back() == 1591023286.0);
    CHECK(s.duration_s == 126.0);
    CHECK(std::isnan(s.moving_time_s));
    const auto [hr_mean, hr_n] = mean_count(a.records.heart_rate_bpm);
    CHECK(hr_n == 96);
    CHECK(hr_mean == doctest::Approx(150.03125).epsilon(1e-12));
    const auto [cad_mean, cad_n] = mean_count(a.records.cadence_rpm);
    CHECK(cad_n == 96);
    CHECK(cad_mean == doctest::Approx(79.98958333333333).epsilon(1e-12));
    const auto [ele_min, ele_max] =
        std::minmax_element(a.records.altitude_m.begin(), a.records.altitude_m.end());
    CHECK(*ele_min == doctest::Approx(-23.799999237060547).epsilon(1e-12));
    CHECK(*ele_max == -20.0);
    // Great-circle distance: total and the first two steps.
    CHECK(s.distance_m == doctest::Approx(899.2589560891497).epsilon(1e-9));
    CHECK(a.records.distance_m.back() == s.distance_m);
    CHECK(a.records.distance_m[0] == 0.0);
    CHECK(a.records.distance_m[1] == doctest::Approx(6.254371862854134).epsilon(1e-9));
    CHECK(a.records.distance_m[2] == doctest::Approx(12.5727260709343).epsilon(1e-9));
}

TEST_CASE("TCX and GPX: namespace prefixes are ignored") {
    const std::string prefixed_tcx =
        "<?xml version=\"1.0\"?>\n"
        "<tc:TrainingCenterDatabase xmlns:tc=\"http://www.garmin.com/xmlschemas/"
        "TrainingCenterDatabase/v2\" xmlns:ns3=\"http://www.garmin.com/xmlschemas/"
        "ActivityExtension/v2\">\n"
        "<tc:Activities><tc:Activity Sport=\"Biking\"><tc:Id>2020-01-01T00:00:00Z</tc:Id>\n"
        "<tc:Lap StartTime=\"2020-01-01T00:00:00Z\"><tc:TotalTimeSeconds>60</tc:TotalTimeSeconds>"
        "<tc:Track><tc:Trackpoint><tc:Time>2020-01-01T00:00:01Z</tc:Time>"
        "<tc:Position><tc:LatitudeDegrees>45.5</tc:LatitudeDegrees>"
        "<tc:LongitudeDegrees>-73.5</tc:LongitudeDegrees></tc:Position>"
        "<tc:HeartRateBpm><tc:Value>140</tc:Value></tc:HeartRateBpm><tc:Cadence>85</tc:Cadence>"
        "<tc:Extensions><ns3:TPX><ns3:Speed>7.5</ns3:Speed><ns3:Watts>210</ns3:Watts></ns3:TPX>"
        "</tc:Extensions></tc:Trackpoint></tc:Track></tc:Lap></tc:Activity></tc:Activities>"
        "</tc:TrainingCenterDatabase>\n";
    const Activity t = decode_tcx(prefixed_tcx);
    REQUIRE(t.sessions.size() == 1);
    CHECK(t.sessions[0].sport == "cycling");  // Biking -> cycling
    CHECK(t.sessions[0].duration_s == 60.0);
    CHECK(std::isnan(t.sessions[0].distance_m));  // no lap DistanceMeters
    REQUIRE(t.records.size() == 1);
    CHECK(t.records.time_s[0] == 1577836801.0);
    CHECK(t.records.latitude_deg[0] == 45.5);
    CHECK(t.records.longitude_deg[0] == -73.5);
    CHECK(t.records.heart_rate_bpm[0] == 140.0);
    CHECK(t.records.cadence_rpm[0] == 85.0);
    CHECK(t.records.speed_m_s[0] == 7.5);
    CHECK(t.records.power_W[0] == 210.0);

    for (const std::string prefix : {"", "gpxtpx:", "ns3:"}) {
        CAPTURE(prefix);
        const std::string gpx =
            "<?xml version=\"1.0\"?>\n"
            "<gpx version=\"1.1\" xmlns=\"http://www.topografix.com/GPX/1/1\" xmlns:gpxtpx="
            "\"http://www.garmin.com/xmlschemas/TrackPointExtension/v2\" xmlns:ns3=\"x\">\n"
            "<trk><type>Running</type><trkseg>\n"
            "<trkpt lat=\"0\" lon=\"0\"><ele>12.5</ele><time>2020-01-01T00:00:00Z</time>"
            "<extensions><" +
            prefix + "TrackPointExtension><" + prefix + "hr>150</" + prefix + "hr><" + prefix +
            "cad>88</" + prefix + "cad><" + prefix + "speed>3.2</" + prefix + "speed></" + prefix +
            "TrackPointExtension><power>250</power></extensions></trkpt>\n" +
            "<trkpt lat=\"0\" lon=\"0.001\"><time>2020-01-01T00:00:02Z</time></trkpt>\n"
            "</trkseg></trk></gpx>\n";
        const Activity g = decode_gpx(gpx);
        REQUIRE(g.sessions.size() == 1);
        CHECK(g.sessions[0].sport == "running");
        REQUIRE(g.records.size() == 2);
        CHECK(g.records.heart_rate_bpm[0] == 150.0);
        CHECK(g.records.cadence_rpm[0] == 88.0);
        CHECK(g.records.speed_m_s[0] == 3.2);
        CHECK(g.records.power_W[0] == 250.0);
        CHECK(g.records.altitude_m[0] == 12.5);
        CHECK(std::isnan(g.records.heart_rate_bpm[1]));
        CHECK(std::isnan(g.records.altitude_m[1]));
        // 0.001 deg of longitude on the equator: R * 0.001 * pi / 180 = 111.19508 m.
        CHECK(g.records.distance_m[1] ==
              doctest::Approx(6371008.8 * 0.001 * std::numbers::pi / 180.0));
        CHECK(g.sessions[0].duration_s == 2.0);
    }
}

TEST_CASE("TCX: RunCadence overrides the trackpoint Cadence") {
    const std::string doc =
        tcx("<Trackpoint><Time>2019-01-29T10:25:13Z</Time><Cadence>80</Cadence><Extensions>"
            "<TPX xmlns=\"http://www.garmin.com/xmlschemas/ActivityExtension/v2\">"
            "<RunCadence>86</RunCadence></TPX></Extensions></Trackpoint>\n"
            "<Trackpoint><Time>2019-01-29T10:25:14Z</Time><Cadence>81</Cadence></Trackpoint>\n");
    const Activity a = decode_tcx(doc);
    REQUIRE(a.records.size() == 2);
    CHECK(a.records.cadence_rpm[0] == 86.0);
    CHECK(a.records.cadence_rpm[1] == 81.0);
    CHECK(a.sessions[0].start_s == 1548757512.0);
    CHECK(a.sessions[0].duration_s == 10.0);
    CHECK(a.sessions[0].distance_m == 25.0);
}

TEST_CASE("TCX and GPX: trackpoints without a time are left out and reported") {
    const std::string doc = tcx(tcx_point("2019-01-29T10:25:13Z") + tcx_point("") + tcx_point("") +
                                tcx_point("2019-01-29T10:25:15Z"));
    const Activity a = decode_tcx(doc);
    REQUIRE(a.records.size() == 2);
    CHECK(a.records.time_s[1] == 1548757515.0);
    REQUIRE(a.dropped.size() == 1);
    CHECK(a.dropped[0].line == 8);  // the first timeless trackpoint
    CHECK(a.dropped[0].reason == "2 trackpoints without a time left out");
    CHECK(a.sessions[0].end_record == 2);

    const Activity g = decode_gpx(
        "<gpx version=\"1.0\"><trk><trkseg>\n"
        "<trkpt lat=\"1\" lon=\"1\"/>\n"
        "<trkpt lat=\"1\" lon=\"1\"><time>2020-01-01T00:00:00Z</time></trkpt>\n"
        "</trkseg></trk></gpx>");
    REQUIRE(g.records.size() == 1);
    CHECK(g.sessions[0].sport == "unknown");  // no <type>
    REQUIRE(g.dropped.size() == 1);
    CHECK(g.dropped[0].line == 2);
    CHECK(g.dropped[0].reason == "1 trackpoints without a time left out");
}

TEST_CASE("TCX and GPX: time going backwards is a FileError at its line, or ends the prefix") {
    // Trackpoints at lines 7..11; the one at line 10 goes back 2 s. Equal times are allowed.
    const std::string doc =
        tcx(tcx_point("2019-01-29T10:25:13Z", 1) + tcx_point("2019-01-29T10:25:14Z", 2) +
            tcx_point("2019-01-29T10:25:14Z", 3) + tcx_point("2019-01-29T10:25:12Z", 4) +
            tcx_point("2019-01-29T10:25:16Z", 5));
    const FileError e = file_error([&] { decode_tcx(doc, "run.tcx"); });
    CHECK(e.line() == 10);
    CHECK(std::string(e.what()).rfind("run.tcx:10: ", 0) == 0);
    CHECK(e.reason().find("backwards") != std::string::npos);
    CHECK(e.reason().find("line 9") != std::string::npos);  // the previous record

    ActivityOptions keep;
    keep.keep_valid_prefix = true;
    const Activity a = decode_tcx(doc, "run.tcx", keep);
    REQUIRE(a.records.size() == 3);
    REQUIRE(a.sessions.size() == 1);
    CHECK(a.sessions[0].end_record == 3);
    CHECK(a.sessions[0].duration_s == 2.0);  // Id 10:25:12 to the last kept 10:25:14
    CHECK(a.sessions[0].distance_m == 3.0);  // the last kept DistanceMeters
    CHECK(std::isnan(a.sessions[0].moving_time_s));
    REQUIRE(a.dropped.size() == 1);
    CHECK(a.dropped[0].line == 10);
    CHECK(a.dropped[0].reason.find("dropped 2 trackpoint(s)") != std::string::npos);

    // GPX, across tracks: the second track starts before the first ends; keeping the prefix
    // drops the second track entirely (its 2 points).
    const std::string gpx =
        "<gpx version=\"1.1\">\n"                                                 // 1
        "<trk><type>running</type><trkseg>\n"                                     // 2
        "<trkpt lat=\"0\" lon=\"0\"><time>2020-01-01T00:00:00Z</time></trkpt>\n"  // 3
        "<trkpt lat=\"0\" lon=\"0\"><time>2020-01-01T00:01:00Z</time></trkpt>\n"  // 4
        "</trkseg></trk>\n"                                                       // 5
        "<trk><type>running</type><trkseg>\n"                                     // 6
        "<trkpt lat=\"0\" lon=\"0\">\n"                                           // 7
        "<time>2020-01-01T00:00:30Z</time></trkpt>\n"                             // 8
        "<trkpt lat=\"0\" lon=\"0\"><time>2020-01-01T00:02:00Z</time></trkpt>\n"  // 9
        "</trkseg></trk></gpx>\n";
    CHECK(file_error([&] { decode_gpx(gpx); }).line() == 8);
    const Activity g = decode_gpx(gpx, "<memory>", keep);
    REQUIRE(g.sessions.size() == 1);
    CHECK(g.records.size() == 2);
    CHECK(g.sessions[0].duration_s == 60.0);
    REQUIRE(g.dropped.size() == 1);
    CHECK(g.dropped[0].line == 8);
    CHECK(g.dropped[0].reason.find("dropped 2 trackpoint(s)") != std::string::npos);
    CHECK(g.dropped[0].reason.find("1 session(s)") != std::string::npos);
}

TEST_CASE("TCX and GPX: a malformed time is a FileError with its line and text") {
    const std::string doc =
        tcx(tcx_point("2019-01-29T10:25:13Z") + tcx_point("2019-01-29 10:25:14"));
    const FileError e = file_error([&] { decode_tcx(doc, "bad.tcx"); });
    CHECK(e.line() == 8);
    CHECK(e.reason().find("'2019-01-29 10:25:14'") != std::string::npos);

    ActivityOptions keep;
    keep.keep_valid_prefix = true;
    const Activity a = decode_tcx(doc, "bad.tcx", keep);
    CHECK(a.records.size() == 1);
    REQUIRE(a.dropped.size() == 1);
    CHECK(a.dropped[0].line == 8);

    // Nothing valid before the damage: no prefix to keep, still an error.
    const std::string first_bad = tcx(tcx_point("2019-02-30T00:00:00Z"));  // no 30 February
    CHECK(file_error([&] { decode_tcx(first_bad, "x", keep); }).line() == 7);

    for (const char* bad : {"2020-01-01T00:00:00+0200", "2020-13-01T00:00:00Z",
                            "2020-01-01T24:00:00Z", "2020-01-01T00:00:00.Z", "1591023160"}) {
        CAPTURE(bad);
        const std::string gpx = std::string("<gpx>\n<trk><trkseg><trkpt lat=\"0\" lon=\"0\">\n") +
                                "<time>" + bad + "</time></trkpt></trkseg></trk></gpx>";
        const FileError g = file_error([&] { decode_gpx(gpx); });
        CHECK(g.line() == 3);
        CHECK(g.reason().find(std::string("'") + bad + "'") != std::string::npos);
    }
}

TEST_CASE("TCX and GPX: time zone offsets, no zone, fractional seconds") {
    // Expected Unix times from Python datetime.fromisoformat(...).timestamp().
    const std::pair<const char*, double> cases[] = {
        {"2020-06-01T16:52:40+02:00", 1591023160.0},
        {"2020-06-01T14:52:40Z", 1591023160.0},
        {"2019-12-31T23:30:00-05:30", 1577854800.0},
        {"2019-01-29T10:25:13.250Z", 1548757513.25},
        {"2000-02-29T00:00:00Z", 951782400.0},
        {"2024-01-01T00:00:01", 1704067201.0},  // no zone: UTC
    };
    for (const auto& [text, unix_s] : cases) {
        CAPTURE(text);
        const Activity g = decode_gpx(std::string("<gpx><trk><trkseg><trkpt lat=\"0\" lon=\"0\">"
                                                  "<time>") +
                                      text + "</time></trkpt></trkseg></trk></gpx>");
        REQUIRE(g.records.size() == 1);
        CHECK(g.records.time_s[0] == unix_s);
        CHECK(g.sessions[0].start_s == unix_s);
    }
}

TEST_CASE("TCX: two activities of different sports are two sessions with their records") {
    const std::string doc =
        "<TrainingCenterDatabase><Activities>\n"
        "<Activity Sport=\"Running\"><Id>2021-05-01T08:00:00Z</Id>"
        "<Lap StartTime=\"2021-05-01T08:00:00Z\"><TotalTimeSeconds>120</TotalTimeSeconds>"
        "<DistanceMeters>400</DistanceMeters><Track>"
        "<Trackpoint><Time>2021-05-01T08:00:00Z</Time></Trackpoint>"
        "<Trackpoint><Time>2021-05-01T08:01:00Z</Time></Trackpoint></Track></Lap>"
        "<Lap StartTime=\"2021-05-01T08:01:00Z\"><TotalTimeSeconds>60.5</TotalTimeSeconds>"
        "<DistanceMeters>200</DistanceMeters><Track>"
        "<Trackpoint><Time>2021-05-01T08:02:00Z</Time></Trackpoint></Track></Lap></Activity>\n"
        "<Activity Sport=\"Other\"><Id>2021-05-01T09:00:00Z</Id>"
        "<Lap StartTime=\"2021-05-01T09:00:00Z\"><TotalTimeSeconds>30</TotalTimeSeconds><Track>"
        "<Trackpoint><Time>2021-05-01T09:00:00Z</Time></Trackpoint>"
        "<Trackpoint><Time>2021-05-01T09:00:30Z</Time></Trackpoint></Track></Lap></Activity>\n"
        "</Activities></TrainingCenterDatabase>\n";
    const Activity a = decode_tcx(doc);
    REQUIRE(a.sessions.size() == 2);
    CHECK(a.records.size() == 5);
    CHECK(a.sessions[0].sport == "running");
    CHECK(a.sessions[0].first_record == 0);
    CHECK(a.sessions[0].end_record == 3);
    CHECK(a.sessions[0].start_s == 1619856000.0);  // 2021-05-01T08:00:00Z
    CHECK(a.sessions[0].duration_s == 180.5);
    CHECK(a.sessions[0].distance_m == 600.0);
    CHECK(a.sessions[1].sport == "other");
    CHECK(a.sessions[1].first_record == 3);
    CHECK(a.sessions[1].end_record == 5);
    CHECK(a.sessions[1].start_s == 1619859600.0);
    CHECK(a.sessions[1].duration_s == 30.0);
    CHECK(std::isnan(a.sessions[1].distance_m));
}

TEST_CASE("TCX and GPX: wrong root, no sessions, malformed XML, bad numbers") {
    const FileError root = file_error([] { decode_tcx("<?xml version=\"1.0\"?>\n<gpx/>", "a"); });
    CHECK(root.line() == 2);
    CHECK(root.reason().find("<gpx>") != std::string::npos);
    CHECK(file_error([] { decode_gpx("<TrainingCenterDatabase/>"); })
              .reason()
              .find("<TrainingCenterDatabase>") != std::string::npos);
    CHECK(file_error([] { decode_gpx("<gpx><wpt lat=\"0\" lon=\"0\"/></gpx>"); })
              .reason()
              .find("no <trk>") != std::string::npos);
    CHECK(file_error([] {
              decode_tcx(
                  "<TrainingCenterDatabase><Activities/>"
                  "</TrainingCenterDatabase>");
          })
              .reason()
              .find("no <Activity>") != std::string::npos);

    ActivityOptions keep;
    keep.keep_valid_prefix = true;
    const std::string cut =
        "<gpx><trk><trkseg>\n<trkpt lat=\"0\" lon=\"0\"><time>2020-01-01T00:00:00Z</time>"
        "</trkpt>\n<trkpt lat=\"0\" lon=\"0\"><ti";
    const FileError xml = file_error([&] { decode_gpx(cut, "cut.gpx", keep); });
    CHECK(xml.line() == 3);
    CHECK(xml.reason().find("malformed XML") != std::string::npos);

    const FileError hr = file_error([] {
        decode_gpx(
            "<gpx><trk><trkseg><trkpt lat=\"0\" lon=\"0\">\n"
            "<time>2020-01-01T00:00:00Z</time><extensions>\n<hr>fast</hr>"
            "</extensions></trkpt></trkseg></trk></gpx>");
    });
    CHECK(hr.line() == 3);
    CHECK(hr.reason().find("'fast'") != std::string::npos);
    CHECK(file_error([] {
              decode_gpx(
                  "<gpx><trk><trkseg><trkpt lat=\"north\" lon=\"0\">"
                  "<time>2020-01-01T00:00:00Z</time></trkpt></trkseg></trk></gpx>");
          })
              .reason()
              .find("lat 'north'") != std::string::npos);
}
