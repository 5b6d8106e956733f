"""Điểm nổi bật: the sentences a leader opens a conference with, written from the data.

Each function reads the frames the queries return and gives one ``Highlight`` — its sentence and
the section whose chart shows it — or None when the data cannot say it. Templates, no service.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from sangkien import fmt

# The section (of the overview, the report and its files) whose chart shows each highlight.
SECTIONS = {
    "leader": "rankings",
    "risers": "since",
    "behind": "progress",
    "benefit": "benefits",
    "honours": "contests",
}


@dataclass(frozen=True)
class Highlight:
    key: str
    text: str

    @property
    def section(self) -> str:
        return SECTIONS[self.key]


def leader(national: pd.DataFrame, home_key: str | None) -> Highlight | None:
    """Who leads the country, and where the home unit stands."""
    ranked = national.dropna(subset=["rank"]).sort_values("rank") if len(national) else national
    if ranked.empty:
        return None
    top = ranked.iloc[0]
    text = f"{top['unit']} dẫn đầu toàn quốc với {fmt.num(top['initiatives'])} sáng kiến"
    mine = ranked[ranked["unit_key"] == home_key]
    if len(mine) and mine.iloc[0]["unit_key"] != top["unit_key"]:
        m = mine.iloc[0]
        text += f"; {m['unit']} xếp thứ {fmt.num(m['rank'])}/{fmt.num(len(ranked))} với {fmt.num(m['initiatives'])}"
    elif len(mine):
        second = ranked.iloc[1] if len(ranked) > 1 else None
        if second is not None:
            text += f", hơn {second['unit']} {fmt.num(top['initiatives'] - second['initiatives'])} sáng kiến"
    return Highlight("leader", text + ".")


def risers(diff: pd.DataFrame, since_label: str) -> Highlight | None:
    """Who added most since the last report, and who climbed most places."""
    if diff.empty or not diff["new_initiatives"].fillna(0).gt(0).any():
        return None
    most = diff.sort_values(["new_initiatives", "unit"], ascending=[False, True]).iloc[0]
    text = f"Từ {since_label}, {most['unit']} tăng nhiều nhất: thêm {fmt.num(most['new_initiatives'])} sáng kiến"
    moved = diff.dropna(subset=["rank_change"])
    moved = moved[moved["rank_change"] > 0]
    if len(moved):
        up = moved.sort_values(["rank_change", "new_initiatives"], ascending=[False, False]).iloc[0]
        if up["unit_key"] == most["unit_key"]:
            text += f", lên {fmt.num(up['rank_change'])} bậc, đứng thứ {fmt.num(up['rank'])}"
        else:
            text += (
                f"; {up['unit']} lên nhiều bậc nhất: {fmt.num(up['rank_change'])} bậc, đứng thứ {fmt.num(up['rank'])}"
            )
    return Highlight("risers", text + ".")


def behind(projection: pd.DataFrame, deadline: dt.date | None, where: str) -> Highlight | None:
    """Units under their quota that their last 30 days' pace does not bring there by the deadline."""
    with_quota = projection[projection["quota"].notna() & (projection["quota"] > 0)] if len(projection) else projection
    if with_quota.empty:
        return None
    under = with_quota[with_quota["total"] < with_quota["quota"]]
    if under.empty:
        return Highlight("behind", f"Cả {fmt.num(len(with_quota))} đơn vị trực thuộc {where} đã đạt chỉ tiêu giao.")
    if deadline is not None:
        late = under[under["projected_on"].isna() | (pd.to_datetime(under["projected_on"]) > pd.Timestamp(deadline))]
    else:
        late = under
    gap = (late["quota"] - late["total"]).sort_values(ascending=False)
    names = late.loc[gap.index, "unit"].tolist()
    shown = ", ".join(names[:3]) + (f" và {fmt.num(len(names) - 3)} đơn vị khác" if len(names) > 3 else "")
    if late.empty:
        return Highlight(
            "behind",
            f"{fmt.num(len(under))} đơn vị trực thuộc {where} chưa đạt chỉ tiêu giao, "
            f"nhưng theo nhịp 30 ngày gần nhất sẽ đạt trước {fmt.date(deadline)}.",
        )
    pace = f" và theo nhịp 30 ngày gần nhất sẽ không kịp trước {fmt.date(deadline)}" if deadline is not None else ""
    return Highlight(
        "behind",
        f"{fmt.num(len(late))}/{fmt.num(len(with_quota))} đơn vị trực thuộc {where} chưa đạt chỉ tiêu giao{pace}: {shown}.",
    )


def benefit(top: pd.DataFrame, total_vnd: object, with_value: object) -> Highlight | None:
    """The declared total and the largest single benefit."""
    if top.empty or pd.isna(top["benefit_vnd"].iloc[0]):
        return None
    t = top.iloc[0]
    return Highlight(
        "benefit",
        f"Giá trị làm lợi tự kê khai {fmt.money(total_vnd)} từ {fmt.num(with_value)} sáng kiến; "
        f"lớn nhất là “{t['title']}” ({t['unit']}), {fmt.money(t['benefit_vnd'])}.",
    )


def honours(contest: dict | None, awarded: int | None) -> Highlight | None:
    """The contest's and the awards' totals."""
    parts = []
    if contest:
        parts.append(
            f"Hội thi có {fmt.num(contest['trades'])} nghề, {fmt.num(contest['winners'])} thí sinh đạt giải "
            f"với tổng tiền thưởng {fmt.money(contest['prize_total_vnd'])}"
        )
    if awarded:
        parts.append(f"{fmt.num(awarded)} tập thể, cá nhân được khen thưởng")
    if not parts:
        return None
    text = "; ".join(parts)
    return Highlight("honours", text[:1].upper() + text[1:] + ".")
