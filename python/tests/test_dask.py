"""strideload.dask: athletes mapped over a dask.distributed cluster (LocalCluster, 2 worker
processes), checked against the single-process strideload.fitness_fatigue value for value and
against GoldenCheetah's PMC fixture (research notes load-recovery.md section 2a: 100 a day on
days 1-6 after a rest day 0, then rest).

dask and distributed are dependencies (deps.sh): if they are missing this module fails to
import, and the suite fails; it does not skip.
"""

import inspect
import logging
import os

import numpy as np
import pandas as pd
import pytest
from distributed import Client, LocalCluster

import strideload
import strideload.dask as sdask

from docstrings import documented

# tornado (Debian 12) under distributed 2022.12 warns on every event loop it starts.
pytestmark = pytest.mark.filterwarnings("ignore:make_current is deprecated:DeprecationWarning")

# GoldenCheetah PMC fixture (load-recovery.md 2a): day -> (CTL, ATL, TSB of the default
# "yesterday" form).
GC_LOAD = [0.0, 100.0, 100.0, 100.0, 100.0, 100.0, 100.0, 0.0, 0.0, 0.0]
GC_FIXTURE = {1: (2.352831, 13.312210, 0.0), 2: (4.650305, 24.852271, -10.959379),
              3: (6.893722, 34.856094, -20.201966), 5: (11.223447, 51.045834, -34.443832),
              6: (13.312210, 57.562715, -39.822387), 7: (12.998996, 49.899846, -44.250505),
              9: (12.394503, 37.498601, -30.563922)}
GC_ROW = 7  # the fixture athlete's row: in the third chunk of 3, computed on a worker


@pytest.fixture(scope="module")
def cluster():
    # distributed logs every connection and task at INFO; keep the test output to warnings.
    logger = logging.getLogger("distributed")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                          dashboard_address=":0", silence_logs=logging.ERROR) as c:
            yield c
    finally:
        logger.setLevel(level)


@pytest.fixture(scope="module")
def client(cluster):
    with Client(cluster) as c:
        yield c


def loads(athletes=13, days=400, seed=7):
    """Non-negative daily loads with rest days (about one in four), GoldenCheetah's fixture
    in row GC_ROW (padded with rest days)."""
    rng = np.random.default_rng(seed)
    x = rng.gamma(2.0, 40.0, size=(athletes, days))
    x[rng.random((athletes, days)) < 0.25] = 0.0
    if athletes > GC_ROW:
        x[GC_ROW] = 0.0
        x[GC_ROW, :len(GC_LOAD)] = GC_LOAD
    return x


def check_gc_fixture(fitness, fatigue, form):
    for day, (ctl, atl, tsb) in GC_FIXTURE.items():
        assert fitness[day] == pytest.approx(ctl, abs=1e-6)
        assert fatigue[day] == pytest.approx(atl, abs=1e-6)
        assert form[day] == pytest.approx(tsb, abs=1e-6)


def test_workers_are_other_processes_importing_the_same_strideload(client):
    files = client.run(lambda: strideload.__file__)
    pids = client.run(os.getpid)
    assert len(files) == 2
    assert set(files.values()) == {strideload.__file__}
    assert os.getpid() not in pids.values() and len(set(pids.values())) == 2


@pytest.mark.parametrize("chunk_athletes", [None, 1, 3, 4, 13, 50])
def test_array_equals_single_process_and_gc_fixture(client, chunk_athletes):
    x = loads()
    many = sdask.fitness_fatigue_many(x, client=client, chunk_athletes=chunk_athletes)
    one = strideload.fitness_fatigue(x)
    assert isinstance(many, tuple) and len(many) == 3
    for got, want in zip(many, one):
        assert got.shape == x.shape and got.dtype == np.float64
        np.testing.assert_array_equal(got, want)
    check_gc_fixture(*(m[GC_ROW] for m in many))


def test_conventions_reach_the_workers(client):
    x = loads(athletes=6, days=120, seed=3)
    conventions = dict(fitness_tau_days=30.0, fatigue_tau_days=5.0, decay="reciprocal",
                       form_today=True, seed_fitness=40.0, seed_fatigue=55.0)
    many = sdask.fitness_fatigue_many(x, client=client, chunk_athletes=4, **conventions)
    one = strideload.fitness_fatigue(x, **conventions)
    for got, want in zip(many, one):
        np.testing.assert_array_equal(got, want)
    # Reciprocal decay, seeds, form of today: day 0 by hand, not by the code under test.
    f0 = 40.0 + (x[0, 0] - 40.0) / 30.0
    a0 = 55.0 + (x[0, 0] - 55.0) / 5.0
    assert many[0][0, 0] == pytest.approx(f0, rel=1e-14)
    assert many[1][0, 0] == pytest.approx(a0, rel=1e-14)
    assert many[2][0, 0] == pytest.approx(f0 - a0, rel=1e-12)
    # And they differ from the defaults' (the keywords were not dropped on the way).
    assert not np.allclose(many[0], strideload.fitness_fatigue(x)[0])


def test_dataframe_equals_single_process(client):
    x = loads()
    frame = pd.DataFrame(x.T, index=pd.date_range("2023-01-01", periods=x.shape[1], freq="D",
                                                  name="date"),
                         columns=pd.Index([f"runner{i:02d}" for i in range(len(x))],
                                          name="athlete"))
    many = sdask.fitness_fatigue_many(frame, client=client, chunk_athletes=3)
    one = strideload.fitness_fatigue(frame)
    pd.testing.assert_frame_equal(many, one, check_exact=True)
    assert list(dict.fromkeys(many.columns.get_level_values(0))) == ["fitness", "fatigue",
                                                                     "form"]
    name = f"runner{GC_ROW:02d}"
    check_gc_fixture(many["fitness"][name].to_numpy(), many["fatigue"][name].to_numpy(),
                     many["form"][name].to_numpy())


def test_address_of_a_running_scheduler(cluster):
    x = loads(athletes=9, days=60, seed=11)
    many = sdask.fitness_fatigue_many(x, address=cluster.scheduler_address, chunk_athletes=2)
    for got, want in zip(many, strideload.fitness_fatigue(x)):
        np.testing.assert_array_equal(got, want)
    # The cluster outlives the call: only the connection was closed.
    with Client(cluster.scheduler_address) as c:
        assert len(c.nthreads()) == 2


def test_local_cluster_started_and_closed_for_the_call():
    x = loads(athletes=5, days=50, seed=5)
    many = sdask.fitness_fatigue_many(x, n_workers=1)
    for got, want in zip(many, strideload.fitness_fatigue(x)):
        np.testing.assert_array_equal(got, want)


def test_map_athletes_chunks_in_order(client):
    x = loads(athletes=10, days=30, seed=1)
    shapes = sdask.map_athletes(np.shape, x, client=client, chunk_athletes=4)
    assert shapes == [(4, 30), (4, 30), (2, 30)]
    sums = sdask.map_athletes(np.sum, x, client=client, chunk_athletes=3, axis=1)
    np.testing.assert_array_equal(np.concatenate(sums), x.sum(axis=1))
    frame = pd.DataFrame(x.T, columns=[f"a{i}" for i in range(10)])
    parts = sdask.map_athletes(pd.DataFrame.max, frame, client=client, chunk_athletes=4)
    pd.testing.assert_series_equal(pd.concat(parts), frame.max())


def test_map_athletes_default_chunks_are_a_few_per_worker(client):
    x = np.zeros((100, 2))
    sizes = sdask.map_athletes(len, x, client=client)
    # 2 workers x 1 thread x CHUNKS_PER_THREAD chunks.
    assert sum(sizes) == 100
    assert len(sizes) == 2 * sdask.CHUNKS_PER_THREAD


def test_bad_load_names_the_athlete_in_the_whole_input(client):
    x = loads(athletes=10, days=30, seed=2)
    x[8, 17] = -1.0
    with pytest.raises(ValueError, match=r"load\[8, 17\]"):
        sdask.fitness_fatigue_many(x, client=client, chunk_athletes=3)
    x[8, 17] = np.nan
    with pytest.raises(ValueError, match=r"load\[8, 17\]"):
        sdask.fitness_fatigue_many(x, client=client, chunk_athletes=4)


@pytest.mark.parametrize("load, field", [
    (np.zeros(10), "loads"),                   # one series: use strideload.fitness_fatigue
    (np.zeros((2, 3, 4)), "loads"),
    (pd.Series([1.0, 2.0]), "loads"),
    ([[1.0, 2.0]], "loads"),
    (np.zeros((0, 10)), "loads"),              # no athletes
])
def test_bad_load_shape(client, load, field):
    with pytest.raises(ValueError, match=field):
        sdask.fitness_fatigue_many(load, client=client)


@pytest.mark.parametrize("kwargs, field", [
    (dict(chunk_athletes=0), "chunk_athletes"),
    (dict(chunk_athletes=2.5), "chunk_athletes"),
    (dict(chunk_athletes=True), "chunk_athletes"),
    (dict(n_workers=0), "n_workers"),
    (dict(fitness_tau_days=0.5), "fitness_tau_days"),
    (dict(seed_fatigue=-1.0), "seed_fatigue"),
    (dict(decay="linear"), "decay"),
    (dict(fitness_tau=42.0), "fitness_tau"),   # unknown keyword
])
def test_bad_option(kwargs, field):
    # Checked before a cluster is started (no client given: none would be needed).
    with pytest.raises(ValueError, match=field):
        sdask.fitness_fatigue_many(np.ones((3, 5)), **kwargs)


def test_bad_connection_arguments(client, cluster):
    x = np.ones((3, 5))
    with pytest.raises(ValueError, match="client, address"):
        sdask.fitness_fatigue_many(x, client=client, address=cluster.scheduler_address)
    with pytest.raises(ValueError, match="n_workers"):
        sdask.fitness_fatigue_many(x, client=client, n_workers=2)
    with pytest.raises(ValueError, match="client"):
        sdask.fitness_fatigue_many(x, client="tcp://127.0.0.1:8786")
    with pytest.raises(ValueError, match="address"):
        sdask.map_athletes(len, x, address=8786)
    with pytest.raises(ValueError, match="func"):
        sdask.map_athletes("len", x, client=client)


def test_dataframe_that_skips_a_day(client):
    days = pd.DatetimeIndex(["2024-01-01", "2024-01-02", "2024-01-04"])
    frame = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [0.0, 1.0, 0.0]}, index=days)
    with pytest.raises(ValueError, match="calendar day"):
        sdask.fitness_fatigue_many(frame, client=client)


@pytest.mark.parametrize("function", [sdask.fitness_fatigue_many, sdask.map_athletes])
def test_every_parameter_is_documented(function):
    parameters = set(inspect.signature(function).parameters)
    assert documented(function.__doc__) == parameters
    for section in ("Parameters", "Returns", "Raises"):
        assert f"\n{section}\n" in inspect.cleandoc(function.__doc__)
