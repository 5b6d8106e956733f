"""Tổng quan: where the home federation stands, at a glance."""

import streamlit as st

from sangkien import fmt
from sangkien.analysis.summary import UnitNotFound
from sangkien.charts import bars, progress
from sangkien.i18n import t
from sangkien.ingest.normalize import unit_key
from sangkien.ui import cards, data, filters, report, screen, widgets

widgets.ensure_navigation()

ds = data.dataset()
if ds is None:
    st.info(t("overview.no_data"))
    st.stop()
flt = filters.sidebar(ds)
try:
    h = data.cached_headline(ds, None, flt)
except UnitNotFound as exc:
    st.warning(t("overview.choose_home", error=str(exc)))
    st.stop()
if h["unit"] is None:
    cards.without_unit(ds, h)
    st.stop()
prev = data.previous_headline(ds, None, flt)
home = unit_key(h["unit"])

if h["national_rank"]:
    title = t(
        "overview.title_ranked", unit=h["unit"], count=fmt.num(h["initiatives"]), rank=fmt.num(h["national_rank"])
    )
else:
    title = t("overview.title", unit=h["unit"], count=fmt.num(h["initiatives"]))
st.title(title)
filters.filter_line(flt, ds)
if prev:
    st.caption(t("overview.arrows", version=prev["version"]))
widgets.demo_badge(ds, "initiatives", "units", "reported_totals")
cards.headline_cards(h, prev)
src = report.source(ds, flt)
with st.container(key="page_notes"):  # on a phone the highlights follow the first chart (app.css)
    report.highlights(src, report.chosen_since(ds, h["last_submitted_on"]))

with st.container():  # one chart per row: names and axes stay readable from 1024 px up
    national = data.query(ds, "ranking_federations", **flt.params())
    if national.empty:
        widgets.empty_notice(t(widgets.WHAT_UNITS))
    else:
        screen.chart(
            screen.built(
                bars.ranking_bar,
                national,
                home,
                t("overview.rank_title", rank=fmt.num(h["national_rank"]), count=fmt.num(len(national))),
                t("overview.rank_subtitle"),
                top=12,
            ),
            key="ov_rank",
        )
rest = st.container(key="page_rest")
with rest:
    daily = data.query(ds, "progress_cumulative", unit_keys=[home], **flt.params())
    if daily.empty:
        widgets.empty_notice(t(widgets.WHAT_INITIATIVES))
    else:
        screen.chart(
            screen.built(
                progress.cumulative_progress,
                daily,
                h["quota"],
                h["commitment"],
                h["campaign"],
                title=t(
                    "overview.progress_title",
                    quota=fmt.pct(h["pct_of_quota"]),
                    commitment=fmt.pct(h["pct_of_commitment"]),
                ),
                subtitle=t("overview.progress_subtitle"),
            ),
            key="ov_progress",
        )
with rest:
    children = data.query(ds, "ranking_children", parent_key=home, **flt.params())
    if children["benefit_vnd"].notna().any():
        top = children.sort_values("benefit_vnd", ascending=False).iloc[0]
        screen.chart(
            screen.built(
                bars.value_bars,
                children,
                "unit",
                "benefit_vnd",
                t("overview.benefit_title", total=fmt.money(h["benefit_total_vnd"]), unit=top["unit"]),
                t("overview.benefit_subtitle"),
                t("widgets.vnd"),
                money=True,
                top=10,
            ),
            key="ov_benefit",
        )
    else:
        widgets.empty_notice(t(widgets.WHAT_WITH_BENEFIT))
with rest:
    if ds.has("contest_results"):
        trades = data.query(ds, "contest_by_trade", contest=None)
        c = h["contest"]
        screen.chart(
            screen.built(
                bars.value_bars,
                trades,
                "trade",
                "prize_total_vnd",
                t(
                    "overview.contest_title",
                    trades=fmt.num(c["trades"]),
                    winners=fmt.num(c["winners"]),
                    prizes=fmt.money(c["prize_total_vnd"]),
                ),
                t("overview.contest_subtitle"),
                t("widgets.vnd"),
                money=True,
                top=11,
            ),
            key="ov_contest",
        )
    else:
        st.info(t("overview.no_contest"))
with rest:
    report.export(src, report.since_part(src, h["last_submitted_on"]))
