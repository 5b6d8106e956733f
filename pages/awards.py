"""Khen thưởng: who was honoured, by whom, for what."""

import streamlit as st

from sangkien import fmt, tables
from sangkien.ui import columns, data, filters, widgets

widgets.ensure_navigation()

ds = data.dataset()
if ds is None or not ds.has("awards"):
    st.title("Khen thưởng")
    st.info("Chưa nạp danh sách khen thưởng. Hãy nạp tệp ở trang Nạp dữ liệu.")
    st.stop()
counts = data.query(ds, "awards_counts")
st.title(f"{fmt.num(counts['count'].sum())} tập thể, cá nhân được khen thưởng")
st.caption(data.version_line(ds))
widgets.demo_badge(ds, "awards")
columns.show(tables.award_counts(counts), key="aw_counts")
st.caption(" · ".join(tables.award_sentences(counts)))

st.subheader("Danh sách")
f = st.columns(4)
body = f[0].selectbox(
    "Cấp khen thưởng", [None, *counts["body"].dropna().unique()], format_func=filters.all_or, key="aw_body"
)
programme = f[1].selectbox(
    "Chương trình, đợt thi đua",
    [None, *counts["programme"].dropna().unique()],
    format_func=filters.all_or,
    key="aw_programme",
)
kind = f[2].selectbox(
    "Loại đối tượng", [None, *counts["recipient_type"].dropna().unique()], format_func=filters.all_or, key="aw_type"
)
search = f[3].text_input("Tìm tên", placeholder="ví dụ: Hoàng Mai", key="aw_search") or None
rows = tables.award_list(
    data.query(ds, "awards_list", body=body, programme=programme, recipient_type=kind, search=search)
)
if rows.empty:
    widgets.empty_notice("khen thưởng")
else:
    st.caption(f"{fmt.num(len(rows))} dòng")
    columns.show(rows, key="aw_list")
    widgets.downloads(rows, "khen_thuong", "aw_list")
st.subheader("Theo đơn vị")
columns.show(tables.award_units(data.query(ds, "awards_by_unit")), key="aw_units")
