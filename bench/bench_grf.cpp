/// @file
/// Speed of the per-step GRF batch kernels against a STREAM-style triad (a = b + s·c), the
/// memory-bandwidth baseline measured in the same run, and against the Morin 2005 equations
/// written as a naïve loop over std::vector. Bytes counted are what a kernel reads plus what it
/// writes (8 bytes per double, no write-allocate traffic), for the triad too, so
/// bytes/s ÷ triad bytes/s is the share of the machine's streaming bandwidth a kernel reaches.
///
/// What bounds each kernel at 1M steps (96 MB of columns for Morin: far beyond the caches).
/// The /4096 runs (L2-resident) time the arithmetic alone. The divider takes ~1.5 ns per
/// divsd/sqrtsd and about the same per 4-wide divpd/sqrtpd of the AVX2 clone, so a loop with
/// divides either vectorises or is divider-bound (numbers: 2-core AMD EPYC VM, GCC 12):
/// - morin2005: 104 B/step (reads 5 columns, writes 8); 3 divisions + 1 sqrt per step
///   ((tf+tc)/tc, Fmax/Δy, Fmax/ΔL, √(L²−(v tc/2)²)). Vectorised: ~1.9 ns/step of
///   arithmetic, ~3–3.5 ns/step at 1M: memory-bound. BM_Morin2005Naive (std::vector, no
///   __restrict, so GCC keeps it scalar) takes ~7.3 ns/step in L2 and at 1M: divider-bound.
/// - impulse_balance: 56 B/step, 1 division: ~0.45 ns/step in L2, ~1.1 ns/step at 1M:
///   memory-bound.
/// - clark2017: 72 B/step, one division and one cosine per step, the cosine a branch-free
///   polynomial (detail::cos_poly) because GCC vectorises std::cos only under -ffast-math; with
///   std::cos the loop stayed scalar at ~25 ns/step, bound by the libm calls.
/// - spring_mass: an ODE boundary-value solve per step (~30 µs): compute-bound by orders of
///   magnitude, hence 4096 steps; its bytes/s is meaningless and kept only for uniform output.
/// A kernel vectorises only if GCC accepts the whole loop (a `bool` reduction of the domain
/// checks, or one std::cos, is enough to keep GCC 12 scalar): when a kernel's share of triad
/// drops, `objdump -d` its `.avx2` clone and look for ymm divides.
///
/// `bench/summarize.py` turns `--benchmark_out_format=json` output into shares of triad.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include "strideload/detail/kernel.hpp"
#include "strideload/detail/morin2005.hpp"
#include "strideload/grf/models.hpp"

namespace {

namespace grf = strideload::grf;

constexpr double gravity_m_s2 = 9.81;
constexpr std::uint64_t seed = 20050401;
constexpr std::int64_t bytes_per_double = static_cast<std::int64_t>(sizeof(double));

/// n realistic, varied steps as SI columns: mass 50–90 kg, speed 2.5–6 m/s, contact 0.18–0.32 s
/// (capped at 1.5 L/v so the leg sweeps at most 48.6° either side of vertical: faster steps
/// are shorter, as in real running, and every step is inside Morin's and the SLIP's domain),
/// flight 0.05–0.15 s, leg length 0.85–1.0 m.
struct Steps {
    std::vector<double> mass_kg, speed_m_s, contact_time_s, flight_time_s, leg_length_m;

    explicit Steps(std::size_t n)
        : mass_kg(n), speed_m_s(n), contact_time_s(n), flight_time_s(n), leg_length_m(n) {
        std::mt19937_64 rng(seed);
        auto uniform = [&rng](double lo, double hi) {
            return std::uniform_real_distribution<double>(lo, hi)(rng);
        };
        for (std::size_t i = 0; i < n; ++i) {
            mass_kg[i] = uniform(50.0, 90.0);
            speed_m_s[i] = uniform(2.5, 6.0);
            leg_length_m[i] = uniform(0.85, 1.0);
            flight_time_s[i] = uniform(0.05, 0.15);
            contact_time_s[i] = uniform(0.18, std::min(0.32, 1.5 * leg_length_m[i] / speed_m_s[i]));
        }
    }

    grf::StepBatchInput view() const {
        return {mass_kg, speed_m_s, contact_time_s, flight_time_s, leg_length_m, gravity_m_s2};
    }
};

/// Items (steps) and bytes (columns read + written, 8 bytes each) over the whole run.
void set_counters(benchmark::State& state, std::int64_t n, std::int64_t columns) {
    state.SetItemsProcessed(state.iterations() * n);
    state.SetBytesProcessed(state.iterations() * n * columns * bytes_per_double);
}

/// a[i] = b[i] + s·c[i], compiled like the kernels (STRIDELOAD_KERNEL: AVX2 clone, GCC's
/// dynamic cost model) so that the baseline and the kernels use the same instructions.
STRIDELOAD_KERNEL [[gnu::noinline]] void triad(std::size_t n, double* __restrict a,
                                               const double* __restrict b,
                                               const double* __restrict c, double s) {
    for (std::size_t i = 0; i < n; ++i) a[i] = b[i] + s * c[i];
}

/// The memory-bandwidth baseline: the triad over 3 columns of n doubles.
void BM_Triad(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    std::vector<double> a(n, 0.0), b(n, 1.0), c(n, 2.0);
    double s = 3.0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(s);
        triad(n, a.data(), b.data(), c.data(), s);
        benchmark::DoNotOptimize(a);
        benchmark::ClobberMemory();
    }
    set_counters(state, state.range(0), 3);
}

/// Runs a batch model over the same caller-owned StepBatch every iteration. The first call,
/// before the timed loop, allocates and touches the output columns.
template <class Model>
void run_batch(benchmark::State& state, const Steps& steps, Model model, std::int64_t columns) {
    const grf::StepBatchInput in = steps.view();
    grf::StepBatch out;
    model(in, out);
    for (auto _ : state) {
        model(in, out);
        benchmark::DoNotOptimize(out);
        benchmark::ClobberMemory();
    }
    set_counters(state, state.range(0), columns);
}

void BM_Morin2005Batch(benchmark::State& state) {
    const Steps steps(static_cast<std::size_t>(state.range(0)));
    // Reads m, v, tc, tf, L; writes peak, peak in BW, mean, impulse, Δy, k_vert, ΔL, k_leg.
    run_batch(
        state, steps,
        [](const grf::StepBatchInput& in, grf::StepBatch& out) { grf::morin2005_batch(in, out); },
        5 + 8);
}

void BM_ImpulseBalanceBatch(benchmark::State& state) {
    const Steps steps(static_cast<std::size_t>(state.range(0)));
    // Reads m, tc, tf; writes peak, peak in BW, mean, impulse.
    run_batch(
        state, steps,
        [](const grf::StepBatchInput& in, grf::StepBatch& out) {
            grf::impulse_balance_batch(in, out);
        },
        3 + 4);
}

void BM_Clark2017Batch(benchmark::State& state) {
    const Steps steps(static_cast<std::size_t>(state.range(0)));
    // Reads m, tc, tf; writes peak, peak in BW, mean, impulse, impact peak, time of peak.
    run_batch(
        state, steps,
        [](const grf::StepBatchInput& in, grf::StepBatch& out) { grf::clark2017_batch(in, out); },
        3 + 6);
}

void BM_SpringMassBatch(benchmark::State& state) {
    const Steps steps(static_cast<std::size_t>(state.range(0)));
    // Reads m, v, tc, tf, L; writes 12 columns.
    run_batch(
        state, steps,
        [](const grf::StepBatchInput& in, grf::StepBatch& out) { grf::spring_mass_batch(in, out); },
        5 + 12);
}

/// Morin 2005 Eqs 4–9 as a user would first write them: the equations as printed (Eq. 7 with
/// its division by m, no peak-in-BW column) and the kernel's domain check, but std::vector
/// references that may alias (so GCC keeps the loop scalar) and no AVX2 clone. noinline so it is a
/// call, like the batch API.
[[gnu::noinline]] bool morin2005_naive(
    const std::vector<double>& mass_kg, const std::vector<double>& speed_m_s,
    const std::vector<double>& contact_time_s, const std::vector<double>& flight_time_s,
    const std::vector<double>& leg_length_m, double g, std::vector<double>& peak_N,
    std::vector<double>& mean_N, std::vector<double>& impulse_Ns,
    std::vector<double>& com_displacement_m, std::vector<double>& vertical_stiffness_N_per_m,
    std::vector<double>& leg_compression_m, std::vector<double>& leg_stiffness_N_per_m) {
    using namespace strideload::detail;
    constexpr double half_pi = pi / 2.0, two_over_pi = 2.0 / pi, inv_pi2 = 1.0 / (pi * pi);
    std::int64_t bad = 0;
    for (std::size_t i = 0; i < mass_kg.size(); ++i) {
        const double m = mass_kg[i], v = speed_m_s[i], tc = contact_time_s[i];
        const double tf = flight_time_s[i], L = leg_length_m[i];
        const double half_sweep = 0.5 * v * tc;
        bad |= mass_outside(m) | speed_outside(v) | times_outside(tc, tf) | leg_outside(L) |
               !(L > half_sweep);
        const double weight = m * g;
        const double fmax = weight * half_pi * (tf + tc) / tc;
        const double tc2 = tc * tc;
        const double dy = fmax * tc2 * inv_pi2 / m - 0.125 * g * tc2;
        const double dl = L - std::sqrt(L * L - half_sweep * half_sweep) + dy;
        peak_N[i] = fmax;
        mean_N[i] = two_over_pi * fmax;
        impulse_Ns[i] = weight * (tc + tf);
        com_displacement_m[i] = dy;
        vertical_stiffness_N_per_m[i] = fmax / dy;
        leg_compression_m[i] = dl;
        leg_stiffness_N_per_m[i] = fmax / dl;
    }
    return bad == 0;
}

void BM_Morin2005Naive(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const Steps s(n);
    std::vector<double> peak(n), mean(n), impulse(n), dy(n), k_vert(n), dl(n), k_leg(n);
    for (auto _ : state) {
        bool ok = morin2005_naive(s.mass_kg, s.speed_m_s, s.contact_time_s, s.flight_time_s,
                                  s.leg_length_m, gravity_m_s2, peak, mean, impulse, dy, k_vert, dl,
                                  k_leg);
        if (!ok) state.SkipWithError("naive Morin: input outside the domain");
        benchmark::DoNotOptimize(ok);
        benchmark::DoNotOptimize(k_leg);
        benchmark::ClobberMemory();
    }
    set_counters(state, state.range(0), 5 + 7);
}

constexpr std::int64_t one_million = std::int64_t{1} << 20;

// 1M doubles × 3 = 24 MB can sit in a large L3; 4M (96 MB, Morin's footprint at 1M steps) is
// the DRAM baseline.
BENCHMARK(BM_Triad)->Arg(one_million)->Arg(4 * one_million)->Unit(benchmark::kMicrosecond);
// 4096 steps (under 400 kB) run from L2: the arithmetic alone. A kernel whose 1M-step rate is
// well below its 4096-step rate is waiting on memory, not on its divides.
BENCHMARK(BM_Morin2005Batch)->Arg(one_million)->Arg(4096)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Morin2005Naive)->Arg(one_million)->Arg(4096)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ImpulseBalanceBatch)->Arg(one_million)->Arg(4096)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Clark2017Batch)->Arg(one_million)->Arg(4096)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SpringMassBatch)->Arg(4096)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
