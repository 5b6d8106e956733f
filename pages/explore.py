"""Khám phá: filter, pivot, chart and download any table; a read-only SQL box."""

import streamlit as st

from sangkien import fmt
from sangkien.analysis import explore
from sangkien.charts import distributions
from sangkien.ui import columns, data, explorer, screen, widgets

widgets.ensure_navigation()

ds = data.dataset()
st.title("Khám phá dữ liệu")
if ds is None:
    st.info("Chưa có dữ liệu. Hãy nạp tệp ở trang Nạp dữ liệu.")
    st.stop()
st.caption(data.version_line(ds) + " · mọi dòng của bảng, không theo bộ lọc bên trái")

table = st.selectbox("Bảng", list(explore.TABLES), format_func=explore.TABLES.get, key="ex_table")
profile = explorer.table_profile(ds, table)
with st.expander(f"Các cột của bảng ({fmt.num(profile.attrs['rows'])} dòng)", icon=":material/view_column:"):
    columns.show(profile, key="ex_profile")
column_names = profile["Cột"].tolist()

conditions = explorer.explore_filters(ds, table, profile)
left, mid, right = st.columns(3)
group_by = left.multiselect(
    "Nhóm theo (tối đa 2 cột)", column_names, max_selections=2, key="ex_group", placeholder="Chọn cột"
)
aggregate = mid.selectbox(
    "Cách tính", list(explore.AGGREGATES), format_func=explore.AGGREGATES.get, key="ex_agg", disabled=not group_by
)
measure = right.selectbox("Cột để tính", column_names, key="ex_measure", disabled=not group_by or aggregate == "count")

query = explore.build(table, column_names, conditions, group_by, aggregate, measure)
with ds.cursor() as cur:  # leased: the connection stays open while the query runs
    result = explore.run(cur, query)
if result.empty:
    widgets.empty_notice("dòng")
else:
    kind = explore.chart_kind(result, group_by)
    if kind:
        screen.chart(
            distributions.explore_chart(result, group_by, kind, result.columns[-1]),
            key="ex_chart",
        )
    st.caption(f"{fmt.num(len(result))} dòng" + (" (giới hạn 10.000 dòng)" if len(result) >= explore.ROW_LIMIT else ""))
    st.dataframe(result, hide_index=True, width="stretch", key="ex_result")
    widgets.downloads(result, f"kham_pha_{table}", "ex_result")
with st.expander("Câu SQL đã chạy", icon=":material/code:"):
    st.code(explore.as_text(query), language="sql")

st.subheader("Hộp SQL (chỉ đọc)")
st.caption(
    "Một câu SELECT trên phiên bản đang dùng; không ghi, không đọc tệp, dừng sau 10 giây. "
    "Hiện và tải tối đa 10.000 dòng; số dòng được đếm đến 200.000."
)
sql = st.text_area("Câu SQL", value=explore.as_text(query), height=160, key="ex_sql")
if st.button("Chạy", icon=":material/play_arrow:", key="ex_run"):
    explorer.sql_box(ds, sql)
