"""The overview's four charts (national ranking, progress to quota, benefit by unit, prizes by trade),
each with its sentence as title, or a notice when its data is empty; the page only lays them out."""

from __future__ import annotations

import streamlit as st

from sangkien import fmt
from sangkien.analysis.filters import Filters
from sangkien.charts import bars, progress
from sangkien.i18n import t
from sangkien.store.reading import Dataset
from sangkien.ui import data, screen, widgets


def ranking_chart(ds: Dataset, flt: Filters, h: dict, home: str) -> None:
    national = data.query(ds, "ranking_federations", **flt.params())
    if national.empty:
        widgets.empty_notice(t(widgets.WHAT_UNITS))
        return
    title = t("overview.rank_title", rank=fmt.num(h["national_rank"]), count=fmt.num(len(national)))
    fig = screen.built(bars.ranking_bar, national, home, title, t("overview.rank_subtitle"), top=12)
    screen.chart(fig, key="ov_rank")


def progress_chart(ds: Dataset, flt: Filters, h: dict, home: str) -> None:
    daily = data.query(ds, "progress_cumulative", unit_keys=[home], **flt.params())
    if daily.empty:
        widgets.empty_notice(t(widgets.WHAT_INITIATIVES))
        return
    title = t("overview.progress_title", quota=fmt.pct(h["pct_of_quota"]), commitment=fmt.pct(h["pct_of_commitment"]))
    fig = screen.built(
        progress.cumulative_progress,
        daily,
        h["quota"],
        h["commitment"],
        h["campaign"],
        title=title,
        subtitle=t("overview.progress_subtitle"),
    )
    screen.chart(fig, key="ov_progress")


def benefit_chart(ds: Dataset, flt: Filters, h: dict, home: str) -> None:
    children = data.query(ds, "ranking_children", parent_key=home, **flt.params())
    if not children["benefit_vnd"].notna().any():
        widgets.empty_notice(t(widgets.WHAT_WITH_BENEFIT))
        return
    top = children.sort_values("benefit_vnd", ascending=False).iloc[0]
    title = t("overview.benefit_title", total=fmt.money(h["benefit_total_vnd"]), unit=top["unit"])
    fig = screen.built(
        bars.value_bars,
        children,
        "unit",
        "benefit_vnd",
        title,
        t("overview.benefit_subtitle"),
        t("widgets.vnd"),
        money=True,
        top=10,
    )
    screen.chart(fig, key="ov_benefit")


def contest_chart(ds: Dataset, h: dict) -> None:
    if not ds.has("contest_results"):
        st.info(t("overview.no_contest"))
        return
    c = h["contest"]
    title = t(
        "overview.contest_title",
        trades=fmt.num(c["trades"]),
        winners=fmt.num(c["winners"]),
        prizes=fmt.money(c["prize_total_vnd"]),
    )
    trades = data.query(ds, "contest_by_trade", contest=None)
    fig = screen.built(
        bars.value_bars,
        trades,
        "trade",
        "prize_total_vnd",
        title,
        t("overview.contest_subtitle"),
        t("widgets.vnd"),
        money=True,
        top=11,
    )
    screen.chart(fig, key="ov_contest")
