"""Figures of per-step loads (matplotlib); every function returns the Figure."""

from __future__ import annotations

from typing import Iterable, Optional

from . import grf


def plot_waveforms(models: Optional[Iterable[str]] = None, *, rate_hz: float = 2000.0,
                   ax=None, **step):
    """Overlay the force-time waveforms of several models for one step.

    Parameters
    ----------
    models : iterable of str, optional
        Model names; all models by default.
    rate_hz : float
        Sample rate [Hz].
    ax : matplotlib Axes, optional
        Axes for the vertical GRF; a new figure (vertical and, if any model gives it,
        horizontal GRF) otherwise.
    **step
        The step's keywords, as for :func:`strideload.step_load` (``mass_kg``, ``speed_m_s``,
        ``contact_time_s``, ``flight_time_s``, ``leg_length_m``, ...); ``mass_kg`` is required.
        Waveforms are level-ground: ``grade`` must be 0 if given (see
        :func:`strideload.waveform`).

    Returns
    -------
    matplotlib.figure.Figure
        Vertical GRF in bodyweights against time [ms], with the 3x bodyweight rule of thumb as a
        dashed line; horizontal GRF in a second panel when drawn on a new figure.

    Raises
    ------
    ValueError
        When ``mass_kg`` is missing, or as :func:`strideload.waveform` for bad input.
    """
    import matplotlib.pyplot as plt

    if "mass_kg" not in step:
        raise ValueError("mass_kg is required: pass the step's keywords as for step_load")
    names = list(models) if models is not None else list(grf.models()["name"])
    gravity = step.get("gravity_m_s2", grf.STANDARD_GRAVITY)
    bodyweight = step["mass_kg"] * gravity
    waves = {name: grf.waveform(name, rate_hz=rate_hz, **step) for name in names}
    has_horizontal = any("horizontal_N" in w for w in waves.values())
    if ax is None:
        fig, axes = plt.subplots(2 if has_horizontal else 1, 1, sharex=True,
                                 figsize=(7, 6 if has_horizontal else 4), squeeze=False)
        ax, ax_h = axes[0, 0], (axes[1, 0] if has_horizontal else None)
    else:
        fig, ax_h = ax.figure, None
    for name, w in waves.items():
        ax.plot(w["time_s"] * 1e3, w["vertical_N"] / bodyweight, label=name)
        if ax_h is not None and "horizontal_N" in w:
            ax_h.plot(w["time_s"] * 1e3, w["horizontal_N"] / bodyweight, label=name)
    ax.axhline(3.0, color="k", ls="--", lw=0.8, label="3x bodyweight rule")
    ax.set_ylabel("vertical GRF [BW]")
    ax.legend(fontsize="small")
    if ax_h is not None:
        ax_h.axhline(0.0, color="k", lw=0.5)
        ax_h.set_ylabel("horizontal GRF [BW]")
        ax_h.set_xlabel("time after touchdown [ms]")
        ax_h.legend(fontsize="small")
    else:
        ax.set_xlabel("time after touchdown [ms]")
    return fig
