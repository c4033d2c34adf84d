"""End-to-end tests of the `strideload` command-line tool (standard library only, no pytest).

Usage: python3 test_cli.py PATH/TO/strideload [EXPECTED_VERSION]

Each test runs the binary and checks numbers: published fixtures (Morin et al. 2005), the
momentum balance every model obeys (vertical impulse = m g (tc + tf)), unit conversions, and
the exit status / single stderr line of every kind of error. Prints "N passed, M failed" and
exits non-zero when a test fails.
"""

import csv
import json
import math
import os
import sys
import tempfile

from clitest import Cli, close, run_tests

BINARY = sys.argv[1] if len(sys.argv) > 1 else "strideload"
EXPECTED_VERSION = sys.argv[2] if len(sys.argv) > 2 else None

G_N = 9.80665  # standard gravity: 1 kgf in N
MODELS = ["constant_multiple", "impulse_balance", "morin2005", "spring_mass", "clark2017",
          "burns_hgrf"]

# The Morin et al. (2005) worked example used by the C++ tests (g = 9.81).
MORIN = dict(mass=70.0, v=5.0, tc=0.20, tf=0.12, leg=0.95, g=9.81)
MORIN_ARGS = ["--mass-kg", "70", "--speed-m-s", "5", "--contact-time-s", "0.2",
              "--flight-time-s", "0.12", "--leg-length-m", "0.95", "--gravity", "9.81"]
# Every step --json object starts with these keys, in this order; a model's extras follow.
COMMON_KEYS = ["model", "peak_vertical_force_N", "peak_vertical_force_bw",
               "peak_vertical_force_kgf", "mean_vertical_force_N", "vertical_impulse_Ns",
               "contact_time_s", "flight_time_s", "step_time_s", "grade"]


CLI = Cli(BINARY, timeout_s=60)
run = CLI.run
assert_usage_error = CLI.assert_error


def step_json(*args):
    """`strideload step ... --json`, parsed; asserts success and a silent stderr."""
    code, out, err = run("step", *args, "--json")
    assert code == 0, (code, err)
    assert err == "", err
    return json.loads(out)


# --- published numbers -------------------------------------------------------------------


def test_morin2005_fixture_json():
    r = step_json("--model", "morin2005", *MORIN_ARGS)
    m, g, tc, tf = MORIN["mass"], MORIN["g"], MORIN["tc"], MORIN["tf"]
    assert r["model"] == "morin2005"
    close(r["peak_vertical_force_N"], 1725.9, 1e-4)
    close(r["peak_vertical_force_bw"], 2.5133, 1e-4)
    close(r["leg_stiffness_N_per_m"], 8937.7, 1e-4)
    # Eq. 6 exactly: Fmax / (m g) = (pi/2)(tf/tc + 1).
    close(r["peak_vertical_force_bw"], math.pi / 2 * (tf / tc + 1), 1e-12)
    close(r["peak_vertical_force_kgf"], r["peak_vertical_force_N"] / G_N, 1e-12)
    close(r["mean_vertical_force_N"], m * g * (tc + tf) / tc, 1e-9)
    close(r["vertical_impulse_Ns"], m * g * (tc + tf), 1e-9)
    close(r["contact_time_s"], tc, 1e-12)
    close(r["flight_time_s"], tf, 1e-12)
    close(r["step_time_s"], tc + tf, 1e-12)
    assert r["grade"] == 0
    # Morin's extras, and no keys of models that give horizontal forces.
    for key in ["vertical_stiffness_N_per_m", "com_displacement_m", "leg_compression_m"]:
        assert key in r, key
    close(r["vertical_stiffness_N_per_m"], r["peak_vertical_force_N"] / r["com_displacement_m"],
          1e-9)
    close(r["leg_stiffness_N_per_m"], r["peak_vertical_force_N"] / r["leg_compression_m"], 1e-9)
    for key in ["peak_braking_force_N", "impact_peak_force_N", "touchdown_angle_rad"]:
        assert key not in r, key


def test_step_json_shape():
    r = step_json("--model", "morin2005", *MORIN_ARGS)
    assert isinstance(r, dict), r
    assert list(r) == COMMON_KEYS + ["leg_stiffness_N_per_m", "vertical_stiffness_N_per_m",
                                     "com_displacement_m", "leg_compression_m"], list(r)
    assert isinstance(r["model"], str)
    assert all(isinstance(v, (int, float)) for k, v in r.items() if k != "model"), r


def test_default_model_is_morin2005_and_gravity_is_standard():
    r = step_json(*MORIN_ARGS[:-2])
    assert r["model"] == "morin2005"
    close(r["vertical_impulse_Ns"], 70 * G_N * 0.32, 1e-9)


def test_morin2005_text_shows_n_bw_kgf():
    code, out, err = run("step", *MORIN_ARGS)
    assert code == 0 and err == "", err
    assert "1725.9 N" in out, out
    assert "2.513 BW" in out, out
    assert "176.0 kgf" in out, out  # 1725.87 N / 9.80665
    assert "8937.7 N/m" in out, out
    assert "219.74 N s" in out, out  # 70 x 9.81 x 0.32


# --- inputs as watches report them ---------------------------------------------------------


def test_cadence_and_contact_ms():
    r = step_json("--mass-kg", "70", "--speed-m-s", "4", "--leg-length-m", "0.95",
                  "--cadence-spm", "180", "--contact-time-ms", "240")
    close(r["contact_time_s"], 0.240, 1e-12)
    close(r["flight_time_s"], 0.09333333333, 1e-6)
    close(r["step_time_s"], 60.0 / 180.0, 1e-12)
    close(r["vertical_impulse_Ns"], 70 * G_N / 3.0, 1e-9)


def test_cadence_and_contact_ms_match_phase_times():
    by_watch = step_json("--mass-kg", "70", "--speed-m-s", "4", "--leg-length-m", "0.95",
                         "--cadence-spm", "150", "--contact-time-ms", "250")
    by_times = step_json("--mass-kg", "70", "--speed-m-s", "4", "--leg-length-m", "0.95",
                         "--contact-time-s", "0.25", "--flight-time-s", "0.15")
    for key in COMMON_KEYS[1:]:
        close(by_watch[key], by_times[key], 1e-9)


def test_height_gives_leg_length_053():
    by_height = step_json("--mass-kg", "70", "--speed-m-s", "5", "--contact-time-s", "0.2",
                          "--flight-time-s", "0.12", "--height-m", "1.8")
    by_leg = step_json("--mass-kg", "70", "--speed-m-s", "5", "--contact-time-s", "0.2",
                       "--flight-time-s", "0.12", "--leg-length-m", str(0.53 * 1.8))
    close(by_height["leg_stiffness_N_per_m"], by_leg["leg_stiffness_N_per_m"], 1e-12)


def test_models_without_speed_need_neither_speed_nor_leg():
    r = step_json("--model", "constant_multiple", "--mass-kg", "80", "--contact-time-s", "0.25",
                  "--flight-time-s", "0.1", "--bodyweight-multiple", "2.5")
    close(r["peak_vertical_force_bw"], 2.5, 1e-12)
    close(r["peak_vertical_force_N"], 2.5 * 80 * G_N, 1e-12)
    r = step_json("--model", "impulse_balance", "--mass-kg", "80", "--contact-time-s", "0.25",
                  "--flight-time-s", "0.1")
    close(r["peak_vertical_force_N"], 80 * G_N * 0.35 / 0.25, 1e-9)


def test_placeholder_speed_and_leg_do_not_reach_results():
    # Models that read neither speed nor leg length give the same numbers whether the user
    # gives them or the CLI fills its placeholders.
    for model in ["constant_multiple", "impulse_balance", "clark2017"]:
        base = ["--model", model, "--mass-kg", "80", "--contact-time-s", "0.25",
                "--flight-time-s", "0.1"]
        assert step_json(*base) == step_json(*base, "--speed-m-s", "6.5", "--leg-length-m",
                                             "0.8"), model


def test_gravity_scales_forces_not_bodyweights():
    moon = step_json(*MORIN_ARGS[:-1], "1.62")
    close(moon["vertical_impulse_Ns"], 70 * 1.62 * 0.32, 1e-9)
    close(moon["peak_vertical_force_bw"], math.pi / 2 * 1.6, 1e-12)
    close(moon["peak_vertical_force_kgf"], moon["peak_vertical_force_N"] / G_N, 1e-12)


def test_downhill_grade_raises_clark_impact_peak():
    base = ["--model", "clark2017", "--mass-kg", "70", "--contact-time-s", "0.22",
            "--flight-time-s", "0.1"]
    level = step_json(*base)
    down = step_json(*base, "--grade", "-0.05")  # a negative value after a space, too
    assert down["grade"] == -0.05
    # Gottschall & Kram 2005: impact peak +54 % at -9 deg, linear in angle.
    factor = 1 + 0.54 * math.degrees(math.atan(0.05)) / 9
    close(down["impact_peak_force_N"], factor * level["impact_peak_force_N"], 1e-9)
    close(down["vertical_impulse_Ns"], level["vertical_impulse_Ns"], 1e-12)


def test_clark_impact_parameters_change_impact_not_impulse():
    base = ["--model", "clark2017", "--mass-kg", "70", "--contact-time-s", "0.22",
            "--flight-time-s", "0.1"]
    soft = step_json(*base, "--impact-velocity-change-m-s", "0.5", "--impact-time-s", "0.03")
    hard = step_json(*base, "--impact-velocity-change-m-s", "1.5", "--impact-time-s", "0.03")
    assert hard["impact_peak_force_N"] > soft["impact_peak_force_N"]
    close(hard["vertical_impulse_Ns"], 70 * G_N * 0.32, 1e-6)
    close(soft["vertical_impulse_Ns"], 70 * G_N * 0.32, 1e-6)


# --- every model -----------------------------------------------------------------------------


def test_all_models_json_impulse_balance():
    code, out, err = run("step", "--model", "all", *MORIN_ARGS, "--json")
    assert code == 0 and err == "", err
    rows = json.loads(out)
    assert isinstance(rows, list) and len(rows) == 6, rows
    assert [r["model"] for r in rows] == MODELS
    m, g = MORIN["mass"], MORIN["g"]
    for r in rows:
        close(r["vertical_impulse_Ns"], m * g * (MORIN["tc"] + MORIN["tf"]), 1e-6)
        close(r["peak_vertical_force_N"], r["peak_vertical_force_bw"] * m * g, 1e-9)
        assert r["peak_vertical_force_N"] >= r["mean_vertical_force_N"] * (1 - 1e-12), r
    horizontal = {r["model"] for r in rows if "peak_braking_force_N" in r}
    assert horizontal == {"spring_mass", "burns_hgrf"}, horizontal


def test_all_models_text_table_and_rule_of_thumb():
    code, out, err = run("step", "--model", "all", *MORIN_ARGS)
    assert code == 0 and err == "", err
    lines = out.splitlines()
    for name in MODELS:
        assert sum(1 for line in lines if line.startswith(name + " ")) == 1, (name, out)
    rule_N = 3 * 70 * 9.81
    assert f"{rule_N:.1f} N" in out and f"{rule_N / G_N:.1f} kgf" in out, out
    assert "2.2-2.8 BW per foot contact" in out, out
    assert f"{2.2 * 70 * 9.81:.1f}-{2.8 * 70 * 9.81:.1f} N" in out, out
    assert max(len(line) for line in lines) <= 100


def all_json(*args):
    """`strideload step --model all ... --json`: asserts success and a silent stderr."""
    code, out, err = run("step", "--model", "all", *args, "--json")
    assert code == 0, (code, err)
    assert err == "", err
    rows = json.loads(out)
    assert isinstance(rows, list) and [r["model"] for r in rows] == MODELS, rows
    return rows


def test_all_models_json_entries_equal_single_model_output():
    for r in all_json(*MORIN_ARGS):
        assert r == step_json("--model", r["model"], *MORIN_ARGS), r["model"]
        assert list(r)[:len(COMMON_KEYS)] == COMMON_KEYS, list(r)


def test_all_models_without_flight_phase_json():
    # burns_hgrf needs a flight phase; the other five still run and balance momentum.
    args = ["--mass-kg", "70", "--speed-m-s", "5", "--contact-time-s", "0.2", "--flight-time-s",
            "0", "--leg-length-m", "0.95"]
    rows = all_json(*args)
    assert len(rows) == 6, rows
    burns = rows[MODELS.index("burns_hgrf")]
    assert set(burns) == {"model", "error"}, burns
    assert list(burns) == ["model", "error"], burns
    assert "flight_time_s" in burns["error"], burns
    code, _, err = run("step", "--model", "burns_hgrf", *args, "--json")
    assert code == 2 and err.strip() == "strideload: error: " + burns["error"], (code, err)
    for r in rows:
        if r["model"] == "burns_hgrf":
            continue
        assert "error" not in r, r
        close(r["vertical_impulse_Ns"], 70 * G_N * (0.2 + 0.0), 1e-6)
        assert r["flight_time_s"] == 0, r


def test_all_models_without_flight_phase_text():
    args = ["--mass-kg", "70", "--speed-m-s", "5", "--contact-time-s", "0.2", "--flight-time-s",
            "0", "--leg-length-m", "0.95"]
    code, out, err = run("step", "--model", "all", *args)
    assert code == 0 and err == "", (code, err)
    lines = out.splitlines()
    rows = {line.split()[0]: line for line in lines[1:7]}
    assert list(rows) == MODELS, lines
    assert rows["burns_hgrf"].split() == ["burns_hgrf", "n/a", "[1]"], rows["burns_hgrf"]
    for name in MODELS[:-1]:
        assert "n/a" not in rows[name] and f"{70 * G_N * 0.2:.2f}" in rows[name], rows[name]
    notes = [line for line in lines if line.startswith("[1] ")]
    assert len(notes) == 1 and notes[0].startswith("[1] burns_hgrf: flight_time_s"), lines
    assert "3x bodyweight" in out, out  # the rule of thumb still follows
    assert max(len(line) for line in lines) <= 100


def test_all_models_two_fail_short_contact():
    # A 30 ms contact: clark2017 needs tc > 2 x 20 ms, burns_hgrf finds no contact speed.
    args = ["--mass-kg", "70", "--speed-m-s", "5", "--contact-time-s", "0.03",
            "--flight-time-s", "0.1", "--leg-length-m", "0.95"]
    rows = all_json(*args)
    errors = {r["model"]: r["error"] for r in rows if "error" in r}
    assert set(errors) == {"clark2017", "burns_hgrf"}, errors
    assert "impact_time_s" in errors["clark2017"], errors
    for r in rows:
        if r["model"] not in errors:
            close(r["vertical_impulse_Ns"], 70 * G_N * 0.13, 1e-6)
    code, out, err = run("step", "--model", "all", *args)
    assert code == 0 and err == "", (code, err)
    lines = out.splitlines()
    for k, name in enumerate(["clark2017", "burns_hgrf"], start=1):
        row = next(line for line in lines if line.startswith(name + " "))
        assert row.split()[1:] == ["n/a", f"[{k}]"], row
        assert any(line.startswith(f"[{k}] {name}: ") for line in lines), (name, out)
    assert max(len(line) for line in lines) <= 100, out


def test_all_models_fail_is_status_2_with_first_error():
    line = assert_usage_error(["step", "--model", "all", *MORIN_ARGS[:-1], "0"], "--gravity")
    assert "gravity_m_s2" not in line, line
    assert_usage_error(["step", "--model", "all", *MORIN_ARGS[:-1], "0", "--json"], "--gravity")


def test_models_json():
    code, out, err = run("models", "--json")
    assert code == 0 and err == "", err
    models = json.loads(out)["models"]
    assert [m["name"] for m in models] == MODELS
    for m in models:
        assert set(m) == {"name", "citation", "summary", "uses_speed_and_leg", "horizontal"}, m
        assert any(ch.isdigit() for ch in m["citation"]), m  # a year
    uses = {m["name"] for m in models if m["uses_speed_and_leg"]}
    assert uses == {"morin2005", "spring_mass", "burns_hgrf"}, uses


def test_models_text():
    code, out, err = run("models")
    assert code == 0 and err == "", err
    for name in MODELS:
        assert any(line.startswith(name + " ") for line in out.splitlines()), name
    assert "Morin, Dalleau" in out


# --- waveform --------------------------------------------------------------------------------


def read_waveform(*args):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "w.csv")
        r = step_json(*args, "--waveform", path)
        with open(path, newline="") as f:
            rows = list(csv.reader(f))
    return r, rows[0], [[float(x) for x in row] for row in rows[1:]]


def test_waveform_rows_and_impulse():
    for model, rate in [("morin2005", 1000.0), ("spring_mass", 997.0), ("clark2017", 2000.0)]:
        r, header, rows = read_waveform("--model", model, *MORIN_ARGS, "--rate-hz", str(rate))
        horizontal = model == "spring_mass"
        expected = ["time_s", "vertical_N"] + (["horizontal_N"] if horizontal else [])
        assert header == expected, (model, header)
        assert len(rows) == math.ceil(MORIN["tc"] * rate), (model, len(rows))
        close(rows[1][0] - rows[0][0], 1 / rate, 1e-9)
        area = sum(row[1] for row in rows) / rate  # rectangle rule
        close(area, r["vertical_impulse_Ns"], 0.01)
        if horizontal:  # braking and propulsive impulses cancel in a steady step
            net = sum(row[2] for row in rows) / rate
            assert abs(net) < 0.01 * r["horizontal_impulse_Ns"], (net, r)


def test_waveform_text_mode_reports_file():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "w.csv")
        code, out, err = run("step", *MORIN_ARGS, "--rate-hz", "500", "--waveform", path)
        assert code == 0 and err == "", err
        assert f"100 samples at 500 Hz in {path}" in out, out


# --- errors: exit status 2 (1 for an unwritable file), one stderr line, empty stdout ---------


def test_bad_mass():
    assert_usage_error(["step", "--mass-kg", "10", *MORIN_ARGS[2:]], "mass_kg", "[20, 250]")
    assert_usage_error(["step", "--mass-kg", "nan", *MORIN_ARGS[2:]], "mass_kg")


def test_unknown_model_lists_valid_names():
    assert_usage_error(["step", "--model", "morin", *MORIN_ARGS], "morin", *MODELS, "all")


def test_missing_speed_for_morin():
    args = [a for i, a in enumerate(MORIN_ARGS) if i not in (2, 3)]
    assert_usage_error(["step", "--model", "morin2005", *args], "--speed-m-s", "morin2005")


def test_missing_leg_for_all():
    args = [a for i, a in enumerate(MORIN_ARGS) if i not in (8, 9)]
    assert_usage_error(["step", "--model", "all", *args], "--leg-length-m", "spring_mass")


def test_missing_mass_and_times():
    assert_usage_error(["step", *MORIN_ARGS[2:]], "--mass-kg")
    args = [a for i, a in enumerate(MORIN_ARGS) if i not in (4, 5)]
    assert_usage_error(["step", *args], "--flight-time-s", "requires", "--contact-time-s")
    args = [a for i, a in enumerate(MORIN_ARGS) if i not in (6, 7)]
    assert_usage_error(["step", *args], "--contact-time-s", "requires", "--flight-time-s")
    args = [a for i, a in enumerate(MORIN_ARGS) if i not in (4, 5, 6, 7)]
    assert_usage_error(["step", *args], "--contact-time-s", "--flight-time-s", "--cadence-spm",
                       "--contact-time-ms")


def test_timing_flags_come_in_pairs():
    # As in Python: (contact_time_s, flight_time_s) or (cadence_spm, contact_time_ms).
    base = ["step", "--mass-kg", "70", "--speed-m-s", "4", "--leg-length-m", "0.95"]
    assert_usage_error([*base, "--cadence-spm", "180"], "--cadence-spm", "requires",
                       "--contact-time-ms")
    assert_usage_error([*base, "--contact-time-ms", "240"], "--contact-time-ms", "requires",
                       "--cadence-spm")
    # Mixed: one flag of each pair, in either order on the command line.
    for mix in (["--contact-time-ms", "240", "--flight-time-s", "0.1"],
                ["--flight-time-s", "0.1", "--contact-time-ms", "240"],
                ["--contact-time-s", "0.24", "--cadence-spm", "180"],
                ["--cadence-spm", "180", "--contact-time-s", "0.24"]):
        line = assert_usage_error([*base, *mix])
        assert sum(flag in line for flag in ["--contact-time-s", "--flight-time-s",
                                             "--cadence-spm", "--contact-time-ms"]) == 2, line
        assert mix[0] in line or mix[2] in line, (mix, line)
    # A full pair plus a flag of the other pair.
    assert_usage_error([*base, "--contact-time-s", "0.24", "--flight-time-s", "0.1",
                        "--cadence-spm", "180"], "--contact-time-s", "excludes", "--cadence-spm")
    assert_usage_error([*base, "--contact-time-s", "0.24", "--flight-time-s", "0.1",
                        "--contact-time-ms", "240", "--cadence-spm", "180"], "excludes")


def test_conflicting_and_malformed_options():
    assert_usage_error(["step", *MORIN_ARGS, "--cadence-spm", "180"], "--cadence-spm")
    assert_usage_error(["step", *MORIN_ARGS, "--contact-time-ms", "200"], "--contact-time-ms")
    assert_usage_error(["step", *MORIN_ARGS, "--rate-hz", "1000"], "--waveform")
    assert_usage_error(["step", "--mass-kg", "abc", *MORIN_ARGS[2:]], "--mass-kg", "abc")
    assert_usage_error(["step", *MORIN_ARGS, "--no-such-flag"], "--no-such-flag")
    assert_usage_error([], "subcommand")


def test_library_range_errors():
    assert_usage_error(["step", *MORIN_ARGS, "--grade", "-0.5"], "grade", "-0.5")
    line = assert_usage_error(["step", *MORIN_ARGS[:-1], "0"], "--gravity = 0", "(0, 30]")
    assert "gravity_m_s2" not in line, line
    # A watch's contact time longer than the step (60/180 s): named and ranged in ms.
    line = assert_usage_error(["step", "--mass-kg", "70", "--speed-m-s", "5", "--leg-length-m",
                               "0.95", "--cadence-spm", "180", "--contact-time-ms", "400"],
                              "contact_time_ms", "400", "333.3")
    assert "contact_time_s" not in line, line
    assert_usage_error(["step", "--model", "burns_hgrf", "--mass-kg", "70", "--speed-m-s", "5",
                        "--contact-time-s", "0.2", "--flight-time-s", "0", "--leg-length-m",
                        "0.95"], "flight_time_s")
    assert_usage_error(["step", "--model", "clark2017", "--mass-kg", "70", "--contact-time-s",
                        "0.2", "--flight-time-s", "0.1", "--impact-time-s", "0.15"],
                       "impact_time_s")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "w.csv")
        assert_usage_error(["step", *MORIN_ARGS, "--rate-hz", "1", "--waveform", path],
                           "rate_hz")
        assert not os.path.exists(path)
        assert_usage_error(["step", "--model", "all", *MORIN_ARGS, "--rate-hz", "100",
                            "--waveform", path], "--waveform")


def test_unwritable_waveform_is_status_1():
    path = os.path.join(tempfile.gettempdir(), "no-such-dir-strideload", "sub", "w.csv")
    assert_usage_error(["step", *MORIN_ARGS, "--rate-hz", "100", "--waveform", path],
                       "cannot write", status=1)


def test_help_and_version():
    for args in (["--help"], ["step", "--help"], ["models", "--help"]):
        code, out, err = run(*args)
        assert code == 0 and err == "", (args, code, err)
        assert "Usage:" in out, out
    code, out, err = run("step", "--help")
    for flag in ["--model", "--mass-kg", "--speed-m-s", "--contact-time-s", "--contact-time-ms",
                 "--flight-time-s", "--cadence-spm", "--leg-length-m", "--height-m", "--gravity",
                 "--grade", "--bodyweight-multiple", "--impact-time-s",
                 "--impact-velocity-change-m-s", "--rate-hz", "--waveform", "--json"]:
        assert flag in out, flag
    code, out, err = run("--version")
    assert code == 0 and err == "", err
    version = out.strip()
    assert version.count(".") == 2 and all(p.isdigit() for p in version.split(".")), version
    if EXPECTED_VERSION:
        assert version == EXPECTED_VERSION, (version, EXPECTED_VERSION)


if __name__ == "__main__":
    sys.exit(run_tests(globals()))
