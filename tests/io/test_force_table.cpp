// strideload::io::read_force_table: the bundled Fukuchi et al. 2017 treadmill trial (values
// from the file and its README), hand-written fixtures in tests/data/io, and malformed files
// written at test time so that each expected line number is visible here.
#include <doctest/doctest.h>
#include <unistd.h>

#include <charconv>
#include <cmath>
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

const fs::path data_dir = fs::path(STRIDELOAD_TEST_DATA_DIR);
const fs::path fukuchi = data_dir / "fukuchi2017" / "RBDS0041runT252forces.txt";

const test::Scratch scratch("strideload_io_table_");

io::ForceTableOptions fz_fx() {
    io::ForceTableOptions o;
    o.vertical_column = "fz";
    o.anterior_posterior_column = "fx";
    return o;
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// The FileError read_force_table throws for @p path (fails the test when none is thrown).
io::FileError error_of(const fs::path& path, const io::ForceTableOptions& options) {
    try {
        (void)io::read_force_table(path, options);
    } catch (const io::FileError& e) {
        return e;
    }
    FAIL("no FileError for " << path);
    return io::FileError(path, 0, "");
}

}  // namespace

TEST_CASE("Fukuchi 2017 trial: 9000 rows x 8 columns, 300 Hz given, first row and mean Fy") {
    io::ForceTableOptions o;
    o.vertical_column = "Fy";
    o.anterior_posterior_column = "Fx";
    o.medio_lateral_column = "Fz";
    o.rate_hz = 300.0;
    const io::ForceTable t = io::read_force_table(fukuchi, o);

    CHECK(t.samples() == 9000);
    CHECK(t.data.cols() == 8);
    CHECK(t.column_names ==
          std::vector<std::string>{"Time", "Fx", "Fy", "Fz", "COPx", "COPy", "COPz", "Ty"});
    CHECK(t.rate_hz == 300.0);
    CHECK(t.rate().value() == 300.0);
    CHECK(t.time_column == "Time");
    CHECK(t.source == fukuchi.string());
    CHECK(t.rows_read == 9000);
    CHECK(t.problems.empty());
    // First and last rows as printed in the file.
    CHECK(t.column("Fx")[0] == -128.78);
    CHECK(t.column("Fy")[0] == 1718.29);
    CHECK(t.column("Fz")[0] == -74.77);
    CHECK(t.column("Ty")[0] == 13298.91);
    CHECK(t.column("Fy")[8999] == 43.49);
    CHECK(t.column("Time")[8999] == 9000.0);
    // README: mean vertical force over the 30 s trial 767.97 N (to 0.01 N).
    CHECK(std::abs(t.column("Fy").mean() - 767.97) < 0.005);
    // Frame numbers 1..9000 at 300 Hz: time from 0 to 8999/300 s.
    CHECK(t.time_s[0] == 0.0);
    CHECK(t.time_s[8999] == doctest::Approx(8999.0 / 300.0).epsilon(1e-12));
    // One belt, one plate: the summed channels are the chosen columns.
    REQUIRE(t.plates.size() == 1);
    CHECK(t.plates[0].vertical == 2);
    CHECK(t.plates[0].anterior_posterior == 1);
    CHECK(t.plates[0].medio_lateral == 3);
    CHECK(t.vertical_N() == t.column("Fy"));
    CHECK(t.anterior_posterior_N() == t.column("Fx"));
    CHECK(t.medio_lateral_N() == t.column("Fz"));
}

TEST_CASE("Fukuchi 2017 trial: frame-number Time needs rate_hz, the Error names the column") {
    io::ForceTableOptions o;
    o.vertical_column = "Fy";
    const io::FileError e = error_of(fukuchi, o);
    CHECK(contains(e.what(), fukuchi.string()));
    CHECK(contains(e.reason(), "'Time'"));
    CHECK(contains(e.reason(), "counts frames"));
    CHECK(contains(e.reason(), "rate_hz"));
    // Read as seconds, the frame numbers give 1 Hz, which a given 300 Hz contradicts.
    o.time_unit = io::TimeUnit::seconds;
    o.rate_hz = 300.0;
    CHECK(contains(error_of(fukuchi, o).reason(), "disagrees"));
}

TEST_CASE("CSV with quoted header fields (a comma inside a name); rate from time in seconds") {
    io::ForceTableOptions o;
    o.vertical_column = "Force Z, vertical (N)";
    o.anterior_posterior_column = "Force X (N)";
    const io::ForceTable t = io::read_force_table(data_dir / "io" / "quoted_header_1khz.csv", o);
    CHECK(t.column_names ==
          std::vector<std::string>{"Time (s)", "Force Z, vertical (N)", "Force X (N)"});
    CHECK(t.samples() == 10);
    CHECK(t.time_column == "Time (s)");
    CHECK(t.rate_hz == doctest::Approx(1000.0).epsilon(1e-9));
    CHECK(t.vertical_N()[5] == 1750.25);
    CHECK(t.anterior_posterior_N()[3] == -41.5);
    CHECK(t.time_s[9] == 0.009);
    CHECK_THROWS_AS(t.medio_lateral_N(), strideload::Error);

    o.rate_hz = 1000.0;  // agrees
    CHECK(io::read_force_table(data_dir / "io" / "quoted_header_1khz.csv", o).rate_hz == 1000.0);
    o.rate_hz = 500.0;  // disagrees
    const io::FileError e = error_of(data_dir / "io" / "quoted_header_1khz.csv", o);
    CHECK(contains(e.reason(), "rate_hz = 500 Hz disagrees"));
    CHECK(contains(e.reason(), "'Time (s)'"));
}

TEST_CASE("semicolon-separated, detected outside quotes; a wrong delimiter finds no column") {
    const fs::path path = data_dir / "io" / "semicolon_500hz.csv";
    io::ForceTableOptions o;
    o.vertical_column = "Fz, N";
    o.anterior_posterior_column = "Fx; AP";
    const io::ForceTable t = io::read_force_table(path, o);
    CHECK(t.column_names == std::vector<std::string>{"time", "Fz, N", "Fx; AP"});
    CHECK(t.rate_hz == doctest::Approx(500.0).epsilon(1e-9));
    CHECK(t.vertical_N()[4] == 1500.0);
    o.delimiter = ';';
    CHECK(io::read_force_table(path, o).data == t.data);
    o.delimiter = ',';
    const io::FileError e = error_of(path, o);
    CHECK(e.line() == 1);
    CHECK(contains(e.reason(), "vertical_column 'Fz, N' is not a column"));
}

TEST_CASE("whitespace-separated table (runs of spaces)") {
    const io::ForceTable t =
        io::read_force_table(data_dir / "io" / "whitespace_250hz.txt", fz_fx());
    CHECK(t.column_names == std::vector<std::string>{"time", "fz", "fx"});
    CHECK(t.samples() == 10);
    CHECK(t.rate_hz == doctest::Approx(250.0).epsilon(1e-9));
    CHECK(t.column("fz")[3] == 812.5);
    CHECK(t.column("fx")[9] == 1.25);
}

TEST_CASE("round trip of 200000 rows: every value exact, through CSV, TSV and whitespace") {
    // Shortest round-trip text (std::to_chars) must read back to the same doubles; the files
    // are several times the reader's 1 MiB libcsv chunk, so rows straddle chunk boundaries.
    const Eigen::Index n = 200000;
    Eigen::MatrixXd expected(n, 4);
    for (Eigen::Index i = 0; i < n; ++i) {
        const double x = static_cast<double>(i);
        expected.row(i) << x / 1000.0, 800.0 + 700.0 * std::sin(x * 0.0123), -std::cos(x) * 1e-3,
            std::exp(x * 1e-5) * 1e5;
    }
    for (const char delimiter : {',', '\t', ' '}) {
        CAPTURE(delimiter);
        std::string text = delimiter == ' ' ? "time  fz  fx  other\n"
                                            : std::string("time") + delimiter + "fz" + delimiter +
                                                  "fx" + delimiter + "other\n";
        char buffer[32];
        for (Eigen::Index i = 0; i < n; ++i)
            for (Eigen::Index j = 0; j < 4; ++j) {
                const auto end = std::to_chars(buffer, buffer + 32, expected(i, j)).ptr;
                text.append(buffer, end);
                text += j == 3 ? '\n' : delimiter;
            }
        const io::ForceTable t =
            io::read_force_table(scratch.write("round_trip.txt", text), fz_fx());
        REQUIRE(t.samples() == n);
        CHECK(t.data == expected);
        CHECK(t.rate_hz == doctest::Approx(1000.0).epsilon(1e-9));
    }
}

TEST_CASE("every malformed-row kind raises a FileError with the file and the right line") {
    struct Case {
        const char* name;
        std::string text;
        std::size_t line;
        const char* reason;
    };
    const std::string head = "time,fz,fx\n0.000,10,1\n0.001,20,2\n";  // lines 1-3
    const std::vector<Case> cases = {
        {"too few fields", head + "0.002,30\n0.003,40,4\n", 4, "2 fields, expected 3"},
        {"too many fields", head + "0.002,30,3,7\n", 4, "4 fields, expected 3"},
        {"trailing delimiter", head + "0.002,30,3,\n", 4, "4 fields, expected 3"},
        {"not a number", head + "0.002,abc,3\n", 4, "field 2 (fz) = 'abc' is not a number"},
        {"number with junk", head + "0.002,30,3.5x\n", 4, "field 3 (fx) = '3.5x' is not a number"},
        {"empty field", head + "0.002,,3\n", 4, "field 2 (fz) is empty"},
        {"empty quoted field", head + "0.002,\"\",3\n", 4, "field 2 (fz) is empty"},
        {"NaN", head + "0.002,30,3\n0.003,nan,4\n", 5, "field 2 (fz) = 'nan' is not a finite"},
        {"infinity", head + "0.002,30,-inf\n", 4, "field 3 (fx) = '-inf' is not a finite"},
        {"overflow", head + "0.002,1e999,3\n", 4, "'1e999' is out of the range of a double"},
        {"time repeated", head + "0.001,30,3\n", 4, "'time' = 0.001 does not increase"},
        {"time decreasing", head + "0.002,30,3\n0.0015,40,4\n", 5, "(0.002 on line 4)"},
        {"non-numeric time", head + "x,30,3\n", 4, "field 1 (time) = 'x'"},
        {"blank lines counted", "time,fz,fx\n\n0,1,1\n   \n0.001,2,2\n0.002,?,3\n", 6, "'?'"},
        {"CRLF and blank lines", "time,fz,fx\r\n0,1,1\r\n\r\n0.001,2,2\r\n0.002,x,2\r\n", 5, "'x'"},
        {"lone CR line ends", "time,fz,fx\r0,1,1\r0.001,2,2\r0.002,3\r", 4, "2 fields"},
        {"BOM and blank lines before the header", "\xEF\xBB\xBF\n\ntime,fz,fx\n0,1,1\n0.001,,1\n",
         5, "is empty"},
        {"quoted name spanning lines", "time,fz,fx,\"a\nb\"\n0,1,1,0\n0.001,2,2,0\n0.002,3,x,0\n",
         5, "'x'"},
        {"tab-separated", "time\tfz\tfx\n0\t1\t1\n0.001\t2\t\n", 3, "field 3 (fx) is empty"},
        {"whitespace-separated", "time fz fx\n0 1 1\n0.001   2\n", 3, "2 fields, expected 3"},
        {"decimal comma (semicolon file)", "time;fz;fx\n0;1;1\n0,001;1,5;2\n", 3,
         "'0,001' is not a number"},
        {"last row without newline", head + "0.002,30,3\n0.003,40,x", 5, "'x'"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        const fs::path path = scratch.write("malformed.csv", c.text);
        const io::FileError e = error_of(path, fz_fx());
        CHECK(e.line() == c.line);
        CHECK(e.path() == path);
        CHECK(contains(e.reason(), c.reason));
        CHECK(contains(e.what(), path.string() + ":" + std::to_string(c.line) + ": "));
        // A malformed file is bad input: strideload::Error (Python: ValueError).
        CHECK_THROWS_AS(io::read_force_table(path, fz_fx()), strideload::Error);
    }
}

TEST_CASE("irregular sampling: Error at the first irregular sample") {
    const fs::path path = scratch.write(
        "irregular.csv", "time,fz,fx\n0,1,1\n0.001,1,1\n0.002,1,1\n0.0035,1,1\n0.0045,1,1\n");
    const io::FileError e = error_of(path, fz_fx());
    CHECK(e.line() == 5);
    CHECK(contains(e.reason(), "not uniform"));
    // Jitter within time_tolerance is accepted.
    const fs::path jitter = scratch.write(
        "jitter.csv", "time,fz,fx\n0,1,1\n0.001,1,1\n0.002005,1,1\n0.003,1,1\n0.004,1,1\n");
    CHECK(io::read_force_table(jitter, fz_fx()).rate_hz == doctest::Approx(1000.0));
    io::ForceTableOptions strict = fz_fx();
    strict.time_tolerance = 0.001;
    CHECK(error_of(jitter, strict).line() == 4);
}

TEST_CASE("collect mode: bad rows are left out and listed; the time gap is kept") {
    const fs::path path = scratch.write("collect.csv",
                                        "time,fz,fx\n"
                                        "0.000,10,1\n"
                                        "0.001,20,2\n"
                                        "0.002,abc,3\n"  // line 4
                                        "0.003,40,4\n"
                                        "0.004,50\n"  // line 6
                                        "0.005,60,6\n"
                                        "0.005,70,7\n"  // line 8: time repeated
                                        "0.007,80,8\n"
                                        "0.008,90,9\n");
    io::ForceTableOptions o = fz_fx();
    o.on_error = io::OnError::collect;
    const io::ForceTable t = io::read_force_table(path, o);
    CHECK(t.rows_read == 9);
    CHECK(t.samples() == 6);
    REQUIRE(t.problems.size() == 3);
    CHECK(t.problems[0].line == 4);
    CHECK(contains(t.problems[0].reason, "'abc' is not a number"));
    CHECK(t.problems[1].line == 6);
    CHECK(contains(t.problems[1].reason, "2 fields, expected 3"));
    CHECK(t.problems[2].line == 8);
    CHECK(contains(t.problems[2].reason, "does not increase"));
    CHECK(t.rate_hz == doctest::Approx(1000.0).epsilon(1e-9));
    const Eigen::VectorXd times =
        (Eigen::VectorXd(6) << 0, 0.001, 0.003, 0.005, 0.007, 0.008).finished();
    CHECK(t.time_s == times);
    const Eigen::VectorXd fz = (Eigen::VectorXd(6) << 10, 20, 40, 60, 80, 90).finished();
    CHECK(t.vertical_N() == fz);

    // The same file in raise mode stops at the first bad row.
    CHECK(error_of(path, fz_fx()).line() == 4);

    // A gap that no left-out row explains is still irregular sampling.
    const fs::path gap =
        scratch.write("gap.csv", "time,fz,fx\n0,1,1\n0.001,x,1\n0.002,1,1\n0.004,1,1\n0.005,1,1\n");
    const io::FileError e = error_of(gap, o);
    CHECK(e.line() == 5);
    CHECK(contains(e.reason(), "not uniform"));

    // Every row bad: too few samples, and the message says why.
    const fs::path bad = scratch.write("all_bad.csv", "time,fz,fx\n0,x,1\n0.001,y,1\n");
    const io::FileError all = error_of(bad, o);
    CHECK(contains(all.reason(), "only 0 valid samples of 2 data rows"));
    CHECK(contains(all.reason(), "first: line 2"));
}

TEST_CASE("collect mode with frame numbers or no time column: the gap follows the rows") {
    io::ForceTableOptions o;
    o.vertical_column = "Fy";
    o.on_error = io::OnError::collect;
    o.rate_hz = 300.0;
    const fs::path frames =
        scratch.write("frames.tsv", "Time\tFy\n1\t10\n2\tbad\n3\t30\n4\t40\n5\t\n6\t60\n");
    const io::ForceTable t = io::read_force_table(frames, o);
    CHECK(t.problems.size() == 2);
    CHECK(t.samples() == 4);
    const Eigen::VectorXd expected =
        (Eigen::VectorXd(4) << 0.0, 2.0 / 300.0, 3.0 / 300.0, 5.0 / 300.0).finished();
    CHECK(t.time_s.isApprox(expected, 1e-15));

    // First row left out: time still counts from the file's first row.
    const fs::path late = scratch.write("late.tsv", "Time\tFy\n1\tx\n2\t20\n3\t30\n");
    CHECK(io::read_force_table(late, o).time_s[0] == doctest::Approx(1.0 / 300.0));

    const fs::path no_time = scratch.write("no_time.csv", "Fy,Fx\n10,1\nx,2\n30,3\n40,4\n");
    const io::ForceTable u = io::read_force_table(no_time, o);
    CHECK(u.time_column.empty());
    const Eigen::VectorXd index_times =
        (Eigen::VectorXd(3) << 0.0, 2.0 / 300.0, 3.0 / 300.0).finished();
    CHECK(u.time_s.isApprox(index_times, 1e-15));
    o.rate_hz.reset();
    CHECK(contains(error_of(no_time, o).reason(), "no time column"));
}

TEST_CASE("time units: milliseconds need saying; frames named as such need rate_hz") {
    const fs::path ms = scratch.write("ms.csv", "time,fz\n0,1\n2,1\n4,1\n6,1\n");
    io::ForceTableOptions o;
    o.vertical_column = "fz";
    CHECK(contains(error_of(ms, o).reason(), "0.5 Hz, outside [10 Hz, 1 MHz]"));
    o.time_unit = io::TimeUnit::milliseconds;
    const io::ForceTable t = io::read_force_table(ms, o);
    CHECK(t.rate_hz == doctest::Approx(500.0));
    CHECK(t.time_s[3] == doctest::Approx(0.006));

    const fs::path sample = scratch.write("sample.csv", "Sample,fz\n0,1\n1,1\n2,1\n");
    o.time_unit = io::TimeUnit::automatic;
    CHECK(contains(error_of(sample, o).reason(), "'Sample' counts frames"));
    o.rate_hz = 1000.0;
    CHECK(io::read_force_table(sample, o).time_s[2] == doctest::Approx(0.002));

    o.time_column = "fz";
    o.vertical_column = "fz";
    CHECK(contains(error_of(sample, o).reason(), "both the time and a force column"));
    o.time_column = "nope";
    CHECK(contains(error_of(sample, o).reason(), "time_column 'nope' is not a column"));
}

TEST_CASE("NaN in columns that are not used: an Error unless allowed, then stored as NaN") {
    const fs::path path = scratch.write(
        "cop.csv", "time,fz,copx\n0,500,0.1\n0.001,20,\n0.002,5,nan\n0.003,400,0.2\n");
    io::ForceTableOptions o;
    o.vertical_column = "fz";
    const io::FileError e = error_of(path, o);
    CHECK(e.line() == 3);
    CHECK(contains(e.reason(), "(copx) is empty"));
    o.allow_nan_in_unused_columns = true;
    const io::ForceTable t = io::read_force_table(path, o);
    CHECK(t.samples() == 4);
    CHECK(std::isnan(t.column("copx")[1]));
    CHECK(std::isnan(t.column("copx")[2]));
    // A trailing delimiter on every line makes an unnamed, empty last column.
    const fs::path trailing = scratch.write("trailing.csv", "time,fz,\n0,1,\n0.001,2,\n");
    o.allow_nan_in_unused_columns = false;
    CHECK(contains(error_of(trailing, o).reason(), "field 3 (unnamed) is empty"));
    o.allow_nan_in_unused_columns = true;
    CHECK(io::read_force_table(trailing, o).column_names ==
          std::vector<std::string>{"time", "fz", ""});
    // The force column stays strict.
    const fs::path nan_force = scratch.write("nan_force.csv", "time,fz,copx\n0,1,1\n0.001,nan,1\n");
    CHECK(error_of(nan_force, o).line() == 3);
}

TEST_CASE("whole-file errors: empty, blank, header only, one row, no header, columns") {
    const io::ForceTableOptions o = fz_fx();
    CHECK(error_of(scratch.write("empty.csv", ""), o).reason() == "the file is empty");
    CHECK(error_of(scratch.write("blank.csv", "\n  \n"), o).reason() == "the file is blank");
    const io::FileError header_only = error_of(scratch.write("header.csv", "time,fz,fx\n"), o);
    CHECK(header_only.line() == 0);
    CHECK(contains(header_only.reason(), "no data rows"));
    CHECK(contains(header_only.what(), "header.csv: no data rows"));
    CHECK(contains(error_of(scratch.write("one.csv", "time,fz,fx\n0,1,1\n"), o).reason(),
                   "a force table needs at least 2"));
    CHECK(contains(error_of(scratch.write("numbers.csv", "0,1,1\n0.001,1,1\n"), o).reason(),
                   "needs a header row"));

    const fs::path ok = scratch.write("ok.csv", "time,fz,fx,fz\n0,1,1,1\n0.001,1,1,1\n");
    io::ForceTableOptions unknown;
    unknown.vertical_column = "Fy";
    const io::FileError e = error_of(ok, unknown);
    CHECK(contains(e.reason(), "vertical_column 'Fy' is not a column; columns: 'time', 'fz'"));
    CHECK(contains(error_of(ok, io::ForceTableOptions{}).reason(), "vertical_column is not set"));
    CHECK(contains(error_of(ok, o).reason(), "'fz' appears twice"));
}

TEST_CASE("a missing or unreadable file is a std::filesystem::filesystem_error naming it") {
    const fs::path missing = scratch.dir / "no_such_file.csv";
    try {
        (void)io::read_force_table(missing, fz_fx());
        FAIL("no exception");
    } catch (const fs::filesystem_error& e) {
        CHECK(e.code() == std::errc::no_such_file_or_directory);
        CHECK(e.path1() == missing);
        CHECK(contains(e.what(), missing.string()));
    }
    CHECK_THROWS_AS(io::read_force_table(scratch.dir, fz_fx()), fs::filesystem_error);
    try {
        (void)io::read_force_table(scratch.dir, fz_fx());
    } catch (const fs::filesystem_error& e) {
        CHECK(e.code() == std::errc::is_a_directory);
    }
}

TEST_CASE("bad options are a strideload::Error before the file is read") {
    io::ForceTableOptions o = fz_fx();
    o.rate_hz = 0.0;
    CHECK_THROWS_AS(io::read_force_table(fukuchi, o), strideload::Error);
    o.rate_hz = std::nan("");
    CHECK_THROWS_AS(io::read_force_table(fukuchi, o), strideload::Error);
    o.rate_hz.reset();
    o.time_tolerance = 0.0;
    CHECK_THROWS_AS(io::read_force_table(fukuchi, o), strideload::Error);
    o.time_tolerance = 0.01;
    o.delimiter = '"';
    CHECK_THROWS_AS(io::read_force_table(fukuchi, o), strideload::Error);
}

TEST_CASE("ForceTable accessors: unknown names and indices are Errors") {
    const io::ForceTable t =
        io::read_force_table(data_dir / "io" / "whitespace_250hz.txt", fz_fx());
    CHECK(t.column_index("fx") == 2);
    CHECK(t.column(1) == t.column("fz"));
    CHECK_THROWS_AS((void)t.column("Fz"), strideload::Error);
    CHECK_THROWS_AS((void)t.column(3), strideload::Error);
    CHECK_THROWS_AS((void)t.column(-1), strideload::Error);
    // A view, not a copy.
    CHECK(t.column("fz").data() == t.data.col(1).data());
}

TEST_CASE("read_force: delimited files go to read_force_table") {
    io::ForceTableOptions o;
    o.vertical_column = "Fy";
    o.rate_hz = 300.0;
    const io::ForceTable t = io::read_force(fukuchi, o);
    CHECK(t.samples() == 9000);
    CHECK(t.column("Fy")[0] == 1718.29);
}

TEST_CASE("a quote left open in a data row is fatal even in collect mode: no rows swallowed") {
    const fs::path path = scratch.write("open_quote.csv",
                                        "time,fz,fx\n"
                                        "0.000,10,1\n"
                                        "0.001,\"20,2\n"  // line 3: the quote never closes
                                        "0.002,30,3\n"
                                        "0.003,40,4\n"
                                        "0.004,50,5\n");
    for (const io::OnError mode : {io::OnError::raise, io::OnError::collect}) {
        io::ForceTableOptions o = fz_fx();
        o.on_error = mode;
        try {
            (void)io::read_force_table(path, o);
            FAIL("no error");
        } catch (const io::FileError& e) {
            CHECK(e.line() == 3);
            CHECK(contains(e.what(), "quote"));
        }
    }
}

// Found by tests/fuzz/fuzz_opensim: the readers preallocated (non-blank lines) × (header
// columns) doubles, so a short file whose header names many columns over many short rows (here
// 1.7 MB naming 200 002 columns above 200 000 rows: 320 GB) asked for more memory than a
// machine has, and std::bad_alloc escaped. The rows are now bounded by the bytes present.
TEST_CASE("a header naming very many columns over many short rows: FileError, no huge allocation") {
    std::string names;
    for (int i = 0; i < 200000; ++i) names += " c" + std::to_string(i);
    std::string rows;
    for (int i = 0; i < 200000; ++i) rows += "1\n";
    SUBCASE("delimited table") {
        io::ForceTableOptions o;
        o.vertical_column = "fz";
        const io::FileError e =
            error_of(scratch.write("wide.txt", "time fz" + names + "\n" + rows), o);
        CHECK(e.line() == 2);
        CHECK(contains(e.reason(), "1 field, expected 200002"));
    }
    SUBCASE("OpenSim") {
        const fs::path path =
            scratch.write("wide.mot", "endheader\ntime ground_force_vy" + names + "\n" + rows);
        std::string what = "no error";
        try {
            io::read_opensim(path);
        } catch (const io::FileError& e) {
            CHECK(e.line() == 3);
            what = e.reason();
        }
        CHECK(contains(what, "1 field, expected 200002"));
    }
}
