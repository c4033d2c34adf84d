#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <strideload/accuracy/agreement.hpp>

namespace sa = strideload::accuracy;

// Bland & Altman 1986 (Lancet 327:307), Table 1: first reading of the large Wright peak flow
// meter and of the mini Wright meter for 17 subjects [l/min].
constexpr std::array<double, 17> wright{494, 395, 516, 434, 476, 557, 413, 442, 650,
                                        433, 417, 656, 267, 478, 178, 423, 427};
constexpr std::array<double, 17> mini{512, 430, 520, 428, 500, 600, 364, 380, 658,
                                      445, 432, 626, 260, 477, 259, 350, 451};

TEST_CASE("agreement reproduces Bland & Altman 1986 (PEFR, Wright vs mini Wright)") {
    // The paper prints: mean difference -2.1 l/min, SD 38.8, limits d ± 2s = -79.7 to 75.5, and
    // r = 0.94. Its limits come from the rounded d and s, hence the 0.1 tolerance.
    const sa::Agreement a = sa::agreement(wright, mini, 2.0);
    CHECK(a.n == 17);
    CHECK(a.n_missing == 0);
    CHECK(std::abs(a.bias - -2.1) < 0.05);
    CHECK(std::abs(a.sd - 38.8) < 0.05);
    CHECK(std::abs(a.loa_low - -79.7) < 0.1);
    CHECK(std::abs(a.loa_high - 75.5) < 0.1);
    CHECK(std::abs(a.pearson_r - 0.94) < 0.005);
}

TEST_CASE("agreement: percent errors, MAPE and R² on a hand-checked example") {
    // model = measured·(1 + e): errors +10 %, -10 %, +20 %, 0 %.
    const std::array<double, 4> measured{100, 200, 300, 400};
    const std::array<double, 4> model{110, 180, 360, 400};
    const sa::Agreement a = sa::agreement(model, measured);
    CHECK(a.bias_pct == doctest::Approx(5.0));
    CHECK(a.mape_pct == doctest::Approx(10.0));
    // SD of {10,-10,20,0} (n-1): sqrt(((5)²+(15)²+(15)²+(5)²)/3) = sqrt(500/3)
    CHECK(a.sd_pct == doctest::Approx(std::sqrt(500.0 / 3.0)));
    CHECK(a.loa_high_pct - a.loa_low_pct == doctest::Approx(2 * 1.96 * a.sd_pct));
    // R² = 1 - (100+400+3600+0)/(50000) = 0.918
    CHECK(a.r2 == doctest::Approx(1.0 - 4100.0 / 50000.0));
    CHECK(a.bias == doctest::Approx(12.5));
}

TEST_CASE("agreement: a perfect model, a constant offset, and missing values") {
    const std::array<double, 3> x{1.0, 2.0, 4.0};
    SUBCASE("identical") {
        const sa::Agreement a = sa::agreement(x, x);
        CHECK(a.bias == 0.0);
        CHECK(a.sd == 0.0);
        CHECK(a.mape_pct == 0.0);
        CHECK(a.r2 == 1.0);
        CHECK(a.pearson_r == doctest::Approx(1.0));
    }
    SUBCASE("offset: r = 1 but R² < 1") {
        const std::array<double, 3> y{2.0, 3.0, 5.0};
        const sa::Agreement a = sa::agreement(y, x);
        CHECK(a.bias == doctest::Approx(1.0));
        CHECK(a.sd == doctest::Approx(0.0));
        CHECK(a.pearson_r == doctest::Approx(1.0));
        CHECK(a.r2 < 1.0);
    }
    SUBCASE("NaN pairs are counted, not used") {
        const std::array<double, 3> y{1.0, NAN, 4.0};
        const sa::Agreement a = sa::agreement(y, x);
        CHECK(a.n == 2);
        CHECK(a.n_missing == 1);
        CHECK(a.bias == 0.0);
    }
    SUBCASE("one pair: its bias and percent error, no spread") {
        const std::array<double, 3> y{NAN, NAN, 5.0};
        const sa::Agreement a = sa::agreement(y, x);
        CHECK(a.n == 1);
        CHECK(a.bias == 1.0);
        CHECK(a.bias_pct == doctest::Approx(25.0));
        CHECK(a.mape_pct == doctest::Approx(25.0));
        CHECK(std::isnan(a.sd));
        CHECK(std::isnan(a.loa_low_pct));
    }
    SUBCASE("no pair: all NaN") {
        const std::array<double, 3> y{NAN, NAN, NAN};
        const sa::Agreement a = sa::agreement(y, x);
        CHECK(a.n == 0);
        CHECK(a.n_missing == 3);
        CHECK(std::isnan(a.bias));
    }
    SUBCASE("a measured 0 counts in the absolute statistics, not in the percent ones") {
        // e.g. a stance with no braking phase: braking peak 0
        const std::array<double, 3> measured{0.0, 2.0, 4.0};
        const std::array<double, 3> y{1.0, 3.0, 5.0};
        const sa::Agreement a = sa::agreement(y, measured);
        CHECK(a.n == 3);
        CHECK(a.n_zero_measured == 1);
        CHECK(a.bias == doctest::Approx(1.0));
        CHECK(a.bias_pct == doctest::Approx((50.0 + 25.0) / 2.0));
        CHECK(a.sd_pct == doctest::Approx(std::sqrt(2.0 * 12.5 * 12.5)));
    }
}

TEST_CASE("agreement: bad input is an Error") {
    const std::array<double, 2> a{1.0, 2.0};
    const std::array<double, 3> b{1.0, 2.0, 3.0};
    CHECK_THROWS_AS(sa::agreement(a, b), strideload::Error);
    CHECK_THROWS_AS(sa::agreement(a, a, 0.0), strideload::Error);
}
