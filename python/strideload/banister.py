"""Fitness and fatigue: the Banister impulse-response model on pandas daily series.

Performance on day t is ``p(t) = p0 + k1 g(t) - k2 h(t)``, where ``g`` and ``h`` are the daily
training load summed with exponential decay of time constants ``tau1`` (fitness, slow) and
``tau2`` (fatigue, fast) (Banister et al. 1975 Aust J Sports Med 7:57; Calvert et al. 1976 IEEE
SMC-6:94; Morton, Fitz-Clarke & Banister 1990 J Appl Physiol 69:1171). The default lag
``"same_day"`` is the recursion ``g(t) = g(t-1) e^(-1/tau1) + w(t)`` of Clarke & Skiba 2013 (Adv
Physiol Educ 37:134) and GoldenCheetah; ``"next_day"`` is Banister's original sum over the days
before t.

- :func:`banister_performance` runs the model over a daily load.
- :func:`fit_banister` fits all five parameters to performance tests (Levenberg-Marquardt from
  several starts, taus bounded) and returns a :class:`BanisterFitResult`, whose
  ``time_to_net_positive_days`` and ``time_to_peak_effect_days`` are the recovery times of one
  session (Fitz-Clarke, Morton & Banister 1991 Int J Sports Med 12:143).

The computations are the C++ library's (``strideload/recovery/banister.hpp``); this module only
lines dates up. Bad input raises ``ValueError`` naming the argument.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple, Union

import numpy as np
import pandas as pd

from . import _core
from ._daily import daily_values

_LAGS = ("same_day", "next_day")


def _check_lag(lag: str) -> None:
    """ValueError unless ``lag`` is one of the two conventions."""
    if lag not in _LAGS:
        raise ValueError(f"lag: {lag!r} is not one of: same_day, next_day")


def banister_performance(load, p0: float, k1: float, k2: float, tau1: float, tau2: float, *,
                         lag: str = "same_day") -> Union[pd.Series, np.ndarray]:
    """Model performance ``p(t) = p0 + k1 g(t) - k2 h(t)`` of every day of a daily load.

    Parameters
    ----------
    load : pandas.Series or array_like
        Daily training load [AU] (TRIMP, TSS, session-RPE, ...), finite, >= 0, one value per
        day with rest days as 0: a Series on a daily DatetimeIndex (days missing from it are
        rest days, filled with 0) or on the integer index 0..n-1, or a 1-D array with day 0
        first.
    p0 : float
        Performance without training [performance unit].
    k1 : float
        Fitness gain [performance unit per load unit].
    k2 : float
        Fatigue gain [performance unit per load unit].
    tau1 : float
        Fitness time constant [days], > 0.
    tau2 : float
        Fatigue time constant [days], > 0.
    lag : str
        ``"same_day"`` (default: today's load counts today, as Clarke & Skiba 2013 and
        GoldenCheetah) or ``"next_day"`` (Banister's original: from tomorrow).

    Returns
    -------
    pandas.Series or numpy.ndarray
        p(t) [performance unit]: a Series named ``"performance"`` on the load's index for a
        Series load, an array otherwise.

    Raises
    ------
    ValueError
        For a negative or non-finite load, a non-finite parameter, a tau <= 0, a Series index
        that is not daily, or an unknown lag.
    """
    _check_lag(lag)
    values, index = daily_values(load, "load")
    curve = _core.banister_performance(values, p0, k1, k2, tau1, tau2, lag=lag)
    if index is None:
        return curve
    return pd.Series(curve, index=index, name="performance")


@dataclass(frozen=True, eq=False)
class BanisterFitResult:
    """A Banister model fitted by :func:`fit_banister`.

    The fit is ill-conditioned: different parameter sets can fit equally well (as ``tau2``
    approaches ``tau1`` with large gains the pair acts as one delayed response). Compare fits by
    ``sse`` and by the recovery times, which are far more stable than the parameters.

    Attributes
    ----------
    p0 : float
        Performance without training [performance unit].
    k1 : float
        Fitness gain [performance unit per load unit].
    k2 : float
        Fatigue gain [performance unit per load unit].
    tau1 : float
        Fitness time constant [days].
    tau2 : float
        Fatigue time constant [days].
    sse : float
        Sum of squared residuals at the tests [performance unit squared].
    r2 : float
        1 - SSE / SS_tot (NaN when all tests are equal).
    r2_adjusted : float
        1 - (1 - R^2)(n - 1)/(n - p - 1) with p = 5 (NaN for 6 tests).
    n_tests : int
        Number of tests fitted.
    curve : pandas.Series
        The fitted model p(t) of every day of the load, on the load's index (the integer days
        0..n-1 for an array load).
    lag : str
        The load convention fitted, ``"same_day"`` or ``"next_day"``.
    evaluations : int
        Forward-model evaluations (grid scan and every Levenberg-Marquardt step).
    tau_at_bound : bool
        A tau ended within 0.1 % of a bound: widen the bounds or distrust that tau.
    """

    p0: float
    k1: float
    k2: float
    tau1: float
    tau2: float
    sse: float
    r2: float
    r2_adjusted: float
    n_tests: int
    curve: pd.Series
    lag: str = "same_day"
    evaluations: int = 0
    tau_at_bound: bool = False

    @property
    def time_to_net_positive_days(self) -> float:
        """Days after one session until its net effect turns positive [days].

        ``t_n = tau1 tau2 / (tau1 - tau2) ln(k2 / k1)`` (Fitz-Clarke, Morton & Banister 1991);
        0 when k2 <= k1. Raises ``ValueError`` when k1 or k2 <= 0 or tau1 <= tau2.
        """
        return _core.time_to_net_positive_days(self.k1, self.k2, self.tau1, self.tau2)

    @property
    def time_to_peak_effect_days(self) -> float:
        """Days after one session to its largest positive net effect [days].

        ``t_g = tau1 tau2 / (tau1 - tau2) ln(k2 tau1 / (k1 tau2))`` (Fitz-Clarke, Morton &
        Banister 1991), the taper that best uses a session; 0 when k2 tau1 <= k1 tau2. Raises
        ``ValueError`` when k1 or k2 <= 0 or tau1 <= tau2.
        """
        return _core.time_to_peak_effect_days(self.k1, self.k2, self.tau1, self.tau2)


def _test_positions(performances: pd.Series, index: Optional[pd.Index], n_days: int) -> np.ndarray:
    """Day numbers (positions in the load) of the tests; ValueError for a test off the load."""
    if index is not None and isinstance(index, pd.DatetimeIndex):
        try:
            dates = pd.DatetimeIndex(performances.index)
        except (TypeError, ValueError) as e:
            raise ValueError(f"performances: the index must be dates of the load ({e})") from e
        try:
            positions = index.get_indexer(dates)
        except TypeError as e:  # e.g. tz-naive tests against a tz-aware load
            raise ValueError(f"performances: dates cannot be matched to the load's index ({e})"
                             ) from e
        missing = dates[positions < 0]
        if len(missing):
            shown = ", ".join(str(d) for d in missing[:3])
            raise ValueError(f"performances: {len(missing)} date(s) not in load's index, e.g. "
                             f"{shown} (load runs {index[0]} to {index[-1]}, one value per day)")
        return positions.astype(np.int64)
    days = performances.index.to_numpy()
    if not (np.issubdtype(days.dtype, np.integer) or len(days) == 0):
        raise ValueError("performances: with an array load the index must be integer day "
                         f"numbers 0..{n_days - 1}, got dtype {days.dtype}")
    outside = days[(days < 0) | (days >= n_days)]
    if len(outside):
        raise ValueError(f"performances: day {outside[0]} is outside the load "
                         f"(days 0..{n_days - 1})")
    return days.astype(np.int64)


def fit_banister(load, performances, *, lag: str = "same_day", tau_min_days: float = 1.0,
                 tau_max_days: float = 200.0, starts: int = 12) -> BanisterFitResult:
    """Fit p0, k1, k2, tau1, tau2 of the Banister model to performance tests.

    Least squares over the tests: a grid scan of (tau1 > tau2) pairs with p0, k1, k2 solved
    linearly for each, then Levenberg-Marquardt over all five parameters from the best
    ``starts`` pairs, taus kept inside ``[tau_min_days, tau_max_days]``; the lowest SSE wins
    (C++ ``strideload::recovery::fit_banister``).

    Parameters
    ----------
    load : pandas.Series or array_like
        Daily training load [AU], finite, >= 0, rest days as 0: a Series on a daily
        DatetimeIndex (days missing from it are rest days, filled with 0), or a 1-D array (or
        a Series on the integer index 0..n-1) with day 0 first.
    performances : pandas.Series or dict
        Test results [performance unit, e.g. W or m/s]: indexed by dates that are in the
        load's index, or by integer day numbers for an array load. NaN entries (days without a
        test) are dropped; at least 6 tests must remain.
    lag : str
        ``"same_day"`` (default) or ``"next_day"``; see :func:`banister_performance`.
    tau_min_days : float
        Lower bound of both time constants [days], > 0.
    tau_max_days : float
        Upper bound of both time constants [days], > tau_min_days.
    starts : int
        Levenberg-Marquardt runs from the best grid pairs, >= 1.

    Returns
    -------
    BanisterFitResult
        The parameters, SSE, R^2, adjusted R^2, the number of tests and the fitted curve on
        the load's index.

    Raises
    ------
    ValueError
        For a test date that is not in the load's index, fewer than 6 tests, a bad load (index
        not daily, negative or non-finite values), a non-finite test value, bad bounds, or an
        unknown lag; the message names the argument.
    """
    _check_lag(lag)
    values, index = daily_values(load, "load")
    if not isinstance(performances, pd.Series):
        if not hasattr(performances, "items"):
            raise ValueError("performances: must be a pandas Series (or a dict) of test "
                             "results indexed by date or day number")
        performances = pd.Series(dict(performances), dtype=np.float64)
    tests = performances.dropna()
    if len(tests) < 6:
        raise ValueError(f"performances: {len(tests)} tests (NaN dropped); at least 6 are "
                         "needed to fit 5 parameters")
    days = _test_positions(tests, index, len(values))
    test_values = np.ascontiguousarray(tests.to_numpy(dtype=np.float64))
    fit = _core.fit_banister(values, days, test_values, lag=lag, tau_min_days=tau_min_days,
                             tau_max_days=tau_max_days, starts=starts)
    curve_index = index if index is not None else pd.RangeIndex(len(values))
    return BanisterFitResult(
        p0=fit["p0"], k1=fit["k1"], k2=fit["k2"], tau1=fit["tau1_days"],
        tau2=fit["tau2_days"], sse=fit["sse"], r2=fit["r2"], r2_adjusted=fit["r2_adjusted"],
        n_tests=int(fit["n_tests"]),
        curve=pd.Series(fit["curve"], index=curve_index, name="performance"), lag=lag,
        evaluations=int(fit["evaluations"]), tau_at_bound=bool(fit["tau_at_bound"]))
