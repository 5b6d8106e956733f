"""The finding each chart states as its title, in words, from the frames the queries return.

No Streamlit: pages, reports and slides say the same sentences.
"""

from __future__ import annotations

import pandas as pd

from sangkien import columns, fmt
from sangkien.i18n import t
from sangkien.ingest import schema


def overview_title(h: dict) -> str:
    """The overview's finding: the unit's initiatives, and its national rank where it has one."""
    count = fmt.num(h["initiatives"])
    if h["national_rank"]:
        return t("overview.title_ranked", unit=h["unit"], count=count, rank=fmt.num(h["national_rank"]))
    return t("overview.title", unit=h["unit"], count=count)


def ranking_title(frame: pd.DataFrame, measure, home: str | None, where: str) -> str:
    """The finding: where the home unit stands, or who leads."""
    if frame.empty or frame[measure.key].isna().all():
        return t("findings.ranking_empty", where=where)
    value = _measure_text(measure)
    mine = frame[frame["unit_key"] == home]
    if len(mine) and not pd.isna(mine["rank"].iloc[0]):
        r = mine.iloc[0]
        return t(
            "findings.ranking_home",
            unit=r["unit"],
            rank=fmt.num(r["rank"]),
            count=fmt.num(frame["rank"].notna().sum()),
            value=value(r[measure.key]),
        )
    top = frame.iloc[0]
    return t("findings.ranking_leader", unit=top["unit"], where=where, value=value(top[measure.key]))


def _measure_text(measure):
    if measure.percent:
        return lambda v: fmt.pct(v, 1 if v < 100 else 0)
    if measure.money:
        return fmt.money
    return lambda v: f"{fmt.num(v, 1 if measure.key == 'per_100_members' else 0)} {measure.unit}"


def progress_title(targets: pd.DataFrame, cumulative: pd.DataFrame) -> str:
    """How many of the units shown have reached their quota."""
    last = cumulative.groupby("unit_key")["cumulative"].max()
    with_quota = targets.dropna(subset=["quota"])
    done = [r.unit for r in with_quota.itertuples() if last.get(r.unit_key, 0) >= r.quota]
    if with_quota.empty:
        return t("findings.progress_empty")
    return t("findings.progress_reached", done=fmt.num(len(done)), total=fmt.num(len(with_quota)))


def works_title(levels: pd.DataFrame) -> str:
    """``levels``: the table of ``tables.work_levels`` (its headers in the language of the run)."""
    works, level, flag = columns.label("works"), columns.label("level"), columns.label("flagship")
    parts = [f"{fmt.num(r[works])} {r[level].lower()}" for _, r in levels.iterrows()]
    flagship = int(levels[flag].sum())
    if not flagship:
        return ", ".join(parts)
    return t("findings.works_flagship", works=", ".join(parts), flagship=fmt.num(flagship))


def opinions_title(opinions: pd.DataFrame) -> str:
    by = opinions.groupby("channel")["opinions"].sum()
    parts = [t("findings.opinions_channel", count=fmt.num(n), channel=schema.channel_label(ch)) for ch, n in by.items()]
    answered = int(opinions.loc[opinions["answered"], "opinions"].sum())
    return t("findings.opinions_answered", opinions=", ".join(parts), answered=fmt.num(answered))


def race_title(frames: pd.DataFrame) -> str:
    """Who leads at the end of the race, and since which frame without a break."""
    if frames.empty:
        return t("findings.race_empty")
    leaders = frames[frames["rank"] == 1].sort_values("frame_day")
    leader = leaders["unit_key"].iloc[-1]
    lost = leaders[leaders["unit_key"] != leader]["frame_day"]
    since = leaders[leaders["frame_day"] > lost.max()] if len(lost) else leaders
    name = leaders["unit"].iloc[-1]
    return t("findings.race_leader", unit=name, day=fmt.date(pd.Timestamp(since["frame_day"].iloc[0]).date()))
