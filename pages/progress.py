"""Tiến độ: cumulative progress against target, the daily public table, when each unit reaches its quota."""

import streamlit as st

from sangkien import fmt, tables
from sangkien.analysis import rankings as analysis
from sangkien.charts import figures as charts
from sangkien.ingest.normalize import unit_key
from sangkien.ui import page as ui
from sangkien.ui import views

ui.ensure_navigation()

ds = ui.dataset_with("initiatives")
flt = ui.filters(ds)
scope = flt.parent_key or flt.federation_key or unit_key(ds.home_unit)
scope_name = flt.parent or flt.federation or ds.home_unit
children = ui.query(ds, "ranking_children", parent_key=scope, **flt.params(hierarchy=False))
daily = ui.query(ds, "daily_children", parent_key=scope, **flt.params(hierarchy=False))
first, last = ui.period_bounds(ds, flt)

st.title(f"Tiến độ của {scope_name}")
ui.filter_line(flt, ds)
if children.empty or daily.empty:
    ui.empty_notice("sáng kiến")
    st.stop()

chosen = st.multiselect(
    "Đơn vị so sánh",
    children["unit_key"].tolist(),
    default=children["unit_key"].head(3).tolist(),
    format_func=dict(zip(children["unit_key"], children["unit"], strict=True)).get,
    max_selections=8,
    key="pg_units",
)
targets = views.progress_targets(ds, scope, scope_name, children, chosen)
cumulative = ui.query(ds, "progress_cumulative", unit_keys=targets["unit_key"].tolist(), **flt.params(hierarchy=False))
campaign = views.campaign(ds)
st.plotly_chart(
    charts.progress_small_multiples(
        cumulative,
        targets,
        campaign,
        scope,
        views.progress_title(targets, cumulative),
        "Sáng kiến lũy kế theo ngày cập nhật; đường gạch: chỉ tiêu giao; vùng tô: đợt thi đua",
    ),
    width="stretch",
    theme=None,
    key="pg_multiples",
)

st.subheader("Bảng công khai hằng ngày")
day = st.date_input("Ngày", last, min_value=first, max_value=last, format="DD/MM/YYYY", key="pg_day")
board = analysis.daily_table(daily, children, day)
shown = tables.daily_table(board)
st.caption(f"Số sáng kiến của từng đơn vị trực thuộc {scope_name} ngày {fmt.date(day)}, 7 ngày qua và lũy kế.")
st.dataframe(shown, hide_index=True, width="stretch", column_config=views.daily_columns(shown), key="pg_board")
ui.downloads(shown, f"bang_cong_khai_{day:%Y%m%d}", "pg_board")

st.subheader("Khi nào đạt chỉ tiêu")
projection = analysis.project_quota(daily, children, last)
st.caption(f"Theo nhịp 30 ngày gần nhất tính đến {fmt.date(last)}.")
st.dataframe(
    tables.projection_table(projection),
    hide_index=True,
    width="stretch",
    column_config=views.projection_columns(),
    key="pg_projection",
)
