"""Tổng quan: where the home federation stands, at a glance."""

import streamlit as st

from sangkien import charts, fmt, ui
from sangkien.normalize import unit_key
from sangkien.summary import UnitNotFound

ui.ensure_navigation()

ds = ui.dataset()
if ds is None:
    st.info("Chưa có dữ liệu. Hãy nạp tệp ở trang Dữ liệu.")
    st.stop()

try:
    h = ui.cached_headline(ds)
except UnitNotFound as exc:
    st.warning(f"{exc} Hãy chọn đơn vị chủ quản ở trang Dữ liệu.")
    st.stop()
prev = ui.previous_headline(ds)

rank_text = f", xếp thứ {h['national_rank']} toàn quốc" if h["national_rank"] else ""
st.title(f"{h['unit']}: {fmt.num(h['initiatives'])} sáng kiến{rank_text}")
st.caption(
    ui.version_line(ds)
    + " · tính sáng kiến hợp lệ"
    + (f" · mức thay đổi so với phiên bản {prev['version']}" if prev else "")
)
ui.demo_badge(ds, "initiatives", "units", "reported_totals")

c1, c2, c3, c4 = st.columns(4)
c1.metric(
    "Sáng kiến hợp lệ",
    fmt.num(h["initiatives"]),
    ui.delta(h, prev, "initiatives"),
    border=True,
    help=f"Tất cả trạng thái: {fmt.num(h['initiatives_all_statuses'])}",
)
c2.metric(
    "Xếp hạng toàn quốc",
    f"{fmt.num(h['national_rank'])}/{fmt.num(h['national_count'])}" if h["national_rank"] else "–",
    ui.delta(h, prev, "national_rank", rank=True),
    border=True,
)
c3.metric(
    "Đạt so với chỉ tiêu giao",
    fmt.pct(h["pct_of_quota"]),
    border=True,
    help=f"Chỉ tiêu giao {fmt.num(h['quota'])} sáng kiến; đăng ký {fmt.num(h['commitment'])} "
    f"(đạt {fmt.pct(h['pct_of_commitment'])})",
)
c4.metric(
    "Giá trị làm lợi",
    fmt.money(h["benefit_total_vnd"]),
    border=True,
    help=f"{fmt.num(h['initiatives_with_benefit'])} sáng kiến có ghi giá trị",
)

c5, c6, c7, c8 = st.columns(4)
c5.metric("Đạt so với số đăng ký", fmt.pct(h["pct_of_commitment"]), border=True)
c6.metric("Người tham gia", fmt.num(h["participants"]), ui.delta(h, prev, "participants"), border=True)
c7.metric(
    "Sáng kiến làm lợi từ 3 tỷ đồng",
    fmt.num(h["initiatives_benefit_ge_3e9"]),
    border=True,
    help=f"Lớn nhất: {fmt.money(h['benefit_max_vnd'])}/năm",
)
c8.metric(
    "Đang xem xét / không hợp lệ",
    f"{fmt.num(h['initiatives_under_review'])} / {fmt.num(h['initiatives_invalid'])}",
    border=True,
)

daily = ui.query(ds, "progress_cumulative", unit_key=unit_key(h["unit"]), all_statuses=False)
if daily.empty:
    st.info("Chưa có sáng kiến nào được nạp cho đơn vị này, nên chưa vẽ được tiến độ.")
else:
    fig = charts.cumulative_progress(
        daily,
        h["quota"],
        h["commitment"],
        h["campaign"],
        title=f"Đạt {fmt.pct(h['pct_of_quota'])} chỉ tiêu giao, vượt số đăng ký {fmt.num(h['commitment'])}"
        if h["pct_of_commitment"] and h["pct_of_commitment"] >= 100
        else f"Lũy kế {fmt.num(h['initiatives'])} sáng kiến, đạt {fmt.pct(h['pct_of_quota'])} chỉ tiêu giao",
        subtitle=f"Sáng kiến hợp lệ lũy kế theo ngày cập nhật · {ui.version_line(ds)}",
    )
    st.plotly_chart(fig, width="stretch", theme=None, key="ov_progress")
