"""Trình chiếu: runs of show for a summary conference — prepare one here, then present it."""

from urllib.parse import urlencode

import streamlit as st

from sangkien import auth, fmt
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
st.title("Trình chiếu")
work.show_flash()
if not versions:
    st.info("Chưa có phiên bản đã xuất bản để trình chiếu. Hãy nạp và xuất bản dữ liệu ở trang Nạp dữ liệu.")
    st.stop()
st.caption(
    "Mỗi buổi trình chiếu dùng số liệu của một phiên bản đã xuất bản: xuất bản thêm trong lúc chiếu không đổi số nào "
    "trên màn hình. Phím bấm: → / PageDown / dấu cách sang trang sau, ← / PageUp về trang trước, P tạm dừng hoặc chạy tiếp."
)

NEW = "(buổi mới, theo mặc định)"
if "_pr_saved" in st.session_state:
    st.session_state["pr_show"] = st.session_state.pop("_pr_saved")
chosen = st.selectbox("Buổi trình chiếu", [NEW, *shows.names()], key="pr_show")
current = store.manifest().get("current")
if chosen == NEW:
    version = st.selectbox(
        "Phiên bản",
        list(reversed(versions)),
        index=0,
        key="pr_version",
        format_func=lambda v: f"{v} (đang dùng)" if v == current else v,
    )
    ds = open_dataset(None, version)
    base = default_show(version, slides.available(ds))
else:
    base = shows.get(chosen) or default_show(current)
    st.caption(f"Phiên bản {base.version} · lưu bởi {base.by or 'không rõ'} lúc {base.saved_at[:16].replace('T', ' ')}")

run_of_show = runs.edit(
    Show(chosen if chosen != NEW else "", base.version, base.slides), f"pr_slides_{chosen}_{base.version}"
)
total = run_of_show.total_seconds
st.caption(f"{fmt.num(len(run_of_show.slides))} trang · tổng thời lượng {total // 60} phút {total % 60:02d} giây")
runs.preview(run_of_show)

who = signin.actor()
with st.form("pr_save", border=True):
    name = st.text_input("Tên buổi trình chiếu", value=run_of_show.name or "Tổng kết", max_chars=80, key="pr_name")
    saved = st.form_submit_button("Lưu buổi trình chiếu", disabled=not work.allowed(who, auth.ANALYST))
    if not work.allowed(who, auth.ANALYST):
        st.caption("Cán bộ phân tích hoặc quản trị đăng nhập để lưu; ai cũng trình chiếu được, không cần đăng nhập.")
if saved:
    try:
        done = shows.save(Show(name, run_of_show.version, run_of_show.slides), who)
    except (ShowError, auth.Forbidden) as exc:
        st.error(str(exc))
    else:
        work.flash(f"Đã lưu buổi trình chiếu “{done.name}” ({len(done.slides)} trang, phiên bản {done.version}).")
        st.session_state["_pr_saved"] = done.name  # chosen in the list on the rerun, before the list is drawn
        st.rerun()

st.subheader("Bắt đầu")
if chosen == NEW:
    st.caption(
        "Buổi chưa lưu chiếu các trang mặc định của phiên bản đã chọn; lưu để chiếu đúng thứ tự, thời lượng và ghi chú đã sửa."
    )
room = st.session_state.setdefault("pr_room", new_room())
address = {"present": "1", "room": room, **({"show": chosen} if chosen != NEW else {"version": base.version})}
c = st.columns(2)
c[0].link_button("Mở trình chiếu (máy chiếu)", "?" + urlencode(address), type="primary", width="stretch")
c[1].link_button("Mở cửa sổ người trình bày", "?" + urlencode({**address, "notes": "1"}), width="stretch")
st.caption("Hai cửa sổ cùng một buổi đi cùng nhau: bấm chuyển trang ở cửa sổ nào cũng được.")
