/// @file
/// Speed of the measured-force pipeline on one hour of treadmill force at 1 kHz (3.6 M
/// samples, ~9500 stances): zero-phase Butterworth low-pass (4th order, 30 Hz, scipy's filtfilt
/// with odd padding) and stance detection + per-stance metrics. Bytes counted are the signal
/// read plus the output written (filtfilt: 16 B/sample; metrics: the 8 B/sample read), so
/// `bench/summarize.py` can put them beside the triad baseline of the same run (bench_grf.cpp).
///
/// filtfilt is a recursion: each output sample depends on the previous four, so one pass runs
/// at the latency of its dependency chain (~9 dependent multiply-adds per sample). Long signals
/// are therefore cut into 8 chunks filtered side by side and stitched with the exact state at
/// each boundary (detail/butterworth.hpp): the CPU overlaps the 8 independent chains, ~4× the
/// plain recursion here.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>
#include <vector>

#include "strideload/waveform/butterworth.hpp"
#include "strideload/waveform/metrics.hpp"
#include "strideload/waveform/stances.hpp"

namespace {

namespace sw = strideload::waveform;

/// A synthetic treadmill trace like the bundled Fukuchi trial: 78 kg runner, contact 0.296 s,
/// flight 0.084 s, an impact bump and an active peak near 2.3 BW, ±15 N of sensor noise.
std::vector<double> treadmill_signal(std::size_t n, double rate_hz) {
    std::vector<double> f(n);
    std::mt19937_64 rng(2017);
    std::normal_distribution<double> noise(0.0, 15.0);
    const double tc = 0.296, step = 0.380, bw = 78.3 * 9.80665;
    for (std::size_t i = 0; i < n; ++i) {
        const double t = std::fmod(static_cast<double>(i) / rate_hz, step);
        double v = 0.0;
        if (t < tc) {
            v = 2.3 * bw * std::sin(std::numbers::pi * t / tc);
            if (t < 0.06) v += 0.6 * bw * std::sin(std::numbers::pi * t / 0.06);
        }
        f[i] = v + noise(rng);
    }
    return f;
}

void BM_FiltFilt(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const double rate_hz = 1000.0;
    const std::vector<double> x = treadmill_signal(n, rate_hz);
    const sw::FilterCoefficients f =
        sw::butter_lowpass(4, strideload::hertz(30.0), strideload::hertz(rate_hz));
    std::vector<double> y(n);
    for (auto _ : state) {
        sw::filtfilt(x, f, y);
        benchmark::DoNotOptimize(y.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
    state.SetBytesProcessed(state.iterations() * state.range(0) * 16);
}
BENCHMARK(BM_FiltFilt)->Arg(3600000)->Unit(benchmark::kMillisecond);

void BM_StanceMetrics(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const double rate_hz = 1000.0;
    const std::vector<double> x = treadmill_signal(n, rate_hz);
    sw::MetricOptions options;
    options.mass = strideload::kilograms(78.3);
    std::vector<sw::Stance> stances;
    sw::StanceTable table;
    for (auto _ : state) {
        sw::detect_stances(x, strideload::hertz(rate_hz), {}, stances);
        sw::stance_metrics(x, strideload::hertz(rate_hz), stances, options, table);
        benchmark::DoNotOptimize(table.active_peak_N.data());
        benchmark::ClobberMemory();
    }
    state.counters["stances"] = static_cast<double>(table.size());
    state.SetItemsProcessed(state.iterations() * state.range(0));
    state.SetBytesProcessed(state.iterations() * state.range(0) * 8);
}
BENCHMARK(BM_StanceMetrics)->Arg(3600000)->Unit(benchmark::kMillisecond);

}  // namespace
