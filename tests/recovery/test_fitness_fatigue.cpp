#include <doctest/doctest.h>

#include <cmath>
#include <strideload/recovery/fitness_fatigue.hpp>
#include <vector>

#include "../error_field.hpp"

namespace rc = strideload::recovery;

// GoldenCheetah's recurrence (PMCData.cpp @ c0eac1dd), fixture table of load-recovery.md §2a:
// day 0 is GoldenCheetah's padding day with no stress, then 100 on days 1-6 and rest after.
TEST_CASE("fitness/fatigue: GoldenCheetah fixture, 100 on days 1-6 then rest") {
    const std::vector<double> load{0, 100, 100, 100, 100, 100, 100, 0, 0, 0};
    const auto r = rc::fitness_fatigue(load);
    CHECK(r.fitness[0] == 0.0);
    CHECK(r.fitness[1] == doctest::Approx(2.352831).epsilon(1e-6));
    CHECK(r.fatigue[1] == doctest::Approx(13.312210).epsilon(1e-6));
    CHECK(r.form[1] == 0.0);  // yesterday's values: day 0
    CHECK(r.form[2] == doctest::Approx(-10.959379).epsilon(1e-6));
    CHECK(r.fitness[2] == doctest::Approx(4.650305).epsilon(1e-6));
    CHECK(r.fatigue[2] == doctest::Approx(24.852271).epsilon(1e-6));
    CHECK(r.form[3] == doctest::Approx(-20.201966).epsilon(1e-6));
    CHECK(r.fitness[5] == doctest::Approx(11.223447).epsilon(1e-6));
    CHECK(r.fatigue[5] == doctest::Approx(51.045834).epsilon(1e-6));
    CHECK(r.form[5] == doctest::Approx(-34.443832).epsilon(1e-6));
    CHECK(r.fitness[6] == doctest::Approx(13.312210).epsilon(1e-6));
    CHECK(r.fatigue[6] == doctest::Approx(57.562715).epsilon(1e-6));
    CHECK(r.form[6] == doctest::Approx(-39.822387).epsilon(1e-6));
    CHECK(r.form[7] == doctest::Approx(-44.250505).epsilon(1e-6));
    CHECK(r.fitness[7] == doctest::Approx(12.998996).epsilon(1e-6));
    CHECK(r.fatigue[9] == doctest::Approx(37.498601).epsilon(1e-6));
    CHECK(r.form[9] == doctest::Approx(-30.563922).epsilon(1e-6));
}

TEST_CASE("fitness/fatigue: GoldenCheetah single impulse and the TrainingPeaks 1/tau convention") {
    const std::vector<double> load{0, 100, 0, 0};
    const auto gc = rc::fitness_fatigue(load);
    CHECK(gc.fitness[2] == doctest::Approx(2.297473).epsilon(1e-6));
    CHECK(gc.fitness[3] == doctest::Approx(2.243418).epsilon(1e-6));
    CHECK(gc.fatigue[2] == doctest::Approx(11.540061).epsilon(1e-6));
    CHECK(gc.fatigue[3] == doctest::Approx(10.003824).epsilon(1e-6));
    rc::FitnessFatigueOptions tp;
    tp.decay = rc::Decay::reciprocal;
    const auto r = rc::fitness_fatigue(load, tp);
    CHECK(r.fitness[1] == doctest::Approx(2.380952).epsilon(1e-6));
    CHECK(r.fatigue[1] == doctest::Approx(14.285714).epsilon(1e-6));
    CHECK(r.form[2] == doctest::Approx(-11.904762).epsilon(1e-6));
    CHECK(r.fitness[2] == doctest::Approx(2.324263).epsilon(1e-6));
    CHECK(r.fatigue[2] == doctest::Approx(12.244898).epsilon(1e-6));
}

TEST_CASE("fitness/fatigue: form today, seeds and ramp") {
    const std::vector<double> load{100, 50, 0, 80};
    rc::FitnessFatigueOptions o;
    o.form_today = true;
    o.seed_fitness = 40;
    o.seed_fatigue = 60;
    const auto r = rc::fitness_fatigue(load, o);
    for (std::size_t d = 0; d < load.size(); ++d)
        CHECK(r.form[d] == doctest::Approx(r.fitness[d] - r.fatigue[d]));
    // Seeded: the first day moves from the seed by lambda (load - seed).
    CHECK(r.fitness[0] == doctest::Approx(40 + (1 - std::exp(-1.0 / 42)) * 60));
    o.form_today = false;
    const auto y = rc::fitness_fatigue(load, o);
    CHECK(y.form[0] == doctest::Approx(-20.0));
    for (std::size_t d = 1; d < load.size(); ++d)
        CHECK(y.form[d] == doctest::Approx(y.fitness[d - 1] - y.fatigue[d - 1]));
    o.ramp_days = 2;
    const auto ramp = rc::fitness_fatigue(load, o).ramp;
    CHECK(ramp[0] == doctest::Approx(y.fitness[0] - 40));
    CHECK(ramp[3] == doctest::Approx(y.fitness[3] - y.fitness[1]));
}

TEST_CASE("fitness/fatigue: a constant load is a fixed point (steady state equals the load)") {
    rc::FitnessFatigueOptions o;
    o.seed_fitness = o.seed_fatigue = 75;
    const auto r = rc::fitness_fatigue(std::vector<double>(400, 75.0), o);
    for (double f : r.fitness) CHECK(f == doctest::Approx(75.0));
    for (double s : r.form) CHECK(s == doctest::Approx(0.0));
    // From zero, fitness approaches the load as 1 - (1-lambda)^n.
    const auto z = rc::fitness_fatigue(std::vector<double>(100, 75.0));
    CHECK(z.fitness[99] == doctest::Approx(75.0 * (1 - std::exp(-100.0 / 42))));
}

TEST_CASE("fitness/fatigue: the batch over athletes x days equals one series at a time") {
    const int athletes = 7, days = 50;  // 7 rows: one block of four plus three single rows
    rc::DayMatrix load(athletes, days);
    for (int a = 0; a < athletes; ++a)
        for (int d = 0; d < days; ++d) load(a, d) = ((a * 37 + d * 11) % 13) * 10.0;
    rc::FitnessFatigueOptions o;
    o.decay = rc::Decay::reciprocal;
    rc::DayMatrix f(athletes, days), a(athletes, days), s(athletes, days);
    rc::fitness_fatigue_batch(load, o, f, a, s);
    for (int i = 0; i < athletes; ++i) {
        std::vector<double> row(load.row(i).data(), load.row(i).data() + days);
        const auto r = rc::fitness_fatigue(row, o);
        for (int d = 0; d < days; ++d) {
            CHECK(f(i, d) == r.fitness[d]);
            CHECK(a(i, d) == r.fatigue[d]);
            CHECK(s(i, d) == r.form[d]);
        }
    }
}

TEST_CASE("fitness/fatigue: days until fresh") {
    const rc::FitnessFatigueOptions o;
    CHECK(rc::days_until_fresh(50, 40, o) == 0.0);
    CHECK(std::isinf(rc::days_until_fresh(0, 40, o)));
    // After 100 on days 1-6 (fitness 13.312210, fatigue 57.562715 on day 6), decay both and
    // find where form crosses 0; check by evaluating the decayed values there.
    const double f = 13.312210, a = 57.562715;
    const double t = rc::days_until_fresh(f, a, o);
    CHECK(t > 10.0);
    CHECK(f * std::exp(-t / 42.0) == doctest::Approx(a * std::exp(-t / 7.0)));
    // Integer days: form is still negative on the day before and non-negative after.
    const auto r = rc::fitness_fatigue(std::vector<double>{
        100, 100, 100, 100, 100, 100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    const auto day =
        static_cast<std::size_t>(std::ceil(rc::days_until_fresh(r.fitness[5], r.fatigue[5], o)));
    CHECK(r.fitness[5 + day] >= r.fatigue[5 + day]);
    CHECK(r.fitness[5 + day - 1] < r.fatigue[5 + day - 1]);
}

TEST_CASE("fitness/fatigue: bad input names the field") {
    const std::vector<double> nan_load{1, std::nan(""), 2};
    CHECK(test::error_field([&] { rc::fitness_fatigue(nan_load); }) == "load[1]");
    CHECK(test::error_field([&] { rc::fitness_fatigue(std::vector<double>{-1}); }) == "load[0]");
    rc::FitnessFatigueOptions o;
    o.fatigue_tau_days = 0.5;
    CHECK(test::error_field([&] { rc::fitness_fatigue(std::vector<double>{1}, o); }) ==
          "fatigue_tau_days");
    o = {};
    o.ramp_days = 0;
    CHECK(test::error_field([&] { rc::fitness_fatigue(std::vector<double>{1}, o); }) ==
          "ramp_days");
    rc::DayMatrix load = rc::DayMatrix::Zero(2, 3), out(2, 3), bad(3, 3);
    load(1, 2) = -5;
    CHECK(test::error_field([&] { rc::fitness_fatigue_batch(load, {}, out, out, out); }) ==
          "load[1, 2]");
    CHECK(test::error_field([&] { rc::fitness_fatigue_batch(load, {}, out, bad, out); }) ==
          "fatigue");
    CHECK(test::error_field([&] { rc::days_until_fresh(-1, 3); }) == "fitness");
}
