"""Many athletes over a ``dask.distributed`` cluster.

When to use it: a club or a platform with more athletes than one process should handle, or
per-athlete work heavy enough that several machines (or several cores, as separate processes)
pay for the data they have to be sent. :func:`fitness_fatigue_many` splits an athlete x day
load into chunks of athletes, sends each chunk to a worker (``client.scatter``), runs
:func:`strideload.fitness_fatigue` there and puts the pieces back together: the result is the
one :func:`strideload.fitness_fatigue` returns for the whole input, value for value.
:func:`map_athletes` does the same for any function of a chunk of athletes.

The same code runs on a laptop and on a cluster: pass a ``client``, or the ``address`` of any
scheduler (``"tcp://host:8786"``), or nothing, and a ``LocalCluster`` of ``n_workers``
single-threaded worker processes is started for the call and closed afterwards (the tests do
this). Workers are separate Python processes: they must be able to ``import strideload`` (on a
LocalCluster they inherit ``PYTHONPATH`` and ``sys.path``; on a remote cluster install
strideload there).

Is it faster? Only when the work per athlete outweighs moving its data. fitness_fatigue itself
is a few nanoseconds per athlete-day, far less than sending 8 bytes in and 24 bytes out through
a socket, so for it alone one process (:func:`strideload.fitness_fatigue` on a 2-D array, which
releases the GIL) is faster on one machine; distribute it when the athletes do not fit one
machine, or when each chunk carries heavier work (:func:`map_athletes`).
``bench/bench_recovery.py`` measures both cases.

``import strideload.dask`` (it is not imported by ``import strideload``: it needs
``dask.distributed``).
"""

from __future__ import annotations

import contextlib
import inspect
import logging
import math
import re
from typing import Any, Callable, Iterator, List, Optional, Tuple

import numpy as np
import pandas as pd
from distributed import Client, LocalCluster

from .recovery import fitness_fatigue

__all__ = ["fitness_fatigue_many", "map_athletes"]

#: Chunks per worker thread when chunk_athletes is not given: a few, so that a slow worker or a
#: late one does not hold up the end, and each chunk is still large.
CHUNKS_PER_THREAD = 4

_ROW_IN_MESSAGE = re.compile(r"^load\[(\d+), ")


def _check_count(name: str, value, allow_none: bool = True) -> Optional[int]:
    if value is None and allow_none:
        return None
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)) \
            or value < 1:
        raise ValueError(f"{name}: expected a whole number >= 1, got {value!r}")
    return int(value)


def _athlete_count(loads) -> int:
    """Athletes in a 2-D array (rows) or a DataFrame (columns); ValueError otherwise."""
    if isinstance(loads, pd.DataFrame):
        return loads.shape[1]
    if isinstance(loads, np.ndarray):
        if loads.ndim != 2:
            raise ValueError(f"loads: expected a 2-D athlete x day array, got {loads.ndim} "
                             "dimension(s)")
        return loads.shape[0]
    raise ValueError(f"loads: expected a 2-D athlete x day numpy array or a DataFrame with one "
                     f"column per athlete, got {type(loads).__name__}")


def _chunks(loads, size: int) -> List[Tuple[int, Any]]:
    """(first athlete, chunk) pairs of at most ``size`` athletes, in order."""
    n = _athlete_count(loads)
    if isinstance(loads, pd.DataFrame):
        return [(i, loads.iloc[:, i:i + size]) for i in range(0, n, size)]
    return [(i, loads[i:i + size]) for i in range(0, n, size)]


@contextlib.contextmanager
def _connect(client: Optional[Client], address: Optional[str],
             n_workers: Optional[int]) -> Iterator[Client]:
    """The given client, a client of ``address`` (closed after), or a LocalCluster (closed
    after)."""
    if client is not None:
        yield client
        return
    if address is not None:
        with Client(address) as own:
            yield own
        return
    with LocalCluster(n_workers=n_workers or 2, threads_per_worker=1, processes=True,
                      dashboard_address=":0", silence_logs=logging.ERROR) as cluster, \
            Client(cluster) as own:
        yield own


def _map(func: Callable, loads, client, address, n_workers, chunk_athletes, kwargs,
         with_offset: bool) -> list:
    if client is not None and address is not None:
        raise ValueError("client, address: give one of them, not both")
    if client is not None and not isinstance(client, Client):
        raise ValueError(f"client: expected a distributed.Client, got {type(client).__name__}")
    if address is not None and not isinstance(address, str):
        raise ValueError(f"address: expected a scheduler address such as "
                         f"'tcp://host:8786', got {address!r}")
    n_workers = _check_count("n_workers", n_workers)
    chunk_athletes = _check_count("chunk_athletes", chunk_athletes)
    if n_workers is not None and (client is not None or address is not None):
        raise ValueError("n_workers: only used for the LocalCluster started without a client "
                         "or address")
    n = _athlete_count(loads)
    if n == 0:
        raise ValueError("loads: no athletes")
    with _connect(client, address, n_workers) as c:
        if chunk_athletes is None:
            threads = max(1, sum(c.nthreads().values()))
            chunk_athletes = max(1, math.ceil(n / (CHUNKS_PER_THREAD * threads)))
        parts = _chunks(loads, chunk_athletes)
        data = c.scatter([chunk for _, chunk in parts], hash=False)
        if with_offset:
            futures = c.map(func, data, [first for first, _ in parts], pure=False, **kwargs)
        else:
            futures = c.map(func, data, pure=False, **kwargs)
        try:
            return c.gather(futures)
        finally:
            for future in futures + data:  # the cluster may be shared: free its memory now
                future.release()


def map_athletes(func: Callable, loads, *, client: Optional[Client] = None,
                 address: Optional[str] = None, n_workers: Optional[int] = None,
                 chunk_athletes: Optional[int] = None, **kwargs) -> list:
    """Apply a function to chunks of athletes on a dask.distributed cluster.

    The athletes are split in order into chunks of ``chunk_athletes``; each chunk is sent to a
    worker once (``client.scatter``) and ``func(chunk, **kwargs)`` runs there. Chunks are
    processed in any order and the results come back in athlete order.

    Parameters
    ----------
    func : callable
        ``func(chunk, **kwargs)``, where ``chunk`` is a 2-D array of some athletes' rows or a
        DataFrame of some athletes' columns. It runs in a worker process: it must be picklable
        (a module-level function, or anything cloudpickle handles) and what it imports must be
        importable there.
    loads : numpy.ndarray or pandas.DataFrame
        A 2-D athlete x day array (one athlete per row) or a DataFrame with one column per
        athlete.
    client : distributed.Client, optional
        The cluster to use. Not closed.
    address : str, optional
        A scheduler's address (``"tcp://host:8786"``) to connect to when no client is given;
        the connection is closed afterwards, the cluster is left running.
    n_workers : int, optional
        Without a client or address: worker processes of the LocalCluster started for this
        call (one thread each; default 2), closed afterwards.
    chunk_athletes : int, optional
        Athletes per chunk, >= 1. Default: the athletes spread over 4 chunks per worker
        thread.
    **kwargs
        Passed to every call of ``func``.

    Returns
    -------
    list
        ``func``'s result for each chunk, in athlete order.

    Raises
    ------
    ValueError
        For loads that are not a 2-D array or a DataFrame, no athletes, a chunk size or worker
        count below 1, both ``client`` and ``address``, or ``n_workers`` with either.
        Exceptions raised by ``func`` on a worker are raised here.
    """
    if not callable(func):
        raise ValueError(f"func: expected a callable, got {type(func).__name__}")
    return _map(func, loads, client, address, n_workers, chunk_athletes, kwargs,
                with_offset=False)


def _fitness_fatigue_chunk(chunk, first: int, **conventions):
    """strideload.fitness_fatigue of one chunk; a bad load is reported by its athlete's row in
    the whole input, not in the chunk."""
    try:
        return fitness_fatigue(chunk, **conventions)
    except ValueError as e:
        message = str(e)
        match = _ROW_IN_MESSAGE.match(message)
        if match is None:
            raise
        row = int(match.group(1)) + first
        raise ValueError(f"load[{row}, " + message[match.end():]) from None


def fitness_fatigue_many(load, *, client: Optional[Client] = None,
                         address: Optional[str] = None, n_workers: Optional[int] = None,
                         chunk_athletes: Optional[int] = None, **conventions):
    """Fitness, fatigue and form of many athletes, computed on a dask.distributed cluster.

    The same numbers as :func:`strideload.fitness_fatigue` of the whole input, in the same
    form; the athletes are split into chunks that workers compute independently (each
    athlete's days stay together: the recurrences run along days).

    Parameters
    ----------
    load : numpy.ndarray or pandas.DataFrame
        Daily load: a 2-D athlete x day array (one athlete per row, day 0 first), or a
        DataFrame indexed by day with one column per athlete. Finite, >= 0.
    client : distributed.Client, optional
        The cluster to use. Not closed.
    address : str, optional
        A scheduler's address (``"tcp://host:8786"``) to connect to when no client is given;
        the connection is closed afterwards, the cluster is left running.
    n_workers : int, optional
        Without a client or address: worker processes of the LocalCluster started for this
        call (one thread each; default 2), closed afterwards.
    chunk_athletes : int, optional
        Athletes per chunk, >= 1. Default: the athletes spread over 4 chunks per worker
        thread.
    **conventions
        The keywords of :func:`strideload.fitness_fatigue` (``fitness_tau_days``,
        ``fatigue_tau_days``, ``decay``, ``form_today``, ``seed_fitness``, ``seed_fatigue``,
        ``ramp_days``).

    Returns
    -------
    tuple of numpy.ndarray or pandas.DataFrame
        For an array: ``(fitness, fatigue, form)``, each shaped like ``load``. For a DataFrame:
        columns ``(quantity, athlete)`` (a MultiIndex; ``result["form"]`` is one column per
        athlete) on the load's index.

    Raises
    ------
    ValueError
        For a load that is not a 2-D array or a DataFrame, no athletes, an unknown keyword or
        an option out of range (checked before any work is sent), a negative or non-finite
        load (named as ``load[athlete, day]`` in the whole input), a DataFrame that skips a
        calendar day, or a bad ``client``, ``address``, ``n_workers`` or ``chunk_athletes``.
    """
    known = inspect.signature(fitness_fatigue).parameters
    unknown = sorted(set(conventions) - (set(known) - {"load"}))
    if unknown:
        raise ValueError(f"{unknown[0]}: unknown keyword (expected one of "
                         f"{', '.join(k for k in known if k != 'load')})")
    if _athlete_count(load) > 0:
        # The options and a DataFrame's days are checked here, on no athletes, before a
        # cluster is started or any data is sent.
        fitness_fatigue(load[:0] if isinstance(load, np.ndarray) else load.iloc[:, :0],
                        **conventions)
    pieces = _map(_fitness_fatigue_chunk, load, client, address, n_workers, chunk_athletes,
                  conventions, with_offset=True)
    if isinstance(load, pd.DataFrame):
        parts = {name: pd.concat([p[name] for p in pieces], axis=1)
                 for name in ("fitness", "fatigue", "form")}
        return pd.concat(parts, axis=1)
    return tuple(np.concatenate([p[i] for p in pieces], axis=0) for i in range(3))
