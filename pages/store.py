"""Kho dữ liệu: versions, load log, proposals, union names, settings and sample files."""

import streamlit as st

from sangkien import auth, fmt, tables
from sangkien.ingest import uploads as dataops
from sangkien.ui import auth as ui_auth
from sangkien.ui import page as ui
from sangkien.ui import panels as ui_data
from sangkien.ui import work as ui_work

ui.ensure_navigation()

who = ui_auth.actor()
admin = ui_work.allowed(who, auth.ADMIN)
store = ui_work.store()
ds = ui.dataset()
st.title("Kho dữ liệu")
ui_work.show_flash()
if ds is not None:
    st.caption(ui.version_line(ds))

st.subheader("Các phiên bản")
manifest = store.manifest()
st.dataframe(tables.versions_table(manifest["versions"], manifest["current"]), hide_index=True, width="stretch")
if admin:
    ui_work.rollback_panel(who, manifest["versions"], manifest["current"])
    ui_work.proposals_panel(who, dataops.aliases_frame(ui.published()))

st.subheader("Nhật ký nạp")
log = store.load_log()
st.dataframe(tables.log_table(log), hide_index=True, width="stretch")
with_rejects = [e["attempt"] for e in log if e.get("rejected")]
if with_rejects:
    attempt = st.selectbox("Xem các dòng bị loại của lần nạp", with_rejects, key="store_log_pick")
    rejected = store.log_rejects(attempt)
    st.dataframe(rejected, hide_index=True, width="stretch")
    st.download_button(
        "Tải các dòng bị loại (CSV)",
        tables.to_csv_bytes(rejected),
        file_name=f"dong_bi_loai_lan_{attempt}.csv",
        key="store_log_dl",
    )

if ds is not None:
    unknown = ui.query(ds, "unknown_units")
    st.subheader(f"Đơn vị chưa xác định ({fmt.num(len(unknown))})")
    if unknown.empty:
        st.caption("Mọi đơn vị nêu trong danh sách sáng kiến đều có trong cây đơn vị.")
    else:
        st.caption(
            "Sáng kiến của các đơn vị này vẫn được tính, nhưng đơn vị chưa có trong cây đơn vị. "
            "Thêm tên gọi khác bên dưới nếu đó là cách viết khác của một đơn vị đã có."
        )
        st.dataframe(tables.unknown_units_table(unknown), hide_index=True, width="stretch")

    st.subheader("Tên gọi khác của đơn vị")
    st.caption("Mỗi dòng quy một cách viết về tên chuẩn; ghi đơn vị cấp trên khi tên cơ sở trùng ở nhiều nơi.")
    if admin:
        edited = st.data_editor(
            dataops.aliases_frame(ds), num_rows="dynamic", hide_index=True, width="stretch", key="store_aliases"
        )
        if st.button("Lưu tên gọi khác và xuất bản", key="store_aliases_save"):
            ui_work.publish([dataops.aliases_staged(edited)], who, "Cập nhật tên gọi khác")
    else:
        st.dataframe(dataops.aliases_frame(ds), hide_index=True, width="stretch")

if admin:
    ui_data.settings_form(who, store)

st.subheader("Tệp mẫu")
st.caption("Mỗi loại dữ liệu một tệp mẫu với tiêu đề cột chuẩn.")
grid = st.columns(3)
for j, (label, sample) in enumerate(ui_data.sample_files()):
    grid[j % 3].download_button(
        label,
        sample.read_bytes(),
        file_name=sample.name,
        icon=":material/download:",
        key=f"store_sample_{sample.stem}",
        width="stretch",
    )
