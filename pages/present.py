"""Trình chiếu: runs of show for a summary conference — prepare one here, then present it."""

from urllib.parse import urlencode

import streamlit as st

from sangkien import auth, i18n
from sangkien.i18n import t, tn
from sangkien.store.live import new_room
from sangkien.store.reading import open_dataset
from sangkien.store.shows import Show, ShowError, Shows, default_show
from sangkien.ui import auth as signin
from sangkien.ui import present, runs, slides, widgets, work

widgets.ensure_navigation()
if present.presenting():
    present.run()
    st.stop()

store = work.store()
shows = Shows(store)
versions = [v["id"] for v in store.versions()]
st.title(t("present.title"))
work.show_flash()
if not versions:
    st.info(t("present.no_versions_info"))
    st.stop()
st.caption(t("present.intro"))

NEW = t("present.new_show")
if "_pr_saved" in st.session_state:
    st.session_state["pr_show"] = st.session_state.pop("_pr_saved")
chosen = st.selectbox(t("present.show"), [NEW, *shows.names()], key="pr_show")
current = store.manifest().get("current")
if chosen == NEW:
    version = st.selectbox(
        t("present.version"),
        list(reversed(versions)),
        index=0,
        key="pr_version",
        format_func={v: t("present.version_current", version=v) if v == current else v for v in versions}.get,
    )
    ds = open_dataset(None, version)
    base = default_show(version, slides.available(ds))
else:
    base = shows.get(chosen) or default_show(current)
    by = base.by or t("present.by_unknown")
    st.caption(t("present.saved_line", version=base.version, by=by, at=base.saved_at[:16].replace("T", " ")))

run_of_show = runs.edit(
    Show(chosen if chosen != NEW else "", base.version, base.slides), f"pr_slides_{chosen}_{base.version}"
)
total = run_of_show.total_seconds
st.caption(tn("present.run_length", len(run_of_show.slides), minutes=total // 60, seconds=f"{total % 60:02d}"))
runs.preview(run_of_show)

who = signin.actor()
with st.form("pr_save", border=True):
    name = st.text_input(
        t("present.name"), value=run_of_show.name or t("shows.default_name"), max_chars=80, key="pr_name"
    )
    saved = st.form_submit_button(t("present.save"), disabled=not work.allowed(who, auth.ANALYST))
    if not work.allowed(who, auth.ANALYST):
        st.caption(t("present.sign_in_to_save"))
if saved:
    try:
        done = shows.save(Show(name, run_of_show.version, run_of_show.slides), who)
    except (ShowError, auth.Forbidden) as exc:
        st.error(str(exc))
    else:
        work.flash(tn("present.saved", len(done.slides), name=done.name, version=done.version))
        st.session_state["_pr_saved"] = done.name  # chosen in the list on the rerun, before the list is drawn
        st.rerun()

st.subheader(t("present.start"))
if chosen == NEW:
    st.caption(t("present.unsaved_note"))
room = st.session_state.setdefault("pr_room", new_room())
address = {"present": "1", "room": room, **({"show": chosen} if chosen != NEW else {"version": base.version})}
if i18n.lang() != i18n.DEFAULT:  # the hall's and the presenter's windows speak the session's language
    address["lang"] = i18n.lang()
c = st.columns(2)
c[0].link_button(t("present.open_hall"), "?" + urlencode(address), type="primary", width="stretch")
c[1].link_button(t("present.open_notes"), "?" + urlencode({**address, "notes": "1"}), width="stretch")
st.caption(t("present.two_windows"))
