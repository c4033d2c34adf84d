#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <strideload/load/cumulative.hpp>
#include <vector>

namespace ld = strideload::load;

// The fixture of the research notes (load-recovery.md §4a-b): 10,000 steps at 2.5 BW and
// 1,000 at 3.0 BW in a day.
constexpr std::array<double, 2> loads{2.5, 3.0};
constexpr std::array<double, 2> counts{10000.0, 1000.0};

TEST_CASE("stress stimulus: Carter's psi with m = 4 (10,000 x 2.5 BW + 1,000 x 3.0 BW)") {
    // psi = (10000 * 2.5^4 + 1000 * 3^4)^(1/4) = 471625^(1/4)
    CHECK(ld::stress_stimulus(loads, counts) == doctest::Approx(26.205908).epsilon(1e-7));
    CHECK(ld::stress_stimulus(loads, counts, 4.0) == doctest::Approx(std::pow(471625.0, 0.25)));
}

TEST_CASE("Miner-equivalent cycles at 3 BW for k = 4, 6.6, 7 and 10") {
    CHECK(ld::equivalent_cycles(loads, 3.0, 4.0, counts) == doctest::Approx(5822.530864));
    CHECK(ld::equivalent_cycles(loads, 3.0, 6.6, counts) == doctest::Approx(4001.952223));
    CHECK(ld::equivalent_cycles(loads, 3.0, 7.0, counts) == doctest::Approx(3790.816472));
    CHECK(ld::equivalent_cycles(loads, 3.0, 10.0, counts) == doctest::Approx(2615.055829));
}

TEST_CASE("per-step loads and their histogram give the same answer") {
    std::vector<double> steps(10000, 2.5);
    steps.insert(steps.end(), 1000, 3.0);
    CHECK(ld::stress_stimulus(steps) == doctest::Approx(ld::stress_stimulus(loads, counts)));
    CHECK(ld::cumulative_weighted_peak(steps, 7.0) ==
          doctest::Approx(ld::cumulative_weighted_peak(loads, 7.0, counts)));
    CHECK(ld::equivalent_cycles(steps, 3.0, 7.0) ==
          doctest::Approx(ld::equivalent_cycles(loads, 3.0, 7.0, counts)));
}

TEST_CASE("magnitude beats cycles: 10 % more steps at 10 % lower peak, damage x 1.1 x 0.9^k") {
    // Edwards et al. 2009's stride-length trade-off; 0.526127 at k = 7 (research notes §4b).
    const std::array<double, 1> before{2.5}, after{2.25};
    const std::array<double, 1> n_before{1000.0}, n_after{1100.0};
    const double ratio = ld::equivalent_cycles(after, 3.0, 7.0, n_after) /
                         ld::equivalent_cycles(before, 3.0, 7.0, n_before);
    CHECK(ratio == doctest::Approx(0.526127).epsilon(1e-6));
    // psi is homogeneous of degree 1 in the loads: BW or N give the same answer up to m g.
    std::array<double, 2> newtons{};
    for (std::size_t i = 0; i < 2; ++i) newtons[i] = loads[i] * 70.0 * 9.80665;
    CHECK(ld::stress_stimulus(newtons, counts) ==
          doctest::Approx(70.0 * 9.80665 * ld::stress_stimulus(loads, counts)));
}

TEST_CASE("cumulative loading: no cycles, and bad input") {
    CHECK(ld::stress_stimulus({}) == 0.0);
    CHECK(ld::equivalent_cycles({}, 3.0, 7.0) == 0.0);
    const std::array<double, 2> bad{2.5, NAN};
    CHECK_THROWS_AS(ld::stress_stimulus(bad), strideload::Error);
    const std::array<double, 1> negative{-1.0};
    CHECK_THROWS_AS(ld::cumulative_weighted_peak(negative, 7.0), strideload::Error);
    const std::array<double, 1> one_count{5.0};
    CHECK_THROWS_AS(ld::stress_stimulus(loads, one_count), strideload::Error);
    CHECK_THROWS_AS(ld::equivalent_cycles(loads, 0.0, 7.0), strideload::Error);
    CHECK_THROWS_AS(ld::equivalent_cycles(loads, 3.0, 0.5), strideload::Error);
    const std::array<double, 2> negative_count{1.0, -2.0};
    CHECK_THROWS_AS(ld::stress_stimulus(loads, negative_count), strideload::Error);
}
