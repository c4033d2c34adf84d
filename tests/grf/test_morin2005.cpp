// Morin et al. 2005 J Appl Biomech 21:167, Eqs 4-9: fixtures computed from the paper's
// equations (grf-models.md §1.2, g = 9.81).
#include <doctest/doctest.h>

#include <vector>

#include "../helpers.hpp"

namespace {
struct Row {
    double m, tc, tf, v, L, fmax, bw, dy, kvert, dl, kleg;
};
const Row rows[] = {
    {70, 0.20, 0.12, 5.0, 0.95, 1725.9, 2.5133, 0.050874, 33.924e3, 0.19310, 8.9377e3},
    {70, 0.25, 0.10, 3.5, 0.95, 1510.1, 2.1991, 0.059974, 25.180e3, 0.16671, 9.0584e3},
    {60, 0.30, 0.10, 3.0, 0.90, 1232.8, 2.0944, 0.076995, 16.011e3, 0.19757, 6.2396e3},
    {76, 0.20, 0.12, 5.0, 0.53 * 1.78, 1873.8, 2.5133, 0.050874, 36.832e3, 0.19427, 9.6452e3},
};
}  // namespace

TEST_CASE("morin2005 reproduces Eqs 6-9 for the four fixture runners") {
    for (const Row& r : rows) {
        CAPTURE(r.m);
        CAPTURE(r.tc);
        const auto load =
            sl::grf::morin2005(test::runner(r.m, r.L), test::step(r.v, r.tc, r.tf), test::g981);
        CHECK(load.model == "morin2005");
        CHECK(load.peak_vertical_force.value() == doctest::Approx(r.fmax).epsilon(1e-4));
        CHECK(load.peak_vertical_force_bw == doctest::Approx(r.bw).epsilon(1e-4));
        CHECK(load.com_displacement->value() == doctest::Approx(r.dy).epsilon(1e-4));
        CHECK(load.vertical_stiffness->value() == doctest::Approx(r.kvert).epsilon(1e-4));
        CHECK(load.leg_compression->value() == doctest::Approx(r.dl).epsilon(1e-4));
        CHECK(load.leg_stiffness->value() == doctest::Approx(r.kleg).epsilon(1e-4));
        CHECK_FALSE(load.peak_braking_force.has_value());
    }
}

TEST_CASE("morin2005 invariants: impulse = m g (tc+tf), mean = 2/pi peak, waveform area") {
    const auto a = test::runner(70, 0.95);
    const auto s = test::step(5.0, 0.20, 0.12);
    const auto load = sl::grf::morin2005(a, s, test::g981);
    CHECK(load.vertical_impulse.value() == doctest::Approx(70 * 9.81 * 0.32).epsilon(1e-12));
    CHECK(load.mean_vertical_force.value() ==
          doctest::Approx(2.0 / M_PI * load.peak_vertical_force.value()));
    CHECK(load.step_time.value() == doctest::Approx(0.32));
    const auto w = sl::grf::morin2005_waveform(a, s, sl::hertz(10000), test::g981);
    CHECK(w.time_s.size() == 2000);
    CHECK(w.vertical_N.sum() / 10000.0 ==
          doctest::Approx(load.vertical_impulse.value()).epsilon(1e-6));
    CHECK(w.vertical_N.maxCoeff() ==
          doctest::Approx(load.peak_vertical_force.value()).epsilon(1e-6));
    CHECK(w.horizontal_N.size() == 0);
}

TEST_CASE("morin2005 sensitivity: -10 % contact time raises k_vert by about 20 % (Morin 2005)") {
    const auto a = test::runner(70, 0.95);
    const auto base = sl::grf::morin2005(a, test::step(5.0, 0.20, 0.12), test::g981);
    const auto shorter = sl::grf::morin2005(a, test::step(5.0, 0.18, 0.12), test::g981);
    const double ratio = shorter.vertical_stiffness->value() / base.vertical_stiffness->value();
    CHECK(ratio > 1.15);
    CHECK(ratio < 1.25);
}

TEST_CASE("morin2005 batch equals scalar, reuses storage and names the bad index") {
    std::vector<double> m{70, 70, 60}, v{5.0, 3.5, 3.0}, tc{0.20, 0.25, 0.30}, tf{0.12, 0.10, 0.10},
        L{0.95, 0.95, 0.90};
    sl::grf::StepBatchInput in{m, v, tc, tf, L, 9.81};
    sl::grf::StepBatch out;
    sl::grf::morin2005_batch(in, out);
    REQUIRE(out.peak_vertical_force_N.size() == 3);
    CHECK(out.peak_braking_force_N.size() == 0);
    const double* storage = out.peak_vertical_force_N.data();
    sl::grf::morin2005_batch(in, out);
    CHECK(out.peak_vertical_force_N.data() == storage);
    for (std::size_t i = 0; i < 3; ++i) {
        const auto one = sl::grf::morin2005(test::runner(m[i], L[i]),
                                            test::step(v[i], tc[i], tf[i]), test::g981);
        const auto k = static_cast<Eigen::Index>(i);
        CHECK(out.peak_vertical_force_N[k] == one.peak_vertical_force.value());
        CHECK(out.leg_stiffness_N_per_m[k] == doctest::Approx(one.leg_stiffness->value()));
    }
    m[2] = 19.0;
    CHECK_THROWS_WITH_AS(sl::grf::morin2005_batch(in, out), doctest::Contains("mass_kg[2]"),
                         sl::Error);
    m[2] = 60.0;
    tf[1] = std::nan("");
    CHECK_THROWS_WITH_AS(sl::grf::morin2005_batch(in, out), doctest::Contains("flight_time_s[1]"),
                         sl::Error);
    tf[1] = 0.10;
    v.pop_back();
    in.speed_m_s = v;
    CHECK_THROWS_WITH_AS(sl::grf::morin2005_batch(in, out), doctest::Contains("speed_m_s"),
                         sl::Error);
}

TEST_CASE("morin2005 refuses a leg shorter than half the contact length") {
    // v tc / 2 = 10 * 0.2 / 2 = 1.0 m > 0.95 m leg.
    CHECK_THROWS_WITH_AS(sl::grf::morin2005(test::runner(70, 0.95), test::step(10.0, 0.2, 0.1)),
                         doctest::Contains("leg_length_m"), sl::Error);
}
