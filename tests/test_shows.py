"""Runs of show: saved by analysts and administrators, attributed and logged, frozen on their version."""

import pytest

from sangkien.auth import VIEWER, Actor, Forbidden
from sangkien.ingest.staging import stage_bytes
from sangkien.store.shows import SLIDES, Show, ShowError, Shows, Slide, default_show, remaining, step
from sangkien.store.versions import Store

from .conftest import ADMIN, ANALYST

ROWS = "Tên sáng kiến;Đơn vị;Ngày nộp;Trạng thái\nBăng chuyền;CĐCS Công ty Samsung;03/05/2023;Hợp lệ\n"


@pytest.fixture
def store(store_dir) -> Store:
    store = Store(store_dir)
    store.publish(stage_bytes("sk.csv", ROWS.encode()), actor=ADMIN, label="lần 1")
    return store


def show(version="v0001", **kw) -> Show:
    return Show(kw.pop("name", "Hội nghị tổng kết 2023"), version, kw.pop("slides", [Slide("headline", 40)]), **kw)


def test_default_show_has_every_slide_in_order_with_its_duration():
    run = default_show("v0001")
    assert [(s.kind, s.seconds) for s in run.slides] == [(k, d) for k, (_, d) in SLIDES.items()]
    assert run.total_seconds == 460  # 7 min 40 s
    assert [s.kind for s in default_show("v0001", ["race", "headline"]).slides] == ["headline", "race"]


def test_an_analyst_saves_a_show_attributed_and_logged(store):
    slides = [Slide("headline", 30, "Mở đầu", "Chào đại biểu"), Slide("race", 90), Slide("ranking", 45)]
    saved = Shows(store).save(show(slides=slides), ANALYST)
    again = Shows(store).get("Hội nghị tổng kết 2023")
    assert (again.by, again.version, [(s.kind, s.seconds, s.caption, s.notes) for s in again.slides]) == (
        "test:analyst",
        "v0001",
        [("headline", 30, "Mở đầu", "Chào đại biểu"), ("race", 90, "", ""), ("ranking", 45, "", "")],
    )
    assert again.saved_at == saved.saved_at != ""
    entry = store.load_log()[0]
    assert (entry["outcome"], entry["by"], entry["version"]) == ("show_saved", "test:analyst", "v0001")
    assert Shows(store).names() == ["Hội nghị tổng kết 2023"]


@pytest.mark.parametrize("actor", [None, Actor("password:khách", VIEWER)])
def test_a_viewer_cannot_save_or_delete_a_show(store, actor):
    with pytest.raises(Forbidden):
        Shows(store).save(show(), actor)
    Shows(store).save(show(), ADMIN)
    with pytest.raises(Forbidden):
        Shows(store).delete("Hội nghị tổng kết 2023", actor)
    assert Shows(store).names() == ["Hội nghị tổng kết 2023"]


def test_a_show_keeps_its_version_when_another_is_published(store):
    Shows(store).save(show(), ADMIN)
    store.publish(stage_bytes("sk2.csv", (ROWS + "Máy gấp;CĐCS Hanwha;04/05/2023;Hợp lệ\n").encode()), actor=ADMIN)
    assert (store.manifest()["current"], Shows(store).get("Hội nghị tổng kết 2023").version) == ("v0002", "v0001")


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (show(version="v0009"), "Không có phiên bản đã xuất bản v0009"),
        (show(version="a1b2c3"), "Không có phiên bản đã xuất bản a1b2c3"),  # a workspace id is not a version
        (show(name="  "), "Tên buổi trình chiếu phải có từ 1 đến 80 ký tự."),
        (show(slides=[]), "Một buổi trình chiếu có từ 1 đến 30 trang."),
        (show(slides=[Slide("headline", 4)]), "Trang 1: thời lượng phải từ 5 đến 600 giây."),
        (show(slides=[Slide("headline", 30), Slide("ranking", 601)]), "Trang 2: thời lượng phải từ 5 đến 600 giây."),
        (show(slides=[Slide("headline", 7.5)]), "Trang 1: thời lượng phải từ 5 đến 600 giây."),
        (show(slides=[Slide("pie", 30)]), "Trang 1: không có loại trang 'pie'."),
    ],
)
def test_a_show_that_is_not_right_is_refused_with_the_reason(store, bad, message):
    with pytest.raises(ShowError) as refused:
        Shows(store).save(bad, ADMIN)
    assert str(refused.value).startswith(message)
    assert Shows(store).names() == []


def test_names_that_look_alike_are_different_shows(store):
    for name in ("Hội nghị", "Hoi nghi", "hội nghị!"):
        Shows(store).save(show(name=name), ADMIN)
    assert Shows(store).names() == ["Hoi nghi", "Hội nghị", "hội nghị!"]
    Shows(store).delete("Hoi nghi", ADMIN)
    assert Shows(store).names() == ["Hội nghị", "hội nghị!"]


def test_stepping_stops_at_both_ends_and_pausing_stops_the_clock():
    assert [step(0, 9, -1), step(8, 9, 1), step(3, 9, 1), step(3, 9, -1), step(0, 0, 1)] == [0, 8, 4, 2, 0]
    assert remaining(started=100.0, seconds=40, clock=130.0) == 10.0
    assert remaining(started=100.0, seconds=40, clock=150.0, paused_for=20.0) == 10.0
    assert remaining(started=100.0, seconds=40, clock=200.0) == 0.0
