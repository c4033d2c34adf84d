"""Accelerometer -> vertical GRF in Python: the published equations' fixtures, invariants of the
waveform methods, one stance vs many, and the error contract."""

import math
import os

import numpy as np
import pandas as pd
import pytest

import strideload

G_N = 9.80665  # the sensor's g: standard gravity
M70 = 70.0
RATE = 500.0


def half_sine(n, base_g, peak_g):
    """n samples of base + (peak - base) sin(pi k / (n - 1)), from base back to base."""
    k = np.arange(n)
    return base_g + (peak_g - base_g) * np.sin(np.pi * k / (n - 1))


def test_accel_methods_table():
    t = strideload.accel_methods()
    assert list(t["name"]) == ["neugebauer2014", "meyer2015", "wundersitz2013", "gurchiek2017",
                               "charry2013"]
    assert list(t.columns) == ["name", "location", "output", "published_error", "citation",
                               "equation", "refits"]
    assert dict(zip(t["name"], t["location"])) == {
        "neugebauer2014": "hip", "meyer2015": "hip", "wundersitz2013": "upper_back",
        "gurchiek2017": "sacrum", "charry2013": "shank"}
    assert dict(zip(t["name"], t["output"]))["gurchiek2017"] == "waveform"
    assert dict(zip(t["name"], t["output"]))["neugebauer2014"] == "peak"
    # Neugebauer et al. 2014's abstract: 8.3 % mean absolute difference of peak vGRF.
    neug = t.set_index("name").loc["neugebauer2014"]
    assert "8.3 %" in neug["published_error"]
    assert "PLoS ONE" in neug["citation"]
    assert list(t.loc[t["refits"], "name"]) == ["neugebauer2014", "charry2013"]


def test_neugebauer2014_fixture():
    # Neugebauer, Collins & Hawkins 2014, running (RUN = 1): ln F = 6.181 + 0.055 a + 0.014 m;
    # 70 kg, 3 g -> exp(7.326) = 1519.3 N.
    a = np.array([1.0, 2.0, 3.0, 2.5, 1.2])
    est = strideload.vgrf_from_accel(a, RATE, M70, "neugebauer2014")
    assert est["method"] == "neugebauer2014"
    assert est["peak_vertical_force_N"] == pytest.approx(1519.3, rel=1e-4)
    assert est["peak_vertical_force_N"] == pytest.approx(math.exp(6.181 + 0.055 * 3 + 0.014 * 70),
                                                         rel=1e-12)
    assert est["peak_vertical_force_bw"] == pytest.approx(1519.29 / (M70 * G_N), rel=1e-5)
    assert est["time_s"] is None and est["vertical_N"] is None  # peak only
    # The Kiernan et al. 2023 refit (WCS) by hand: exp(6.5732 + 0.0140 x 3 + 0.0125 x 70).
    wcs = strideload.vgrf_from_accel(a, RATE, M70, "neugebauer2014",
                                     coefficients="kiernan2023_wcs")
    assert wcs["peak_vertical_force_N"] == pytest.approx(math.exp(6.5732 + 0.042 + 0.875),
                                                         rel=1e-9)


def test_meyer2015_and_charry2013_equations():
    # F = g_n m a_max: 70 kg at 3 g = 2059.3965 N = 3 BW.
    a = np.array([1.0, 2.0, 3.0, 2.5, 1.2])
    meyer = strideload.vgrf_from_accel(a, RATE, M70, "meyer2015")
    assert meyer["peak_vertical_force_N"] == pytest.approx(3 * M70 * G_N, rel=1e-12)
    assert meyer["peak_vertical_force_bw"] == pytest.approx(3.0, rel=1e-12)
    # F = (4.66 m - 76.6) log2(1 - a_min) + 24.98 m - 566.83: a_min = -3 g -> 1680.97 N.
    a = half_sine(100, 1.0, 6.0)
    a[10] = -3.0
    charry = strideload.vgrf_from_accel(a, RATE, M70, "charry2013")
    assert charry["peak_vertical_force_N"] == pytest.approx(1680.97, rel=1e-9)


@pytest.mark.parametrize("method", ["gurchiek2017", "wundersitz2013"])
def test_waveform_methods_rest_and_mass_scaling(method):
    rest = strideload.vgrf_from_accel(np.ones(125), RATE, M70, method)
    assert rest["time_s"].shape == (125,) and rest["time_s"][-1] == pytest.approx(124 / RATE)
    # A zero-phase low-pass passes a constant: standing reads m g_n throughout.
    np.testing.assert_allclose(rest["vertical_N"], M70 * G_N, rtol=1e-9)
    assert rest["peak_vertical_force_bw"] == pytest.approx(1.0, rel=1e-9)
    a = half_sine(125, 0.0, 2.5)
    one = strideload.vgrf_from_accel(a, RATE, M70, method)
    two = strideload.vgrf_from_accel(a, RATE, 2 * M70, method)
    np.testing.assert_allclose(two["vertical_N"], 2 * one["vertical_N"], rtol=1e-12)
    assert one["peak_vertical_force_N"] == one["vertical_N"].max()


def test_wundersitz_raw_is_g_m_a_and_filtered_is_filtfilt():
    a = half_sine(125, 0.0, 2.5)
    raw = strideload.vgrf_from_accel(a, RATE, M70, "wundersitz2013", wundersitz_cutoff_hz=0.0)
    np.testing.assert_allclose(raw["vertical_N"], G_N * M70 * a, rtol=1e-12, atol=1e-9)
    filtered = strideload.vgrf_from_accel(a, RATE, M70, "wundersitz2013",
                                          wundersitz_cutoff_hz=15.0)
    np.testing.assert_allclose(filtered["vertical_N"] / (G_N * M70),
                               strideload.filtfilt(a, 4, 15.0, RATE), rtol=1e-12, atol=1e-12)


def _trace():
    """Three stances of half-sine acceleration separated by flight (0 g)."""
    stance = half_sine(126, 0.2, 3.0)
    flight = np.zeros(60)
    trace = np.concatenate([flight, stance, flight, 0.8 * stance + 0.2, flight, stance, flight])
    bounds = np.array([[60, 186], [246, 372], [432, 558]])
    return trace, bounds


@pytest.mark.parametrize("method", ["neugebauer2014", "meyer2015", "charry2013"])
def test_many_stances_equal_one_at_a_time_for_peak_methods(method):
    trace, bounds = _trace()
    out = strideload.vgrf_from_accel(trace, RATE, M70, method, stances=bounds)
    assert isinstance(out, pd.DataFrame) and list(out.index) == [0, 1, 2]
    assert list(out.columns) == ["begin", "end", "peak_vertical_force_N",
                                 "peak_vertical_force_bw"]
    assert out.attrs["vertical_force_N"] is None and out.attrs["method"] == method
    for i, (b, e) in enumerate(bounds):
        one = strideload.vgrf_from_accel(trace[b:e], RATE, M70, method)
        assert out["peak_vertical_force_N"].iloc[i] == pytest.approx(
            one["peak_vertical_force_N"], rel=1e-12)


def test_many_stances_waveform_method_filters_the_whole_trace_once():
    trace, bounds = _trace()
    st = pd.DataFrame({"begin": bounds[:, 0], "end": bounds[:, 1]}, index=[5, 6, 7])
    out = strideload.vgrf_from_accel(trace, RATE, M70, "gurchiek2017", stances=st)
    assert list(out.index) == [5, 6, 7]
    wave = out.attrs["vertical_force_N"]
    np.testing.assert_allclose(wave, G_N * M70 * strideload.filtfilt(trace, 5, 10.0, RATE),
                               rtol=1e-12, atol=1e-9)
    for i, (b, e) in enumerate(bounds):
        assert out["peak_vertical_force_N"].iloc[i] == wave[b:e].max()
    np.testing.assert_allclose(out["peak_vertical_force_bw"],
                               out["peak_vertical_force_N"] / (M70 * G_N), rtol=1e-12)


def test_accel_input_is_read_in_place():
    a = np.array([1.0, 2.0, 3.0, 2.5, 1.2])
    a.flags.writeable = False
    assert strideload.force._signal(a, "accel_g")[0] is a
    est = strideload.vgrf_from_accel(a, RATE, M70, "meyer2015")
    assert est["peak_vertical_force_bw"] == pytest.approx(3.0)


@pytest.mark.parametrize("kwargs, match", [
    (dict(method="kiernan2020"), "one of: neugebauer2014"),
    (dict(mass_kg=10.0), "mass_kg"),
    (dict(rate_hz=0.0), "rate_hz"),
    (dict(method="meyer2015", coefficients="kiernan2023_wcs"), "coefficients"),
    (dict(coefficients="kiernan2024"), "coefficients"),
    (dict(method="charry2013"), "min_axial_accel_g"),  # no dip below 1 g
    # 10 Hz low-pass cutoff not below Nyquist (20 samples at 15 Hz: a 1.3 s stance)
    (dict(method="gurchiek2017", rate_hz=15.0, accel_g=half_sine(20, 1.0, 3.0)), "rate_hz"),
])
def test_accel_errors(kwargs, match):
    args = dict(accel_g=half_sine(126, 1.0, 3.0), rate_hz=RATE, mass_kg=M70,
                method="neugebauer2014")
    args.update(kwargs)
    with pytest.raises(ValueError, match=match):
        strideload.vgrf_from_accel(**args)


def test_accel_errors_name_the_sample_and_the_stance():
    a = half_sine(126, 1.0, 3.0)
    a[2] = np.nan
    with pytest.raises(ValueError, match=r"accel_g\[2\] = nan"):
        strideload.vgrf_from_accel(a, RATE, M70, "meyer2015")
    trace, bounds = _trace()
    bounds[1, 1] = trace.size + 5
    with pytest.raises(ValueError, match=r"stances\[1\]"):
        strideload.vgrf_from_accel(trace, RATE, M70, "meyer2015", stances=bounds)
    with pytest.raises(ValueError, match=r"shape \(k, 2\)"):
        strideload.vgrf_from_accel(trace, RATE, M70, "meyer2015", stances=[1, 2, 3])


FUKUCHI = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "data", "fukuchi2017",
                       "RBDS0041runT252forces.txt")


@pytest.fixture(scope="module")
def ideal_accel():
    """The Fukuchi trial's vertical force as the acceleration of an ideal centre of mass,
    a = F / (m g_n) [g], with the stances detected on the force."""
    fy = strideload.read_force(FUKUCHI, vertical_column="Fy", rate_hz=300)["Fy"].to_numpy()
    return fy, fy / (78.3 * G_N), strideload.detect_stances(fy, 300.0)


def test_detect_stances_rows_are_the_complete_stances(ideal_accel):
    fy, a, st = ideal_accel
    out = strideload.vgrf_from_accel(a, 300.0, 78.3, "meyer2015", stances=st)
    # As stance_metrics: one row per complete stance, labelled by its row in the stances.
    assert list(out.index) == list(st.index[st["complete"]])
    assert len(out) == 78
    # meyer2015 on the ideal acceleration gives back each stance's largest force sample.
    peaks = [fy[b:e].max() for b, e in zip(out["begin"], out["end"])]
    np.testing.assert_allclose(out["peak_vertical_force_N"], peaks, rtol=1e-12)
    # Bounds without flags: every row.
    assert len(strideload.vgrf_from_accel(a, 300.0, 78.3, "meyer2015",
                                          stances=st[["begin", "end"]])) == 79


def test_accel_stance_metrics_round_trip_through_the_raw_estimate(ideal_accel):
    fy, a, st = ideal_accel
    # wundersitz2013 raw: F = g_n m a, the measured force again, so the metrics are its own.
    est = strideload.accel_stance_metrics(a, 300.0, 78.3, "wundersitz2013", stances=st,
                                          wundersitz_cutoff_hz=0.0)
    ref = strideload.stance_metrics(fy, 300.0, mass_kg=78.3, stances=st)
    pd.testing.assert_frame_equal(est, ref, rtol=1e-10)
    # Filtered (gurchiek2017, 10 Hz): contact timing is the detected one; impulse is kept
    # within 1 % per stance (the filter moves force in time, hardly in area).
    g = strideload.accel_stance_metrics(a, 300.0, 78.3, "gurchiek2017", stances=st)
    np.testing.assert_array_equal(g["contact_time_s"], ref["contact_time_s"])
    np.testing.assert_allclose(g["vertical_impulse_Ns"], ref["vertical_impulse_Ns"], rtol=0.01)


def test_accel_stance_metrics_one_stance_and_errors(ideal_accel):
    fy, a, st = ideal_accel
    b, e = st["begin"].iloc[3], st["end"].iloc[3]
    one = strideload.accel_stance_metrics(a[b:e], 300.0, 78.3, "wundersitz2013",
                                          wundersitz_cutoff_hz=0.0)
    assert one["contact_time_s"] == pytest.approx((e - b) / 300.0, rel=1e-12)
    assert one["active_peak_N"] == pytest.approx(fy[b:e].max(), rel=1e-12)
    with pytest.raises(ValueError, match="only a peak force"):
        strideload.accel_stance_metrics(a[b:e], 300.0, 78.3, "neugebauer2014")
