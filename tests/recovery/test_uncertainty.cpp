#include <doctest/doctest.h>

#include <cmath>
#include <strideload/recovery/uncertainty.hpp>
#include <vector>

namespace rc = strideload::recovery;

TEST_CASE("uncertainty: load factors from clark2017's benchmark error (+5.9 %, SD 1.9 %)") {
    rc::UncertaintyOptions u;
    auto [lo, hi] = u.load_factors();
    CHECK(lo == doctest::Approx(1 / (1 + 0.059 + 1.96 * 0.019)));
    CHECK(hi == doctest::Approx(1 / (1 + 0.059 - 1.96 * 0.019)));
    u.load_exponent = 7;
    std::tie(lo, hi) = u.load_factors();
    CHECK(lo == doctest::Approx(std::pow(1.09624, -7.0)));
    CHECK(hi == doctest::Approx(std::pow(1.02176, -7.0)));
}

TEST_CASE("uncertainty: steady load, the fitness band is the load times the error factors") {
    // After years of a constant load, fitness and fatigue equal the load whatever tau is, so
    // only the load error is left in the band.
    const std::vector<double> load(3000, 100.0);
    rc::UncertaintyOptions u;
    const auto b = rc::fitness_fatigue_bands(load, {}, u);
    const auto [lo, hi] = u.load_factors();
    CHECK(b.fitness.low.back() == doctest::Approx(100 * lo).epsilon(1e-9));
    CHECK(b.fitness.high.back() == doctest::Approx(100 * hi).epsilon(1e-9));
    CHECK(b.fatigue.low.back() == doctest::Approx(100 * lo).epsilon(1e-9));
    CHECK(b.form.high.back() == doctest::Approx(0.0).epsilon(1e-9));
}

TEST_CASE("uncertainty: no error and no ranges collapse the band onto the model") {
    std::vector<double> load;
    for (int d = 0; d < 200; ++d) load.push_back((d * 13 % 7) * 20.0);
    rc::UncertaintyOptions u;
    u.peak_bias = u.peak_sd = 0;
    u.fitness_tau_low_days = u.fitness_tau_high_days = 42;
    u.fatigue_tau_low_days = u.fatigue_tau_high_days = 7;
    const auto b = rc::fitness_fatigue_bands(load, {}, u);
    const auto r = rc::fitness_fatigue(load);
    for (std::size_t d = 0; d < load.size(); ++d) {
        CHECK(b.fitness.low[d] == r.fitness[d]);
        CHECK(b.form.high[d] == r.form[d]);
    }
}

TEST_CASE("uncertainty: without model bias the band contains the model's own values") {
    std::vector<double> load;
    for (int d = 0; d < 300; ++d) load.push_back(d % 9 == 0 ? 0.0 : 50.0 + (d * 31 % 11) * 10.0);
    rc::UncertaintyOptions u;
    u.peak_bias = 0;
    const auto b = rc::fitness_fatigue_bands(load, {}, u);
    const auto r = rc::fitness_fatigue(load);
    for (std::size_t d = 0; d < load.size(); ++d) {
        CHECK(b.fitness.low[d] <= r.fitness[d]);
        CHECK(r.fitness[d] <= b.fitness.high[d]);
        CHECK(b.form.low[d] <= r.form[d]);
        CHECK(r.form[d] <= b.form.high[d]);
        CHECK(b.fatigue.high[d] - b.fatigue.low[d] >= 0);
    }
}

TEST_CASE("uncertainty: damage band at steady state spans repair 6-31 d (Taylor 2004)") {
    const std::vector<double> cycles(1000, 6000.0);
    rc::FractureOptions f;
    rc::UncertaintyOptions u;
    u.peak_bias = u.peak_sd = 0;
    u.load_exponent = 7;
    const auto b = rc::damage_bands(cycles, f, u);
    const double inc = 6000.0 * f.damage.limb_fraction / f.damage.cycles_to_failure;
    CHECK(b.damage.low.back() == doctest::Approx(inc / (1 - std::exp(-1.0 / 6))));
    CHECK(b.damage.high.back() == doctest::Approx(inc / (1 - std::exp(-1.0 / 31))));
    // Fracture probability has no repair-time term here; with no load error the band is a line.
    const auto p = rc::fracture_probability(cycles, f);
    CHECK(b.fracture_probability.low.back() == doctest::Approx(p.back()));
    CHECK(b.fracture_probability.high.back() == doctest::Approx(p.back()));
    // With clark2017's over-prediction the measured load is lower, and so is the band.
    u = {};
    u.load_exponent = 7;
    const auto biased = rc::damage_bands(cycles, f, u);
    CHECK(biased.fracture_probability.high.back() < p.back());
}

TEST_CASE("uncertainty: bad options are named") {
    rc::UncertaintyOptions u;
    u.fitness_tau_high_days = 20;
    CHECK_THROWS_WITH_AS(rc::fitness_fatigue_bands(std::vector<double>{1}, {}, u),
                         doctest::Contains("fitness_tau_high_days"), strideload::Error);
    u = {};
    u.peak_sd = -1;
    CHECK_THROWS_WITH_AS(rc::fitness_fatigue_bands(std::vector<double>{1}, {}, u),
                         doctest::Contains("peak_sd"), strideload::Error);
}
