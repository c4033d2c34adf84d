// strideload::io::read_opensim: synthetic two-foot files in tests/data/io (100 Hz; right foot
// vertical force 400·min(i, 10 − i) N for samples i < 10, left foot 300·min(i − 10, 20 − i) N
// for i >= 10, anterior-posterior ∓ vertical / 10, medio-lateral ± vertical / 40), and
// malformed variants written at test time.
#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <vector>

#include "scratch.hpp"
#include "strideload/io/force_table.hpp"

namespace io = strideload::io;
namespace fs = std::filesystem;

namespace {

const fs::path data_dir = fs::path(STRIDELOAD_TEST_DATA_DIR) / "io";

const test::Scratch scratch("strideload_io_opensim_");

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

io::FileError error_of(const fs::path& path, const io::OpenSimOptions& options = {}) {
    try {
        (void)io::read_opensim(path, options);
    } catch (const io::FileError& e) {
        return e;
    }
    FAIL("no FileError for " << path);
    return io::FileError(path, 0, "");
}

double right_vertical(int i) { return i < 10 ? 400.0 * std::min(i, 10 - i) : 0.0; }
double left_vertical(int i) { return i >= 10 ? 300.0 * std::min(i - 10, 20 - i) : 0.0; }

// Both fixtures hold the same numbers under different names and layouts.
void check_two_feet(const io::ForceTable& t, const std::string& right, const std::string& left) {
    CHECK(t.samples() == 20);
    CHECK(t.data.cols() == 19);
    CHECK(t.rows_read == 20);
    CHECK(t.time_column == "time");
    CHECK(t.rate_hz == doctest::Approx(100.0).epsilon(1e-9));
    CHECK(t.time_s[0] == 0.0);
    CHECK(t.time_s[19] == doctest::Approx(0.19).epsilon(1e-12));
    REQUIRE(t.plates.size() == 2);
    CHECK(t.plates[0].label == right);
    CHECK(t.plates[1].label == left);
    CHECK(t.plates[0].anterior_posterior == 1);
    CHECK(t.plates[0].vertical == 2);
    CHECK(t.plates[0].medio_lateral == 3);
    CHECK(t.plates[1].anterior_posterior == 7);
    CHECK(t.plates[1].vertical == 8);
    CHECK(t.plates[1].medio_lateral == 9);
    for (int i = 0; i < 20; ++i) {
        CAPTURE(i);
        CHECK(t.column(right + "_vy")[i] == right_vertical(i));
        CHECK(t.column(left + "_vy")[i] == left_vertical(i));
        // One foot at a time: the sum is whichever foot is down.
        CHECK(t.vertical_N()[i] == right_vertical(i) + left_vertical(i));
        CHECK(t.anterior_posterior_N()[i] ==
              doctest::Approx((left_vertical(i) - right_vertical(i)) / 10.0));
        CHECK(t.medio_lateral_N()[i] ==
              doctest::Approx((right_vertical(i) - left_vertical(i)) / 40.0));
    }
    CHECK(t.vertical_N()[5] == 2000.0);
    CHECK(t.vertical_N()[15] == 1500.0);
}

// A small .mot with one bad piece of text substituted in.
std::string mot(const std::string& header, const std::string& rows) {
    return "test.mot\nversion=1\n" + header + "endheader\n" +
           "time\tground_force_vx\tground_force_vy\tground_force_vz\n" + rows;
}
const std::string good_rows = "0.00\t1\t10\t0\n0.01\t1\t20\t0\n0.02\t1\t30\t0\n";

}  // namespace

TEST_CASE(".mot, OpenSim 3 names: ground_force_* and 1_ground_force_*, nRows/nColumns checked") {
    const io::ForceTable t = io::read_opensim(data_dir / "two_feet_100hz.mot");
    check_two_feet(t, "ground_force", "1_ground_force");
    const auto has = [&](const char* key, const char* value) {
        return std::find(t.metadata.begin(), t.metadata.end(),
                         std::pair<std::string, std::string>(key, value)) != t.metadata.end();
    };
    CHECK(has("nRows", "20"));
    CHECK(has("nColumns", "19"));
    CHECK(has("inDegrees", "no"));
    CHECK(t.problems.empty());
}

TEST_CASE(".sto variant: r_/l_ names, no nRows, trailing tab, CRLF rows, spaces between numbers") {
    const io::ForceTable t = io::read_opensim(data_dir / "two_feet_100hz.sto");
    check_two_feet(t, "r_ground_force", "l_ground_force");

    io::OpenSimOptions o;
    o.rate_hz = 100.0;
    CHECK(io::read_opensim(data_dir / "two_feet_100hz.sto", o).rate_hz == 100.0);
    o.rate_hz = 120.0;
    CHECK(contains(error_of(data_dir / "two_feet_100hz.sto", o).reason(),
                   "rate_hz = 120 Hz disagrees with the time column 'time'"));
}

TEST_CASE("read_force dispatches on the extension, any case") {
    io::ForceTableOptions o;
    const io::ForceTable t = io::read_force(data_dir / "two_feet_100hz.mot", o);
    CHECK(t.plates.size() == 2);
    const fs::path upper = scratch.write("UPPER.STO", mot("", good_rows));
    CHECK(io::read_force(upper, o).plates.size() == 1);
    o.delimiter = ',';
    CHECK_THROWS_AS(io::read_force(upper, o), strideload::Error);
    o.delimiter = 0;
    o.time_column = "Time";
    CHECK(io::read_force(upper, o).samples() == 3);
    o.time_column = "frame";
    CHECK_THROWS_AS(io::read_force(upper, o), strideload::Error);
    o.time_column.clear();
    // Chosen columns override the recognised plates.
    o.vertical_column = "ground_force_vx";
    const io::ForceTable chosen = io::read_force(upper, o);
    REQUIRE(chosen.plates.size() == 1);
    CHECK(chosen.plates[0].vertical == 1);
    CHECK(chosen.plates[0].anterior_posterior == -1);
}

TEST_CASE("other OpenSim namings: ground_force_1_*, ground_force_2_*; SIMM datarows") {
    const fs::path path =
        scratch.write("numbered.mot",
                      "name numbered\ndatacolumns 7\ndatarows 2\nrange 0 0.001\nendheader\n"
                      "time ground_force_1_vx ground_force_1_vy ground_force_1_vz "
                      "ground_force_2_vx ground_force_2_vy ground_force_2_vz\n"
                      "0 1 100 2 3 200 4\n0.001 1 110 2 3 210 4\n");
    const io::ForceTable t = io::read_opensim(path);
    REQUIRE(t.plates.size() == 2);
    CHECK(t.plates[0].label == "ground_force_1");
    CHECK(t.plates[1].label == "ground_force_2");
    CHECK(t.vertical_N()[1] == 320.0);
    CHECK(t.rate_hz == doctest::Approx(1000.0));
    // datarows is checked like nRows.
    const fs::path short_rows =
        scratch.write("short.mot",
                      "datacolumns 4\ndatarows 3\nendheader\ntime ground_force_vx ground_force_vy "
                      "ground_force_vz\n0 1 1 1\n0.001 1 1 1\n");
    const io::FileError e = error_of(short_rows);
    CHECK(e.line() == 2);
    CHECK(contains(e.reason(), "datarows=3, but the file has 2 data rows"));
}

TEST_CASE("header checks: nRows and nColumns against the data, inDegrees, endheader") {
    const fs::path rows = scratch.write("rows.mot", mot("nRows=4\nnColumns=4\n", good_rows));
    const io::FileError e = error_of(rows);
    CHECK(e.line() == 3);
    CHECK(contains(e.reason(), "nRows=4, but the file has 3 data rows"));
    CHECK(contains(e.what(), rows.string() + ":3: "));

    const fs::path columns = scratch.write("columns.mot", mot("nRows=3\nnColumns=5\n", good_rows));
    const io::FileError c = error_of(columns);
    CHECK(c.line() == 6);
    CHECK(contains(c.reason(), "4 column names, but nColumns=5 on line 4"));

    CHECK(io::read_opensim(scratch.write("match.mot", mot("nRows=3\nnColumns=4\n", good_rows)))
              .samples() == 3);
    CHECK(contains(error_of(scratch.write("deg.mot", mot("inDegrees=maybe\n", good_rows))).reason(),
                   "inDegrees = 'maybe'"));
    CHECK(contains(error_of(scratch.write("count.mot", mot("nRows=three\n", good_rows))).reason(),
                   "nRows = 'three' is not a whole number"));
    const io::FileError no_end =
        error_of(scratch.write("noend.mot", "version=1\ntime\tground_force_vy\n0\t1\n0.01\t2\n"));
    CHECK(no_end.line() == 0);
    CHECK(contains(no_end.reason(), "no 'endheader' line"));
    CHECK(contains(error_of(scratch.write("nonames.mot", "version=1\nendheader\n\n")).reason(),
                   "no column-name row"));
}

TEST_CASE("malformed rows: line numbers count the header lines; collect mode keeps nRows") {
    // Lines: 1 test.mot, 2 version, 3 nRows, 4 endheader, 5 names, 6.. data.
    const std::string rows = "0.00\t1\t10\t0\n0.01\t1\tbad\t0\n0.02\t1\t30\t0\n0.03\t1\t40\t0\n";
    const fs::path path = scratch.write("bad_row.mot", mot("nRows=4\n", rows));
    const io::FileError e = error_of(path);
    CHECK(e.line() == 7);
    CHECK(contains(e.reason(), "field 3 (ground_force_vy) = 'bad' is not a number"));

    io::OpenSimOptions o;
    o.on_error = io::OnError::collect;
    const io::ForceTable t = io::read_opensim(path, o);
    CHECK(t.rows_read == 4);
    CHECK(t.samples() == 3);
    REQUIRE(t.problems.size() == 1);
    CHECK(t.problems[0].line == 7);
    CHECK(t.rate_hz == doctest::Approx(100.0));
    CHECK(t.time_s[1] == 0.02);

    const fs::path short_row =
        scratch.write("short_row.mot", mot("", "0.00\t1\t10\t0\n0.01\t1\t20\n0.02\t1\t30\t0\n"));
    const io::FileError s = error_of(short_row);
    CHECK(s.line() == 6);
    CHECK(contains(s.reason(), "3 fields, expected 4"));

    const fs::path back = scratch.write("back.mot", mot("",
                                                        "0.00\t1\t10\t0\n0.01\t1\t20\t0\n"
                                                        "0.005\t1\t30\t0\n"));
    CHECK(error_of(back).line() == 7);
    const fs::path nan = scratch.write("nan.mot", mot("", "0.00\t1\t10\t0\n0.01\t1\tNaN\t0\n"));
    CHECK(contains(error_of(nan).reason(), "'NaN' is not a finite number"));
}

TEST_CASE("no ground force columns, missing vertical, empty and header-only files") {
    const io::FileError none =
        error_of(scratch.write("none.mot", "endheader\ntime\tknee_angle_r\n0\t1\n0.01\t2\n"));
    CHECK(none.line() == 2);
    CHECK(contains(none.reason(), "no ground force columns"));
    CHECK(contains(none.reason(), "'time', 'knee_angle_r'"));
    CHECK(contains(
        error_of(scratch.write("novy.mot", "endheader\ntime\tground_force_vx\n0\t1\n0.01\t2\n"))
            .reason(),
        "no vertical column 'ground_force_vy'"));
    CHECK(error_of(scratch.write("empty.mot", "")).reason() == "the file is empty");
    CHECK(contains(error_of(scratch.write("header_only.mot", mot("nRows=0\n", ""))).reason(),
                   "no data rows"));
    try {
        (void)io::read_opensim(scratch.dir / "missing.mot");
        FAIL("no exception");
    } catch (const fs::filesystem_error& e) {
        CHECK(e.code() == std::errc::no_such_file_or_directory);
        CHECK(e.path1() == scratch.dir / "missing.mot");
    }
    io::OpenSimOptions o;
    o.anterior_posterior_column = "ground_force_vx";
    CHECK_THROWS_AS(io::read_opensim(data_dir / "two_feet_100hz.mot", o), strideload::Error);
}
