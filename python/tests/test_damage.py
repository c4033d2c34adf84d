"""Tissue damage-repair, stress-fracture probability and the strength risk multiplier.

Fixtures: research notes load-recovery.md sections 4b-4c and 6 (damage ratio 1.1 x 0.9^k;
repair 18.5 +/- 12.5 d, Taylor et al. 2004; Sinclair & Taylor 2023's 0.15-0.22 over 100 days of
5 km/day; Edwards et al. 2009's directions; Lauersen et al. 2018's RR 0.338, CI 0.238-0.480).
"""
import inspect
import math
import re

import numpy as np
import pandas as pd
import pytest

from docstrings import documented
from strideload import _core, tissue

STEP_M = 1.43
MILE_M = 1609.344


def daily_cycles(metres, peak_bw, stride=1.0):
    """N_eq per day (reference 2.5 BW, k = 7) of running `metres` at `peak_bw`."""
    return metres / (STEP_M * stride) * (peak_bw / 2.5) ** 7


def regimen(metres, peak_bw, stride=1.0, days=100):
    index = pd.date_range("2024-03-01", periods=days, freq="D")
    return pd.Series(daily_cycles(metres, peak_bw, stride), index=index, name="equivalent_cycles")


def p100(metres, peak_bw, stride=1.0):
    return tissue.damage(regimen(metres, peak_bw, stride))["fracture_probability"].iloc[-1]


@pytest.mark.parametrize("k, expected", [(7, 0.526127), (4, 0.72171), (6.6, 0.548774),
                                         (10, 0.383546)])
def test_damage_ratio_fixture(k, expected):
    assert _core.damage_ratio(1.1, 0.9, k) == pytest.approx(expected, rel=1e-5)


def test_damage_columns_and_index_preserved():
    s = regimen(5000, 2.5, days=30)
    out = tissue.damage(s, cycles_to_failure=1e5)
    assert list(out.columns) == ["increment", "damage", "fracture_probability"]
    assert out.index.equals(s.index)
    assert out["increment"].iloc[0] == pytest.approx(0.5 * s.iloc[0] / 1e5)
    # An array gives a RangeIndex of days and the same numbers.
    plain = tissue.damage(s.to_numpy(), cycles_to_failure=1e5)
    assert plain.index.equals(pd.RangeIndex(30))
    np.testing.assert_allclose(plain.to_numpy(), out.to_numpy())


def test_repair_leaves_e_to_minus_one_after_tau_days():
    cycles = np.zeros(60)
    cycles[0] = 5000.0
    inc, dmg = _core.damage(cycles, repair_tau_days=20.0)
    assert dmg[20] / dmg[0] == pytest.approx(math.exp(-1.0))
    assert inc[1:].sum() == 0.0


def test_constant_load_reaches_steady_state():
    out = tissue.damage(np.full(1000, 3497.0))
    inc = out["increment"].iloc[-1]
    assert out["damage"].iloc[-1] == pytest.approx(inc / -math.expm1(-1.0 / 18.5), rel=1e-12)


def test_repair_weibull_defaults_match_taylor_2004_moments():
    d = _core.DAMAGE_DEFAULTS
    m, t_r = d["repair_shape"], d["repair_scale_days"]
    g1, g2 = math.gamma(1 + 1 / m), math.gamma(1 + 2 / m)
    assert t_r * g1 == pytest.approx(18.5, rel=1e-5)
    assert t_r * math.sqrt(g2 - g1 * g1) == pytest.approx(12.5, rel=1e-4)


def test_fracture_probability_zero_load_monotone_and_bounded():
    assert tissue.damage(np.zeros(40))["fracture_probability"].eq(0.0).all()
    rng = np.random.default_rng(7)
    for scale in (1.0, 1e3):
        p = tissue.damage(rng.uniform(0, 8000, 150) * scale)["fracture_probability"].to_numpy()
        assert np.all(np.diff(p) >= 0.0)
        assert p[-1] <= 1.0


def test_calibration_point_in_sinclair_taylor_band():
    # The point cycles_to_failure was calibrated on (5 km/day x 100 days at 2.5 BW).
    assert 0.15 <= p100(5000, 2.5) <= 0.22


@pytest.mark.parametrize("peak", [2.2, 2.3, 2.4, 2.5, 2.6])
def test_typical_peaks_stay_in_published_range(peak):
    assert 0.05 <= p100(5000, peak) <= 0.25


def test_edwards_directions_mileage_peak_stride():
    previous = 0.0
    for miles in (3, 5, 7):
        p = p100(miles * MILE_M, 2.5)
        assert p > previous
        previous = p
        assert p100(miles * MILE_M, 2.25, 0.9) < p  # 1.1 x cycles at 0.9 x peak
    assert p100(5000, 2.7) > p100(5000, 2.5) > p100(5000, 2.3)


def test_strength_multiplier_fixtures():
    e = tissue.strength_risk_multiplier(0.0)
    assert (e.dose_fraction, e.multiplier, e.multiplier_low, e.multiplier_high) == (0, 1, 1, 1)
    e = tissue.strength_risk_multiplier(80.0)
    assert e.multiplier == pytest.approx(0.338)
    assert e.multiplier_low == pytest.approx(0.238)
    assert e.multiplier_high == pytest.approx(0.480)
    assert tissue.strength_risk_multiplier(160.0).multiplier == pytest.approx(0.338)
    assert tissue.strength_risk_multiplier(40.0).multiplier == pytest.approx(0.669)


def test_strength_scales_fracture_probability_scalar_and_series():
    s = regimen(5000, 2.5)
    base = tissue.damage(s)["fracture_probability"]
    with_80 = tissue.damage(s, strength_min_per_week=80.0)
    np.testing.assert_allclose(with_80["fracture_probability"], 0.338 * base, rtol=1e-12)
    # Damage itself is mechanical and does not change.
    np.testing.assert_array_equal(with_80["damage"], tissue.damage(s)["damage"])
    # Weekly minutes per day: 40 min/week in effect every day is 0.669 x.
    weekly = pd.Series(40.0, index=s.index)
    np.testing.assert_allclose(tissue.damage(s, strength_min_per_week=weekly)
                               ["fracture_probability"], 0.669 * base, rtol=1e-12)
    # None for the first 50 days, 80 min/week after: the first 50 days are unchanged.
    weekly = pd.Series(np.where(np.arange(100) < 50, 0.0, 80.0), index=s.index)
    p = tissue.damage(s, strength_min_per_week=weekly)["fracture_probability"]
    np.testing.assert_allclose(p.iloc[:50], base.iloc[:50], rtol=1e-12)
    assert base.iloc[-1] * 0.338 < p.iloc[-1] < base.iloc[-1]


@pytest.mark.parametrize("call, field", [
    (lambda: tissue.damage(np.array([100.0, -1.0])), "equivalent_cycles[1]"),
    (lambda: tissue.damage(np.array([np.nan])), "equivalent_cycles[0]"),
    (lambda: tissue.damage(np.ones(3), limb_fraction=0.0), "limb_fraction"),
    (lambda: tissue.damage(np.ones(3), cycles_to_failure=-1.0), "cycles_to_failure"),
    (lambda: tissue.damage(np.ones(3), repair_tau_days=0.0), "repair_tau_days"),
    (lambda: tissue.damage(np.ones(3), weibull_shape=0.0), "weibull_shape"),
    (lambda: tissue.damage(np.ones((3, 2))), "equivalent_cycles"),
    (lambda: tissue.damage(pd.Series([1.0, 2.0], index=pd.to_datetime(
        ["2024-01-03", "2024-01-01"]))), "equivalent_cycles"),
    (lambda: tissue.damage(pd.Series([1.0, 2.0], index=[3, 7])), "equivalent_cycles"),
    (lambda: tissue.damage(np.ones(3), strength_min_per_week=-5.0), "weekly_strength_min"),
    (lambda: tissue.damage(np.ones(3), strength_min_per_week=np.ones(2)),
     "strength_min_per_week"),
    (lambda: tissue.strength_risk_multiplier(-1.0), "weekly_strength_min"),
    (lambda: tissue.strength_risk_multiplier(10.0, target_min_per_week=0.0),
     "target_min_per_week"),
    (lambda: _core.damage_ratio(1.1, 0.9, 0.5), "k"),
    (lambda: _core.fracture_probability(np.ones(3), daily_risk_multiplier=np.ones(2)),
     "daily_risk_multiplier"),
])
def test_bad_input_is_value_error_naming_the_field(call, field):
    with pytest.raises(ValueError, match=re.escape(field)):
        call()


@pytest.mark.parametrize("function", [tissue.damage, tissue.strength_risk_multiplier])
def test_docstrings_list_every_parameter(function):
    assert documented(function.__doc__) == set(inspect.signature(function).parameters)


@pytest.mark.parametrize("name", ["damage", "fracture_probability", "damage_ratio",
                                  "strength_risk_multiplier"])
def test_core_docstrings_list_every_parameter(name):
    signature, body = getattr(_core, name).__doc__.split("\n", 1)
    assert documented(body) == set(re.findall(r"(\w+):", signature))
