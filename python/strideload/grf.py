"""Per-step GRF models: one step, many steps (numpy, zero-copy), and pandas tables."""

from __future__ import annotations

from typing import Optional

import numpy as np
import pandas as pd

from . import _core

STANDARD_GRAVITY = _core.STANDARD_GRAVITY
#: Allowed standing height [m], inclusive (the C++ library's range).
HEIGHT_RANGE_M = _core.HEIGHT_RANGE_M
#: Allowed watch cadence [steps/min], inclusive (the C++ library's range).
CADENCE_RANGE_SPM = _core.CADENCE_RANGE_SPM

#: Keyword arguments shared by every entry point, with their defaults.
_MODEL_OPTIONS = dict(
    gravity_m_s2=STANDARD_GRAVITY,
    bodyweight_multiple=3.0,
    impact_time_s=0.020,
    impact_velocity_change_m_s=1.0,
)

#: The input columns step_loads() reads from a DataFrame.
INPUT_COLUMNS = (
    "mass_kg",
    "speed_m_s",
    "contact_time_s",
    "flight_time_s",
    "leg_length_m",
    "height_m",
    "cadence_spm",
    "contact_time_ms",
    "grade",
)


def models() -> pd.DataFrame:
    """The per-step models with their citations.

    Returns
    -------
    pandas.DataFrame
        One row per model: ``name``, ``citation``, ``summary``, ``uses_speed_and_leg``,
        ``horizontal`` (gives braking/propulsive forces).
    """
    return pd.DataFrame(_core.models())


def _fmt(x) -> str:
    """A number as strideload::Error prints it (10 significant digits)."""
    return format(float(x), ".10g")


def _raise_first_bad(name: str, values: np.ndarray, ok: np.ndarray, allowed: str) -> None:
    """ValueError for the first value where ``ok`` is false, worded as C++'s strideload::Error.

    ``values`` and ``ok`` have the same shape; a 0-d ``values`` is named without an index.
    """
    if ok.all():
        return
    i = int(np.flatnonzero(~ok)[0])
    label = name if values.ndim == 0 else f"{name}[{i}]"
    raise ValueError(f"{label} = {_fmt(values.flat[i])} is not allowed: must be {allowed}")


def _leg_length(leg_length_m, height_m):
    """Leg length [m]: ``leg_length_m`` if given, else 0.53 x ``height_m``; None if neither.

    ``height_m`` is range-checked whenever it is given, even alongside ``leg_length_m``.
    """
    if height_m is not None:
        lo, hi = HEIGHT_RANGE_M
        height = np.asarray(height_m, dtype=np.float64)
        _raise_first_bad("height_m", height, (height >= lo) & (height <= hi),
                         f"finite and in [{lo:g}, {hi:g}] m")
    if leg_length_m is not None:
        return leg_length_m
    if height_m is None:
        return None
    if np.ndim(height_m) == 0:
        return _core.leg_length_from_height(float(height_m))
    return height * _core.LEG_LENGTH_PER_HEIGHT


def _timing(contact_time_s, flight_time_s, cadence_spm, contact_time_ms):
    """(contact_time_s, flight_time_s) from explicit times or from what watches record.

    Scalars go through the C++ ``Stride::from_cadence``; arrays are checked here with the same
    ranges and the same messages, plus the index of the first bad step.
    """
    if cadence_spm is None and contact_time_ms is None:
        if contact_time_s is None or flight_time_s is None:
            raise ValueError("contact_time_s and flight_time_s are required (or cadence_spm and "
                             "contact_time_ms)")
        return contact_time_s, flight_time_s
    if cadence_spm is None or contact_time_ms is None:
        raise ValueError("cadence_spm and contact_time_ms go together")
    if contact_time_s is not None or flight_time_s is not None:
        raise ValueError("give either contact_time_s/flight_time_s or cadence_spm/contact_time_ms")
    if np.ndim(cadence_spm) == 0 and np.ndim(contact_time_ms) == 0:
        return _core.stride_from_cadence(float(cadence_spm), float(contact_time_ms))
    cadence = np.asarray(cadence_spm, dtype=np.float64)
    lo, hi = CADENCE_RANGE_SPM
    _raise_first_bad("cadence_spm", cadence, (cadence >= lo) & (cadence <= hi),
                     f"in [{lo:g}, {hi:g}] steps/min")
    try:
        cadence, contact_ms = np.broadcast_arrays(
            cadence, np.asarray(contact_time_ms, dtype=np.float64))
    except ValueError:
        raise ValueError(f"cadence_spm and contact_time_ms must have the same length: shapes "
                         f"{np.shape(cadence_spm)} and {np.shape(contact_time_ms)}") from None
    step_s = 60.0 / cadence
    step_ms = 1000.0 * step_s
    ok = (contact_ms > 0) & (contact_ms < step_ms)
    if not ok.all():
        i = int(np.flatnonzero(~ok)[0])
        _raise_first_bad("contact_time_ms", contact_ms, ok,
                         f"in (0, {step_ms.flat[i]:g}) ms, shorter than the step time 60/cadence")
    contact_s = contact_ms / 1000.0
    return contact_s, step_s - contact_s


def step_load(model: str = "morin2005", *, mass_kg: float,
              speed_m_s: Optional[float] = None,
              contact_time_s: Optional[float] = None,
              flight_time_s: Optional[float] = None,
              leg_length_m: Optional[float] = None,
              height_m: Optional[float] = None,
              cadence_spm: Optional[float] = None,
              contact_time_ms: Optional[float] = None,
              grade: float = 0.0,
              gravity_m_s2: float = STANDARD_GRAVITY,
              bodyweight_multiple: float = 3.0,
              impact_time_s: float = 0.020,
              impact_velocity_change_m_s: float = 1.0) -> _core.StepLoad:
    """Loads of one step (one foot contact) from a per-step GRF model.

    Parameters
    ----------
    model : str
        One of ``strideload.models().name``: ``constant_multiple``, ``impulse_balance``,
        ``morin2005``, ``spring_mass``, ``clark2017``, ``burns_hgrf``.
    mass_kg : float
        Body mass [kg], 20-250.
    speed_m_s : float, optional
        Running speed [m/s], (0, 12.5]; required by morin2005, spring_mass, burns_hgrf. For
        those and the other models it is the speed averaged over the step, except for
        spring_mass, where it is the horizontal speed at touchdown (= take-off and flight
        speed); the step average is slightly lower, as the runner slows in the first half of
        the contact.
    contact_time_s, flight_time_s : float, optional
        Ground contact and flight time of the step [s]. Or give ``cadence_spm`` and
        ``contact_time_ms`` instead.
    leg_length_m : float, optional
        Standing leg length [m], 0.3-1.5; defaults to 0.53 x ``height_m`` (Winter 1979).
    height_m : float, optional
        Standing height [m], within ``HEIGHT_RANGE_M`` (0.6-2.5); checked even when
        ``leg_length_m`` is given.
    cadence_spm : float, optional
        Cadence [steps/min] (both feet) as watches record it, within ``CADENCE_RANGE_SPM``
        (30-400); step time = 60/cadence [s]. Goes with ``contact_time_ms``.
    contact_time_ms : float, optional
        Ground contact time [ms] as watches record it, shorter than the step time; flight time
        = step time - contact time.
    grade : float
        Rise over run (-0.05 = 5 % downhill), within +-0.45; peaks adjusted after Gottschall &
        Kram 2005.
    gravity_m_s2 : float
        Gravity [m/s^2], (0, 30], standard gravity 9.80665 by default.
    bodyweight_multiple : float
        k of constant_multiple [BW], 3 by default.
    impact_time_s, impact_velocity_change_m_s : float
        clark2017's t1 [s] and lower-limb velocity change [m/s].

    Returns
    -------
    StepLoad
        Peak/mean vertical force [N], peak in bodyweights, impulse [N s], times [s] and the
        model's extras (stiffness [N/m], braking force [N], ...); ``.to_dict()`` for a dict.

    Raises
    ------
    ValueError
        Naming the field and its allowed range.
    """
    contact_time_s, flight_time_s = _timing(contact_time_s, flight_time_s, cadence_spm,
                                            contact_time_ms)
    return _core.step_load(model, float(mass_kg), _opt_float(speed_m_s), float(contact_time_s),
                           float(flight_time_s), _opt_float(_leg_length(leg_length_m, height_m)),
                           float(grade), float(gravity_m_s2), float(bodyweight_multiple),
                           float(impact_time_s), float(impact_velocity_change_m_s))


def _opt_float(x):
    return None if x is None else float(x)


def _as_columns(arrays: dict) -> dict:
    """Broadcast inputs to one 1-D length; float64 C-contiguous arrays pass through uncopied."""
    present = {k: np.asarray(v, dtype=np.float64) for k, v in arrays.items() if v is not None}
    for k, a in present.items():
        if a.ndim > 1:
            raise ValueError(f"{k} must be a scalar or a 1-D array, not shape {a.shape}")
    try:
        shape = np.broadcast_shapes(*(a.shape for a in present.values()))
    except ValueError:
        sizes = {k: a.shape for k, a in present.items()}
        raise ValueError(f"array arguments must have the same length: {sizes}") from None
    shape = shape or (1,)
    out = {}
    for k, v in arrays.items():
        if v is None:
            out[k] = None
            continue
        a = present[k]
        if a.shape == shape and a.flags.c_contiguous:
            out[k] = a
        else:
            out[k] = np.ascontiguousarray(np.broadcast_to(a, shape))
    return out


def step_load_batch(model: str = "morin2005", *, mass_kg, speed_m_s=None, contact_time_s=None,
                    flight_time_s=None, leg_length_m=None, height_m=None, cadence_spm=None,
                    contact_time_ms=None, grade=None, gravity_m_s2: float = STANDARD_GRAVITY,
                    bodyweight_multiple: float = 3.0, impact_time_s: float = 0.020,
                    impact_velocity_change_m_s: float = 1.0) -> dict:
    """Loads of many steps: the fast path.

    Array arguments are 1-D (one value per step, all the same length n) or scalars, which
    broadcast. Contiguous float64 arrays are read in place without copying; results are new
    numpy arrays that own the C++ output (no copy either).

    Parameters
    ----------
    model : str
        Model name; see :func:`models`.
    mass_kg : array_like
        Body mass [kg], 20-250.
    speed_m_s : array_like, optional
        Running speed [m/s], (0, 12.5]; required by morin2005, spring_mass, burns_hgrf (for
        spring_mass the horizontal speed at touchdown, see :func:`step_load`).
    contact_time_s, flight_time_s : array_like, optional
        Ground contact and flight time of each step [s]. Or ``cadence_spm`` and
        ``contact_time_ms``.
    leg_length_m : array_like, optional
        Standing leg length [m], 0.3-1.5; defaults to 0.53 x ``height_m``.
    height_m : array_like, optional
        Standing height [m], within ``HEIGHT_RANGE_M`` (0.6-2.5); checked even when
        ``leg_length_m`` is given.
    cadence_spm : array_like, optional
        Cadence [steps/min], within ``CADENCE_RANGE_SPM`` (30-400); step time = 60/cadence.
    contact_time_ms : array_like, optional
        Ground contact time [ms], shorter than the step time.
    grade : array_like, optional
        Rise over run per step (or one for all), within +-0.45; level ground if omitted.
    gravity_m_s2 : float
        Gravity [m/s^2], (0, 30], standard gravity 9.80665 by default.
    bodyweight_multiple : float
        k of constant_multiple [BW], 3 by default.
    impact_time_s, impact_velocity_change_m_s : float
        clark2017's t1 [s] and lower-limb velocity change [m/s].

    Returns
    -------
    dict of str -> numpy.ndarray
        One length-n array per quantity the model gives, keyed like ``StepLoad.to_dict()``:
        ``peak_vertical_force_N``, ``peak_vertical_force_bw``, ``mean_vertical_force_N``,
        ``vertical_impulse_Ns`` and the model's extras. The same keys for n = 0.

    Raises
    ------
    ValueError
        Naming the first invalid field and its index, e.g. ``mass_kg[12]``.
    """
    contact_time_s, flight_time_s = _timing(contact_time_s, flight_time_s, cadence_spm,
                                            contact_time_ms)
    cols = _as_columns(dict(mass_kg=mass_kg, speed_m_s=speed_m_s, contact_time_s=contact_time_s,
                            flight_time_s=flight_time_s,
                            leg_length_m=_leg_length(leg_length_m, height_m), grade=grade))
    out = _core.step_load_batch(model, cols["mass_kg"], cols["speed_m_s"], cols["contact_time_s"],
                                cols["flight_time_s"], cols["leg_length_m"], cols["grade"],
                                float(gravity_m_s2), float(bodyweight_multiple),
                                float(impact_time_s), float(impact_velocity_change_m_s))
    return out


def step_loads(df: pd.DataFrame, model: str = "morin2005", **options) -> pd.DataFrame:
    """Per-step loads for every row of a DataFrame.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per step with the input columns of :func:`step_load_batch` that the model
        needs: ``mass_kg``, ``contact_time_s`` and ``flight_time_s`` (or ``cadence_spm`` and
        ``contact_time_ms``), ``speed_m_s``, ``leg_length_m`` (or ``height_m``), ``grade``.
        It must not already have a column the result adds.
    model : str
        Model name; see :func:`models`.
    **options
        ``gravity_m_s2``, ``bodyweight_multiple``, ``impact_time_s``,
        ``impact_velocity_change_m_s``; scalar inputs missing from ``df`` (e.g. ``mass_kg=70``).

    Returns
    -------
    pandas.DataFrame
        A copy of ``df`` (same index) with one column per result quantity of the model added
        (even when ``df`` has no rows) and, when timing came from ``cadence_spm`` and
        ``contact_time_ms``, ``contact_time_s`` and ``flight_time_s`` [s].

    Raises
    ------
    ValueError
        For bad input, and naming any column of ``df`` the result would overwrite.
    """
    inputs = {c: df[c].to_numpy(dtype=np.float64) for c in INPUT_COLUMNS if c in df.columns}
    for key in list(options):
        if key in INPUT_COLUMNS:
            if key in inputs:
                raise ValueError(f"{key} is both a column and a keyword")
            inputs[key] = options.pop(key)
    unknown = set(options) - set(_MODEL_OPTIONS)
    if unknown:
        raise ValueError(f"unknown options {sorted(unknown)}; expected {sorted(_MODEL_OPTIONS)}")
    if "mass_kg" not in inputs:
        raise ValueError("mass_kg is required (a column or a keyword)")
    clash = [c for c in _core.model_columns(model) if c in df.columns]
    if clash:
        raise ValueError(f"df already has column(s) {clash}, which step_loads would overwrite "
                         f"with model {model}'s results; rename or drop them")
    added = {}
    if "cadence_spm" in inputs or "contact_time_ms" in inputs:
        contact, flight = _timing(inputs.pop("contact_time_s", None),
                                  inputs.pop("flight_time_s", None),
                                  inputs.pop("cadence_spm", None),
                                  inputs.pop("contact_time_ms", None))
        inputs.update(contact_time_s=contact, flight_time_s=flight)
        added = {k: inputs[k] for k in ("contact_time_s", "flight_time_s") if k not in df.columns}
    added.update(step_load_batch(model, **inputs, **options))
    out = df.copy()
    for key, values in added.items():
        out[key] = np.broadcast_to(np.asarray(values, dtype=np.float64), (len(df),))
    return out


def waveform(model: str = "morin2005", *, mass_kg: float, speed_m_s=None, contact_time_s=None,
             flight_time_s=None, leg_length_m=None, height_m=None, cadence_spm=None,
             contact_time_ms=None, grade: Optional[float] = 0.0, rate_hz: float = 1000.0,
             gravity_m_s2: float = STANDARD_GRAVITY, bodyweight_multiple: float = 3.0,
             impact_time_s: float = 0.020,
             impact_velocity_change_m_s: float = 1.0) -> pd.DataFrame:
    """A model's force-time waveform over one contact, on level ground.

    Waveforms are level-ground only: ``grade`` is accepted so that one set of step keywords
    serves :func:`step_load` and this function, but it must be 0 (the grade adjustment of
    Gottschall & Kram 2005 rescales peaks; it gives no waveform).

    Parameters
    ----------
    model : str
        Model name; see :func:`models`.
    mass_kg : float
        Body mass [kg], 20-250.
    speed_m_s : float, optional
        Running speed [m/s], (0, 12.5]; required by morin2005, spring_mass, burns_hgrf (for
        spring_mass the horizontal speed at touchdown, see :func:`step_load`).
    contact_time_s, flight_time_s : float, optional
        Ground contact and flight time of the step [s]. Or ``cadence_spm`` and
        ``contact_time_ms``.
    leg_length_m : float, optional
        Standing leg length [m], 0.3-1.5; defaults to 0.53 x ``height_m``.
    height_m : float, optional
        Standing height [m], within ``HEIGHT_RANGE_M`` (0.6-2.5).
    cadence_spm : float, optional
        Cadence [steps/min], within ``CADENCE_RANGE_SPM`` (30-400); step time = 60/cadence.
    contact_time_ms : float, optional
        Ground contact time [ms], shorter than the step time.
    grade : float, optional
        Rise over run; must be 0 or None (see above).
    rate_hz : float
        Sample rate [Hz], 10 Hz - 1 MHz.
    gravity_m_s2 : float
        Gravity [m/s^2], (0, 30], standard gravity 9.80665 by default.
    bodyweight_multiple : float
        k of constant_multiple [BW], 3 by default.
    impact_time_s, impact_velocity_change_m_s : float
        clark2017's t1 [s] and lower-limb velocity change [m/s].

    Returns
    -------
    pandas.DataFrame
        Columns ``time_s`` (t = k / rate < tc, k = 0, 1, ...), ``vertical_N`` and,
        for spring_mass and burns_hgrf, ``horizontal_N`` (+ propulsive, - braking).

    Raises
    ------
    ValueError
        Naming the field and its allowed range; for a non-zero ``grade``.
    """
    if grade is not None and float(grade) != 0.0:
        raise ValueError(f"grade = {_fmt(grade)} is not allowed: waveforms are level-ground only; "
                         "grade adjusts peaks, see step_load")
    contact_time_s, flight_time_s = _timing(contact_time_s, flight_time_s, cadence_spm,
                                            contact_time_ms)
    w = _core.waveform(model, float(mass_kg), _opt_float(speed_m_s), float(contact_time_s),
                       float(flight_time_s), _opt_float(_leg_length(leg_length_m, height_m)),
                       float(rate_hz), float(gravity_m_s2), float(bodyweight_multiple),
                       float(impact_time_s), float(impact_velocity_change_m_s))
    if w["horizontal_N"] is None:
        del w["horizontal_N"]
    return pd.DataFrame(w)
