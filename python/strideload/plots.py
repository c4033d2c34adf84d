"""Figures of per-step loads and of models against measured force (matplotlib); every function
returns the Figure."""

from __future__ import annotations

from typing import Iterable, Optional

import numpy as np

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


def bland_altman(comparison, metric: str = "peak_vertical_force",
                 models: Optional[Iterable[str]] = None):
    """Bland-Altman plots of models against measured stances, one panel per model.

    Parameters
    ----------
    comparison : pandas.DataFrame
        The table from :func:`strideload.compare_models` (with its ``attrs["predictions"]``).
    metric : str
        One of its ``metric`` values: ``peak_vertical_force``, ``vertical_impulse``,
        ``loading_rate``, ``peak_braking_force``, ``peak_propulsive_force``.
    models : iterable of str, optional
        Models to draw, in panel order; every model compared on ``metric`` by default.

    Returns
    -------
    matplotlib.figure.Figure
        One axes per model (up to three per row, sharing the difference axis): each step's
        mean of model and measurement against their difference (model - measured), with the
        bias (solid) and the limits of agreement (dashed) from the table, and zero (dotted).

    Raises
    ------
    ValueError
        When ``metric`` or a model is not in the table.
    """
    import matplotlib.pyplot as plt

    rows = comparison[comparison["metric"] == metric]
    if rows.empty:
        raise ValueError(f"metric = {metric!r} is not in the comparison; one of: "
                         f"{sorted(set(comparison['metric']))}")
    names = list(models) if models is not None else list(rows["model"])
    unknown = [n for n in names if n not in set(rows["model"])]
    if unknown:
        raise ValueError(f"model(s) {unknown} have no {metric} row; compared: "
                         f"{list(rows['model'])}")
    predictions = comparison.attrs["predictions"]
    ncols = min(3, len(names))
    nrows = -(-len(names) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(3.8 * ncols + 0.6, 3.4 * nrows + 0.4),
                             sharey=True, squeeze=False)
    for ax in axes.flat[len(names):]:
        fig.delaxes(ax)
    for ax, name in zip(axes.flat, names):
        row = rows[rows["model"] == name].iloc[0]
        p = predictions[(predictions["model"] == name) & (predictions["metric"] == metric)]
        mean = 0.5 * (p["measured"] + p["predicted"])
        diff = p["predicted"] - p["measured"]
        ax.scatter(mean, diff, s=10, alpha=0.7)
        ax.axhline(row["bias"], color="C3", lw=1.2,
                   label=f"bias {row['bias']:.3g} ({row['bias_pct']:+.1f} %)")
        ax.axhline(row["loa_low"], color="C3", ls="--", lw=0.9, label="limits of agreement")
        ax.axhline(row["loa_high"], color="C3", ls="--", lw=0.9)
        ax.axhline(0.0, color="k", ls=":", lw=0.8)
        ax.set_title(f"{name} (n = {row['n']})", fontsize="medium")
        ax.set_xlabel(f"mean of model and measured [{row['unit']}]")
        ax.legend(fontsize="x-small", loc="best")
    for ax in axes[:, 0]:
        ax.set_ylabel(f"model - measured [{rows.iloc[0]['unit']}]")
    fig.suptitle(f"{metric}: models against measured stances")
    fig.tight_layout()
    return fig


def waveform_overlay(force, rate_hz, mass_kg: float, speed_m_s: float, leg_length_m: float,
                     stance: int = 0, models: Optional[Iterable[str]] = None, stances=None):
    """One measured stance against each model's waveform for that stance's timing.

    Parameters
    ----------
    force : array_like or pandas.DataFrame
        Vertical GRF [N] as an array, or a DataFrame from :func:`strideload.read_force`, as
        for :func:`strideload.stance_metrics`.
    rate_hz : float or None
        Sample rate [Hz]; None for a read_force DataFrame (its own).
    mass_kg : float
        Body mass [kg].
    speed_m_s : float
        Running speed [m/s].
    leg_length_m : float
        Standing leg length [m].
    stance : int
        Position of the stance (row) in ``stances``; it needs a flight time (not the last).
    models : iterable of str, optional
        Models to draw; all by default.
    stances : pandas.DataFrame, optional
        The table from :func:`strideload.stance_metrics` for this force (computed with its
        defaults if omitted).

    Returns
    -------
    matplotlib.figure.Figure
        Vertical GRF [BW] against time after touchdown [ms]: the measured samples of the
        stance and each model's waveform for its measured contact and flight time.

    Raises
    ------
    ValueError
        For a stance without a flight time, or bad input.
    """
    import matplotlib.pyplot as plt

    from . import force as _force

    vertical, _, rate = _force._force_signals(force, rate_hz, None)
    if stances is None:
        stances = _force.stance_metrics(vertical, rate, mass_kg=mass_kg)
    row = stances.iloc[stance]
    t0, tc, tf = float(row["start_s"]), float(row["contact_time_s"]), float(row["flight_time_s"])
    if not np.isfinite(tf):
        raise ValueError(f"stance {stance} has no flight time (the last stance of the trial): "
                         "the models need one; choose another stance")
    bodyweight = mass_kg * grf.STANDARD_GRAVITY
    k = np.arange(int(np.ceil(t0 * rate)), int(np.floor((t0 + tc) * rate)) + 1)
    k = k[(k >= 0) & (k < len(vertical))]
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.plot((k / rate - t0) * 1e3, vertical[k] / bodyweight, "k.-", lw=1.5, ms=4,
            label=f"measured (stance {stance})")
    names = list(models) if models is not None else list(grf.models()["name"])
    for name in names:
        w = grf.waveform(name, mass_kg=mass_kg, speed_m_s=speed_m_s, contact_time_s=tc,
                         flight_time_s=tf, leg_length_m=leg_length_m,
                         rate_hz=max(1000.0, rate))
        ax.plot(w["time_s"] * 1e3, w["vertical_N"] / bodyweight, label=name)
    ax.set_xlabel("time after touchdown [ms]")
    ax.set_ylabel("vertical GRF [BW]")
    ax.set_title(f"contact {tc * 1e3:.0f} ms, flight {tf * 1e3:.0f} ms, {speed_m_s:g} m/s")
    ax.legend(fontsize="small")
    return fig


def weekly_load(weeks, ax=None, value: str = "vertical_impulse_bw_s"):
    """Weekly leg load next to weekly strength & conditioning minutes, per ISO week.

    Parameters
    ----------
    weeks : pandas.DataFrame
        As returned by :func:`strideload.weekly_load`.
    ax : matplotlib Axes, optional
        Axes for the load bars; strength minutes go on a twin axis. A new figure otherwise.
    value : str
        The load column to draw (``"vertical_impulse_bw_s"`` [BW s] by default; also
        ``"steps"``, ``"stress_stimulus"`` [BW], ``"equivalent_cycles"``, ...).

    Returns
    -------
    matplotlib.figure.Figure
        Per week, the load (left axis) and the strength minutes (right axis), with the weekly
        strength target (sessions x minutes, 4 x 20 min by default, from ``weeks.attrs``) as a
        dashed line; weeks that met the target are marked.

    Raises
    ------
    ValueError
        When ``weeks`` lacks ``label``, ``strength_min`` or ``value``.
    """
    import matplotlib.pyplot as plt

    missing = [c for c in ("label", "strength_min", value) if c not in weeks.columns]
    if missing:
        raise ValueError(f"weeks: missing column(s) {missing}; pass the DataFrame of "
                         "strideload.weekly_load (value must be one of its columns)")
    if ax is None:
        fig, ax = plt.subplots(figsize=(max(5.0, 1.2 * len(weeks) + 3), 4))
    else:
        fig = ax.figure
    x = np.arange(len(weeks))
    width = 0.38
    ax.bar(x - width / 2, weeks[value].to_numpy(dtype=float), width, color="tab:blue",
           label=value)
    ax.set_ylabel(value)
    ax.set_xticks(x)
    ax.set_xticklabels(list(weeks["label"]))
    ax.set_xlabel("ISO week")
    twin = ax.twinx()
    minutes = weeks["strength_min"].to_numpy(dtype=float)
    met = (weeks["strength_target_met"].to_numpy(dtype=bool)
           if "strength_target_met" in weeks.columns else np.zeros(len(weeks), bool))
    twin.bar(x + width / 2, minutes, width, color=np.where(met, "tab:green", "tab:orange"),
             label="strength & conditioning [min]")
    sessions = weeks.attrs.get("strength_target_sessions", 4.0)
    per_session = weeks.attrs.get("strength_target_min", 20.0)
    target = sessions * per_session
    twin.axhline(target, color="k", ls="--", lw=1,
                 label=f"target {sessions:g} x {per_session:g} min")
    twin.set_ylabel("strength & conditioning [min]")
    twin.set_ylim(0, max(target, float(np.nanmax(minutes, initial=0.0))) * 1.25)
    for xi, m, ok in zip(x, minutes, met):
        twin.annotate("met" if ok else f"{m:.0f}", (xi + width / 2, m), ha="center",
                      va="bottom", fontsize="small")
    handles = ax.get_legend_handles_labels()
    twin_handles = twin.get_legend_handles_labels()
    ax.legend(handles[0] + twin_handles[0], handles[1] + twin_handles[1], fontsize="small",
              loc="upper left")
    ax.set_title("How much did my legs take this week?")
    return fig


def fitness_fatigue(load, result=None, *, band=(-30.0, -10.0), bands=None, plan=None,
                    load_label: str = "daily load", **conventions):
    """The fitness/fatigue/form chart: daily load bars with fitness and fatigue above, form with
    its target band (and uncertainty) below.

    Parameters
    ----------
    load : pandas.Series
        Daily load on a DatetimeIndex (as :func:`strideload.fitness_fatigue` takes it).
    result : pandas.DataFrame, optional
        :func:`strideload.fitness_fatigue` of ``load``; computed with ``conventions`` if
        omitted.
    band : tuple of float or None
        (low, high) target band of form, drawn as a green strip; None for no band.
    bands : pandas.DataFrame, optional
        :func:`strideload.fitness_fatigue_bands` of ``load``: form's uncertainty is shaded.
    plan : strideload.PlanResult, optional
        :func:`strideload.plan_today` of ``load``: planned loads as light bars after today,
        with fitness, fatigue and form continued through them.
    load_label : str
        Y label of the load panel.
    **conventions
        Keywords of :func:`strideload.fitness_fatigue` (used when ``result`` is omitted, and for
        the continuation through ``plan``).

    Returns
    -------
    matplotlib.figure.Figure
        Two panels sharing the date axis.

    Raises
    ------
    ValueError
        When ``load`` is not a date-indexed Series, or as :func:`strideload.fitness_fatigue`.
    """
    import matplotlib.pyplot as plt
    import pandas as pd

    from . import recovery

    if not isinstance(load, pd.Series) or not isinstance(load.index, pd.DatetimeIndex):
        raise ValueError("load: a pandas Series on a DatetimeIndex (one value per day)")
    if result is None:
        result = recovery.fitness_fatigue(load, **conventions)
    full = result
    if plan is not None:
        extended = pd.concat([load.reindex(result.index, fill_value=0.0), plan.plan["load"]])
        full = recovery.fitness_fatigue(extended, **conventions)
    fig, (top, bottom) = plt.subplots(2, 1, sharex=True, figsize=(9, 6),
                                      gridspec_kw={"height_ratios": [3, 2]})
    history = load.reindex(result.index, fill_value=0.0)
    top.bar(history.index, history.to_numpy(), width=0.8, color="0.6", label="load")
    if plan is not None:
        top.bar(plan.plan.index, plan.plan["load"].to_numpy(), width=0.8, color="#8fbfea",
                label="planned load")
        for ax in (top, bottom):
            ax.axvline(plan.plan.index[0] - pd.Timedelta(hours=12), color="k", ls="--", lw=0.8)
    top.plot(full.index, full["fitness"], color="tab:blue", lw=2, label="fitness")
    top.plot(full.index, full["fatigue"], color="tab:orange", lw=2, label="fatigue")
    top.set_ylabel(load_label)
    top.legend(fontsize="small", loc="upper left")
    if band is not None:
        bottom.axhspan(band[0], band[1], color="tab:green", alpha=0.2, label="target band")
    if bands is not None:
        bottom.fill_between(bands.index, bands["form_low"], bands["form_high"], color="0.8",
                            label="uncertainty")
    bottom.plot(full.index, full["form"], color="k", lw=2, label="form")
    bottom.axhline(0.0, color="k", lw=0.5)
    bottom.set_ylabel("form")
    bottom.legend(fontsize="small", loc="lower left")
    fig.autofmt_xdate()
    fig.tight_layout()
    return fig
