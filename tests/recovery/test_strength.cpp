#include <doctest/doctest.h>

#include <cmath>
#include <strideload/recovery/strength.hpp>
#include <string>

#include "../error_field.hpp"

namespace rc = strideload::recovery;

// Lauersen, Andersen & Andersen 2018 BJSM 52:1557: RR 0.338 (95 % CI 0.238-0.480).

TEST_CASE("strength: no strength training leaves the risk unchanged") {
    const auto e = rc::strength_risk_multiplier(0.0);
    CHECK(e.dose_fraction == 0.0);
    CHECK(e.multiplier == 1.0);
    CHECK(e.multiplier_low == 1.0);
    CHECK(e.multiplier_high == 1.0);
}

TEST_CASE("strength: the 80 min/week target gives Lauersen 2018's RR and its CI") {
    const auto e = rc::strength_risk_multiplier(80.0);
    CHECK(e.dose_fraction == 1.0);
    CHECK(e.multiplier == doctest::Approx(0.338));
    CHECK(e.multiplier_low == doctest::Approx(0.238));
    CHECK(e.multiplier_high == doctest::Approx(0.480));
}

TEST_CASE("strength: more than the target is capped at the RR") {
    const auto e = rc::strength_risk_multiplier(160.0);
    CHECK(e.dose_fraction == 1.0);
    CHECK(e.multiplier == doctest::Approx(0.338));
}

TEST_CASE("strength: half the target gives half the reduction, 1 - 0.662/2 = 0.669") {
    const auto e = rc::strength_risk_multiplier(40.0);
    CHECK(e.dose_fraction == doctest::Approx(0.5));
    CHECK(e.multiplier == doctest::Approx(0.669));
    CHECK(e.multiplier_low == doctest::Approx(0.619));
    CHECK(e.multiplier_high == doctest::Approx(0.740));
    // The CI brackets the estimate at every dose, and more minutes never raise the risk.
    double previous = 1.0;
    for (double min = 0.0; min <= 120.0; min += 10.0) {
        const auto x = rc::strength_risk_multiplier(min);
        CHECK(x.multiplier_low <= x.multiplier);
        CHECK(x.multiplier <= x.multiplier_high);
        CHECK(x.multiplier <= previous);
        previous = x.multiplier;
    }
}

TEST_CASE("strength: another target and RR (Lauersen 2014's 0.315) are parameters") {
    rc::StrengthOptions o;
    o.target_min_per_week = 60.0;
    o.relative_risk = 0.315;
    o.relative_risk_low = 0.20;
    o.relative_risk_high = 0.49;
    const auto e = rc::strength_risk_multiplier(30.0, o);
    CHECK(e.multiplier == doctest::Approx(1.0 - 0.685 * 0.5));
}

TEST_CASE("strength: bad input is an Error naming the field") {
    CHECK(test::error_field([] { rc::strength_risk_multiplier(-1.0); }) == "weekly_strength_min");
    CHECK(test::error_field([] { rc::strength_risk_multiplier(std::nan("")); }) ==
          "weekly_strength_min");
    rc::StrengthOptions o;
    o.target_min_per_week = 0.0;
    CHECK(test::error_field([&] { rc::strength_risk_multiplier(10.0, o); }) ==
          "target_min_per_week");
    o = {};
    o.relative_risk_low = 0.5;  // above the estimate
    CHECK(test::error_field([&] { rc::strength_risk_multiplier(10.0, o); }) == "relative_risk_low");
    o = {};
    o.relative_risk_high = 0.3;
    CHECK(test::error_field([&] { rc::strength_risk_multiplier(10.0, o); }) ==
          "relative_risk_high");
    o = {};
    o.relative_risk = 0.0;
    CHECK(test::error_field([&] { rc::strength_risk_multiplier(10.0, o); }) == "relative_risk");
}
