"""Nạp dữ liệu: upload exports, check and correct them, publish a version."""

import streamlit as st

from sangkien import dataops, names, tables, ui, ui_data
from sangkien.readers import SUPPORTED
from sangkien.store import PublishError, Store

ui.ensure_navigation()

store = Store()
ds = ui.dataset()
st.title("Nạp dữ liệu")
st.caption(
    "Nạp tệp xuất từ phần mềm Sáng kiến hoặc bảng tính của liên đoàn, kiểm tra, sửa cách ghép cột, "
    "rồi xuất bản thành một phiên bản mới cho mọi người dùng."
)

files = st.file_uploader(
    "Chọn tệp (CSV, Excel, Parquet)", type=[s.lstrip(".") for s in SUPPORTED], accept_multiple_files=True, key="data_up"
)
ui_data.uploader_limits()
fixes = st.session_state.setdefault("data_fixes", {})
uploads = [
    (f.file_id, s)
    for f in files or []
    for s in ui_data.staged_upload(f, fixes.setdefault(f.file_id, {}), store.stage_options())
]
staged = [s for _, s in uploads]
if not staged:
    st.info("Chọn một hoặc nhiều tệp để bắt đầu. Tệp mẫu của từng loại dữ liệu có ở trang Kho dữ liệu.")
    st.stop()

st.subheader("Kiểm tra trước khi xuất bản")
st.dataframe(tables.staged_counts(staged), hide_index=True, width="stretch")
for i, (file_id, s) in enumerate(uploads):
    title = s.file + (f" · trang {s.sheet}" if s.sheet else "")
    with st.expander(
        title,
        expanded=bool(s.error or s.rejected or any(not c["ok"] for c in s.total_checks)),
        icon=":material/description:",
    ):
        ui_data.staged_details(s, i, fixes[file_id].setdefault(s.sheet or "", {}))

suggestions = names.suggest(dataops.unit_names(staged), dataops.known_names(ds))
chosen = []
if len(suggestions):
    st.subheader("Tên đơn vị gần giống")
    st.caption(
        "Các tên dưới đây chưa có trong danh sách đơn vị nhưng gần giống một đơn vị đã có. "
        "Chọn những cặp là cùng một đơn vị; tên không chọn được giữ là đơn vị riêng."
    )
    st.dataframe(tables.suggestions_table(suggestions), hide_index=True, width="stretch")
    pairs = [f"{r.name} → {r.suggestion}" for r in suggestions.itertuples()]
    chosen = st.multiselect("Có phải là …? Chọn các cặp là cùng một đơn vị", pairs, key="data_suggest")
accepted = suggestions[[p in chosen for p in (f"{r.name} → {r.suggestion}" for r in suggestions.itertuples())]]

label = st.text_input("Nhãn của phiên bản", placeholder="Ví dụ: Số liệu đến 30/09/2023", key="data_label")
if st.button("Xuất bản", type="primary", icon=":material/publish:", key="data_publish"):
    extra = [dataops.aliases_staged(ui_data.merged_aliases(ds, accepted))] if len(accepted) else []
    try:
        chosen_sheets = [s for i, s in enumerate(staged) if st.session_state.get(f"data_use_{i}", True)]
        meta = store.publish(chosen_sheets + extra, label=label or None)
    except PublishError as exc:
        st.error(str(exc))
        ui_data.technical_detail(exc.detail)
    else:
        st.session_state.pop("data_fixes", None)
        st.success(f"Đã xuất bản phiên bản {meta['id']}.")
