"""End-to-end tests of `strideload load` (standard library only, no pytest).

Usage: python3 test_cli_load.py PATH/TO/strideload

Data: the bundled sample training log (examples/data/training-log.csv), a TCX trail run, a
Garmin FIT run and a GPX bike ride (tests/data/activities, MIT, see its README). Expected
calendar facts (ISO weeks, strength sessions per week) are computed here from the CSV with the
csv and datetime modules, independently of strideload. Prints "N passed, M failed".
"""

import csv
import datetime
import json
import os
import sys
import tempfile

from clitest import Cli, close, run_tests

BINARY = sys.argv[1] if len(sys.argv) > 1 else "strideload"
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
LOG = os.path.join(ROOT, "examples", "data", "training-log.csv")
ACT = os.path.join(ROOT, "tests", "data", "activities")
TCX = os.path.join(ACT, "3173437224.tcx")
FIT = os.path.join(ACT, "activity-small-fenix2-run.fit")
RIDE = os.path.join(ACT, "activity_5039744860-cycling.gpx")
G_N = 9.80665
# The keys the issue fixes as public JSON, in every row of sessions, days and weeks.
KEYS = ["sport", "start", "duration_s", "distance_m", "steps", "vertical_impulse_Ns",
        "mean_peak_N", "max_peak_N", "stress_stimulus"]

CLI = Cli(BINARY, timeout_s=120)
run = CLI.run
assert_error = CLI.assert_error


def load_json(*args):
    code, out, err = run("load", *args, "--mass-kg", "70", "--json")
    assert code == 0, (code, err)
    return json.loads(out)


def log_rows():
    with open(LOG, newline="") as f:
        lines = [line for line in f if line.strip() and not line.lstrip().startswith("#")]
    return list(csv.DictReader(lines))


def test_weeks_of_the_log_and_the_trail_run():
    weeks = load_json(LOG, TCX, "--tz", "Europe/Paris")["weeks"]
    rows = log_rows()
    # ISO weeks of the log's dates, by Python's calendar.
    iso = sorted({"%04d-W%02d" % datetime.date.fromisoformat(r["date"][:10]).isocalendar()[:2]
                  for r in rows})
    assert [w["week"] for w in weeks] == iso, [w["week"] for w in weeks]
    for w in weeks:
        for key in KEYS:
            assert key in w, key
    strength = {}
    for r in rows:
        if r["kind"].strip().lower() == "strength":
            week = "%04d-W%02d" % datetime.date.fromisoformat(r["date"][:10]).isocalendar()[:2]
            strength[week] = strength.get(week, 0) + 1
    for w in weeks:
        assert w["strength_sessions"] == strength.get(w["week"], 0), w
        assert w["strength_target_met"] == (w["strength_sessions"] >= 4
                                            and w["strength_min"] >= 80), w
    # Monday of each week.
    for w in weeks:
        assert datetime.date.fromisoformat(w["start"]).isoweekday() == 1, w["start"]


def test_days_are_every_day_and_sum_to_the_sessions():
    sessions = load_json(LOG, TCX, "--by", "session")["sessions"]
    days = load_json(LOG, TCX, "--by", "day")["days"]
    first = datetime.date.fromisoformat(days[0]["date"])
    last = datetime.date.fromisoformat(days[-1]["date"])
    assert len(days) == (last - first).days + 1
    for key in ["steps", "vertical_impulse_Ns", "duration_s", "strength_min", "sessions"]:
        close(sum(d[key] for d in days), sum(s[key] for s in sessions), 1e-9)
    assert any(d["sessions"] == 0 for d in days), "no zero-load day listed"


def test_session_rows_and_the_impulse_invariant():
    sessions = load_json(TCX, FIT, "--by", "session", "--tz", "Europe/Paris")["sessions"]
    assert [s["sport"] for s in sessions] == ["running", "running"]
    tcx = [s for s in sessions if s["source"].endswith(".tcx")][0]
    # <Id>2019-01-29T10:25:12.000Z</Id> is 11:25:12 in Paris (UTC+1 in winter).
    assert tcx["start"] == "2019-01-29T11:25:12+01:00", tcx["start"]
    for s in sessions:
        for key in KEYS:
            assert key in s, key
        assert s["on_foot"] is True
        # Momentum over whole steps: Σ impulse = m g × time moving (clark2017 keeps it).
        close(s["vertical_impulse_Ns"], 70 * G_N * s["moving_s"], 1e-9)
        assert 1.5 < s["mean_peak_N"] / (70 * G_N) < 4.0, s["mean_peak_N"]
        assert s["max_peak_N"] >= s["mean_peak_N"]
        assert s["steps_from"] in ("cadence", "mixed")


def test_csv_has_the_same_columns():
    code, out, err = run("load", LOG, "--mass-kg", "70", "--by", "day", "--csv")
    assert code == 0, err
    rows = list(csv.DictReader(out.splitlines()))
    assert rows and "date" in rows[0] and "stress_stimulus" in rows[0], rows[:1]


def test_text_table():
    code, out, err = run("load", LOG, TCX, "--mass-kg", "70")
    assert code == 0, err
    assert "2019-W05" in out and "psi" in out, out


def test_a_ride_is_refused_unless_overridden():
    line = assert_error(["load", RIDE, "--mass-kg", "70"], "cycling")
    assert "not on foot" in line, line
    sessions = load_json(RIDE, "--by", "session", "--sport", "running")["sessions"]
    assert sessions[0]["steps"] > 0


def test_a_damaged_file_fails_or_keeps_its_valid_prefix():
    data = open(FIT, "rb").read()
    with tempfile.TemporaryDirectory() as tmp:
        cut = os.path.join(tmp, "cut.fit")
        with open(cut, "wb") as f:
            f.write(data[: len(data) * 6 // 10])
        assert_error(["load", cut, "--mass-kg", "70"], "truncated")
        # The session message (with the sport) is at the end: the prefix names no sport.
        assert_error(["load", cut, "--mass-kg", "70", "--keep-valid-prefix"], "unknown")
        code, out, err = run("load", cut, "--mass-kg", "70", "--keep-valid-prefix", "--json",
                             "--sport", "running")
        assert code == 0, err
        assert "warning" in err and "dropped" in err, err
        assert json.loads(out)["weeks"][0]["steps"] > 0


def test_bad_input_is_one_line():
    assert_error(["load", LOG, "--mass-kg", "70", "--tz", "Mars/Olympus"], "Mars/Olympus")
    assert_error(["load", LOG, "--mass-kg", "70", "--json", "--csv"], "--json")
    assert_error(["load", LOG, "--mass-kg", "70", "--model", "nosuch"], "nosuch")
    assert_error(["load", os.path.join(ACT, "README.md"), "--mass-kg", "70"], "extension")
    assert_error(["load", LOG, "--mass-kg", "70", "--model", "morin2005"], "--height-m")


def test_help_lists_the_flags():
    code, out, err = run("load", "--help")
    assert code == 0
    for flag in ["--mass-kg", "--height-m", "--model", "--by", "--json", "--csv",
                 "--keep-valid-prefix", "--tz", "--sport"]:
        assert flag in out, flag


if __name__ == "__main__":
    sys.exit(run_tests(globals()))
