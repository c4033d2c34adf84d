// Gottschall & Kram 2005 J Biomech 38:445: at -9 deg impact +54 %, braking +73 %; at +9 deg
// propulsive +75 %; active peak unchanged.
#include <doctest/doctest.h>

#include <vector>

#include "../helpers.hpp"

TEST_CASE("grade factors at +-9 degrees are the published ratios") {
    const double down9 = sl::grade_from_angle(sl::degrees(-9.0));
    const double up9 = sl::grade_from_angle(sl::degrees(9.0));
    const auto d = sl::grf::gottschall_kram_2005(down9);
    CHECK(d.impact_peak == doctest::Approx(1.54));
    CHECK(d.braking_peak == doctest::Approx(1.73));
    CHECK(d.active_peak == 1.0);
    const auto u = sl::grf::gottschall_kram_2005(up9);
    CHECK(u.propulsive_peak == doctest::Approx(1.75));
    CHECK(u.active_peak == 1.0);
    const auto level = sl::grf::gottschall_kram_2005(0.0);
    CHECK(level.impact_peak == 1.0);
    CHECK(level.propulsive_peak == 1.0);
    // Held, not extrapolated, beyond 9 degrees.
    CHECK(sl::grf::gottschall_kram_2005(-0.4).braking_peak == doctest::Approx(1.73));
}

TEST_CASE("step_load applies the grade to the models' peaks") {
    const auto a = test::runner(70, 0.95);
    const double down9 = sl::grade_from_angle(sl::degrees(-9.0));
    const double up9 = sl::grade_from_angle(sl::degrees(9.0));
    sl::grf::ModelOptions o;
    o.gravity = test::g981;
    using sl::grf::Model;
    const auto clark0 = sl::grf::step_load(Model::clark2017, a, test::step(5, 0.2, 0.12), o);
    const auto clark_down =
        sl::grf::step_load(Model::clark2017, a, test::step(5, 0.2, 0.12, down9), o);
    CHECK(clark_down.impact_peak_force->value() / clark0.impact_peak_force->value() ==
          doctest::Approx(1.54));
    CHECK(clark_down.peak_vertical_force == clark0.peak_vertical_force);  // active unchanged
    const auto b0 = sl::grf::step_load(Model::burns_hgrf, a, test::step(5, 0.2, 0.12), o);
    const auto b_down =
        sl::grf::step_load(Model::burns_hgrf, a, test::step(5, 0.2, 0.12, down9), o);
    const auto b_up = sl::grf::step_load(Model::burns_hgrf, a, test::step(5, 0.2, 0.12, up9), o);
    CHECK(b_down.peak_braking_force->value() / b0.peak_braking_force->value() ==
          doctest::Approx(1.73));
    CHECK(b_up.peak_propulsive_force->value() / b0.peak_propulsive_force->value() ==
          doctest::Approx(1.75));
    CHECK(b_up.peak_braking_force == b0.peak_braking_force);
    CHECK(b_up.vertical_impulse == b0.vertical_impulse);

    std::vector<double> m{70, 70}, v{5, 5}, tc{0.2, 0.2}, tf{0.12, 0.12}, L{0.95, 0.95},
        grade{0.0, down9};
    const auto batch =
        sl::grf::step_load_batch(Model::clark2017, {m, v, tc, tf, L, 9.81}, o, grade);
    CHECK(batch.impact_peak_force_N[1] / batch.impact_peak_force_N[0] == doctest::Approx(1.54));

    // A hard heel strike downhill: the scaled impact peak overtakes the active peak, and the
    // bodyweight column follows the force column.
    sl::grf::ModelOptions hard = o;
    hard.clark.impact_velocity_change = sl::meters_per_second(6.0);
    const auto steep =
        sl::grf::step_load_batch(Model::clark2017, {m, v, tc, tf, L, 9.81}, hard, grade);
    REQUIRE(steep.impact_peak_force_N[1] > steep.impact_peak_force_N[0]);
    CHECK(steep.peak_vertical_force_N[1] == steep.impact_peak_force_N[1]);
    CHECK(steep.peak_vertical_force_bw[1] ==
          doctest::Approx(steep.peak_vertical_force_N[1] / (70 * 9.81)).epsilon(1e-12));
}
