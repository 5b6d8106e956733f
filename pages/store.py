"""Kho dữ liệu: versions, load log, proposals, union names, settings and sample files."""

import streamlit as st

from sangkien import auth, fmt, tables
from sangkien.i18n import t
from sangkien.ingest import schema, uploads
from sangkien.ui import auth as signin
from sangkien.ui import columns, data, settings, upload, widgets, work

widgets.ensure_navigation()

who = signin.actor()
admin = work.allowed(who, auth.ADMIN)
store = work.store()
ds = data.dataset()
st.title(t("store_page.title"))
work.show_flash()
if ds is not None:
    st.caption(data.version_line(ds))

st.subheader(t("store_page.versions"))
manifest = store.manifest()
columns.show(tables.versions_table(manifest["versions"], manifest["current"]))
if admin:
    work.rollback_panel(who, manifest["versions"], manifest["current"])
    work.proposals_panel(who, upload.aliases_frame(data.published()))

st.subheader(t("store_page.load_log"))
log = store.load_log()
columns.show(tables.log_table(log))
with_rejects = [e["attempt"] for e in log if e.get("rejected")]
if with_rejects:
    attempt = st.selectbox(t("store_page.rejects_pick"), with_rejects, key="store_log_pick")
    rejected = tables.rejected_rows(store.log_rejects(attempt))
    columns.show(rejected)
    st.download_button(
        t("store_page.rejects_download"),
        tables.to_csv_bytes(rejected),
        file_name=t("store_page.rejects_file", attempt=attempt),
        key="store_log_dl",
    )

if ds is not None:
    unknown = data.query(ds, "unknown_units")
    unknown = unknown.assign(level=unknown["level"].map(schema.level_label))  # the query gives codes
    st.subheader(t("store_page.unknown_title", count=fmt.num(len(unknown))))
    if unknown.empty:
        st.caption(t("store_page.unknown_none"))
    else:
        st.caption(t("store_page.unknown_caption"))
        columns.show(tables.unknown_units_table(unknown))

    st.subheader(t("store_page.aliases_title"))
    st.caption(t("store_page.aliases_caption"))
    if admin:
        edited = st.data_editor(
            upload.aliases_frame(ds), num_rows="dynamic", hide_index=True, width="stretch", key="store_aliases"
        )
        if st.button(t("store_page.aliases_save"), key="store_aliases_save"):
            work.publish([uploads.aliases_staged(edited)], who, t("store_page.aliases_label"))
    else:
        columns.show(upload.aliases_frame(ds))

if admin:
    settings.settings_form(who, store)

st.subheader(t("store_page.samples_title"))
st.caption(t("store_page.samples_caption"))
grid = st.columns(3)
for j, (label, sample) in enumerate(upload.sample_files()):
    grid[j % 3].download_button(
        label,
        sample.read_bytes(),
        file_name=sample.name,
        icon=":material/download:",
        key=f"store_sample_{sample.stem}",
        width="stretch",
    )
