"""strideload.recovery: fitness/fatigue/form, ACWR, monotony, plan_today and bands through pandas.

Expected numbers are the research-note fixtures (load-recovery.md §2a, §3): GoldenCheetah's
PMC recurrence, the ACWR fixture of 21 days of 100 then 7 of 200, Foster's week.
"""

import inspect
import math

import numpy as np
import pandas as pd
import pytest

import strideload
from docstrings import documented

DAYS = pd.date_range("2026-03-01", periods=10, freq="D", name="date")
GC_LOAD = pd.Series([0, 100, 100, 100, 100, 100, 100, 0, 0, 0], index=DAYS, dtype=float)


def test_fitness_fatigue_goldencheetah_fixture():
    r = strideload.fitness_fatigue(GC_LOAD)
    assert list(r.columns) == ["fitness", "fatigue", "form", "ramp"]
    assert r.index.equals(DAYS)
    assert r["fitness"].iloc[1] == pytest.approx(2.352831, abs=1e-6)
    assert r["fatigue"].iloc[1] == pytest.approx(13.312210, abs=1e-6)
    assert r["form"].iloc[2] == pytest.approx(-10.959379, abs=1e-6)
    assert r["fitness"].iloc[6] == pytest.approx(13.312210, abs=1e-6)
    assert r["fatigue"].iloc[6] == pytest.approx(57.562715, abs=1e-6)
    assert r["form"].iloc[7] == pytest.approx(-44.250505, abs=1e-6)


def test_fitness_fatigue_trainingpeaks_convention_and_form_today():
    load = pd.Series([100.0, 0.0], index=DAYS[:2])
    r = strideload.fitness_fatigue(load, decay="reciprocal")
    assert r["fitness"].iloc[0] == pytest.approx(2.380952, abs=1e-6)
    assert r["fatigue"].iloc[0] == pytest.approx(14.285714, abs=1e-6)
    today = strideload.fitness_fatigue(load, decay="reciprocal", form_today=True)
    assert today["form"].iloc[0] == pytest.approx(2.380952 - 14.285714, abs=1e-6)


def test_missing_days_are_rest_days():
    sparse = GC_LOAD[GC_LOAD > 0]
    r = strideload.fitness_fatigue(sparse)
    # The index runs from the first to the last listed day, every day.
    assert r.index.equals(DAYS[1:7])
    assert r["fatigue"].iloc[-1] == pytest.approx(57.562715, abs=1e-6)
    gap = GC_LOAD.drop(DAYS[3])  # 100 dropped on day 3: now a rest day
    assert len(strideload.fitness_fatigue(gap)) == 10
    assert strideload.fitness_fatigue(gap)["fitness"].iloc[3] < \
        strideload.fitness_fatigue(GC_LOAD)["fitness"].iloc[3]


def test_many_athletes_as_dataframe_and_array():
    loads = pd.DataFrame({"ann": GC_LOAD, "bob": GC_LOAD[::-1].to_numpy()}, index=DAYS)
    many = strideload.fitness_fatigue(loads)
    for athlete in loads:
        one = strideload.fitness_fatigue(loads[athlete])
        for q in ("fitness", "fatigue", "form"):
            np.testing.assert_array_equal(many[q][athlete].to_numpy(), one[q].to_numpy())
    matrix = np.ascontiguousarray(loads.to_numpy().T)
    fit, fat, form = strideload.fitness_fatigue(matrix)
    assert fit.shape == matrix.shape
    np.testing.assert_array_equal(form[1], many["form"]["bob"].to_numpy())


def test_days_until_fresh():
    r = strideload.fitness_fatigue(GC_LOAD)
    f, a = r["fitness"].iloc[6], r["fatigue"].iloc[6]
    t = strideload.days_until_fresh(f, a)
    assert f * math.exp(-t / 42) == pytest.approx(a * math.exp(-t / 7))
    assert strideload.days_until_fresh(10, 5) == 0
    assert math.isinf(strideload.days_until_fresh(0, 5))


def test_acwr_fixture():
    load = pd.Series([100.0] * 21 + [200.0] * 7,
                     index=pd.date_range("2026-01-01", periods=28, freq="D"))
    r = strideload.acwr(load)
    assert list(r.columns) == ["rolling_coupled", "rolling_uncoupled", "ewma"]
    last = r.iloc[-1]
    assert last["rolling_coupled"] == pytest.approx(1.6)
    assert last["rolling_uncoupled"] == pytest.approx(2.0)
    assert last["ewma"] == pytest.approx(1.339350, abs=1e-6)
    assert strideload.acwr(load, ewma_seed="zero")["ewma"].iloc[-1] == \
        pytest.approx(1.483019, abs=1e-6)
    assert r["rolling_coupled"].iloc[:27].isna().all()


def test_monotony_strain_foster():
    week = [300, 0, 450, 300, 0, 600, 200]
    s = strideload.monotony_strain(np.array(week, dtype=float))
    assert s["monotony"] == pytest.approx(1.194792, abs=1e-6)
    assert s["strain"] == pytest.approx(2210.365783, abs=1e-6)
    p = strideload.monotony_strain(np.array(week, dtype=float), sd="population")
    assert p["monotony"] == pytest.approx(1.290523, abs=1e-6)
    rolling = strideload.rolling_monotony_strain(pd.Series([0.0] + week,
                                                           index=DAYS[:8]))
    assert rolling["monotony"].iloc[-1] == pytest.approx(1.194792, abs=1e-6)
    assert rolling["monotony"].iloc[:6].isna().all()


def test_session_rpe_and_trimp():
    assert strideload.session_rpe_load(rpe=7, duration_min=45) == pytest.approx(315)
    assert strideload.trimp(60, 150, 50, 190) == pytest.approx(108.095359340, abs=1e-9)


def test_plan_today_form_band_closed_form():
    history = GC_LOAD.iloc[:4]  # rest, then 100 x 3: fitness 6.893722, fatigue 34.856094
    l1, l2 = 1 - math.exp(-1 / 42), 1 - math.exp(-1 / 7)
    c = (1 - l1) * 6.893722 - (1 - l2) * 34.856094
    r = strideload.plan_today(history, max_load=1000, load_per_km=10)
    assert r.today.feasible and r.today.reason == ""
    assert r.today.low == 0
    assert r.today.high == pytest.approx((c + 30) / (l2 - l1), rel=1e-6)
    assert r.today.distance_high_km == pytest.approx(r.today.high / 10)
    assert r.plan.index[0] == DAYS[4]
    assert len(r.plan) == 7 and r.plan["in_band"].all()
    assert list(r.plan.columns) == ["load", "value", "in_band", "distance_km"]


def test_plan_today_rest_acwr_and_damage():
    rest = strideload.plan_today(GC_LOAD.iloc[:7])
    assert not rest.today.feasible and rest.today.reason == "rest"
    assert rest.plan["value"].iloc[0] == pytest.approx(-36.900850, abs=1e-6)
    a = strideload.plan_today(np.full(27, 100.0), target="acwr", max_load=1000)
    assert (a.low, a.high) == (0.8, 1.3)
    assert a.today.high == pytest.approx((1.3 * 2700 - 4 * 600) / 2.7, rel=1e-6)
    with pytest.raises(ValueError, match="history"):
        strideload.plan_today(np.full(5, 100.0), target="acwr")
    with pytest.raises(ValueError, match="high"):
        strideload.plan_today(np.full(5, 100.0), target="damage")
    d = strideload.plan_today(np.full(30, 8000.0), target="damage", high=0.5)
    assert d.today.feasible


def test_bands_contain_the_model_without_bias():
    load = pd.Series(np.tile([0.0, 60, 80, 40, 120, 0, 90], 20),
                     index=pd.date_range("2026-01-01", periods=140, freq="D"))
    b = strideload.fitness_fatigue_bands(load, peak_bias=0.0)
    r = strideload.fitness_fatigue(load)
    assert (b["fitness_low"] <= r["fitness"] + 1e-12).all()
    assert (r["fitness"] <= b["fitness_high"] + 1e-12).all()
    assert (b["form_low"] <= r["form"] + 1e-12).all()
    d = strideload.damage_bands(load * 100)
    assert list(d.columns) == ["damage_low", "damage_high", "fracture_probability_low",
                               "fracture_probability_high"]
    assert (d["damage_low"] <= d["damage_high"]).all()


def test_daily_series_from_daily_load_table():
    daily = pd.DataFrame({"start": ["2026-01-01", "2026-01-02"], "equivalent_cycles": [5e3, 0]})
    s = strideload.daily_series(daily, scale=0.01)
    assert s.index[1] == pd.Timestamp("2026-01-02") and s.iloc[0] == 50
    with pytest.raises(ValueError, match="steps"):
        strideload.daily_series(daily, "steps")


@pytest.mark.parametrize("call, field", [
    (lambda: strideload.fitness_fatigue(np.array([1.0, np.nan])), "load[1]"),
    (lambda: strideload.fitness_fatigue(np.array([-1.0])), "load[0]"),
    (lambda: strideload.fitness_fatigue(np.ones(3), fatigue_tau_days=0), "fatigue_tau_days"),
    (lambda: strideload.fitness_fatigue(np.ones(3), decay="linear"), "decay"),
    (lambda: strideload.acwr(np.ones(30), chronic_days=5), "chronic_days"),
    (lambda: strideload.acwr(np.ones(30), ewma_seed="mean"), "ewma_seed"),
    (lambda: strideload.fitness_fatigue(pd.concat([GC_LOAD, GC_LOAD])), "more than once"),
    (lambda: strideload.plan_today(np.ones(3), target="tss"), "target"),
    (lambda: strideload.plan_today(np.ones(3), low=0, high=-1), "high"),
    (lambda: strideload.plan_today(np.ones(3), fitness_tau=3), "fitness_tau"),
    (lambda: strideload.days_until_fresh(-1, 2), "fitness"),
    (lambda: strideload.monotony_strain(np.ones(1)), "days"),
    (lambda: strideload.trimp(60, 200, 50, 190), "hr_average_bpm"),
])
def test_bad_input_names_the_field(call, field):
    with pytest.raises(ValueError, match=field.replace("[", r"\[")):
        call()


@pytest.mark.parametrize("function", [
    strideload.fitness_fatigue, strideload.fitness_fatigue_bands, strideload.acwr,
    strideload.rolling_monotony_strain, strideload.plan_today, strideload.damage_bands,
    strideload.daily_series, strideload.days_until_fresh,
])
def test_every_parameter_is_documented(function):
    parameters = set(inspect.signature(function).parameters)
    assert documented(function.__doc__) == parameters


def test_plot_fitness_fatigue_returns_a_figure():
    import matplotlib
    matplotlib.use("Agg")
    load = pd.Series(np.tile([0.0, 60, 80, 40, 120, 0, 90], 6),
                     index=pd.date_range("2026-01-01", periods=42, freq="D"))
    plan = strideload.plan_today(load)
    fig = strideload.plot_fitness_fatigue(load, bands=strideload.fitness_fatigue_bands(load),
                                          plan=plan)
    top, bottom = fig.axes
    # Bars: 42 history days and 7 planned; lines: fitness and fatigue through the plan.
    assert len(top.patches) == 42 + 7
    fitness = [line for line in top.lines if line.get_label() == "fitness"]
    assert len(fitness) == 1 and len(fitness[0].get_xdata()) == 42 + 7
    assert bottom.get_ylabel() == "form"
    assert documented(strideload.plot_fitness_fatigue.__doc__) == \
        set(inspect.signature(strideload.plot_fitness_fatigue).parameters)
    with pytest.raises(ValueError, match="DatetimeIndex"):
        strideload.plot_fitness_fatigue(load.to_numpy())


def test_every_function_reads_a_daily_series_the_same_way():
    # Days missing from a DatetimeIndex are rest days for fitness/fatigue, the Banister model
    # and tissue damage alike; the result comes back on every calendar day.
    gap = GC_LOAD.drop(DAYS[3])
    full = GC_LOAD.copy()
    full.iloc[3] = 0.0
    np.testing.assert_array_equal(strideload.fitness_fatigue(gap)["fitness"],
                                  strideload.fitness_fatigue(full)["fitness"])
    b_gap = strideload.banister_performance(gap, 500, 1, 2, 27, 10)
    assert b_gap.index.equals(DAYS)
    np.testing.assert_array_equal(b_gap, strideload.banister_performance(full, 500, 1, 2, 27, 10))
    d_gap = strideload.damage(gap * 100)
    assert d_gap.index.equals(DAYS)
    np.testing.assert_array_equal(d_gap["damage"], strideload.damage(full * 100)["damage"])
    # Times of day that differ are refused rather than guessed.
    odd = pd.Series([1.0, 2.0], index=pd.to_datetime(["2026-01-01 08:00", "2026-01-03 09:00"]))
    for f in (strideload.fitness_fatigue, strideload.damage):
        with pytest.raises(ValueError, match="times of day"):
            f(odd)
