// Clark, Ryan & Weyand 2017 J Exp Biol 220:247 two-mass model; fixture computed from the
// paper's equations (grf-models.md §1.4, g = 9.81).
#include <doctest/doctest.h>

#include <vector>

#include "../helpers.hpp"

TEST_CASE("clark2017 fixture: m 70, tc 0.20, ta 0.12, t1 0.020, dv1 1.0") {
    const auto a = test::runner(70, 0.95);
    const auto s = test::step(5.0, 0.20, 0.12);
    const auto load = sl::grf::clark2017(a, s, {}, test::g981);
    CHECK(load.vertical_impulse.value() == doctest::Approx(219.744).epsilon(1e-6));
    CHECK(load.peak_vertical_force.value() == doctest::Approx(2119.47).epsilon(1e-5));
    CHECK(load.peak_vertical_force_bw == doctest::Approx(3.0865).epsilon(1e-4));
    CHECK(load.time_of_peak->value() == doctest::Approx(0.094));
    CHECK(load.impact_peak_force->value() == doctest::Approx(617.93).epsilon(1e-4));
    const auto p = sl::detail::clark2017_pulses(70, 0.20, 0.12, 0.020, 1.0, 9.81);
    CHECK(p.a1_N == doctest::Approx(389.87).epsilon(1e-5));
    CHECK(p.a2_N == doctest::Approx(2119.47).epsilon(1e-5));
}

TEST_CASE("clark2017 invariants: waveform area = m g (tc+ta), peak from the waveform") {
    const auto a = test::runner(80, 0.95);
    for (double tc : {0.15, 0.22, 0.30}) {
        const auto s = test::step(4.0, tc, 0.10);
        const auto load = sl::grf::clark2017(a, s, {}, test::g981);
        const auto w = sl::grf::clark2017_waveform(a, s, sl::hertz(20000), {}, test::g981);
        CHECK(w.vertical_N.sum() / 20000.0 ==
              doctest::Approx(80 * 9.81 * (tc + 0.10)).epsilon(1e-4));
        CHECK(w.vertical_N.maxCoeff() ==
              doctest::Approx(load.peak_vertical_force.value()).epsilon(1e-4));
    }
}

TEST_CASE("clark2017 overlapping impact and active pulses use the numeric peak") {
    // A long impact (t1 = 60 ms) in a short contact: 2 t1 > 0.47 tc, so the peak is not A2.
    sl::grf::Clark2017Params params;
    params.impact_time = sl::seconds(0.06);
    params.impact_velocity_change = sl::meters_per_second(3.0);
    const auto a = test::runner(70, 0.95);
    const auto s = test::step(5.0, 0.20, 0.12);
    const auto load = sl::grf::clark2017(a, s, params, test::g981);
    const auto w = sl::grf::clark2017_waveform(a, s, sl::hertz(100000), params, test::g981);
    CHECK(load.peak_vertical_force.value() ==
          doctest::Approx(w.vertical_N.maxCoeff()).epsilon(1e-6));
    CHECK_THROWS_WITH_AS(sl::grf::clark2017(a, test::step(5.0, 0.10, 0.12), params, test::g981),
                         doctest::Contains("contact_time_s"), sl::Error);
}
