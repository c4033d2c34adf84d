"""The model-accuracy benchmark in Python on the Fukuchi et al. 2017 treadmill trial: one row per
model and metric it gives, the statistics consistent with the per-step predictions behind them,
impulse balance, the sign Morin et al. 2005 published, and the figures."""

import os

import numpy as np
import pandas as pd
import pytest

import strideload

FUKUCHI = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "data", "fukuchi2017",
                       "RBDS0041runT252forces.txt")
# The runner (README): 78.3 kg, 177.8 cm, 2.5 m/s on the treadmill.
MASS_KG, HEIGHT_M, SPEED_M_S = 78.3, 1.778, 2.5


@pytest.fixture(scope="module")
def force():
    return strideload.read_force(FUKUCHI, vertical_column="Fy", anterior_posterior_column="Fx",
                                 rate_hz=300)


@pytest.fixture(scope="module")
def stances(force):
    return strideload.stance_metrics(force, mass_kg=MASS_KG)


@pytest.fixture(scope="module")
def comparison(stances):
    return strideload.compare_models(stances, MASS_KG, SPEED_M_S, height_m=HEIGHT_M)


def test_a_row_for_every_model_and_metric_it_gives(comparison):
    models = strideload.models()
    expected = []
    for name, horizontal in zip(models["name"], models["horizontal"]):
        expected += [(name, "peak_vertical_force"), (name, "vertical_impulse")]
        if name != "impulse_balance":  # a square pulse has no loading rate
            expected.append((name, "loading_rate"))
        if horizontal:
            expected += [(name, "peak_braking_force"), (name, "peak_propulsive_force")]
    assert list(zip(comparison["model"], comparison["metric"])) == expected
    assert list(comparison.columns) == [
        "model", "metric", "unit", "n", "n_missing", "bias", "sd", "loa_low", "loa_high",
        "bias_pct", "sd_pct", "loa_low_pct", "loa_high_pct", "mape_pct", "r2", "pearson_r",
                "measured_mean", "model_mean", "n_zero_measured"]
    units = dict(zip(comparison["metric"], comparison["unit"]))
    assert units == {"peak_vertical_force": "N", "vertical_impulse": "N·s",
                     "loading_rate": "BW/s", "peak_braking_force": "N",
                     "peak_propulsive_force": "N"}


def test_every_stance_with_a_flight_time_is_compared(stances, comparison):
    # 78 complete stances; the last has no next touchdown, hence no flight time to model.
    assert len(stances) == 78
    modelled = int(stances["flight_time_s"].notna().sum())
    assert modelled == 77
    assert (comparison["n"] == modelled).all()
    assert (comparison["n_missing"] == 0).all()
    assert comparison.attrs["failed"] == {
        name: {"n_failed": 0, "first_error": ""} for name in strideload.models()["name"]}


def test_morin2005_underestimates_the_peak(comparison):
    # Morin et al. 2005 (J Appl Biomech 21:167) report that their model underestimates the
    # measured treadmill peak (bias -6.93 %): the sign must agree.
    row = comparison[(comparison["model"] == "morin2005")
                     & (comparison["metric"] == "peak_vertical_force")].iloc[0]
    assert row["bias"] < 0 and row["bias_pct"] < 0
    assert row["model_mean"] < row["measured_mean"]


def test_statistics_agree_with_the_predictions(stances, comparison):
    p = comparison.attrs["predictions"]
    assert list(p.columns) == ["model", "stance", "metric", "measured", "predicted"]
    assert len(p) == 77 * len(comparison)
    for _, row in comparison.iterrows():
        sel = p[(p["model"] == row["model"]) & (p["metric"] == row["metric"])]
        diff = sel["predicted"] - sel["measured"]
        assert row["bias"] == pytest.approx(diff.mean(), rel=1e-9, abs=1e-9)
        assert row["sd"] == pytest.approx(diff.std(ddof=1), rel=1e-9)
        assert row["loa_high"] == pytest.approx(row["bias"] + 1.96 * row["sd"], rel=1e-12)
        pct = 100 * diff / sel["measured"]
        assert row["mape_pct"] == pytest.approx(pct.abs().mean(), rel=1e-9)
        assert row["measured_mean"] == pytest.approx(sel["measured"].mean(), rel=1e-12)
    # The measured values are the stance table's, row by row.
    peaks = p[(p["model"] == "morin2005") & (p["metric"] == "peak_vertical_force")]
    assert list(peaks["stance"]) == list(stances.index[:77])
    np.testing.assert_array_equal(peaks["measured"], stances["active_peak_N"].iloc[:77])


def test_every_model_predicts_the_impulse_of_bodyweight_over_the_step(stances, comparison):
    # Impulse balance (Weyand et al. 2000): every model's impulse is m g (contact + flight).
    p = comparison.attrs["predictions"]
    step_s = (stances["contact_time_s"] + stances["flight_time_s"]).iloc[:77].to_numpy()
    for name in strideload.models()["name"]:
        sel = p[(p["model"] == name) & (p["metric"] == "vertical_impulse")]
        np.testing.assert_allclose(sel["predicted"], MASS_KG * strideload.STANDARD_GRAVITY * step_s,
                                   rtol=1e-9)


def test_selected_models_and_leg_length(stances):
    one = strideload.compare_models(stances, MASS_KG, SPEED_M_S, leg_length_m=0.53 * HEIGHT_M,
                                    models="morin2005", loading_rate=False)
    assert list(one["metric"]) == ["peak_vertical_force", "vertical_impulse"]
    full = strideload.compare_models(stances, MASS_KG, SPEED_M_S, height_m=HEIGHT_M,
                                     models=["morin2005"])
    pd.testing.assert_frame_equal(one, full.iloc[:2])
    # Models that use neither speed nor leg length need no leg length.
    strideload.compare_models(stances, MASS_KG, SPEED_M_S, models=["constant_multiple"])
    with pytest.raises(ValueError, match=r"leg_length_m: required by model morin2005"):
        strideload.compare_models(stances, MASS_KG, SPEED_M_S, models=["morin2005"])
    with pytest.raises(ValueError, match="one of: constant_multiple"):
        strideload.compare_models(stances, MASS_KG, SPEED_M_S, height_m=HEIGHT_M,
                                  models=["morin"])
    with pytest.raises(ValueError, match="speed_m_s"):
        strideload.compare_models(stances, MASS_KG, 0.0, height_m=HEIGHT_M)
    with pytest.raises(ValueError, match="height_m"):
        strideload.compare_models(stances, MASS_KG, SPEED_M_S, height_m=3.5)
    with pytest.raises(ValueError, match="flight_time_s"):
        strideload.compare_models(stances.drop(columns="flight_time_s"), MASS_KG, SPEED_M_S,
                                  height_m=HEIGHT_M)


def test_without_an_ap_force_there_are_no_horizontal_rows(force):
    vertical_only = strideload.stance_metrics(force["Fy"], 300.0, mass_kg=MASS_KG)
    c = strideload.compare_models(vertical_only, MASS_KG, SPEED_M_S, height_m=HEIGHT_M)
    assert not c["metric"].isin(["peak_braking_force", "peak_propulsive_force"]).any()


def test_bland_altman_has_one_axes_per_model(comparison):
    import matplotlib

    matplotlib.use("Agg")
    fig = strideload.plots.bland_altman(comparison)
    assert isinstance(fig, matplotlib.figure.Figure)
    assert len(fig.axes) == len(strideload.models())
    ax = fig.axes[2]  # morin2005
    assert ax.get_title().startswith("morin2005")
    assert len(ax.collections[0].get_offsets()) == 77  # one point per step
    fig = strideload.plots.bland_altman(comparison, "peak_braking_force")
    assert len(fig.axes) == 2  # spring_mass and burns_hgrf give it
    fig = strideload.plots.bland_altman(comparison, models=["clark2017"])
    assert len(fig.axes) == 1
    with pytest.raises(ValueError, match="metric"):
        strideload.plots.bland_altman(comparison, "valr")
    with pytest.raises(ValueError, match="impulse_balance"):
        strideload.plots.bland_altman(comparison, "loading_rate", models=["impulse_balance"])


def test_waveform_overlay(force, stances):
    import matplotlib

    matplotlib.use("Agg")
    fig = strideload.plots.waveform_overlay(force, None, MASS_KG, SPEED_M_S, 0.53 * HEIGHT_M,
                                            stance=3, stances=stances)
    assert len(fig.axes) == 1
    lines = fig.axes[0].lines
    assert len(lines) == 1 + len(strideload.models())
    # The measured curve is that stance's samples in bodyweights, over its contact time.
    t_ms, f_bw = lines[0].get_data()
    assert t_ms[0] >= 0 and t_ms[-1] <= stances["contact_time_s"].iloc[3] * 1e3
    assert f_bw.max() == pytest.approx(stances["active_peak_bw"].iloc[3], rel=1e-12)
    with pytest.raises(ValueError, match="flight time"):
        strideload.plots.waveform_overlay(force["Fy"].to_numpy(), 300.0, MASS_KG, SPEED_M_S,
                                          0.53 * HEIGHT_M, stance=-1, models=["morin2005"])


def test_compare_refuses_a_comparison_no_model_can_make(stances):
    # 9 m/s with a 0.94 m leg: the leg cannot sweep any measured contact (v tc / 2 > L).
    with pytest.raises(ValueError, match="no model could take any"):
        strideload.compare_models(stances, mass_kg=78.3, speed_m_s=9.0, leg_length_m=0.94,
                                  models="morin2005")
    with pytest.raises(ValueError, match="waveform_rate_hz"):
        strideload.compare_models(stances, mass_kg=78.3, speed_m_s=2.5, leg_length_m=0.94,
                                  waveform_rate_hz=0.0)
