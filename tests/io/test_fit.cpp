// FIT decoder: the python-fitparse answer keys (exact per row and column), a Fenix 2 run with
// running dynamics, CRC and truncation errors, and small hand-built files for big-endian
// definitions, compressed timestamps, developer fields and chained files.
#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "fit_bytes.hpp"
#include "strideload/io/fit.hpp"

namespace {

using strideload::io::decode_fit;
using strideload::io::FileError;
using strideload::io::fit_crc16;
using strideload::io::read_fit;

const std::filesystem::path data_dir =
    std::filesystem::path(STRIDELOAD_TEST_DATA_DIR) / "activities";

std::vector<std::uint8_t> file_bytes(const std::string& name) {
    return test::file_bytes(data_dir / name);
}

std::vector<std::vector<std::string>> csv_rows(const std::string& name) {
    std::ifstream in(data_dir / name);
    std::string line;
    std::getline(in, line);  // header
    std::vector<std::vector<std::string>> rows;
    while (std::getline(in, line)) {
        std::vector<std::string> cells;
        std::stringstream s(line);
        for (std::string cell; std::getline(s, cell, ',');) cells.push_back(cell);
        rows.push_back(cells);
    }
    return rows;
}

std::string error_of(std::span<const std::uint8_t> bytes) {
    try {
        decode_fit(bytes, "f.fit");
    } catch (const FileError& e) {
        CHECK(e.line() == 0);
        return e.what();
    }
    return "no error";
}

// "Sun Jun 11 07:34:09 PDT 2017" (PDT = UTC-7) as Unix time.
double pdt_to_unix(const std::string& text) {
    std::stringstream s(text);
    std::string weekday, month, clock, zone;
    int day = 0, year = 0;
    s >> weekday >> month >> day >> clock >> zone >> year;
    REQUIRE(month == "Jun");
    REQUIRE(zone == "PDT");
    const auto date = std::chrono::year{year} / std::chrono::June / day;
    const double midnight =
        static_cast<double>(std::chrono::sys_days{date}.time_since_epoch().count()) * 86400.0;
    const int h = std::stoi(clock.substr(0, 2)), m = std::stoi(clock.substr(3, 2)),
              sec = std::stoi(clock.substr(6, 2));
    return midnight + (h + 7) * 3600.0 + m * 60.0 + sec;
}

constexpr double semicircle_deg = 180.0 / 2147483648.0;

// A tiny FIT writer for hand-built files: header, messages, CRCs.
struct FitWriter {
    std::vector<std::uint8_t> data;
    void u8(unsigned v) { data.push_back(static_cast<std::uint8_t>(v)); }
    void u16(unsigned v, bool be) {
        if (be) {
            u8(v >> 8);
            u8(v & 0xFF);
        } else {
            u8(v & 0xFF);
            u8(v >> 8);
        }
    }
    void u32(std::uint32_t v, bool be) {
        if (be) {
            u16(v >> 16, true);
            u16(v & 0xFFFF, true);
        } else {
            u16(v & 0xFFFF, false);
            u16(v >> 16, false);
        }
    }
    std::vector<std::uint8_t> file() const { return test::fit_file(data); }
};

// Record definition on local type 1: timestamp, heart_rate, speed, stance_time, one developer
// field of 3 bytes; then the data messages.
FitWriter running_file(bool be) {
    FitWriter w;
    w.u8(0x40 | 0x20 | 1);  // definition, developer data, local type 1
    w.u8(0);
    w.u8(be ? 1 : 0);
    w.u16(20, be);  // record
    w.u8(4);
    w.u8(253);
    w.u8(4);
    w.u8(0x86);  // timestamp uint32
    w.u8(3);
    w.u8(1);
    w.u8(0x02);  // heart_rate uint8
    w.u8(6);
    w.u8(2);
    w.u8(0x84);  // speed uint16, scale 1000
    w.u8(41);
    w.u8(2);
    w.u8(0x84);  // stance_time uint16, scale 10
    w.u8(1);     // one developer field
    w.u8(0);
    w.u8(3);
    w.u8(0);
    // Full timestamp 1000000030 (low 5 bits 30).
    w.u8(1);
    w.u32(1000000030U, be);
    w.u8(150);
    w.u16(3125, be);
    w.u16(2456, be);
    w.u8(0xAA);
    w.u8(0xBB);
    w.u8(0xCC);
    // Compressed header, local 1, offset 1 < 30: rolls over to 1000000030 - 30 + 32 + 1.
    // Its own timestamp field holds the invalid sentinel, so the header's time is used.
    w.u8(0x80 | (1 << 5) | 1);
    w.u32(0xFFFFFFFFU, be);
    w.u8(0xFF);
    w.u16(0xFFFF, be);
    w.u16(2500, be);
    w.u8(0);
    w.u8(0);
    w.u8(0);
    return w;
}

}  // namespace

TEST_CASE("fit_crc16: the CRC-16/ARC check value of \"123456789\" is 0xBB3D") {
    const std::string text = "123456789";
    const std::vector<std::uint8_t> bytes(text.begin(), text.end());
    CHECK(fit_crc16(bytes) == 0xBB3D);
    // Continuing from a running value gives the same CRC as one pass.
    CHECK(fit_crc16({bytes.data() + 5, 4}, fit_crc16({bytes.data(), 5})) == 0xBB3D);
}

TEST_CASE("read_fit: garmin-fenix-5-run.fit equals python-fitparse's record answer key") {
    const auto fit = read_fit(data_dir / "garmin-fenix-5-run.fit");
    const auto key = csv_rows("garmin-fenix-5-run-records.csv");
    // timestamp,heart_rate,cadence,speed,distance,position_lat,position_long,altitude,temperature
    const auto& r = fit.records;
    REQUIRE(key.size() == 21);
    REQUIRE(r.size() == key.size());
    for (std::size_t i = 0; i < key.size(); ++i) {
        CAPTURE(i);
        const auto& k = key[i];
        REQUIRE(k.size() == 9);
        CHECK(strideload::io::fit_to_unix_s(r.timestamp_s[i]) == pdt_to_unix(k[0]));
        CHECK(r.heart_rate_bpm[i] == std::stod(k[1]));
        // The key holds the integer cadence field; ours adds fractional_cadence / 128.
        CHECK(std::floor(r.cadence_rpm[i]) == std::stod(k[2]));
        CHECK(r.speed_m_s[i] == doctest::Approx(std::stod(k[3])).epsilon(1e-12));
        CHECK(r.distance_m[i] == doctest::Approx(std::stod(k[4])).epsilon(1e-12));
        CHECK(r.position_lat_deg[i] ==
              doctest::Approx(std::stod(k[5]) * semicircle_deg).epsilon(1e-14));
        CHECK(r.position_long_deg[i] ==
              doctest::Approx(std::stod(k[6]) * semicircle_deg).epsilon(1e-14));
        CHECK(std::abs(r.altitude_m[i] - std::stod(k[7])) < 1e-9);
        CHECK(r.temperature_C[i] == std::stod(k[8]));
    }
    REQUIRE(fit.sessions.size() == 1);
    CHECK(fit.sessions[0].sport == "running");
    // The session ends where the last record is.
    CHECK(fit.sessions[0].total_distance_m == doctest::Approx(157.56));
    REQUIRE(fit.file_id.has_value());
    CHECK(fit.file_id->type == 4);          // activity
    CHECK(fit.file_id->manufacturer == 1);  // garmin
    CHECK(fit.files == 1);
}

TEST_CASE("read_fit: compressed-speed-distance.fit equals its answer key") {
    const auto fit = read_fit(data_dir / "compressed-speed-distance.fit");
    const auto key = csv_rows("compressed-speed-distance-records.csv");
    // Timestamp (raw FIT), Heart Rate [bpm], Speed [m/s], Distance [m], Cadence [rpm]
    const auto& r = fit.records;
    REQUIRE(key.size() == 754);
    // The key leaves out the one record that carries nothing but its timestamp (the first).
    REQUIRE(r.size() == key.size() + 1);
    CHECK(std::isnan(r.heart_rate_bpm[0]));
    CHECK(std::isnan(r.speed_m_s[0]));
    CHECK(std::isnan(r.distance_m[0]));
    CHECK(std::isnan(r.cadence_rpm[0]));
    for (std::size_t i = 0; i < key.size(); ++i) {
        CAPTURE(i);
        const auto& k = key[i];
        const std::size_t j = i + 1;
        REQUIRE(k.size() == 5);
        CHECK(r.timestamp_s[j] == std::stod(k[0]));
        CHECK(r.heart_rate_bpm[j] == std::stod(k[1]));
        CHECK(r.speed_m_s[j] == doctest::Approx(std::stod(k[2])).epsilon(1e-12));
        CHECK(r.distance_m[j] == std::stod(k[3]));  // sixteenths of a metre: exact
        if (k[4] == "null")
            CHECK(std::isnan(r.cadence_rpm[j]));
        else
            CHECK(r.cadence_rpm[j] == std::stod(k[4]));
    }
    // Relative (device) time, below 0x10000000: returned as is.
    CHECK(r.timestamp_s[1] < strideload::io::fit_min_absolute_time_s);
    REQUIRE(fit.sessions.size() == 1);
    CHECK(fit.sessions[0].sport == "running");
}

TEST_CASE("read_fit: activity-small-fenix2-run.fit has 2809 records with running dynamics") {
    const auto fit = read_fit(data_dir / "activity-small-fenix2-run.fit");
    const auto& r = fit.records;
    CHECK(r.size() == 2809);
    std::size_t with_stance = 0;
    for (std::size_t i = 0; i < r.size(); ++i) {
        if (std::isnan(r.stance_time_ms[i])) continue;
        ++with_stance;
        CHECK(r.stance_time_ms[i] > 100.0);  // physiological contact times
        CHECK(r.stance_time_ms[i] < 1000.0);
        if (i > 0) CHECK(r.timestamp_s[i] >= r.timestamp_s[i - 1]);
    }
    CHECK(with_stance > r.size() * 9 / 10);
    REQUIRE(fit.sessions.size() == 1);
    CHECK(fit.sessions[0].sport == "running");
}

TEST_CASE("decode_fit: damaged files are refused with the byte offset") {
    auto bytes = file_bytes("garmin-fenix-5-run.fit");
    REQUIRE(bytes.size() == 5597);
    SUBCASE("a flipped data byte breaks the file CRC") {
        bytes[1000] ^= 0x10;
        const std::string what = error_of(bytes);
        CHECK(what.find("f.fit: byte 5595: file CRC mismatch") == 0);
    }
    SUBCASE("a flipped header byte breaks the header CRC") {
        bytes[2] ^= 0x01;
        CHECK(error_of(bytes).find("byte 12: header CRC mismatch") != std::string::npos);
    }
    SUBCASE("truncation names where the file ends") {
        bytes.resize(3000);
        const std::string what = error_of(bytes);
        CHECK(what.find("byte 3000: file truncated") != std::string::npos);
        CHECK(what.find("2597 bytes early") != std::string::npos);
    }
    SUBCASE("signature") {
        bytes[9] = 'X';
        CHECK(error_of(bytes).find("byte 8: missing \".FIT\" signature") != std::string::npos);
    }
    SUBCASE("not even a header") {
        bytes.resize(5);
        CHECK(error_of(bytes).find("byte 0: file truncated") != std::string::npos);
    }
}

TEST_CASE(
    "decode_fit: hand-built files — big endian, compressed timestamps, developer fields, chains") {
    for (const bool be : {false, true}) {
        CAPTURE(be);
        const auto bytes = running_file(be).file();
        const auto fit = decode_fit(bytes);
        const auto& r = fit.records;
        REQUIRE(r.size() == 2);
        CHECK(r.timestamp_s[0] == 1000000030.0);
        CHECK(r.heart_rate_bpm[0] == 150.0);
        CHECK(r.speed_m_s[0] == 3.125);
        CHECK(r.stance_time_ms[0] == 245.6);
        CHECK(std::isnan(r.distance_m[0]));
        CHECK(r.timestamp_s[1] == 1000000033.0);  // roll-over of the 5-bit offset
        CHECK(std::isnan(r.heart_rate_bpm[1]));   // invalid sentinel
        CHECK(std::isnan(r.speed_m_s[1]));
        CHECK(r.stance_time_ms[1] == 250.0);
        CHECK(fit.developer_fields == 2);
        CHECK(fit.unknown_messages == 0);
    }
    SUBCASE("two chained files decode in order") {
        auto chain = running_file(false).file();
        const auto second = running_file(true).file();
        chain.insert(chain.end(), second.begin(), second.end());
        const auto fit = decode_fit(chain);
        CHECK(fit.files == 2);
        CHECK(fit.records.size() == 4);
        CHECK(fit.records.stance_time_ms[3] == 250.0);
    }
    SUBCASE("a data message with no definition") {
        FitWriter w;
        w.u8(3);
        w.u8(0);
        CHECK(error_of(w.file()).find("byte 14: data message of local type 3 has no definition") !=
              std::string::npos);
    }
    SUBCASE("a compressed timestamp before any full timestamp") {
        FitWriter w = running_file(false);
        w.data.erase(w.data.begin() + 22, w.data.begin() + 35);  // drop the first data message
        CHECK(error_of(w.file()).find("byte 36: compressed timestamp header before any full") !=
              std::string::npos);
    }
    SUBCASE("record time going backwards") {
        FitWriter w = running_file(false);
        w.u8(1);
        w.u32(999999999U, false);
        w.u8(150);
        w.u16(3000, false);
        w.u16(2456, false);
        w.u8(0);
        w.u8(0);
        w.u8(0);
        CHECK(error_of(w.file()).find("is earlier than the previous record's") !=
              std::string::npos);
    }
}

// Found by tests/fuzz/fuzz_fit: an empty input let the decoder's internal damage marker escape
// decode_fit instead of a FileError.
TEST_CASE("decode_fit: an empty input is a FileError, or nothing kept with keep_valid_prefix") {
    const std::vector<std::uint8_t> empty;
    CHECK(error_of(empty).find("f.fit: byte 0: empty file") == 0);
    const auto fit = decode_fit(empty, "f.fit", {.keep_valid_prefix = true});
    CHECK(fit.records.size() == 0);
    CHECK(fit.files == 0);
    REQUIRE(fit.dropped.size() == 1);
    CHECK(fit.dropped[0].reason.find("byte 0: empty file") == 0);
}

// Found by tests/fuzz/fuzz_fit (UBSan): an enum field written with a wider, signed or float
// base type was cast to int / size_t out of range. Such a value is no profile value: absent.
TEST_CASE("decode_fit: enum fields outside the profile's range read as absent") {
    FitWriter w;
    w.u8(0x40);  // definition, local type 0: file_id
    w.u8(0);
    w.u8(0);
    w.u16(0, false);
    w.u8(2);
    w.u8(0);  // type as uint32 (the profile's is an enum byte)
    w.u8(4);
    w.u8(0x86);
    w.u8(1);  // manufacturer as sint16
    w.u8(2);
    w.u8(0x83);
    w.u8(0);
    w.u32(0xFF00FF00U, false);  // 4278255360 > INT_MAX
    w.u16(0xFFFB, false);       // -5
    w.u8(0x41);                 // definition, local type 1: session
    w.u8(0);
    w.u8(0);
    w.u16(18, false);
    w.u8(2);
    w.u8(5);  // sport as uint32
    w.u8(4);
    w.u8(0x86);
    w.u8(6);  // sub_sport as float32
    w.u8(4);
    w.u8(0x88);
    w.u8(1);
    w.u32(0xFF00FF00U, false);
    w.u32(0x3FC00000U, false);  // 1.5f
    const auto fit = decode_fit(w.file());
    REQUIRE(fit.file_id);
    CHECK(fit.file_id->type == -1);
    CHECK(fit.file_id->manufacturer == -1);
    REQUIRE(fit.sessions.size() == 1);
    CHECK(fit.sessions[0].sport == "");
    CHECK(fit.sessions[0].sub_sport == "");
}
