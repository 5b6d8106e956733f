"""The finding each chart states as its title, in words, from the frames the queries return.

No Streamlit: pages, reports and slides say the same sentences.
"""

from __future__ import annotations

import pandas as pd

from sangkien import fmt


def ranking_title(frame: pd.DataFrame, measure, home: str | None, where: str) -> str:
    """The finding: where the home unit stands, or who leads."""
    if frame.empty or frame[measure.key].isna().all():
        return f"Xếp hạng · {where}"
    value = _measure_text(measure)
    mine = frame[frame["unit_key"] == home]
    if len(mine) and not pd.isna(mine["rank"].iloc[0]):
        r = mine.iloc[0]
        return (
            f"{r['unit']} xếp thứ {fmt.num(r['rank'])}/{fmt.num(frame['rank'].notna().sum())} "
            f"với {value(r[measure.key])}"
        )
    top = frame.iloc[0]
    return f"{top['unit']} dẫn đầu {where} với {value(top[measure.key])}"


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
        return "Sáng kiến lũy kế theo thời gian"
    return f"{fmt.num(len(done))}/{fmt.num(len(with_quota))} đơn vị đã đạt chỉ tiêu giao"


def works_title(levels: pd.DataFrame) -> str:
    parts = [f"{fmt.num(r['Công trình, phần việc'])} {r['Cấp'].lower()}" for _, r in levels.iterrows()]
    flagship = int(levels["Gắn biển"].sum())
    return ", ".join(parts) + (f"; {fmt.num(flagship)} công trình gắn biển" if flagship else "")


def opinions_title(opinions: pd.DataFrame) -> str:
    by = opinions.groupby("channel")["opinions"].sum()
    parts = [f"{fmt.num(n)} ý kiến {ch}" for ch, n in by.items()]
    answered = int(opinions.loc[opinions["answered"], "opinions"].sum())
    return ", ".join(parts) + f"; {fmt.num(answered)} đã được trả lời"


def race_title(frames: pd.DataFrame) -> str:
    """Who leads at the end of the race, and since which frame without a break."""
    if frames.empty:
        return "Cuộc đua sáng kiến"
    leaders = frames[frames["rank"] == 1].sort_values("frame_day")
    leader = leaders["unit_key"].iloc[-1]
    lost = leaders[leaders["unit_key"] != leader]["frame_day"]
    since = leaders[leaders["frame_day"] > lost.max()] if len(lost) else leaders
    name = leaders["unit"].iloc[-1]
    return f"{name} dẫn đầu từ {fmt.date(pd.Timestamp(since['frame_day'].iloc[0]).date())}"
