"""Hội thi: trades, winners and prize money of each contest."""

import streamlit as st

from sangkien import fmt, tables
from sangkien.charts import bars, distributions
from sangkien.i18n import t, tn
from sangkien.ui import columns, data, screen, widgets

widgets.ensure_navigation()

ds = data.dataset()
if ds is None or not ds.has("contest_results"):
    st.title(t("contests.title"))
    st.info(t("contests.no_data"))
    st.stop()
contests = data.query(ds, "contest_list")
name = (
    st.selectbox(t("contests.choose"), contests["contest"].tolist(), key="ct_contest")
    if len(contests) > 1
    else contests["contest"].iloc[0]
)
c = contests[contests["contest"] == name].iloc[0]
screen.title(  # the contest's long name in the line above: the finding stays two lines on a phone
    t(
        "contests.finding",
        trades=fmt.num(c["trades"]),
        winners=fmt.num(c["winners"]),
        prizes=fmt.money(c["prize_total_vnd"]),
    ),
    name,
)
st.caption(data.version_line(ds))
widgets.demo_badge(ds, "contest_results")
m = st.columns(4)
m[0].metric(t("contests.trades"), fmt.num(c["trades"]), border=True)
m[1].metric(t("contests.contestants"), fmt.num(c["contestants"]), border=True)
m[2].metric(t("contests.winners"), fmt.num(c["winners"]), border=True)
m[3].metric(t("contests.prize_total"), fmt.money(c["prize_total_vnd"]), border=True)

tiers = data.query(ds, "contest_by_tier", contest=name)
trades = data.query(ds, "contest_by_trade", contest=name)
left, right = st.columns(2)
screen.chart(
    screen.built(
        bars.value_bars,
        tiers,
        "tier",
        "prize_total_vnd",
        t("contests.chart_tiers"),
        t("contests.tier_order"),
        t("contests.axis_vnd"),
        money=True,
        top=20,
        sort=False,
        notes=[tn("contests.note_winners", int(n)) for n in tiers["winners"]],
    ),
    key="ct_tiers",
    where=left,
)
screen.chart(
    screen.built(
        bars.value_bars,
        trades,
        "trade",
        "prize_total_vnd",
        t("contests.chart_trades"),
        t("contests.chart_trades_sub"),
        t("contests.axis_vnd"),
        money=True,
        top=30,
    ),
    key="ct_trades",
    where=right,
)
screen.chart(
    screen.built(
        distributions.heatmap,
        data.query(ds, "contest_heatmap", contest=name),
        t("contests.chart_heat"),
        t("contests.tier_order"),
    ),
    key="ct_heat",
)
st.subheader(t("contests.winner_list"))
winners = tables.contest_winners(data.query(ds, "contest_winners", contest=name))
columns.show(winners, key="ct_winners")
widgets.downloads(winners, t("contests.winner_file"), "ct_winners")
st.subheader(t("contests.by_unit"))
columns.show(tables.contest_units(data.query(ds, "contest_by_unit", contest=name)), key="ct_units")
