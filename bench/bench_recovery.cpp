/// @file
/// Speed of fitness/fatigue/form (strideload/recovery/fitness_fatigue.hpp) on a platform-sized
/// batch, 100,000 athletes × 1,095 days (3 years) of random non-negative daily loads, against a
/// memory-bandwidth baseline measured in the same run on the same matrices.
///
/// Bytes counted per athlete-day: 1 read (load) + 3 writes (fitness, fatigue, form) of 8 bytes,
/// 32 B; each matrix is 876 MB, far beyond any cache. BM_StreamBaseline moves exactly that
/// traffic (reads the load matrix, writes three scaled copies into the same output matrices, a
/// vectorised loop compiled like the batch kernels), so
/// "BM_FitnessFatigue bytes/s ÷ BM_StreamBaseline bytes/s" is the share of the machine's
/// streaming bandwidth the batch reaches; the binary prints it after the table.
///
/// What the batch does beyond the baseline: fitness_fatigue_batch first checks every load
/// (finite, ≥ 0: a second read of the load matrix, not counted in its bytes), then runs the two
/// recurrences with four athletes advanced together (their dependency chains overlap; one
/// athlete alone is latency-bound, ~3 dependent floating-point operations per day and
/// recurrence). BM_FitnessFatigueUnchecked times the recurrences alone (detail::
/// fitness_fatigue_rows, no checks) to split the two costs. BM_FitnessFatigueSeries is one
/// athlete's 3 years through fitness_fatigue_into (in L1: the single-series latency).
///
/// Run (Release; ~15 s plus ~3 s to fill 3.5 GB):
///     build/bench/strideload_bench_recovery
///     build/bench/strideload_bench_recovery --benchmark_repetitions=3
/// (with repetitions the shares are of the medians).
#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "strideload/detail/kernel.hpp"
#include "strideload/recovery/fitness_fatigue.hpp"

namespace {

namespace rec = strideload::recovery;

constexpr Eigen::Index athletes = 100000;
constexpr Eigen::Index days = 1095;
constexpr std::int64_t bytes_per_athlete_day = 4 * static_cast<std::int64_t>(sizeof(double));
constexpr std::uint64_t seed = 19750701;

/// The load matrix and the three outputs, allocated and touched once for all benchmarks.
struct Batch {
    rec::DayMatrix load, fitness, fatigue, form;

    Batch()
        : load(athletes, days),
          fitness(athletes, days),
          fatigue(athletes, days),
          form(athletes, days) {
        // Daily loads 0–300 (a TSS-like scale), about one rest day in four.
        std::mt19937_64 rng(seed);
        std::uniform_real_distribution<double> uniform(0.0, 1.0);
        for (Eigen::Index r = 0; r < athletes; ++r)
            for (Eigen::Index d = 0; d < days; ++d) {
                const double u = uniform(rng);
                load(r, d) = u < 0.25 ? 0.0 : 400.0 * (u - 0.25);
            }
        fitness.setZero();
        fatigue.setZero();
        form.setZero();
    }
};

Batch& batch() {
    static Batch b;
    return b;
}

void set_counters(benchmark::State& state, std::int64_t athlete_days) {
    state.SetItemsProcessed(state.iterations() * athlete_days);
    state.SetBytesProcessed(state.iterations() * athlete_days * bytes_per_athlete_day);
    state.counters["athlete_days/s"] = benchmark::Counter(
        static_cast<double>(athlete_days) * static_cast<double>(state.iterations()),
        benchmark::Counter::kIsRate);
}

/// The batch as a user calls it: fitness_fatigue_batch with GoldenCheetah's defaults.
void BM_FitnessFatigue(benchmark::State& state) {
    Batch& b = batch();
    const rec::FitnessFatigueOptions options;
    for (auto _ : state) {
        rec::fitness_fatigue_batch(b.load, options, b.fitness, b.fatigue, b.form);
        benchmark::DoNotOptimize(b.form.data());
        benchmark::ClobberMemory();
    }
    // The last day of the first athlete: shows the run computed something.
    state.counters["fitness[0,-1]"] = b.fitness(0, days - 1);
    set_counters(state, athletes * days);
}

/// The recurrences alone, four athletes at a time, without the load and option checks.
void BM_FitnessFatigueUnchecked(benchmark::State& state) {
    Batch& b = batch();
    const rec::FitnessFatigueOptions options;
    const double l1 = options.fitness_weight(), l2 = options.fatigue_weight();
    const auto n = static_cast<std::size_t>(days);
    for (auto _ : state) {
        for (Eigen::Index r = 0; r < athletes; r += 4) {
            const double* in[4];
            double *f[4], *a[4], *s[4];
            for (int i = 0; i < 4; ++i) {
                in[i] = b.load.row(r + i).data();
                f[i] = b.fitness.row(r + i).data();
                a[i] = b.fatigue.row(r + i).data();
                s[i] = b.form.row(r + i).data();
            }
            rec::detail::fitness_fatigue_rows<4>(in, n, l1, l2, 0.0, 0.0, false, f, a, s);
        }
        benchmark::DoNotOptimize(b.form.data());
        benchmark::ClobberMemory();
    }
    set_counters(state, athletes * days);
}
static_assert(athletes % 4 == 0, "BM_FitnessFatigueUnchecked advances four athletes at a time");

/// Reads x once and writes three scaled copies: the same 32 B per element as the batch.
STRIDELOAD_KERNEL [[gnu::noinline]] void scaled_copies(std::size_t n, const double* __restrict x,
                                                       double* __restrict a, double* __restrict b,
                                                       double* __restrict c, double s) {
    for (std::size_t i = 0; i < n; ++i) {
        a[i] = s * x[i];
        b[i] = 2.0 * s * x[i];
        c[i] = -s * x[i];
    }
}

/// The memory-bandwidth baseline, on the batch's own matrices.
void BM_StreamBaseline(benchmark::State& state) {
    Batch& b = batch();
    const auto n = static_cast<std::size_t>(b.load.size());
    double s = 0.5;
    for (auto _ : state) {
        benchmark::DoNotOptimize(s);
        scaled_copies(n, b.load.data(), b.fitness.data(), b.fatigue.data(), b.form.data(), s);
        benchmark::DoNotOptimize(b.form.data());
        benchmark::ClobberMemory();
    }
    set_counters(state, athletes * days);
}

/// One athlete's 3 years (the first row of the batch) through fitness_fatigue_into.
void BM_FitnessFatigueSeries(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    std::vector<double> load(n), fitness(n), fatigue(n), form(n);
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> uniform(0.0, 300.0);
    for (double& w : load) w = uniform(rng);
    const rec::FitnessFatigueOptions options;
    for (auto _ : state) {
        rec::fitness_fatigue_into(load, options, fitness, fatigue, form);
        benchmark::DoNotOptimize(form.data());
        benchmark::ClobberMemory();
    }
    set_counters(state, static_cast<std::int64_t>(n));
}

/// The console table, then each batch benchmark's bytes/s as a share of BM_StreamBaseline's
/// (medians when run with repetitions).
class RatioReporter : public benchmark::ConsoleReporter {
  public:
    RatioReporter() : ConsoleReporter(OO_Tabular) {}  // no colour: the output is often logged

    void ReportRuns(const std::vector<Run>& runs) override {
        ConsoleReporter::ReportRuns(runs);
        for (const Run& run : runs) {
            if (run.error_occurred) continue;
            const bool median = run.run_type == Run::RT_Aggregate && run.aggregate_name == "median";
            if (run.run_type == Run::RT_Aggregate && !median) continue;
            const auto it = run.counters.find("bytes_per_second");
            if (it == run.counters.end()) continue;
            const std::string name = run.run_name.function_name;
            if (median || !medians_.count(name)) bytes_per_second_[name] = it->second.value;
            if (median) medians_[name] = true;
        }
    }

    void Finalize() override {
        ConsoleReporter::Finalize();
        const auto base = bytes_per_second_.find("BM_StreamBaseline");
        if (base == bytes_per_second_.end()) return;
        std::printf("\nBM_StreamBaseline: %.2f GB/s (read 1 + write 3 matrices of %lld x %lld)\n",
                    base->second / 1e9, static_cast<long long>(athletes),
                    static_cast<long long>(days));
        for (const char* name : {"BM_FitnessFatigue", "BM_FitnessFatigueUnchecked"}) {
            const auto it = bytes_per_second_.find(name);
            if (it != bytes_per_second_.end())
                std::printf("%s / BM_StreamBaseline = %.2f (%.2f GB/s)\n", name,
                            it->second / base->second, it->second / 1e9);
        }
    }

  private:
    std::map<std::string, double> bytes_per_second_;
    std::map<std::string, bool> medians_;
};

}  // namespace

BENCHMARK(BM_StreamBaseline)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FitnessFatigue)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FitnessFatigueUnchecked)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FitnessFatigueSeries)->Arg(days)->Unit(benchmark::kMicrosecond);

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    RatioReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
    return 0;
}
