#!/usr/bin/env python3
"""Writes how_much_did_my_legs_take_this_week.ipynb (unexecuted; the tests execute it). Edit this
file, not the notebook, then run:
/usr/bin/python3 examples/notebooks/make_how_much_did_my_legs_take_this_week.py
"""
import pathlib

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

cells = [
    new_markdown_cell("""# How much did my legs take this week?

A watch records a run second by second; a training log holds what was done by hand. This
notebook reads both, turns every foot strike into a force with a per-step model, and sums the
load per session, per day and per ISO week, next to the strength & conditioning minutes that
protect the legs (target: 4 sessions × 20 min per week).

Data:
- a hilly **trail run** recorded as TCX (1 Hz, position, altitude, distance, heart rate,
  cadence), from sweatpy's examples (MIT; bundled in `tests/data/activities/` with its licence);
- an invented three-week **training log** of a runner in Paris (`examples/data/training-log.csv`,
  CC0): runs with distance, cadence and contact time, strength sessions, one ride.

The runner: 70 kg, 1.75 m. Everything is SI, with the unit in the column name."""),
    new_code_cell("""import datetime as dt
import pathlib
import numpy as np
import pandas as pd
import strideload as sl

pd.set_option("display.width", 140)
pd.set_option("display.max_columns", 30)
# The notebook runs from examples/notebooks/; the TCX file is bundled with the tests.
TRAIL = pathlib.Path("../../tests/data/activities/3173437224.tcx")
LOG = pathlib.Path("../data/training-log.csv")
MASS_KG, HEIGHT_M = 70.0, 1.75
ZONE = "Europe/Paris"

trail = sl.read_activity(TRAIL)
trail"""),
    new_markdown_cell("""## The records

One row per record; NaN where the watch did not record a quantity (this TCX has no stance
time, step length or power). `cadence_rpm` is as the watch writes it: **strides per minute of
one foot**, so steps per minute are twice that. The numeric columns are views of the C++
storage, not copies."""),
    new_code_cell("""trail.records.head()"""),
    new_code_cell("""trail.sessions"""),
    new_markdown_cell("""## From records to steps

Each interval between two records becomes a group of identical steps. Where each number came
from is reported, never hidden:

- **`steps_from`**: `cadence` (2 × recorded cadence × interval), `step_length` (distance ÷
  recorded step length), `assumed_cadence` (170 steps/min while moving, when the watch gave
  neither), `log` (a hand-logged session: its cadence × duration) — or `mixed` when a session
  used more than one (see the counts in the report).
- **`contact_from`**: `stance_time` (the watch's or the log's ground contact time) or
  `speed_relation`: the contact time that balances a step's impulse with Weyand & Davis'
  (2005) measured stance-averaged force F̄/W = 1.27 + 0.105 s/m × v, i.e.
  t_c = t_step / (1.27 + 0.105 v).

Intervals longer than 30 s are pauses, slower than 0.5 m/s without cadence is standing."""),
    new_code_cell("""steps = sl.session_steps(trail, 0)
report = steps.attrs["report"]
print({k: (round(v, 1) if isinstance(v, float) else v) for k, v in report.items()})
steps.head()"""),
    new_code_cell("""# Every step has exactly one source for its count and one for its contact time.
total = steps["steps"].sum()
assert abs(report["steps_from_cadence"] + report["steps_assumed"] - total) < 1e-6 * total
assert abs(report["contact_from_relation"] - total) < 1e-6 * total
print(f"{total:.0f} steps in {report['moving_s'] / 60:.1f} min moving; "
      f"{100 * report['steps_assumed'] / total:.0f} % at the assumed cadence "
      "(records where the watch logged no cadence while moving)")"""),
    new_markdown_cell("""## The training log, in its own time zone

A log is kept in local time. Rows with an offset (`18:30+01:00`) keep it; rows without one
(a date alone is 12:00 local) are placed in `Europe/Paris` with its rules at each date
(daylight saving included)."""),
    new_code_cell("""log = sl.read_activity(LOG, time_zone=ZONE)
log.sessions[["sport", "start", "duration_s", "distance_m", "cadence_spm", "contact_time_s",
              "rpe", "notes"]]"""),
    new_markdown_cell("""## Load per session

`session_load` runs every step through the `clark2017` model (Clark, Ryan & Weyand 2017: on the
measured treadmill trial bundled with strideload it had the smallest peak-force error, +5.9 %),
and sums per session. The numbers:

- **`steps`**: foot strikes, both feet.
- **`vertical_impulse_Ns`** [N·s] and **`vertical_impulse_bw_s`** [BW·s]: Σ vertical impulse.
  On level, steady running it equals bodyweight × moving time (impulse balance), so in BW·s it
  is just the moving seconds — the *amount* of running, not its intensity.
- **`mean_peak_bw`**, **`max_peak_bw`** [BW]: peak vertical force per step, step-weighted mean
  and highest interval (1 s on most watches: the highest second, not the single hardest step).
- **`stress_stimulus`** ψ = (Σ n·peak^m)^(1/m) [BW], m = 4: Carter's daily stress stimulus
  (Carter, Fyhrie & Whalen 1987), which weights harder steps more than more steps.
- **`weighted_peak_sum`** Σ n·peak^k [BW^k], k = 7: cumulative weighted peak force (Kiernan et
  al. 2018); with k ≈ 7 for bone, a 10 % harder step counts about twice.
- **`equivalent_cycles`** N_eq = Σ n (peak / 2.5 BW)^k [cycles at 2.5 BW]: Miner's rule, the
  number of 2.5-BW steps doing the same fatigue damage.
- **`strength_min`** [min]: strength & conditioning time; **`time_grade_*_s`** [s]: moving time
  per grade band (rise over run)."""),
    new_code_cell("""sessions = sl.session_load([log, trail], mass_kg=MASS_KG, height_m=HEIGHT_M)
sessions[["sport", "start", "steps_from", "contact_from", "steps", "moving_s",
          "vertical_impulse_bw_s", "mean_peak_bw", "max_peak_bw", "stress_stimulus",
          "equivalent_cycles", "strength_min"]].round(2)"""),
    new_code_cell("""# Impulse balance of clark2017: sum of vertical impulse = m g x moving time, for every session.
g = 9.80665
on_foot = sessions[sessions["on_foot"]]
ratio = on_foot["vertical_impulse_Ns"] / (MASS_KG * g * on_foot["moving_s"])
assert np.allclose(ratio, 1.0, rtol=1e-9)
trail_row = sessions[sessions["source"].str.endswith(".tcx")].iloc[0]
print(f"trail run: {trail_row['steps']:.0f} steps, peak {trail_row['mean_peak_bw']:.2f} BW on "
      f"average, {trail_row['max_peak_bw']:.2f} BW at most, "
      f"{trail_row[[c for c in sessions.columns if c.startswith('time_grade')]].to_dict()}")"""),
    new_markdown_cell("""A ride is not foot strikes: loading the cycling GPX alone as a run is refused, naming the
sport. Inside the log, the ride is listed with zero load."""),
    new_code_cell("""try:
    sl.session_load("../../tests/data/activities/activity_5039744860-cycling.gpx", mass_kg=MASS_KG)
except ValueError as e:
    print("ValueError:", e)
    assert "cycling" in str(e)"""),
    new_markdown_cell("""## Per week (and per day)

`weekly_load` sums the sessions per ISO week (Monday to Sunday, Paris time) in C++: sums add,
the maximum takes the larger, mean peaks are recombined by steps and ψ exactly
(ψ_week = (Σ ψ_session^m)^(1/m)). The strength target is met when the week has at least 4
sessions and 4 × 20 = 80 minutes."""),
    new_code_cell("""weeks = sl.weekly_load(sessions, time_zone=ZONE)
weeks[["label", "start", "sports", "foot_sessions", "steps", "distance_m",
       "vertical_impulse_bw_s", "stress_stimulus", "equivalent_cycles", "strength_sessions",
       "strength_min", "strength_target_met", "strength_target_fraction"]].round(2)"""),
    new_code_cell("""# Independent checks: the ISO weeks from Python's calendar, and plain pandas sums.
local = sessions["start"].dt.tz_convert(ZONE)
iso = local.dt.isocalendar()
key = iso["year"].astype(str) + "-W" + iso["week"].astype(str).str.zfill(2)
assert list(weeks["label"]) == sorted(set(key))
for col in ["steps", "vertical_impulse_Ns", "strength_min"]:
    assert np.allclose(weeks[col], sessions.groupby(key)[col].sum().to_numpy(), rtol=1e-12)
days = sl.daily_load(sessions, time_zone=ZONE)
assert len(days) == (local.dt.date.max() - local.dt.date.min()).days + 1
days[["label", "sports", "steps", "stress_stimulus", "strength_min"]].tail(8).round(2)"""),
    new_code_cell("""fig = sl.plot_weekly_load(weeks, value="vertical_impulse_bw_s")"""),
    new_markdown_cell("""Reading the weeks: week 5 has the most running (the trail run on top of the log) and the
highest single peak (3.9 BW, where the watch recorded 6.9 m/s downhill at about −6 %: the
contact time comes from the speed there, so a GPS speed error would show up in that peak), but
only half the strength work; week 4 is the only one that met 4 × 20 min. ψ moves less than the
impulse because it is a fourth root: twice the steps at the same force raise ψ by
2^(1/4) ≈ 19 %."""),
]

nb = new_notebook(cells=cells, metadata={
    "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
out = pathlib.Path(__file__).with_name("how_much_did_my_legs_take_this_week.ipynb")
nbformat.write(nb, out)
print(f"wrote {out}")
