// The model registry and the cross-model invariant: every model's vertical impulse over the
// contact equals body weight x step time (steady running).
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "../helpers.hpp"

TEST_CASE("six models, unique names, each with a citation that has a year") {
    std::set<std::string_view> names;
    for (const auto& m : sl::grf::models()) {
        names.insert(m.name);
        CHECK(sl::grf::model_from_name(m.name) == m.model);
        CHECK(&sl::grf::model_info(m.model) == &m);
        const std::string c(m.citation);
        CHECK(c.find_first_of("12") != std::string::npos);
    }
    CHECK(names.size() == 6);
    CHECK_THROWS_WITH_AS(sl::grf::model_from_name("morin"), doctest::Contains("one of: "),
                         sl::Error);
}

TEST_CASE("every model: vertical impulse = m g (tc + tf); batch row = scalar") {
    const auto a = test::runner(72, 0.93);
    const auto s = test::step(4.2, 0.23, 0.11);
    std::vector<double> m{72}, v{4.2}, tc{0.23}, tf{0.11}, L{0.93};
    for (const auto& info : sl::grf::models()) {
        CAPTURE(info.name);
        const auto load = sl::grf::step_load(info.model, a, s);
        CHECK(load.model == info.name);
        CHECK(load.vertical_impulse.value() ==
              doctest::Approx(72 * sl::standard_gravity_m_s2 * 0.34).epsilon(1e-6));
        CHECK(load.peak_vertical_force >= load.mean_vertical_force);
        const auto batch = sl::grf::step_load_batch(info.model, {m, v, tc, tf, L});
        CHECK(batch.peak_vertical_force_N[0] ==
              doctest::Approx(load.peak_vertical_force.value()).epsilon(1e-9));
        CHECK(batch.peak_vertical_force_bw[0] ==
              doctest::Approx(load.peak_vertical_force_bw).epsilon(1e-12));
        CHECK(batch.peak_vertical_force_bw[0] ==
              doctest::Approx(batch.peak_vertical_force_N[0] / (72 * sl::standard_gravity_m_s2))
                  .epsilon(1e-12));
        CHECK((batch.peak_braking_force_N.size() == 1) == info.horizontal);
        const auto w = sl::grf::waveform(info.model, a, s, sl::hertz(1000));
        CHECK(w.time_s.size() == 230);
        CHECK((w.horizontal_N.size() > 0) == info.horizontal);
        CHECK_THROWS_WITH_AS(sl::grf::waveform(info.model, a, s, sl::hertz(1)),
                             doctest::Contains("rate_hz"), sl::Error);
    }
}

TEST_CASE(
    "every model's waveform integrates to its reported impulse; the rule of thumb's to "
    "(2/pi) k m g tc") {
    const auto a = test::runner(72, 0.93);
    const auto s = test::step(4.2, 0.23, 0.11);
    const double rate = 50000.0;
    for (const auto& info : sl::grf::models()) {
        CAPTURE(info.name);
        const auto load = sl::grf::step_load(info.model, a, s);
        const auto w = sl::grf::waveform(info.model, a, s, sl::hertz(rate));
        const double area = w.vertical_N.sum() / rate;
        if (info.model == sl::grf::Model::constant_multiple) {
            // The rule states a peak only: its half-sine does not conserve momentum.
            CHECK(area == doctest::Approx(2.0 / M_PI * 3.0 * 72 * sl::standard_gravity_m_s2 * 0.23)
                              .epsilon(1e-4));
        } else {
            CHECK(area == doctest::Approx(load.vertical_impulse.value()).epsilon(2e-3));
        }
        CHECK(w.vertical_N.maxCoeff() <= load.peak_vertical_force.value() * (1 + 1e-9));
    }
}

TEST_CASE("batch input from Eigen vectors") {
    Eigen::VectorXd m = Eigen::VectorXd::Constant(3, 70.0), v = Eigen::VectorXd::Constant(3, 5.0),
                    tc = Eigen::VectorXd::LinSpaced(3, 0.2, 0.3),
                    tf = Eigen::VectorXd::Constant(3, 0.12), L = Eigen::VectorXd::Constant(3, 0.95);
    const sl::grf::StepBatchInput in{sl::grf::span_of(m),  sl::grf::span_of(v),
                                     sl::grf::span_of(tc), sl::grf::span_of(tf),
                                     sl::grf::span_of(L),  9.81};
    const auto out = sl::grf::morin2005_batch(in);
    CHECK(out.peak_vertical_force_N[0] == doctest::Approx(1725.9).epsilon(1e-4));
    CHECK(in.mass_kg.data() == m.data());  // a view, not a copy
}

TEST_CASE("a batch grade is validated before anything is adjusted") {
    std::vector<double> m{70, 70}, v{5, 5}, tc{0.2, 0.2}, tf{0.12, 0.12}, L{0.95, 0.95},
        grade{-0.1, 0.9};
    CHECK_THROWS_WITH_AS(
        sl::grf::step_load_batch(sl::grf::Model::burns_hgrf, {m, v, tc, tf, L}, {}, grade),
        doctest::Contains("grade[1]"), sl::Error);
}
