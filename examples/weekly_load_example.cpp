// How much did my legs take this week? A training log and a trail run, summed per ISO week.
#include <cstdio>
#include <vector>

#include "strideload/io/activity.hpp"
#include "strideload/io/time_zone.hpp"
#include "strideload/load/calendar.hpp"

int main(int argc, char** argv) {
    using namespace strideload;
    const Athlete runner = Athlete::from_height(kilograms(70.0), meters(1.78));
    io::ActivityOptions read;
    read.log_time_zone = "Europe/Paris";      // the log's times are Paris wall-clock times
    std::vector<load::SessionLoad> sessions;  // default model: clark2017
    for (int i = 1; i < argc; ++i)
        for (const load::SessionLoad& s :
             load::session_load(io::read_activity(argv[i], read), runner))
            sessions.push_back(s);

    load::DayOptions calendar;
    calendar.utc_offset_s = io::TimeZone::parse("Europe/Paris");  // Monday weeks in Paris
    for (const load::PeriodLoad& w : load::weekly_load(sessions, calendar))
        std::printf("%s  %6.0f steps  %6.0f BW.s  psi %4.1f BW  S&C %3.0f min%s\n", w.label.c_str(),
                    w.totals.steps, w.totals.vertical_impulse_bw_s, w.totals.stress_stimulus,
                    w.totals.strength_min, w.strength_target_met ? "  4 x 20 min met" : "");
}
