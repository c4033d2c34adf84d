"""Banister impulse-response model in Python: the pandas wrapper and the _core functions.

Fixtures: Clarke & Skiba 2013 (Adv Physiol Educ 37:134) as in research notes load-recovery.md
section 1 - fixture A (sheet "6 - IR model def") and fixture B (sheet "8 - IR model fit", the
bundled tests/data/recovery/clarke2013_ir_fit_fixture.csv, fitted SSE 20.2546 W^2).
"""

import dataclasses
import inspect
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from strideload import _core
from strideload.banister import BanisterFitResult, banister_performance, fit_banister

from docstrings import documented

CSV = (Path(__file__).resolve().parents[2] / "tests" / "data" / "recovery"
       / "clarke2013_ir_fit_fixture.csv")
PUBLISHED = dict(p0=261.9273721089768, k1=0.1825819069014407, k2=0.23016327121095306,
                 tau1=35.821034441472136, tau2=21.33971458297882)
START = pd.Timestamp("2011-01-01")


@pytest.fixture(scope="module")
def clarke():
    """The 165-day series on a date index: load, model column and the 9 tests."""
    table = pd.read_csv(CSV, comment="#")
    table.index = pd.date_range(START, periods=len(table), freq="D")
    return table


def fixture_a_load():
    w = np.zeros(160)
    w[1:120] = 100.0
    w[120:127] = [80, 60, 50, 40, 35, 30, 30]
    return w


def test_fixture_a_forward_model_array():
    p = banister_performance(fixture_a_load(), 500, 1, 2, 27, 10)
    assert isinstance(p, np.ndarray)
    for day, expected in [(1, 400.0), (2, 315.39656082293675), (37, 501.98907927528262),
                          (100, 1080.9917092917062), (150, 1342.4118319224176)]:
        assert abs(p[day] - expected) <= 1e-9
    assert int(np.argmax(p[120:])) + 120 == 134
    assert abs(p[134] - 1595.1602880703667) <= 1e-9


def test_fixture_b_forward_curve_equals_csv_column(clarke):
    curve = banister_performance(clarke["bikescore_AU"], **PUBLISHED)
    assert isinstance(curve, pd.Series)
    assert curve.index.equals(clarke.index)
    np.testing.assert_allclose(curve.to_numpy(), clarke["model_perf_W"].to_numpy(), rtol=0,
                               atol=1e-9)


def test_fixture_b_fit_on_a_date_index(clarke):
    tests = clarke["test_power_W"]  # NaN on the 156 days without a test
    fit = fit_banister(clarke["bikescore_AU"], tests)
    assert isinstance(fit, BanisterFitResult)
    assert fit.n_tests == 9
    assert fit.sse <= 20.26  # the spreadsheet's Solver fit: 20.2546
    assert fit.r2 >= 0.97922 - 1e-5  # the spreadsheet's R^2 at its SSE
    assert fit.r2_adjusted == pytest.approx(1 - (1 - fit.r2) * 8 / 3, abs=1e-12)
    assert fit.curve.index.equals(clarke.index)
    # The curve is the model of the fitted parameters, and its residuals give the SSE.
    model = banister_performance(clarke["bikescore_AU"], fit.p0, fit.k1, fit.k2, fit.tau1,
                                 fit.tau2)
    np.testing.assert_array_equal(fit.curve.to_numpy(), model.to_numpy())
    measured = tests.dropna()
    assert ((fit.curve[measured.index] - measured) ** 2).sum() == pytest.approx(fit.sse,
                                                                               rel=1e-9)
    # Recovery times near the spreadsheet fit's t_n = 12.22 d, t_g = 39.57 d.
    assert fit.time_to_net_positive_days == pytest.approx(12.224707842, abs=0.5)
    assert fit.time_to_peak_effect_days == pytest.approx(39.566018966, abs=0.5)
    with pytest.raises(dataclasses.FrozenInstanceError):
        fit.p0 = 0.0


def test_fit_with_array_load_and_integer_days_matches_date_fit(clarke):
    tests = clarke["test_power_W"].dropna()
    by_day = pd.Series(tests.to_numpy(), index=(tests.index - START).days)
    fit = fit_banister(clarke["bikescore_AU"].to_numpy(), by_day)
    dated = fit_banister(clarke["bikescore_AU"], tests)
    assert fit.sse == dated.sse
    assert isinstance(fit.curve.index, pd.RangeIndex)
    # The test days of the notes' table (section 1d).
    assert list(by_day.index) == [45, 48, 56, 70, 77, 83, 105, 115, 132]


def test_published_recovery_times():
    published = BanisterFitResult(sse=20.25455866, r2=0.97922, r2_adjusted=math.nan, n_tests=9,
                                  curve=pd.Series(dtype=float), **PUBLISHED)
    assert published.time_to_net_positive_days == pytest.approx(12.224707842, abs=1e-8)
    assert published.time_to_peak_effect_days == pytest.approx(39.566018966, abs=1e-8)
    assert _core.time_to_net_positive_days(1, 2, 27, 10) == pytest.approx(270 / 17 * math.log(2))
    assert _core.time_to_peak_effect_days(1, 2, 27, 10) == pytest.approx(26.7839, abs=1e-4)


def test_next_day_is_same_day_a_day_later_with_decayed_gains():
    w = fixture_a_load()
    nxt = _core.banister_performance(w, 500, 1, 2, 27, 10, lag="next_day")
    same = _core.banister_performance(w, 500, math.exp(-1 / 27), 2 * math.exp(-1 / 10), 27, 10)
    assert nxt[0] == 500
    np.testing.assert_allclose(nxt[1:], same[:-1], rtol=0, atol=1e-9)


def test_core_reads_float64_input_in_place_and_converts_others():
    w = fixture_a_load()
    a = _core.banister_performance(w, 500, 1, 2, 27, 10)
    b = _core.banister_performance(w.astype(np.float32), 500, 1, 2, 27, 10)
    np.testing.assert_array_equal(a, b)  # the loads are small integers: exact in float32
    c = _core.banister_performance(np.repeat(w, 2)[::2], 500, 1, 2, 27, 10)  # strided copy
    np.testing.assert_array_equal(a, c)


def test_test_date_not_in_load_index_is_an_error(clarke):
    tests = clarke["test_power_W"].dropna().copy()
    tests.index = tests.index + pd.Timedelta(hours=8)  # tests logged at 08:00, load at midnight
    with pytest.raises(ValueError, match="performances.*not in load's index"):
        fit_banister(clarke["bikescore_AU"], tests)
    late = clarke["test_power_W"].dropna().copy()
    late.index = late.index + pd.Timedelta(days=100)
    with pytest.raises(ValueError, match="performances: 6 date"):
        fit_banister(clarke["bikescore_AU"], late)


def test_bad_input_is_value_error(clarke):
    load = clarke["bikescore_AU"]
    tests = clarke["test_power_W"]
    with pytest.raises(ValueError, match="no day more than once"):
        fit_banister(pd.concat([load.iloc[:5], load.iloc[4:]]), tests)
    with pytest.raises(ValueError, match=r"load\[3\]"):
        fit_banister(load.where(load.index != load.index[3], -1.0), tests)
    with pytest.raises(ValueError, match="at least 6"):
        fit_banister(load, tests.dropna().iloc[:5])
    with pytest.raises(ValueError, match="lag"):
        fit_banister(load, tests, lag="tomorrow")
    with pytest.raises(ValueError, match="tau_max_days"):
        fit_banister(load, tests, tau_min_days=50, tau_max_days=20)
    with pytest.raises(ValueError, match="starts"):
        fit_banister(load, tests, starts=0)
    with pytest.raises(ValueError, match="performances: day 200"):
        fit_banister(load.to_numpy(), pd.Series([1.0] * 6, index=[1, 2, 3, 4, 5, 200]))
    with pytest.raises(ValueError, match="load: must be 1-D"):
        banister_performance(np.ones((3, 2)), 0, 1, 2, 27, 10)
    with pytest.raises(ValueError, match="tau1_days"):
        banister_performance(load, 0, 1, 2, 0.0, 10)
    with pytest.raises(ValueError, match="tau1_days"):
        _core.time_to_net_positive_days(1, 2, 10, 10)
    with pytest.raises(ValueError, match="k1"):
        _core.time_to_peak_effect_days(0, 2, 27, 10)
    with pytest.raises(ValueError, match=r"test_days\[0\]"):
        _core.fit_banister(load.to_numpy(), np.arange(6) + 165, np.ones(6))
    with pytest.raises(ValueError, match="test_values"):
        _core.fit_banister(load.to_numpy(), np.arange(6), np.ones(5))


@pytest.mark.parametrize("function", [fit_banister, banister_performance])
def test_public_docstrings_list_every_parameter(function):
    assert documented(function.__doc__) == set(inspect.signature(function).parameters)
    assert "Returns\n-------" in inspect.cleandoc(function.__doc__)


@pytest.mark.parametrize("name", ["banister_performance", "fit_banister",
                                  "time_to_net_positive_days", "time_to_peak_effect_days"])
def test_core_docstrings_list_every_parameter(name):
    signature, body = getattr(_core, name).__doc__.split("\n", 1)
    assert documented(body) == set(re.findall(r"(\w+):", signature))
    assert "Returns\n-------" in inspect.cleandoc(body)
