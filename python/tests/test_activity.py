"""Activities, session loads, days and weeks (strideload.activity).

Reference values are independent of the code under test: python-fitparse's decoding of the
Fenix 5 records (tests/data/activities/garmin-fenix-5-run-records.csv), calendar facts from
Python's datetime, the impulse balance of clark2017 (each step's vertical impulse is m g times
its step time), and plain pandas sums of additive columns.
"""
import datetime as dt
import inspect
import pathlib

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest

import strideload

from docstrings import documented

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "activities"
FENIX5 = DATA / "garmin-fenix-5-run.fit"
FENIX2 = DATA / "activity-small-fenix2-run.fit"
TRAIL = DATA / "3173437224.tcx"
RIDE = DATA / "activity_5039744860-cycling.gpx"
LOG = ROOT / "examples" / "data" / "training-log.csv"
G = 9.80665


@pytest.fixture(scope="module")
def fenix5():
    return strideload.read_activity(FENIX5)


@pytest.fixture(scope="module")
def weeks_sessions():
    return strideload.session_load([strideload.read_activity(LOG, time_zone="Europe/Paris"),
                                    TRAIL], mass_kg=70.0)


def _log_rows():
    """(date, kind, duration_min) of the sample log, read with the csv module alone."""
    import csv
    lines = [ln for ln in LOG.read_text().splitlines() if ln.strip() and not ln.startswith("#")]
    rows = list(csv.DictReader(lines))
    return [(r["date"][:10], r["kind"], float(r["duration_min"])) for r in rows]


def test_fenix5_records_match_fitparse(fenix5):
    key = pd.read_csv(DATA / "garmin-fenix-5-run-records.csv")
    rec = fenix5.records
    assert len(rec) == 21 == len(key)
    assert list(rec.columns) == ["time", "time_s", *strideload.activity.RECORD_COLUMNS[1:]]
    np.testing.assert_allclose(rec["distance_m"], key["distance"], rtol=0, atol=1e-9)
    # python-fitparse reads the integer cadence field only (no fractional_cadence).
    np.testing.assert_array_equal(np.floor(rec["cadence_rpm"]), key["cadence"])
    # Timestamps are printed in US Pacific daylight time (UTC-7).
    expected = [dt.datetime.strptime(t.replace("PDT ", ""), "%a %b %d %H:%M:%S %Y")
                .replace(tzinfo=dt.timezone(dt.timedelta(hours=-7))) for t in key["timestamp"]]
    assert list(rec["time"]) == [pd.Timestamp(t).tz_convert("UTC") for t in expected]
    assert str(rec["time"].dt.tz) == "UTC"
    assert fenix5.format == "fit" and fenix5.source.endswith("garmin-fenix-5-run.fit")
    assert fenix5.sessions["sport"].iloc[0] == "running"


def test_records_are_views_of_the_cpp_activity(fenix5):
    a = fenix5.record_array("cadence_rpm")
    b = fenix5.record_array("cadence_rpm")
    assert np.shares_memory(a, b)
    assert not a.flags.writeable and not a.flags.owndata
    assert np.shares_memory(fenix5.records["cadence_rpm"].to_numpy(), a)
    with pytest.raises(ValueError, match="cadence"):
        fenix5.record_array("cadence")
    # The view keeps the C++ activity alive after the Python wrapper is gone.
    view = strideload.read_activity(FENIX5).record_array("distance_m")
    np.testing.assert_array_equal(view, fenix5.record_array("distance_m"))


def test_tcx_trail_run_loads_as_running():
    trail = strideload.read_activity(TRAIL)
    assert trail.format == "tcx"
    assert set(trail.sessions["sport"]) == {"running"}
    assert len(trail.records) == 3507  # trackpoints in the file (README)
    assert trail.sessions["start"].iloc[0] == pd.Timestamp("2019-01-29T10:25:12Z")


def test_impulse_balance_fenix2():
    # clark2017: each step's vertical impulse is m g (t_c + t_f) = m g t_step, and the steps of
    # an interval fill it, so Sigma impulse = m g x moving time.
    mass = 68.0
    s = strideload.session_load(FENIX2, mass_kg=mass)
    assert len(s) >= 1 and s["on_foot"].all()
    row = s.iloc[0]
    assert row["steps"] > 0 and row["failed_steps"] == 0
    assert row["vertical_impulse_Ns"] == pytest.approx(mass * G * row["moving_s"], rel=1e-9)
    assert row["vertical_impulse_bw_s"] == pytest.approx(row["moving_s"], rel=1e-9)
    # Most steps from the recorded cadence and stance time; the few records without them
    # (cadence 0, no stance time) use the fallbacks, so both sources read "mixed".
    assert row["steps_from"] == "mixed" and row["contact_from"] == "mixed"
    # Column order: identification, then the totals, then the grade bands.
    cols = list(s.columns)
    assert cols[:11] == ["source", "index", "sport", "sub_sport", "start", "start_s", "on_foot",
                         "strength", "steps_from", "contact_from", "rpe"]
    assert cols[11] == "sessions" and cols[-6] == "failed_steps"
    assert cols[-5:] == ["time_grade_below_-8pct_s", "time_grade_-8_to_-3pct_s",
                         "time_grade_-3_to_3pct_s", "time_grade_3_to_8pct_s",
                         "time_grade_8pct_and_up_s"]
    # Every moving second falls in one grade band.
    assert s[cols[-5:]].sum(axis=1).iloc[0] == pytest.approx(row["moving_s"], rel=1e-12)


def test_session_steps_sum_to_session_load():
    act = strideload.read_activity(FENIX2)
    steps = strideload.session_steps(act, 0)
    load = strideload.session_load(act, mass_kg=70.0)
    assert list(steps.columns) == ["time", "time_s", "duration_s", "steps", "speed_m_s",
                                   "contact_time_s", "flight_time_s", "grade"]
    assert steps["steps"].sum() == pytest.approx(load["steps"].iloc[0], rel=1e-12)
    assert steps["duration_s"].sum() == pytest.approx(load["moving_s"].iloc[0], rel=1e-12)
    report = steps.attrs["report"]
    assert report["moving_s"] == pytest.approx(steps["duration_s"].sum(), rel=1e-12)
    # Every step has exactly one source for its count and one for its contact time.
    total = steps["steps"].sum()
    assert report["steps_from_cadence"] + report["steps_from_step_length"] + report[
        "steps_assumed"] + report["steps_from_log"] == pytest.approx(total, rel=1e-12)
    assert report["contact_from_stance_time"] + report["contact_from_relation"] == pytest.approx(
        total, rel=1e-12)
    assert report["steps_from_cadence"] > 0.9 * total  # the Fenix 2 records cadence
    with pytest.raises(ValueError, match="pause_gap"):
        strideload.session_steps(act, 0, pause_gap_s=0.0)
    with pytest.raises(ValueError, match="unknown step option"):
        strideload.session_steps(act, 0, pause_gap=30)
    with pytest.raises(ValueError, match="session"):
        strideload.session_steps(act, 99)


def test_ride_is_refused_unless_sport_given():
    with pytest.raises(ValueError, match="cycling"):
        strideload.session_load(RIDE, mass_kg=70.0)
    s = strideload.session_load(RIDE, mass_kg=70.0, sport="running")
    assert s["sport"].iloc[0] == "running" and s["steps"].iloc[0] > 0


def test_bad_input():
    with pytest.raises(FileNotFoundError):
        strideload.read_activity(DATA / "no-such-file.fit")
    with pytest.raises(ValueError, match="time"):
        strideload.read_activity(LOG, time_zone="Mars/Olympus")
    with pytest.raises(ValueError, match="leg_length_m"):
        strideload.session_load(FENIX2, mass_kg=70.0, model="morin2005")
    with pytest.raises(ValueError, match="mass"):
        strideload.session_load(FENIX2, mass_kg=5.0)


def test_log_time_zone_named_and_fixed():
    # "2019-01-22" without a time is 12:00 local: 11:00 UTC in Paris in January.
    paris = strideload.read_activity(LOG, time_zone="Europe/Paris").sessions
    fixed = strideload.read_activity(LOG, time_zone="+01:00").sessions
    utc = strideload.read_activity(LOG).sessions
    assert paris["start"].iloc[1] == pd.Timestamp("2019-01-22T11:00Z")
    assert utc["start"].iloc[1] == pd.Timestamp("2019-01-22T12:00Z")
    np.testing.assert_array_equal(paris["start_s"], fixed["start_s"])  # winter: +01:00
    # Rows with their own offset are not moved by the zone.
    assert paris["start"].iloc[0] == utc["start"].iloc[0] == pd.Timestamp("2019-01-21T17:30Z")
    assert (paris["utc_offset_s"] == 3600).all()


def test_weekly_load_of_log_and_trail(weeks_sessions):
    weeks = strideload.weekly_load(weeks_sessions, time_zone="Europe/Paris")
    # The ISO weeks of the log's dates, from Python's calendar.
    dates = [dt.date.fromisoformat(d) for d, _, _ in _log_rows()]
    labels = sorted({f"{d.isocalendar()[0]}-W{d.isocalendar()[1]:02d}" for d in dates})
    assert labels == ["2019-W04", "2019-W05", "2019-W06"]
    assert list(weeks["label"]) == labels
    mondays = [min(d for d in dates if f"{d.isocalendar()[0]}-W{d.isocalendar()[1]:02d}" == w)
               for w in labels]
    assert list(weeks["start"]) == [(d - dt.timedelta(days=d.weekday())).isoformat()
                                    for d in mondays]
    per_week = [sum(1 for d, k, _ in _log_rows() if k == "strength"
                    and f"{dt.date.fromisoformat(d).isocalendar()[1]:02d}" == w[-2:])
                for w in labels]
    assert per_week == [4, 2, 3]
    assert list(weeks["strength_sessions"]) == per_week
    assert list(weeks["strength_target_met"]) == [True, False, False]
    assert weeks["strength_target_fraction"].iloc[0] == 1.0
    assert weeks["strength_target_fraction"].iloc[1] == pytest.approx((21 + 19) / 80)
    # The TCX trail run is in week 5, and the ride counts as a session without load.
    assert "running" in weeks["sports"].iloc[1] and "cycling" in weeks["sports"].iloc[1]
    # C++ sums equal plain pandas sums of the additive columns.
    week_of = weeks_sessions["start"].dt.tz_convert("Europe/Paris").dt.isocalendar()
    key = week_of["year"].astype(str) + "-W" + week_of["week"].astype(str).str.zfill(2)
    for col in ("steps", "vertical_impulse_Ns", "strength_min", "sessions"):
        expected = weeks_sessions.groupby(key)[col].sum()
        np.testing.assert_allclose(weeks[col], expected.loc[labels].to_numpy(), rtol=1e-12)
    # psi recombines exactly: psi_week^m = Sigma psi_session^m.
    m = weeks.attrs["stress_exponent"]
    psi = weeks_sessions.groupby(key)["stress_stimulus"].apply(lambda s: (s ** m).sum() ** (1 / m))
    np.testing.assert_allclose(weeks["stress_stimulus"], psi.loc[labels].to_numpy(), rtol=1e-12)
    with pytest.raises(ValueError, match="stress_exponent"):
        strideload.weekly_load(weeks_sessions, stress_exponent=3)


def test_daily_load_lists_every_day(weeks_sessions):
    days = strideload.daily_load(weeks_sessions, time_zone="Europe/Paris")
    local = weeks_sessions["start"].dt.tz_convert("Europe/Paris").dt.date
    first, last = local.min(), local.max()
    assert len(days) == (last - first).days + 1
    assert list(days["label"]) == [(first + dt.timedelta(days=i)).isoformat()
                                   for i in range(len(days))]
    # 2019-02-08 has no session: a zero row, not a missing one.
    empty = days.set_index("label").loc["2019-02-08"]
    assert empty["sessions"] == 0 and empty["steps"] == 0 and empty["sports"] == ""
    expected = weeks_sessions.groupby(local.astype(str))["vertical_impulse_Ns"].sum()
    got = days.set_index("label")["vertical_impulse_Ns"]
    np.testing.assert_allclose(got.loc[expected.index], expected.to_numpy(), rtol=1e-12)
    assert got.sum() == pytest.approx(weeks_sessions["vertical_impulse_Ns"].sum(), rel=1e-12)


def test_plot_weekly_load(weeks_sessions):
    import matplotlib.figure
    import matplotlib.pyplot as plt

    weeks = strideload.weekly_load(weeks_sessions, time_zone="Europe/Paris")
    fig = strideload.plot_weekly_load(weeks)
    assert isinstance(fig, matplotlib.figure.Figure)
    assert len(fig.axes) in (1, 2)
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == list(weeks["label"])
    plt.close(fig)
    with pytest.raises(ValueError, match="missing"):
        strideload.plots.weekly_load(weeks, value="no_such_column")


@pytest.mark.parametrize("function", [
    strideload.read_activity, strideload.session_steps, strideload.session_load,
    strideload.daily_load, strideload.weekly_load, strideload.plots.weekly_load])
def test_public_docstrings_list_every_parameter(function):
    assert documented(function.__doc__) == set(inspect.signature(function).parameters)
    assert "Returns\n-------" in inspect.cleandoc(function.__doc__)
