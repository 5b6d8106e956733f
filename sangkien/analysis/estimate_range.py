"""The benefit of the initiatives without a declared value, as a range over stated assumptions.

What decides the figure is not the sampling spread but what one assumes the missing initiatives are
worth: those with no declared value are often the ones whose benefit is not money. So the estimate
is given under four assumptions, each in one sentence, each with the sampling interval it has:

- ``like_declared``: worth what declared initiatives of the same field are worth on average (the
  bootstrap estimate of ``estimate.estimate_missing``);
- ``median``: worth the median declared value of the field — a typical initiative, not the mean a
  few large ones pull up (its 90% interval from the order statistics around the median);
- ``share``: worth a share (set by the user, 25% by default) of the declared average of the field;
- ``none``: worth nothing in money.

The declared total is never changed; totals "with the estimate" are declared + estimate, apart.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from sangkien import fmt
from sangkien.analysis.estimate import LEVEL, MIN_OWN, NoDeclaredValues, estimate_missing
from sangkien.i18n import t

DEFAULT_SHARE = 0.25
NO_FIELD_GROUP = "Chưa ghi lĩnh vực"  # the group of initiatives without a field (an internal name)
Z = 1.6448536269514722  # the normal quantile of a two-sided 90% interval
KEYS = ("like_declared", "median", "share", "none")


@dataclass(frozen=True)
class Assumption:
    key: str
    label: str  # short, for a chart's axis
    sentence: str  # the assumption in one sentence (the run's language), named wherever its figure goes
    estimate: float  # đồng, for the initiatives without a value
    low: float | None  # the 90% sampling interval under this assumption (None: no sampling at all)
    high: float | None

    def with_declared(self, declared_total: float) -> float:
        return declared_total + self.estimate


@dataclass(frozen=True)
class Range:
    declared_total: float
    declared_n: int
    missing_n: int
    share: float
    assumptions: list[Assumption]
    method: str = ""  # how the first assumption's figure and interval are computed

    def by_key(self, key: str) -> Assumption:
        return next(a for a in self.assumptions if a.key == key)

    @property
    def spread(self) -> tuple[float, float]:
        """The lowest and highest estimate over the assumptions."""
        values = [a.estimate for a in self.assumptions]
        return min(values), max(values)

    def as_json(self) -> dict:
        return {
            "declared_total_vnd": self.declared_total,
            "declared_initiatives": self.declared_n,
            "initiatives_without_value": self.missing_n,
            "share": self.share,
            "assumptions": [
                {
                    "key": a.key,
                    "assumption": a.sentence,
                    "estimate_vnd": round(a.estimate),
                    "low_vnd": None if a.low is None else round(a.low),
                    "high_vnd": None if a.high is None else round(a.high),
                    "declared_plus_estimate_vnd": round(a.with_declared(self.declared_total)),
                }
                for a in self.assumptions
            ],
        }


def median_estimate(declared: pd.DataFrame, missing: pd.DataFrame) -> tuple[float, float, float]:
    """Each missing initiative at its field's median declared value (all values where a field has
    fewer than MIN_OWN); the 90% interval from the order statistics that bracket each median."""
    values = pd.to_numeric(declared["benefit_vnd"], errors="coerce")
    frame = pd.DataFrame({"field": declared["field"].fillna(""), "v": values}).dropna()
    counts = missing.assign(field=missing["field"].fillna("")).groupby("field")["n"].sum()
    pooled = np.sort(frame["v"].to_numpy(float))
    groups = {f: np.sort(g.to_numpy(float)) for f, g in frame.groupby("field")["v"]}
    point = low = high = 0.0
    for field, m in counts.items():
        if m <= 0:
            continue
        sample = groups.get(field)
        if sample is None or sample.size < MIN_OWN:
            sample = pooled
        mid, lo, hi = _median_bounds(sample)
        point, low, high = point + m * mid, low + m * lo, high + m * hi
    return point, low, high


def _median_bounds(sorted_values: np.ndarray) -> tuple[float, float, float]:
    n = sorted_values.size
    half = Z * np.sqrt(n) / 2
    lo = int(max(0, np.floor(n / 2 - half)))
    hi = int(min(n - 1, np.ceil(n / 2 + half) - 1))
    return float(np.median(sorted_values)), float(sorted_values[lo]), float(sorted_values[hi])


def estimate_range(
    declared: pd.DataFrame, missing: pd.DataFrame, share: float = DEFAULT_SHARE, n_boot: int = 1000, seed: int = 0
) -> Range:
    """``declared``: field, benefit_vnd per initiative with a value; ``missing``: field, n per field.

    Raises ``NoDeclaredValues`` (its message in the run's language) when too few values are declared to stand for the rest.
    """
    if not 0 <= share <= 1:
        raise ValueError(t("estimate.error_share"))
    like = estimate_missing(declared, missing, n_boot=n_boot, seed=seed)
    mid, mid_low, mid_high = median_estimate(declared, missing)
    values = pd.to_numeric(declared["benefit_vnd"], errors="coerce").dropna()
    missing_n = int(pd.to_numeric(missing["n"], errors="coerce").fillna(0).sum())
    assumptions = [
        Assumption(
            "like_declared",
            t("estimate.like_label"),
            t("estimate.like_sentence"),
            like.total,
            like.low,
            like.high,
        ),
        Assumption(
            "median",
            t("estimate.median_label"),
            t("estimate.median_sentence"),
            mid,
            mid_low,
            mid_high,
        ),
        _share(share, like.total, like.low, like.high),
        Assumption(
            "none",
            t("estimate.none_label"),
            t("estimate.none_sentence"),
            0.0,
            None,
            None,
        ),
    ]
    return Range(float(values.sum()), int(values.size), missing_n, share, assumptions, like.method)


def _share(share: float, total: float, low: float, high: float) -> Assumption:
    pct = fmt.pct(share * 100)
    return Assumption(
        "share",
        t("estimate.share_label", pct=pct),
        t("estimate.share_sentence", pct=pct),
        share * total,
        share * low,
        share * high,
    )


def with_share(r: Range, share: float) -> Range:
    """The same range with the user's share (the other assumptions do not depend on it)."""
    like = r.by_key("like_declared")
    shared = _share(share, like.estimate, like.low, like.high)
    return replace(r, share=share, assumptions=[shared if a.key == "share" else a for a in r.assumptions])


def for_scope(
    run, scope_key: str | None, params: dict, share: float = DEFAULT_SHARE, n_boot: int = 1000
) -> Range | None:
    """The range for the initiatives of ``scope_key`` under the filter ``params``; None with no estimate."""
    values = run("benefit_values", scope_key=scope_key, **params)
    fields = run("benefit_by_field", scope_key=scope_key, **params)
    # Initiatives without a field (NULL on both sides) are one group, under a name of its own that sorts
    # where the group always sorted: the replicates are drawn field by field in name order from one
    # seeded stream, so the group's place decides the figures. The name is never shown.
    fields = fields.assign(field=fields["field"].fillna(NO_FIELD_GROUP))
    values = values.assign(field=values["field"].fillna(NO_FIELD_GROUP))
    try:
        return estimate_range(values, fields.rename(columns={"without_value": "n"})[["field", "n"]], share, n_boot)
    except NoDeclaredValues:
        return None


def rows(r: Range) -> pd.DataFrame:
    """One row per assumption: label, its sentence, declared, estimate, low, high, declared + estimate."""
    return pd.DataFrame(
        {
            "label": [a.label for a in r.assumptions],
            "assumption": [a.sentence for a in r.assumptions],
            "declared": [r.declared_total] * len(r.assumptions),
            "estimate": [a.estimate for a in r.assumptions],
            "low": [a.low for a in r.assumptions],
            "high": [a.high for a in r.assumptions],
            "with_declared": [a.with_declared(r.declared_total) for a in r.assumptions],
        }
    ).astype({"low": float, "high": float})


def describe(r: Range) -> str:
    """One sentence that never quotes an estimate without its assumption: the range and what decides it."""
    low, high = r.spread
    like, mid = r.by_key("like_declared"), r.by_key("median")
    return t(
        "estimate.describe",
        declared=fmt.money(r.declared_total),
        missing=fmt.num(r.missing_n),
        low=fmt.money(low),
        high=fmt.money(high),
        typical=fmt.money(mid.estimate),
        level=fmt.pct(LEVEL * 100),
        like_low=fmt.money(like.low),
        like_high=fmt.money(like.high),
    )


@dataclass(frozen=True)
class Check:
    """Initiatives that gained a value between two versions, against those declared from the start."""

    late_n: int
    early_n: int
    late_mean: float
    early_mean: float
    late_median: float
    early_median: float

    @property
    def ratio(self) -> float:
        return self.late_mean / self.early_mean if self.early_mean else float("nan")

    def sentence(self, earlier: str) -> str:
        verdict = (
            t("estimate.check_too_high")
            if self.ratio < 0.8
            else (t("estimate.check_too_low") if self.ratio > 1.25 else t("estimate.check_matches"))
        )
        return t(
            "estimate.check",
            late_n=fmt.num(self.late_n),
            earlier=earlier,
            late_mean=fmt.money(self.late_mean),
            late_median=fmt.money(self.late_median),
            ratio=fmt.num(self.ratio * 100),
            early_n=fmt.num(self.early_n),
            early_mean=fmt.money(self.early_mean),
            verdict=verdict,
        )


def check_assumption(earlier: pd.DataFrame, later: pd.DataFrame) -> Check | None:
    """``earlier``/``later``: id, benefit_vnd of two versions. None when fewer than MIN_OWN gained a value."""
    both = earlier[["id", "benefit_vnd"]].merge(later[["id", "benefit_vnd"]], on="id", suffixes=("_then", "_now"))
    then = pd.to_numeric(both["benefit_vnd_then"], errors="coerce")
    now = pd.to_numeric(both["benefit_vnd_now"], errors="coerce")
    late, early = now[then.isna() & now.notna()], then[then.notna()]
    if late.size < MIN_OWN or early.size < MIN_OWN:
        return None
    return Check(
        int(late.size),
        int(early.size),
        float(late.mean()),
        float(early.mean()),
        float(late.median()),
        float(early.median()),
    )
