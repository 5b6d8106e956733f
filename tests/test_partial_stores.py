"""A store holding only one of the programme's side tables answers instead of failing on the home unit."""

import json
import subprocess
import sys

import pytest
from streamlit.testing.v1 import AppTest

from sangkien.ingest.staging import stage_bytes, stage_path
from sangkien.store.versions import Store

from .conftest import ADMIN, ROOT

SAMPLES = ROOT / "data" / "samples"
ONLY = {
    "contest_results": ("contest", {"trades": 1, "contestants": 2, "winners": 1, "prize_total_vnd": 10000000}),
    "works": ("works", {"grassroots": 1, "upper_level": 1, "flagship": 1, "total": 2}),
    "opinions": ("opinions", {"written": 1, "direct": 1, "answered": 2, "total": 2}),
    "awards": (
        "awards",
        [
            {
                "body": "Tổng LĐLĐ Việt Nam",
                "programme": "Chương trình 1 triệu sáng kiến",
                "recipient_type": "Tập thể",
                "count": 1,
                "amount_vnd": None,
            },
            {
                "body": "LĐLĐ thành phố Hà Nội",
                "programme": "Đợt thi đua cao điểm chào mừng Đại hội Công đoàn các cấp",
                "recipient_type": "Cá nhân",
                "count": 1,
                "amount_vnd": 1000000,
            },
        ],
    ),
}
PAGES = ["rankings", "progress", "benefits", "contests", "awards", "campaign", "explore", "data", "store"]


def one_kind_store(root, kind):
    store = Store(root)
    store.publish(actor=ADMIN, staged=stage_path(SAMPLES / f"mau_{kind}.csv"))
    return root


@pytest.mark.parametrize("kind", list(ONLY))
def test_summary_of_a_store_with_one_side_table(tmp_path, kind):
    store = one_kind_store(tmp_path / "store", kind)
    done = subprocess.run(
        [sys.executable, "-m", "sangkien", "summary", "--json", "--db", str(store)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    key, expected = ONLY[kind]
    assert (figures["unit"], figures["initiatives"], figures["version"]) == (None, None, "v0001")
    assert figures[key] == expected
    assert figures["missing"] == ["initiatives", "units", "reported_totals"]


def test_every_page_opens_on_a_store_of_contest_results_only(tmp_path, monkeypatch):
    store = one_kind_store(tmp_path / "store", "contest_results")
    monkeypatch.setenv("SANGKIEN_DB", str(store))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Chưa có số liệu sáng kiến của đơn vị"
    assert at.info[0].value.startswith(
        "Phiên bản v0001 chưa có các bảng Sáng kiến, Đơn vị và chỉ tiêu, Số liệu tổng hợp các đơn vị"
    )
    assert {m.label: m.value for m in at.metric} == {
        "Nghề thi": "1",
        "Thí sinh đạt giải": "1",
        "Tổng tiền giải": "10 triệu đồng",
    }
    for page in PAGES:
        at.switch_page(f"pages/{page}.py").run()
        assert not at.exception, (page, at.exception)


def test_every_page_opens_on_initiatives_of_a_single_day_without_quotas(tmp_path, monkeypatch):
    """One day of rows and no units table: no date range to slide over, no quota to draw."""
    store = tmp_path / "store"
    data = (
        "Tên sáng kiến;Công đoàn cơ sở;Công đoàn cấp trên trực tiếp cơ sở;LĐLĐ tỉnh, thành phố;Ngày cập nhật\n"
        "Máy hàn;CĐCS A;LĐLĐ huyện Đông Anh;LĐLĐ thành phố Hà Nội;01/06/2023\n"
    ).encode()
    Store(store).publish(actor=ADMIN, staged=stage_bytes("mot_ngay.csv", data))
    monkeypatch.setenv("SANGKIEN_DB", str(store))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value.startswith("LĐLĐ thành phố Hà Nội: 1 sáng kiến")
    for page in PAGES:
        at.switch_page(f"pages/{page}.py").run()
        assert not at.exception, (page, at.exception)
