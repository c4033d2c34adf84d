// Kernel of the planar spring-mass (SLIP) model, strideload/detail/spring_mass.hpp (Blickhan
// 1989; McMahon & Cheng 1990): an independent scipy reference (solve_ivp + fsolve, rtol 1e-10)
// and the invariants of a symmetric stance.
#include <doctest/doctest.h>

#include <Eigen/Core>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <stdexcept>
#include <vector>

#include "strideload/detail/spring_mass.hpp"
#include "strideload/grf/step_load.hpp"

namespace {

namespace sm = strideload::detail;

constexpr double gravity_m_s2 = 9.81;

struct Step {
    double mass_kg;
    double speed_m_s;
    double contact_time_s;
    double flight_time_s;
    double leg_length_m;
};

sm::SpringMassSolution solve(const Step& s) {
    return sm::spring_mass_solve(s.mass_kg, s.speed_m_s, s.contact_time_s, s.flight_time_s,
                                 s.leg_length_m, gravity_m_s2);
}

double body_weight_N(const Step& s) { return s.mass_kg * gravity_m_s2; }

// Jogging to fast running, plus grounded running (no flight phase) and a long, slow contact
// whose touchdown angle is far below the sine-model estimate.
const std::array<Step, 6> reference_steps = {{{70.0, 5.0, 0.20, 0.12, 0.95},
                                              {55.0, 3.0, 0.28, 0.08, 0.88},
                                              {82.0, 4.0, 0.24, 0.10, 1.02},
                                              {68.0, 8.0, 0.11, 0.13, 0.97},
                                              {75.0, 2.5, 0.30, 0.0, 0.92},
                                              {70.0, 2.5, 0.70, 0.05, 1.00}}};

}  // namespace

TEST_CASE("spring_mass kernel: m 70, v 5, tc 0.20, tf 0.12, L0 0.95, g 9.81 (scipy reference)") {
    // Reproduced with the touchdown horizontal velocity equal to v; taking v as the mean speed
    // over the step gives k_leg 9313 N/m and theta 0.546 rad instead.
    const Step step = reference_steps[0];
    const auto s = solve(step);
    CHECK(s.leg_stiffness_N_per_m == doctest::Approx(9623.8).epsilon(0.005));
    CHECK(s.touchdown_angle_rad == doctest::Approx(0.53288).epsilon(0.005));
    CHECK(s.peak_vertical_force_N == doctest::Approx(1765.1).epsilon(0.005));
    CHECK(s.peak_vertical_force_N / body_weight_N(step) == doctest::Approx(2.5705).epsilon(0.005));
    CHECK(s.peak_braking_force_N == doctest::Approx(365.3).epsilon(0.005));
    CHECK(s.vertical_impulse_Ns == doctest::Approx(219.744).epsilon(0.005));
}

TEST_CASE("spring_mass kernel: symmetric stance invariants") {
    for (const Step& step : reference_steps) {
        CAPTURE(step.speed_m_s);
        CAPTURE(step.contact_time_s);
        CAPTURE(step.flight_time_s);
        const auto s = solve(step);
        const double stance_and_flight_s = step.contact_time_s + step.flight_time_s;
        // Take-off vertical velocity +g tf / 2 makes the vertical impulse one body weight over
        // the whole step.
        CHECK(s.vertical_impulse_Ns ==
              doctest::Approx(body_weight_N(step) * stance_and_flight_s).epsilon(1e-6));
        CHECK(s.mean_vertical_force_N * step.contact_time_s ==
              doctest::Approx(s.vertical_impulse_Ns).epsilon(1e-6));
        CHECK(s.peak_propulsive_force_N == doctest::Approx(s.peak_braking_force_N).epsilon(1e-6));
        CHECK(s.peak_vertical_force_N > s.mean_vertical_force_N);
        CHECK(s.horizontal_braking_impulse_Ns > 0.0);
        CHECK(s.leg_compression_m > s.com_displacement_m);
        CHECK(s.com_displacement_m > 0.0);
        CHECK(s.vertical_stiffness_N_per_m ==
              doctest::Approx(s.peak_vertical_force_N / s.com_displacement_m).epsilon(1e-12));
        // The body slows while the leg sweeps, so the sweep is shorter than v tc.
        CHECK(2.0 * step.leg_length_m * std::sin(s.touchdown_angle_rad) <
              step.speed_m_s * step.contact_time_s);
    }
}

TEST_CASE("spring_mass kernel: waveform integrates to the impulses of the solution") {
    constexpr double rate_hz = 10000.0;
    constexpr double dt_s = 1.0 / rate_hz;
    for (const Step& step : reference_steps) {
        CAPTURE(step.contact_time_s);
        const auto s = solve(step);
        Eigen::VectorXd vertical_N(3);
        Eigen::VectorXd horizontal_N;
        sm::spring_mass_waveform(s, step.mass_kg, step.speed_m_s, step.contact_time_s,
                                 step.flight_time_s, step.leg_length_m, gravity_m_s2, rate_hz,
                                 vertical_N, horizontal_N);
        const auto count =
            static_cast<Eigen::Index>(sm::sample_count(step.contact_time_s, rate_hz));
        REQUIRE(vertical_N.size() == count);
        REQUIRE(horizontal_N.size() == count);
        // The force vanishes at both ends of stance, so the rectangle rule is the trapezoid.
        CHECK(vertical_N.sum() * dt_s == doctest::Approx(s.vertical_impulse_Ns).epsilon(0.005));
        const double braking_Ns = -horizontal_N.cwiseMin(0.0).sum() * dt_s;
        const double propulsive_Ns = horizontal_N.cwiseMax(0.0).sum() * dt_s;
        CHECK(braking_Ns == doctest::Approx(s.horizontal_braking_impulse_Ns).epsilon(0.005));
        CHECK(propulsive_Ns == doctest::Approx(braking_Ns).epsilon(0.005));
        CHECK(std::abs(horizontal_N.sum() * dt_s) < 1e-3 * braking_Ns);
        CHECK(vertical_N.maxCoeff() <= s.peak_vertical_force_N * (1.0 + 1e-9));
        CHECK(vertical_N.maxCoeff() == doctest::Approx(s.peak_vertical_force_N).epsilon(0.005));
        CHECK(-horizontal_N.minCoeff() == doctest::Approx(s.peak_braking_force_N).epsilon(0.005));
        CHECK(std::abs(vertical_N[0]) < 1e-6);
        CHECK(horizontal_N[count / 4] < 0.0);
        CHECK(horizontal_N[3 * count / 4] > 0.0);
    }
}

TEST_CASE("spring_mass kernel: waveform samples t = k / rate < tc, as grf::sample_times") {
    const Step step{70.0, 4.0, 0.07, 0.15, 0.95};
    const auto s = solve(step);
    Eigen::VectorXd vertical_N;
    Eigen::VectorXd horizontal_N;
    // 0.07 * 100 is 7.000000000000001 in doubles: still 7 samples, none at take-off.
    sm::spring_mass_waveform(s, step.mass_kg, step.speed_m_s, step.contact_time_s,
                             step.flight_time_s, step.leg_length_m, gravity_m_s2, 100.0, vertical_N,
                             horizontal_N);
    REQUIRE(vertical_N.size() == 7);
    REQUIRE(horizontal_N.size() == 7);
    CHECK(vertical_N[3] > 1000.0);
    sm::spring_mass_waveform(s, step.mass_kg, step.speed_m_s, step.contact_time_s,
                             step.flight_time_s, step.leg_length_m, gravity_m_s2, 1000.0,
                             vertical_N, horizontal_N);
    CHECK(vertical_N.size() == 70);
    CHECK(strideload::grf::detail::sample_times(0.14, 100.0).size() == 14);
    CHECK(strideload::grf::detail::sample_times(0.29, 100.0).size() == 29);
    CHECK(strideload::grf::detail::sample_times(0.2005, 100.0).size() == 21);
}

TEST_CASE("spring_mass kernel: batch equals scalar solves") {
    constexpr std::size_t n = 24;
    std::vector<double> mass_kg(n), speed_m_s(n), contact_time_s(n), flight_time_s(n),
        leg_length_m(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double phase = static_cast<double>(i);
        mass_kg[i] = i < n / 2 ? 70.0 : 58.0;
        speed_m_s[i] = 4.5 + 0.3 * std::sin(0.7 * phase);
        contact_time_s[i] = 0.22 * (1.0 + 0.1 * std::sin(1.3 * phase));
        flight_time_s[i] = 0.11 + 0.02 * std::cos(0.9 * phase);
        leg_length_m[i] = i < n / 2 ? 0.95 : 0.86;
    }
    std::array<std::vector<double>, 11> out;
    for (auto& column : out) column.assign(n, std::numeric_limits<double>::quiet_NaN());
    sm::spring_mass_batch(n, mass_kg.data(), speed_m_s.data(), contact_time_s.data(),
                          flight_time_s.data(), leg_length_m.data(), gravity_m_s2, out[0].data(),
                          out[1].data(), out[2].data(), out[3].data(), out[4].data(), out[5].data(),
                          out[6].data(), out[7].data(), out[8].data(), out[9].data(),
                          out[10].data());
    // Warm and cold starts converge to the same root, to solver tolerance.
    constexpr double same = 1e-6;
    for (std::size_t i = 0; i < n; ++i) {
        CAPTURE(i);
        const auto s = sm::spring_mass_solve(mass_kg[i], speed_m_s[i], contact_time_s[i],
                                             flight_time_s[i], leg_length_m[i], gravity_m_s2);
        CHECK(out[0][i] == doctest::Approx(s.peak_vertical_force_N).epsilon(same));
        CHECK(out[1][i] == doctest::Approx(s.mean_vertical_force_N).epsilon(same));
        CHECK(out[2][i] == doctest::Approx(s.vertical_impulse_Ns).epsilon(same));
        CHECK(out[3][i] == doctest::Approx(s.leg_stiffness_N_per_m).epsilon(same));
        CHECK(out[4][i] == doctest::Approx(s.vertical_stiffness_N_per_m).epsilon(same));
        CHECK(out[5][i] == doctest::Approx(s.touchdown_angle_rad).epsilon(same));
        CHECK(out[6][i] == doctest::Approx(s.com_displacement_m).epsilon(same));
        CHECK(out[7][i] == doctest::Approx(s.leg_compression_m).epsilon(same));
        CHECK(out[8][i] == doctest::Approx(s.peak_braking_force_N).epsilon(same));
        CHECK(out[9][i] == doctest::Approx(s.peak_propulsive_force_N).epsilon(same));
        CHECK(out[10][i] == doctest::Approx(s.horizontal_braking_impulse_Ns).epsilon(same));
    }

    SUBCASE("null outputs are skipped") {
        std::vector<double> peak_N(n, 0.0);
        sm::spring_mass_batch(n, mass_kg.data(), speed_m_s.data(), contact_time_s.data(),
                              flight_time_s.data(), leg_length_m.data(), gravity_m_s2,
                              peak_N.data(), nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
                              nullptr, nullptr, nullptr, nullptr);
        for (std::size_t i = 0; i < n; ++i) {
            CHECK(peak_N[i] == doctest::Approx(out[0][i]).epsilon(same));
        }
    }
    SUBCASE("empty batch touches nothing") {
        CHECK_NOTHROW(sm::spring_mass_batch(
            0, nullptr, nullptr, nullptr, nullptr, nullptr, gravity_m_s2, nullptr, nullptr, nullptr,
            nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr));
    }
}

TEST_CASE("spring_mass kernel: bad input throws, naming the argument") {
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    constexpr double inf = std::numeric_limits<double>::infinity();
    constexpr double g = gravity_m_s2;
    CHECK_THROWS_WITH_AS(sm::spring_mass_solve(-70.0, 5.0, 0.2, 0.12, 0.95, g),
                         doctest::Contains("mass_kg"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(sm::spring_mass_solve(70.0, nan, 0.2, 0.12, 0.95, g),
                         doctest::Contains("speed_m_s"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(sm::spring_mass_solve(70.0, 5.0, 0.0, 0.12, 0.95, g),
                         doctest::Contains("contact_time_s"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(sm::spring_mass_solve(70.0, 5.0, 3.0, 0.12, 0.95, g),
                         doctest::Contains("contact_time_s"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(sm::spring_mass_solve(70.0, 5.0, 0.2, -0.01, 0.95, g),
                         doctest::Contains("flight_time_s"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(sm::spring_mass_solve(70.0, 5.0, 0.2, 0.12, inf, g),
                         doctest::Contains("leg_length_m"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(sm::spring_mass_solve(70.0, 5.0, 0.2, 0.12, 0.95, 0.0),
                         doctest::Contains("gravity_m_s2"), std::invalid_argument);

    const auto s = sm::spring_mass_solve(70.0, 5.0, 0.2, 0.12, 0.95, g);
    Eigen::VectorXd vertical_N;
    Eigen::VectorXd horizontal_N;
    CHECK_THROWS_WITH_AS(
        sm::spring_mass_waveform(s, 70.0, 5.0, 0.2, 0.12, 0.95, g, 0.0, vertical_N, horizontal_N),
        doctest::Contains("rate_hz"), std::invalid_argument);
    auto broken = s;
    broken.leg_stiffness_N_per_m = -1.0;
    CHECK_THROWS_WITH_AS(sm::spring_mass_waveform(broken, 70.0, 5.0, 0.2, 0.12, 0.95, g, 1000.0,
                                                  vertical_N, horizontal_N),
                         doctest::Contains("leg_stiffness_N_per_m"), std::invalid_argument);

    const std::array<double, 2> mass_kg = {70.0, 70.0};
    const std::array<double, 2> speed_m_s = {5.0, 5.0};
    const std::array<double, 2> contact_time_s = {0.2, nan};
    const std::array<double, 2> flight_time_s = {0.12, 0.12};
    const std::array<double, 2> leg_length_m = {0.95, 0.95};
    std::array<double, 2> peak_N{};
    CHECK_THROWS_WITH_AS(
        sm::spring_mass_batch(2, mass_kg.data(), speed_m_s.data(), contact_time_s.data(),
                              flight_time_s.data(), leg_length_m.data(), g, peak_N.data(), nullptr,
                              nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
                              nullptr, nullptr),
        doctest::Contains("step 1: spring_mass: contact_time_s"), std::invalid_argument);
    CHECK(peak_N[0] == doctest::Approx(s.peak_vertical_force_N).epsilon(1e-6));
    CHECK_THROWS_AS(sm::spring_mass_batch(2, nullptr, speed_m_s.data(), contact_time_s.data(),
                                          flight_time_s.data(), leg_length_m.data(), g,
                                          peak_N.data(), nullptr, nullptr, nullptr, nullptr,
                                          nullptr, nullptr, nullptr, nullptr, nullptr, nullptr),
                    std::invalid_argument);
}

TEST_CASE("spring_mass kernel: no symmetric stance is a domain_error") {
    // Covering 2 m in 0.2 s on a 0.8 m leg would need the body to slow by a fifth in stance.
    CHECK_THROWS_WITH_AS(sm::spring_mass_solve(70.0, 10.0, 0.2, 0.1, 0.8, gravity_m_s2),
                         doctest::Contains("no symmetric spring-mass stance"), std::domain_error);
}
