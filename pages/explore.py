"""Khám phá: filter, pivot, chart and download any table; a read-only SQL box."""

import streamlit as st

from sangkien import columns as registry
from sangkien import fmt
from sangkien.analysis import explore
from sangkien.charts import distributions
from sangkien.i18n import t, tn
from sangkien.ingest import reasons
from sangkien.ui import columns, data, explorer, screen, widgets

widgets.ensure_navigation()

ds = data.dataset()
st.title(t("explore.title"))
if ds is None:
    st.info(t("explore.no_data"))
    st.stop()
st.caption(data.version_line(ds) + " · " + t("explore.all_rows"))

table = st.selectbox(
    t("explore.table"), list(explore.TABLES), format_func=explorer.labeller(explore.TABLES), key="ex_table"
)
profile = explorer.table_profile(ds, table)
with st.expander(tn("explore.columns_of_table", profile.attrs["rows"]), icon=":material/view_column:"):
    columns.show(profile, key="ex_profile")
column_names = profile[registry.label("column_name")].tolist()

conditions = explorer.explore_filters(ds, table, profile)
left, mid, right = st.columns(3)
group_by = left.multiselect(
    t("explore.group_by"),
    column_names,
    max_selections=2,
    key="ex_group",
    placeholder=t("explore.choose_columns"),
)
aggregate = mid.selectbox(
    t("explore.aggregate"),
    list(explore.AGGREGATES),
    format_func=explorer.labeller(explore.AGGREGATES),
    key="ex_agg",
    disabled=not group_by,
)
measure = right.selectbox(
    t("explore.measure"), column_names, key="ex_measure", disabled=not group_by or aggregate == "count"
)

query = explore.build(table, column_names, conditions, group_by, aggregate, measure)
with ds.cursor() as cur:  # leased: the connection stays open while the query runs
    result = explore.run(cur, query)
if table == "_rejects" and "reason" in result.columns:  # reasons are stored as codes: shown as words
    result = result.assign(reason=reasons.describe_all(result["reason"]))
if result.empty:
    widgets.empty_notice(t("explore.empty_what"))
else:
    kind = explore.chart_kind(result, group_by)
    if kind:
        screen.chart(
            distributions.explore_chart(result, group_by, kind, result.columns[-1]),
            key="ex_chart",
        )
    limited = t("explore.row_limit", limit=fmt.num(explore.ROW_LIMIT)) if len(result) >= explore.ROW_LIMIT else ""
    st.caption(tn("explore.rows", len(result)) + limited)
    st.dataframe(result, hide_index=True, width="stretch", key="ex_result")
    widgets.downloads(result, t("explore.file", table=table), "ex_result")
with st.expander(t("explore.sql_ran"), icon=":material/code:"):
    st.code(explore.as_text(query), language="sql")

st.subheader(t("explore.sql_box"))
st.caption(t("explore.sql_box_help", seconds=fmt.num(10), show=fmt.num(10_000), cap=fmt.num(200_000)))
sql = st.text_area(t("explore.sql"), value=explore.as_text(query), height=160, key="ex_sql")
if st.button(t("explore.run"), icon=":material/play_arrow:", key="ex_run"):
    explorer.sql_box(ds, sql)
