"""strideload: the biomechanics of running, per foot strike.

Per-step ground reaction force (GRF) models from what a watch or a logbook knows; measured
force from force plates, instrumented treadmills (files, filtering, stances, per-stance
metrics) and body-worn accelerometers; and the accuracy of the models against the
measurement. All quantities are SI floats with the unit in the argument name (``mass_kg``,
``contact_time_s``); bad input raises ``ValueError`` naming the field and the allowed range.

>>> import strideload
>>> load = strideload.step_load(model="morin2005", mass_kg=70, speed_m_s=5,
...                             contact_time_s=0.2, flight_time_s=0.12, leg_length_m=0.95)
>>> round(load.peak_vertical_force_bw, 3)
2.513
"""

from ._version import __version__
from ._core import (STANDARD_GRAVITY, StepLoad, cumulative_weighted_peak, days_until_repaired,
                    equivalent_cycles, monotony_strain, session_rpe_load, stress_stimulus, trimp)
from .activity import (Activity, daily_load, read_activity, session_load, session_steps,
                       weekly_load)
from .accel import accel_methods, accel_stance_metrics, vgrf_from_accel
from .force import (butter, compare_models, detect_stances, filtfilt, lfilter, read_force,
                    stance_metrics, stance_summary)
from .grf import models, step_load, step_load_batch, step_loads, waveform
from .recovery import (PlanResult, TodayRange, acwr, daily_series, damage_bands,
                       days_until_fresh, fitness_fatigue, fitness_fatigue_bands, plan_today,
                       rolling_monotony_strain)
from .banister import BanisterFitResult, banister_performance, fit_banister
from .tissue import damage, strength_risk_multiplier
from .plots import plot_waveforms
from .plots import fitness_fatigue as plot_fitness_fatigue
from .plots import weekly_load as plot_weekly_load

__all__ = [
    "__version__",
    "STANDARD_GRAVITY",
    "StepLoad",
    "models",
    "step_load",
    "step_load_batch",
    "step_loads",
    "waveform",
    "plot_waveforms",
    "read_force",
    "butter",
    "filtfilt",
    "lfilter",
    "detect_stances",
    "stance_metrics",
    "stance_summary",
    "stress_stimulus",
    "cumulative_weighted_peak",
    "equivalent_cycles",
    "compare_models",
    "accel_methods",
    "vgrf_from_accel",
    "accel_stance_metrics",
    "Activity",
    "read_activity",
    "session_steps",
    "session_load",
    "daily_load",
    "weekly_load",
    "plot_weekly_load",
    "fitness_fatigue",
    "fitness_fatigue_bands",
    "days_until_fresh",
    "acwr",
    "monotony_strain",
    "rolling_monotony_strain",
    "session_rpe_load",
    "trimp",
    "plan_today",
    "PlanResult",
    "TodayRange",
    "damage_bands",
    "days_until_repaired",
    "daily_series",
    "damage",
    "strength_risk_multiplier",
    "fit_banister",
    "banister_performance",
    "BanisterFitResult",
    "plot_fitness_fatigue",
]
