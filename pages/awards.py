"""Khen thưởng: who was honoured, by whom, for what."""

import streamlit as st

from sangkien import fmt, tables
from sangkien.ui import page as ui
from sangkien.ui import views

ui.ensure_navigation()

ds = ui.dataset()
if ds is None or not ds.has("awards"):
    st.title("Khen thưởng")
    st.info("Chưa nạp danh sách khen thưởng. Hãy nạp tệp ở trang Nạp dữ liệu.")
    st.stop()
counts = ui.query(ds, "awards_counts")
st.title(f"{fmt.num(counts['count'].sum())} tập thể, cá nhân được khen thưởng")
st.caption(ui.version_line(ds))
ui.demo_badge(ds, "awards")
st.dataframe(
    tables.award_counts(counts), hide_index=True, width="stretch", column_config=views.money_columns(), key="aw_counts"
)
st.caption(" · ".join(tables.award_sentences(counts)))

st.subheader("Danh sách")
f = st.columns(4)
body = f[0].selectbox(
    "Cấp khen thưởng", [None, *counts["body"].dropna().unique()], format_func=views.all_or, key="aw_body"
)
programme = f[1].selectbox(
    "Chương trình, đợt thi đua",
    [None, *counts["programme"].dropna().unique()],
    format_func=views.all_or,
    key="aw_programme",
)
kind = f[2].selectbox(
    "Loại đối tượng", [None, *counts["recipient_type"].dropna().unique()], format_func=views.all_or, key="aw_type"
)
search = f[3].text_input("Tìm tên", placeholder="ví dụ: Hoàng Mai", key="aw_search") or None
rows = tables.award_list(
    ui.query(ds, "awards_list", body=body, programme=programme, recipient_type=kind, search=search)
)
if rows.empty:
    ui.empty_notice("khen thưởng")
else:
    st.caption(f"{fmt.num(len(rows))} dòng")
    st.dataframe(rows, hide_index=True, width="stretch", column_config=views.money_columns(), key="aw_list")
    ui.downloads(rows, "khen_thuong", "aw_list")
st.subheader("Theo đơn vị")
st.dataframe(
    tables.award_units(ui.query(ds, "awards_by_unit")),
    hide_index=True,
    width="stretch",
    column_config=views.money_columns(),
    key="aw_units",
)
