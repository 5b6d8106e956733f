"""Điểm nổi bật: the sentences a leader opens a conference with, written from the data.

Each function reads the frames the queries return and gives one ``Highlight`` — its sentence and
the section whose chart shows it — or None when the data cannot say it. Templates, no service.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from sangkien import fmt
from sangkien.i18n import t, tn

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
    text = tn("highlights.leader", int(top["initiatives"]), unit=top["unit"])
    mine = ranked[ranked["unit_key"] == home_key]
    if len(mine) and mine.iloc[0]["unit_key"] != top["unit_key"]:
        m = mine.iloc[0]
        text += t(
            "highlights.leader_home",
            unit=m["unit"],
            rank=fmt.num(m["rank"]),
            units=fmt.num(len(ranked)),
            initiatives=fmt.num(m["initiatives"]),
        )
    elif len(mine):
        second = ranked.iloc[1] if len(ranked) > 1 else None
        if second is not None:
            ahead = int(top["initiatives"] - second["initiatives"])
            text += tn("highlights.leader_ahead", ahead, unit=second["unit"])
    return Highlight("leader", text + ".")


def risers(diff: pd.DataFrame, since_label: str) -> Highlight | None:
    """Who added most since the last report, and who climbed most places."""
    if diff.empty or not diff["new_initiatives"].fillna(0).gt(0).any():
        return None
    most = diff.sort_values(["new_initiatives", "unit"], ascending=[False, True]).iloc[0]
    text = tn("highlights.risers", int(most["new_initiatives"]), since=since_label, unit=most["unit"])
    moved = diff.dropna(subset=["rank_change"])
    moved = moved[moved["rank_change"] > 0]
    if len(moved):
        up = moved.sort_values(["rank_change", "new_initiatives"], ascending=[False, False]).iloc[0]
        places, rank = int(up["rank_change"]), fmt.num(up["rank"])
        if up["unit_key"] == most["unit_key"]:
            text += tn("highlights.risers_climbed", places, rank=rank)
        else:
            text += tn("highlights.risers_climbed_most", places, unit=up["unit"], rank=rank)
    return Highlight("risers", text + ".")


def behind(projection: pd.DataFrame, deadline: dt.date | None, where: str) -> Highlight | None:
    """Units under their quota that their last 30 days' pace does not bring there by the deadline."""
    with_quota = projection[projection["quota"].notna() & (projection["quota"] > 0)] if len(projection) else projection
    if with_quota.empty:
        return None
    under = with_quota[with_quota["total"] < with_quota["quota"]]
    if under.empty:
        return Highlight("behind", tn("highlights.behind_none", len(with_quota), where=where))
    if deadline is not None:
        late = under[under["projected_on"].isna() | (pd.to_datetime(under["projected_on"]) > pd.Timestamp(deadline))]
    else:
        late = under
    gap = (late["quota"] - late["total"]).sort_values(ascending=False)
    names = late.loc[gap.index, "unit"].tolist()
    shown = ", ".join(names[:3]) + (tn("highlights.behind_others", len(names) - 3) if len(names) > 3 else "")
    if late.empty:
        return Highlight(
            "behind", tn("highlights.behind_in_time", len(under), where=where, deadline=fmt.date(deadline))
        )
    pace = t("highlights.behind_pace", deadline=fmt.date(deadline)) if deadline is not None else ""
    return Highlight(
        "behind",
        tn("highlights.behind", len(late), total=fmt.num(len(with_quota)), where=where, pace=pace, units=shown),
    )


def benefit(top: pd.DataFrame, total_vnd: object, with_value: object) -> Highlight | None:
    """The declared total and the largest single benefit."""
    if top.empty or pd.isna(top["benefit_vnd"].iloc[0]):
        return None
    first = top.iloc[0]
    return Highlight(
        "benefit",
        tn(
            "highlights.benefit",
            0 if pd.isna(with_value) else int(with_value),
            total=fmt.money(total_vnd),
            title=first["title"],
            unit=first["unit"],
            largest=fmt.money(first["benefit_vnd"]),
        ),
    )


def honours(contest: dict | None, awarded: int | None) -> Highlight | None:
    """The contest's and the awards' totals."""
    parts = []
    if contest:
        parts.append(
            t(
                "highlights.honours_contest",
                trades=fmt.num(contest["trades"]),
                winners=fmt.num(contest["winners"]),
                prizes=fmt.money(contest["prize_total_vnd"]),
            )
        )
    if awarded:
        parts.append(tn("highlights.honours_awards", int(awarded)))
    if not parts:
        return None
    text = "; ".join(parts)
    return Highlight("honours", text[:1].upper() + text[1:] + ".")
