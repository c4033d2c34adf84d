#include <doctest/doctest.h>

#include "helpers.hpp"

TEST_CASE("leg length defaults to 0.53 x height (Winter 1979)") {
    const auto a = sl::Athlete::from_height(sl::kilograms(76), sl::meters(1.78));
    CHECK(a.leg_length.value() == doctest::Approx(0.9434));
    REQUIRE(a.height);
    CHECK(a.height->value() == doctest::Approx(1.78));
}

TEST_CASE("athlete validation names the field") {
    CHECK_THROWS_WITH_AS(sl::Athlete::from_leg_length(sl::kilograms(19), sl::meters(0.9)),
                         doctest::Contains("mass_kg"), sl::Error);
    CHECK_THROWS_WITH_AS(sl::Athlete::from_leg_length(sl::kilograms(251), sl::meters(0.9)),
                         doctest::Contains("[20, 250]"), sl::Error);
    CHECK_THROWS_WITH_AS(sl::Athlete::from_leg_length(sl::kilograms(std::nan("")), sl::meters(0.9)),
                         doctest::Contains("mass_kg"), sl::Error);
    CHECK_THROWS_WITH_AS(sl::Athlete::from_height(sl::kilograms(70), sl::meters(3.0)),
                         doctest::Contains("height_m"), sl::Error);
    CHECK_THROWS_WITH_AS(sl::Athlete::from_leg_length(sl::kilograms(70), sl::meters(0.1)),
                         doctest::Contains("leg_length_m"), sl::Error);
    try {
        sl::Athlete::from_leg_length(sl::kilograms(300), sl::meters(0.9));
        FAIL("no throw");
    } catch (const sl::Error& e) {
        CHECK(e.field() == "mass_kg");
        CHECK(e.value() == 300.0);
        CHECK(e.allowed().find("250") != std::string::npos);
    }
}

TEST_CASE("a stride from what a watch records") {
    // 180 steps/min -> step time 1/3 s; 240 ms contact -> 93.3 ms flight.
    const auto s = sl::Stride::from_cadence(sl::meters_per_second(4.0), sl::steps_per_minute(180),
                                            sl::milliseconds(240));
    CHECK(s.step_time().value() == doctest::Approx(60.0 / 180.0));
    CHECK(s.contact_time.value() == doctest::Approx(0.240));
    CHECK(s.flight_time.value() == doctest::Approx(60.0 / 180.0 - 0.240));
    CHECK(s.cadence().value() * 60.0 == doctest::Approx(180.0));
}

TEST_CASE("stride validation names the field and the range") {
    using sl::meters_per_second, sl::seconds;
    CHECK_THROWS_WITH_AS(test::step(0.0, 0.2, 0.1), doctest::Contains("speed_m_s"), sl::Error);
    CHECK_THROWS_WITH_AS(test::step(12.6, 0.2, 0.1), doctest::Contains("(0, 12.5]"), sl::Error);
    CHECK_THROWS_WITH_AS(test::step(4, 0.0, 0.1), doctest::Contains("contact_time_s"), sl::Error);
    CHECK_THROWS_WITH_AS(test::step(4, 0.2, -0.01), doctest::Contains("flight_time_s"), sl::Error);
    CHECK_THROWS_WITH_AS(test::step(4, 0.2, 0.1, 0.46), doctest::Contains("grade"), sl::Error);
    CHECK_THROWS_WITH_AS(test::step(4, INFINITY, 0.1), doctest::Contains("contact_time_s"),
                         sl::Error);
    // Contact longer than the step a cadence allows.
    CHECK_THROWS_WITH_AS(sl::Stride::from_cadence(meters_per_second(4), sl::steps_per_minute(180),
                                                  sl::milliseconds(340)),
                         doctest::Contains("contact_time_ms = 340"), sl::Error);
    CHECK_THROWS_WITH_AS(sl::Stride::from_cadence(meters_per_second(4), sl::steps_per_minute(0),
                                                  sl::milliseconds(240)),
                         doctest::Contains("cadence_spm"), sl::Error);
    CHECK_NOTHROW(test::step(4, 0.2, 0.0));  // grounded running: no flight
}
