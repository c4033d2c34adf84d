// impulse_balance (Cavagna 1975; Weyand et al. 2000) and the constant_multiple rule of thumb.
#include <doctest/doctest.h>

#include <vector>

#include "../helpers.hpp"

TEST_CASE("impulse_balance: tc 0.20, tf 0.12 -> 1.60 BW; tc 0.25, tf 0.10 -> 1.40 BW") {
    const auto a = test::runner(70, 0.95);
    const auto l1 = sl::grf::impulse_balance(a, test::step(5, 0.20, 0.12), test::g981);
    CHECK(l1.mean_vertical_force.value() / (70 * 9.81) == doctest::Approx(1.60));
    CHECK(l1.peak_vertical_force == l1.mean_vertical_force);
    const auto l2 = sl::grf::impulse_balance(a, test::step(3.5, 0.25, 0.10), test::g981);
    CHECK(l2.peak_vertical_force_bw == doctest::Approx(1.40));
}

TEST_CASE("impulse_balance invariant: impulse over stance = m g (tc + tf)") {
    for (double tc : {0.1, 0.2, 0.35})
        for (double tf : {0.0, 0.05, 0.15}) {
            const auto l = sl::grf::impulse_balance(test::runner(65, 0.9), test::step(3, tc, tf));
            CHECK(l.vertical_impulse.value() ==
                  doctest::Approx(65 * sl::standard_gravity_m_s2 * (tc + tf)).epsilon(1e-12));
            const auto w = sl::grf::impulse_balance_waveform(
                test::runner(65, 0.9), test::step(3, tc, tf), sl::hertz(1000));
            CHECK(w.vertical_N.sum() / 1000.0 ==
                  doctest::Approx(l.vertical_impulse.value()).epsilon(0.01));
        }
}

TEST_CASE("impulse_balance batch needs neither speed nor leg length") {
    std::vector<double> m{70, 80}, tc{0.2, 0.25}, tf{0.12, 0.1};
    sl::grf::StepBatchInput in{m, {}, tc, tf, {}, 9.81};
    const auto out = sl::grf::impulse_balance_batch(in);
    CHECK(out.mean_vertical_force_N[0] / (70 * 9.81) == doctest::Approx(1.6));
    CHECK(out.leg_stiffness_N_per_m.size() == 0);
    tc[1] = 2.5;
    CHECK_THROWS_WITH_AS(sl::grf::impulse_balance_batch(in), doctest::Contains("contact_time_s[1]"),
                         sl::Error);
}

TEST_CASE("constant_multiple: peak = 3 BW by default, independent of speed and timing") {
    const auto a = test::runner(70, 0.95);
    const auto slow = sl::grf::constant_multiple(a, test::step(2.5, 0.30, 0.08));
    const auto fast = sl::grf::constant_multiple(a, test::step(6.0, 0.17, 0.13));
    CHECK(slow.peak_vertical_force_bw == doctest::Approx(3.0));
    CHECK(fast.peak_vertical_force == slow.peak_vertical_force);
    CHECK(slow.peak_vertical_force.value() ==
          doctest::Approx(3.0 * 70 * sl::standard_gravity_m_s2));
    const auto k25 = sl::grf::constant_multiple(a, test::step(4, 0.2, 0.1), 2.5);
    CHECK(k25.peak_vertical_force_bw == doctest::Approx(2.5));
    CHECK(k25.vertical_impulse.value() ==
          doctest::Approx(70 * sl::standard_gravity_m_s2 * 0.3).epsilon(1e-12));
    CHECK_THROWS_WITH_AS(sl::grf::constant_multiple(a, test::step(4, 0.2, 0.1), -1.0),
                         doctest::Contains("bodyweight_multiple"), sl::Error);
}
