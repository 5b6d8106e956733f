"""Rankings, movement, the daily public table and the pace projection: small pure functions over query results."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from sangkien import fmt
from sangkien.analysis.filters import Filters
from sangkien.i18n import N_, t
from sangkien.store.reading import Dataset


@dataclass(frozen=True)
class Measure:
    key: str
    label_key: str  # catalogue keys: the texts follow the language of the run
    axis_key: str  # axis title and hover word
    percent: bool = False
    money: bool = False

    @property
    def label(self) -> str:
        return t(self.label_key)

    @property
    def unit(self) -> str:
        return t(self.axis_key)


MEASURES = {
    m.key: m
    for m in (
        Measure("initiatives", N_("rankings.measure_initiatives"), N_("rankings.unit_initiatives")),
        Measure("participants", N_("rankings.measure_participants"), N_("rankings.unit_participants")),
        Measure("pct_of_quota", N_("rankings.measure_pct_quota"), N_("rankings.measure_pct_quota"), percent=True),
        Measure(
            "pct_of_commitment",
            N_("rankings.measure_pct_commitment"),
            N_("rankings.measure_pct_commitment"),
            percent=True,
        ),
        Measure("per_100_members", N_("rankings.measure_per_100"), N_("rankings.unit_per_100")),
        Measure("benefit_vnd", N_("rankings.measure_benefit"), N_("rankings.unit_vnd"), money=True),
    )
}

LEVEL_NATIONAL = "national"


def ranking(
    ds: Dataset, parent_key: str | None, filters: Filters, measure: str = "initiatives", query=None
) -> pd.DataFrame:
    """The ranking of the units under ``parent_key`` (None: federations nationwide) by ``measure``.

    ``query`` runs a query (the pages pass their cached runner); ranks by the measure, ties shared (1, 2, 2, 4),
    units without a value last and unranked.
    """
    run = query or (lambda name, **p: ds.query(name, **p))
    params = filters.params()
    if parent_key is None:
        frame = run("ranking_federations", **params)
    else:
        frame = run("ranking_children", parent_key=parent_key, **params)
    return rank_by(frame, measure)


def rank_by(frame: pd.DataFrame, measure: str) -> pd.DataFrame:
    out = frame.copy()
    values = pd.to_numeric(out[measure], errors="coerce")
    out["rank"] = values.rank(method="min", ascending=False).astype("Int64")
    return out.sort_values(["rank", "unit"], na_position="last").reset_index(drop=True)


def movement(now: pd.DataFrame, before: pd.DataFrame) -> pd.Series:
    """'▲ 3' (up three places), '▼ 1', '=' or 'mới' (not ranked before), by unit_key."""
    previous = before.dropna(subset=["rank"]).set_index("unit_key")["rank"]

    def text(row) -> str:
        if pd.isna(row["rank"]):
            return ""
        if row["unit_key"] not in previous.index:
            return t("rankings.move_new")
        change = int(previous[row["unit_key"]]) - int(row["rank"])
        return "=" if change == 0 else (f"▲ {change}" if change > 0 else f"▼ {-change}")

    return now.apply(text, axis=1) if len(now) else pd.Series(dtype=object)


def daily_table(daily: pd.DataFrame, units: pd.DataFrame, day: dt.date) -> pd.DataFrame:
    """The table a federation posts to its units every day.

    ``daily``: unit_key, unit, day, initiatives (one row per unit and day); ``units``: unit_key, unit, quota
    (every unit to list, with or without submissions). For ``day``: the count that day, the last 7 days
    (day−6 … day), the total up to the day, % of quota, rank by total (ties shared) and its change since
    the day before (positive = up).
    """
    day = pd.Timestamp(day)
    d = daily.assign(day=pd.to_datetime(daily["day"]))
    upto = d[d["day"] <= day]

    def sums(mask: pd.Series) -> pd.Series:
        return upto[mask].groupby("unit_key")["initiatives"].sum()

    table = units[["unit_key", "unit", "quota"]].drop_duplicates("unit_key").set_index("unit_key")
    table["today"] = sums(upto["day"] == day)
    table["last_7_days"] = sums(upto["day"] > day - pd.Timedelta(days=7))
    table["total"] = sums(upto["day"] <= day)
    table["total_before"] = sums(upto["day"] < day)
    table = table.fillna({"today": 0, "last_7_days": 0, "total": 0, "total_before": 0})
    table["pct_of_quota"] = (100.0 * table["total"] / table["quota"].where(table["quota"] > 0)).round(1)
    table["rank"] = table["total"].rank(method="min", ascending=False).astype(int)
    before = table["total_before"].rank(method="min", ascending=False).astype(int)
    table["rank_change"] = before - table["rank"]
    cols = ["unit", "today", "last_7_days", "total", "quota", "pct_of_quota", "rank", "rank_change"]
    out = table.reset_index()[["unit_key", *cols]].sort_values(["rank", "unit"]).reset_index(drop=True)
    for c in ("today", "last_7_days", "total"):
        out[c] = out[c].astype(int)
    return out


def project_quota(daily: pd.DataFrame, quotas: pd.DataFrame, as_of: dt.date, window: int = 30) -> pd.DataFrame:
    """When each unit reaches its quota at the pace of the last ``window`` days, or the day it did.

    ``daily``: unit_key, day, initiatives; ``quotas``: unit_key, unit, quota. Returns unit_key, unit, total,
    quota, reached_on (the first day the running total met the quota), pace (per day over the window ending
    at ``as_of``), projected_on (as_of + ceil(remaining / pace)) and a sentence in the run's language.
    """
    as_of_ts = pd.Timestamp(as_of)
    d = daily.assign(day=pd.to_datetime(daily["day"]), initiatives=pd.to_numeric(daily["initiatives"]))
    d = d[d["day"] <= as_of_ts].sort_values(["unit_key", "day"], kind="stable")
    # per unit at once (a page may hold hundreds): totals, the window's sums, the day each quota was met
    by_unit = d.groupby("unit_key", sort=False)["initiatives"]
    totals = by_unit.sum()
    recent_sums = (
        d[d["day"] > as_of_ts - pd.Timedelta(days=window)].groupby("unit_key", sort=False)["initiatives"].sum()
    )
    goal = quotas.drop_duplicates("unit_key")[["unit_key", "quota"]]
    met = d.assign(running=by_unit.cumsum()).merge(goal.assign(quota=pd.to_numeric(goal["quota"])))
    first_met = met[met["running"] >= met["quota"]].groupby("unit_key", sort=False)["day"].min()
    rows = []
    for q in quotas.drop_duplicates("unit_key").itertuples(index=False):
        total = int(totals.get(q.unit_key, 0))
        recent_sum = int(recent_sums.get(q.unit_key, 0))
        pace = recent_sum / window
        quota = None if pd.isna(q.quota) else int(q.quota)
        reached_on = projected_on = None
        if quota is None or quota <= 0:
            text = t("rankings.quota_none")
        elif total >= quota:
            reached_on = first_met[q.unit_key].date()
            text = t("rankings.quota_reached", day=fmt.date(reached_on))
        elif pace == 0:
            text = t("rankings.quota_no_pace", days=fmt.num(window))
        else:
            # whole-number ceiling of remaining / (recent / window): no float rounding adds a day
            days = -(-(quota - total) * window // recent_sum)
            projected_on = (as_of_ts + pd.Timedelta(days=days)).date()
            text = t("rankings.quota_projected", day=fmt.date(projected_on))
        rows.append(
            {
                "unit_key": q.unit_key,
                "unit": q.unit,
                "total": total,
                "quota": quota,
                "reached_on": reached_on,
                "pace": round(float(pace), 2),
                "projected_on": projected_on,
                "status": text,
            }
        )
    return pd.DataFrame(
        rows, columns=["unit_key", "unit", "total", "quota", "reached_on", "pace", "projected_on", "status"]
    )
