"""The one reading of a daily series that every recovery function shares (private).

A daily series is a pandas Series on a DatetimeIndex (one value per calendar day, at the same
time of day, in increasing order; days missing from the index are rest days and come back as
rows of 0), a Series on the integer index 0..n-1 (day numbers), or a 1-D array with day 0
first.
"""

from __future__ import annotations

from typing import Optional, Tuple

import numpy as np
import pandas as pd

_DAY = np.timedelta64(1, "D")


def daily_values(x, name: str = "load") -> Tuple[np.ndarray, Optional[pd.Index]]:
    """(contiguous float64 values, the daily index to put back or None for day numbers).

    Raises ValueError naming ``name`` for a DataFrame, a repeated or decreasing day, days at
    different times of day, any other index, or more than one dimension.
    """
    if isinstance(x, pd.DataFrame):
        raise ValueError(f"{name}: a DataFrame; pass one column (a Series) of daily values")
    if not isinstance(x, pd.Series):
        try:
            values = np.asarray(x, dtype=np.float64)
        except (TypeError, ValueError) as e:
            raise ValueError(f"{name}: not numeric ({e})") from None
        if values.ndim != 1:
            raise ValueError(f"{name}: must be 1-D (one value per day), got {values.ndim}-D")
        return np.ascontiguousarray(values), None
    index = x.index
    values = x.to_numpy(dtype=np.float64, na_value=np.nan)
    if not isinstance(index, pd.DatetimeIndex):
        if not index.equals(pd.RangeIndex(len(x))):
            raise ValueError(f"{name}: a Series needs a daily DatetimeIndex or the integer index "
                             "0..n-1 (day numbers)")
        return np.ascontiguousarray(values), index
    if len(index) == 0:
        return values, index
    if index.hasnans:
        raise ValueError(f"{name}: the DatetimeIndex has NaT")
    wall = index.tz_localize(None) if index.tz is not None else index
    steps = np.diff(wall.values)
    if (steps < _DAY).any():
        i = int(np.flatnonzero(steps < _DAY)[0])
        raise ValueError(f"{name}: {wall[i]} is followed by {wall[i + 1]}: the dates must "
                         "increase with no day more than once (sum a day's sessions first, e.g. "
                         "x.resample('D').sum())")
    if (steps == _DAY).all():
        return np.ascontiguousarray(values), index
    full = pd.date_range(index[0], index[-1], freq="D", name=index.name)
    if not index.isin(full).all():
        raise ValueError(f"{name}: the days are at different times of day; give one value per "
                         "calendar day (e.g. x.resample('D').sum())")
    filled = pd.Series(values, index=index).reindex(full, fill_value=0.0)
    return np.ascontiguousarray(filled.to_numpy(dtype=np.float64)), full
