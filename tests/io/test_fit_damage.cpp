// FIT damage handling (FitOptions::keep_valid_prefix): truncated files, a flipped data byte
// (file CRC), record times going backwards, and read_activity on a truncated copy. Byte offsets
// of the messages in the sample files were found with an independent Python walk of the FIT
// structure (header size, definition messages, data message sizes), not with this decoder:
//   garmin-fenix-5-run.fit (5597 bytes, 14-byte header, data to byte 5595, CRC at 5595–5596):
//     21 records of 42 bytes (header + 41); record 10 starts at byte 2692 and its heart_rate
//     (uint8, field 3) is body byte 36, i.e. file byte 2729 (value 82, as the answer key says).
//   activity-small-fenix2-run.fit (121839 bytes, data to byte 121837): 2809 records of 43
//     bytes; record 1404 starts at byte 60546; the session message (global 18) is at byte
//     121684, after the last record.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "fit_bytes.hpp"
#include "scratch.hpp"
#include "strideload/io/activity.hpp"
#include "strideload/io/fit.hpp"

namespace {

using strideload::io::decode_fit;
using strideload::io::FileError;
using strideload::io::FitFile;
using strideload::io::FitOptions;
using strideload::io::FitRecords;

const std::filesystem::path activities =
    std::filesystem::path(STRIDELOAD_TEST_DATA_DIR) / "activities";

std::vector<std::uint8_t> bytes_of(const std::string& name) {
    return test::file_bytes(activities / name);
}

const FitOptions keep{.keep_valid_prefix = true};

// The FileError message of decoding @p bytes with default options ("no error" if none).
std::string refusal(std::span<const std::uint8_t> bytes) {
    try {
        decode_fit(bytes, "d.fit");
    } catch (const FileError& e) {
        CHECK(e.line() == 0);
        return e.what();
    }
    return "no error";
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// NaN-aware exact equality of two doubles.
bool same(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

// @p part's records are the first part.size() records of @p full, every column bit for bit.
void check_prefix(const FitRecords& part, const FitRecords& full) {
    REQUIRE(part.size() <= full.size());
    const std::vector<double> FitRecords::*columns[] = {&FitRecords::timestamp_s,
                                                        &FitRecords::position_lat_deg,
                                                        &FitRecords::position_long_deg,
                                                        &FitRecords::distance_m,
                                                        &FitRecords::speed_m_s,
                                                        &FitRecords::altitude_m,
                                                        &FitRecords::heart_rate_bpm,
                                                        &FitRecords::cadence_rpm,
                                                        &FitRecords::stance_time_ms,
                                                        &FitRecords::stance_time_percent,
                                                        &FitRecords::stance_time_balance_pct,
                                                        &FitRecords::vertical_oscillation_mm,
                                                        &FitRecords::vertical_ratio_pct,
                                                        &FitRecords::step_length_mm,
                                                        &FitRecords::power_W,
                                                        &FitRecords::temperature_C};
    for (std::size_t c = 0; c < std::size(columns); ++c) {
        CAPTURE(c);
        const auto& a = part.*columns[c];
        const auto& b = full.*columns[c];
        REQUIRE(a.size() == part.size());
        std::size_t differing = 0;
        for (std::size_t i = 0; i < a.size(); ++i) differing += same(a[i], b[i]) ? 0 : 1;
        CHECK(differing == 0);
    }
}

// A FIT file by the protocol layout: 14-byte header (size, protocol 0x20, profile version,
// data size, ".FIT", header CRC), one definition of `record` (global 20, little endian) with
// timestamp (field 253, uint32 0x86) and heart_rate (field 3, uint8 0x02), one 6-byte data
// message per timestamp, and the file CRC. Offsets: definition 14–25, data messages at 26,
// 32, 38, ..., CRC at the last two bytes.
std::vector<std::uint8_t> records_file(const std::vector<std::uint32_t>& timestamps) {
    // Definition, local type 0.
    std::vector<std::uint8_t> data{0x40, 0x00, 0x00, 20, 0x00, 2, 253, 4, 0x86, 3, 1, 0x02};
    for (std::size_t i = 0; i < timestamps.size(); ++i) {
        data.push_back(0x00);  // data message, local type 0
        test::put_le(data, timestamps[i], 4);
        test::put_le(data, 140 + i, 1);
    }
    return test::fit_file(data);
}

}  // namespace

TEST_CASE("FIT damage: a file cut in the middle of its records") {
    SUBCASE("garmin-fenix-5-run.fit cut 20 bytes into record 10") {
        const auto full_bytes = bytes_of("garmin-fenix-5-run.fit");
        REQUIRE(full_bytes.size() == 5597);
        const FitFile full = decode_fit(full_bytes);
        REQUIRE(full.records.size() == 21);
        std::vector<std::uint8_t> cut(full_bytes.begin(), full_bytes.begin() + 2692 + 20);

        const std::string what = refusal(cut);
        CHECK(contains(what, "d.fit: byte 2712: file truncated"));
        CHECK(contains(what, "2885 bytes early"));  // 5597 − 2712

        const FitFile fit = decode_fit(cut, "d.fit", keep);
        CHECK(fit.records.size() == 10);  // records 0–9 are whole
        check_prefix(fit.records, full.records);
        CHECK(fit.records.heart_rate_bpm[9] == full.records.heart_rate_bpm[9]);
        REQUIRE(fit.dropped.size() == 1);
        CHECK(fit.dropped[0].line == 2692);
        const std::string& why = fit.dropped[0].reason;
        CHECK(contains(why, "byte 2692: data message truncated"));
        CHECK(contains(why, "dropped bytes 2692–2712 (20 bytes)"));
        CHECK(fit.sessions.empty());  // the session message is after the records
    }
    SUBCASE("activity-small-fenix2-run.fit cut 20 bytes into record 1404") {
        const auto full_bytes = bytes_of("activity-small-fenix2-run.fit");
        REQUIRE(full_bytes.size() == 121839);
        const FitFile full = decode_fit(full_bytes);
        REQUIRE(full.records.size() == 2809);
        std::vector<std::uint8_t> cut(full_bytes.begin(), full_bytes.begin() + 60546 + 20);

        const std::string what = refusal(cut);
        CHECK(contains(what, "byte 60566: file truncated"));

        const FitFile fit = decode_fit(cut, "d.fit", keep);
        CHECK(fit.records.size() == 1404);
        CHECK(fit.records.size() > 0);
        CHECK(fit.records.size() < full.records.size());
        check_prefix(fit.records, full.records);
        REQUIRE(fit.dropped.size() == 1);
        CHECK(fit.dropped[0].line == 60546);
        CHECK(contains(fit.dropped[0].reason, "byte 60546: "));
        CHECK(contains(fit.dropped[0].reason, "dropped bytes 60546–60566 (20 bytes)"));
        CHECK(fit.files == 1);
    }
    SUBCASE("cut exactly at a message boundary: every whole record kept") {
        const auto full_bytes = bytes_of("garmin-fenix-5-run.fit");
        const FitFile full = decode_fit(full_bytes);
        std::vector<std::uint8_t> cut(full_bytes.begin(), full_bytes.begin() + 2692);
        CHECK(contains(refusal(cut), "byte 2692: file truncated"));
        const FitFile fit = decode_fit(cut, "d.fit", keep);
        CHECK(fit.records.size() == 10);
        check_prefix(fit.records, full.records);
        REQUIRE(fit.dropped.size() == 1);
        CHECK(fit.dropped[0].line == 2692);
        CHECK(contains(fit.dropped[0].reason, "byte 2692: file truncated"));
        CHECK(contains(fit.dropped[0].reason, "(0 bytes)"));
    }
    SUBCASE("only the 2 CRC bytes cut: all 21 records kept") {
        auto cut = bytes_of("garmin-fenix-5-run.fit");
        cut.resize(5595);
        CHECK(contains(refusal(cut), "byte 5595: file truncated"));
        const FitFile fit = decode_fit(cut, "d.fit", keep);
        CHECK(fit.records.size() == 21);
        CHECK(fit.sessions.size() == 1);
        REQUIRE(fit.dropped.size() == 1);
        CHECK(contains(fit.dropped[0].reason, "byte 5595: file truncated"));
        CHECK(contains(fit.dropped[0].reason, "2 bytes early"));
    }
}

// Regression: a cut inside the 2-byte file CRC left CRC byte 0x85 at 5595 to be read as a
// compressed-timestamp message header ("data message truncated") instead of reporting the
// truncation; the data now ends where the header says, not at the end of the bytes.
TEST_CASE("FIT damage: a file cut inside its CRC reports the truncation") {
    auto cut = bytes_of("garmin-fenix-5-run.fit");
    cut.resize(5596);
    CHECK(contains(refusal(cut), "byte 5596: file truncated"));
    const FitFile fit = decode_fit(cut, "d.fit", keep);
    CHECK(fit.records.size() == 21);
    REQUIRE(fit.dropped.size() == 1);
    INFO(fit.dropped[0].reason);
    CHECK(contains(fit.dropped[0].reason, "file truncated"));
    CHECK(contains(fit.dropped[0].reason, "1 bytes early"));
}

TEST_CASE("FIT damage: one flipped data byte breaks the file CRC") {
    const auto good = bytes_of("garmin-fenix-5-run.fit");
    const FitFile full = decode_fit(good);
    REQUIRE(good[2729] == 82);                         // record 10's heart rate
    REQUIRE(full.records.heart_rate_bpm[10] == 82.0);  // python-fitparse key, row 11: 82
    auto bad = good;
    bad[2729] ^= 0x01;  // 82 → 83

    const std::string what = refusal(bad);
    CHECK(contains(what, "d.fit: byte 5595: file CRC mismatch"));

    const FitFile fit = decode_fit(bad, "d.fit", keep);
    REQUIRE(fit.records.size() == 21);  // nothing dropped
    CHECK(fit.records.heart_rate_bpm[10] == 83.0);
    REQUIRE(fit.dropped.size() == 1);
    CHECK(fit.dropped[0].line == 5595);
    CHECK(contains(fit.dropped[0].reason, "byte 5595: file CRC mismatch: nothing dropped"));
    // Every other value is as in the undamaged file.
    auto patched = fit.records;
    patched.heart_rate_bpm[10] = 82.0;
    check_prefix(patched, full.records);
    CHECK(fit.sessions.size() == full.sessions.size());
}

TEST_CASE("FIT damage: record timestamps going backwards") {
    const auto bytes = records_file({1000, 1010, 1005});
    REQUIRE(bytes.size() == 46);  // 14 + 12 + 3 × 6 + 2
    REQUIRE(strideload::io::fit_crc16(bytes) == 0);
    CHECK(contains(refusal(bytes),
                   "byte 38: record timestamp 1005 is earlier than the previous record's 1010"));

    const FitFile fit = decode_fit(bytes, "d.fit", keep);
    REQUIRE(fit.records.size() == 2);
    CHECK(fit.records.timestamp_s[0] == 1000.0);
    CHECK(fit.records.timestamp_s[1] == 1010.0);
    CHECK(fit.records.heart_rate_bpm[0] == 140.0);
    CHECK(fit.records.heart_rate_bpm[1] == 141.0);
    REQUIRE(fit.dropped.size() == 1);
    CHECK(fit.dropped[0].line == 38);
    CHECK(contains(fit.dropped[0].reason, "byte 38: record timestamp 1005 is earlier"));
    CHECK(contains(fit.dropped[0].reason, "dropped bytes 38–46 (8 bytes)"));

    SUBCASE("equal timestamps are not backwards") {
        const FitFile same_time = decode_fit(records_file({1000, 1000, 1001}));
        CHECK(same_time.records.size() == 3);
        CHECK(same_time.dropped.empty());
    }
}

TEST_CASE("FIT damage: read_activity keeps the records of a truncated file") {
    const auto full_bytes = bytes_of("activity-small-fenix2-run.fit");
    const FitFile full = decode_fit(full_bytes);
    const test::Scratch scratch("strideload-fit-damage-");
    const auto path =
        scratch.write("cut.fit", std::string(full_bytes.begin(), full_bytes.begin() + 60546 + 20));

    CHECK_THROWS_AS(strideload::io::read_activity(path), FileError);

    strideload::io::ActivityOptions options;
    options.keep_valid_prefix = true;
    const strideload::io::Activity a = strideload::io::read_activity(path, options);
    CHECK(a.format == "fit");
    REQUIRE(a.records.size() == 1404);
    CHECK(a.records.time_s.front() ==
          strideload::io::fit_to_unix_s(full.records.timestamp_s.front()));
    CHECK(a.records.time_s.back() == strideload::io::fit_to_unix_s(full.records.timestamp_s[1403]));
    REQUIRE(a.dropped.size() == 2);
    CHECK(a.dropped[0].line == 60546);
    CHECK(contains(a.dropped[0].reason, "dropped bytes 60546–60566"));
    CHECK(contains(a.dropped[1].reason, "no session message"));
    // The session message (byte 121684) is cut off: one session over the kept records.
    REQUIRE(a.sessions.size() == 1);
    CHECK(a.sessions[0].sport == "unknown");
    CHECK(a.sessions[0].first_record == 0);
    CHECK(a.sessions[0].end_record == 1404);
    CHECK(a.sessions[0].start_s == a.records.time_s.front());
    CHECK(a.sessions[0].duration_s == a.records.time_s.back() - a.records.time_s.front());
}
