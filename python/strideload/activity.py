"""How much did my legs take? Activities from watches and training logs, turned into per-session,
daily and weekly leg load.

- :func:`read_activity` reads a FIT, TCX or GPX file from a watch, or a hand-written training
  log (CSV), into an :class:`Activity`: per-record time series and sessions, SI units in the
  column names, NaN where the device did not record a quantity.
- :func:`session_steps` shows how one session's records become foot strikes (steps, speed,
  contact and flight time, grade), and where each came from.
- :func:`session_load` runs every step through a per-step GRF model (``clark2017`` by default)
  and sums per session: steps, vertical impulse [N s], peak force [N, BW], Carter's stress
  stimulus psi [BW], Sum peak^k [BW^k], Miner-equivalent cycles, time per grade band, strength
  minutes.
- :func:`daily_load` and :func:`weekly_load` sum sessions per local calendar day and ISO week
  (C++ ``load::daily_load`` / ``weekly_load``), with the 4 x 20 min strength target per week.

The computations are the C++ library's (``strideload/io/activity.hpp``,
``strideload/load/steps.hpp``, ``session.hpp``, ``calendar.hpp``); this module only builds
pandas tables. Bad input raises ``ValueError`` with the C++ message (a file's damage names the
byte or line; a ride loaded as a run names the sport); a file that cannot be opened raises
``OSError`` (``FileNotFoundError``).
"""

from __future__ import annotations

import os
from typing import Iterable, Optional

import numpy as np
import pandas as pd

from . import _core

RECORD_COLUMNS = tuple(_core.RECORD_COLUMNS)

_GRADE_PREFIX = "time_grade_"


def _utc(time_s) -> pd.Series:
    """Unix seconds [s] to tz-aware UTC datetimes (NaN -> NaT), rounded to the microsecond."""
    us = np.round(np.asarray(time_s, dtype=np.float64) * 1e6)
    ok = np.isfinite(us)
    # Integer microseconds: a float count of nanoseconds would lose the last digits.
    t = pd.to_datetime(np.where(ok, us, 0.0).astype(np.int64), unit="us", utc=True)
    return t.where(ok)


class Activity:
    """An activity file read by :func:`read_activity`: records and sessions.

    The C++ ``strideload::io::Activity`` stays inside (``_core``); :func:`session_load` and
    :func:`session_steps` use it directly, without converting the tables back.

    Attributes
    ----------
    records : pandas.DataFrame
        One row per record, all sessions, time order: ``time`` (tz-aware UTC), ``time_s``
        (Unix time [s]), ``latitude_deg``, ``longitude_deg``, ``distance_m`` (cumulative [m]),
        ``speed_m_s``, ``altitude_m``, ``heart_rate_bpm``, ``cadence_rpm`` (as recorded;
        running: strides per minute of one foot, steps = 2 x cadence), ``stance_time_s``,
        ``step_length_m``, ``vertical_oscillation_m``, ``power_W``. NaN = not recorded. The
        numeric columns are read-only views of the C++ storage (no copy).
    sessions : pandas.DataFrame
        One row per session: ``sport``, ``sub_sport``, ``start`` (tz-aware UTC), ``start_s``
        [s], ``duration_s`` (elapsed), ``moving_time_s``, ``distance_m``, ``first_record``,
        ``end_record`` (records ``[first_record, end_record)``), ``utc_offset_s`` (local - UTC
        when known), and the summary values of a hand-logged session: ``cadence_spm`` (steps
        per minute, both feet), ``contact_time_s``, ``rpe`` (CR-10), ``notes``.
    source : str
        The path it was read from.
    format : str
        ``"fit"``, ``"tcx"``, ``"gpx"`` or ``"log"``.
    dropped : list of (int, str)
        What was left out and why: (byte offset for FIT or line for text, reason).
    """

    def __init__(self, core):
        if not isinstance(core, _core.Activity):
            raise ValueError("Activity wraps the result of strideload.read_activity; "
                             "use read_activity(path)")
        self._core = core
        self._records = None
        self._sessions = None

    @property
    def source(self) -> str:
        return self._core.source

    @property
    def format(self) -> str:
        return self._core.format

    @property
    def dropped(self) -> list:
        return list(self._core.dropped)

    def record_array(self, name: str) -> np.ndarray:
        """One record column as a read-only float64 array viewing the C++ storage (no copy).

        Parameters
        ----------
        name : str
            One of :data:`RECORD_COLUMNS` (``"time_s"``, ``"cadence_rpm"``, ...).
        """
        return self._core.column(name)

    @property
    def records(self) -> pd.DataFrame:
        if self._records is None:
            cols = {"time": _utc(self._core.column("time_s"))}
            cols.update({name: self._core.column(name) for name in RECORD_COLUMNS})
            # copy=False keeps the read-only views of the C++ vectors (pandas does not
            # consolidate dict input then).
            self._records = pd.DataFrame(cols, copy=False)
        return self._records

    @property
    def sessions(self) -> pd.DataFrame:
        if self._sessions is None:
            d = self._core.sessions()
            start = _utc(d["start_s"])
            df = pd.DataFrame(d)
            df.insert(2, "start", start)
            self._sessions = df[["sport", "sub_sport", "start", "start_s", "duration_s",
                                 "moving_time_s", "distance_m", "first_record", "end_record",
                                 "utc_offset_s", "cadence_spm", "contact_time_s", "rpe",
                                 "notes"]]
        return self._sessions

    def __len__(self) -> int:
        return self._core.size

    def __repr__(self) -> str:
        return (f"Activity({self.source!r}, format={self.format!r}, records={len(self)}, "
                f"sessions={len(self.sessions)}, dropped={len(self.dropped)})")


def read_activity(path, keep_valid_prefix: bool = False, format: str = "",
                  time_zone: str = "UTC") -> Activity:
    """Read a watch file (FIT, TCX, GPX) or a training-log CSV.

    Parameters
    ----------
    path : str or os.PathLike
        ``.fit``, ``.tcx``, ``.gpx`` or ``.csv`` (training log: columns ``date``, ``kind``,
        ``duration_min`` and optional ``distance_km``, ``cadence_spm``, ``contact_time_ms``,
        ``rpe``, ``notes``).
    keep_valid_prefix : bool
        On damage (truncation, bad CRC, bad or backwards time), keep what precedes it and list
        what was dropped in ``Activity.dropped`` instead of raising.
    format : str
        ``""`` (from the extension), ``"fit"``, ``"tcx"``, ``"gpx"`` or ``"log"``.
    time_zone : str
        Time zone of training-log times written without an offset (a date alone is 12:00
        local): ``"UTC"``, a fixed offset (``"+01:00"``, ``"-0530"``, ``"UTC+1"``) or an IANA
        name (``"Europe/Paris"``). A named zone is applied with its rules at each session's
        own date (daylight saving included); such sessions get that ``utc_offset_s``. Times
        with an offset in the log, and every FIT/TCX/GPX time (UTC in the file), are not
        affected.

    Returns
    -------
    Activity
        Records and sessions; see :class:`Activity`.

    Raises
    ------
    FileNotFoundError, OSError
        When the file cannot be opened.
    ValueError
        For malformed or damaged contents (naming the byte or line), an unknown format or time
        zone.
    """
    return Activity(_core.read_activity(os.fspath(path), bool(keep_valid_prefix), str(format),
                                        str(time_zone)))


def _activities(source, keep_valid_prefix: bool, time_zone: str) -> list:
    if isinstance(source, (Activity, str, os.PathLike)):
        source = [source]
    out = []
    for s in source:
        if isinstance(s, Activity):
            out.append(s)
        elif isinstance(s, (str, os.PathLike)):
            out.append(read_activity(s, keep_valid_prefix=keep_valid_prefix,
                                     time_zone=time_zone))
        else:
            raise ValueError(f"activity: {type(s).__name__} is neither an Activity nor a path")
    if not out:
        raise ValueError("activity: no activity given")
    return out


def session_steps(activity, session: int = 0, **step_options) -> pd.DataFrame:
    """How one session's records become foot strikes.

    Each interval between two records becomes ``steps`` identical steps (fractional counts
    kept). Steps come from the recorded cadence (2 x strides/min), else distance / recorded
    step length, else ``assumed_cadence_spm`` while moving; contact time is the recorded stance
    time, else t_step / (a + b v) from Weyand & Davis (2005) Fig. 1B; grade is the slope of
    altitude smoothed over ``grade_window_m``.

    Parameters
    ----------
    activity : Activity or str or os.PathLike
        An activity, or a path to read.
    session : int
        Index into ``activity.sessions``.
    **step_options
        ``pause_gap_s`` (30 s: a longer record gap is a pause), ``min_moving_speed_m_s`` (0.5),
        ``max_speed_m_s`` (12.5: faster is a GPS spike), ``assumed_cadence_spm`` (170),
        ``min_cadence_spm`` (60), ``max_cadence_spm`` (300), ``grade_window_m`` (100),
        ``max_grade`` (0.45), ``contact_relation`` (``"male"`` or ``"female"``).

    Returns
    -------
    pandas.DataFrame
        One row per interval: ``time`` (tz-aware UTC), ``time_s`` [s], ``duration_s`` [s],
        ``steps``, ``speed_m_s``, ``contact_time_s`` [s], ``flight_time_s`` [s], ``grade``
        (rise over run). ``.attrs["report"]`` is a dict: ``moving_s``, ``paused_s``,
        ``standing_s`` [s]; step counts ``steps_from_cadence``, ``steps_from_step_length``,
        ``steps_assumed``, ``steps_from_log``, ``contact_from_stance_time``,
        ``contact_from_relation``, ``walking_steps``; counts ``gps_spikes``, ``grade_clipped``,
        ``speed_filled``; and ``steps_from`` / ``contact_from`` (the source, or ``"mixed"``).

    Raises
    ------
    ValueError
        For a bad session index or option, or when contact times are needed and nothing gives
        them.
    """
    (act,) = _activities(activity, False, "UTC")
    if isinstance(session, bool) or not isinstance(session, (int, np.integer)) or session < 0:
        raise ValueError(f"session = {session!r} is not allowed: must be an index into "
                         f"activity.sessions (0-{len(act.sessions) - 1})")
    d, report = _core.session_steps(act._core, int(session), dict(step_options))
    df = pd.DataFrame(d)
    df.insert(0, "time", _utc(d["time_s"]))
    df.attrs["report"] = dict(report)
    return df


def session_load(activity, mass_kg: float, height_m: Optional[float] = None,
                 leg_length_m: Optional[float] = None, model: str = "clark2017",
                 sport: Optional[str] = None, stress_exponent: float = 4.0,
                 damage_exponent: float = 7.0, reference_load_bw: float = 2.5,
                 grade_band_edges: Iterable[float] = (-0.08, -0.03, 0.03, 0.08),
                 keep_valid_prefix: bool = False, time_zone: str = "UTC",
                 **step_options) -> pd.DataFrame:
    """Leg load of every session of one or more activities.

    Every step of a session on foot goes through a per-step GRF model; the results are summed
    per session. Strength & conditioning sessions count their minutes; other sports (a ride, a
    swim inside a multi-sport file or a log) are listed with zero load. A file whose sessions
    are all neither on foot nor strength is refused (``ValueError`` naming the sport) unless
    ``sport`` overrides it.

    Parameters
    ----------
    activity : Activity, str, os.PathLike, or a list of them
        Activities, or paths to read (with ``keep_valid_prefix`` and ``time_zone``); the rows of
        all of them are concatenated.
    mass_kg : float
        Body mass [kg], 20-250.
    height_m : float, optional
        Standing height [m]; leg length defaults to 0.53 x height (Winter 1979).
    leg_length_m : float, optional
        Standing leg length [m], 0.3-1.5. Needed (or ``height_m``) only by models that use it
        (e.g. ``morin2005``); ``clark2017`` does not.
    model : str
        Per-step GRF model (see :func:`strideload.models`); ``clark2017`` (Clark, Ryan & Weyand
        2017) by default.
    sport : str, optional
        Treat every session as this sport (e.g. ``"running"`` for a mislabelled file).
    stress_exponent : float
        m of psi = (Sum n peak^m)^(1/m) (Carter et al. 1987), 1-20.
    damage_exponent : float
        k of Sum peak^k and of N_eq, 1-20 (bone ~ 6.6-7).
    reference_load_bw : float
        sigma_ref of N_eq = Sum n (peak / sigma_ref)^k [BW], > 0.
    grade_band_edges : sequence of float
        Increasing grade edges (rise over run) of the time-at-grade columns.
    keep_valid_prefix : bool
        As :func:`read_activity`, for paths.
    time_zone : str
        As :func:`read_activity`, for paths (training-log times without an offset).
    **step_options
        As :func:`session_steps` (``pause_gap_s``, ``assumed_cadence_spm``, ...).

    Returns
    -------
    pandas.DataFrame
        One row per session: ``source``, ``index`` (session in its file), ``sport``,
        ``sub_sport``, ``start`` (tz-aware UTC), ``start_s`` [s], ``on_foot``, ``strength``,
        ``steps_from``, ``contact_from`` (where steps and contact times came from: see
        :func:`session_steps`; ``"none"`` off foot), ``rpe``; then the totals: ``sessions``,
        ``foot_sessions``, ``strength_sessions``, ``duration_s``, ``moving_s``, ``distance_m``,
        ``steps``, ``loaded_steps``, ``vertical_impulse_Ns`` [N s], ``vertical_impulse_bw_s``
        [BW s], ``mean_peak_N``, ``mean_peak_bw``, ``max_peak_N``, ``max_peak_bw``,
        ``weighted_peak_sum`` (Sum n peak^k [BW^k]), ``stress_stimulus`` (psi [BW]),
        ``equivalent_cycles`` (N_eq), ``strength_min`` [min], ``paused_s``, ``gps_spikes``,
        ``walking_steps``, ``failed_steps``; then the moving time per grade band [s]
        (``time_grade_below_-8pct_s``, ..., ``time_grade_8pct_and_up_s``). ``.attrs`` holds
        ``stress_exponent``, ``damage_exponent``, ``reference_load_bw``, ``grade_band_edges``,
        ``model``, ``mass_kg``.

    Raises
    ------
    ValueError
        For a ride or swim given as a run (the message names the sport), bad options, a missing
        leg length for a model that needs one, or malformed files.
    """
    edges = [float(e) for e in grade_band_edges]
    frames = []
    for act in _activities(activity, keep_valid_prefix, time_zone):
        d = _core.session_load(act._core, float(mass_kg), _opt(height_m), _opt(leg_length_m),
                               str(model), sport or "", float(stress_exponent),
                               float(damage_exponent), float(reference_load_bw), edges,
                               dict(step_options))
        df = pd.DataFrame(d)
        df.insert(4, "start", _utc(d["start_s"]))
        frames.append(df)
    out = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    out.attrs.update(stress_exponent=float(stress_exponent), damage_exponent=float(damage_exponent),
                     reference_load_bw=float(reference_load_bw), grade_band_edges=tuple(edges),
                     model=str(model), mass_kg=float(mass_kg))
    return out


def _opt(x) -> Optional[float]:
    return None if x is None else float(x)


def _period_load(sessions: pd.DataFrame, time_zone: str, stress_exponent, weeks: bool,
                 strength_target_sessions: float = 4, strength_target_min: float = 20):
    if not isinstance(sessions, pd.DataFrame):
        raise ValueError("sessions: pass the DataFrame returned by session_load")
    used = sessions.attrs.get("stress_exponent")
    if stress_exponent is None:
        stress_exponent = 4.0 if used is None else used
    elif used is not None and float(stress_exponent) != used:
        raise ValueError(f"stress_exponent = {stress_exponent} is not allowed: the sessions were "
                         f"loaded with stress_exponent = {used}, and psi recombines only with "
                         "the same one")
    missing = [c for c in ("start_s", "sport") if c not in sessions.columns]
    if missing:
        raise ValueError(f"sessions: missing column(s) {missing}; pass the DataFrame returned "
                         "by session_load")
    band_names = [c for c in sessions.columns if c.startswith(_GRADE_PREFIX)]
    fields = {c: sessions[c].to_numpy(dtype=np.float64) for c in sessions.columns
              if c not in band_names and pd.api.types.is_numeric_dtype(sessions[c])
              and not pd.api.types.is_bool_dtype(sessions[c])}
    bands = [sessions[c].to_numpy(dtype=np.float64) for c in band_names]
    d = _core.period_load(sessions["start_s"].to_numpy(dtype=np.float64),
                          [str(s) for s in sessions["sport"]], fields, bands, band_names,
                          str(time_zone), float(stress_exponent), weeks,
                          float(strength_target_sessions), float(strength_target_min))
    df = pd.DataFrame(d)
    df.attrs.update(sessions.attrs)
    df.attrs.update(time_zone=str(time_zone), stress_exponent=float(stress_exponent))
    if weeks:
        df.attrs.update(strength_target_sessions=float(strength_target_sessions),
                        strength_target_min=float(strength_target_min))
    return df


def daily_load(sessions: pd.DataFrame, time_zone: str = "UTC",
               stress_exponent: Optional[float] = None) -> pd.DataFrame:
    """Session loads summed per local calendar day, every day from the first to the last.

    The sums are the C++ ``load::daily_load``: additive totals add, maxima take the larger,
    step-weighted mean peaks and psi are recombined exactly (psi = (Sum psi_i^m)^(1/m)). A
    session counts on the local day it started.

    Parameters
    ----------
    sessions : pandas.DataFrame
        As returned by :func:`session_load` (rows of any files, any order).
    time_zone : str
        ``"UTC"``, a fixed offset (``"+01:00"``) or an IANA name (``"Europe/Paris"``, with its
        daylight saving) that defines the calendar days.
    stress_exponent : float, optional
        m of psi; by default the one :func:`session_load` used (``sessions.attrs``), else 4.
        A different one is refused: psi only recombines with its own exponent.

    Returns
    -------
    pandas.DataFrame
        One row per day: ``label`` and ``start`` (``"YYYY-MM-DD"``), ``sports``
        (``"+"``-joined), the totals columns of :func:`session_load` and the grade bands. Days
        without a session are rows of zeros.

    Raises
    ------
    ValueError
        For an unknown time zone, a session without a start time, or missing columns.
    """
    return _period_load(sessions, time_zone, stress_exponent, False)


def weekly_load(sessions: pd.DataFrame, time_zone: str = "UTC",
                stress_exponent: Optional[float] = None, strength_target_sessions: float = 4,
                strength_target_min: float = 20) -> pd.DataFrame:
    """Session loads summed per ISO week (Monday-Sunday, local time), with the strength target.

    Parameters
    ----------
    sessions : pandas.DataFrame
        As returned by :func:`session_load`.
    time_zone : str
        As :func:`daily_load`.
    stress_exponent : float, optional
        As :func:`daily_load`.
    strength_target_sessions : float
        Strength & conditioning sessions per week, 0-50 (4 by default).
    strength_target_min : float
        Minutes per target session [min], 0-600 (20 by default).

    Returns
    -------
    pandas.DataFrame
        One row per ISO week, every week from the first to the last: ``label``
        (``"2019-W05"``), ``start`` (its Monday, ``"YYYY-MM-DD"``), ``sports``, the totals and
        grade bands as :func:`daily_load`, ``strength_target_met`` (at least the target
        sessions and target sessions x minutes), ``strength_target_fraction`` (strength minutes
        / target minutes, capped at 1).

    Raises
    ------
    ValueError
        As :func:`daily_load`, or for a target out of range.
    """
    return _period_load(sessions, time_zone, stress_exponent, True, strength_target_sessions,
                        strength_target_min)
