"""Sáng kiến dashboard: page config, navigation and the shared sidebar."""

import streamlit as st

from sangkien import fmt
from sangkien.i18n import label_of, t
from sangkien.paths import ICON
from sangkien.ui import auth as signin
from sangkien.ui import data, language, present, screen, widgets, work

language.choose()  # before any text: the language of this run

st.set_page_config(page_title=t("app.page_title"), page_icon=ICON, layout="wide")

screen.style()

if data.published() is None:
    with st.spinner(t("app.creating_demo")):
        from sangkien.cli import main as cli_main

        cli_main(["demo"])

PRESENT = st.Page("pages/present.py", title=t("nav.present"), icon=":material/slideshow:")
if present.presenting():  # the hall sees the slide only: no menu, no sidebar, no workspace, no sign-in
    st.navigation([PRESENT], position="hidden").run()
    st.stop()

pages = [
    st.Page("pages/overview.py", title=t("nav.overview"), icon=":material/dashboard:", default=True),
    st.Page("pages/rankings.py", title=t("nav.rankings"), icon=":material/leaderboard:"),
    st.Page("pages/progress.py", title=t("nav.progress"), icon=":material/trending_up:"),
    st.Page("pages/benefits.py", title=t("nav.benefits"), icon=":material/savings:"),
    st.Page("pages/contests.py", title=t("nav.contests"), icon=":material/emoji_events:"),
    st.Page("pages/awards.py", title=t("nav.awards"), icon=":material/military_tech:"),
    st.Page("pages/campaign.py", title=t("nav.campaign"), icon=":material/campaign:"),
    PRESENT,
    st.Page("pages/explore.py", title=t("nav.explore"), icon=":material/query_stats:"),
    st.Page("pages/data.py", title=t("nav.data"), icon=":material/upload_file:"),
    st.Page("pages/store.py", title=t("nav.store"), icon=":material/database:"),
]
nav = st.navigation(pages)

ds = data.dataset()
with st.sidebar:
    language.switch()
    signin.sidebar()
    if ds is not None and ds.workspace:
        st.caption(t("app.viewing"))
        st.markdown("**" + t("app.workspace_unpublished") + "**")
    elif ds is not None:
        st.caption(t("app.current_version"))
        st.markdown(f"**{ds.id}**")
        st.text(label_of(ds.version) or t("app.no_label"))  # a user's label: plain text, never markdown
        st.caption(
            t(
                "app.version_line",
                as_of=fmt.date(data.as_of(ds)),
                published=ds.version["created_at"][:16].replace("T", " "),
            )
        )
        if ds.demo_kinds:
            st.badge(widgets.DEMO_LABEL, icon=":material/info:", color="orange")
    screen.touch()
work.workspace_banner(ds)
screen.instance_mark()
nav.run()
