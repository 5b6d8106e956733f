"""Hội thi: trades, winners and prize money of each contest."""

import streamlit as st

from sangkien import fmt, tables
from sangkien.charts import bars, distributions
from sangkien.ui import columns, data, screen, widgets

widgets.ensure_navigation()

ds = data.dataset()
if ds is None or not ds.has("contest_results"):
    st.title("Hội thi")
    st.info("Chưa nạp kết quả hội thi. Hãy nạp tệp kết quả ở trang Nạp dữ liệu.")
    st.stop()
contests = data.query(ds, "contest_list")
name = (
    st.selectbox("Hội thi", contests["contest"].tolist(), key="ct_contest")
    if len(contests) > 1
    else contests["contest"].iloc[0]
)
c = contests[contests["contest"] == name].iloc[0]
screen.title(  # the contest's long name in the line above: the finding stays two lines on a phone
    f"{fmt.num(c['trades'])} nghề, {fmt.num(c['winners'])} thí sinh đạt giải, "
    f"tổng tiền giải {fmt.money(c['prize_total_vnd'])}",
    name,
)
st.caption(data.version_line(ds))
widgets.demo_badge(ds, "contest_results")
m = st.columns(4)
m[0].metric("Nghề thi", fmt.num(c["trades"]), border=True)
m[1].metric("Thí sinh", fmt.num(c["contestants"]), border=True)
m[2].metric("Thí sinh đạt giải", fmt.num(c["winners"]), border=True)
m[3].metric("Tổng tiền giải", fmt.money(c["prize_total_vnd"]), border=True)

tiers = data.query(ds, "contest_by_tier", contest=name)
trades = data.query(ds, "contest_by_trade", contest=name)
left, right = st.columns(2)
screen.chart(
    bars.value_bars(
        tiers,
        "tier",
        "prize_total_vnd",
        "Tiền thưởng theo giải",
        "Thứ tự giải theo tiền thưởng",
        "đồng",
        money=True,
        top=20,
        sort=False,
        notes=[f"{fmt.num(n)} thí sinh" for n in tiers["winners"]],
    ),
    key="ct_tiers",
    where=left,
)
screen.chart(
    bars.value_bars(
        trades,
        "trade",
        "prize_total_vnd",
        "Tiền thưởng theo nghề",
        "Tổng tiền giải của thí sinh từng nghề",
        "đồng",
        money=True,
        top=30,
    ),
    key="ct_trades",
    where=right,
)
screen.chart(
    distributions.heatmap(
        data.query(ds, "contest_heatmap", contest=name),
        "Số thí sinh đạt giải theo nghề và giải",
        "Thứ tự giải theo tiền thưởng",
    ),
    key="ct_heat",
)
st.subheader("Danh sách đạt giải")
winners = tables.contest_winners(data.query(ds, "contest_winners", contest=name))
columns.show(winners, key="ct_winners")
widgets.downloads(winners, "danh_sach_dat_giai", "ct_winners")
st.subheader("Theo đơn vị")
columns.show(tables.contest_units(data.query(ds, "contest_by_unit", contest=name)), key="ct_units")
