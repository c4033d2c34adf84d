"""Vertical ground reaction force from one body-worn accelerometer (five published methods).

Input is the vertical (hip, sacrum, upper back) or longitudinal (shank) acceleration in g,
ISB axes (+y up/proximal), gravity included (about +1 g standing, 0 g in free fall). Impact
peaks and loading rates from these estimates are unreliable (Kiernan et al. 2023, Sensors
23:8719); active peaks and mean forces fare better.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import _core
from .force import _signal, _stance_columns
from .grf import STANDARD_GRAVITY


def accel_methods() -> pd.DataFrame:
    """The accelerometer -> vGRF methods, with their sources and published errors.

    Returns
    -------
    pandas.DataFrame
        One row per method: ``name`` (neugebauer2014, meyer2015, wundersitz2013,
        gurchiek2017, charry2013), ``location`` (where the source wore the sensor: hip,
        sacrum, upper_back, shank), ``output`` (``"waveform"``: a force-time series and its
        peak; ``"peak"``: the peak only), ``published_error`` (as published, saying what was
        not verified), ``citation``, ``equation`` (a in g, m in kg, F in N) and ``refits``
        (Kiernan et al. 2023 refit coefficients exist).
    """
    return pd.DataFrame(_core.accel_methods())


def _bounds(stances) -> tuple:
    """(index, begin, end, complete or None) of the stances: a DataFrame with begin/end (and
    detect_stances' complete flags, if there), or (k, 2) sample bounds."""
    if isinstance(stances, pd.DataFrame):
        missing = [c for c in ("begin", "end") if c not in stances.columns]
        if missing:
            raise ValueError(f"stances: missing column(s) {missing}; pass detect_stances' "
                             "DataFrame or (begin, end) sample pairs")
        complete = (stances["complete"].to_numpy(dtype=bool)
                    if "complete" in stances.columns else None)
        return (stances.index, stances["begin"].to_numpy(dtype=np.int64),
                stances["end"].to_numpy(dtype=np.int64), complete)
    b = np.asarray(stances)
    if b.ndim != 2 or b.shape[1] != 2:
        raise ValueError(f"stances must be a DataFrame with begin/end columns or (begin, end) "
                         f"pairs of shape (k, 2), not shape {b.shape}")
    if b.size and not np.all(b == np.round(b)):
        raise ValueError("stances: begin and end must be whole sample indices")
    b = b.astype(np.int64)
    return pd.RangeIndex(len(b)), b[:, 0].copy(), b[:, 1].copy(), None


def vgrf_from_accel(accel_g, rate_hz: float, mass_kg: float, method: str, stances=None,
                    coefficients: str = "original", wundersitz_cutoff_hz: float = 10.0):
    """Vertical GRF from a body-worn accelerometer, for one stance or many.

    Peak-only methods use each stance's extreme acceleration: ``neugebauer2014``
    (F = exp(6.181 + 0.055 a_max + 0.014 m), hip) and ``meyer2015`` (F = g_n m a_max, hip) its
    maximum, ``charry2013`` (shank) its minimum. Waveform methods filter zero-phase and give
    F(t) = g_n m LPF(a)(t): ``gurchiek2017`` (sacrum, 5th-order Butterworth 10 Hz) and
    ``wundersitz2013`` (upper back, 4th-order at ``wundersitz_cutoff_hz``). See
    :func:`accel_methods` for sources and published errors.

    Parameters
    ----------
    accel_g : array_like
        Acceleration [g] (1 g = 9.80665 m/s^2), ISB +y (up/proximal), gravity included: one
        segmented stance, or a continuous trace when ``stances`` is given. Finite, |a| <= 200 g.
    rate_hz : float
        Sample rate [Hz], (0, 1 MHz].
    mass_kg : float
        Body mass [kg], 20-250.
    method : str
        One of ``accel_methods().name``.
    stances : pandas.DataFrame or array_like, optional
        Stances of a continuous trace, each [begin, end) at most 2 s: a DataFrame with
        ``begin`` and ``end`` sample columns, e.g. from :func:`strideload.detect_stances` (with
        a ``complete`` column only complete stances give a row, as in
        :func:`strideload.stance_metrics`), or (begin, end) pairs of shape (k, 2) (one row
        each). Waveform methods filter the whole trace once, then take each stance's maximum.
    coefficients : str
        Constants of neugebauer2014 and charry2013: ``"original"`` or the Kiernan et al. 2023
        refits ``"kiernan2023_wcs"``, ``"kiernan2023_scs"``, ``"kiernan2023_tccs"``.
    wundersitz_cutoff_hz : float
        wundersitz2013's low-pass cutoff [Hz] (the paper compared 10, 15, 20, 25 Hz and raw);
        0 means raw.

    Returns
    -------
    dict or pandas.DataFrame
        Without ``stances``: a dict ``method``, ``peak_vertical_force_N`` [N],
        ``peak_vertical_force_bw`` [BW = m g_n], and for waveform methods ``time_s`` [s] and
        ``vertical_N`` [N] arrays (None for peak-only methods). With ``stances``: a DataFrame,
        one row per (complete) stance, indexed by the stances' index, ``begin``, ``end``,
        ``peak_vertical_force_N``, ``peak_vertical_force_bw``; ``attrs["method"]`` and
        ``attrs["vertical_force_N"]``, the whole-trace waveform [N] (None for peak-only
        methods).

    Raises
    ------
    ValueError
        For an unknown method, a sample, rate, mass or stance out of range (naming the
        stance), a cutoff not below Nyquist, a stance too short to filter, refits asked of a
        method without any, or a charry2013 stance whose minimum is not below 1 g.
    """
    sig, _ = _signal(accel_g, "accel_g")
    if stances is None:
        return _core.vgrf_from_accel(sig, float(rate_hz), float(mass_kg), method, coefficients,
                                     float(wundersitz_cutoff_hz))
    index, begin, end, complete = _bounds(stances)
    out = _core.vgrf_from_accel_batch(sig, float(rate_hz), float(mass_kg), method, begin, end,
                                      complete, coefficients, float(wundersitz_cutoff_hz))
    rows = out["stance_index"]
    df = pd.DataFrame({"begin": begin[rows], "end": end[rows],
                       "peak_vertical_force_N": out["peak_vertical_force_N"],
                       "peak_vertical_force_bw": out["peak_vertical_force_bw"]}, index=index[rows])
    df.attrs.update(method=method, vertical_force_N=out["vertical_force_N"])
    return df



def accel_stance_metrics(accel_g, rate_hz: float, mass_kg: float, method: str, stances=None,
                         wundersitz_cutoff_hz: float = 10.0,
                         gravity_m_s2: float = STANDARD_GRAVITY,
                         impact_window_fraction: float = 0.4, impact_min_bw: float = 0.8,
                         landmark_fraction: float = 0.13, loading_rate_from: float = 0.2,
                         loading_rate_to: float = 0.8):
    """Force-plate metrics of the vertical GRF a waveform method estimates from an
    accelerometer: the definitions of :func:`strideload.stance_metrics` applied to
    F(t) = g_n m LPF(a)(t).

    Impact peaks and loading rates from these low-passed estimates are unreliable (Kiernan et
    al. 2023); contact-averaged quantities (impulse, mean force) and the active peak fare
    better.

    Parameters
    ----------
    accel_g : array_like
        Acceleration [g], ISB +y, gravity included: one segmented stance, or a continuous trace
        when ``stances`` is given.
    rate_hz : float
        Sample rate [Hz].
    mass_kg : float
        Body mass [kg], 20-250 (for the estimate and the bodyweights).
    method : str
        A waveform method: ``"gurchiek2017"`` or ``"wundersitz2013"``.
    stances : pandas.DataFrame, optional
        Contacts of the trace as :func:`strideload.detect_stances` returns them (e.g. detected
        on a synchronised force signal); hand-made ones need ``begin`` and ``end``.
    wundersitz_cutoff_hz : float
        wundersitz2013's low-pass cutoff [Hz]; 0 means raw.
    gravity_m_s2 : float
        Gravity [m/s^2] for the bodyweights of the metrics.
    impact_window_fraction : float
        Share of contact searched for an impact peak, (0, 1).
    impact_min_bw : float
        An impact peak exceeds this [BW].
    landmark_fraction : float
        Loading-rate landmark without an impact peak, share of contact.
    loading_rate_from : float
        Loading-rate window start, share of the landmark force.
    loading_rate_to : float
        Loading-rate window end, share of the landmark force.

    Returns
    -------
    dict or pandas.DataFrame
        Without ``stances``: a dict of the stance's metrics (keys as the columns of
        :func:`strideload.stance_metrics`; contact time = samples / rate). With ``stances``:
        the table :func:`strideload.stance_metrics` would give for the estimated force, one
        row per complete stance (braking/propulsive columns NaN).

    Raises
    ------
    ValueError
        For a peak-only method, and as :func:`vgrf_from_accel` and
        :func:`strideload.stance_metrics`.
    """
    sig, _ = _signal(accel_g, "accel_g")
    options = (float(wundersitz_cutoff_hz), float(gravity_m_s2), float(impact_window_fraction),
               float(impact_min_bw), float(landmark_fraction), float(loading_rate_from),
               float(loading_rate_to))
    if stances is None:
        return _core.accel_stance_metrics(sig, float(rate_hz), float(mass_kg), method, None,
                                          None, None, None, None, *options)
    columns = _core.accel_stance_metrics(sig, float(rate_hz), float(mass_kg), method,
                                         *_stance_columns(stances), *options)
    return pd.DataFrame(columns)
