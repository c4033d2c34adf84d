"""Tissue damage and repair, and a stress-fracture probability, from daily leg load.

- :func:`damage` takes daily Miner-equivalent cycles (the ``equivalent_cycles`` column of
  :func:`strideload.daily_load`: both feet, k = 7, reference 2.5 BW) and returns, per day, the
  Miner damage added, the damage left after first-order repair (tau 18.5 d, Taylor, Casolari &
  Bignardi 2004), and the cumulative stress-fracture probability in the form of Edwards et al.
  2009 (MSSE 41:2177), optionally multiplied by the strength & conditioning risk multiplier.
- :func:`strength_risk_multiplier` is that multiplier: an evidence-based heuristic after
  Lauersen, Andersen & Andersen 2018 (BJSM 52:1557; RR 0.338 at 80 min/week), not a mechanical
  model; it scales risk, never load.

The computations are the C++ library's (``strideload/recovery/damage.hpp`` and
``strength.hpp``, where each constant's origin is written down: the Weibull exponent is chosen,
the repair Weibull is derived from 18.5 +/- 12.5 d, and ``cycles_to_failure`` is calibrated to
Sinclair & Taylor 2023's 0.15-0.22 over 100 days of 5 km/day). Day 0 of the series is the start
of the training regimen. Bad input raises ``ValueError`` naming the field.
"""

from __future__ import annotations

from typing import Optional, Union

import numpy as np
import pandas as pd

from . import _core
from ._daily import daily_values

_D = _core.DAMAGE_DEFAULTS

__all__ = ["damage", "strength_risk_multiplier"]


def _strength_multipliers(strength_min_per_week, index, n: int, strength_kw: dict):
    """Daily risk multipliers from weekly strength minutes (scalar or aligned Series)."""
    if np.ndim(strength_min_per_week) == 0 and not isinstance(strength_min_per_week, pd.Series):
        effect = strength_risk_multiplier(float(strength_min_per_week), **strength_kw)
        return np.full(n, effect.multiplier)
    if isinstance(strength_min_per_week, pd.Series):
        if index is not None:
            if not strength_min_per_week.index.equals(index):
                raise ValueError("strength_min_per_week: a Series must have the same index as "
                                 "equivalent_cycles")
        minutes = strength_min_per_week.to_numpy(dtype=np.float64, na_value=np.nan)
    else:
        minutes = np.asarray(strength_min_per_week, dtype=np.float64)
    if minutes.ndim != 1 or len(minutes) != n:
        raise ValueError(f"strength_min_per_week: expected a scalar or {n} daily values, "
                         f"got shape {minutes.shape}")
    out = np.empty(n)
    for i, value in enumerate(minutes):
        try:
            out[i] = strength_risk_multiplier(float(value), **strength_kw).multiplier
        except ValueError as e:
            raise ValueError(f"strength_min_per_week[{i}]: {e}") from None
    return out


def damage(equivalent_cycles, *, cycles_to_failure: float = _D["cycles_to_failure"],
           limb_fraction: float = _D["limb_fraction"],
           repair_tau_days: float = _D["repair_tau_days"],
           weibull_shape: float = _D["weibull_shape"],
           volume_factor: float = _D["volume_factor"],
           repair_shape: float = _D["repair_shape"],
           repair_scale_days: float = _D["repair_scale_days"],
           strength_min_per_week: Optional[Union[float, pd.Series, np.ndarray]] = None,
           target_min_per_week: float = _D["target_min_per_week"],
           relative_risk: float = _D["relative_risk"]) -> pd.DataFrame:
    """Daily Miner damage, damage after repair and cumulative stress-fracture probability.

    ``increment`` = limb_fraction * N_eq / cycles_to_failure; ``damage`` = yesterday's damage
    * exp(-1/repair_tau_days) + increment; ``fracture_probability`` = the integral of
    (1 - P_R(t)) dP_fA/dt from day 0 (Edwards et al. 2009 form, P_fA = 1 - exp(-V M^w) with M
    the unrepaired Miner damage, P_R = 1 - exp(-(t/t_r)^m)), multiplied day by day by the
    strength risk multiplier when ``strength_min_per_week`` is given.

    Parameters
    ----------
    equivalent_cycles : pandas.Series or array-like
        Daily Miner-equivalent cycles of both feet [cycles at the reference load per day],
        finite, >= 0, e.g. ``daily_load(...)["equivalent_cycles"]``. A Series on a daily
        DatetimeIndex (days missing from it are rest days, filled with 0) or on the integer
        index 0..n-1; its index is kept in the result.
    cycles_to_failure : float
        N_f, cycles to failure at the reference load per limb, > 0 (calibrated default: 5
        km/day for 100 days at 2.5 BW gives 0.18).
    limb_fraction : float
        Share of the cycles each limb takes, (0, 1].
    repair_tau_days : float
        Time constant of the first-order repair [days], > 0 (18.5: Taylor et al. 2004).
    weibull_shape : float
        w, the Weibull exponent of fatigue life, (0, 20] (chosen: 1).
    volume_factor : float
        V = V_s / V_s0, stressed over reference volume, > 0.
    repair_shape : float
        m, the Weibull exponent of repair time, (0, 20] (derived from 18.5 +/- 12.5 d).
    repair_scale_days : float
        t_r, the Weibull scale of repair time [days], > 0 (derived likewise).
    strength_min_per_week : float or pandas.Series or array-like, optional
        Weekly strength & conditioning minutes: one number for the whole period, or one value
        per day (the weekly minutes in effect that day) aligned to ``equivalent_cycles``. Each
        day's contribution to the probability is multiplied by
        :func:`strength_risk_multiplier` of it. None: no adjustment.
    target_min_per_week : float
        Strength minutes per week at which the full effect is reached [min/week], > 0.
    relative_risk : float
        Relative risk at the target (Lauersen et al. 2018: 0.338), (0, 2].

    Returns
    -------
    pandas.DataFrame
        Columns ``increment`` [Miner fraction/day], ``damage`` [Miner fraction],
        ``fracture_probability`` (cumulative, in [0, 1], non-decreasing); the input's index (a
        RangeIndex of days for an array).

    Raises
    ------
    ValueError
        For a negative, NaN or infinite day, an index that is not daily, strength
        minutes of the wrong length or out of range, or an option out of range.
    """
    values, index = daily_values(equivalent_cycles, "equivalent_cycles")
    increment, dmg = _core.damage(values, cycles_to_failure=cycles_to_failure,
                                  limb_fraction=limb_fraction, repair_tau_days=repair_tau_days)
    daily = None
    if strength_min_per_week is not None:
        # Only the estimate is used here; the CI ends just have to bracket it.
        strength_kw = {"target_min_per_week": target_min_per_week,
                       "relative_risk": relative_risk,
                       "relative_risk_low": min(relative_risk, _D["relative_risk_low"]),
                       "relative_risk_high": max(relative_risk, _D["relative_risk_high"])}
        daily = _strength_multipliers(strength_min_per_week, index, len(values), strength_kw)
    p = _core.fracture_probability(values, weibull_shape=weibull_shape,
                                   volume_factor=volume_factor, repair_shape=repair_shape,
                                   repair_scale_days=repair_scale_days,
                                   cycles_to_failure=cycles_to_failure,
                                   limb_fraction=limb_fraction, daily_risk_multiplier=daily)
    return pd.DataFrame({"increment": increment, "damage": dmg, "fracture_probability": p},
                        index=index if index is not None else pd.RangeIndex(len(values)))


def strength_risk_multiplier(weekly_strength_min: float, *,
                             target_min_per_week: float = _D["target_min_per_week"],
                             relative_risk: float = _D["relative_risk"],
                             relative_risk_low: float = _D["relative_risk_low"],
                             relative_risk_high: float = _D["relative_risk_high"]):
    """Injury-risk multiplier of weekly strength & conditioning minutes, with its 95 % CI.

    multiplier = 1 - (1 - RR) * min(1, minutes / target). An evidence-based heuristic after
    Lauersen, Andersen & Andersen 2018 (BJSM 52:1557: 6 RCTs across sports, RR 0.338, 95 % CI
    0.238-0.480); not running-specific (Toresdahl et al. 2020's marathon RCT found no
    significant effect) and not a mechanical model. Multiply risk outputs (the fracture
    probability) by it, never the mechanical load.

    Parameters
    ----------
    weekly_strength_min : float
        Strength & conditioning minutes in the week [min/week], 0-10080.
    target_min_per_week : float
        Minutes at which the full effect is reached [min/week], > 0 (80 = 4 x 20 min).
    relative_risk : float
        RR at the target, (0, 2].
    relative_risk_low : float
        Lower end of its 95 % CI, (0, relative_risk].
    relative_risk_high : float
        Upper end of its 95 % CI, [relative_risk, 2].

    Returns
    -------
    StrengthEffect
        ``dose_fraction``, ``multiplier``, ``multiplier_low``, ``multiplier_high``.

    Raises
    ------
    ValueError
        For minutes or an option out of range.
    """
    return _core.strength_risk_multiplier(
        weekly_strength_min, target_min_per_week=target_min_per_week,
        relative_risk=relative_risk, relative_risk_low=relative_risk_low,
        relative_risk_high=relative_risk_high)
