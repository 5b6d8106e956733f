"""Kho dữ liệu: versions, load log, union names, settings and sample files."""

import streamlit as st

from sangkien import dataops, fmt, tables, ui, ui_data
from sangkien.store import Store

ui.ensure_navigation()

store = Store()
ds = ui.dataset()
st.title("Kho dữ liệu")
if ds is not None:
    st.caption(ui.version_line(ds))

st.subheader("Các phiên bản")
manifest = store.manifest()
st.dataframe(tables.versions_table(manifest["versions"], manifest["current"]), hide_index=True, width="stretch")

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
    edited = st.data_editor(
        dataops.aliases_frame(ds), num_rows="dynamic", hide_index=True, width="stretch", key="store_aliases"
    )
    if st.button("Lưu tên gọi khác và xuất bản", key="store_aliases_save"):
        meta = store.publish([dataops.aliases_staged(edited)], label="Cập nhật tên gọi khác")
        st.success(f"Đã xuất bản phiên bản {meta['id']}.")

st.subheader("Cài đặt")
home = store.settings().get("home_unit")
new_home = st.text_input("Đơn vị chủ quản (liên đoàn của bảng điều khiển này)", value=home or "", key="store_home")
start, end = store.stage_options().programme
period = st.date_input(
    "Thời gian chương trình (ngày nộp ngoài khoảng này bị loại khi nạp)",
    value=(fmt.to_date(start), fmt.to_date(end)),
    format="DD/MM/YYYY",
    key="store_period",
)
bands = st.text_input(
    "Các mức giá trị làm lợi (tỷ đồng, cách nhau bằng dấu chấm phẩy)",
    value="; ".join(fmt.num(b / 1e9, 1).removesuffix(",0") for b in ui.band_edges()),
    key="store_bands",
)
if st.button("Lưu cài đặt", key="store_settings_save"):
    edges = ui_data.parse_band_edges(bands)
    if edges is None:
        st.error("Các mức giá trị làm lợi phải là số tỷ đồng, ví dụ: 100; 10; 3; 1")
    else:
        store.update_settings(
            home_unit=new_home or None,
            programme_start=str(period[0]),
            programme_end=str(period[-1]),
            benefit_bands=edges,
        )
        st.success("Đã lưu cài đặt.")


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
