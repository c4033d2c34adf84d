"""Python API of the per-step GRF models: published fixtures, invariants, errors, zero-copy."""

import math

import numpy as np
import pandas as pd
import pytest

import strideload
from strideload import _core

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
    with pytest.raises(ValueError, match="contact_time_s"):
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
