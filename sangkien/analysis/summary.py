"""Headline figures of one union: what a leader looks at first, and what `summary --json` prints."""

from __future__ import annotations

import math

import pandas as pd

from sangkien.analysis.filters import Filters
from sangkien.i18n import t
from sangkien.ingest.normalize import unit_key
from sangkien.store.reading import Dataset


class UnitNotFound(LookupError):
    """No home unit set and none inferable, or an unknown --unit; carries the candidates."""

    def __init__(self, message: str, candidates: list[str]):
        super().__init__(message)
        self.candidates = candidates


def _py(value: object) -> object:
    """numpy / pandas scalars -> plain JSON values; NaN, NA and NaT -> None."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return value


def _pct(value: object) -> float | None:
    value = _py(value)
    return None if value is None else float(value)


def _first(frame: pd.DataFrame, column: str) -> object:
    values = frame[column].dropna() if column in frame else []
    return _py(values.iloc[0]) if len(values) else None


def federation_candidates(ds: Dataset) -> list[str]:
    frame = ds.query("ranking_federations", **Filters().params())
    return frame["unit"].tolist()


def resolve_unit(ds: Dataset, name: str | None) -> str:
    """The display name of --unit NAME or of the home unit."""
    target = name or ds.home_unit
    if not target:
        raise UnitNotFound(
            t("overview.no_home_unit"),
            federation_candidates(ds) if ds.has("reported_totals") or ds.has("initiatives") else [],
        )
    found = ds.query("unit_lookup", unit_key=unit_key(target))
    if found.empty:
        raise UnitNotFound(t("overview.unit_not_found", unit=target), federation_candidates(ds))
    return str(found["name"].dropna().iloc[0]) if found["name"].notna().any() else target


def pct(count: object, base: object) -> float | None:
    if count is None or base in (None, 0):
        return None
    return round(100.0 * float(count) / float(base), 1)


def unit_level(lookup: pd.DataFrame) -> str | None:
    for source in ("units", "reported_totals", "initiatives"):
        levels = lookup.loc[lookup["source"] == source, "level"].dropna()
        if len(levels):
            return str(levels.iloc[0])
    return None


def ranking_for(
    ds: Dataset, key: str, level: str | None, parent_key: str | None, filters: Filters | None = None
) -> tuple[pd.DataFrame, str]:
    """The unit's peers: federations for a federation, siblings under the same parent otherwise."""
    params = (filters or Filters()).params()
    if level == "federation" or (level is None and parent_key is None):
        return ds.query("ranking_federations", **params), "federation"
    return ds.query("ranking_children", parent_key=parent_key, **params), "children"


UNIT_KINDS = ("initiatives", "units", "reported_totals")  # the tables that can name a unit's figures


def headline(ds: Dataset, unit: str | None = None, filters: Filters | None = None) -> dict:
    """The headline figures of ``unit`` (default: the home unit) under the filters' period, status and field.

    A store holding none of the unit tables (only contest results, awards, works, opinions or
    campaigns) answers with those totals and ``unit: None`` rather than failing on the home unit.
    """
    filters = filters or Filters()
    if unit is None and not any(ds.has(k) for k in UNIT_KINDS):
        return _without_unit(ds)
    name = resolve_unit(ds, unit)
    key = unit_key(name)
    lookup = ds.query("unit_lookup", unit_key=key)
    level = unit_level(lookup)
    parent_key = _first(lookup, "parent_key")
    counts = ds.query("unit_headline", unit_key=key, **filters.params()).iloc[0]
    # A unit with loaded rows is counted from them even when the filters leave none (then 0).
    has_rows = bool(ds.has("initiatives") and (lookup["source"] == "initiatives").any())
    reported = lookup[lookup["source"] == "reported_totals"]
    own = lookup[lookup["source"] == "units"]
    commitment = _first(own, "commitment") or _first(reported, "commitment")
    quota = _first(own, "quota") or _first(reported, "quota")

    ranking, scope = ranking_for(ds, key, level, parent_key, filters)
    me = ranking[ranking["unit_key"] == key]
    if has_rows:
        initiatives = _py(counts["initiatives"])
    else:
        initiatives = _first(me, "initiatives")
    # Peers' reported totals cannot be cut by period or field: no national rank under such a filter.
    comparable = not (filters.start or filters.end or filters.field)
    national_rank = _first(me, "rank") if scope == "federation" and not me.empty and comparable else None

    return {
        "unit": name,
        "level": level,
        "version": ds.id,
        "source": "rows" if has_rows else ("reported" if initiatives is not None else None),
        "initiatives": initiatives,
        "initiatives_all_statuses": _py(counts["initiatives_all_statuses"]) if has_rows else None,
        "initiatives_under_review": _py(counts["initiatives_under_review"]) if has_rows else None,
        "initiatives_invalid": _py(counts["initiatives_invalid"]) if has_rows else None,
        "participants": (
            _py(counts["participants"]) if has_rows and counts["with_authors"] else _first(reported, "participants")
        ),
        "commitment": commitment,
        "quota": quota,
        "pct_of_quota": pct(initiatives, quota),
        "pct_of_commitment": pct(initiatives, commitment),
        "national_rank": national_rank,
        "national_count": int(len(ranking)) if scope == "federation" else None,
        "benefit_total_vnd": _py(counts["benefit_total_vnd"]) if has_rows else None,
        "benefit_max_vnd": _py(counts["benefit_max_vnd"]) if has_rows else None,
        "initiatives_with_benefit": _py(counts["with_benefit"]) if has_rows else None,
        "initiatives_benefit_ge_3e9": _py(counts["initiatives_benefit_ge_3e9"]) if has_rows else None,
        "last_submitted_on": _py(counts["last_submitted_on"]) if has_rows else None,
        "contest": contest_totals(ds),
        "awards": _awards(ds),
        "works": works_totals(ds),
        "opinions": opinions_totals(ds),
        "campaign": campaign(ds),
        "missing": [k for k in UNIT_KINDS if not ds.has(k)],
        "ranking": [
            {
                "unit": _py(r.unit),
                "initiatives": _py(r.initiatives),
                "quota": _py(r.quota),
                "pct_of_quota": _pct(r.pct_of_quota),
                "rank": _py(r.rank),
                "source": r.source,
            }
            for r in ranking.itertuples()
        ],
    }


def _without_unit(ds: Dataset) -> dict:
    counts = (
        "initiatives initiatives_all_statuses initiatives_under_review initiatives_invalid participants commitment"
        " quota pct_of_quota pct_of_commitment national_rank national_count benefit_total_vnd benefit_max_vnd"
        " initiatives_with_benefit initiatives_benefit_ge_3e9 last_submitted_on"
    ).split()
    return {
        "unit": None,
        "level": None,
        "version": ds.id,
        "source": None,
        **dict.fromkeys(counts),
        "contest": contest_totals(ds),
        "awards": _awards(ds),
        "works": works_totals(ds),
        "opinions": opinions_totals(ds),
        "campaign": campaign(ds),
        "ranking": [],
        "missing": [k for k in UNIT_KINDS if not ds.has(k)],
    }


def contest_totals(ds: Dataset) -> dict | None:
    if not ds.has("contest_results"):
        return None
    row = ds.query("contest_totals").iloc[0]
    return {k: _py(row[k]) for k in ("trades", "contestants", "winners", "prize_total_vnd")}


def _awards(ds: Dataset) -> list[dict] | None:
    if not ds.has("awards"):
        return None
    frame = ds.query("awards_counts")
    return [
        {
            "body": _py(r.body),
            "programme": _py(r.programme),
            "recipient_type": _py(r.recipient_type),
            "count": _py(r.count),
            "amount_vnd": _py(r.amount_vnd),
        }
        for r in frame.itertuples()
    ]


def works_totals(ds: Dataset) -> dict | None:
    if not ds.has("works"):
        return None
    row = ds.query("works_counts").iloc[0]
    return {k: _py(row[k]) for k in ("grassroots", "upper_level", "flagship", "total")}


def opinions_totals(ds: Dataset) -> dict | None:
    if not ds.has("opinions"):
        return None
    row = ds.query("opinions_counts").iloc[0]
    return {k: _py(row[k]) for k in ("written", "direct", "answered", "total")}


def campaign(ds: Dataset) -> dict | None:
    if not ds.has("campaigns"):
        return None
    frame = ds.query("campaigns")
    if frame.empty:
        return None
    r = frame.iloc[-1]
    return {
        "name": _py(r["name"]),
        "start": _py(r["start"]),
        "end": _py(r["end"]),
        "days": _py(r["days"]),
        "span_days": _py(r["span_days"]),
    }
