"""Cumulative loading: stress stimulus, weighted peak, Miner-equivalent cycles.

Fixtures: research notes load-recovery.md section 4 (10,000 steps at 2.5 BW + 1,000 at 3.0 BW).
"""
import numpy as np
import pytest

import strideload

LOADS = np.array([2.5, 3.0])
COUNTS = np.array([10000.0, 1000.0])


def test_stress_stimulus_fixture():
    assert strideload.stress_stimulus(LOADS, COUNTS) == pytest.approx(26.205908, rel=1e-7)


@pytest.mark.parametrize("k, expected", [(4, 5822.530864), (6.6, 4001.952223),
                                         (7, 3790.816472), (10, 2615.055829)])
def test_equivalent_cycles_fixture(k, expected):
    assert strideload.equivalent_cycles(LOADS, 3.0, k, COUNTS) == pytest.approx(expected)


def test_per_step_equals_histogram_and_weighted_peak():
    steps = np.repeat(LOADS, COUNTS.astype(int))
    assert strideload.stress_stimulus(steps) == pytest.approx(
        strideload.stress_stimulus(LOADS, COUNTS))
    assert strideload.cumulative_weighted_peak(steps, 7.0) == pytest.approx(
        10000 * 2.5 ** 7 + 1000 * 3.0 ** 7)


def test_bad_input_is_value_error():
    with pytest.raises(ValueError, match=r"loads\[1\]"):
        strideload.stress_stimulus(np.array([2.5, np.nan]))
    with pytest.raises(ValueError, match="counts"):
        strideload.stress_stimulus(LOADS, np.array([1.0]))
    with pytest.raises(ValueError, match="reference"):
        strideload.equivalent_cycles(LOADS, 0.0, 7.0)
    with pytest.raises(ValueError, match="loads"):
        strideload.stress_stimulus(np.ones((2, 2)))
