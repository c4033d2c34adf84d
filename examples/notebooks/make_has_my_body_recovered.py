#!/usr/bin/env python3
"""Writes has_my_body_recovered.ipynb (unexecuted; the tests execute it). Edit this file, not the
notebook, then run:
/usr/bin/python3 examples/notebooks/make_has_my_body_recovered.py
"""
import pathlib

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

cells = [
    new_markdown_cell("""# Has my body recovered?

After three weeks of training, a runner asks: am I fresh, or still tired? How much tissue damage
is waiting to be repaired? And how much can I run today? This notebook answers with the models
strideload implements — fitness–fatigue (Banister), the acute:chronic workload ratio, Foster's
monotony and strain, and a bone damage–repair model — and says at each step how far the answer
can be trusted.

Data (the same as in *How much did my legs take this week?*):
- an invented three-week **training log** of a runner in Paris (`examples/data/training-log.csv`,
  CC0): runs with distance, cadence, contact time and RPE, strength sessions, one ride;
- a hilly **trail run** recorded as TCX (`tests/data/activities/3173437224.tcx`, from sweatpy's
  examples, MIT), placed on the Tuesday of week 2.
- for the last section, the published 165-day cyclist of **Clarke & Skiba 2013** (Adv Physiol
  Educ 37:134; the authors' teaching spreadsheet, via GoldenCheetah), bundled in
  `tests/data/recovery/`.

The runner: 70 kg, 1.75 m. Nothing here is medical advice: the runner is invented and the models
are simplifications."""),
    new_code_cell("""%matplotlib inline
import pathlib
import numpy as np
import pandas as pd
import strideload as sl
from strideload import _core

pd.set_option("display.width", 140)
pd.set_option("display.max_columns", 30)
# The notebook runs from examples/notebooks/.
LOG = pathlib.Path("../data/training-log.csv")
TRAIL = pathlib.Path("../../tests/data/activities/3173437224.tcx")
CLARKE = pathlib.Path("../../tests/data/recovery/clarke2013_ir_fit_fixture.csv")
MASS_KG, HEIGHT_M = 70.0, 1.75
ZONE = "Europe/Paris"

log = sl.read_activity(LOG, time_zone=ZONE)
trail = sl.read_activity(TRAIL)
sessions = sl.session_load([log, trail], mass_kg=MASS_KG, height_m=HEIGHT_M)
daily = sl.daily_load(sessions, time_zone=ZONE)
load = sl.daily_series(daily, "equivalent_cycles", scale=0.01)
load.round(1).to_frame("load").T"""),
    new_markdown_cell("""## 1. One number per day: the load

Every foot strike gets a peak vertical force from the `clark2017` model; a day's
**equivalent cycles** are N_eq = Σ (peak / 2.5 BW)^7 — Miner's rule: the number of steps at
2.5 × bodyweight that would do the same fatigue damage to bone (k = 7, so a step 10 % harder
counts about twice). `daily_series(daily, "equivalent_cycles", scale=0.01)` expresses it in
**hundreds of such steps**, so that an hour of running is roughly 50–200, the range of a
TrainingPeaks TSS. That scale is strideload's convention, not a published one; it only matters
for the form band used later (−30 to −10 was made for TSS-like numbers).

For comparison, a second, purely perceptual load: **session-RPE** (Foster et al. 2001) = RPE
(0–10) × minutes, for every session in the log (runs, strength, the ride)."""),
    new_code_cell("""on_foot = sessions[sessions["on_foot"]]
per_hour = 0.01 * on_foot["equivalent_cycles"] / (on_foot["moving_s"] / 3600)
print(f"load per hour of running: {per_hour.min():.0f} to {per_hour.max():.0f} "
      f"(median {per_hour.median():.0f})")

rated = sessions.dropna(subset=["rpe"])
day_of = rated["start"].dt.tz_convert(ZONE).dt.tz_localize(None).dt.normalize()
srpe = pd.Series([sl.session_rpe_load(r, s / 60) for r, s in zip(rated["rpe"], rated["duration_s"])],
                 index=day_of.to_numpy()).groupby(level=0).sum()
srpe = srpe.reindex(load.index, fill_value=0.0).rename("session_rpe")
both = pd.concat([load.rename("mechanical"), srpe], axis=1)
print(f"correlation of the two daily loads: {both.corr().iloc[0, 1]:.2f}")
both.T.round(0)"""),
    new_markdown_cell("""This runner's runs come out at 140–250 per hour, at the top of that range: the model gives
their steps mean peaks of 2.6–2.8 BW, and (2.75 / 2.5)^7 ≈ 2. The two loads disagree
where they should: strength days and the ride carry session-RPE but no foot-strike load, and the
trail run (a watch file, no RPE) carries only mechanical load."""),
    new_markdown_cell("""## 2. Fitness, fatigue and form

Fitness and fatigue are exponentially weighted averages of the daily load with time constants
τ = 42 and 7 days; **form = fitness − fatigue**. strideload follows GoldenCheetah's convention:
each day moves an average by λ = 1 − e^(−1/τ) of the way to that day's load, and form on day d
uses the values of day d − 1 (today's session shows in tomorrow's form). TrainingPeaks describes
λ = 1/τ (`decay="reciprocal"`); here the difference is about 1 %. Both start from zero on the first
day of the data."""),
    new_code_cell("""ff = sl.fitness_fatigue(load)
tp = sl.fitness_fatigue(load, decay="reciprocal")
table = ff.join(tp[["fitness", "fatigue", "form"]], rsuffix="_1/tau")
table.tail(7).round(1)"""),
    new_code_cell("""last = ff.iloc[-1]
fresh = sl.days_until_fresh(last["fitness"], last["fatigue"])
rpe_ff = sl.fitness_fatigue(srpe).iloc[-1]
rpe_fresh = sl.days_until_fresh(rpe_ff["fitness"], rpe_ff["fatigue"])
print(f"after {load.index[-1].date()}: fitness {last['fitness']:.1f}, fatigue {last['fatigue']:.1f}, "
      f"form tomorrow {last['fitness'] - last['fatigue']:.1f}")
print(f"days of rest until form >= 0: {fresh:.1f} d = {24 * fresh:.0f} h (mechanical load), "
      f"{rpe_fresh:.1f} d (session-RPE)")"""),
    new_markdown_cell("""**Not recovered**, by this model: form is deeply negative and it would take about a week
of complete rest for fatigue to fall below fitness. The time until fresh depends only on the
ratio fatigue / fitness, so it can be compared across load units: session-RPE gives a similar
answer.

A large caveat: the model starts from zero. Three weeks are too short for fitness (τ = 42 d) to
build up, so fitness is too low and form too negative for a runner who trained before the log
started (section 6 shows how much that changes).

The chart: load bars, fitness and fatigue above; form with the target band −30 to −10 (green),
its uncertainty (grey, section 5) and the model's plan for the next week (blue bars, section 6)."""),
    new_code_cell("""bands = sl.fitness_fatigue_bands(load, load_exponent=7)
plan = sl.plan_today(load, target="form", low=-30, high=-10)
fig = sl.plot_fitness_fatigue(load, ff, band=(-30, -10), bands=bands, plan=plan,
                              load_label="load [100 eq. cycles/day]")"""),
    new_markdown_cell("""## 3. Acute:chronic workload ratio and monotony

ACWR compares the last week with the last four: the **rolling coupled** ratio (7-day mean over
28-day mean, Hulin 2014, Gabbett 2016), the **uncoupled** one (last 7 days over the 21 before,
Lolli 2019) and the **EWMA** ratio (Williams 2017, λ = 2/(N+1)). The rolling ratios need 28
days, so on a 21-day log they are NaN; the EWMA exists from day 0 but is dominated by its start
value for the first weeks. To show a rolling value, the last cell adds a hypothetical fourth week
that repeats week 3.

Gabbett's "sweet spot" 0.8–1.3 is descriptive and has been strongly criticised (Impellizzeri et
al. 2020: mathematical coupling, ratio artefacts, no causal evidence); treat it as a description
of change in load, not an injury predictor."""),
    new_code_cell("""ratios = sl.acwr(load)
ratios.tail(4).round(2)"""),
    new_code_cell("""week4 = pd.Series(load.iloc[-7:].to_numpy(),
                  index=load.index[-1] + pd.to_timedelta(np.arange(1, 8), unit="D"))
four_weeks = pd.concat([load, week4])
print("day 28 if week 4 repeats week 3:")
sl.acwr(four_weeks).tail(1).round(2)"""),
    new_markdown_cell("""**Monotony** (Foster 1998) is the week's mean daily load over its standard deviation;
**strain** = weekly load × monotony. Foster associated monotony above 2 with illness and
overtraining in his athletes; alternating hard days with rest keeps it low."""),
    new_code_cell("""week = sl.monotony_strain(load.iloc[-7:].to_numpy())
print({k: round(v, 2) for k, v in week.items()})
sl.rolling_monotony_strain(load).dropna().round(2).T"""),
    new_markdown_cell("""Last week: monotony 0.78 (well under 2: the runner alternates run days and rest days),
strain about 430.

## 4. Tissue damage, repair and a stress-fracture probability

This part uses the raw equivalent cycles (not divided by 100). Each day adds Miner damage
0.5 × N_eq / N_f to each tibia (N_f = 155,000 cycles at 2.5 BW); damage is repaired
**first-order** with τ = 18.5 days (Taylor, Casolari & Bignardi 2004: mean repair time
18.5 ± 12.5 d), so a day's damage is half repaired after 18.5 ln 2 = 12.8 days.

The **fracture probability** has the form of Edwards et al. 2009: a Weibull failure probability
of the unrepaired damage, integrated over the chance that repair has not happened yet, counted
from day 0 of the regimen. Caveats, from strideload's own documentation:
- Edwards' constants could not be retrieved; the single constant N_f is **calibrated** so that
  5 km/day for 100 days at 2.5 BW gives 0.18, the middle of Sinclair & Taylor 2023's 0.15–0.22.
- The load is a peak ground force^7, not finite-element tibial strain, and bone adaptation is not
  modelled. Effects come out **larger than Edwards'** (3 → 7 miles/day: about +17 percentage
  points here against Edwards' +4 to +10).
- It is a relative, population-level number, not this runner's risk.

The strength & conditioning multiplier is an evidence-based heuristic after Lauersen, Andersen &
Andersen 2018 (6 RCTs, relative risk 0.338, 95 % CI 0.238–0.480, reached here at 80 min/week):
it scales the *risk*, never the load, and a marathon RCT (Toresdahl 2020) found no significant
effect in runners."""),
    new_code_cell("""cycles = sl.daily_series(daily, "equivalent_cycles")
iso_week = pd.to_datetime(daily["start"]).dt.strftime("%G-W%V")
weekly_strength = daily.groupby(iso_week)["strength_min"].transform("sum")
strength = pd.Series(weekly_strength.to_numpy(), index=cycles.index)
print("strength minutes per week:", daily.groupby(iso_week)["strength_min"].sum().to_dict())
for minutes in sorted(strength.unique()):
    effect = sl.strength_risk_multiplier(minutes)
    print(f"  {minutes:3.0f} min/week -> risk x {effect.multiplier:.3f} "
          f"(95 % CI {effect.multiplier_low:.3f}-{effect.multiplier_high:.3f})")

tissue = sl.damage(cycles)
with_strength = sl.damage(cycles, strength_min_per_week=strength)
tissue["fracture_probability_with_strength"] = with_strength["fracture_probability"]
tissue.tail(7).round(3)"""),
    new_code_cell("""half = sl.days_until_repaired(0.5)
most = sl.days_until_repaired(0.9)
left = tissue["damage"].iloc[-1]
print(f"damage left today: {left:.3f} of a Miner failure; half of it repaired in {half:.1f} d, "
      f"90 % in {most:.1f} d")
print(f"fracture probability after 3 weeks: {tissue['fracture_probability'].iloc[-1]:.2f}, "
      f"{tissue['fracture_probability_with_strength'].iloc[-1]:.2f} with the strength multiplier")
# Stride length: 10 % more steps, each 10 % lower peak (Edwards 2009), Miner with k = 7.
ratio = _core.damage_ratio(1.1, 0.9, 7.0)
assert abs(ratio - 1.1 * 0.9**7) < 1e-12 and round(ratio, 3) == 0.526
print(f"10 % shorter stride over the same distance: damage x {ratio:.3f}")"""),
    new_markdown_cell("""Reading it: bone repair is slow — three weeks of running leave damage that takes weeks
to clear, much longer than the week fitness–fatigue needs. The three-week probability is high
because this model is steep: the log's runs have mean peaks of 2.6–2.8 BW, and with k = 7 each
such step counts about twice a 2.5-BW step. Doing the strength work roughly halves it (as a heuristic). A 10 % shorter stride
halves the damage per kilometre (× 0.526): load magnitude dominates the number of cycles, as
Edwards 2009 concluded.

## 5. How uncertain is all this?

The per-step peak model is not exact: against the measured treadmill force bundled with
strideload, `clark2017` overestimates the peak by **+5.9 %** on average (SD 1.9 %). Because the
load is peak^7, the measured load is model / (1 + e)^7 with e in 5.9 ± 1.96 × 1.9 % — between
0.53 and 0.86 times the model's. The bands also span published time constants (fitness 35–50 d,
fatigue 5–15 d). So the **fitness and fatigue bands sit below the model's curves**: the model
most likely overstates the load. Form's band runs from about the model's value to much closer to
zero: smaller loads mean smaller (less negative) form."""),
    new_code_cell("""factors = [(1 + 0.059 + s * 1.96 * 0.019) ** -7 for s in (1, 0, -1)]
print("measured / model load: " + ", ".join(f"{f:.2f}" for f in factors))
view = pd.concat([ff[["fitness", "fatigue", "form"]], bands], axis=1)
view[["fitness_low", "fitness", "fitness_high", "fatigue_low", "fatigue", "fatigue_high",
      "form_low", "form", "form_high"]].tail(3).round(1)"""),
    new_code_cell("""tissue_bands = sl.damage_bands(cycles)
pd.concat([tissue[["damage", "fracture_probability"]], tissue_bands], axis=1).tail(3).round(3)"""),
    new_markdown_cell("""The damage band also spans the repair time 18.5 ± 12.5 d. With the model's bias removed
the three-week fracture probability is about 0.18–0.28 instead of 0.31: the bias of the force
model matters as much as the choice of model.

## 6. How much today?

`plan_today` solves, on the model itself, which load today keeps tomorrow's form inside the band
−30 to −10, and plans the next 7 days at the middle of each day's range. To talk in kilometres it
needs the load of a typical kilometre, taken from the history: Σ load / Σ km over the days with
running."""),
    new_code_cell("""km = daily["distance_m"].to_numpy() / 1000
ran = km > 0
load_per_km = load.to_numpy()[ran].sum() / km[ran].sum()
print(f"load per km: {load_per_km:.1f}")

def show(plan):
    t = plan.today
    verdict = (f"{t.low:.0f}-{t.high:.0f} load = {t.distance_low_km:.1f}-{t.distance_high_km:.1f} km"
               if t.feasible else f"none ({t.reason})")
    print(f"today, {plan.target} in {plan.low:g}..{plan.high:g}: {verdict}")
    return plan.plan.round(2)

show(sl.plan_today(load, target="form", low=-30, high=-10, load_per_km=load_per_km))"""),
    new_markdown_cell("""From zero, the model says **rest today** (even rest leaves form at −32), then 1.5–3.4 km a
day. That is the cold start of section 2 talking. If the runner had been training at the log's
average load before it started, fitness and fatigue begin at that average (`seed_fitness`,
`seed_fatigue`), and the answer changes completely:"""),
    new_code_cell("""seed = dict(seed_fitness=load.mean(), seed_fatigue=load.mean())
seeded = sl.fitness_fatigue(load, **seed).iloc[-1]
print(f"seeded with {load.mean():.0f}/day: fitness {seeded['fitness']:.1f}, fatigue "
      f"{seeded['fatigue']:.1f}, days until fresh "
      f"{sl.days_until_fresh(seeded['fitness'], seeded['fatigue'], **seed):.1f}")
show(sl.plan_today(load, target="form", low=-30, high=-10, load_per_km=load_per_km, **seed))"""),
    new_markdown_cell("""The same question with an ACWR band 0.8–1.3. A rolling ratio needs 27 days before today,
so on this log only the EWMA method is defined:"""),
    new_code_cell("""try:
    sl.plan_today(load, target="acwr")
except ValueError as e:
    print("rolling_coupled:", e)
show(sl.plan_today(load, target="acwr", low=0.8, high=1.3, acwr_method="ewma",
                   load_per_km=load_per_km))"""),
    new_markdown_cell("""So "how much today" is between rest and 22 km depending on an assumption about what
happened before the log, and 4–20 km by the EWMA ratio: the band and the starting state decide
more than the runner's data. Use it as arithmetic on a model, not a prescription.

## 7. Fitting Banister to real tests

The fitness–fatigue chart fixes τ = 42/7 days and gains of 1. Banister's original model fits them:
performance p(t) = p0 + k1 g(t) − k2 h(t). Clarke & Skiba 2013 fit it to a cyclist's 165 days of
BikeScore load and nine 5-minute power tests; their spreadsheet's solution has SSE 20.25 W² with
τ1 = 35.8 and τ2 = 21.3 days. `fit_banister` fits all five parameters (a grid of τ pairs, then
Levenberg–Marquardt from the best 12 starts)."""),
    new_code_cell("""clarke = pd.read_csv(CLARKE, comment="#")
bike_load = clarke["bikescore_AU"]
power_tests = clarke.set_index("day")["test_power_W"].dropna()
fit = sl.fit_banister(bike_load, power_tests)
published = dict(p0=261.9273721089768, k1=0.1825819069014407, k2=0.23016327121095306,
                 tau1=35.821034441472136, tau2=21.33971458297882)
published_curve = sl.banister_performance(bike_load, **published)
published_sse = float(((published_curve[power_tests.index] - power_tests) ** 2).sum())
assert abs(published_sse - 20.2546) < 1e-3      # the spreadsheet's SSE over the 9 tests
assert fit.sse <= 20.26                         # at least as good as the published fit
rows = {"fitted": [fit.p0, fit.k1, fit.k2, fit.tau1, fit.tau2, fit.sse,
                   fit.time_to_net_positive_days, fit.time_to_peak_effect_days],
        "Clarke & Skiba": [*published.values(), published_sse,
                           _core.time_to_net_positive_days(published["k1"], published["k2"],
                                                           published["tau1"], published["tau2"]),
                           _core.time_to_peak_effect_days(published["k1"], published["k2"],
                                                          published["tau1"], published["tau2"])]}
pd.DataFrame(rows, index=["p0 [W]", "k1 [W/AU]", "k2 [W/AU]", "tau1 [d]", "tau2 [d]",
                          "SSE [W^2]", "t_n [d]", "t_g [d]"]).round(3)"""),
    new_code_cell("""import matplotlib.pyplot as plt

fig, ax = plt.subplots(figsize=(9, 3.5))
ax.plot(fit.curve.index, fit.curve, color="tab:blue", label=f"fitted (SSE {fit.sse:.1f})")
ax.plot(published_curve.index, published_curve, color="tab:orange", ls="--",
        label=f"Clarke & Skiba 2013 (SSE {published_sse:.2f})")
ax.plot(power_tests.index, power_tests, "ko", label="5-min power tests")
ax.set_xlabel("day")
ax.set_ylabel("performance [W]")
ax.legend(fontsize="small")
fig.tight_layout()"""),
    new_markdown_cell("""The fit beats the published SSE, and the two curves are almost indistinguishable — yet
the fit has **nearly equal time constants** and gains about 20 times larger: two almost identical exponentials with opposite signs act as one delayed response. Nine
tests cannot tell the two solutions apart — the fit is ill-conditioned and has several local
minima. The quantities a coach uses are steadier than the parameters: t_n (days after a session
until its net effect turns positive) and t_g (the best taper length for a session) are about 12
and 39 days for both fits.

## 8. What to trust

- **Trust the direction, not the digits.** More load raises fatigue and damage, rest lowers them,
  harder steps count far more than more steps; all models here agree on that.
- **The starting state matters**: with three weeks of data, fitness is underestimated and "how
  much today" ranges from rest to 22 km depending on an assumption.
- **Units are conventions**: the mechanical load in hundreds of 2.5-BW cycles and the −30..−10
  band are strideload's choices; the force model's +5.9 % bias becomes a factor of ~0.67 on a
  k = 7 load.
- **The fracture probability is calibrated on one published number** and overstates effects
  compared with Edwards 2009; the strength multiplier is a heuristic from team-sport RCTs.
- **ACWR** is a description of change in load, not a validated injury predictor.
- **Fitted Banister parameters are not unique**; compare fits by their recovery times.
- And the runner is invented: the numbers above show how the tools behave, not anyone's body."""),
]

nb = new_notebook(cells=cells, metadata={
    "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
out = pathlib.Path(__file__).with_name("has_my_body_recovered.ipynb")
nbformat.write(nb, out)
print(f"wrote {out}")
