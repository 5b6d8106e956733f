"""The bar-chart race: who leads at each moment, from the rows, without inventing values.

One frame a week over the period of the rows (every two weeks, or more, when a week a frame
would exceed ``MAX_FRAMES``); each frame holds every unit's running total on the last day it had
one. The units kept are the leaders of the last frame, so that frames × units stays within
``MAX_POINTS`` and the chart stays quick in a browser.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable

import pandas as pd

from sangkien.analysis.filters import Filters

MAX_FRAMES = 110
MAX_POINTS = 10_000


def step_days(first: dt.date, last: dt.date) -> int:
    """A week, or the smallest multiple of it that keeps the frames within MAX_FRAMES."""
    span = max((last - first).days, 0)
    weeks = 1
    while math.ceil(span / (7 * weeks)) + 1 > MAX_FRAMES:
        weeks += 1
    return 7 * weeks


def race_frames(run: Callable[..., pd.DataFrame], parent_key: str, filters: Filters, first: dt.date, last: dt.date):
    """(frame_day, unit_key, unit, cumulative, rank) of the units under ``parent_key``, one frame per step."""
    frame = run("race_children", parent_key=parent_key, step_days=step_days(first, last), **filters.params())
    if frame.empty:
        return frame.assign(rank=pd.Series(dtype="int64"))
    days = frame["frame_day"].nunique()
    keep = max(1, MAX_POINTS // days)
    final = frame[frame["frame_day"] == frame["frame_day"].max()].nlargest(keep, "cumulative")
    frame = frame[frame["unit_key"].isin(final["unit_key"])].copy()
    frame["rank"] = frame.groupby("frame_day")["cumulative"].rank(method="first", ascending=False).astype("int64")
    return frame.sort_values(["frame_day", "rank"]).reset_index(drop=True)
