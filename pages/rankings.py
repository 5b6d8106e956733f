"""Xếp hạng: rankings at every level, click a bar to see the units under it."""

import streamlit as st

from sangkien import fmt, i18n, tables
from sangkien.analysis import findings, rankings
from sangkien.charts import bars
from sangkien.i18n import t
from sangkien.ingest.normalize import unit_key
from sangkien.ui import columns, data, drill, filters, screen, widgets

widgets.ensure_navigation()

ds = data.dataset_with("initiatives", "units", "reported_totals")
flt = filters.sidebar(ds)
home = unit_key(ds.home_unit)
current = st.query_params.get("unit")
heading = st.empty()  # the title states the finding, known once the controls below are read
trail = drill.breadcrumb(ds, current)
where = trail[-1][1]

measure = drill.measure_picker("rk_measure")
first, last = filters.period_bounds(ds, flt)
as_of = filters.date_slider(t("rankings.as_of"), first, last, key="rk_as_of")
compare = st.segmented_control(
    t("rankings.compare_with"),
    list(drill.COMPARE),
    format_func=i18n.bound(lambda k: t(drill.COMPARE[k])),
    key="rk_compare",
)
run = data.query_runner(ds)
frame = rankings.ranking(ds, current, flt.with_end(as_of), measure.key, run)
moves = drill.ranking_moves(ds, current, flt, measure.key, as_of, compare, frame)

heading.title(findings.ranking_title(frame, measure, home, where))
filters.filter_line(flt.with_end(as_of if as_of < last else flt.end), ds, flt)
if current is None and (flt.start or flt.field or as_of < last):
    st.warning(t("rankings.reported_not_filtered"), icon=":material/warning:")
if frame.empty or frame[measure.key].isna().all():
    widgets.empty_notice(t(widgets.WHAT_UNITS))
    st.stop()
fig = screen.built(
    bars.ranking_bar,
    frame,
    home,
    f"{measure.label} · {where}",
    t("rankings.as_of_subtitle", day=fmt.date(as_of)),
    measure=measure.key,
    axis_title=measure.unit,
    top=30,
)
event = screen.chart(fig, on_select="rerun", selection_mode="points", key="rk_chart")
drill.drill_on_click(ds, event, frame, current)
st.caption(t("rankings.click_caption"))
table = tables.ranking_table(frame, moves)
columns.show(table, key="rk_table")
widgets.downloads(table, t("rankings.file_stem", measure=measure.key), "rk")
