import sys

import strideload as sl

# Has my body recovered? The leg load of a training log and a trail run, day by day.
files = sys.argv[1:] or ["examples/data/training-log.csv", "tests/data/activities/3173437224.tcx"]
sessions = sl.session_load(files, mass_kg=70, height_m=1.78, time_zone="Europe/Paris")
daily = sl.daily_load(sessions, time_zone="Europe/Paris")
load = sl.daily_series(daily, "equivalent_cycles", scale=0.01)  # hundreds of 2.5 BW steps
chart = sl.fitness_fatigue(load)  # columns fitness, fatigue, form, ramp (GoldenCheetah)
print(chart.tail(3).round(1).to_string())
print(sl.acwr(load).tail(1).round(2).to_string())  # rolling_coupled, rolling_uncoupled, ewma
plan = sl.plan_today(load, load_per_km=load.sum() / (daily["distance_m"].sum() / 1000))
print(f"today: {plan.today.low:.0f} to {plan.today.high:.0f} "
      f"({plan.today.distance_low_km:.1f} to {plan.today.distance_high_km:.1f} km) "
      f"keeps form in -30..-10" if plan.today.feasible else "today: rest")
print(plan.plan.round(1).to_string())
bands = sl.fitness_fatigue_bands(load, load_exponent=7)  # model error acts as peak^7
fig = sl.plot_fitness_fatigue(load, chart, bands=bands, plan=plan)
