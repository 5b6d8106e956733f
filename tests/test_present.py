"""Presentation mode: the slide logic (order, durations, clock, frozen version, keys) on the demo."""

import time

import pytest
from streamlit.testing.v1 import AppTest

from sangkien.analysis.summary import headline
from sangkien.store.live import Live, Position, move, tick
from sangkien.store.reading import open_dataset
from sangkien.store.shows import SLIDES, Show, Shows, Slide
from sangkien.store.versions import Store
from sangkien.ui import slides

from .conftest import ADMIN, ANALYST, ROOT, sign_in

ROOM = "0123456789ab"


# -- the position: pure logic ------------------------------------------------------------
def test_a_slide_moves_on_when_its_own_time_is_up_and_not_before():
    durations = [10, 40, 5]
    pos = Position(started=100.0)
    assert not tick(pos, durations, 109.9) and pos.index == 0
    assert tick(pos, durations, 110.0) and (pos.index, pos.started) == (1, 110.0)
    assert not tick(pos, durations, 149.0) and pos.index == 1  # the second slide has 40 s, not 10
    assert tick(pos, durations, 150.0) and pos.index == 2
    assert not tick(pos, durations, 999.0) and pos.index == 2  # the last slide stays up


def test_pausing_freezes_the_time_left_and_resuming_counts_on():
    durations = [30, 30]
    pos = Position(started=0.0)
    pos.pause(10.0)
    assert pos.left(30, 500.0) == 20.0
    assert not tick(pos, durations, 500.0)  # a paused show never moves on its own
    pos.resume(500.0)
    assert pos.left(30, 510.0) == 10.0
    assert tick(pos, durations, 520.0) and pos.index == 1


def test_moving_by_hand_gives_the_slide_its_full_time_and_stays_in_the_run():
    pos = Position(started=0.0)
    move(pos, [20, 20, 20], 1, 15.0)
    assert (pos.index, pos.left(20, 15.0)) == (1, 20.0)
    move(pos, [20, 20, 20], -5, 16.0)
    assert pos.index == 0
    move(pos, [20, 20, 20], 9, 17.0)
    assert pos.index == 2


def test_a_press_moves_the_show_once_even_when_two_windows_see_it():
    pos = Position(started=0.0)
    for _seen_twice in range(2):  # the same press from the slide shown (0), handled twice
        move(pos, [20, 20, 20], 1, 5.0, seen=0)
    assert pos.index == 1
    move(pos, [20, 20, 20], 1, 6.0, seen=1)
    assert pos.index == 2


def test_two_windows_ticking_in_the_same_second_move_the_show_by_one_slide(tmp_path):
    live = Live(tmp_path)
    live.update(ROOM, lambda p: None, 100.0)
    for _window in range(2):
        live.update(ROOM, lambda p: tick(p, [5, 5, 5], 105.0), 105.0)
    assert live.get(ROOM).index == 1


def test_rooms_nobody_moved_for_a_week_are_swept_when_a_new_one_opens(tmp_path):
    import os

    from sangkien.store.live import KEEP_SECONDS

    live = Live(tmp_path)
    live.update("aaaaaaaaaaaa", lambda p: None, 100.0)
    live.update("bbbbbbbbbbbb", lambda p: None, 100.0)
    old = time.time() - KEEP_SECONDS - 60
    os.utime(live.dir / "aaaaaaaaaaaa.json", (old, old))
    live.update("bbbbbbbbbbbb", lambda p: None, time.time())  # an existing room: nothing swept
    assert live.get("aaaaaaaaaaaa") is not None
    live.update("cccccccccccc", lambda p: None, time.time())
    assert live.get("aaaaaaaaaaaa") is None and live.get("bbbbbbbbbbbb") is not None


def test_a_room_name_is_checked_before_it_becomes_a_file(tmp_path):
    with pytest.raises(ValueError):
        Live(tmp_path).update("../../etc/passwd", lambda p: None, 0.0)
    assert Live(tmp_path).get("../../etc/passwd") is None
    assert Live(tmp_path).get("ffffffffffff") is None
    assert not (tmp_path.parent / "etc").exists()


# -- the slides and the page ----------------------------------------------------------
def presenting(query: dict, actor=None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for k, v in query.items():
        at.query_params[k] = v
    if actor is not None:
        sign_in(at, at_store(), actor)
    at.run()
    assert not at.exception, at.exception
    return at


def at_store():
    import os

    return os.environ["SANGKIEN_DB"]


def footer(at) -> str:
    return next(m.value for m in at.markdown if "Phiên bản" in m.value)


def test_every_slide_of_the_demo_has_its_figures(demo_copy):
    ds = open_dataset(demo_copy)
    built = {k: slides.build(k, ds, 600) for k in SLIDES}
    assert not [k for k, c in built.items() if c.empty]
    assert built["headline"].title == "LĐLĐ thành phố Hà Nội: 201.129 sáng kiến"
    assert dict(built["headline"].figures) == {
        "Sáng kiến": "201.129",
        "Đạt chỉ tiêu giao": "230%",
        "Đạt số đăng ký": "155%",
        "Xếp hạng toàn quốc": "2/82",
    }
    assert built["ranking"].title == "LĐLĐ thành phố Hà Nội xếp thứ 2/82 với 201.129 sáng kiến"
    assert built["benefits"].title == "Giá trị làm lợi 3.512 tỷ đồng từ 44.248 sáng kiến"
    assert built["contest"].title.startswith("Hội thi: 11 nghề, 111 thí sinh đạt giải")
    assert built["awards"].title == "223 tập thể, cá nhân được khen thưởng"
    names = [n for _, group in built["honours"].names for n in group]
    assert "LĐLĐ quận Hoàng Mai" in names and all("Phạm" not in n for n in names)  # units, not people
    # the national race: one frame per reported as-of date (30/06 in v0001, 01/09 in v0002)
    race = built["race_national"].chart
    assert [f.name for f in race.frames] == ["30/06/2023", "01/09/2023"]
    for c in built.values():  # hall-sized text everywhere on the charts
        if c.chart is not None:
            assert c.chart.layout.font.size >= 24
            assert all(t.textfont.size is None or t.textfont.size >= 24 for t in c.chart.data)


def test_slides_of_a_store_without_their_data_say_what_is_missing(store_dir):
    from .test_pages_inline import CONTEST_ROWS, build

    build(store_dir, ("ket_qua_hoi_thi.csv", CONTEST_ROWS))
    ds = open_dataset(store_dir)
    assert slides.build("headline", ds).empty and slides.build("race_national", ds).empty
    assert slides.build("ranking", ds).line == "Phiên bản này chưa có số liệu của các đơn vị toàn quốc."
    assert not slides.build("contest", ds).empty
    at = presenting({"present": "1"})
    # the usual run keeps the slides it has data for: 2 trades, 3 winners, 5 + 3 + 5 triệu
    assert at.title[0].value == "Hội thi: 2 nghề, 3 thí sinh đạt giải, 13 triệu đồng tiền thưởng"
    assert "Trang 1/1" in footer(at)


def test_present_mode_shows_one_slide_with_the_footer_and_nothing_else(demo_copy):
    at = presenting({"present": "1"})
    assert at.title[0].value == "LĐLĐ thành phố Hà Nội: 201.129 sáng kiến"
    assert footer(at).replace("\\", "") == (
        "LĐLĐ thành phố Hà Nội · Số liệu đến 01/09/2023 · Phiên bản v0002 · Dữ liệu minh họa · Trang 1/12"
    )
    assert {m.label: m.value for m in at.metric}["Sáng kiến"] == "201.129"
    assert len(at.sidebar.children) == 0  # no menu, no sign-in, no version picker
    texts = " ".join(str(e.value) for e in [*at.markdown, *at.caption, *at.text] if hasattr(e, "value"))
    assert "Đăng nhập" not in texts and "chưa xuất bản" not in texts
    assert at.query_params["version"] == "v0002"  # frozen in the address
    # a new version goes live during the conference (here: a rollback to v0001): the hall sees no change
    Store(demo_copy).rollback("v0001", ADMIN)
    at.run()
    assert at.title[0].value == "LĐLĐ thành phố Hà Nội: 201.129 sáng kiến"
    assert "Phiên bản v0002" in footer(at)


def test_clicker_keys_are_wired_to_the_buttons(demo_copy):
    at = presenting({"present": "1"})
    keys = {b.key: b.proto.shortcut for b in at.button}  # Streamlit keeps shortcuts in lower case
    assert keys["present_next"] == "right" and keys["present_back"] == "left"
    assert keys["present_next_PageDown"] == "pagedown" and keys["present_next_Space"] == "space"
    assert keys["present_back_PageUp"] == "pageup" and keys["present_pause"] == "p"
    at.button(key="present_next_Space").click().run()
    assert at.title[0].value == "Điểm nổi bật"
    at.button(key="present_next").click().run()
    assert at.title[0].value == "LĐLĐ thành phố Hà Nội xếp thứ 2/82 với 201.129 sáng kiến"
    at.button(key="present_back_PageUp").click().run()
    assert at.title[0].value == "Điểm nổi bật"
    assert "Trang 2/12" in footer(at)
    # the other window (same room) pauses: this one's button offers to resume, and P resumes
    room = at.query_params["room"]
    Live(demo_copy).update(room, lambda p: p.pause(time.time()), time.time())
    at.run()
    assert at.button(key="present_pause").label == "Tiếp tục"
    at.button(key="present_pause").click().run()
    assert Live(demo_copy).get(room).paused_at is None and at.button(key="present_pause").label == "Tạm dừng"


def test_a_saved_run_keeps_its_order_durations_and_version(demo_copy):
    store = Store(demo_copy)
    v1 = open_dataset(demo_copy, "v0001")
    run = Show("Hội nghị", "v0001", [Slide("ranking", 5, "Toàn quốc"), Slide("headline", 30, notes="Cảm ơn")])
    Shows(store).save(run, ANALYST)
    at = presenting({"present": "1", "show": "Hội nghị", "room": ROOM})
    assert at.title[0].value.startswith("LĐLĐ thành phố Hà Nội xếp thứ")  # the run's first slide
    assert [t.value for t in at.text] == ["Toàn quốc"]  # its caption
    assert "Phiên bản v0001" in footer(at) and "Trang 1/2" in footer(at)
    # the first slide's 5 s are over: the clock moves on to the second, which keeps its 30 s
    Live(demo_copy).update(ROOM, lambda p: setattr(p, "started", time.time() - 6), time.time())
    at.run()
    assert not at.exception
    expected = headline(v1)
    assert at.title[0].value == f"LĐLĐ thành phố Hà Nội: {expected['initiatives']:,} sáng kiến".replace(",", ".")
    assert {m.label: m.value for m in at.metric}["Sáng kiến"] != "201.129"  # v0001's figure, not v0002's
    assert Live(demo_copy).get(ROOM).left(30, time.time()) > 25


def test_the_presenter_view_has_the_notes_the_next_title_and_the_time(demo_copy):
    Shows(Store(demo_copy)).save(
        Show("Hội nghị", "v0002", [Slide("headline", 40, notes="Nhấn mạnh Hoàng Mai"), Slide("honours", 20)]), ANALYST
    )
    at = presenting({"present": "1", "notes": "1", "show": "Hội nghị", "room": ROOM})
    assert "Nhấn mạnh Hoàng Mai" in [t.value for t in at.text]
    assert any(m.value == "**Trang sau:** Đơn vị tiêu biểu" for m in at.markdown)
    assert any(m.value.startswith("**còn 0:") for m in at.markdown)


def test_a_missing_show_is_a_message_not_a_traceback(demo_copy):
    at = presenting({"present": "1", "show": "Không có"})
    assert at.error[0].value == "Không có buổi trình chiếu tên “Không có”."


def test_the_editor_saves_for_an_analyst_and_not_for_a_viewer(demo_copy):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/present.py").run()
    assert not at.exception
    assert at.button(key="FormSubmitter:pr_save-Lưu buổi trình chiếu").disabled
    at.selectbox(key="pr_preview").select(2).run()  # a viewer previews the third slide
    assert [h.value for h in at.subheader][0] == "LĐLĐ thành phố Hà Nội xếp thứ 2/82 với 201.129 sáng kiến"
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    sign_in(at, demo_copy, ANALYST)
    at.run()
    at.switch_page("pages/present.py").run()
    at.text_input(key="pr_name").input("Tổng kết 2023")
    at.button(key="FormSubmitter:pr_save-Lưu buổi trình chiếu").click().run()
    assert not at.exception
    saved = Shows(Store(demo_copy)).get("Tổng kết 2023")
    assert saved is not None and saved.by == ANALYST.name and saved.version == "v0002"
    assert [s.kind for s in saved.slides] == list(SLIDES)
    assert at.selectbox(key="pr_show").value == "Tổng kết 2023"  # the page now shows the saved run
    assert at.success[0].value.startswith("Đã lưu buổi trình chiếu “Tổng kết 2023” (12 trang")
