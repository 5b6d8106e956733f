"""Since the last report: per unit, what changed between two rankings (two versions or two dates).

Both frames are ranking frames (``unit_key``, ``unit``, ``initiatives``, ``benefit_vnd``, ``rank``,
``quota``, ``pct_of_quota``). A unit that was not in the earlier report counts from zero.
"""

from __future__ import annotations

import pandas as pd

COLUMNS = [
    "unit_key",
    "unit",
    "initiatives",
    "new_initiatives",
    "benefit_vnd",
    "benefit_added_vnd",
    "rank_before",
    "rank",
    "rank_change",
    "pct_of_quota",
    "reached_quota",
]


def compare(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """One row per unit of ``after``, most new initiatives first.

    ``rank_change`` is positive when the unit rose (rank 5 → 3 is +2) and empty when it had no
    rank before; ``reached_quota`` is true for a unit at or over its quota now that was under it
    (or absent) before.
    """
    if after.empty:
        return pd.DataFrame(columns=COLUMNS)
    old = (
        before.set_index("unit_key") if not before.empty else pd.DataFrame(columns=after.columns).set_index("unit_key")
    )
    out = after[["unit_key", "unit", "initiatives", "benefit_vnd", "rank", "pct_of_quota"]].copy()
    prev_n = out["unit_key"].map(old["initiatives"]).astype("Float64")
    prev_b = out["unit_key"].map(old["benefit_vnd"]).astype("Float64")
    prev_rank = out["unit_key"].map(old["rank"]).astype("Float64")
    prev_pct = out["unit_key"].map(old["pct_of_quota"]).astype("Float64")
    now_n = out["initiatives"].astype("Float64")
    out["new_initiatives"] = (now_n.fillna(0) - prev_n.fillna(0)).astype("Int64")
    out["benefit_added_vnd"] = (out["benefit_vnd"].astype("Float64").fillna(0) - prev_b.fillna(0)).astype(float)
    out["rank_before"] = prev_rank.astype("Int64")
    out["rank"] = out["rank"].astype("Float64").astype("Int64")
    out["rank_change"] = (prev_rank - out["rank"].astype("Float64")).astype("Int64")
    now_pct = out["pct_of_quota"].astype("Float64")
    out["reached_quota"] = ((now_pct >= 100) & ~(prev_pct >= 100).fillna(False)).fillna(False).astype(bool)
    out = out.sort_values(["new_initiatives", "unit"], ascending=[False, True], kind="stable")
    return out[COLUMNS].reset_index(drop=True)


def totals(diff: pd.DataFrame) -> dict:
    """The whole comparison in four numbers."""
    return {
        "units": len(diff),
        "new_initiatives": int(diff["new_initiatives"].fillna(0).sum()) if len(diff) else 0,
        "benefit_added_vnd": float(diff["benefit_added_vnd"].fillna(0).sum()) if len(diff) else 0.0,
        "reached_quota": diff.loc[diff["reached_quota"], "unit"].tolist() if len(diff) else [],
    }
