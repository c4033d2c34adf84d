// Has my body recovered, and how much can I run today? Fitness, fatigue and form of the leg
// load of a training log and a trail run, tissue damage, and today's load range.
#include <cstdio>
#include <vector>

#include "strideload/io/activity.hpp"
#include "strideload/io/time_zone.hpp"
#include "strideload/load/calendar.hpp"
#include "strideload/recovery/recovery.hpp"

int main(int argc, char** argv) {
    using namespace strideload;
    const Athlete runner = Athlete::from_height(kilograms(70.0), meters(1.78));
    io::ActivityOptions read;
    read.log_time_zone = "Europe/Paris";
    std::vector<load::SessionLoad> sessions;
    for (int i = 1; i < argc; ++i)
        for (const load::SessionLoad& s :
             load::session_load(io::read_activity(argv[i], read), runner))
            sessions.push_back(s);
    load::DayOptions calendar;
    calendar.utc_offset_s = io::TimeZone::parse("Europe/Paris");

    // Daily load: Miner-equivalent steps at 2.5 BW (k = 7), in hundreds; rest days are 0.
    std::vector<double> load, cycles, km;
    for (const load::PeriodLoad& day : load::daily_load(sessions, calendar)) {
        cycles.push_back(day.totals.equivalent_cycles);
        load.push_back(day.totals.equivalent_cycles / 100.0);
        km.push_back(day.totals.distance_m / 1000.0);
    }
    const auto ff = recovery::fitness_fatigue(load);  // 42 d / 7 d, GoldenCheetah convention
    const double fitness = ff.fitness.back(), fatigue = ff.fatigue.back();
    const auto damage = recovery::damage(cycles);  // Miner damage, repair tau 18.5 d
    std::printf("fitness %.1f  fatigue %.1f  form %.1f  fresh in %.1f days  damage %.3f\n", fitness,
                fatigue, fitness - fatigue, recovery::days_until_fresh(fitness, fatigue),
                damage.damage.back());

    recovery::PlanOptions plan;  // keep form between -30 and -10
    double total = 0, distance = 0;
    for (std::size_t d = 0; d < load.size(); ++d) total += load[d], distance += km[d];
    plan.load_per_km = total / distance;
    for (double x : recovery::plan_today(load, plan).load)
        std::printf("%.0f (%.1f km)  ", x, x / plan.load_per_km);
    std::printf("<- the next 7 days\n");
}
