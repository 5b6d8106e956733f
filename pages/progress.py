"""Tiến độ: cumulative progress against target, the daily public table, when each unit reaches its quota."""

import streamlit as st

from sangkien import fmt, tables
from sangkien.analysis import findings, race, rankings, summary
from sangkien.charts import progress
from sangkien.charts import race as racing
from sangkien.i18n import t
from sangkien.ingest.normalize import unit_key
from sangkien.ui import columns, data, filters, report, screen, widgets

widgets.ensure_navigation()

ds = data.dataset_with("initiatives")
flt = filters.sidebar(ds)
scope = flt.parent_key or flt.federation_key or unit_key(ds.home_unit)
scope_name = flt.parent or flt.federation or ds.home_unit
children = data.query(ds, "ranking_children", parent_key=scope, **flt.params())
daily = data.query(ds, "daily_children", parent_key=scope, **flt.params())
first, last = filters.period_bounds(ds, flt)

st.title(t("progress.title", unit=scope_name))
filters.filter_line(flt, ds)
if children.empty or daily.empty:
    widgets.empty_notice(t(widgets.WHAT_INITIATIVES))
    st.stop()

chosen = st.multiselect(
    t("progress.units_compared"),
    children["unit_key"].tolist(),
    default=children["unit_key"].head(3).tolist(),
    format_func=dict(zip(children["unit_key"], children["unit"], strict=True)).get,
    max_selections=8,
    key="pg_units",
)
targets = data.progress_targets(ds, scope, scope_name, children, chosen)
cumulative = data.query(ds, "progress_cumulative", unit_keys=targets["unit_key"].tolist(), **flt.params())
campaign = summary.campaign(ds)
screen.heading(
    findings.progress_title(targets, cumulative),
    t("progress.multiples_subtitle"),
    "pg_multiples",
)
screen.grid(screen.built(progress.unit_progress, cumulative, targets, campaign, scope), "pg_unit")

st.subheader(t("progress.board_heading"))
day = st.date_input(t("progress.day"), last, min_value=first, max_value=last, format="DD/MM/YYYY", key="pg_day")
board = rankings.daily_table(daily, children, day)
shown = tables.daily_table(board)
st.caption(t("progress.board_caption", unit=scope_name, day=fmt.date(day)))
columns.show(shown, key="pg_board")
widgets.downloads(shown, t("progress.board_file", day=day.strftime("%Y%m%d")), "pg_board")
report.bulletin_button(report.source(ds, flt), scope_name, day)

st.subheader(t("progress.projection_heading"))
projection = rankings.project_quota(daily, children, last)
st.caption(t("progress.projection_caption", day=fmt.date(last)))
columns.show(tables.projection_table(projection), key="pg_projection")

if not flt.parent_key:  # the race of a federation's upper-level units
    st.subheader(t("progress.race_heading"))
    frames = race.race_frames(data.query_runner(ds), scope, flt, first, last)
    if not frames.empty:
        screen.chart(
            screen.built(
                racing.race,
                frames,
                None,
                findings.race_title(frames),
                t("progress.race_subtitle", weeks=fmt.num(race.step_days(first, last) // 7)),
            ),
            key="pg_race",
        )
