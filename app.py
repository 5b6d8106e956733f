"""Sáng kiến dashboard: page config, navigation and the shared sidebar."""

import streamlit as st

from sangkien import fmt
from sangkien.paths import ICON
from sangkien.ui import auth as signin
from sangkien.ui import data, present, screen, widgets, work

st.set_page_config(page_title="Sáng kiến — Bảng điều khiển", page_icon=ICON, layout="wide")

screen.style()

if data.published() is None:
    with st.spinner("Kho dữ liệu còn trống: đang tạo dữ liệu minh họa…"):
        from sangkien.cli import main as cli_main

        cli_main(["demo"])

PRESENT = st.Page("pages/present.py", title="Trình chiếu", icon=":material/slideshow:")
if present.presenting():  # the hall sees the slide only: no menu, no sidebar, no workspace, no sign-in
    st.navigation([PRESENT], position="hidden").run()
    st.stop()

pages = [
    st.Page("pages/overview.py", title="Tổng quan", icon=":material/dashboard:", default=True),
    st.Page("pages/rankings.py", title="Xếp hạng", icon=":material/leaderboard:"),
    st.Page("pages/progress.py", title="Tiến độ", icon=":material/trending_up:"),
    st.Page("pages/benefits.py", title="Giá trị làm lợi", icon=":material/savings:"),
    st.Page("pages/contests.py", title="Hội thi", icon=":material/emoji_events:"),
    st.Page("pages/awards.py", title="Khen thưởng", icon=":material/military_tech:"),
    st.Page("pages/campaign.py", title="Phong trào", icon=":material/campaign:"),
    PRESENT,
    st.Page("pages/explore.py", title="Khám phá", icon=":material/query_stats:"),
    st.Page("pages/data.py", title="Nạp dữ liệu", icon=":material/upload_file:"),
    st.Page("pages/store.py", title="Kho dữ liệu", icon=":material/database:"),
]
nav = st.navigation(pages)

ds = data.dataset()
with st.sidebar:
    signin.sidebar()
    if ds is not None and ds.workspace:
        st.caption("Đang xem")
        st.markdown("**Dữ liệu riêng, chưa xuất bản**")
    elif ds is not None:
        st.caption("Phiên bản đang dùng")
        st.markdown(f"**{ds.id}**")
        st.text(ds.version.get("label") or "không nhãn")  # a user's label: plain text, never markdown
        st.caption(
            f"Số liệu đến {fmt.date(data.as_of(ds))} · xuất bản {ds.version['created_at'][:16].replace('T', ' ')}"
        )
        if ds.demo_kinds:
            st.badge(widgets.DEMO_LABEL, icon=":material/info:", color="orange")
    screen.touch()
work.workspace_banner(ds)
screen.instance_mark()
nav.run()
