import sys

import strideload as sl

# A hand-kept training log (runs, strength sessions) and a trail run recorded by a watch.
files = sys.argv[1:] or ["examples/data/training-log.csv", "tests/data/activities/3173437224.tcx"]
sessions = sl.session_load(files, mass_kg=70, height_m=1.78, time_zone="Europe/Paris")
weeks = sl.weekly_load(sessions, time_zone="Europe/Paris")  # ISO weeks, Monday to Sunday
print(weeks[["label", "steps", "vertical_impulse_bw_s", "stress_stimulus", "strength_min",
             "strength_target_met"]].round(1).to_string(index=False))
fig = sl.plot_weekly_load(weeks)  # stacked per week: run load and strength minutes
