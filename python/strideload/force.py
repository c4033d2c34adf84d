"""Measured ground reaction force: force files, Butterworth filtering, stance detection,
per-stance metrics and the accuracy of the per-step models against the measurement.

Signals are 1-D numpy arrays in SI units (force in N, rate in Hz). A contiguous float64 array
(or a pandas Series holding one) is read in place, never copied; anything else (a list,
float32, a strided view) is converted to a private float64 copy first.
"""

from __future__ import annotations

import math
import os
from typing import Iterable, Optional, Union

import numpy as np
import pandas as pd

from . import _core
from .grf import STANDARD_GRAVITY, _fmt

#: Which StanceTable column each compared metric is measured by.
MEASURED_COLUMNS = {
    "peak_vertical_force": "active_peak_N",
    "vertical_impulse": "vertical_impulse_Ns",
    "loading_rate": "valr_bw_per_s",
    "peak_braking_force": "braking_peak_N",
    "peak_propulsive_force": "propulsive_peak_N",
}

#: Columns of compare_models' table, in order.
COMPARISON_COLUMNS = ("model", "metric", "unit", "n", "n_missing", "bias", "sd", "loa_low",
                      "loa_high", "bias_pct", "sd_pct", "loa_low_pct", "loa_high_pct",
                      "mape_pct", "r2", "pearson_r", "measured_mean", "model_mean",
                      "n_zero_measured")


def read_force(path, vertical_column: Optional[str] = None,
               anterior_posterior_column: Optional[str] = None,
               medio_lateral_column: Optional[str] = None,
               time_column: Optional[str] = None, time_unit: str = "auto",
               rate_hz: Optional[float] = None, delimiter: Optional[str] = None,
               on_error: str = "raise", time_tolerance: float = 0.01,
               allow_nan_in_unused_columns: bool = False) -> pd.DataFrame:
    """Read a force-plate or instrumented-treadmill file.

    Delimited tables (CSV, TSV, semicolon or whitespace separated, one header row) and OpenSim
    ``.mot``/``.sto`` storage files (any case of the extension), whose ``ground_force_v*``
    columns are recognised as one plate per foot or plate (y vertical, x anterior-posterior,
    z medio-lateral).

    Parameters
    ----------
    path : str or os.PathLike
        The file.
    vertical_column : str, optional
        Name of the vertical force column [N] exactly as in the header; required for a
        delimited table (the error lists the columns). For ``.mot``/``.sto``: None recognises
        the ``ground_force_*`` columns, a name uses that column as the one plate.
    anterior_posterior_column : str, optional
        Anterior-posterior force column [N].
    medio_lateral_column : str, optional
        Medio-lateral force column [N].
    time_column : str, optional
        Time column; None takes the first column named time, t, time_s, time (s), frame,
        frames, frame#, sample... (any case), if any.
    time_unit : str
        How the time column counts: ``"auto"`` (frames if named frame.../sample... or holding
        integers stepping by 1, else seconds), ``"seconds"``, ``"milliseconds"`` or
        ``"frames"`` (then ``rate_hz`` is required).
    rate_hz : float, optional
        Sample rate [Hz], 10 Hz - 1 MHz. Required for frame numbers or no time column; checked
        against a time column in seconds (within ``time_tolerance``).
    delimiter : str, optional
        One character; None detects it from the header (tab, comma, semicolon, else runs of
        whitespace); ``" "`` means runs of spaces and tabs.
    on_error : str
        ``"raise"`` (default): a malformed row raises ValueError naming the line.
        ``"collect"``: malformed rows are left out and listed in ``attrs["problems"]``.
    time_tolerance : float
        Allowed jitter of the time steps, as a fraction of the step, (0, 0.5].
    allow_nan_in_unused_columns : bool
        Accept empty, NaN and infinite fields in columns that are neither the time nor a
        selected force column (stored as NaN/inf).

    Returns
    -------
    pandas.DataFrame
        Every column of the file, float64, indexed by ``time_s`` [s] (for frame numbers,
        (frame - first frame) / rate). The values are the C++ reader's buffer itself, not a
        copy. ``attrs``: ``rate_hz`` [Hz], ``source`` (the path), ``time_column`` (or ""),
        ``plates`` (list of dicts ``label``, ``vertical``, ``anterior_posterior``,
        ``medio_lateral``: column names or None), ``problems`` (list of (line, reason)
        tuples, 1-based lines counting header lines), ``rows_read`` (data rows in the file,
        kept and left out) and ``metadata`` (OpenSim header ``key=value`` pairs).

    Raises
    ------
    FileNotFoundError
        When the file does not exist (other OS errors: OSError).
    ValueError
        For malformed contents (``"path:line: reason"``) or bad options.
    """
    t = _core.read_force(os.fspath(path), vertical_column or "", anterior_posterior_column or "",
                         medio_lateral_column or "", time_column or "", time_unit,
                         None if rate_hz is None else float(rate_hz), delimiter, on_error,
                         float(time_tolerance), bool(allow_nan_in_unused_columns))
    index = pd.Index(t["time_s"], name="time_s", copy=False)
    df = pd.DataFrame(t["data"], index=index, columns=t["column_names"], copy=False)
    df.attrs.update(rate_hz=t["rate_hz"], source=t["source"], time_column=t["time_column"],
                    plates=t["plates"], problems=t["problems"], rows_read=t["rows_read"],
                    metadata=t["metadata"])
    return df


def _signal(x, name: str):
    """(array, owned): x as a 1-D float64 C-contiguous array and whether it is a private copy.

    A float64 contiguous array, or a Series holding one, comes back as itself (owned False).
    """
    a = np.asarray(x)
    if a.dtype == np.float64 and a.ndim == 1 and a.flags.c_contiguous:
        return a, False
    if a.ndim != 1:
        raise ValueError(f"{name} must be a 1-D array of samples, not shape {a.shape}")
    try:
        return np.array(a, dtype=np.float64, order="C"), True
    except (TypeError, ValueError):
        raise ValueError(f"{name} must hold numbers, not {a.dtype}") from None


def _highpass(btype: str) -> bool:
    if btype in ("low", "lowpass"):
        return False
    if btype in ("high", "highpass"):
        return True
    raise ValueError(f"btype = {btype!r} is not allowed: must be 'low' or 'high' "
                     "('lowpass', 'highpass')")


def _order(order) -> int:
    if isinstance(order, bool) or not float(order).is_integer():
        raise ValueError(f"order = {order!r} is not allowed: must be an integer in [1, 8]")
    return int(order)


def butter(order: int, cutoff_hz: float, rate_hz: float, btype: str = "low"):
    """Butterworth filter design, equal to ``scipy.signal.butter(order, cutoff_hz, btype,
    fs=rate_hz)`` (to ~1e-15).

    Parameters
    ----------
    order : int
        Filter order, 1-8.
    cutoff_hz : float
        -3 dB frequency [Hz], in (0, rate_hz / 2).
    rate_hz : float
        Sample rate [Hz].
    btype : str
        ``"low"`` (``"lowpass"``) or ``"high"`` (``"highpass"``).

    Returns
    -------
    tuple of numpy.ndarray
        ``(b, a)``, numerator and denominator, ``order + 1`` coefficients each, ``a[0] == 1``.

    Raises
    ------
    ValueError
        For an order, cutoff or rate out of range, or another btype.
    """
    return _core.butter(_order(order), float(cutoff_hz), float(rate_hz), _highpass(btype))


def filtfilt(x, order: int = 4, cutoff_hz: float = 30.0, rate_hz: float = 300.0,
             btype: str = "low") -> np.ndarray:
    """Zero-phase Butterworth filtering, equal to ``scipy.signal.filtfilt(*scipy.signal.butter(
    order, cutoff_hz, btype, fs=rate_hz), x)`` (odd padding of 3 x (order + 1) samples at each
    end, steady-state initial conditions; to ~1e-13 relative).

    The effective order is twice ``order``, and the -3 dB point of the combined response lies
    below ``cutoff_hz`` (each pass has |H|^2 = 1/2 at the cutoff). Gait force signals are
    usually low-passed 4th order at 20-50 Hz.

    A float64 contiguous ``x`` is read in place with the GIL held (it cannot change during
    the call); anything else is copied once, and that copy is filtered in place with the GIL
    released.

    Parameters
    ----------
    x : array_like
        1-D signal, finite, longer than 3 x (order + 1) samples (any unit; the output has the
        same).
    order : int
        Butterworth order, 1-8.
    cutoff_hz : float
        -3 dB frequency of each pass [Hz], in (0, rate_hz / 2).
    rate_hz : float
        Sample rate [Hz].
    btype : str
        ``"low"`` (``"lowpass"``) or ``"high"`` (``"highpass"``).

    Returns
    -------
    numpy.ndarray
        The filtered signal, float64, same length as ``x`` (a new array).

    Raises
    ------
    ValueError
        For a non-finite sample (naming its index), a signal too short to pad, or a bad
        design.
    """
    b, a = butter(order, cutoff_hz, rate_hz, btype)
    sig, owned = _signal(x, "x")
    return _core.filtfilt(sig, b, a, owned)


def lfilter(x, order: int = 4, cutoff_hz: float = 30.0, rate_hz: float = 300.0,
            btype: str = "low") -> np.ndarray:
    """Causal Butterworth filtering from rest, equal to ``scipy.signal.lfilter(
    *scipy.signal.butter(order, cutoff_hz, btype, fs=rate_hz), x)``.

    Parameters
    ----------
    x : array_like
        1-D signal, finite.
    order : int
        Butterworth order, 1-8.
    cutoff_hz : float
        -3 dB frequency [Hz], in (0, rate_hz / 2).
    rate_hz : float
        Sample rate [Hz].
    btype : str
        ``"low"`` (``"lowpass"``) or ``"high"`` (``"highpass"``).

    Returns
    -------
    numpy.ndarray
        The filtered signal (delayed: use :func:`filtfilt` for zero phase).

    Raises
    ------
    ValueError
        For a non-finite sample (naming its index) or a bad design.
    """
    b, a = butter(order, cutoff_hz, rate_hz, btype)
    sig, owned = _signal(x, "x")
    return _core.lfilter(sig, b, a, owned)


def detect_stances(vertical_N, rate_hz: float, threshold_N: float = 50.0,
                   release_N: Optional[float] = None, min_contact_s: float = 0.1,
                   min_flight_s: float = 0.0) -> pd.DataFrame:
    """Foot contacts in a vertical ground reaction force.

    A contact starts at the first sample above ``threshold_N`` and ends before the first
    later sample below ``release_N`` (hysteresis). Touchdown and take-off are the linearly
    interpolated crossings, so contact times are not quantised to the sample period. Fixed
    thresholds of 10-50 N are usual (Tirosh & Sparrow 2003); 50 N suits a treadmill belt
    that reads 10-30 N in flight. A belt shared by both feet gives every foot contact in turn.

    Parameters
    ----------
    vertical_N : array_like
        Vertical GRF [N], 1-D, finite (read in place when float64 contiguous).
    rate_hz : float
        Sample rate [Hz].
    threshold_N : float
        A contact starts when the force rises above this [N].
    release_N : float, optional
        and ends when it falls below this [N], in (0, threshold_N]; ``threshold_N`` by
        default.
    min_contact_s : float
        Contacts shorter than this [s] are noise and are dropped.
    min_flight_s : float
        A dip shorter than this [s] does not end a contact (the two are merged).

    Returns
    -------
    pandas.DataFrame
        One row per contact in time order: ``begin``, ``end`` (int64 sample indices, the
        contact is samples [begin, end)), ``touchdown_s``, ``takeoff_s`` (interpolated
        crossings [s] from the first sample) and ``complete`` (False when the signal starts
        or ends inside the contact).

    Raises
    ------
    ValueError
        For a non-finite sample (naming its index) or an option out of range.
    """
    sig, _ = _signal(vertical_N, "vertical_N")
    d = _core.detect_stances(sig, float(rate_hz), float(threshold_N),
                             float(threshold_N if release_N is None else release_N),
                             float(min_contact_s), float(min_flight_s))
    return pd.DataFrame(d)


def _check_no_gaps(df: pd.DataFrame, rate_hz: float) -> None:
    """ValueError when the DataFrame's time index skips samples (rows left out)."""
    t = np.asarray(df.index, dtype=np.float64)
    if t.size < 2:
        return
    steps = np.diff(t) * rate_hz
    bad = np.flatnonzero(~(np.abs(steps - 1.0) <= 0.5))
    if bad.size:
        i = int(bad[0])
        problems = df.attrs.get("problems") or []
        lines = ", ".join(str(line) for line, _ in problems[:5])
        hint = f" (rows left out at line(s) {lines})" if lines else ""
        raise ValueError(f"force: samples are missing between time_s = {_fmt(t[i])} and "
                         f"{_fmt(t[i + 1])} s{hint}; stance times need an unbroken signal: "
                         "fix or interpolate the file, or read it with on_error='raise'")


def _force_signals(force, rate_hz, anterior_posterior_N):
    """(vertical_N, anterior_posterior_N or None, rate_hz) from an array or a read_force frame."""
    if isinstance(force, pd.DataFrame):
        plates = force.attrs.get("plates")
        file_rate = force.attrs.get("rate_hz")
        if not plates or file_rate is None:
            raise ValueError("force: a DataFrame must come from read_force (its attrs name the "
                             "rate and force columns); otherwise pass the vertical force [N] as "
                             "an array with rate_hz")
        if rate_hz is not None and not math.isclose(float(rate_hz), file_rate, rel_tol=1e-9):
            raise ValueError(f"rate_hz = {_fmt(rate_hz)} is not allowed: must be the file's "
                             f"rate, {_fmt(file_rate)} Hz (or None)")
        rate_hz = file_rate
        _check_no_gaps(force, rate_hz)

        def total(axis):
            cols = [p[axis] for p in plates]
            if any(c is None for c in cols):
                return None
            if len(cols) == 1:
                return force[cols[0]].to_numpy(dtype=np.float64)
            return np.sum([force[c].to_numpy(dtype=np.float64) for c in cols], axis=0)

        vertical = total("vertical")
        if anterior_posterior_N is None:
            anterior_posterior_N = total("anterior_posterior")
    else:
        if rate_hz is None:
            raise ValueError("rate_hz is required when force is an array (it is read from the "
                             "attrs of a read_force DataFrame)")
        vertical = force
    vertical, _ = _signal(vertical, "vertical_N")
    if anterior_posterior_N is not None:
        anterior_posterior_N, _ = _signal(anterior_posterior_N, "anterior_posterior_N")
        if anterior_posterior_N.size != vertical.size:
            raise ValueError(f"anterior_posterior_N has {anterior_posterior_N.size} samples, "
                             f"vertical_N {vertical.size}: they must be the same length")
    return vertical, anterior_posterior_N, float(rate_hz)


def _stance_columns(stances: pd.DataFrame):
    """begin, end, complete, touchdown_s, takeoff_s of a stance DataFrame (defaults for
    hand-made stances: complete True, crossing times NaN)."""
    missing = [c for c in ("begin", "end") if c not in stances.columns]
    if missing:
        raise ValueError(f"stances: missing column(s) {missing}; pass detect_stances' DataFrame")
    n = len(stances)

    def col(name, default, dtype):
        if name in stances.columns:
            return stances[name].to_numpy(dtype=dtype)
        return np.full(n, default, dtype=dtype)

    return (col("begin", 0, np.int64), col("end", 0, np.int64), col("complete", True, bool),
            col("touchdown_s", np.nan, np.float64), col("takeoff_s", np.nan, np.float64))


def stance_metrics(force, rate_hz: Optional[float] = None, *, mass_kg: float,
                   anterior_posterior_N=None, stances: Optional[pd.DataFrame] = None,
                   threshold_N: float = 50.0, release_N: Optional[float] = None,
                   min_contact_s: float = 0.1, filter_hz: Optional[float] = None,
                   filter_order: int = 4, impact_window_fraction: float = 0.4,
                   impact_min_bw: float = 0.8, ap_sign: str = "propulsive_positive",
                   gravity_m_s2: float = STANDARD_GRAVITY, landmark_fraction: float = 0.13,
                   loading_rate_from: float = 0.2, loading_rate_to: float = 0.8,
                   min_flight_s: float = 0.0,
                   loading_rate_at_samples: bool = False) -> pd.DataFrame:
    """Per-stance metrics of a measured ground reaction force, one row per complete stance.

    Contact, flight and step time and cadence; impact peak (first local maximum above
    ``impact_min_bw`` in the first ``impact_window_fraction`` of contact, NaN without one,
    Cavanagh & Lafortune 1980) and active peak; VALR and VILR between 20 % and 80 % of the
    impact peak, or of the force at 13 % of contact without one (Milner et al. 2006,
    Blackmore et al. 2016); vertical impulse and mean force; braking and propulsive peaks and
    impulses from the anterior-posterior force. Definitions: ``strideload/waveform/
    metrics.hpp``.

    Parameters
    ----------
    force : array_like or pandas.DataFrame
        Vertical GRF [N] as a 1-D array (then ``rate_hz`` is required), or a DataFrame from
        :func:`read_force`, whose attrs give the rate and the force columns (plates summed:
        running has no double support). It must have no missing samples.
    rate_hz : float, optional
        Sample rate [Hz]; for a DataFrame it must be None or the file's.
    mass_kg : float
        Body mass [kg], 20-250; bodyweight (BW) = mass x gravity.
    anterior_posterior_N : array_like, optional
        Anterior-posterior GRF [N], same length; for a DataFrame, its AP columns by default.
        Without it the braking/propulsive columns are NaN.
    stances : pandas.DataFrame, optional
        Contacts as :func:`detect_stances` returns them (detected with the options below by
        default). Hand-made stances need ``begin`` and ``end``; without ``touchdown_s`` /
        ``takeoff_s`` each sample stands for 1/rate of contact.
    threshold_N : float
        Detection: a contact starts above this [N].
    release_N : float, optional
        Detection: and ends below this [N]; ``threshold_N`` by default.
    min_contact_s : float
        Detection: shorter contacts are dropped [s].
    filter_hz : float, optional
        Low-pass the force(s) zero-phase (Butterworth, :func:`filtfilt`) at this cutoff [Hz]
        before detection and metrics; the raw signal by default.
    filter_order : int
        Order of that filter, 1-8.
    impact_window_fraction : float
        Share of contact searched for an impact peak, (0, 1).
    impact_min_bw : float
        An impact peak exceeds this [BW].
    ap_sign : str
        ``"propulsive_positive"`` (+ = running direction, as Fukuchi et al. 2017's Fx) or
        ``"braking_positive"``.
    gravity_m_s2 : float
        Gravity [m/s^2], standard gravity by default.
    landmark_fraction : float
        Loading-rate landmark without an impact peak, share of contact (0.13).
    loading_rate_from : float
        Loading-rate window start, share of the landmark force (0.2).
    loading_rate_to : float
        Loading-rate window end, share of the landmark force (0.8).
    min_flight_s : float
        Detection: a dip shorter than this [s] does not end a contact.
    loading_rate_at_samples : bool
        Take the VALR/VILR window from the first samples at or above 20 % and 80 % of the
        landmark force (the common discrete form, which overshoots at low sample rates: +7 %
        at 300 Hz on the Fukuchi trial) instead of interpolated crossings (the default).

    Returns
    -------
    pandas.DataFrame
        One row per complete stance, columns in the C++ StanceTable order: ``start_s``,
        ``contact_time_s``, ``flight_time_s``, ``step_time_s``, ``cadence_spm``,
        ``impact_peak_N``/``_bw``/``_time_s``, ``active_peak_N``/``_bw``/``_time_s``,
        ``valr_bw_per_s``, ``vilr_bw_per_s``, ``valr_N_per_s``, ``vilr_N_per_s``,
        ``vertical_impulse_Ns``/``_bw_s``, ``mean_vertical_force_N``/``_bw``,
        ``braking_peak_N``/``_bw``, ``braking_impulse_Ns``, ``propulsive_peak_N``/``_bw``,
        ``propulsive_impulse_Ns``, ``loading_rate_landmark`` (0 impact peak, 1 13 % of
        contact), ``stance_index`` (row in ``stances``). NaN where not defined (no impact
        peak, no AP force, no next stance). ``attrs["summary"]``: dict of ``stances``,
        ``impact_peak_stances``, ``step_time_s``, ``cadence_spm`` (60 / mean step time),
        ``contact_time_s``, ``impulse_per_step_bw_s``, ``mean_force_bw`` (over whole steps:
        1 by impulse balance), ``stride_span_s``, ``mean_force_signal_bw``; also
        ``attrs["rate_hz"]``, ``attrs["mass_kg"]``, ``attrs["gravity_m_s2"]``,
        ``attrs["filter_hz"]``.

    Raises
    ------
    ValueError
        For bad input (a non-finite sample naming its index, mass or rate out of range,
        mismatched lengths, a DataFrame with missing samples).
    """
    vertical, ap, rate = _force_signals(force, rate_hz, anterior_posterior_N)
    if filter_hz is not None:
        vertical = filtfilt(vertical, filter_order, filter_hz, rate)
        if ap is not None:
            ap = filtfilt(ap, filter_order, filter_hz, rate)
    if stances is None:
        stances = detect_stances(vertical, rate, threshold_N, release_N, min_contact_s,
                                 min_flight_s)
    columns, summary = _core.stance_metrics(
        vertical, ap, rate, *_stance_columns(stances), float(mass_kg), float(gravity_m_s2),
        float(impact_window_fraction), float(impact_min_bw), float(landmark_fraction),
        float(loading_rate_from), float(loading_rate_to), bool(loading_rate_at_samples), ap_sign)
    df = pd.DataFrame(columns)
    df.attrs.update(summary=summary, rate_hz=rate, mass_kg=float(mass_kg),
                    gravity_m_s2=float(gravity_m_s2),
                    filter_hz=None if filter_hz is None else float(filter_hz),
                    metric_options=dict(
                        gravity_m_s2=float(gravity_m_s2),
                        impact_window_fraction=float(impact_window_fraction),
                        impact_min_bw=float(impact_min_bw),
                        landmark_fraction=float(landmark_fraction),
                        loading_rate_from=float(loading_rate_from),
                        loading_rate_to=float(loading_rate_to),
                        loading_rate_at_samples=bool(loading_rate_at_samples)))
    return df


def stance_summary(stances: pd.DataFrame, force=None, rate_hz: Optional[float] = None,
                   mass_kg: Optional[float] = None,
                   gravity_m_s2: float = STANDARD_GRAVITY) -> dict:
    """Summary of a stance table: counts, mean step and contact time, cadence, impulse.

    Useful after selecting rows of :func:`stance_metrics`' table (its ``attrs["summary"]``
    describes all of them).

    Parameters
    ----------
    stances : pandas.DataFrame
        A table from :func:`stance_metrics` (every column), rows in time order.
    force : array_like or pandas.DataFrame, optional
        The signal the table was measured on (filtered as it was), for the mean force over
        whole steps; as ``force`` of :func:`stance_metrics`.
    rate_hz : float, optional
        Its sample rate [Hz] (required for an array).
    mass_kg : float, optional
        Body mass [kg] (required with ``force``).
    gravity_m_s2 : float
        Gravity [m/s^2].

    Returns
    -------
    dict
        ``stances``, ``impact_peak_stances``, ``step_time_s``, ``cadence_spm`` (60 / mean
        step time), ``contact_time_s``, ``impulse_per_step_bw_s`` (means over the rows), and
        ``mean_force_bw``, ``stride_span_s``, ``mean_force_signal_bw`` (NaN without
        ``force``).

    Raises
    ------
    ValueError
        For a table missing a column, or bad input.
    """
    columns = {c: stances[c].to_numpy() for c in stances.columns if isinstance(c, str)}
    if force is None:
        return _core.stance_summary(columns, None, None, None, float(gravity_m_s2))
    vertical, _, rate = _force_signals(force, rate_hz, None)
    return _core.stance_summary(columns, vertical, rate,
                                None if mass_kg is None else float(mass_kg),
                                float(gravity_m_s2))


def _measured(stances: pd.DataFrame, column: str, required: bool):
    """A measured column as a private float64 array; None when optional and absent/all NaN."""
    if column not in stances.columns:
        if required:
            raise ValueError(f"stances: missing column {column!r}; pass the DataFrame "
                             "stance_metrics returned")
        return None
    a = np.array(stances[column].to_numpy(dtype=np.float64), dtype=np.float64, order="C")
    if not required and not np.isfinite(a).any():
        return None
    return a


def _metric_options(stances: pd.DataFrame) -> dict:
    """The definitions ``stances`` was measured with (stance_metrics' attrs), so that the
    model waveforms are measured the same way; stance_metrics' defaults otherwise."""
    o = dict(gravity_m_s2=STANDARD_GRAVITY, impact_window_fraction=0.4, impact_min_bw=0.8,
             landmark_fraction=0.13, loading_rate_from=0.2, loading_rate_to=0.8,
             loading_rate_at_samples=False)
    o.update(stances.attrs.get("metric_options", {}))
    o["metric_gravity_m_s2"] = o.pop("gravity_m_s2")
    return o


def compare_models(stances: pd.DataFrame, mass_kg: float, speed_m_s: float,
                   leg_length_m: Optional[float] = None, height_m: Optional[float] = None,
                   models: Union[str, Iterable[str], None] = None, loa_z: float = 1.96,
                   waveform_rate_hz: float = 1000.0, bodyweight_multiple: float = 3.0,
                   gravity_m_s2: float = STANDARD_GRAVITY, impact_time_s: float = 0.020,
                   impact_velocity_change_m_s: float = 1.0,
                   loading_rate: bool = True) -> pd.DataFrame:
    """The accuracy of each per-step model against measured stances.

    Every model is run on each stance's own measured contact and flight time (with the
    runner's mass, leg length and the speed) and compared with the measurement step by step:
    Bland-Altman bias, SD and limits of agreement (Bland & Altman 1986), in the measured unit
    and in percent of the measured value, MAPE, R^2 of the model as a predictor, Pearson's r.
    Metrics: ``peak_vertical_force`` (the measured active peak), ``vertical_impulse``,
    ``loading_rate`` (the VALR of the model's waveform sampled at ``waveform_rate_hz``,
    measured with the same definitions; not for impulse_balance) and, for the models that give
    them and a measurement with an AP force, ``peak_braking_force`` and
    ``peak_propulsive_force``. A stance without a flight time (the last one) is not modelled.

    Parameters
    ----------
    stances : pandas.DataFrame
        The table from :func:`stance_metrics`.
    mass_kg : float
        Body mass [kg], 20-250.
    speed_m_s : float
        Running speed [m/s] (the treadmill belt speed, or the mean over the trial).
    leg_length_m : float, optional
        Standing leg length [m], 0.3-1.5; 0.53 x ``height_m`` by default (Winter 1979).
        Required (or ``height_m``) by morin2005, spring_mass and burns_hgrf.
    height_m : float, optional
        Standing height [m], 0.6-2.5.
    models : str or iterable of str, optional
        Models to run (see :func:`strideload.models`); all by default.
    loa_z : float
        Limits-of-agreement multiplier: 1.96 (95 % under normality) or 2.
    waveform_rate_hz : float
        Sample rate of the model waveforms whose loading rate is measured [Hz].
    bodyweight_multiple : float
        k of constant_multiple [BW].
    gravity_m_s2 : float
        Gravity [m/s^2] of the models.
    impact_time_s, impact_velocity_change_m_s : float
        clark2017's t1 [s] and lower-limb velocity change [m/s].
    loading_rate : bool
        Compare loading rates (one waveform per step and model).

    Returns
    -------
    pandas.DataFrame
        One row per model and metric it gives: ``model``, ``metric``, ``unit`` (of the
        absolute statistics: N, N·s or BW/s), ``n`` (steps compared), ``n_missing`` (steps
        left out: NaN measurement or a step the model refused), ``bias`` (mean of model -
        measured), ``sd``, ``loa_low``, ``loa_high``, ``bias_pct``, ``sd_pct``,
        ``loa_low_pct``, ``loa_high_pct`` (percent of the measured value), ``mape_pct``,
        ``r2``, ``pearson_r``, ``measured_mean``, ``model_mean``, ``n_zero_measured`` (of the
        ``n`` steps, those whose measured value is 0 — a stance without a braking phase —
        left out of the percent statistics only).
        ``attrs["predictions"]``: long DataFrame ``model``, ``stance`` (the label of the
        stance's row in ``stances``), ``metric``, ``measured``, ``predicted`` (NaN where the
        model refused the step). ``attrs["failed"]``: dict model -> dict ``n_failed``,
        ``first_error``.

    Raises
    ------
    ValueError
        For bad input (naming the field), a missing column, or a model that needs a leg
        length without one.
    """
    if isinstance(models, str):
        models = [models]
    elif models is not None:
        models = list(models)
    measured = {col: _measured(stances, col, required=col == "active_peak_N")
                for col in MEASURED_COLUMNS.values()}
    out = _core.compare_models(
        _measured(stances, "contact_time_s", True), _measured(stances, "flight_time_s", True),
        measured["active_peak_N"], measured["vertical_impulse_Ns"], measured["valr_bw_per_s"],
        measured["braking_peak_N"], measured["propulsive_peak_N"], float(mass_kg),
        float(speed_m_s), None if leg_length_m is None else float(leg_length_m),
        None if height_m is None else float(height_m), models, float(loa_z),
        float(waveform_rate_hz), float(bodyweight_multiple), float(gravity_m_s2),
        float(impact_time_s), float(impact_velocity_change_m_s), bool(loading_rate),
        **_metric_options(stances))
    table = pd.DataFrame(out["rows"], columns=list(COMPARISON_COLUMNS))
    long = []
    failed = {}
    for p in out["predictions"]:
        model, index = p["model"], p["index"]
        failed[model] = {"n_failed": p["n_failed"], "first_error": p["first_error"]}
        for metric in table.loc[table["model"] == model, "metric"]:
            long.append(pd.DataFrame({
                "model": model,
                "stance": stances.index[index],
                "metric": metric,
                "measured": measured[MEASURED_COLUMNS[metric]][index],
                "predicted": p["columns"][metric],
            }))
    predictions = (pd.concat(long, ignore_index=True) if long else
                   pd.DataFrame(columns=["model", "stance", "metric", "measured", "predicted"]))
    table.attrs.update(predictions=predictions, failed=failed)
    return table
