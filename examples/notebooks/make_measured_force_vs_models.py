#!/usr/bin/env python3
"""Writes measured_force_vs_models.ipynb (unexecuted; the tests execute it). Edit this file,
not the notebook, then run: /usr/bin/python3 examples/notebooks/make_measured_force_vs_models.py
"""
import pathlib

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

cells = [
    new_markdown_cell("""# Measured force vs models

A force treadmill measured every foot strike of a real runner. This notebook reads the raw
force, finds the stances, measures each one, and then asks every per-step model in strideload
to predict those same steps from their timing alone — the benchmark a coach or a researcher
needs before trusting a model on watch data.

Data: one trial of Fukuchi, Fukuchi & Duarte (2017), *A public dataset of running biomechanics
and the effects of running speed on lower extremity kinematics and kinetics*, PeerJ 5:e3298
(CC BY 4.0; bundled in `tests/data/fukuchi2017/` with its licence). Runner: 78.3 kg, 1.778 m,
rearfoot striker, 2.5 m/s, level; single belt, 300 Hz, raw."""),
    new_code_cell("""import pathlib
import numpy as np
import pandas as pd
import matplotlib.pyplot as plt
import strideload as sl

# The notebook runs from examples/notebooks/; the trial is bundled with the tests.
TRIAL = pathlib.Path("../../tests/data/fukuchi2017/RBDS0041runT252forces.txt")
MASS_KG, HEIGHT_M, SPEED_M_S = 78.3, 1.778, 2.5
trial = sl.read_force(TRIAL, vertical_column="Fy", anterior_posterior_column="Fx", rate_hz=300.0)
trial.head()"""),
    new_markdown_cell("""## The raw signal and a zero-phase low-pass

`Time` counts frames, so the rate is given (300 Hz). `filtfilt` is scipy's `filtfilt` of a
Butterworth design, computed in C++ (the tests hold them equal to 1e-9)."""),
    new_code_cell("""fy = trial["Fy"].to_numpy()
smooth = sl.filtfilt(fy, order=4, cutoff_hz=30.0, rate_hz=300.0)
t = trial.index.to_numpy()
fig, ax = plt.subplots(figsize=(9, 3))
window = t < 2.0
ax.plot(t[window], fy[window], lw=0.8, label="raw")
ax.plot(t[window], smooth[window], lw=1.5, label="30 Hz low-pass (zero phase)")
ax.axhline(50, color="grey", ls=":", label="50 N contact threshold")
ax.set(xlabel="time [s]", ylabel="vertical GRF [N]")
ax.legend(loc="upper right");"""),
    new_markdown_cell("""## Stances and per-stance loads

A contact starts above 50 N and lasts at least 0.1 s. The recording starts mid-contact: that
partial stance is flagged and not measured. Below, strideload's means next to reference
figures computed independently with numpy (the reference used g = 9.81 and, for VALR, the
first samples at or above 20 % / 80 % of the impact peak)."""),
    new_code_cell("""stances = sl.detect_stances(fy, 300.0)
print(f"{len(stances)} contacts, {int(stances['complete'].sum())} complete")
steps = sl.stance_metrics(trial, mass_kg=MASS_KG, gravity_m_s2=9.81,
                          loading_rate_at_samples=True)
s = steps.attrs["summary"]
reference = pd.DataFrame({
    "strideload": [steps["active_peak_bw"].mean(), steps["impact_peak_bw"].mean(),
                   steps["valr_bw_per_s"].mean(), steps["contact_time_s"].mean(),
                   s["cadence_spm"], s["mean_force_bw"]],
    "reference (numpy)": [2.342, 1.58, 50.6, 0.296, 158.0, 0.9998]},
    index=["active peak [BW]", "impact peak [BW]", "VALR [BW/s]", "contact [s]",
           "cadence [steps/min]", "mean force over whole steps [BW]"])
reference["difference %"] = 100 * (reference["strideload"] / reference["reference (numpy)"] - 1)
assert (reference["difference %"].abs() < 1.0).all()
reference.round(4)"""),
    new_code_cell("""steps[["start_s", "contact_time_s", "flight_time_s", "impact_peak_bw", "active_peak_bw",
       "valr_bw_per_s", "vertical_impulse_Ns", "braking_peak_bw", "propulsive_peak_bw"]].head()"""),
    new_markdown_cell("""Impulse balance is the check every trial should pass: at a steady speed, the vertical
impulse of a step equals bodyweight × step time."""),
    new_code_cell("""ratio = steps["vertical_impulse_bw_s"] / steps["step_time_s"]
print(f"impulse / (BW x step time): {ratio.mean():.4f} ± {ratio.std():.4f}")
assert abs(ratio.mean() - 1) < 0.01"""),
    new_markdown_cell("""## Every model against the measured steps

Each model gets each stance's own measured contact and flight time, the runner's mass and leg
length (0.53 × height) and the belt speed. Errors are model − measured, in % of measured;
limits of agreement are bias ± 1.96 SD (Bland & Altman). The loading rate of a model is the
VALR of its own waveform, measured with the same definitions as the force data. R² is that of
the model as a predictor of each step: it is negative when a biased model predicts the steps
worse than their own mean, because step-to-step variation is small."""),
    new_code_cell("""table = sl.compare_models(steps, mass_kg=MASS_KG, speed_m_s=SPEED_M_S, height_m=HEIGHT_M,
                          gravity_m_s2=9.81)
table[["model", "metric", "n", "bias_pct", "sd_pct", "loa_low_pct", "loa_high_pct",
       "mape_pct", "r2"]].round(2)"""),
    new_markdown_cell("""Published accuracy, for comparison: Morin et al. (2005) report their sine-wave peak
force **−6.93 ± 2.52 %** below a treadmill's (−3.24 ± 2.08 % overground). Here it is about
twice that. Every model conserves momentum, so impulse agrees."""),
    new_code_cell("""peak = table[table["metric"] == "peak_vertical_force"].set_index("model")
morin = peak.loc["morin2005", "bias_pct"]
print(f"morin2005 peak force bias here: {morin:+.1f} % (published on treadmills: -6.93 %)")
assert morin < 0  # underestimates, as Morin et al. found
impulse = table[table["metric"] == "vertical_impulse"]
assert (impulse["bias_pct"].abs() < 1.0).all()"""),
    new_code_cell("""fig = sl.plots.bland_altman(table, "peak_vertical_force")"""),
    new_code_cell("""fig = sl.plots.waveform_overlay(trial, None, MASS_KG, SPEED_M_S, 0.53 * HEIGHT_M, stance=10,
                                models=["morin2005", "spring_mass", "clark2017"])"""),
    new_markdown_cell("""## From a body-worn accelerometer

There is no accelerometer in this trial, but the force gives the acceleration of the body's
centre of mass exactly: a = F / (m g), in g, gravity included — an ideal sacrum sensor.
Gurchiek et al. (2017) low-pass it (5th order, 10 Hz) and multiply by m g; Meyer et al. (2015)
take m g × the peak. The filter removes the impact transient by design, which is why Kiernan et
al. (2023) advise against impact peaks and loading rates from accelerometers."""),
    new_code_cell("""accel_g = fy / (MASS_KG * 9.80665)
sl.accel_methods()[["name", "location", "output", "published_error"]]"""),
    new_code_cell("""gurchiek = sl.vgrf_from_accel(accel_g, 300.0, MASS_KG, "gurchiek2017", stances=stances)
meyer = sl.vgrf_from_accel(accel_g, 300.0, MASS_KG, "meyer2015", stances=stances)
measured_peak = steps["active_peak_N"].to_numpy()
compare = pd.DataFrame({
    "gurchiek2017 bias %": 100 * (gurchiek["peak_vertical_force_N"].to_numpy() / measured_peak - 1),
    "meyer2015 bias %": 100 * (meyer["peak_vertical_force_N"].to_numpy() / measured_peak - 1)})
compare.describe().loc[["mean", "std", "min", "max"]].round(2)"""),
    new_markdown_cell("""Meyer's peak of an ideal sensor is the measured peak itself (0 % by construction: it is
m g × max F/(m g)); Gurchiek's 10 Hz filter trims the active peak by a couple of percent. A real
sensor on the skin adds soft-tissue motion and tilt, which is where the published errors come
from."""),
]

nb = new_notebook(cells=cells, metadata={
    "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
out = pathlib.Path(__file__).with_name("measured_force_vs_models.ipynb")
nbformat.write(nb, out)
print(f"wrote {out}")
