"""Tổng quan: where the home federation stands, at a glance."""

import streamlit as st

from sangkien import fmt
from sangkien.analysis.summary import UnitNotFound
from sangkien.charts import bars, progress
from sangkien.ingest.normalize import unit_key
from sangkien.ui import cards, data, filters, report, screen, widgets

widgets.ensure_navigation()

ds = data.dataset()
if ds is None:
    st.info("Chưa có dữ liệu. Hãy nạp tệp ở trang Nạp dữ liệu.")
    st.stop()
flt = filters.sidebar(ds)
try:
    h = data.cached_headline(ds, None, flt)
except UnitNotFound as exc:
    st.warning(f"{exc} Hãy chọn đơn vị chủ quản ở trang Kho dữ liệu.")
    st.stop()
if h["unit"] is None:
    cards.without_unit(ds, h)
    st.stop()
prev = data.previous_headline(ds, None, flt)
home = unit_key(h["unit"])

rank_text = f", xếp thứ {h['national_rank']} toàn quốc" if h["national_rank"] else ""
st.title(f"{h['unit']}: {fmt.num(h['initiatives'])} sáng kiến{rank_text}")
filters.filter_line(flt, ds)
if prev:
    st.caption(f"Mũi tên: thay đổi so với phiên bản {prev['version']}.")
widgets.demo_badge(ds, "initiatives", "units", "reported_totals")
cards.headline_cards(h, prev)
src = report.source(ds, flt)
with st.container(key="page_notes"):  # on a phone the highlights follow the first chart (app.css)
    report.highlights(src, report.chosen_since(ds, h["last_submitted_on"]))

with st.container():  # one chart per row: names and axes stay readable from 1024 px up
    national = data.query(ds, "ranking_federations", **flt.params())
    if national.empty:
        widgets.empty_notice("đơn vị")
    else:
        screen.chart(
            screen.built(
                bars.ranking_bar,
                national,
                home,
                f"Xếp thứ {fmt.num(h['national_rank'])} trong {fmt.num(len(national))} đơn vị toàn quốc",
                "Số sáng kiến; đơn vị khác theo số báo cáo",
                top=12,
            ),
            key="ov_rank",
        )
rest = st.container(key="page_rest")
with rest:
    daily = data.query(ds, "progress_cumulative", unit_keys=[home], **flt.params())
    if daily.empty:
        widgets.empty_notice("sáng kiến")
    else:
        screen.chart(
            screen.built(
                progress.cumulative_progress,
                daily,
                h["quota"],
                h["commitment"],
                h["campaign"],
                title=f"Đạt {fmt.pct(h['pct_of_quota'])} chỉ tiêu giao, {fmt.pct(h['pct_of_commitment'])} số đăng ký",
                subtitle="Sáng kiến lũy kế theo ngày cập nhật",
            ),
            key="ov_progress",
        )
with rest:
    children = data.query(ds, "ranking_children", parent_key=home, **flt.params())
    if children["benefit_vnd"].notna().any():
        top = children.sort_values("benefit_vnd", ascending=False).iloc[0]
        screen.chart(
            screen.built(
                bars.value_bars,
                children,
                "unit",
                "benefit_vnd",
                f"Giá trị làm lợi {fmt.money(h['benefit_total_vnd'])}; nhiều nhất {top['unit']}",
                "Giá trị làm lợi tự kê khai, theo đơn vị cấp trên cơ sở",
                "đồng",
                money=True,
                top=10,
            ),
            key="ov_benefit",
        )
    else:
        widgets.empty_notice("sáng kiến có giá trị làm lợi")
with rest:
    if ds.has("contest_results"):
        trades = data.query(ds, "contest_by_trade", contest=None)
        c = h["contest"]
        screen.chart(
            screen.built(
                bars.value_bars,
                trades,
                "trade",
                "prize_total_vnd",
                f"Hội thi: {c['trades']} nghề, {fmt.num(c['winners'])} thí sinh "
                f"đạt giải, {fmt.money(c['prize_total_vnd'])}",
                "Tiền thưởng theo nghề",
                "đồng",
                money=True,
                top=11,
            ),
            key="ov_contest",
        )
    else:
        st.info("Chưa nạp kết quả hội thi.")
with rest:
    report.export(src, report.since_part(src, h["last_submitted_on"]))
