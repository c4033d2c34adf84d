"""Has my body recovered, and how much can I load it today?

Daily load in, pandas out (the computations are the C++ ``strideload/recovery/`` headers):

- :func:`fitness_fatigue`: fitness, fatigue, form and ramp rate (the performance-management
  chart; GoldenCheetah's convention by default), for one runner (Series) or many (DataFrame
  with one column per athlete, or a 2-D athlete x day numpy array: the fast path).
- :func:`fitness_fatigue_bands`: the same with uncertainty bands from the per-step model error
  and published time-constant ranges.
- :func:`acwr`: acute:chronic workload ratio, one column per method (``rolling_coupled``,
  ``rolling_uncoupled``, ``ewma``); :func:`rolling_monotony_strain` (Foster 1998).
- :func:`plan_today`: today's load range that keeps form, ACWR or tissue damage inside a band,
  the running distance it corresponds to, and a day-by-day plan.
- :func:`days_until_fresh`: days of rest until form is back to >= 0.
- :func:`daily_series`: one column of :func:`strideload.daily_load` as a date-indexed Series.

A daily load is a pandas Series with a DatetimeIndex (days missing from the index are rest
days: the result has one row per calendar day from the first to the last), a Series on the
integer index 0..n-1, or a 1-D array (day 0 first); the same for every function here, in
:mod:`strideload.banister` and in :mod:`strideload.tissue`. Loads must be finite and >= 0 (a
rest day is 0, not NaN).

Which load? Any daily series: session-RPE (:func:`strideload.session_rpe_load`), TRIMP
(:func:`strideload.trimp`), TSS, or strideload's mechanical load. For the mechanical load,
``daily_series(daily, "equivalent_cycles", scale=0.01)`` gives hundreds of steps at the
reference 2.5 BW (Miner-weighted with k = 7), so an hour of steady running is of the order of 50-
200, the scale the default form band -30 to -10 was made for. That scale is a convention of
strideload, not a published one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple

import numpy as np
import pandas as pd

from . import _core
from ._daily import daily_values as _as_daily

_D = _core.DAMAGE_DEFAULTS  # the damage model's defaults, as strideload.tissue uses them

_DEFAULT_BANDS = {"form": (-30.0, -10.0), "acwr": (0.8, 1.3)}


def _frame(columns: dict, index: Optional[pd.Index]) -> pd.DataFrame:
    return pd.DataFrame(columns, index=index)


def fitness_fatigue(load, *, fitness_tau_days: float = 42.0, fatigue_tau_days: float = 7.0,
                    decay: str = "exponential", form_today: bool = False,
                    seed_fitness: float = 0.0, seed_fatigue: float = 0.0, ramp_days: int = 7):
    """Fitness, fatigue and form of a daily training load (Banister's exponential averages).

    ``fitness(d) = fitness(d-1) + l1 (load(d) - fitness(d-1))`` with ``l1`` from
    ``fitness_tau_days``, fatigue likewise with ``fatigue_tau_days``, and form = fitness -
    fatigue of the day before (today's session changes tomorrow's form). Defaults follow
    GoldenCheetah (``PMCData.cpp``): 42 and 7 days, ``l = 1 - exp(-1/tau)``, form from
    yesterday, starting from 0. Load 100 on day 1 after a rest day gives fitness 2.352831,
    fatigue 13.312210 and form -10.959379 on day 2.

    Parameters
    ----------
    load : pandas.Series, pandas.DataFrame or numpy.ndarray
        Daily load: a Series (DatetimeIndex; missing days are rest days), a DataFrame with one
        column per athlete (same days), a 1-D array, or a 2-D athlete x day array (the fast
        path: read in place, computed without the GIL). Finite, >= 0.
    fitness_tau_days : float
        Time constant of fitness [days], >= 1.
    fatigue_tau_days : float
        Time constant of fatigue [days], >= 1.
    decay : str
        ``"exponential"`` (l = 1 - exp(-1/tau), GoldenCheetah) or ``"reciprocal"`` (l = 1/tau,
        TrainingPeaks' description).
    form_today : bool
        Form of day d from day d's values instead of day d-1's.
    seed_fitness : float
        Fitness on the day before the first [load unit], >= 0.
    seed_fatigue : float
        Fatigue on the day before the first [load unit], >= 0.
    ramp_days : int
        Ramp rate window: ``ramp = fitness(d) - fitness(d - ramp_days)``.

    Returns
    -------
    pandas.DataFrame or tuple of numpy.ndarray
        For a Series or 1-D array: columns ``fitness``, ``fatigue``, ``form``, ``ramp`` on the
        daily index. For a DataFrame of athletes: columns ``(quantity, athlete)`` (a
        MultiIndex; ``result["form"]`` is one column per athlete), without ramp. For a 2-D
        array: ``(fitness, fatigue, form)`` arrays shaped like it.

    Raises
    ------
    ValueError
        For a negative or non-finite load (naming the day), or an option out of range.
    """
    options = dict(fitness_tau_days=fitness_tau_days, fatigue_tau_days=fatigue_tau_days,
                   decay=decay, form_today=form_today, seed_fitness=seed_fitness,
                   seed_fatigue=seed_fatigue, ramp_days=ramp_days)
    if isinstance(load, np.ndarray) and load.ndim == 2:
        return _core._fitness_fatigue_batch(np.ascontiguousarray(load, dtype=np.float64),
                                            **options)
    if isinstance(load, pd.DataFrame):
        index = load.index
        matrix = np.ascontiguousarray(load.to_numpy(dtype=np.float64, na_value=np.nan).T)
        if isinstance(index, pd.DatetimeIndex) and len(index):
            full = pd.date_range(index.normalize()[0], index.normalize()[-1], freq="D")
            if len(full) != len(index) or not index.normalize().equals(full):
                raise ValueError("load: a DataFrame of athletes needs one row per calendar day, "
                                 "in order (reindex missing days with 0)")
        fit, fat, form = _core._fitness_fatigue_batch(matrix, **options)
        parts = {name: pd.DataFrame(values.T, index=index, columns=load.columns)
                 for name, values in (("fitness", fit), ("fatigue", fat), ("form", form))}
        return pd.concat(parts, axis=1)
    values, index = _as_daily(load)
    return _frame(_core._fitness_fatigue(values, **options), index)


def days_until_fresh(fitness: float, fatigue: float, **conventions) -> float:
    """Days without training until form is back to >= 0 (fatigue at or below fitness).

    With no further load fitness and fatigue decay geometrically, so form crosses 0 after
    ``ln(fatigue/fitness) / ln((1-l1)/(1-l2))`` days (continuous; x 24 for hours).

    Parameters
    ----------
    fitness : float
        Fitness after the last day [load unit], >= 0.
    fatigue : float
        Fatigue after the last day [load unit], >= 0.
    **conventions
        The keywords of :func:`fitness_fatigue` the values were computed with
        (``fitness_tau_days``, ``fatigue_tau_days``, ``decay``, ...).

    Returns
    -------
    float
        Days from the end of the last day: 0 if form is already >= 0, inf if fitness is 0.

    Raises
    ------
    ValueError
        For negative values or an unknown keyword.
    """
    return _core._days_until_fresh(float(fitness), float(fatigue), **conventions)


def fitness_fatigue_bands(load, *, peak_bias: float = 0.059, peak_sd: float = 0.019,
                          z: float = 1.96, load_exponent: float = 1.0,
                          fitness_tau_range_days: Tuple[float, float] = (35.0, 50.0),
                          fatigue_tau_range_days: Tuple[float, float] = (5.0, 15.0),
                          **conventions) -> pd.DataFrame:
    """Uncertainty bands on fitness, fatigue and form.

    Two sources, combined as the pointwise min/max over a grid: the per-step model error (the
    measured peak is model / (1 + e), e in [bias - z SD, bias + z SD]; defaults: clark2017
    against measured force, +5.9 % bias, 1.9 % SD) acting on a load that scales as
    peak^load_exponent, and the time constants over published fitted ranges (Banister 1975,
    Morton 1990, Clarke & Skiba 2013). The band is for the measured (true) value: when the bias
    exceeds z SD the model's own curve lies outside it.

    Parameters
    ----------
    load : pandas.Series or numpy.ndarray
        Daily load, as :func:`fitness_fatigue` (one runner).
    peak_bias : float
        Mean relative error of the per-step peak model, (-0.5, 0.5).
    peak_sd : float
        SD of that relative error, [0, 0.5).
    z : float
        Half-width of the error interval in SDs (1.96: 95 %).
    load_exponent : float
        p: the daily load scales as peak^p (1 for sums of peaks or session-RPE-like loads, 7
        for Miner-equivalent cycles with k = 7).
    fitness_tau_range_days : tuple of float
        (low, high) time constant of fitness [days]; widened to include the chart's own.
    fatigue_tau_range_days : tuple of float
        (low, high) time constant of fatigue [days]; widened likewise.
    **conventions
        The keywords of :func:`fitness_fatigue`.

    Returns
    -------
    pandas.DataFrame
        Columns ``fitness_low``, ``fitness_high``, ``fatigue_low``, ``fatigue_high``,
        ``form_low``, ``form_high`` on the daily index.

    Raises
    ------
    ValueError
        For a bad load or option.
    """
    values, index = _as_daily(load)
    uncertainty = dict(peak_bias=peak_bias, peak_sd=peak_sd, z=z, load_exponent=load_exponent,
                       fitness_tau_low_days=fitness_tau_range_days[0],
                       fitness_tau_high_days=fitness_tau_range_days[1],
                       fatigue_tau_low_days=fatigue_tau_range_days[0],
                       fatigue_tau_high_days=fatigue_tau_range_days[1])
    return _frame(_core._fitness_fatigue_bands(values, conventions, uncertainty), index)


def acwr(load, *, acute_days: int = 7, chronic_days: int = 28,
         ewma_seed: str = "first_load") -> pd.DataFrame:
    """Acute:chronic workload ratio, one column per method.

    ``rolling_coupled``: mean of the last 7 days / mean of the last 28, both including today
    (Hulin et al. 2014; Gabbett 2016). ``rolling_uncoupled``: the last 7 days / the 21 days
    before them (Lolli et al. 2019). ``ewma``: EWMA with l = 2/(7+1) over EWMA with l =
    2/(28+1) (Williams et al. 2017). 21 days of 100 then 7 of 200 give 1.6, 2.0 and 1.339350 on
    day 28. Gabbett's 0.8-1.3 "sweet spot" is descriptive and disputed (Impellizzeri 2020).

    Parameters
    ----------
    load : pandas.Series or numpy.ndarray
        Daily load (missing days of a DatetimeIndex are rest days).
    acute_days : int
        Acute window [days], >= 1.
    chronic_days : int
        Chronic window [days], > acute_days.
    ewma_seed : str
        First EWMA value: ``"first_load"`` (the first day's load) or ``"zero"``.

    Returns
    -------
    pandas.DataFrame
        Columns ``rolling_coupled``, ``rolling_uncoupled``, ``ewma`` on the daily index; NaN
        before the rolling windows are full and where the chronic load is 0.

    Raises
    ------
    ValueError
        For a bad load or window.
    """
    values, index = _as_daily(load)
    r = _core._acwr(values, acute_days, chronic_days, ewma_seed)
    return _frame({k: r[k] for k in ("rolling_coupled", "rolling_uncoupled", "ewma")}, index)


def rolling_monotony_strain(load, *, window_days: int = 7, sd: str = "sample") -> pd.DataFrame:
    """Foster's training monotony (mean / SD) and strain (weekly load x monotony) of the window
    ending on each day (Foster 1998 Med Sci Sports Exerc 30:1164).

    Parameters
    ----------
    load : pandas.Series or numpy.ndarray
        Daily load.
    window_days : int
        Window [days], >= 2 (7: a week).
    sd : str
        ``"sample"`` (n - 1, default) or ``"population"`` (n) standard deviation.

    Returns
    -------
    pandas.DataFrame
        Columns ``monotony`` and ``strain``; NaN before the first full window; a window of
        rest gives 0, identical non-zero days inf.

    Raises
    ------
    ValueError
        For a bad load, window or SD name.
    """
    values, index = _as_daily(load)
    monotony, strain = _core._rolling_monotony_strain(values, window_days, sd)
    return _frame({"monotony": monotony, "strain": strain}, index)


@dataclass(frozen=True)
class TodayRange:
    """Today's load range for a band (see :func:`plan_today`).

    Attributes
    ----------
    low, high : float
        The load range [load unit].
    feasible : bool
        False when no load in [0, max_load] reaches the band.
    reason : str
        ``"rest"`` (even no load is over the band), ``"more"`` (even max_load leaves the
        runner under it), or ``""``.
    limited_by_max_load : bool
        True when ``high`` is max_load, not the band's edge.
    value_at_low, value_at_high : float
        The banded quantity after ``low`` and ``high``.
    distance_low_km, distance_high_km : float
        ``low`` and ``high`` as running distance [km] (NaN without ``load_per_km``).
    """

    low: float
    high: float
    feasible: bool
    reason: str
    limited_by_max_load: bool
    value_at_low: float
    value_at_high: float
    distance_low_km: float
    distance_high_km: float


@dataclass(frozen=True)
class PlanResult:
    """The answer of :func:`plan_today`.

    Attributes
    ----------
    target : str
        ``"form"``, ``"acwr"`` or ``"damage"``.
    low, high : float
        The band.
    today : TodayRange
        Today's load range.
    plan : pandas.DataFrame
        One row per planned day (dates after the history's when it has a DatetimeIndex):
        ``load``, ``value`` (the banded quantity after that day), ``in_band``,
        ``distance_km``.
    """

    target: str
    low: float
    high: float
    today: TodayRange
    plan: pd.DataFrame


def plan_today(history, *, target: str = "form", low: Optional[float] = None,
               high: Optional[float] = None, days: int = 7,
               load_per_km: Optional[float] = None, max_load: Optional[float] = None,
               acwr_method: str = "rolling_coupled", acute_days: int = 7,
               chronic_days: int = 28, ewma_seed: str = "first_load",
               cycles_to_failure: float = _D["cycles_to_failure"],
               limb_fraction: float = _D["limb_fraction"],
               repair_tau_days: float = _D["repair_tau_days"], **conventions) -> PlanResult:
    """How much today? The load range that keeps a runner in a band, and a plan that stays in it.

    Bands: ``"form"`` (fitness - fatigue after today's load, default -30 to -10), ``"acwr"``
    (today's ratio by ``acwr_method``, default 0.8-1.3), ``"damage"`` (Miner damage left after
    today below ``high``; the history is then daily equivalent cycles). The range is solved by
    bisection on the model itself; the plan takes the middle of each day's range, rests when
    even rest is over the band, and marks the days it cannot keep in it. This is arithmetic on
    the chosen model, not a training prescription.

    Parameters
    ----------
    history : pandas.Series or numpy.ndarray
        Daily load up to and including yesterday.
    target : str
        ``"form"``, ``"acwr"`` or ``"damage"``.
    low : float, optional
        Band's low end (default per target; unused for damage).
    high : float, optional
        Band's high end (default per target; required for damage: the damage ceiling).
    days : int
        Days to plan, 1-366 (day 0 is today).
    load_per_km : float, optional
        Typical load per km of running [load unit/km] to express loads as distances.
    max_load : float, optional
        Highest daily load considered; default twice the history's highest day.
    acwr_method : str
        ``"rolling_coupled"``, ``"rolling_uncoupled"`` or ``"ewma"`` (target acwr).
    acute_days : int
        Acute window [days] (target acwr).
    chronic_days : int
        Chronic window [days] (target acwr).
    ewma_seed : str
        ``"first_load"`` or ``"zero"`` (target acwr, ewma).
    cycles_to_failure : float
        N_f at the reference load, per limb (target damage; the default is the damage model's
        calibrated value, as :func:`strideload.damage`).
    limb_fraction : float
        Share of both feet's cycles one limb takes (target damage).
    repair_tau_days : float
        Repair time constant [days] (target damage).
    **conventions
        The keywords of :func:`fitness_fatigue` (target form).

    Returns
    -------
    PlanResult
        ``today`` (a :class:`TodayRange`) and ``plan`` (a DataFrame, one row per day).

    Raises
    ------
    ValueError
        For a bad history or option, or when the target is undefined for the history (a
        rolling ACWR needs 27 days before today).
    """
    if target not in ("form", "acwr", "damage"):
        raise ValueError(f"target: unknown target '{target}' (form, acwr, damage)")
    if target == "damage" and high is None:
        raise ValueError("high: the damage ceiling is required for target 'damage'")
    band = _DEFAULT_BANDS.get(target, (0.0, 0.0))
    low = band[0] if low is None else float(low)
    high = band[1] if high is None else float(high)
    values, index = _as_daily(history, "history")
    damage = dict(cycles_to_failure=cycles_to_failure, limb_fraction=limb_fraction,
                  repair_tau_days=repair_tau_days)
    today, plan = _core._plan_today(values, target, low, high, days, float(max_load or 0.0),
                                    float(load_per_km or 0.0), acwr_method, acute_days,
                                    chronic_days, ewma_seed, conventions, damage)
    if isinstance(index, pd.DatetimeIndex) and len(index):
        plan_index = pd.date_range(index[-1] + pd.Timedelta(days=1), periods=days, freq="D",
                                   name=index.name)
    else:
        plan_index = pd.RangeIndex(len(values), len(values) + days, name="day")
    frame = pd.DataFrame({"load": plan["load"], "value": plan["value"],
                          "in_band": np.asarray(plan["in_band"], dtype=bool),
                          "distance_km": plan["distance_km"]}, index=plan_index)
    return PlanResult(target=target, low=low, high=high, today=TodayRange(**today), plan=frame)


def damage_bands(equivalent_cycles, *, k: float = 7.0, peak_bias: float = 0.059,
                 peak_sd: float = 0.019, z: float = 1.96,
                 repair_tau_range_days: Tuple[float, float] = (6.0, 31.0),
                 cycles_to_failure: float = _D["cycles_to_failure"],
                 limb_fraction: float = _D["limb_fraction"],
                 repair_tau_days: float = _D["repair_tau_days"]) -> pd.DataFrame:
    """Uncertainty bands on tissue damage and fracture probability.

    The per-step model error acts on equivalent cycles as (1 + e)^(-k); the repair time ranges
    over Taylor et al. 2004's 18.5 +/- 12.5 days for the damage band. The S-N exponent's own
    range (6.6-7) is covered by computing the daily cycles with each exponent.

    Parameters
    ----------
    equivalent_cycles : pandas.Series or numpy.ndarray
        Daily Miner-equivalent cycles at the reference load (both feet).
    k : float
        The S-N exponent the cycles were computed with.
    peak_bias : float
        Mean relative error of the per-step peak model.
    peak_sd : float
        SD of that relative error.
    z : float
        Half-width of the error interval in SDs.
    repair_tau_range_days : tuple of float
        (low, high) repair time constant [days].
    cycles_to_failure : float
        N_f at the reference load, per limb (the default is the damage model's calibrated
        value, as :func:`strideload.damage`).
    limb_fraction : float
        Share of both feet's cycles one limb takes.
    repair_tau_days : float
        The central repair time constant [days].

    Returns
    -------
    pandas.DataFrame
        Columns ``damage_low``, ``damage_high``, ``fracture_probability_low``,
        ``fracture_probability_high`` on the daily index.

    Raises
    ------
    ValueError
        For a bad value or option.
    """
    values, index = _as_daily(equivalent_cycles, "equivalent_cycles")
    damage = dict(cycles_to_failure=cycles_to_failure, limb_fraction=limb_fraction,
                  repair_tau_days=repair_tau_days)
    uncertainty = dict(peak_bias=peak_bias, peak_sd=peak_sd, z=z, load_exponent=k,
                       repair_tau_low_days=repair_tau_range_days[0],
                       repair_tau_high_days=repair_tau_range_days[1])
    return _frame(_core._damage_bands(values, damage, uncertainty), index)


def daily_series(daily: pd.DataFrame, column: str = "equivalent_cycles",
                 scale: float = 1.0) -> pd.Series:
    """One column of :func:`strideload.daily_load` as a Series on a daily DatetimeIndex.

    Parameters
    ----------
    daily : pandas.DataFrame
        As returned by :func:`strideload.daily_load` (a ``start`` column of ``YYYY-MM-DD``).
    column : str
        The load column, e.g. ``"equivalent_cycles"``, ``"vertical_impulse_bw_s"``,
        ``"steps"``.
    scale : float
        Factor applied to the values (``0.01``: hundreds of equivalent cycles).

    Returns
    -------
    pandas.Series
        ``column * scale`` indexed by day (``DatetimeIndex`` named ``date``).

    Raises
    ------
    ValueError
        When the table has no such column or no ``start`` column.
    """
    for name in ("start", column):
        if name not in daily.columns:
            raise ValueError(f"daily: no column '{name}' (expected strideload.daily_load output)")
    index = pd.DatetimeIndex(pd.to_datetime(daily["start"]), name="date")
    return pd.Series(daily[column].to_numpy(dtype=np.float64) * float(scale), index=index,
                     name=column)
