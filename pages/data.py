"""Dữ liệu: upload exports, check them, publish a version; versions and load log."""

from pathlib import Path

import streamlit as st

from sangkien import fmt, tables, ui
from sangkien.ingest import stage_bytes
from sangkien.readers import SUPPORTED
from sangkien.store import PublishError, Store

store = Store()
st.title("Dữ liệu")
st.caption(
    "Nạp tệp xuất từ phần mềm Sáng kiến hoặc bảng tính của liên đoàn, kiểm tra rồi xuất bản "
    "thành một phiên bản mới cho mọi người dùng."
)

files = st.file_uploader(
    "Chọn tệp (CSV, Excel .xlsx, Parquet)",
    type=[s.lstrip(".") for s in SUPPORTED],
    accept_multiple_files=True,
    key="data_up",
)
staged = []
for f in files or []:
    key = f"data_staged_{f.file_id}"
    if key not in st.session_state:
        st.session_state[key] = stage_bytes(f.name, f.getvalue())
    staged += st.session_state[key]

if staged:
    st.subheader("Kiểm tra trước khi xuất bản")
    st.dataframe(tables.staged_counts(staged), hide_index=True, width="stretch")
    for i, s in enumerate(staged):
        title = f"{s.file}" + (f" · trang {s.sheet}" if s.sheet else "")
        with st.expander(title, expanded=bool(s.error or s.rejected), icon=":material/description:"):
            if s.error:
                st.error(s.error)
                continue
            for note in s.notes:
                st.caption(note)
            st.dataframe(tables.mapping_table(s), hide_index=True, width="stretch")
            if s.rejected:
                st.warning(f"{fmt.num(s.rejected)} dòng bị loại; các dòng này được giữ trong nhật ký nạp.")
                st.dataframe(tables.rejects_table(s), hide_index=True, width="stretch")
                st.download_button(
                    "Tải các dòng bị loại (CSV)",
                    tables.to_csv_bytes(tables.rejects_table(s)),
                    file_name=f"dong_bi_loai_{Path(s.file).stem}.csv",
                    mime="text/csv",
                    key=f"data_rej_{i}",
                )
    label = st.text_input("Nhãn của phiên bản", placeholder="Ví dụ: Số liệu đến 30/09/2023", key="data_label")
    if st.button("Xuất bản", type="primary", icon=":material/publish:", key="data_publish"):
        try:
            meta = store.publish(staged, label=label or None)
        except PublishError as exc:
            st.error(str(exc))
        else:
            for f in files:
                st.session_state.pop(f"data_staged_{f.file_id}", None)
            st.success(f"Đã xuất bản phiên bản {meta['id']}.")

st.subheader("Đơn vị chủ quản")
home = store.settings().get("home_unit")
new_home = st.text_input("Liên đoàn của bảng điều khiển này", value=home or "", key="data_home")
if new_home and new_home != home and st.button("Lưu đơn vị chủ quản", key="data_home_save"):
    store.set_home(new_home)
    st.rerun()

st.subheader("Các phiên bản")
manifest = store.manifest()
st.dataframe(tables.versions_table(manifest["versions"], manifest["current"]), hide_index=True, width="stretch")

st.subheader("Nhật ký nạp")
log = store.load_log()
st.dataframe(tables.log_table(log), hide_index=True, width="stretch")
with_rejects = [e["attempt"] for e in log if e.get("rejected")]
if with_rejects:
    attempt = st.selectbox("Xem các dòng bị loại của lần nạp", with_rejects, key="data_log_pick")
    rejected = store.log_rejects(attempt)
    st.dataframe(rejected, hide_index=True, width="stretch")
    st.download_button(
        "Tải các dòng bị loại (CSV)",
        tables.to_csv_bytes(rejected),
        file_name=f"dong_bi_loai_lan_{attempt}.csv",
        mime="text/csv",
        key="data_log_dl",
    )

st.subheader("Tệp mẫu")
st.caption("Mỗi loại dữ liệu một tệp mẫu với tiêu đề cột chuẩn.")
for sample in ui.sample_files():
    st.download_button(sample.name, sample.read_bytes(), file_name=sample.name, key=f"data_sample_{sample.stem}")
