"""Measured force in Python: read_force, Butterworth filters, stances and per-stance metrics.

Reference figures are those of tests/data/fukuchi2017/README.md (computed independently with
numpy) and scipy's own filters; the rest are invariants, round trips and error contracts.
"""

import inspect
import os
import re
import threading

import numpy as np
import pandas as pd
import pytest
from scipy import signal

import strideload
from strideload import _core

from docstrings import documented

DATA = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "data")
FUKUCHI = os.path.join(DATA, "fukuchi2017", "RBDS0041runT252forces.txt")
MOT = os.path.join(DATA, "io", "two_feet_100hz.mot")
MASS_KG = 78.3
# The README's bodyweights use g = 9.81: its mean force, 767.97 N / (78.3 kg x 9.81) = 0.9998 BW.
G_README = 9.81


@pytest.fixture(scope="module")
def fukuchi():
    return strideload.read_force(FUKUCHI, vertical_column="Fy", anterior_posterior_column="Fx",
                                 medio_lateral_column="Fz", rate_hz=300)


@pytest.fixture(scope="module")
def fy(fukuchi):
    return fukuchi["Fy"].to_numpy()


@pytest.fixture(scope="module")
def metrics(fukuchi):
    return strideload.stance_metrics(fukuchi, mass_kg=MASS_KG, gravity_m_s2=G_README)


def _owner(a):
    """The object at the end of an array's .base chain."""
    while isinstance(a, np.ndarray) and a.base is not None:
        a = a.base
    return a


# --- read_force -----------------------------------------------------------------------------

def test_read_force_fukuchi(fukuchi):
    assert fukuchi.shape == (9000, 8)
    assert list(fukuchi.columns) == ["Time", "Fx", "Fy", "Fz", "COPx", "COPy", "COPz", "Ty"]
    assert fukuchi.index.name == "time_s"
    # Time is the frame number at 300 Hz: time_s = (frame - 1) / 300.
    np.testing.assert_allclose(fukuchi.index.to_numpy(), np.arange(9000) / 300.0, rtol=1e-12)
    assert fukuchi["Time"].iloc[-1] == 9000.0
    assert fukuchi["Fy"].mean() == pytest.approx(767.97, abs=5e-3)  # README
    assert fukuchi["Fy"].iloc[0] == 1718.29  # first data row of the file, as printed
    a = fukuchi.attrs
    assert a["rate_hz"] == 300.0
    assert a["source"] == FUKUCHI
    assert a["time_column"] == "Time"
    assert a["plates"] == [{"label": "Fy", "vertical": "Fy", "anterior_posterior": "Fx",
                            "medio_lateral": "Fz"}]
    assert a["problems"] == []
    assert a["rows_read"] == 9000


def test_read_force_does_not_copy_the_samples(fukuchi):
    t = _core.read_force(FUKUCHI, "Fy", "", "", "", "auto", 300.0, None, "raise", 0.01, False)
    assert t["data"].flags.f_contiguous and not t["data"].flags.owndata
    assert type(_owner(t["data"])).__name__ == "PyCapsule"  # the C++ table keeps it alive
    assert _owner(t["data"]) is _owner(t["time_s"])
    # The DataFrame holds that buffer itself, and a column is a contiguous view into it.
    assert type(_owner(fukuchi.values)).__name__ == "PyCapsule"
    fy = fukuchi["Fy"].to_numpy()
    assert fy.flags.c_contiguous and np.shares_memory(fy, fukuchi.values)
    assert type(_owner(fukuchi.index.to_numpy())).__name__ == "PyCapsule"


def test_read_force_frames_need_a_rate():
    with pytest.raises(ValueError, match=r"RBDS0041runT252forces\.txt: .*frames.*rate_hz"):
        strideload.read_force(FUKUCHI, vertical_column="Fy")


def test_read_force_missing_file_and_directory(tmp_path):
    missing = tmp_path / "nope.csv"
    with pytest.raises(FileNotFoundError) as err:
        strideload.read_force(missing, vertical_column="Fz")
    assert err.value.filename == str(missing)
    with pytest.raises(IsADirectoryError):
        strideload.read_force(tmp_path, vertical_column="Fz")


def test_read_force_malformed_row_names_the_line(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("time,Fz\n0.000,10\n0.001,abc\n0.002,30\n0.003,40\n")
    with pytest.raises(ValueError, match=r"bad\.csv:3: .*'abc'"):
        strideload.read_force(bad, vertical_column="Fz")
    with pytest.raises(ValueError, match=r"bad\.csv:1: .*'Fy' is not a column"):
        strideload.read_force(bad, vertical_column="Fy")
    # collect mode: the row is left out and listed, never dropped silently.
    df = strideload.read_force(bad, vertical_column="Fz", on_error="collect")
    assert list(df["Fz"]) == [10.0, 30.0, 40.0]
    assert df.attrs["rows_read"] == 4
    assert [line for line, _ in df.attrs["problems"]] == [3]
    # The gap it leaves is refused by anything that needs an unbroken signal.
    with pytest.raises(ValueError, match=r"samples are missing .*line\(s\) 3"):
        strideload.stance_metrics(df, mass_kg=70)


@pytest.mark.parametrize("kwargs, field", [
    (dict(time_unit="hours"), "time_unit"),
    (dict(on_error="ignore"), "on_error"),
    (dict(delimiter=",;"), "delimiter"),
    (dict(rate_hz=-300.0), "rate_hz"),
])
def test_read_force_bad_options(kwargs, field):
    with pytest.raises(ValueError, match=field):
        strideload.read_force(FUKUCHI, **{"vertical_column": "Fy", "rate_hz": 300, **kwargs})


def test_read_force_opensim_two_plates():
    mot = strideload.read_force(MOT)
    assert mot.attrs["rate_hz"] == pytest.approx(100.0)
    assert [p["label"] for p in mot.attrs["plates"]] == ["ground_force", "1_ground_force"]
    assert mot.attrs["plates"][1]["vertical"] == "1_ground_force_vy"
    assert ("inDegrees", "no") in mot.attrs["metadata"]
    np.testing.assert_allclose(mot.index.to_numpy(), mot["time"].to_numpy())


# --- Butterworth ----------------------------------------------------------------------------

@pytest.mark.parametrize("order", [1, 2, 3, 4, 6, 8])
@pytest.mark.parametrize("btype, cutoff_hz", [("low", 30.0), ("high", 20.0), ("low", 6.0)])
def test_butter_equals_scipy(order, btype, cutoff_hz):
    b, a = strideload.butter(order, cutoff_hz, 300.0, btype)
    b_ref, a_ref = signal.butter(order, cutoff_hz, btype=btype, fs=300.0)
    np.testing.assert_allclose(b, b_ref, rtol=1e-12, atol=1e-15 * np.abs(b_ref).max())
    np.testing.assert_allclose(a, a_ref, rtol=1e-12, atol=1e-15 * np.abs(a_ref).max())


def _rel_max(y, ref):
    return float(np.max(np.abs(y - ref)) / np.max(np.abs(ref)))


def test_filtfilt_equals_scipy_on_the_fukuchi_trace(fy):
    # The acceptance test.
    ref = signal.filtfilt(*signal.butter(4, 30, fs=300), fy)
    y = strideload.filtfilt(fy, order=4, cutoff_hz=30.0, rate_hz=300.0)
    assert _rel_max(y, ref) < 1e-9
    assert y.shape == fy.shape and y.dtype == np.float64


FILTER_CASES = ([(order, "low", 30.0) for order in (1, 2, 3, 5, 6, 8)]
                + [(order, "low", 10.0) for order in (2, 4, 6, 8)]
                + [(order, "low", 6.0) for order in (2, 4, 8)]
                + [(order, "high", 20.0) for order in (1, 2, 4, 8)]
                + [(order, "highpass", 1.0) for order in (1, 2, 3, 4)])


@pytest.mark.parametrize("order, btype, cutoff_hz", FILTER_CASES)
def test_filtfilt_other_orders_and_highpass(fy, order, btype, cutoff_hz):
    ref = signal.filtfilt(*signal.butter(order, cutoff_hz, btype=btype, fs=300), fy)
    y = strideload.filtfilt(fy, order, cutoff_hz, 300.0, btype)
    # High orders with a low cutoff make the (b, a) form ill-conditioned: scipy's own result
    # then differs from its well-conditioned second-order-section form (sosfiltfilt) by more
    # than 1e-10 (1.6e-9 for order 8 at 10 Hz, 2.6e-7 at 6 Hz). There strideload must be as
    # close to the SOS result as scipy's (b, a) result is, within a factor of 3.
    sos = signal.sosfiltfilt(signal.butter(order, cutoff_hz, btype=btype, fs=300, output="sos"),
                             fy)
    conditioning = _rel_max(ref, sos)
    if conditioning < 1e-10:
        assert _rel_max(y, ref) < 1e-9
    else:
        assert _rel_max(y, sos) < 3 * conditioning


def test_lfilter_equals_scipy(fy):
    for btype in ("low", "high"):
        ref = signal.lfilter(*signal.butter(4, 25, btype=btype, fs=300), fy)
        assert _rel_max(strideload.lfilter(fy, 4, 25.0, 300.0, btype), ref) < 1e-9


def test_filtfilt_reads_contiguous_arrays_in_place_and_copies_the_rest(fy):
    ref = strideload.filtfilt(fy)
    # A read-only contiguous float64 array is accepted as it is (read, never written).
    ro = fy.copy()
    ro.flags.writeable = False
    assert strideload.force._signal(ro, "x")[0] is ro
    np.testing.assert_array_equal(strideload.filtfilt(ro), ref)
    # The core takes only such arrays: no hidden conversion can happen there.
    b, a = strideload.butter(4, 30.0, 300.0)
    with pytest.raises(TypeError):
        _core.filtfilt(fy[::2], b, a, False)
    with pytest.raises(TypeError):
        _core.filtfilt(fy.astype(np.float32), b, a, False)
    # Anything else is copied once and the copy filtered: the caller's data never changes.
    strided = np.repeat(fy, 2)[::2]
    before = strided.copy()
    np.testing.assert_array_equal(strideload.filtfilt(strided), ref)
    np.testing.assert_array_equal(strided, before)
    as_list = list(fy[:500])
    out = strideload.filtfilt(as_list)
    assert as_list == list(fy[:500])
    np.testing.assert_array_equal(out, strideload.filtfilt(fy[:500].copy()))
    series = pd.Series(fy)
    assert np.shares_memory(strideload.force._signal(series, "x")[0], fy)
    np.testing.assert_array_equal(strideload.filtfilt(series), ref)


def test_filtfilt_from_threads_agrees(fy):
    ref = strideload.filtfilt(fy)
    results = [None] * 8

    def work(i):
        # Half the threads filter private copies (GIL released), half the shared array.
        results[i] = strideload.filtfilt(list(fy) if i % 2 else fy)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for r in results:
        np.testing.assert_array_equal(r, ref)


@pytest.mark.parametrize("call, match", [
    (lambda x: strideload.filtfilt(np.where(np.arange(x.size) == 5, np.nan, x)), r"x\[5\] = nan"),
    (lambda x: strideload.filtfilt(x, rate_hz=0.0), "rate_hz"),
    (lambda x: strideload.filtfilt(x, rate_hz=-300.0), "rate_hz"),
    (lambda x: strideload.filtfilt(x, cutoff_hz=150.0), "cutoff_hz"),
    (lambda x: strideload.filtfilt(x, order=9), "order"),
    (lambda x: strideload.filtfilt(x, order=2.5), "order"),
    (lambda x: strideload.filtfilt(x, btype="band"), "btype"),
    (lambda x: strideload.filtfilt(x[:15]), "padlen = 15"),
    (lambda x: strideload.filtfilt(x.reshape(-1, 2)), "1-D"),
    (lambda x: strideload.lfilter(np.where(np.arange(x.size) == 7, np.inf, x)), r"x\[7\] = inf"),
])
def test_filter_errors(fy, call, match):
    with pytest.raises(ValueError, match=match):
        call(fy)


# --- stances ---------------------------------------------------------------------------------

def test_detect_stances_on_the_fukuchi_trace(fy):
    st = strideload.detect_stances(fy, rate_hz=300.0)
    assert list(st.columns) == ["begin", "end", "touchdown_s", "takeoff_s", "complete"]
    assert st["begin"].dtype == np.int64 and st["complete"].dtype == bool
    # The README's 79 steps (foot contacts, 50 N, > 0.1 s); the trial starts inside the
    # first one, so 78 are complete.
    assert len(st) == 79
    assert not st["complete"].iloc[0] and st["begin"].iloc[0] == 0
    assert st["complete"].iloc[1:].all()
    # Interpolated crossings lie between the samples around them.
    c = st[st["complete"]]
    on, off = c["touchdown_s"] * 300, c["takeoff_s"] * 300
    assert ((on >= c["begin"] - 1) & (on <= c["begin"])).all()
    assert ((off >= c["end"] - 1) & (off < c["end"])).all()
    assert (fy[c["begin"]] > 50).all() and (fy[c["begin"] - 1] <= 50).all()
    assert (fy[c["end"] - 1] >= 50).all() and (fy[c["end"]] < 50).all()
    # The same contacts from a read-only view (accepted without a copy).
    ro = fy.view()
    ro.flags.writeable = False
    pd.testing.assert_frame_equal(strideload.detect_stances(ro, 300.0), st)


def test_detect_stances_hysteresis_and_min_flight(fy):
    plain = strideload.detect_stances(fy, 300.0, threshold_N=50.0)
    wide = strideload.detect_stances(fy, 300.0, threshold_N=50.0, release_N=20.0)
    # A lower release level can only lengthen contacts: each contact lies inside one of them.
    for b, e in zip(plain["begin"], plain["end"]):
        assert ((wide["begin"] <= b) & (wide["end"] >= e)).sum() == 1
    assert (wide["end"] - wide["begin"]).sum() > (plain["end"] - plain["begin"]).sum()
    merged = strideload.detect_stances(fy, 300.0, min_flight_s=0.5)  # flights are ~0.08 s
    assert len(merged) == 1


@pytest.mark.parametrize("kwargs, match", [
    (dict(rate_hz=0.0), "rate_hz"),
    (dict(rate_hz=300.0, threshold_N=-1.0), "threshold_N"),
    (dict(rate_hz=300.0, release_N=60.0), "release_N"),
    (dict(rate_hz=300.0, min_contact_s=-0.1), "min_contact_s"),
])
def test_detect_stances_errors(fy, kwargs, match):
    with pytest.raises(ValueError, match=match):
        strideload.detect_stances(fy, **kwargs)
    with pytest.raises(ValueError, match=r"vertical_N\[3\] = nan"):
        strideload.detect_stances(np.where(np.arange(fy.size) == 3, np.nan, fy), 300.0)


# --- stance metrics --------------------------------------------------------------------------

def test_stance_metrics_reproduce_the_readme_figures(metrics):
    # tests/data/fukuchi2017/README.md: 78.3 kg, raw, 50 N, contacts > 0.1 s.
    assert len(metrics) == 78  # complete stances of the 79 contacts
    s = metrics.attrs["summary"]
    assert s["stances"] == 78
    assert metrics["active_peak_bw"].mean() == pytest.approx(2.342, rel=0.01)
    assert metrics["active_peak_bw"].std() == pytest.approx(0.053, rel=0.1)
    assert metrics["impact_peak_bw"].mean() == pytest.approx(1.58, rel=0.01)  # rearfoot striker
    assert s["impact_peak_stances"] == 78
    assert metrics["contact_time_s"].mean() == pytest.approx(0.296, rel=0.01)
    assert s["contact_time_s"] == pytest.approx(0.296, rel=0.01)
    assert s["cadence_spm"] == pytest.approx(158, rel=0.01)
    assert s["step_time_s"] == pytest.approx(0.380, rel=0.01)
    assert s["impulse_per_step_bw_s"] == pytest.approx(0.3772, rel=0.01)
    assert s["mean_force_signal_bw"] == pytest.approx(0.9998, rel=1e-4)
    assert s["mean_force_bw"] == pytest.approx(0.9998, rel=0.01)  # impulse balance, whole steps


def test_stance_metrics_valr_readme_figure(fukuchi, metrics):
    # The reference's 50.6 ± 6.9 BW/s takes the 20-80 % window from the first samples at or
    # above its bounds (the discrete form); the default interpolates the crossings, which does
    # not overshoot between 300 Hz samples and so gives less.
    discrete = strideload.stance_metrics(fukuchi, mass_kg=MASS_KG, gravity_m_s2=G_README,
                                         loading_rate_at_samples=True)
    assert discrete["valr_bw_per_s"].mean() == pytest.approx(50.6, rel=0.01)
    assert discrete["valr_bw_per_s"].std() == pytest.approx(6.9, rel=0.05)
    assert metrics["valr_bw_per_s"].mean() < discrete["valr_bw_per_s"].mean()
    assert discrete.attrs["metric_options"]["loading_rate_at_samples"] is True


def test_stance_metrics_columns_and_invariants(metrics):
    keys = list(metrics.columns)
    assert keys[:5] == ["start_s", "contact_time_s", "flight_time_s", "step_time_s",
                        "cadence_spm"]
    assert keys[-2:] == ["loading_rate_landmark", "stance_index"]
    assert len(keys) == 27
    # Step = contact + flight; cadence = 60 / step; the last stance has no next touchdown.
    np.testing.assert_allclose(metrics["step_time_s"],
                               metrics["contact_time_s"] + metrics["flight_time_s"], rtol=1e-12)
    np.testing.assert_allclose(metrics["cadence_spm"], 60 / metrics["step_time_s"], rtol=1e-12)
    assert np.isnan(metrics["flight_time_s"].iloc[-1])
    assert metrics["flight_time_s"].iloc[:-1].notna().all()
    # Mean force over contact = impulse / contact time; BW columns = N columns / (m g).
    np.testing.assert_allclose(metrics["mean_vertical_force_N"],
                               metrics["vertical_impulse_Ns"] / metrics["contact_time_s"],
                               rtol=1e-12)
    np.testing.assert_allclose(metrics["active_peak_bw"],
                               metrics["active_peak_N"] / (MASS_KG * G_README), rtol=1e-12)
    # Fukuchi's Fx is negative in early stance: braking, then propulsion.
    assert (metrics["braking_peak_N"] > 0).all() and (metrics["propulsive_peak_N"] > 0).all()
    assert (metrics["loading_rate_landmark"] == 0).all()  # impact peak in every stance
    assert list(metrics["stance_index"]) == list(range(1, 79))


def test_stance_metrics_array_input_and_filter(fukuchi, fy, metrics):
    from_array = strideload.stance_metrics(fy, 300.0, mass_kg=MASS_KG, gravity_m_s2=G_README,
                                           anterior_posterior_N=fukuchi["Fx"])
    pd.testing.assert_frame_equal(from_array, metrics)
    vertical_only = strideload.stance_metrics(fy, 300.0, mass_kg=MASS_KG)
    assert vertical_only["braking_peak_N"].isna().all()
    # filter_hz = the same metrics of the filtfilt'ed signals.
    filtered = strideload.stance_metrics(fukuchi, mass_kg=MASS_KG, filter_hz=30.0)
    by_hand = strideload.stance_metrics(strideload.filtfilt(fy, 4, 30.0, 300.0), 300.0,
                                        mass_kg=MASS_KG,
                                        anterior_posterior_N=strideload.filtfilt(
                                            fukuchi["Fx"], 4, 30.0, 300.0))
    pd.testing.assert_frame_equal(filtered, by_hand)
    assert filtered.attrs["filter_hz"] == 30.0
    # Given stances are used as given.
    st = strideload.detect_stances(fy, 300.0)
    again = strideload.stance_metrics(fy, 300.0, mass_kg=MASS_KG, stances=st.iloc[10:20])
    assert len(again) == 10
    np.testing.assert_array_equal(again["contact_time_s"],
                                  vertical_only["contact_time_s"].iloc[9:19])


def test_stance_metrics_two_plates_are_summed():
    mot = strideload.read_force(MOT)
    total = mot["ground_force_vy"] + mot["1_ground_force_vy"]
    a = strideload.stance_metrics(mot, mass_kg=70, threshold_N=20.0, min_contact_s=0.0)
    b = strideload.stance_metrics(total.to_numpy(), 100.0, mass_kg=70, threshold_N=20.0,
                                  min_contact_s=0.0,
                                  anterior_posterior_N=(mot["ground_force_vx"]
                                                        + mot["1_ground_force_vx"]))
    pd.testing.assert_frame_equal(a, b)


def test_stance_summary(fy, metrics, fukuchi):
    s = strideload.stance_summary(metrics)
    for key in ("stances", "impact_peak_stances", "step_time_s", "cadence_spm",
                "contact_time_s", "impulse_per_step_bw_s"):
        assert s[key] == pytest.approx(metrics.attrs["summary"][key], rel=1e-12)
    assert np.isnan(s["mean_force_bw"])
    full = strideload.stance_summary(metrics, fukuchi, mass_kg=MASS_KG, gravity_m_s2=G_README)
    assert full == pytest.approx(metrics.attrs["summary"], rel=1e-12)
    # A selection of rows is summarised as such.
    first = strideload.stance_summary(metrics.iloc[:10])
    assert first["stances"] == 10
    assert first["contact_time_s"] == pytest.approx(metrics["contact_time_s"].iloc[:10].mean())
    with pytest.raises(ValueError, match="missing column"):
        strideload.stance_summary(metrics.drop(columns="valr_N_per_s"))


@pytest.mark.parametrize("kwargs, match", [
    (dict(mass_kg=-70.0, rate_hz=300.0), "mass_kg"),
    (dict(mass_kg=70.0, rate_hz=0.0), "rate_hz"),
    (dict(mass_kg=70.0, rate_hz=-300.0), "rate_hz"),
    (dict(mass_kg=70.0), "rate_hz is required"),
    (dict(mass_kg=70.0, rate_hz=300.0, ap_sign="forward"), "ap_sign"),
    (dict(mass_kg=70.0, rate_hz=300.0, impact_window_fraction=1.5), "impact_window_fraction"),
    (dict(mass_kg=70.0, rate_hz=300.0, anterior_posterior_N=np.zeros(10)),
     r"anterior_posterior_N has 10 samples, vertical_N 9000"),
])
def test_stance_metrics_errors(fy, kwargs, match):
    with pytest.raises(ValueError, match=match):
        strideload.stance_metrics(fy, **kwargs)


def test_stance_metrics_nan_sample_and_wrong_rate(fy, fukuchi):
    bad = fy.copy()
    bad[4000] = np.nan
    with pytest.raises(ValueError, match=r"vertical_N\[4000\] = nan"):
        strideload.stance_metrics(bad, 300.0, mass_kg=MASS_KG)
    with pytest.raises(ValueError, match=r"rate_hz = 250 .*300 Hz"):
        strideload.stance_metrics(fukuchi, 250.0, mass_kg=MASS_KG)
    with pytest.raises(ValueError, match="read_force"):
        strideload.stance_metrics(pd.DataFrame({"Fy": fy}), 300.0, mass_kg=MASS_KG)


# --- docstrings -------------------------------------------------------------------------------

@pytest.mark.parametrize("function", [
    strideload.read_force, strideload.butter, strideload.filtfilt, strideload.lfilter,
    strideload.detect_stances, strideload.stance_metrics, strideload.stance_summary,
    strideload.compare_models, strideload.vgrf_from_accel, strideload.accel_stance_metrics,
    strideload.plots.bland_altman,
    strideload.plots.waveform_overlay])
def test_public_docstrings_list_every_parameter(function):
    assert documented(function.__doc__) == set(inspect.signature(function).parameters)
    assert "Returns\n-------" in inspect.cleandoc(function.__doc__)


@pytest.mark.parametrize("name", ["read_force", "butter", "filtfilt", "lfilter",
                                  "detect_stances", "stance_metrics", "stance_summary",
                                  "vgrf_from_accel", "vgrf_from_accel_batch",
                                  "accel_stance_metrics", "compare_models"])
def test_core_docstrings_list_every_parameter(name):
    doc = getattr(_core, name).__doc__
    signature, body = doc.split("\n", 1)
    assert documented(body) == set(re.findall(r"(\w+):", signature))
