"""End-to-end tests of `strideload force`, `compare`, `accel` and `accel-methods` (standard
library only, no pytest).

Usage: python3 test_cli_force.py PATH/TO/strideload

The measured-force checks use the bundled Fukuchi et al. (2017) treadmill trial and its
reference figures, which were computed independently with numpy (tests/data/fukuchi2017/
README.md): 79 steps, active peak 2.342 BW, impact peak 1.58 BW, VALR 50.6 BW/s, contact
0.296 s, 158 steps/min, mean force 0.9998 BW. Prints "N passed, M failed".
"""

import csv
import io
import json
import math
import os
import sys
import tempfile

from clitest import Cli, close, run_tests

BINARY = sys.argv[1] if len(sys.argv) > 1 else "strideload"
HERE = os.path.dirname(os.path.abspath(__file__))
FUKUCHI = os.path.join(HERE, "..", "data", "fukuchi2017", "RBDS0041runT252forces.txt")
READ = [FUKUCHI, "--mass-kg", "78.3", "--rate-hz", "300", "--vertical-column", "Fy"]
G_N = 9.80665
MODELS = ["constant_multiple", "impulse_balance", "morin2005", "spring_mass", "clark2017",
          "burns_hgrf"]
# The per-stance keys the issue fixes as public JSON (in this order, then more).
STANCE_KEYS = ["start_s", "contact_time_s", "flight_time_s"]
REQUIRED_STANCE_KEYS = ["start_s", "contact_time_s", "flight_time_s", "active_peak_N",
                        "active_peak_bw", "impact_peak_N", "valr_bw_per_s", "vilr_bw_per_s",
                        "vertical_impulse_Ns"]
COMPARE_KEYS = ["model", "metric", "unit", "n", "n_missing", "bias_pct", "sd_pct",
                "loa_low_pct", "loa_high_pct", "mape_pct", "r2"]


CLI = Cli(BINARY, timeout_s=120)
run = CLI.run
assert_error = CLI.assert_error
within = close


def ok_json(*args):
    code, out, err = run(*args, "--json")
    assert code == 0, (code, err)
    assert err == "", err
    return json.loads(out)


def test_force_json_matches_fukuchi_reference_figures():
    # The reference used g = 9.81 and the discrete 20-80 % window (first samples at or above).
    j = ok_json("force", *READ, "--gravity", "9.81", "--loading-rate-at-samples")
    s = j["summary"]
    cols = s["columns"]
    # 79 contacts, as in the reference; the first is already under way when the recording
    # starts, so 78 are complete and measured.
    assert j["input"]["stances_detected"] == 79, j["input"]
    assert s["stances"] == 78, s["stances"]
    assert len(j["stances"]) == 78
    within(cols["active_peak_bw"]["mean"], 2.342, 0.01)
    within(cols["impact_peak_bw"]["mean"], 1.58, 0.01)
    within(cols["valr_bw_per_s"]["mean"], 50.6, 0.01)
    within(cols["contact_time_s"]["mean"], 0.296, 0.01)
    within(s["cadence_spm"], 158.0, 0.01)
    within(s["mean_force_bw"], 0.9998, 0.01)
    # impulse per step vs step time (0.3772 BW·s vs 0.3798 s): within 1 %
    within(s["impulse_per_step_bw_s"], s["step_time_s"], 0.01)
    assert j["input"]["rate_hz"] == 300.0 and j["input"]["samples"] == 9000
    assert j["problems"] == []


def test_force_valr_interpolated_by_default():
    # Interpolated 20/80 % crossings (the default) do not overshoot the window's end between
    # 300 Hz samples, so they give a lower VALR than the discrete form.
    interp = ok_json("force", *READ)["summary"]["columns"]["valr_bw_per_s"]["mean"]
    discrete = ok_json("force", *READ, "--loading-rate-at-samples")
    assert interp < discrete["summary"]["columns"]["valr_bw_per_s"]["mean"]
    assert 40.0 < interp < 50.6, interp


def test_force_json_stance_shape():
    j = ok_json("force", *READ, "--ap-column", "Fx")
    first = j["stances"][0]
    assert list(first)[:3] == STANCE_KEYS, list(first)
    for key in REQUIRED_STANCE_KEYS:
        assert key in first, key
    for st in j["stances"]:
        # every stance has a finite contact and a peak in N that is bw * m g
        within(st["active_peak_N"], st["active_peak_bw"] * 78.3 * G_N, 1e-9)
        assert st["impact_peak_N"] is None or st["impact_peak_N"] < st["active_peak_N"]
        assert st["loading_rate_landmark"] in ("impact_peak", "stance_fraction")
    # the last stance has no next touchdown: flight time null, not a number
    assert j["stances"][-1]["flight_time_s"] is None
    # a treadmill at constant speed: braking and propulsive impulses balance over the trial
    brake = sum(st["braking_impulse_Ns"] for st in j["stances"])
    prop = sum(st["propulsive_impulse_Ns"] for st in j["stances"])
    within(brake, prop, 0.15)


def test_force_csv_has_one_row_per_stance_and_the_json_keys():
    code, out, err = run("force", *READ, "--csv")
    assert code == 0 and err == "", err
    rows = list(csv.DictReader(io.StringIO(out)))
    j = ok_json("force", *READ)
    assert len(rows) == len(j["stances"])
    assert list(rows[0]) == list(j["stances"][0])
    within(float(rows[5]["active_peak_N"]), j["stances"][5]["active_peak_N"], 1e-12)


def test_force_text_summary():
    code, out, err = run("force", *READ)
    assert code == 0 and err == "", err
    for needle in ["stances", "cadence", "active peak", "impact peak", "VALR", "mean force"]:
        assert needle in out, needle


def test_force_filter_lowers_vilr_not_active_peak():
    raw = ok_json("force", *READ)["summary"]["columns"]
    filt = ok_json("force", *READ, "--filter-hz", "30")["summary"]["columns"]
    assert filt["vilr_bw_per_s"]["mean"] < raw["vilr_bw_per_s"]["mean"]
    within(filt["active_peak_bw"]["mean"], raw["active_peak_bw"]["mean"], 0.02)


def test_force_errors():
    assert_error(["force", FUKUCHI, "--mass-kg", "78.3", "--vertical-column", "Fy"],
                 "Time", "rate_hz")
    assert_error(["force", FUKUCHI, "--mass-kg", "78.3", "--rate-hz", "300",
                  "--vertical-column", "Fvert"], "Fvert", "Fy")
    assert_error(["force", "/nonexistent/trial.txt", "--mass-kg", "78.3", "--rate-hz", "300",
                  "--vertical-column", "Fy"], "/nonexistent/trial.txt")
    assert_error(["force", *READ[:2], "-5", *READ[3:]], "mass")
    assert_error(["force", *READ, "--json", "--csv"], "--json", "--csv")
    assert_error(["force", *READ, "--threshold-N", "5000"], "threshold_N")
    assert_error(["force", *READ, "--on-error", "skip"], "--on-error", "collect")


def test_force_malformed_row_is_file_line_and_gaps_are_refused():
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "bad.csv")
        with open(FUKUCHI) as src, open(path, "w") as dst:
            for i, line in enumerate(src):
                dst.write("12\tabc\t1\t2\t3\t4\t5\t6\n" if i == 11 else line)
        args = [path, "--mass-kg", "78.3", "--rate-hz", "300", "--vertical-column", "Fy"]
        assert_error(["force", *args], f"{path}:12")
        # Collect mode lists the row, but a stance across the missing sample would be
        # mismeasured: the command refuses, naming the gap and the line.
        assert_error(["force", *args, "--on-error", "collect"], "missing", "line(s) 12")


def compare_json(*extra):
    return ok_json("compare", *READ, "--speed-m-s", "2.5", "--height-m", "1.778", *extra)


def test_compare_json_shape_and_invariants():
    j = compare_json("--ap-column", "Fx")
    rows = j["models"]
    assert {r["model"] for r in rows} == set(MODELS)
    for r in rows:
        assert list(r)[:len(COMPARE_KEYS)] == COMPARE_KEYS, list(r)
        assert r["n"] + r["n_missing"] >= 70
        assert r["loa_low_pct"] <= r["bias_pct"] <= r["loa_high_pct"]
    # impulse balance: every model's impulse is m g (tc + tf); the measured impulse per step
    # equals bodyweight x step time within 1 % (reference figures), so the bias is within 1 %.
    for r in rows:
        if r["metric"] == "vertical_impulse":
            assert abs(r["bias_pct"]) < 1.0, r
    peak = {r["model"]: r for r in rows if r["metric"] == "peak_vertical_force"}
    assert set(peak) == set(MODELS)
    # Morin et al. 2005 report that the sine model underestimates a treadmill's Fmax.
    assert peak["morin2005"]["bias_pct"] < 0
    # the square pulse of impulse balance is the lower bound: its peak is the contact mean
    assert peak["impulse_balance"]["bias_pct"] < peak["morin2005"]["bias_pct"]
    metrics = {(r["model"], r["metric"]) for r in rows}
    assert ("spring_mass", "peak_braking_force") in metrics
    assert ("impulse_balance", "loading_rate") not in metrics
    assert ("clark2017", "loading_rate") in metrics


def test_compare_one_model_text_and_csv():
    code, out, err = run("compare", *READ, "--speed-m-s", "2.5", "--leg-length-m", "0.94",
                         "--model", "morin2005")
    assert code == 0 and err == "", err
    assert "morin2005" in out and "clark2017" not in out
    assert "-6.93" in out  # Morin 2005's published treadmill bias is printed beside ours
    code, out, err = run("compare", *READ, "--speed-m-s", "2.5", "--leg-length-m", "0.94",
                         "--csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == len(compare_json()["models"])


def test_compare_errors():
    assert_error(["compare", *READ, "--height-m", "1.778"], "--speed-m-s")
    # a speed every model refuses (km/h typed as m/s is still in range; 15.1 m/s is not)
    assert_error(["compare", *READ, "--speed-m-s", "15.1", "--height-m", "1.778"], "speed")
    # a leg too short for every step: each model that needs it refuses every step
    assert_error(["compare", *READ, "--speed-m-s", "9", "--leg-length-m", "0.94",
                  "--model", "morin2005"], "no model could take any")
    assert_error(["compare", *READ, "--speed-m-s", "2.5", "--height-m", "1.778",
                  "--waveform-rate-hz", "0"], "waveform_rate_hz")
    assert_error(["compare", *READ, "--speed-m-s", "2.5"], "--leg-length-m")
    assert_error(["compare", *READ, "--speed-m-s", "2.5", "--height-m", "1.778",
                  "--model", "nosuch"], "nosuch", "morin2005")


def write_accel_file(path, rate_hz=500.0, mass=70.0, peak_bw=2.5, tc=0.25, tf=0.12, steps=6):
    """A CoM accelerometer on a runner making half-sine forces: a [g] = F / (m g_n)."""
    n_step = int(round((tc + tf) * rate_hz))
    with open(path, "w") as f:
        f.write("time_s,ay_g,force_N\n")
        k = 0
        for _ in range(steps):
            for i in range(n_step):
                t = i / rate_hz
                force = peak_bw * mass * G_N * math.sin(math.pi * t / tc) if t < tc else 0.0
                f.write(f"{k / rate_hz:.6f},{force / (mass * G_N):.12f},{force:.9f}\n")
                k += 1
    return peak_bw * mass * G_N


def test_accel_methods_list():
    j = ok_json("accel-methods")
    names = [m["name"] for m in j["methods"]]
    assert len(names) >= 5 and "neugebauer2014" in names and "gurchiek2017" in names
    for m in j["methods"]:
        assert m["citation"] and m["published_error"] and m["location"]


def test_accel_meyer_recovers_the_force_of_an_ideal_com_accelerometer():
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "accel.csv")
        peak_N = write_accel_file(path)
        j = ok_json("accel", path, "--accel-column", "ay_g", "--mass-kg", "70",
                    "--method", "meyer2015", "--stance-column", "force_N")
        # 6 steps, the first starts at t = 0 (partial) and the last ends in flight
        assert 4 <= j["summary"]["stances"] <= 6
        for st in j["stances"]:
            within(st["peak_vertical_force_N"], st["measured_peak_N"], 1e-6)
            within(st["peak_vertical_force_N"], peak_N, 1e-3)
        # Gurchiek 2017 low-passes at 10 Hz: a 0.25 s half-sine (2 Hz) loses little peak
        g = ok_json("accel", path, "--accel-column", "ay_g", "--mass-kg", "70",
                    "--method", "gurchiek2017", "--stance-column", "force_N")
        for st in g["stances"]:
            within(st["peak_vertical_force_N"], peak_N, 0.03)


def test_accel_neugebauer_one_stance_and_errors():
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "accel.csv")
        write_accel_file(path, peak_bw=3.0, steps=1, tf=0.0)
        j = ok_json("accel", path, "--accel-column", "ay_g", "--mass-kg", "70",
                    "--method", "neugebauer2014")
        # Neugebauer 2014 running equation, peak 3 g at 70 kg: exp(6.181 + 0.055*3 +
        # 0.014*70) = 1519.3 N (research notes' fixture)
        assert j["summary"]["stances"] == 1
        within(j["stances"][0]["peak_vertical_force_N"], 1519.3, 1e-3)
        assert_error(["accel", path, "--accel-column", "ay_g", "--mass-kg", "70",
                      "--method", "nosuch"], "nosuch")
        assert_error(["accel", path, "--accel-column", "az", "--mass-kg", "70"], "az")


def test_help_lists_the_new_commands_and_flags():
    code, out, err = run("--help")
    for cmd in ["force", "compare", "accel", "accel-methods"]:
        assert cmd in out, cmd
    code, out, err = run("force", "--help")
    for flag in ["--mass-kg", "--rate-hz", "--vertical-column", "--filter-hz", "--threshold-N",
                 "--json", "--csv", "--on-error", "--ap-column"]:
        assert flag in out, flag
    code, out, err = run("compare", "--help")
    for flag in ["--speed-m-s", "--leg-length-m", "--height-m", "--model"]:
        assert flag in out, flag


if __name__ == "__main__":
    sys.exit(run_tests(globals()))
