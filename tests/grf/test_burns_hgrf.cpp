// Burns hGRF (geoffreyburns/Contact-Velocity-Estimation-in-Running, Fh_est.m): fixtures from a
// port of the authors' code (grf-models.md §1.5).
#include <doctest/doctest.h>

#include "../helpers.hpp"

namespace {
struct Row {
    double tc, tf, v, m, L, vc, vf, fh, fh_bw, imp, adj;
};
const Row rows[] = {
    {0.20, 0.12, 5.0, 70, 0.95, 4.94016, 5.09973, 350.90, 0.51116, 22.3387, 405.75},
    {0.25, 0.10, 3.5, 70, 0.95, 3.45124, 3.62190, 300.24, 0.43737, 23.8925, 289.10},
    {0.22, 0.11, 4.5, 65, 0.9275, 4.44206, 4.61589, 322.70, 0.50624, 22.5979, 353.13},
};
}  // namespace

TEST_CASE("burns_hgrf reproduces the three fixture rows (g = 9.80665, as in Fh_est.m)") {
    for (const Row& r : rows) {
        CAPTURE(r.tc);
        const auto load = sl::grf::burns_hgrf(test::runner(r.m, r.L), test::step(r.v, r.tc, r.tf));
        CHECK(load.contact_speed->value() == doctest::Approx(r.vc).epsilon(2e-6));
        CHECK(load.peak_braking_force->value() == doctest::Approx(r.fh).epsilon(2e-5));
        CHECK(load.peak_propulsive_force->value() == doctest::Approx(r.fh).epsilon(2e-5));
        CHECK(load.peak_braking_force->value() / (r.m * sl::standard_gravity_m_s2) ==
              doctest::Approx(r.fh_bw).epsilon(2e-5));
        CHECK(load.horizontal_impulse->value() == doctest::Approx(r.imp).epsilon(2e-5));
        CHECK(load.peak_horizontal_force_corrected->value() ==
              doctest::Approx(r.adj).epsilon(2e-5));
        const auto d =
            sl::detail::burns_hgrf_step(r.m, r.v, r.tc, r.tf, r.L, sl::standard_gravity_m_s2);
        CHECK(d.flight_speed_m_s == doctest::Approx(r.vf).epsilon(2e-6));
    }
}

TEST_CASE("burns_hgrf invariants: mean speed over the step is v; horizontal impulse nets zero") {
    const double tc = 0.2, tf = 0.12, v = 5.0;
    const auto d = sl::detail::burns_hgrf_step(70, v, tc, tf, 0.95, 9.81);
    CHECK((d.contact_speed_m_s * tc + d.flight_speed_m_s * tf) / (tc + tf) == doctest::Approx(v));
    const auto w = sl::grf::burns_hgrf_waveform(test::runner(70, 0.95), test::step(v, tc, tf),
                                                sl::hertz(10000));
    CHECK(std::abs(w.horizontal_N.sum() / 10000.0) < 1e-6);
    CHECK(w.horizontal_N[100] < 0.0);  // braking first
    CHECK_THROWS_WITH_AS(sl::grf::burns_hgrf(test::runner(70, 0.95), test::step(v, tc, 0.0)),
                         doctest::Contains("flight_time_s"), sl::Error);
}
