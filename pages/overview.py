"""Tổng quan: where the home federation stands, at a glance."""

import streamlit as st

from sangkien.analysis import findings
from sangkien.analysis.summary import UnitNotFound
from sangkien.i18n import t
from sangkien.ingest.normalize import unit_key
from sangkien.ui import cards, data, filters, overview, report, widgets

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

st.title(findings.overview_title(h))
filters.filter_line(flt, ds)
if prev:
    st.caption(t("overview.arrows", version=prev["version"]))
widgets.demo_badge(ds, "initiatives", "units", "reported_totals")
cards.headline_cards(h, prev)
src = report.source(ds, flt)
with st.container(key="page_notes"):  # on a phone the highlights follow the first chart (app.css)
    report.highlights(src, report.chosen_since(ds, h["last_submitted_on"]))
with st.container():  # one chart per row: names and axes stay readable from 1024 px up
    overview.ranking_chart(ds, flt, h, home)
with st.container(key="page_rest"):
    overview.progress_chart(ds, flt, h, home)
    overview.benefit_chart(ds, flt, h, home)
    overview.contest_chart(ds, h)
    report.export(src, report.since_part(src, h["last_submitted_on"]))
