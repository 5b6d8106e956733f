"""Phong trào: the campaign, the works registered, the dialogue opinions, initiatives in the campaign."""

import streamlit as st

from sangkien import fmt, tables
from sangkien.i18n import t, tn
from sangkien.report.build_more import opinions_chart, works_chart
from sangkien.ui import cards, columns, data, filters, screen, widgets

widgets.ensure_navigation()

ds = data.dataset()
if ds is None:
    st.info(t("campaign.no_data"))
    st.stop()
flt = filters.sidebar(ds)
camp = data.query(ds, "campaigns") if ds.has("campaigns") else None
if camp is None or camp.empty:
    st.title(t("campaign.title"))
    st.info(t("campaign.no_campaign"))
    st.stop()
name = (
    st.selectbox(t("campaign.choose"), camp["name"].tolist(), index=len(camp) - 1, key="cp_name")
    if len(camp) > 1
    else camp["name"].iloc[0]
)
c = camp[camp["name"] == name].iloc[0]
screen.title(tn("campaign.finding", int(c["days"]), start=fmt.date(c["start"]), end=fmt.date(c["end"])), name)
filters.filter_line(flt, ds)
if c["declared_days"] and c["declared_days"] != c["span_days"]:
    st.caption(t("campaign.declared_days", declared=fmt.num(c["declared_days"]), span=fmt.num(c["span_days"])))
widgets.demo_badge(ds, "campaigns", "works", "opinions")

scope, scope_name = filters.scope(ds, flt)
periods = data.query(
    ds,
    "campaign_initiatives",
    campaign_start=c["start"],
    campaign_end=c["end"],
    scope_key=scope,
    **flt.params(),
)
cards.campaign_cards(ds, periods)
left, right = st.columns(2)
if ds.has("works"):
    screen.chart(works_chart(data.query(ds, "works_by_level")), key="cp_works", where=left)
if ds.has("opinions"):
    screen.chart(opinions_chart(data.query(ds, "opinions_by_channel")), key="cp_opinions", where=right)
if ds.has("works"):
    st.subheader(t("campaign.flagship"))
    columns.show(tables.flagship_works(data.query(ds, "works_flagship")), key="cp_flagship")
