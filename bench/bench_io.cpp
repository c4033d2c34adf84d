/// @file
/// Speed of the FIT decoder (strideload::io::decode_fit) in bytes of file per second, on an
/// in-memory copy of a real watch file (`tests/data/activities/activity-small-fenix2-run.fit`,
/// read once outside the timed loop) and on a synthetic multi-MB FIT built here: a valid 14-byte
/// header, one definition of a `record` message with the running fields a watch writes (16
/// fields, 40 bytes), 170,000 record data messages (~7 MB) and the file CRC. Issue 6's target is
/// ≥ 200 MB/s on one core; compare with BM_Triad (bench_grf.cpp) of the same run.
///
/// What bounds the synthetic case: its output (16 columns × 8 B per 41-B record, ~22 MB) is
/// fresh memory every iteration; glibc serves each 1.4 MB column with mmap and returns it with
/// munmap, so ~5,300 page faults per decode dominate (on the 2-core VM of issue 6 they cost more
/// than the decoding itself). Run with
/// `GLIBC_TUNABLES=glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=268435456`
/// to time the decoder alone, with the columns' memory reused from iteration to iteration.
#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

#include "strideload/io/fit.hpp"

namespace {

std::vector<std::uint8_t> read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void put_le(std::vector<std::uint8_t>& out, std::uint64_t value, int bytes) {
    for (int i = 0; i < bytes; ++i) out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
}

// A FIT file of @p records little-endian `record` messages of plausible running values.
std::vector<std::uint8_t> synthetic_fit(std::size_t records) {
    struct Field {
        std::uint8_t number, size, base;
    };
    // timestamp, lat, long, altitude, heart_rate, cadence, distance, speed, power,
    // vertical_oscillation, stance_time_percent, stance_time, fractional_cadence, enhanced_speed,
    // enhanced_altitude, step_length.
    const Field fields[] = {{253, 4, 0x86}, {0, 4, 0x85},  {1, 4, 0x85},  {2, 2, 0x84},
                            {3, 1, 0x02},   {4, 1, 0x02},  {5, 4, 0x86},  {6, 2, 0x84},
                            {7, 2, 0x84},   {39, 2, 0x84}, {40, 2, 0x84}, {41, 2, 0x84},
                            {53, 1, 0x02},  {73, 4, 0x86}, {78, 4, 0x86}, {85, 2, 0x84}};
    std::vector<std::uint8_t> out(14, 0);
    out.reserve(14 + 6 + 3 * std::size(fields) + records * 41 + 2);
    // Definition message, local type 0: reserved, little endian, global 20 (record).
    out.insert(out.end(),
               {0x40, 0x00, 0x00, 20, 0x00, static_cast<std::uint8_t>(std::size(fields))});
    for (const Field& f : fields) out.insert(out.end(), {f.number, f.size, f.base});
    for (std::size_t i = 0; i < records; ++i) {
        const auto k = static_cast<std::uint64_t>(i);
        out.push_back(0x00);                          // data message, local type 0
        put_le(out, 1000000000 + k, 4);               // timestamp [s]
        put_le(out, 560000000 + 37 * (k % 1000), 4);  // lat [semicircles]
        put_le(out, 120000000 + 41 * (k % 1000), 4);  // long [semicircles]
        put_le(out, 2500 + k % 200, 2);               // altitude [1/5 m + 500]
        put_le(out, 140 + k % 30, 1);                 // heart rate [1/min]
        put_le(out, 85 + k % 5, 1);                   // cadence [1/min]
        put_le(out, 300 * k, 4);                      // distance [1/100 m]
        put_le(out, 3000 + k % 500, 2);               // speed [1/1000 m/s]
        put_le(out, 250 + k % 50, 2);                 // power [W]
        put_le(out, 90 + k % 20, 2);                  // vertical oscillation [1/10 mm]
        put_le(out, 3500 + k % 300, 2);               // stance time percent [1/100 %]
        put_le(out, 2400 + k % 400, 2);               // stance time [1/10 ms]
        put_le(out, (k * 7) % 128, 1);                // fractional cadence [1/128]
        put_le(out, 3000 + k % 500, 4);               // enhanced speed [1/1000 m/s]
        put_le(out, 2500 + k % 200, 4);               // enhanced altitude [1/5 m + 500]
        put_le(out, 1100 + k % 100, 2);               // step length [1/10 mm]
    }
    const std::size_t data_size = out.size() - 14;
    out[0] = 14;    // header size
    out[1] = 0x20;  // protocol 2.0
    out[2] = 0x08;  // profile version 2056, little endian
    out[3] = 0x08;
    for (int i = 0; i < 4; ++i) out[4 + i] = static_cast<std::uint8_t>(data_size >> (8 * i));
    out[8] = '.';
    out[9] = 'F';
    out[10] = 'I';
    out[11] = 'T';
    const std::uint16_t header_crc = strideload::io::fit_crc16({out.data(), 12});
    out[12] = static_cast<std::uint8_t>(header_crc);
    out[13] = static_cast<std::uint8_t>(header_crc >> 8);
    put_le(out, strideload::io::fit_crc16(out), 2);
    return out;
}

void run(benchmark::State& state, const std::vector<std::uint8_t>& bytes) {
    std::size_t records = 0;
    for (auto _ : state) {
        const strideload::io::FitFile f = strideload::io::decode_fit(bytes);
        records = f.records.size();
        benchmark::DoNotOptimize(f.records.timestamp_s.data());
    }
    state.counters["records"] = static_cast<double>(records);
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(bytes.size()));
}

void BM_FitDecodeFenix2(benchmark::State& state) {
    static const std::vector<std::uint8_t> bytes =
        read_bytes(std::string(STRIDELOAD_SOURCE_DIR) +
                   "/tests/data/activities/activity-small-fenix2-run.fit");
    run(state, bytes);
}

void BM_FitDecodeSynthetic(benchmark::State& state) {
    static const std::vector<std::uint8_t> bytes = synthetic_fit(170000);
    run(state, bytes);
}

}  // namespace

BENCHMARK(BM_FitDecodeFenix2)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_FitDecodeSynthetic)->Unit(benchmark::kMillisecond);
