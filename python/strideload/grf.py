"""Per-step GRF models: one step, many steps (numpy, zero-copy), and pandas tables."""

from __future__ import annotations

from typing import Optional

import numpy as np
import pandas as pd

from . import _core

STANDARD_GRAVITY = _core.STANDARD_GRAVITY

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


def _leg_length(leg_length_m, height_m):
    if leg_length_m is not None:
        return leg_length_m
    if height_m is None:
        return None
    if np.ndim(height_m) == 0:
        return _core.leg_length_from_height(float(height_m))
    height = np.asarray(height_m, dtype=np.float64)
    bad = ~((height >= 0.5) & (height <= 2.5))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError(f"height_m[{i}] = {height[i]} is not allowed: must be finite and in "
                         "[0.5, 2.5] m")
    return height * _core.LEG_LENGTH_PER_HEIGHT


def _timing(contact_time_s, flight_time_s, cadence_spm, contact_time_ms, speed_m_s):
    """(contact_time_s, flight_time_s) from explicit times or from what watches record."""
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
        return _core.stride_from_cadence(
            1.0 if speed_m_s is None or np.ndim(speed_m_s) else float(speed_m_s),
            float(cadence_spm), float(contact_time_ms))
    cadence = np.asarray(cadence_spm, dtype=np.float64)
    contact = np.asarray(contact_time_ms, dtype=np.float64) / 1000.0
    step = 60.0 / cadence
    bad_cadence = ~((cadence >= 30) & (cadence <= 400))
    if bad_cadence.any():
        i = int(np.flatnonzero(bad_cadence)[0])
        raise ValueError(f"cadence_spm[{i}] = {cadence.flat[i]} is not allowed: must be in "
                         "[30, 400] steps/min")
    bad = ~((contact > 0) & (contact < step))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError(f"contact_time_s[{i}] = {contact.flat[i]} is not allowed: must be in "
                         f"(0, {np.broadcast_to(step, bad.shape).flat[i]}) s, shorter than the "
                         "step time 60/cadence")
    return contact, step - contact


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
        Running speed [m/s], (0, 12.5]; required by morin2005, spring_mass, burns_hgrf.
    contact_time_s, flight_time_s : float, optional
        Ground contact and flight time of the step [s]. Or give ``cadence_spm`` and
        ``contact_time_ms`` as watches record them (step time = 60/cadence).
    leg_length_m : float, optional
        Standing leg length [m]; defaults to 0.53 x ``height_m`` (Winter 1979).
    grade : float
        Rise over run (-0.05 = 5 % downhill); peaks adjusted after Gottschall & Kram 2005.
    gravity_m_s2 : float
        Gravity [m/s^2], standard gravity 9.80665 by default.
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
                                            contact_time_ms, speed_m_s)
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

    Takes the keywords of :func:`step_load` as numpy arrays (or scalars, which broadcast).
    Contiguous float64 arrays are read in place without copying; results are new numpy arrays
    that own the C++ output (no copy either).

    Returns
    -------
    dict of str -> numpy.ndarray
        One array per quantity the model gives, keyed like ``StepLoad.to_dict()``:
        ``peak_vertical_force_N``, ``mean_vertical_force_N``, ``vertical_impulse_Ns`` and the
        model's extras, plus ``peak_vertical_force_bw``.

    Raises
    ------
    ValueError
        Naming the first invalid field and its index, e.g. ``mass_kg[12]``.
    """
    contact_time_s, flight_time_s = _timing(contact_time_s, flight_time_s, cadence_spm,
                                            contact_time_ms, speed_m_s)
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
    model : str
        Model name; see :func:`models`.
    **options
        ``gravity_m_s2``, ``bodyweight_multiple``, ``impact_time_s``,
        ``impact_velocity_change_m_s``; scalar inputs missing from ``df`` (e.g. ``mass_kg=70``).

    Returns
    -------
    pandas.DataFrame
        ``df`` with one column per result quantity added (same index).
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
    result = step_load_batch(model, **inputs, **options)
    out = df.copy()
    for key, values in result.items():
        out[key] = np.broadcast_to(values, (len(df),)) if len(df) else values
    return out


def waveform(model: str = "morin2005", *, mass_kg: float, speed_m_s=None, contact_time_s=None,
             flight_time_s=None, leg_length_m=None, height_m=None, cadence_spm=None,
             contact_time_ms=None, rate_hz: float = 1000.0,
             gravity_m_s2: float = STANDARD_GRAVITY, bodyweight_multiple: float = 3.0,
             impact_time_s: float = 0.020,
             impact_velocity_change_m_s: float = 1.0) -> pd.DataFrame:
    """A model's force-time waveform over one contact (level ground).

    Parameters are those of :func:`step_load`, plus ``rate_hz``, the sample rate [Hz].

    Returns
    -------
    pandas.DataFrame
        Columns ``time_s`` (t = k / rate, k = 0 ... ceil(tc rate) - 1), ``vertical_N`` and,
        for spring_mass and burns_hgrf, ``horizontal_N`` (+ propulsive, - braking).
    """
    contact_time_s, flight_time_s = _timing(contact_time_s, flight_time_s, cadence_spm,
                                            contact_time_ms, speed_m_s)
    w = _core.waveform(model, float(mass_kg), _opt_float(speed_m_s), float(contact_time_s),
                       float(flight_time_s), _opt_float(_leg_length(leg_length_m, height_m)),
                       float(rate_hz), float(gravity_m_s2), float(bodyweight_multiple),
                       float(impact_time_s), float(impact_velocity_change_m_s))
    if w["horizontal_N"] is None:
        del w["horizontal_N"]
    return pd.DataFrame(w)
