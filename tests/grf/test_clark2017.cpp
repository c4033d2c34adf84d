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

TEST_CASE("clark2017's vectorisable cosine matches std::cos on [-2 pi, 2 pi]") {
    double worst = 0.0;
    for (int k = -20000; k <= 20000; ++k) {
        const double x = 2.0 * M_PI * k / 20000.0;
        worst = std::max(worst, std::abs(sl::detail::cos_poly(x) - std::cos(x)));
    }
    CHECK(worst < 1e-15);
}

TEST_CASE("clark2017 batch equals scalar over varied steps, including overlapping pulses") {
    std::vector<double> m, tc, tf;
    for (int i = 0; i < 50; ++i) {
        m.push_back(50.0 + i);
        tc.push_back(0.12 + 0.004 * i);
        tf.push_back(0.05 + 0.002 * i);
    }
    sl::grf::Clark2017Params params;
    params.impact_time = sl::seconds(0.03);
    params.impact_velocity_change = sl::meters_per_second(2.5);
    const auto batch = sl::grf::clark2017_batch({m, {}, tc, tf, {}, 9.81}, params);
    for (std::size_t i = 0; i < m.size(); ++i) {
        const auto one = sl::grf::clark2017(test::runner(m[i], 0.9), test::step(3.0, tc[i], tf[i]),
                                            params, test::g981);
        const auto k = static_cast<Eigen::Index>(i);
        CHECK(batch.peak_vertical_force_N[k] ==
              doctest::Approx(one.peak_vertical_force.value()).epsilon(1e-12));
        CHECK(batch.impact_peak_force_N[k] ==
              doctest::Approx(one.impact_peak_force->value()).epsilon(1e-12));
        CHECK(batch.time_of_peak_s[k] == doctest::Approx(one.time_of_peak->value()).epsilon(1e-12));
    }
}

TEST_CASE("clark2017 refuses an impact impulse larger than the whole step's") {
    // 0.08 m (dv1 + 2 g t1) >= m g (tc + ta): the active pulse would be negative.
    sl::grf::Clark2017Params params;
    params.impact_velocity_change = sl::meters_per_second(10.0);
    CHECK_THROWS_WITH_AS(
        sl::grf::clark2017(test::runner(70, 0.95), test::step(5.0, 0.05, 0.0), params),
        doctest::Contains("impact_velocity_change_m_s"), sl::Error);
}
