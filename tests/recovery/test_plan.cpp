#include <doctest/doctest.h>

#include <cmath>
#include <strideload/recovery/plan.hpp>
#include <strideload/recovery/recovered.hpp>
#include <vector>

namespace rc = strideload::recovery;

TEST_CASE("plan: after six days of 100 even rest leaves form below -30 (GoldenCheetah fixture)") {
    // History: rest day 0, 100 on days 1-6. Resting on day 7 leaves the form of day 8,
    // -36.900850 in the fixture table (load-recovery.md §2a): below the -30 .. -10 band.
    const std::vector<double> history{0, 100, 100, 100, 100, 100, 100};
    const auto plan = rc::plan_today(history);
    CHECK_FALSE(plan.today.feasible);
    CHECK(plan.today.reason == "rest");
    CHECK(plan.load[0] == 0.0);
    CHECK(plan.value[0] == doctest::Approx(-36.900850).epsilon(1e-6));
    CHECK(plan.in_band[0] == 0);
    // A second rest day gives -30.563922 (day 9 of the fixture), still just below the band.
    CHECK(plan.load[1] == 0.0);
    CHECK(plan.value[1] == doctest::Approx(-30.563922).epsilon(1e-6));
}

TEST_CASE("plan: form band from the GoldenCheetah fixture, checked in closed form") {
    // History: rest day 0, 100 on days 1-3 -> fitness 6.893722, fatigue 34.856094 (§2a).
    const std::vector<double> history{0, 100, 100, 100};
    const double f = 6.893722, a = 34.856094;
    const double l1 = 1 - std::exp(-1.0 / 42), l2 = 1 - std::exp(-1.0 / 7);
    // Form after today's load L: (1-l1) f - (1-l2) a - (l2 - l1) L, linear and falling.
    const double c = (1 - l1) * f - (1 - l2) * a;
    rc::PlanOptions o;  // band -30 .. -10 on form
    o.max_load = 1000;
    const auto plan = rc::plan_today(history, o);
    REQUIRE(plan.today.feasible);
    CHECK(plan.today.low == doctest::Approx(0.0));  // even rest leaves form below -10
    CHECK(c < -10);
    CHECK(plan.today.high == doctest::Approx((c + 30) / (l2 - l1)).epsilon(1e-6));
    CHECK(plan.today.value_at_high == doctest::Approx(-30.0).epsilon(1e-6));
    CHECK_FALSE(plan.today.limited_by_max_load);
    // The plan stays in the band every day and its values are what fitness_fatigue gives.
    REQUIRE(plan.load.size() == 7);
    std::vector<double> all = history;
    all.insert(all.end(), plan.load.begin(), plan.load.end());
    const auto ff = rc::fitness_fatigue(all);
    for (std::size_t d = 0; d < 7; ++d) {
        CHECK(plan.in_band[d] == 1);
        const auto i = history.size() + d;
        CHECK(plan.value[d] == doctest::Approx(ff.fitness[i] - ff.fatigue[i]));
    }
}

TEST_CASE("plan: a fresh runner gets a lower bound too; distances from load per km") {
    rc::PlanOptions o;
    o.load_per_km = 10.0;
    o.max_load = 1000;
    const std::vector<double> history(60, 50.0);  // steady: fitness = fatigue = 50 nearly
    const auto r = rc::fitness_fatigue(history);
    const double l1 = 1 - std::exp(-1.0 / 42), l2 = 1 - std::exp(-1.0 / 7);
    const double c = (1 - l1) * r.fitness.back() - (1 - l2) * r.fatigue.back();
    const auto plan = rc::plan_today(history, o);
    CHECK(plan.today.low == doctest::Approx((c + 10) / (l2 - l1)).epsilon(1e-6));
    CHECK(plan.today.high == doctest::Approx((c + 30) / (l2 - l1)).epsilon(1e-6));
    CHECK(plan.today.distance_low_km == doctest::Approx(plan.today.low / 10.0));
    CHECK(plan.distance_km[0] == doctest::Approx(plan.load[0] / 10.0));
}

TEST_CASE("plan: ACWR band, coupled ratio 4(S6 + L)/(S27 + L) solved by hand") {
    rc::PlanOptions o;
    o.target = rc::PlanTarget::acwr;
    o.low = 0.8;
    o.high = 1.3;
    const std::vector<double> history(27, 100.0);
    // By default no day above twice the highest of the history is proposed.
    const auto capped = rc::plan_today(history, o);
    CHECK(capped.today.high == 200.0);
    CHECK(capped.today.limited_by_max_load);
    o.max_load = 1000;
    const auto plan = rc::plan_today(history, o);
    REQUIRE(plan.today.feasible);
    CHECK(plan.today.low == 0.0);  // at rest the ratio is 4*600/2700 = 0.889, in the band
    CHECK(plan.today.high == doctest::Approx((1.3 * 2700 - 4 * 600) / (4 - 1.3)).epsilon(1e-6));
    for (int in : plan.in_band) CHECK(in == 1);
    // Too little history for a 28-day window is an error, not a silent answer.
    CHECK_THROWS_AS(rc::plan_today(std::vector<double>(10, 100.0), o), strideload::Error);
    // The EWMA method is defined from day 0.
    o.acwr_method = rc::AcwrMethod::ewma;
    CHECK(rc::plan_today(std::vector<double>(10, 100.0), o).today.feasible);
}

TEST_CASE("plan: after a big block even rest is too much, and the plan says rest") {
    rc::PlanOptions o;
    o.target = rc::PlanTarget::acwr;
    o.low = 0.8;
    o.high = 1.3;
    std::vector<double> history(21, 100.0);
    history.insert(history.end(), 6, 300.0);  // 4*1800/3900 = 1.85 at rest
    const auto plan = rc::plan_today(history, o);
    CHECK_FALSE(plan.today.feasible);
    CHECK(plan.today.reason == "rest");
    CHECK(plan.load[0] == 0.0);
    CHECK(plan.in_band[0] == 0);
}

TEST_CASE("plan: damage ceiling, D_prev e^(-1/tau) + L f / N_f <= ceiling") {
    rc::PlanOptions o;
    o.target = rc::PlanTarget::damage;
    const std::vector<double> history(30, 8000.0);  // equivalent cycles per day
    const auto d = rc::damage(history, o.damage);
    o.high = 1.2 * d.damage.back();
    o.max_load = 1e6;
    const auto plan = rc::plan_today(history, o);
    const double carried = d.damage.back() * std::exp(-1.0 / o.damage.repair_tau_days);
    const double expected =
        (o.high - carried) * o.damage.cycles_to_failure / o.damage.limb_fraction;
    REQUIRE(plan.today.feasible);
    CHECK(plan.today.low == 0.0);
    CHECK(plan.today.high == doctest::Approx(expected).epsilon(1e-6));
}

TEST_CASE("plan: bad options are named") {
    rc::PlanOptions o;
    o.low = -5;
    o.high = -10;
    CHECK_THROWS_WITH_AS(rc::plan_today(std::vector<double>{1, 2}, o), doctest::Contains("high"),
                         strideload::Error);
    o = {};
    o.days = 0;
    CHECK_THROWS_AS(rc::plan_today(std::vector<double>{1, 2}, o), strideload::Error);
    CHECK(rc::plan_target_from_name("damage") == rc::PlanTarget::damage);
    CHECK_THROWS_AS(rc::plan_target_from_name("tss"), strideload::Error);
}

TEST_CASE("recovered: first-order repair times (Taylor et al. 2004: 18.5 d)") {
    CHECK(rc::days_until_repaired(0.5) == doctest::Approx(18.5 * std::log(2.0)));
    CHECK(rc::days_until_repaired(0.9) == doctest::Approx(18.5 * std::log(10.0)));
    CHECK(rc::days_until_repaired(0.0) == 0.0);
    CHECK_THROWS_AS(rc::days_until_repaired(1.0), strideload::Error);
    CHECK(rc::days_until_damage_below(0.2, 0.1) == doctest::Approx(18.5 * std::log(2.0)));
    CHECK(rc::days_until_damage_below(0.05, 0.1) == 0.0);
    // Repair after that many days really leaves the ceiling: damage() of one day then rest.
    std::vector<double> load(80, 0.0);
    load[0] = 40000;
    const auto d = rc::damage(load);
    const double t = rc::days_until_damage_below(d.damage[0], d.damage[0] / 4);
    const auto day = static_cast<std::size_t>(std::ceil(t));
    CHECK(d.damage[day] <= d.damage[0] / 4);
    CHECK(d.damage[day - 1] > d.damage[0] / 4);
}
