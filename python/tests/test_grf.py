"""Python API of the per-step GRF models: published fixtures, invariants, errors, zero-copy."""

import inspect
import math
import re

import numpy as np
import pandas as pd
import pytest

import strideload
from strideload import _core

from docstrings import documented

G = 9.81  # grf-models.md fixtures use 9.81
MORIN = dict(mass_kg=70, speed_m_s=5, contact_time_s=0.2, flight_time_s=0.12, leg_length_m=0.95)


def test_version_is_the_project_version():
    assert strideload.__version__ == _core.__version__
    assert strideload.__version__.count(".") == 2


def test_morin2005_fixture_eqs_6_to_9():
    # Morin et al. 2005 J Appl Biomech 21:167, Eqs 6-9 (grf-models.md §1.2 row 1).
    load = strideload.step_load(model="morin2005", gravity_m_s2=G, **MORIN)
    assert load.peak_vertical_force_N == pytest.approx(1725.9, rel=1e-4)
    assert load.peak_vertical_force_bw == pytest.approx(2.5133, rel=1e-4)
    assert load.com_displacement_m == pytest.approx(0.050874, rel=1e-4)
    assert load.vertical_stiffness_N_per_m == pytest.approx(33924, rel=1e-4)
    assert load.leg_compression_m == pytest.approx(0.19310, rel=1e-4)
    assert load.leg_stiffness_N_per_m == pytest.approx(8937.7, rel=1e-4)
    assert load.peak_braking_force_N is None
    d = load.to_dict()
    assert d["model"] == "morin2005"
    assert "peak_braking_force_N" not in d


def test_every_model_impulse_equals_bodyweight_times_step_time():
    names = list(strideload.models()["name"])
    assert names == ["constant_multiple", "impulse_balance", "morin2005", "spring_mass",
                     "clark2017", "burns_hgrf"]
    for name in names:
        load = strideload.step_load(name, gravity_m_s2=G, **MORIN)
        assert load.model == name
        assert load.vertical_impulse_Ns == pytest.approx(70 * G * 0.32, rel=1e-6), name


def test_other_fixtures():
    clark = strideload.step_load("clark2017", gravity_m_s2=G, **MORIN)
    assert clark.peak_vertical_force_bw == pytest.approx(3.0865, rel=1e-4)
    assert clark.time_of_peak_s == pytest.approx(0.094)
    sm = strideload.step_load("spring_mass", gravity_m_s2=G, **MORIN)
    assert sm.leg_stiffness_N_per_m == pytest.approx(9623.8, rel=5e-3)
    assert sm.peak_braking_force_N == pytest.approx(365.3, rel=5e-3)
    burns = strideload.step_load("burns_hgrf", **MORIN)  # Fh_est.m uses 9.80665
    assert burns.contact_speed_m_s == pytest.approx(4.94016, rel=2e-6)
    assert burns.peak_braking_force_N == pytest.approx(350.90, rel=2e-5)
    ib = strideload.step_load("impulse_balance", mass_kg=70, contact_time_s=0.2, flight_time_s=0.12)
    assert ib.mean_vertical_force_N / (70 * strideload.STANDARD_GRAVITY) == pytest.approx(1.6)
    cm = strideload.step_load("constant_multiple", mass_kg=70, contact_time_s=0.2,
                              flight_time_s=0.12)
    assert cm.peak_vertical_force_bw == pytest.approx(3.0)


def test_watch_inputs_and_height():
    load = strideload.step_load("morin2005", mass_kg=70, speed_m_s=4, cadence_spm=180,
                                contact_time_ms=240, height_m=1.78)
    assert load.flight_time_s == pytest.approx(60 / 180 - 0.240)
    explicit = strideload.step_load("morin2005", mass_kg=70, speed_m_s=4, contact_time_s=0.24,
                                    flight_time_s=60 / 180 - 0.24, leg_length_m=0.53 * 1.78)
    assert load.leg_stiffness_N_per_m == pytest.approx(explicit.leg_stiffness_N_per_m)
    # Named in the unit the watch reports, with the range in that unit.
    with pytest.raises(ValueError, match=r"^contact_time_ms = 400 is not allowed: must be in "
                                         r"\(0, 333\.333\) ms, shorter than the step time"):
        strideload.step_load("morin2005", mass_kg=70, speed_m_s=4, cadence_spm=180,
                             contact_time_ms=400, leg_length_m=0.9)


@pytest.mark.parametrize("kwargs, field", [
    (dict(MORIN, mass_kg=300), "mass_kg"),
    (dict(MORIN, speed_m_s=0), "speed_m_s"),
    (dict(MORIN, contact_time_s=float("nan")), "contact_time_s"),
    (dict(MORIN, flight_time_s=-0.1), "flight_time_s"),
    (dict(MORIN, leg_length_m=0.1), "leg_length_m"),
    (dict(MORIN, grade=0.5), "grade"),
    ({k: v for k, v in MORIN.items() if k != "speed_m_s"}, "speed_m_s"),
])
def test_bad_input_is_a_value_error_naming_the_field(kwargs, field):
    with pytest.raises(ValueError, match=field):
        strideload.step_load("morin2005", **kwargs)


def test_unknown_model_lists_the_names():
    with pytest.raises(ValueError, match="one of: constant_multiple"):
        strideload.step_load("morin", **MORIN)


def test_batch_equals_scalar_and_broadcasts():
    rng = np.random.default_rng(1)
    n = 200
    tc = rng.uniform(0.18, 0.32, n)
    tf = rng.uniform(0.05, 0.15, n)
    v = rng.uniform(2.5, 6.0, n)
    for name in ["constant_multiple", "impulse_balance", "morin2005", "clark2017", "burns_hgrf"]:
        out = strideload.step_load_batch(name, mass_kg=70.0, speed_m_s=v, contact_time_s=tc,
                                         flight_time_s=tf, leg_length_m=0.95)
        for i in (0, 57, n - 1):
            one = strideload.step_load(name, mass_kg=70, speed_m_s=v[i], contact_time_s=tc[i],
                                       flight_time_s=tf[i], leg_length_m=0.95)
            assert out["peak_vertical_force_N"][i] == pytest.approx(one.peak_vertical_force_N,
                                                                    rel=1e-12)
            assert out["peak_vertical_force_bw"][i] == pytest.approx(one.peak_vertical_force_bw)
        np.testing.assert_allclose(out["vertical_impulse_Ns"],
                                   70 * strideload.STANDARD_GRAVITY * (tc + tf), rtol=1e-12)


def test_batch_reads_arrays_in_place_and_returns_owned_arrays():
    n = 1000
    m = np.full(n, 70.0)
    arrays = dict(mass_kg=m, speed_m_s=np.full(n, 5.0), contact_time_s=np.full(n, 0.2),
                  flight_time_s=np.full(n, 0.12), leg_length_m=np.full(n, 0.95), grade=None)
    # The core accepts only float64 contiguous arrays (noconvert): no hidden copies.
    out = _core.step_load_batch("morin2005", *arrays.values(), G, 3.0, 0.02, 1.0)
    assert out["peak_vertical_force_N"].shape == (n,)
    assert out["peak_vertical_force_N"].base is not None  # wraps the C++ column, not a copy
    with pytest.raises(TypeError):
        _core.step_load_batch("morin2005", m[::2], *list(arrays.values())[1:], G, 3.0, 0.02, 1.0)
    with pytest.raises(TypeError):
        _core.step_load_batch("morin2005", m.astype(np.float32), *list(arrays.values())[1:], G,
                              3.0, 0.02, 1.0)
    # The public wrapper converts those for the caller instead.
    out2 = strideload.step_load_batch("morin2005", mass_kg=m[::1].astype(np.float32),
                                      speed_m_s=5, contact_time_s=0.2, flight_time_s=0.12,
                                      leg_length_m=0.95, gravity_m_s2=G)
    np.testing.assert_allclose(out2["peak_vertical_force_N"], 1725.865340176, rtol=1e-9)


def test_batch_errors_name_the_index():
    tc = np.array([0.2, 0.2, 2.5])
    with pytest.raises(ValueError, match=r"contact_time_s\[2\]"):
        strideload.step_load_batch("morin2005", mass_kg=70, speed_m_s=5, contact_time_s=tc,
                                   flight_time_s=0.1, leg_length_m=0.95)
    with pytest.raises(ValueError, match="same length"):
        strideload.step_load_batch("morin2005", mass_kg=np.full(3, 70.0), speed_m_s=np.ones(2),
                                   contact_time_s=0.2, flight_time_s=0.1, leg_length_m=0.95)


def test_grade_in_batch_follows_gottschall_kram():
    down9 = math.tan(math.radians(-9))
    out = strideload.step_load_batch("burns_hgrf", mass_kg=70, speed_m_s=5, contact_time_s=0.2,
                                     flight_time_s=0.12, leg_length_m=0.95,
                                     grade=np.array([0.0, down9]))
    assert out["peak_braking_force_N"][1] / out["peak_braking_force_N"][0] == pytest.approx(1.73)


def test_step_loads_dataframe_round_trip():
    df = pd.DataFrame({"speed_m_s": [3.0, 4.0, 5.0], "cadence_spm": [166, 172, 180],
                       "contact_time_ms": [270, 245, 215]}, index=["a", "b", "c"])
    out = strideload.step_loads(df, "morin2005", mass_kg=68, height_m=1.75)
    assert list(out.index) == ["a", "b", "c"]
    assert list(out["speed_m_s"]) == [3.0, 4.0, 5.0]
    one = strideload.step_load("morin2005", mass_kg=68, height_m=1.75, speed_m_s=4.0,
                               cadence_spm=172, contact_time_ms=245)
    assert out.loc["b", "leg_stiffness_N_per_m"] == pytest.approx(one.leg_stiffness_N_per_m)
    with pytest.raises(ValueError, match="mass_kg"):
        strideload.step_loads(df, "morin2005", height_m=1.75)


def test_waveform_area_is_the_impulse():
    for name in ["morin2005", "spring_mass", "clark2017", "impulse_balance"]:
        w = strideload.waveform(name, rate_hz=10000, gravity_m_s2=G, **MORIN)
        assert len(w) == 2000
        assert w["vertical_N"].sum() / 10000 == pytest.approx(70 * G * 0.32, rel=5e-3), name
    assert "horizontal_N" in strideload.waveform("spring_mass", **MORIN)


def test_plot_waveforms_returns_a_figure():
    import matplotlib

    matplotlib.use("Agg")
    fig = strideload.plot_waveforms(**MORIN)
    assert isinstance(fig, matplotlib.figure.Figure)
    assert len(fig.axes) == 2  # vertical and horizontal panels
    assert len(fig.axes[0].lines) == 7  # six models and the 3x rule


WATCH = dict(mass_kg=70, speed_m_s=4, leg_length_m=0.95)


def _message(**kwargs):
    with pytest.raises(ValueError) as err:
        strideload.step_load_batch("morin2005", **kwargs)
    return str(err.value)


def test_height_is_checked_even_with_a_leg_length():
    assert _core.HEIGHT_RANGE_M == (0.6, 2.5)  # 0.53 x 0.6 m clears the 0.3 m minimum leg
    assert strideload.grf.HEIGHT_RANGE_M == _core.HEIGHT_RANGE_M
    for height in (0.59, 2.6, float("nan"), float("inf")):
        with pytest.raises(ValueError, match=r"^height_m = .* \[0\.6, 2\.5\] m"):
            strideload.step_load("morin2005", height_m=height, **MORIN)
        # Python's check words it as C++'s Athlete::from_height does.
        with pytest.raises(ValueError) as from_python:
            strideload.step_load("morin2005", height_m=height, **MORIN)
        with pytest.raises(ValueError) as from_cpp:
            _core.leg_length_from_height(height)
        assert str(from_python.value) == str(from_cpp.value)
    with pytest.raises(ValueError, match=r"height_m\[1\] = 0\.55 "):
        strideload.step_load_batch("morin2005", height_m=np.array([1.7, 0.55]), **MORIN)
    with pytest.raises(ValueError, match=r"height_m\[1\] = 0\.55 "):
        strideload.step_load_batch("morin2005", height_m=np.array([1.7, 0.55]),
                                   **{k: v for k, v in MORIN.items() if k != "leg_length_m"})
    # The bounds themselves are allowed, and 0.6 m gives a leg the models accept.
    short = dict(mass_kg=30, speed_m_s=1.0, contact_time_s=0.2, flight_time_s=0.05)
    one = strideload.step_load("morin2005", height_m=0.6, **short)
    out = strideload.step_load_batch("morin2005", height_m=np.array([0.6, 2.5]), **short)
    assert out["leg_stiffness_N_per_m"][0] == pytest.approx(one.leg_stiffness_N_per_m)
    strideload.step_load("morin2005", height_m=2.5, leg_length_m=1.3, **short)


def test_watch_errors_in_arrays_match_the_scalar_ones():
    assert _core.CADENCE_RANGE_SPM == (30.0, 400.0)
    scalar_contact = _message(cadence_spm=180, contact_time_ms=400, **WATCH)
    array_contact = _message(cadence_spm=np.array([180.0, 180.0]),
                             contact_time_ms=np.array([240.0, 400.0]), **WATCH)
    assert scalar_contact.startswith("contact_time_ms = 400 ")
    assert array_contact == scalar_contact.replace("contact_time_ms", "contact_time_ms[1]", 1)
    scalar_cadence = _message(cadence_spm=20, contact_time_ms=240, **WATCH)
    array_cadence = _message(cadence_spm=np.array([180.0, 20.0]), contact_time_ms=240, **WATCH)
    assert scalar_cadence == "cadence_spm = 20 is not allowed: must be in [30, 400] steps/min"
    assert array_cadence == scalar_cadence.replace("cadence_spm", "cadence_spm[1]", 1)
    # A scalar contact time against an array of cadences is indexed by step: 400 ms fits in
    # the 500 ms step at 120 steps/min, not in the 333 ms one at 180.
    assert _message(cadence_spm=np.array([120.0, 180.0]), contact_time_ms=400,
                    **WATCH).startswith("contact_time_ms[1] = 400 ")
    assert _message(cadence_spm=np.array([180.0, 180.0]), contact_time_ms=np.array([0.0, 240.0]),
                    **WATCH).startswith("contact_time_ms[0] = 0 ")


def test_step_loads_never_overwrites_a_column():
    df = pd.DataFrame({"speed_m_s": [4.0, 5.0], "contact_time_s": [0.24, 0.2],
                       "flight_time_s": [0.1, 0.12], "peak_vertical_force_N": [1800.0, 1900.0]})
    before = df.copy()
    with pytest.raises(ValueError, match="peak_vertical_force_N"):
        strideload.step_loads(df, "morin2005", mass_kg=70, leg_length_m=0.95)
    pd.testing.assert_frame_equal(df, before)
    # A measured column the model does not give is kept as it is.
    measured = df.drop(columns="peak_vertical_force_N").assign(peak_braking_force_N=[300.0, 350])
    out = strideload.step_loads(measured, "morin2005", mass_kg=70, leg_length_m=0.95)
    assert list(out["peak_braking_force_N"]) == [300.0, 350.0]
    with pytest.raises(ValueError, match="peak_braking_force_N"):
        strideload.step_loads(measured, "burns_hgrf", mass_kg=70, leg_length_m=0.95)


def test_step_loads_adds_the_times_it_derived_from_watch_inputs():
    df = pd.DataFrame({"speed_m_s": [3.0, 4.0], "cadence_spm": [166.0, 180.0],
                       "contact_time_ms": [270.0, 240.0]})
    out = strideload.step_loads(df, "morin2005", mass_kg=68, height_m=1.75)
    np.testing.assert_allclose(out["contact_time_s"], [0.270, 0.240], rtol=1e-12)
    np.testing.assert_allclose(out["flight_time_s"], [60 / 166 - 0.270, 60 / 180 - 0.240],
                               rtol=1e-12)
    np.testing.assert_allclose(out["vertical_impulse_Ns"],
                               68 * strideload.STANDARD_GRAVITY * 60 / df["cadence_spm"],
                               rtol=1e-12)
    # Watch inputs as keywords too, broadcast over the rows.
    kw = strideload.step_loads(df[["speed_m_s"]], "morin2005", mass_kg=68, height_m=1.75,
                               cadence_spm=180, contact_time_ms=240)
    assert list(kw["contact_time_s"]) == pytest.approx([0.24, 0.24])
    # Explicit times add no column: the input columns are the user's own.
    explicit = pd.DataFrame({"contact_time_s": [0.2], "flight_time_s": [0.1]})
    out = strideload.step_loads(explicit, "impulse_balance", mass_kg=70)
    assert list(out.columns) == ["contact_time_s", "flight_time_s"] + _core.model_columns(
        "impulse_balance")


@pytest.mark.parametrize("model", ["constant_multiple", "impulse_balance", "morin2005",
                                   "spring_mass", "clark2017", "burns_hgrf"])
def test_empty_frame_gets_the_models_columns(model):
    one = pd.DataFrame({"speed_m_s": [5.0], "contact_time_s": [0.2], "flight_time_s": [0.12]})
    full = strideload.step_loads(one, model, mass_kg=70, leg_length_m=0.95)
    empty = strideload.step_loads(one.iloc[:0], model, mass_kg=70, leg_length_m=0.95)
    assert len(empty) == 0
    assert list(empty.columns) == list(full.columns)
    assert (empty.dtypes == full.dtypes).all()
    batch = strideload.step_load_batch(model, mass_kg=np.empty(0), speed_m_s=5.0,
                                       contact_time_s=0.2, flight_time_s=0.12, leg_length_m=0.95,
                                       grade=0.05)
    assert list(batch) == _core.model_columns(model) == list(full.columns[3:])
    assert all(a.shape == (0,) for a in batch.values())
    watch = pd.DataFrame({"cadence_spm": [], "contact_time_ms": []})
    out = strideload.step_loads(watch, model, mass_kg=70, speed_m_s=5.0, leg_length_m=0.95)
    assert list(out.columns) == (["cadence_spm", "contact_time_ms", "contact_time_s",
                                  "flight_time_s"] + _core.model_columns(model))


def test_every_field_is_a_property_named_as_in_to_dict():
    given = set()
    for name in strideload.models()["name"]:
        load = strideload.step_load(name, **MORIN)
        d = load.to_dict()
        given |= set(d) - {"model"}
        for key, value in d.items():
            assert getattr(load, key) == value
    properties = {k for k, v in vars(strideload.StepLoad).items() if isinstance(v, property)}
    # Between them the models give every field, and every field is a property.
    assert properties - {"model"} == given
    assert strideload.step_load("morin2005", **MORIN).touchdown_angle_rad is None


@pytest.mark.parametrize("function", [strideload.step_load, strideload.step_load_batch,
                                      strideload.step_loads, strideload.waveform,
                                      strideload.plot_waveforms])
def test_public_docstrings_list_every_parameter(function):
    assert documented(function.__doc__) == set(inspect.signature(function).parameters)


@pytest.mark.parametrize("name", ["step_load", "step_load_batch", "waveform", "model_columns",
                                  "leg_length_from_height", "stride_from_cadence"])
def test_core_docstrings_list_every_parameter(name):
    doc = getattr(_core, name).__doc__
    signature, body = doc.split("\n", 1)
    args = set(re.findall(r"(\w+):", signature))
    assert documented(body) == args


def test_speed_of_spring_mass_is_the_touchdown_speed():
    doc = strideload.step_load.__doc__
    assert "horizontal speed at touchdown" in doc
    # Braking comes first, so the runner is slowest mid-contact: the step-average speed is a
    # little below speed_m_s, which the body has again at take-off and through the flight.
    rate = 100_000
    w = strideload.waveform("spring_mass", rate_hz=rate, **MORIN)
    v = MORIN["speed_m_s"] + np.cumsum(w["horizontal_N"].to_numpy()) / (MORIN["mass_kg"] * rate)
    assert v[-1] == pytest.approx(MORIN["speed_m_s"], abs=2e-3)
    tc, tf = MORIN["contact_time_s"], MORIN["flight_time_s"]
    step_average = (v.mean() * tc + MORIN["speed_m_s"] * tf) / (tc + tf)
    assert step_average == pytest.approx(4.891, abs=1e-3)  # about 2 % below 5 m/s


def test_waveform_is_level_ground_only():
    level = strideload.waveform("burns_hgrf", **MORIN)
    pd.testing.assert_frame_equal(strideload.waveform("burns_hgrf", grade=0.0, **MORIN), level)
    with pytest.raises(ValueError, match=r"^grade = 0\.05 .*level-ground only.*see step_load"):
        strideload.waveform("burns_hgrf", grade=0.05, **MORIN)
    with pytest.raises(ValueError, match="grade"):
        strideload.plot_waveforms(["morin2005"], grade=-0.05, **MORIN)


def test_plot_waveforms_without_mass_names_it():
    import matplotlib

    matplotlib.use("Agg")
    with pytest.raises(ValueError, match="mass_kg"):
        strideload.plot_waveforms(["morin2005"],
                                  **{k: v for k, v in MORIN.items() if k != "mass_kg"})
    fig = strideload.plot_waveforms(["morin2005"], grade=0.0, **MORIN)
    assert len(fig.axes) == 1  # morin2005 gives no horizontal force
