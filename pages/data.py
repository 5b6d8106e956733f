"""Nạp dữ liệu: upload exports, check and correct them, see them privately, send them for review, publish."""

import streamlit as st

from sangkien import auth, tables
from sangkien.ingest import names, uploads
from sangkien.ingest.readers import SUPPORTED
from sangkien.store.proposals import Upload
from sangkien.ui import auth as signin
from sangkien.ui import columns, data, upload, widgets, work

widgets.ensure_navigation()

who = signin.actor()
ds = data.dataset()
st.title("Nạp dữ liệu")
if not work.allowed(who, auth.ANALYST):
    st.info("Nạp dữ liệu dành cho phân tích viên và quản trị viên: hãy đăng nhập.")
    signin.sign_in_form("data_auth")
    st.stop()
st.caption(
    "Nạp tệp xuất từ phần mềm Sáng kiến hoặc bảng tính của liên đoàn, kiểm tra, sửa cách ghép cột, "
    "xem trước trên mọi trang như dữ liệu riêng, rồi gửi duyệt hoặc xuất bản cho mọi người dùng."
)

files = st.file_uploader(
    "Chọn tệp (CSV, Excel, Parquet)", type=[s.lstrip(".") for s in SUPPORTED], accept_multiple_files=True, key="data_up"
)
upload.uploader_limits()
fixes = st.session_state.setdefault("data_fixes", {})
options = work.stage_options(ds)
loaded = [(f, s) for f in files or [] for s in upload.staged_upload(f, fixes.setdefault(f.file_id, {}), options)]
staged = [s for _, s in loaded]
if not staged:
    st.info("Chọn một hoặc nhiều tệp để bắt đầu. Tệp mẫu của từng loại dữ liệu có ở trang Kho dữ liệu.")
    st.stop()

st.subheader("Kiểm tra trước khi xuất bản")
columns.show(tables.staged_counts(staged))
for i, (f, s) in enumerate(loaded):
    title = s.file + (f" · trang {s.sheet}" if s.sheet else "")
    with st.expander(
        title,
        expanded=bool(s.error or s.rejected or any(not c["ok"] for c in s.total_checks)),
        icon=":material/description:",
    ):
        upload.staged_details(s, i, fixes[f.file_id].setdefault(s.sheet or "", {}))

suggestions = names.suggest(uploads.unit_names(staged), upload.known_names(ds))
chosen = []
if len(suggestions):
    st.subheader("Tên đơn vị gần giống")
    st.caption(
        "Các tên dưới đây chưa có trong danh sách đơn vị nhưng gần giống một đơn vị đã có. "
        "Chọn những cặp là cùng một đơn vị; tên không chọn được giữ là đơn vị riêng."
    )
    columns.show(tables.suggestions_table(suggestions))
    pairs = [f"{r.name} → {r.suggestion}" for r in suggestions.itertuples()]
    chosen = st.multiselect("Có phải là …? Chọn các cặp là cùng một đơn vị", pairs, key="data_suggest")
accepted = suggestions[[p in chosen for p in (f"{r.name} → {r.suggestion}" for r in suggestions.itertuples())]]
used = [s for i, (_, s) in enumerate(loaded) if st.session_state.get(f"data_use_{i}", True)]
extra = [uploads.aliases_staged(upload.merged_aliases(ds, accepted))] if len(accepted) else []

st.subheader("Xem trước, gửi duyệt, xuất bản")
label = st.text_input("Nhãn hoặc ghi chú", placeholder="Ví dụ: Số liệu đến 30/09/2023", key="data_label")
left, middle, right = st.columns(3)
if left.button(
    "Xem trước",
    icon=":material/visibility:",
    key="data_workspace",
    help="Xem dữ liệu này trên mọi trang như dữ liệu riêng; chỉ bạn thấy cho tới khi được xuất bản.",
):
    work.open_workspace(used + extra, who)
if middle.button("Gửi duyệt", icon=":material/send:", key="data_review"):
    skipped = {f.file_id: [s.sheet for i, (g, s) in enumerate(loaded) if g is f and s not in used] for f, _ in loaded}
    sent = [
        Upload(f.name, f.getvalue(), fixes[f.file_id], skipped[f.file_id]) for f in dict.fromkeys(f for f, _ in loaded)
    ]
    pairs = [{"name": r.name, "suggestion": r.suggestion} for r in accepted.itertuples()]
    work.send_for_review(sent, pairs, who, label)
if work.allowed(who, auth.ADMIN) and right.button(
    "Xuất bản", type="primary", icon=":material/publish:", key="data_publish"
):
    if work.publish(used + extra, who, label or None):
        st.session_state.pop("data_fixes", None)
