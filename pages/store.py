"""Kho dữ liệu: versions, load log, proposals, union names, settings and sample files."""

import streamlit as st

from sangkien import auth, fmt, tables
from sangkien.ingest import uploads
from sangkien.ui import auth as signin
from sangkien.ui import columns, data, settings, upload, widgets, work

widgets.ensure_navigation()

who = signin.actor()
admin = work.allowed(who, auth.ADMIN)
store = work.store()
ds = data.dataset()
st.title("Kho dữ liệu")
work.show_flash()
if ds is not None:
    st.caption(data.version_line(ds))

st.subheader("Các phiên bản")
manifest = store.manifest()
columns.show(tables.versions_table(manifest["versions"], manifest["current"]))
if admin:
    work.rollback_panel(who, manifest["versions"], manifest["current"])
    work.proposals_panel(who, upload.aliases_frame(data.published()))

st.subheader("Nhật ký nạp")
log = store.load_log()
columns.show(tables.log_table(log))
with_rejects = [e["attempt"] for e in log if e.get("rejected")]
if with_rejects:
    attempt = st.selectbox("Xem các dòng bị loại của lần nạp", with_rejects, key="store_log_pick")
    rejected = tables.rejected_rows(store.log_rejects(attempt))
    columns.show(rejected)
    st.download_button(
        "Tải các dòng bị loại (CSV)",
        tables.to_csv_bytes(rejected),
        file_name=f"dong_bi_loai_lan_{attempt}.csv",
        key="store_log_dl",
    )

if ds is not None:
    unknown = data.query(ds, "unknown_units")
    st.subheader(f"Đơn vị chưa xác định ({fmt.num(len(unknown))})")
    if unknown.empty:
        st.caption("Mọi đơn vị nêu trong danh sách sáng kiến đều có trong cây đơn vị.")
    else:
        st.caption(
            "Sáng kiến của các đơn vị này vẫn được tính, nhưng đơn vị chưa có trong cây đơn vị. "
            "Thêm tên gọi khác bên dưới nếu đó là cách viết khác của một đơn vị đã có."
        )
        columns.show(tables.unknown_units_table(unknown))

    st.subheader("Tên gọi khác của đơn vị")
    st.caption("Mỗi dòng quy một cách viết về tên chuẩn; ghi đơn vị cấp trên khi tên cơ sở trùng ở nhiều nơi.")
    if admin:
        edited = st.data_editor(
            upload.aliases_frame(ds), num_rows="dynamic", hide_index=True, width="stretch", key="store_aliases"
        )
        if st.button("Lưu tên gọi khác và xuất bản", key="store_aliases_save"):
            work.publish([uploads.aliases_staged(edited)], who, "Cập nhật tên gọi khác")
    else:
        columns.show(upload.aliases_frame(ds))

if admin:
    settings.settings_form(who, store)

st.subheader("Tệp mẫu")
st.caption("Mỗi loại dữ liệu một tệp mẫu với tiêu đề cột chuẩn.")
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
