// Public spring_mass wrapper: Blickhan 1989 / McMahon & Cheng 1990 SLIP; independent check
// with scipy (solve_ivp + fsolve, rtol 1e-10) given in the foundation issue.
#include <doctest/doctest.h>

#include "../helpers.hpp"

TEST_CASE("spring_mass: m 70, v 5, tc 0.20, tf 0.12, L0 0.95, g 9.81") {
    const auto load =
        sl::grf::spring_mass(test::runner(70, 0.95), test::step(5, 0.20, 0.12), test::g981);
    CHECK(load.leg_stiffness->value() == doctest::Approx(9623.8).epsilon(0.005));
    CHECK(load.touchdown_angle->value() == doctest::Approx(0.53288).epsilon(0.005));
    CHECK(load.peak_vertical_force.value() == doctest::Approx(1765.1).epsilon(0.005));
    CHECK(load.peak_vertical_force_bw == doctest::Approx(2.5705).epsilon(0.005));
    CHECK(load.peak_braking_force->value() == doctest::Approx(365.3).epsilon(0.005));
    CHECK(load.vertical_impulse.value() == doctest::Approx(219.744).epsilon(0.005));
}

TEST_CASE("spring_mass refuses what no stance can match, as strideload::Error") {
    CHECK_THROWS_AS(sl::grf::spring_mass(test::runner(70, 0.95), test::step(10, 0.2, 0.1)),
                    sl::Error);
}
