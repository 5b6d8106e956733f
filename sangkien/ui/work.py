"""What the data pages do for a signed-in user: private workspaces, proposals, publishing, rollback.

Every action passes the verified actor to the package function that does it; those functions
check the role themselves, so a control shown by mistake still cannot publish.
"""

from __future__ import annotations

import streamlit as st

from sangkien import auth, fmt
from sangkien.i18n import t
from sangkien.ingest.staging import Staged, StageOptions
from sangkien.store.proposals import Proposals, Upload
from sangkien.store.reading import Dataset, forget
from sangkien.store.versions import PublishError, Store, store_dir
from sangkien.store.workspaces import WorkspaceError, Workspaces
from sangkien.ui.data import WORKSPACE_KEY
from sangkien.ui.upload import technical_detail


def store() -> Store:
    """The store's writer: used only here, where each action names its actor."""
    return Store(store_dir())


def stage_options(ds: Dataset | None) -> StageOptions:
    """Options for reading an upload: the settings of the data in use, else of the store."""
    return StageOptions.from_settings(ds.settings if ds is not None else store().settings())


def flash(message: str) -> None:
    """A success message that outlives the rerun an action makes."""
    st.session_state["_flash"] = message


def show_flash() -> None:
    if message := st.session_state.pop("_flash", None):
        st.success(message)


def allowed(who: auth.Actor | None, role: str) -> bool:
    return who is not None and auth.RANKS[who.role] >= auth.RANKS[role]


def _report(action) -> object:
    """Run ``action``; show a refusal or a failure as a message instead of raising."""
    try:
        return action()
    except auth.Forbidden as exc:
        st.error(str(exc))
    except (PublishError, WorkspaceError) as exc:
        st.error(str(exc))
        technical_detail(getattr(exc, "detail", None))
    return None


def open_workspace(staged: list[Staged], who: auth.Actor) -> None:
    previous = st.session_state.get(WORKSPACE_KEY)
    with st.spinner(t("work.writing_workspace"), show_time=True):  # a national export takes a few seconds
        meta = _report(lambda: Workspaces(store()).create(staged, who))
    if meta:
        if previous:
            discard_workspace(previous)
        st.session_state[WORKSPACE_KEY] = meta["id"]
        st.rerun()


def discard_workspace(wid: str | None = None) -> None:
    wid = wid or st.session_state.pop(WORKSPACE_KEY, None)
    if wid:
        spaces = Workspaces(store())
        forget(spaces.path(wid))
        spaces.discard(wid)


def workspace_banner(ds: Dataset | None) -> None:
    """On every page while the session looks at its own data: say so, and the way back."""
    if ds is None or not ds.workspace:
        return
    with st.container(border=True):
        st.markdown(":orange-badge[:material/lock: " + t("work.banner") + "]")
        left, right = st.columns(2)
        if left.button(t("work.back_to_published"), key="ws_back", icon=":material/undo:"):
            st.session_state.pop(WORKSPACE_KEY, None)
            st.rerun()
        if right.button(t("work.discard_workspace"), key="ws_discard", icon=":material/delete:"):
            discard_workspace()
            st.rerun()


def send_for_review(uploads: list[Upload], accepted: list[dict], who: auth.Actor, note: str) -> None:
    record = _report(lambda: Proposals(store()).submit(uploads, accepted, who, note))
    if record:
        st.success(t("work.sent_for_review"))


def publish(staged: list[Staged], who: auth.Actor, label: str | None) -> dict | None:
    with st.spinner(t("work.writing_version"), show_time=True):  # a national export takes a few seconds
        meta = _report(lambda: store().publish(staged, actor=who, label=label))
    if meta:
        discard_workspace()
        st.success(t("work.published", version=meta["id"]))
    return meta


def proposals_panel(who: auth.Actor, aliases) -> None:
    """Administrators: the proposals sent for review, each to look at, publish or discard."""
    box = Proposals(store())
    items = box.list()
    st.subheader(t("work.proposals_title", count=fmt.num(len(items))))
    if not items:
        st.caption(t("work.no_proposals"))
        return
    for record in items:
        files = ", ".join(f["name"] for f in record["files"])
        with st.expander(f"{record['by']} · {record['created_at'][:16].replace('T', ' ')} · {files}"):
            st.text(record["note"] or t("work.no_note"))
            if warning := box.stale(record["id"]):
                st.warning(t("work.stale", warning=warning))
            a, b, c = st.columns(3)
            if a.button(t("work.open_proposal"), key=f"pr_open_{record['id']}"):
                staged = box.stage(record["id"], stage_options(None), aliases)
                open_workspace(staged, who)
            if b.button(t("work.publish"), key=f"pr_pub_{record['id']}", type="primary"):
                meta = _report(lambda rid=record["id"]: box.publish(rid, who, aliases))
                if meta:
                    flash(t("work.published", version=meta["id"]))
                    st.rerun()
            if c.button(t("work.discard_proposal"), key=f"pr_drop_{record['id']}"):
                _report(lambda rid=record["id"]: box.discard(rid, who))
                st.rerun()


def rollback_panel(who: auth.Actor, versions: list[dict], current: str | None) -> None:
    older = [v["id"] for v in reversed(versions) if v["id"] != current]
    if not older:
        return
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    vid = left.selectbox(t("work.rollback_pick"), older, key="store_rollback_pick")
    if right.button(t("work.rollback"), key="store_rollback", icon=":material/history:"):
        meta = _report(lambda: store().rollback(vid, who))
        if meta:
            flash(t("work.rolled_back", version=vid, current=meta["id"]))
            st.rerun()
