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
FRAME_COLUMNS = {
    "frame_day": "datetime64[ns]",
    "unit_key": "object",
    "unit": "object",
    "cumulative": "int64",
    "rank": "int64",
}


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


def national_frames(history: pd.DataFrame, rows: Callable[[list], pd.DataFrame], top: int = 10) -> pd.DataFrame:
    """The national race: one frame per reported as-of date, nothing invented between them.

    ``history``: (unit_key, unit, as_of, initiatives), the federations' reported totals from every
    version up to the one presented. A federation's bar on a frame day is its last report on or
    before that day (it enters at its first report); a federation with rows is counted from its
    rows on that day instead (``rows(days)`` → unit_key, unit, frame_day, cumulative), as the
    ranking counts it. Returns (frame_day, unit_key, unit, cumulative, rank) like ``race_frames``.
    """
    empty = pd.DataFrame({c: pd.Series(dtype=t) for c, t in FRAME_COLUMNS.items()})
    if history.empty:
        return empty
    history = history.assign(as_of=pd.to_datetime(history["as_of"]))
    days = sorted(history["as_of"].unique())[-MAX_FRAMES:]
    wide = history.pivot_table(index="as_of", columns="unit_key", values="initiatives", aggfunc="max")
    wide = wide.reindex(days).ffill()  # the last report stands until the next; before the first, no bar
    reported = wide.stack().rename("cumulative").reset_index().rename(columns={"as_of": "frame_day"})
    names = history.drop_duplicates("unit_key", keep="last").set_index("unit_key")["unit"]
    reported["unit"] = reported["unit_key"].map(names)
    counted = rows([pd.Timestamp(d).date() for d in days])
    if not counted.empty:
        counted = counted.assign(frame_day=pd.to_datetime(counted["frame_day"]))
        reported = reported[~reported["unit_key"].isin(counted["unit_key"])]
        reported = pd.concat([reported, counted[list(reported.columns)]], ignore_index=True)
    frame = reported.dropna(subset=["cumulative"])
    frame = frame.assign(cumulative=frame["cumulative"].astype("int64"))
    keep = max(top, MAX_POINTS // max(len(days), 1))
    final = frame[frame["frame_day"] == frame["frame_day"].max()].nlargest(keep, "cumulative")
    frame = frame[frame["unit_key"].isin(final["unit_key"])].copy()
    frame["rank"] = frame.groupby("frame_day")["cumulative"].rank(method="first", ascending=False).astype("int64")
    return frame[list(FRAME_COLUMNS)].sort_values(["frame_day", "rank"]).reset_index(drop=True)
