"""Nạp dữ liệu: upload exports, check and correct them, see them privately, send them for review, publish."""

import streamlit as st

from sangkien import auth, fmt, tables
from sangkien.i18n import t
from sangkien.ingest import names, uploads
from sangkien.ingest.readers import SUPPORTED
from sangkien.store.proposals import Upload
from sangkien.ui import auth as signin
from sangkien.ui import columns, data, upload, widgets, work

widgets.ensure_navigation()

who = signin.actor()
ds = data.dataset()
st.title(t("data.title"))
if not work.allowed(who, auth.ANALYST):
    st.info(t("data.sign_in_needed"))
    signin.sign_in_form("data_auth")
    st.stop()
st.caption(t("data.intro"))

files = st.file_uploader(
    t("data.choose_files"), type=[s.lstrip(".") for s in SUPPORTED], accept_multiple_files=True, key="data_up"
)
upload.uploader_limits()
fixes = st.session_state.setdefault("data_fixes", {})
options = work.stage_options(ds)
loaded = [(f, s) for f in files or [] for s in upload.staged_upload(f, fixes.setdefault(f.file_id, {}), options)]
staged = [s for _, s in loaded]
if not staged:
    st.info(t("data.start_hint"))
    st.stop()

st.subheader(t("data.check_title"))
columns.show(tables.staged_counts(staged))
for i, (f, s) in enumerate(loaded):
    title = t("data.file_sheet", file=s.file, sheet=s.sheet) if s.sheet else s.file
    with st.expander(
        title,
        expanded=bool(s.error or s.rejected or any(not c["ok"] for c in s.total_checks)),
        icon=":material/description:",
    ):
        upload.staged_details(s, i, fixes[f.file_id].setdefault(s.sheet or "", {}))

suggestions = names.suggest(uploads.unit_names(staged), upload.known_names(ds))
chosen = []
if len(suggestions):
    st.subheader(t("data.similar_title"))
    st.caption(t("data.similar_caption"))
    columns.show(tables.suggestions_table(suggestions))
    pairs = [f"{r.name} → {r.suggestion}" for r in suggestions.itertuples()]
    chosen = st.multiselect(
        t("data.similar_pick"), pairs, key="data_suggest", placeholder=t("data.similar_placeholder")
    )
accepted = suggestions[[p in chosen for p in (f"{r.name} → {r.suggestion}" for r in suggestions.itertuples())]]
used = [s for i, (_, s) in enumerate(loaded) if st.session_state.get(f"data_use_{i}", True)]
extra = [uploads.aliases_staged(upload.merged_aliases(ds, accepted))] if len(accepted) else []

st.subheader(t("data.actions_title"))
label = st.text_input(
    t("data.label"), placeholder=t("data.label_example", date=fmt.date("2023-09-30")), key="data_label"
)
left, middle, right = st.columns(3)
if left.button(
    t("data.preview"),
    icon=":material/visibility:",
    key="data_workspace",
    help=t("data.preview_help"),
):
    work.open_workspace(used + extra, who)
if middle.button(t("data.send_review"), icon=":material/send:", key="data_review"):
    skipped = {f.file_id: [s.sheet for i, (g, s) in enumerate(loaded) if g is f and s not in used] for f, _ in loaded}
    sent = [
        Upload(f.name, f.getvalue(), fixes[f.file_id], skipped[f.file_id]) for f in dict.fromkeys(f for f, _ in loaded)
    ]
    pairs = [{"name": r.name, "suggestion": r.suggestion} for r in accepted.itertuples()]
    work.send_for_review(sent, pairs, who, label)
if work.allowed(who, auth.ADMIN) and right.button(
    t("data.publish"), type="primary", icon=":material/publish:", key="data_publish"
):
    if work.publish(used + extra, who, label or None):
        st.session_state.pop("data_fixes", None)
