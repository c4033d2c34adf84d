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
///
/// Session load (load::session_load, default model clark2017, 70 kg, 1.78 m): BM_SessionLoad*
/// on the Fenix 2 run decoded once outside the loop and on a synthetic 10 × 1 h activity built
/// here (1 Hz, cadence 85 strides/min, 3 m/s, stance 0.25 s, altitude a ±20 m sine), in
/// records/s; BM_DailyLoad / BM_WeeklyLoad sum 3 years of daily sessions (items = sessions).
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numbers>
#include <string>
#include <vector>

#include "../tests/io/fit_bytes.hpp"
#include "strideload/athlete.hpp"
#include "strideload/io/activity.hpp"
#include "strideload/io/fit.hpp"
#include "strideload/load/calendar.hpp"
#include "strideload/load/session.hpp"
#include "strideload/units.hpp"

namespace {

using test::put_le;

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
    std::vector<std::uint8_t> out;
    out.reserve(6 + 3 * std::size(fields) + records * 41);
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
    return test::fit_file(out);
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
        test::file_bytes(std::string(STRIDELOAD_SOURCE_DIR) +
                         "/tests/data/activities/activity-small-fenix2-run.fit");
    run(state, bytes);
}

void BM_FitDecodeSynthetic(benchmark::State& state) {
    static const std::vector<std::uint8_t> bytes = synthetic_fit(170000);
    run(state, bytes);
}

// ---- Session load (load::session_load) and calendar sums (daily_load / weekly_load) ----------
//
// BM_SessionLoad* time session_load alone: the activity is decoded (or built) once outside the
// loop, with the default SessionOptions (model clark2017) for a 70 kg, 1.78 m runner.
// records/s counts the activity's records processed per second.

const strideload::Athlete bench_runner =
    strideload::Athlete::from_height(strideload::kilograms(70.0), strideload::meters(1.78));

void run_session_load(benchmark::State& state, const strideload::io::Activity& activity) {
    const strideload::load::SessionOptions options;
    const std::size_t records = activity.records.size();
    double loaded_steps = 0;  // shows the run did real work (steps the model loaded)
    for (auto _ : state) {
        std::vector<strideload::load::SessionLoad> loads =
            strideload::load::session_load(activity, bench_runner, options);
        benchmark::DoNotOptimize(loads.data());
        benchmark::ClobberMemory();
        loaded_steps = 0;
        for (const strideload::load::SessionLoad& l : loads) loaded_steps += l.totals.loaded_steps;
    }
    state.counters["records"] = static_cast<double>(records);
    state.counters["loaded_steps"] = loaded_steps;
    state.counters["records/s"] =
        benchmark::Counter(static_cast<double>(records) * static_cast<double>(state.iterations()),
                           benchmark::Counter::kIsRate);
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(records));
}

void BM_SessionLoadFenix2(benchmark::State& state) {
    static const strideload::io::Activity activity =
        strideload::io::read_activity(std::string(STRIDELOAD_SOURCE_DIR) +
                                      "/tests/data/activities/activity-small-fenix2-run.fit");
    run_session_load(state, activity);
}

// @p sessions runs of @p seconds each at 1 Hz, one a day: cadence 85 strides/min, 3 m/s,
// stance time 0.25 s, altitude a ±20 m sine of 10 min period.
strideload::io::Activity synthetic_activity(int sessions, int seconds) {
    strideload::io::Activity a;
    a.source = "synthetic";
    a.format = "fit";
    const double t0 = 1.6e9;  // 2020-09-13
    for (int s = 0; s < sessions; ++s) {
        strideload::io::ActivitySession session;
        session.sport = "running";
        session.start_s = t0 + 86400.0 * s;
        session.duration_s = seconds - 1;
        session.distance_m = 3.0 * (seconds - 1);
        session.first_record = a.records.size();
        for (int i = 0; i < seconds; ++i) {
            const std::size_t k = a.records.push_back(session.start_s + i);
            a.records.speed_m_s[k] = 3.0;
            a.records.distance_m[k] = 3.0 * i;
            a.records.cadence_rpm[k] = 85.0;
            a.records.stance_time_s[k] = 0.25;
            a.records.altitude_m[k] = 100.0 + 20.0 * std::sin(2.0 * std::numbers::pi * i / 600.0);
        }
        session.end_record = a.records.size();
        a.sessions.push_back(session);
    }
    return a;
}

void BM_SessionLoadSynthetic10h(benchmark::State& state) {
    static const strideload::io::Activity activity = synthetic_activity(10, 3600);
    run_session_load(state, activity);
}

// 3 years of daily runs: 1096 SessionLoad rows, copies of the load of one synthetic hour
// (computed once) shifted by a day each.
const std::vector<strideload::load::SessionLoad>& three_years() {
    static const std::vector<strideload::load::SessionLoad> all = [] {
        const strideload::load::SessionLoad one =
            strideload::load::session_load(synthetic_activity(1, 3600), bench_runner).front();
        std::vector<strideload::load::SessionLoad> v(1096, one);
        for (std::size_t d = 0; d < v.size(); ++d) {
            v[d].index = d;
            v[d].start_s = one.start_s + 86400.0 * static_cast<double>(d);
        }
        return v;
    }();
    return all;
}

// daily_load over three_years(); items = sessions.
void BM_DailyLoad(benchmark::State& state) {
    const std::vector<strideload::load::SessionLoad>& sessions = three_years();
    for (auto _ : state) {
        const std::vector<strideload::load::PeriodLoad> days =
            strideload::load::daily_load(sessions);
        benchmark::DoNotOptimize(days.data());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(sessions.size()));
}

// weekly_load over three_years(); items = sessions.
void BM_WeeklyLoad(benchmark::State& state) {
    const std::vector<strideload::load::SessionLoad>& sessions = three_years();
    std::size_t weeks = 0;
    for (auto _ : state) {
        const std::vector<strideload::load::PeriodLoad> w = strideload::load::weekly_load(sessions);
        weeks = w.size();
        benchmark::DoNotOptimize(w.data());
    }
    state.counters["weeks"] = static_cast<double>(weeks);
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(sessions.size()));
}

}  // namespace

BENCHMARK(BM_FitDecodeFenix2)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_FitDecodeSynthetic)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SessionLoadFenix2)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SessionLoadSynthetic10h)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DailyLoad)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_WeeklyLoad)->Unit(benchmark::kMicrosecond);
