"""The metric cards of the pages: headline figures, the campaign, the benefit estimate."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from sangkien import fmt, i18n
from sangkien.analysis.assumption_check import check_files
from sangkien.analysis.estimate_range import (
    DEFAULT_SHARE,
    Range,
    describe,
    for_scope,
    rows,
    with_share,
)
from sangkien.charts.estimate import assumption_range
from sangkien.i18n import t, tn
from sangkien.ingest import schema
from sangkien.store.reading import Dataset, open_dataset
from sangkien.ui import screen
from sangkien.ui.data import query
from sangkien.ui.widgets import delta


def headline_cards(h: dict, prev: dict | None) -> None:
    """Eight metric cards, each with its change since the previous version where it has one; the first
    three are what a leader asks first (count, national rank, % of quota), two per row on a phone."""
    with st.container(key="cards"):
        _headline_cards(h, prev)


def _headline_cards(h: dict, prev: dict | None) -> None:
    c = st.columns(4)
    c[0].metric(
        t("cards.valid_initiatives"),
        fmt.num(h["initiatives"]),
        delta(h, prev, "initiatives"),
        border=True,
        help=t("cards.valid_initiatives_help", count=fmt.num(h["initiatives_all_statuses"])),
    )
    c[1].metric(
        t("cards.national_rank"),
        f"{fmt.num(h['national_rank'])}/{fmt.num(h['national_count'])}" if h["national_rank"] else "–",
        delta(h, prev, "national_rank", rank=True),
        border=True,
    )
    c[2].metric(
        t("cards.pct_of_quota"),
        fmt.pct(h["pct_of_quota"]),
        delta(h, prev, kind="percent", key="pct_of_quota"),
        border=True,
        help=t("cards.pct_of_quota_help", quota=fmt.num(h["quota"])),
    )
    c[3].metric(
        t("cards.benefit"),
        fmt.money(h["benefit_total_vnd"]),
        delta(h, prev, kind="money", key="benefit_total_vnd"),
        border=True,
        help=t("cards.benefit_help", count=fmt.num(h["initiatives_with_benefit"])),
    )
    c = st.columns(4)
    c[0].metric(
        t("cards.pct_of_commitment"),
        fmt.pct(h["pct_of_commitment"]),
        delta(h, prev, kind="percent", key="pct_of_commitment"),
        border=True,
        help=t("cards.pct_of_commitment_help", commitment=fmt.num(h["commitment"])),
    )
    c[1].metric(t("cards.participants"), fmt.num(h["participants"]), delta(h, prev, "participants"), border=True)
    c[2].metric(
        t("cards.submissions"),
        fmt.num(h["initiatives_all_statuses"]),
        delta(h, prev, "initiatives_all_statuses"),
        border=True,
        help=t(
            "cards.submissions_help",
            review=fmt.num(h["initiatives_under_review"]),
            invalid=fmt.num(h["initiatives_invalid"]),
        ),
    )
    c[3].metric(
        t("cards.big_benefit", amount=fmt.money(schema.BIG_BENEFIT_VND)),
        fmt.num(h["initiatives_benefit_ge_3e9"]),
        delta(h, prev, "initiatives_benefit_ge_3e9"),
        border=True,
        help=t("cards.big_benefit_help", amount=fmt.money(h["benefit_max_vnd"])),
    )


def campaign_cards(ds: Dataset, periods: pd.DataFrame) -> None:
    """Initiatives inside the campaign against before it, with the daily rates."""
    by = periods.set_index("period")
    cols = st.columns(4)
    inside = by.loc["inside"] if "inside" in by.index else None
    before = by.loc["before"] if "before" in by.index else None
    cols[0].metric(
        t("cards.campaign_initiatives"),
        fmt.num(inside["initiatives"]) if inside is not None else "–",
        border=True,
        help=tn("cards.campaign_days", int(inside["days"])) if inside is not None else None,
    )
    cols[1].metric(
        t("cards.campaign_per_day"), fmt.num(inside["per_day"], 1) if inside is not None else "–", border=True
    )
    cols[2].metric(t("cards.before_per_day"), fmt.num(before["per_day"], 1) if before is not None else "–", border=True)
    ratio = (
        inside["per_day"] / before["per_day"]
        if inside is not None and before is not None and before["per_day"]
        else None
    )
    cols[3].metric(t("cards.pace_ratio"), t("cards.times", ratio=fmt.num(ratio, 1)) if ratio else "–", border=True)


def without_unit(ds: Dataset, h: dict) -> None:
    """The overview of a store that holds no initiatives, units or reported totals: what it has, what is missing."""
    st.title(t("cards.without_unit_title"))
    missing = ", ".join(schema.KINDS[k].label for k in h["missing"])
    st.info(t("cards.without_unit_info", version=ds.id, tables=missing))
    cards = []
    if h["contest"]:
        c = h["contest"]
        cards += [(t("cards.trades"), fmt.num(c["trades"])), (t("cards.winners"), fmt.num(c["winners"]))]
        cards += [(t("cards.prize_total"), fmt.money(c["prize_total_vnd"]))]
    if h["awards"]:
        cards.append((t("cards.awards"), fmt.num(sum(a["count"] or 0 for a in h["awards"]))))
    if h["works"]:
        cards.append((t("cards.works"), fmt.num(h["works"]["total"])))
    if h["opinions"]:
        cards.append((t("cards.opinions"), fmt.num(h["opinions"]["total"])))
    for col, (label, value) in zip(st.columns(max(len(cards), 1)), cards, strict=False):
        col.metric(label, value, border=True)


def benefit_estimate(ds: Dataset, params: dict, summary) -> None:
    """The benefit of the initiatives without a value as a range over stated assumptions, shown apart
    from the declared total, switchable off, the assumption checked against an earlier version."""
    missing = int(summary["initiatives"] - summary["with_value"])
    if not st.toggle(t("cards.estimate_toggle"), value=True, key="bn_estimate") or missing == 0:
        return
    key = tuple(sorted((k, str(v)) for k, v in params.items()))
    base = _range(str(ds.path), ds.id, key, i18n.lang(), ds, params)
    if base is None:
        st.info(t("cards.estimate_too_few"))
        return
    with st.container(border=True, key="bn_estimate_box"):
        heading = t("cards.estimate_heading", count=fmt.num(missing))
        st.markdown(f"**{heading}**")
        share = st.slider(
            t("cards.estimate_share"),
            0,
            100,
            round(DEFAULT_SHARE * 100),
            step=5,
            format="%d%%",
            key="bn_share",
        )
        r = with_share(base, share / 100)
        st.markdown(describe(r))
        screen.chart(
            screen.built(
                assumption_range,
                rows(r),
                t(
                    "cards.estimate_chart_title",
                    low=fmt.money(r.declared_total),
                    high=fmt.money(r.declared_total + r.spread[1]),
                ),
                t("cards.estimate_chart_subtitle"),
            ),
            key="bn_estimate_chart",
        )
        for a in r.assumptions:
            interval = f" (90%: {fmt.money(a.low)} – {fmt.money(a.high)})" if a.low is not None else ""
            item = t(
                "cards.estimate_item",
                label=a.label,
                sentence=a.sentence.rstrip("."),
                estimate=fmt.money(a.estimate),
                interval=interval,
            )
            st.markdown(item)
        st.caption(_checked(ds, params))
        with st.expander(t("cards.estimate_method")):
            st.caption(r.method)


def _checked(ds: Dataset, params: dict) -> str:
    """Whether the data could check the assumption: initiatives that gained a value since the version before."""
    if ds.previous is None:
        return t("cards.check_no_previous")
    older = open_dataset(ds.root, ds.previous)
    if not older.has("initiatives"):
        return t("cards.check_no_initiatives", version=ds.previous)
    check = _check(str(older.path), str(ds.path), tuple(sorted(params.items())))
    if check is None:
        return t("cards.check_too_few", version=ds.previous)
    return check.sentence(ds.previous)


@st.cache_data(show_spinner=False, max_entries=64)
def _check(earlier: str, later: str, params: tuple):
    """The assumption's check between two version files (immutable), once per pair and filters."""
    return check_files(Path(earlier), Path(later), dict(params))


@st.cache_data(show_spinner=False, max_entries=64)
def _range(path: str, version: str, key: tuple, lang: str, _ds: Dataset, _params: dict) -> Range | None:
    """The range once per version file, filters and language (its texts are in ``lang``)."""
    run = lambda name, **p: query(_ds, name, **p)  # noqa: E731
    return for_scope(run, _params["scope_key"], {k: v for k, v in _params.items() if k != "scope_key"})
