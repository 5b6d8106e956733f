"""Khen thưởng: who was honoured, by whom, for what."""

import streamlit as st

from sangkien import i18n, tables
from sangkien.i18n import t, tn
from sangkien.ingest import schema
from sangkien.ui import columns, data, filters, widgets

widgets.ensure_navigation()

ds = data.dataset()
if ds is None or not ds.has("awards"):
    st.title(t("awards.title"))
    st.info(t("awards.no_data"))
    st.stop()
counts = data.query(ds, "awards_counts")
st.title(tn("awards.finding", int(counts["count"].sum())))
st.caption(data.version_line(ds))
widgets.demo_badge(ds, "awards")
columns.show(tables.award_counts(counts), key="aw_counts")
st.caption(" · ".join(tables.award_sentences(counts)))

st.subheader(t("awards.list"))
f = st.columns(4)
body = f[0].selectbox(
    t("awards.body"), [None, *counts["body"].dropna().unique()], format_func=filters.all_or, key="aw_body"
)
programme = f[1].selectbox(
    t("awards.programme"),
    [None, *counts["programme"].dropna().unique()],
    format_func=filters.all_or,
    key="aw_programme",
)
kind = f[2].selectbox(
    t("awards.recipient_type"),
    [None, *counts["recipient_type"].dropna().unique()],
    format_func=i18n.bound(lambda k: filters.all_or(schema.recipient_label(k))),
    key="aw_type",
)
search = f[3].text_input(t("awards.search"), placeholder=t("awards.search_example"), key="aw_search") or None
rows = tables.award_list(
    data.query(ds, "awards_list", body=body, programme=programme, recipient_type=kind, search=search)
)
if rows.empty:
    widgets.empty_notice(t("awards.empty_what"))
else:
    st.caption(tn("awards.rows", len(rows)))
    columns.show(rows, key="aw_list")
    widgets.downloads(rows, t("awards.file"), "aw_list")
st.subheader(t("awards.by_unit"))
columns.show(tables.award_units(data.query(ds, "awards_by_unit")), key="aw_units")
