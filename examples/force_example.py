import sys

import strideload as sl

# A treadmill trial: tab-separated, Fy vertical [N], a Time column that counts frames at 300 Hz.
path = sys.argv[1] if len(sys.argv) > 1 else "tests/data/fukuchi2017/RBDS0041runT252forces.txt"
trial = sl.read_force(path, vertical_column="Fy", anterior_posterior_column="Fx", rate_hz=300.0)

smooth = sl.filtfilt(trial["Fy"].to_numpy(), order=4, cutoff_hz=30.0, rate_hz=300.0)
print(f"30 Hz zero-phase low-pass: peak {trial['Fy'].max():.0f} N raw, {smooth.max():.0f} N")

steps = sl.stance_metrics(trial, mass_kg=78.3)  # raw signal, 50 N threshold: one row per stance
print(f"{len(steps)} steps, active peak {steps['active_peak_bw'].mean():.2f} BW, "
      f"cadence {steps.attrs['summary']['cadence_spm']:.0f} steps/min")

table = sl.compare_models(steps, mass_kg=78.3, speed_m_s=2.5, height_m=1.778)
peak = table[table["metric"] == "peak_vertical_force"].set_index("model")
print(peak[["n", "bias_pct", "loa_low_pct", "loa_high_pct", "mape_pct"]].round(1))
fig = sl.plots.bland_altman(table, "peak_vertical_force")  # one panel per model
