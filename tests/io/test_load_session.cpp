// Sessions → steps → loads → days and ISO weeks (load/steps.hpp, session.hpp, calendar.hpp).
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "strideload/io/activity.hpp"
#include "strideload/io/time_zone.hpp"
#include "strideload/load/calendar.hpp"

using namespace strideload;

namespace {

const std::string data_dir = STRIDELOAD_TEST_DATA_DIR;

/// A hand-made activity: n records at 1 Hz from t0, constant speed/cadence/stance time.
io::Activity steady_run(double t0, int n, double speed, double cadence_rpm, double stance_s,
                        const std::string& sport = "running") {
    io::Activity a;
    a.source = "steady";
    a.format = "fit";
    for (int i = 0; i < n; ++i) {
        const std::size_t k = a.records.push_back(t0 + i);
        a.records.speed_m_s[k] = speed;
        a.records.distance_m[k] = speed * i;
        a.records.cadence_rpm[k] = cadence_rpm;
        a.records.stance_time_s[k] = stance_s;
    }
    io::ActivitySession s;
    s.sport = sport;
    s.start_s = t0;
    s.duration_s = n - 1;
    s.distance_m = speed * (n - 1);
    s.first_record = 0;
    s.end_record = a.records.size();
    a.sessions.push_back(s);
    return a;
}

io::ActivitySession logged(double start_s, std::string sport, double minutes, double spm = NAN) {
    io::ActivitySession s;
    s.sport = std::move(sport);
    s.start_s = start_s;
    s.duration_s = minutes * 60.0;
    s.distance_m = minutes * 60.0 * 3.0;
    s.cadence_spm = spm;
    s.contact_time_s = 0.25;
    return s;
}

const Athlete runner = Athlete::from_height(kilograms(70.0), meters(1.78));

}  // namespace

TEST_CASE("ISO weeks: Monday weeks and the week-year at year boundaries") {
    // ISO 8601 calendar facts: 2019-12-30 (Mon) is in 2020-W01; 2021-01-03 (Sun) is in
    // 2020-W53; 2018-12-31 (Mon) is 2019-W01; 2019-01-29 is a Tuesday of 2019-W05.
    auto at = [](int y, unsigned m, unsigned d) {
        using namespace std::chrono;
        return load::CalendarDay::from_days(
            sys_days{year{y} / month{m} / day{d}}.time_since_epoch().count());
    };
    CHECK(at(2019, 12, 30).week_label() == "2020-W01");
    CHECK(at(2021, 1, 3).week_label() == "2020-W53");
    CHECK(at(2021, 1, 3).iso_weekday == 7);
    CHECK(at(2018, 12, 31).week_label() == "2019-W01");
    CHECK(at(2019, 1, 29).week_label() == "2019-W05");
    CHECK(at(2019, 1, 29).iso_weekday == 2);
    CHECK(at(2019, 1, 29).date == "2019-01-29");
}

TEST_CASE("Weyand & Davis 2005 contact time: t_c = t_step / (1.27 + 0.105 v)") {
    // Fig. 1B line, men: at 2.5 m/s F/W = 1.5325, so a 0.381 s step has t_c = 0.24861 s.
    const load::StanceForceRelation men;
    CHECK(men.contact_time_s(0.381, 2.5) == doctest::Approx(0.381 / 1.5325));
    CHECK(load::StanceForceRelation::female().contact_time_s(0.381, 2.5) ==
          doctest::Approx(0.381 / (1.24 + 0.106 * 2.5)));
}

TEST_CASE("steady run: steps from cadence, impulse = bodyweight × moving time") {
    // 10 min at 1 Hz, 85 strides/min = 170 steps/min, 3 m/s, 250 ms stance.
    const io::Activity a = steady_run(1.5e9, 601, 3.0, 85.0, 0.25);
    const load::StepEstimates e = load::session_steps(a, 0);
    CHECK(e.size() == 600);
    CHECK(e.total_steps() == doctest::Approx(170.0 * 600.0 / 60.0));
    CHECK(e.report.steps_from() == "cadence");
    CHECK(e.report.contact_from() == "stance_time");
    CHECK(e.contact_time_s[0] == doctest::Approx(0.25));
    CHECK(e.flight_time_s[0] == doctest::Approx(60.0 / 170.0 - 0.25));
    // Momentum: over whole steps of steady running, ∫F dt = m g (tc + tf) per step, so the
    // session's vertical impulse is m g × moving time, for every model that conserves it.
    for (grf::Model m :
         {grf::Model::impulse_balance, grf::Model::clark2017, grf::Model::morin2005}) {
        load::SessionOptions o;
        o.model = m;
        const auto loads = load::session_load(a, runner, o);
        REQUIRE(loads.size() == 1);
        const load::LoadTotals& t = loads[0].totals;
        CHECK(t.steps == doctest::Approx(1700.0));
        CHECK(t.vertical_impulse_Ns == doctest::Approx(70.0 * 9.80665 * 600.0).epsilon(1e-9));
        CHECK(t.vertical_impulse_bw_s == doctest::Approx(600.0));
        CHECK(t.distance_m == doctest::Approx(1800.0));
        CHECK(t.max_peak_N == doctest::Approx(t.mean_peak_N));
    }
}

TEST_CASE("steps from step length, then from the assumed cadence, each reported") {
    io::Activity a = steady_run(0.0, 61, 3.0, NAN, NAN);
    for (std::size_t i = 0; i < 30; ++i) a.records.step_length_m[i] = 1.0;  // 180 steps/min
    const load::StepEstimates e = load::session_steps(a, 0);
    CHECK(e.report.steps_from() == "mixed");
    CHECK(e.report.steps_from_step_length == doctest::Approx(29 * 3.0));  // intervals 0..28
    CHECK(e.report.steps_assumed == doctest::Approx(31 * 170.0 / 60.0));
    CHECK(e.report.contact_from() == "speed_relation");
    CHECK(e.contact_time_s.back() ==
          doctest::Approx(load::StanceForceRelation{}.contact_time_s(60.0 / 170.0, 3.0)));
}

TEST_CASE("pauses, standing and GPS spikes are counted, not loaded") {
    io::Activity a = steady_run(0.0, 121, 3.0, 85.0, 0.25);
    // A 60 s gap (auto-pause), standing still for 10 s, and a 40 m/s GPS jump.
    for (std::size_t i = 60; i < a.records.size(); ++i) a.records.time_s[i] += 60.0;
    for (std::size_t i = 80; i < 90; ++i) {
        a.records.speed_m_s[i + 1] = 0.1;
        a.records.cadence_rpm[i + 1] = 0.0;
    }
    a.records.speed_m_s[100] = 40.0;
    a.sessions[0].duration_s = 180.0;
    const load::StepEstimates e = load::session_steps(a, 0);
    CHECK(e.report.paused_s == doctest::Approx(61.0));
    CHECK(e.report.standing_s == doctest::Approx(10.0));
    CHECK(e.report.gps_spikes == 1);
    CHECK(e.report.speed_filled == 1);
    CHECK(e.report.moving_s == doctest::Approx(120.0 - 1.0 - 10.0));
    CHECK(e.total_steps() == doctest::Approx(109.0 * 170.0 / 60.0));
}

TEST_CASE("grade from smoothed altitude; time at grade bands") {
    // 1 km at 5 % up: altitude rises 0.05 m per metre.
    io::Activity a = steady_run(0.0, 334, 3.0, 85.0, 0.25);
    for (std::size_t i = 0; i < a.records.size(); ++i)
        a.records.altitude_m[i] = 100.0 + 0.05 * a.records.distance_m[i];
    const load::StepEstimates e = load::session_steps(a, 0);
    CHECK(e.grade[150] == doctest::Approx(0.05));
    CHECK(e.grade.front() == doctest::Approx(0.05));
    CHECK(e.grade.back() == doctest::Approx(0.05));
    const auto loads = load::session_load(a, runner);
    const auto& bands = loads[0].totals.time_at_grade_s;
    REQUIRE(bands.size() == 5);
    CHECK(bands[3] == doctest::Approx(333.0));  // [3 %, 8 %): every interval
    CHECK(load::grade_band_name({-0.08, -0.03, 0.03, 0.08}, 0) == "time_grade_below_-8pct_s");
    CHECK(load::grade_band_name({-0.08, -0.03, 0.03, 0.08}, 2) == "time_grade_-3_to_3pct_s");
    CHECK(load::grade_band_name({-0.08, -0.03, 0.03, 0.08}, 4) == "time_grade_8pct_and_up_s");
}

TEST_CASE("days and weeks recombine psi and N_eq exactly (load-recovery.md §4 fixtures)") {
    // 10,000 steps at 2.5 BW + 1,000 at 3.0 BW on one day: ψ(m = 4) = 26.205908 and
    // N_eq at 3 BW = 3790.816472 (k = 7) — constant_multiple gives exactly k × BW per step.
    io::Activity a;
    a.source = "log";
    a.format = "log";
    const double day0 = 17924.0 * 86400.0;  // 2019-01-28, a Monday
    a.sessions.push_back(logged(day0 + 8 * 3600.0, "running", 50.0, 200.0));  // 10,000 steps
    a.sessions.push_back(logged(day0 + 18 * 3600.0, "running", 5.0, 200.0));  // 1,000 steps
    load::SessionOptions o;
    o.model = grf::Model::constant_multiple;
    o.reference_load_bw = 3.0;
    o.model_options.bodyweight_multiple = 2.5;
    io::Activity first = a, second = a;
    first.sessions.resize(1);
    second.sessions.erase(second.sessions.begin());
    std::vector<load::SessionLoad> sessions = load::session_load(first, runner, o);
    o.model_options.bodyweight_multiple = 3.0;
    for (auto& s : load::session_load(second, runner, o)) sessions.push_back(s);
    const auto days = load::daily_load(sessions);
    REQUIRE(days.size() == 1);
    CHECK(days[0].totals.steps == doctest::Approx(11000.0));
    CHECK(days[0].totals.stress_stimulus == doctest::Approx(26.205907549).epsilon(1e-10));
    CHECK(days[0].totals.equivalent_cycles == doctest::Approx(3790.816472).epsilon(1e-9));
    CHECK(days[0].totals.max_peak_bw == doctest::Approx(3.0));
    CHECK(days[0].totals.mean_peak_bw == doctest::Approx((10000 * 2.5 + 1000 * 3.0) / 11000.0));
    CHECK(days[0].sports == "running");
}

TEST_CASE("missing days are zero rows; time zones move sessions across midnight") {
    io::Activity a;
    a.format = "log";
    const double day0 = 17924.0 * 86400.0;  // 2019-01-28 00:00 UTC, Monday
    a.sessions.push_back(logged(day0 + 12 * 3600.0, "running", 30.0, 170.0));
    a.sessions.push_back(logged(day0 + 3 * 86400.0 + 23.5 * 3600.0, "strength_training", 20.0));
    const auto sessions = load::session_load(a, runner);
    auto days = load::daily_load(sessions);
    REQUIRE(days.size() == 4);
    CHECK(days[0].label == "2019-01-28");
    CHECK(days[1].totals.steps == 0.0);
    CHECK(days[2].totals.sessions == 0.0);
    CHECK(days[3].label == "2019-01-31");
    CHECK(days[3].totals.strength_min == doctest::Approx(20.0));
    // In Paris (UTC+1 in winter) 23:30 UTC on Thursday is 00:30 on Friday.
    load::DayOptions paris;
    paris.utc_offset_s = io::TimeZone::parse("Europe/Paris");
    days = load::daily_load(sessions, paris);
    REQUIRE(days.size() == 5);
    CHECK(days[4].label == "2019-02-01");
    CHECK(days[4].totals.strength_sessions == 1.0);
}

TEST_CASE("weekly strength target: 4 × 20 min by default") {
    io::Activity a;
    a.format = "log";
    const double monday = 17924.0 * 86400.0 + 12 * 3600.0;  // 2019-01-28 12:00 UTC
    for (int d = 0; d < 4; ++d)
        a.sessions.push_back(logged(monday + d * 86400.0, "strength_training", 20.0));
    for (int d = 7; d < 9; ++d)
        a.sessions.push_back(logged(monday + d * 86400.0, "strength_training", 25.0));
    a.sessions.push_back(logged(monday + 20 * 86400.0, "running", 40.0, 172.0));
    const auto weeks = load::weekly_load(load::session_load(a, runner));
    REQUIRE(weeks.size() == 3);
    CHECK(weeks[0].label == "2019-W05");
    CHECK(weeks[0].start == "2019-01-28");
    CHECK(weeks[0].strength_target_met);
    CHECK(weeks[0].strength_target_fraction == doctest::Approx(1.0));
    CHECK_FALSE(weeks[1].strength_target_met);
    CHECK(weeks[1].strength_target_fraction == doctest::Approx(50.0 / 80.0));
    CHECK(weeks[2].totals.strength_min == 0.0);
    CHECK(weeks[2].totals.steps == doctest::Approx(172.0 * 40.0));
    CHECK(weeks[2].sports == "running");
}

TEST_CASE("a ride is refused as a run unless the sport is overridden") {
    io::Activity ride = steady_run(0.0, 61, 6.0, 85.0, NAN, "cycling");
    ride.source = "ride.gpx";
    try {
        load::session_load(ride, runner);
        FAIL("a ride was loaded as foot strikes");
    } catch (const Error& e) {
        CHECK(std::string(e.what()).find("cycling") != std::string::npos);
        CHECK(std::string(e.what()).find("ride.gpx") != std::string::npos);
    }
    load::SessionOptions o;
    o.sport = "running";
    CHECK(load::session_load(ride, runner, o)[0].totals.steps > 0.0);
}

TEST_CASE("multisport: only the sessions on foot become foot strikes") {
    io::Activity tri = steady_run(0.0, 121, 3.0, 85.0, 0.25);
    io::ActivitySession bike = tri.sessions[0], run = tri.sessions[0];
    bike.sport = "cycling";
    bike.end_record = 60;
    run.first_record = 60;
    run.start_s = 60.0;
    tri.sessions = {bike, run};
    const auto loads = load::session_load(tri, runner);
    REQUIRE(loads.size() == 2);
    CHECK_FALSE(loads[0].on_foot);
    CHECK(loads[0].totals.steps == 0.0);
    CHECK(loads[0].steps_from == "none");
    CHECK(loads[1].on_foot);
    CHECK(loads[1].totals.steps == doctest::Approx(60 * 170.0 / 60.0));
}

TEST_CASE("Garmin Fenix 5 run: steps from the recorded cadence of the answer key") {
    // From garmin-fenix-5-run-records.csv (python-fitparse's decoding) with Python:
    // Σ 2 × cadence[i+1] × Δt / 60 over intervals whose cadence is ≥ 30 strides/min
    // = 157.2333 steps in 55 s; first record 2017-06-11 14:34:09 UTC. The key leaves out
    // fractional_cadence (field 53, [0, 1) strides/min), which the decoder adds, so the steps
    // lie in [157.2333, 157.2333 + 2 × 55 / 60).
    const io::Activity a = io::read_activity(data_dir + "/activities/garmin-fenix-5-run.fit");
    REQUIRE(a.sessions.size() == 1);
    CHECK(a.sessions[0].sport == "running");
    CHECK(a.records.time_s.front() == 1497191649.0);
    const auto loads = load::session_load(a, runner);
    CHECK(loads[0].totals.steps >= 157.2333);
    CHECK(loads[0].totals.steps < 157.2334 + 2.0 * 55.0 / 60.0);
    CHECK(loads[0].report.moving_s == doctest::Approx(55.0));
    CHECK(loads[0].steps_from == "cadence");
}

TEST_CASE("bad options and sessions without a start are refused") {
    load::SessionOptions o;
    o.damage_exponent = 0.5;
    const io::Activity a = steady_run(0.0, 10, 3.0, 85.0, 0.25);
    CHECK_THROWS_AS(load::session_load(a, runner, o), Error);
    o = {};
    o.grade_band_edges = {0.1, 0.0};
    CHECK_THROWS_AS(load::session_load(a, runner, o), Error);
    auto loads = load::session_load(a, runner);
    loads[0].start_s = NAN;
    CHECK_THROWS_AS(load::daily_load(loads), Error);
    CHECK_THROWS_AS(load::session_steps(a, 3), Error);
}
