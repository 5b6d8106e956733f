"""AppTest of each page on the demo: the figures a user sees, not only that nothing raised."""

import shutil

import pytest
from streamlit.testing.v1 import AppTest

from sangkien.store import Store

from .conftest import ROOT


@pytest.fixture
def demo_copy(demo_store, tmp_path, monkeypatch):
    store = tmp_path / "store"
    shutil.copytree(demo_store, store)
    monkeypatch.setenv("SANGKIEN_DB", str(store))
    return store


def app() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    return at


def metrics(at) -> dict:
    return {m.label: m.value for m in at.metric}


def test_overview_shows_the_seed_figures(demo_copy):
    at = app()
    assert at.title[0].value == "LĐLĐ thành phố Hà Nội: 201.129 sáng kiến, xếp thứ 2 toàn quốc"
    shown = metrics(at)
    assert shown["Sáng kiến hợp lệ"] == "201.129"
    assert shown["Xếp hạng toàn quốc"] == "2/82"
    assert shown["Đạt so với chỉ tiêu giao"] == "230%"
    assert shown["Đạt so với số đăng ký"] == "155%"
    assert shown["Giá trị làm lợi"] == "3.512 tỷ đồng"
    assert shown["Sáng kiến làm lợi từ 3 tỷ đồng"] == "48"
    assert shown["Đang xem xét / không hợp lệ"] == "9.035 / 3.881"
    deltas = {m.label: m.delta for m in at.metric}
    assert deltas["Sáng kiến hợp lệ"] == "+41.737"
    assert deltas["Xếp hạng toàn quốc"] == "+1 bậc"
    assert (
        "Phiên bản v0002 · Số liệu tổng kết 01/09/2023 · số liệu đến 01/09/2023 · tính sáng kiến hợp lệ · mức thay đổi so với phiên bản v0001"
        == at.caption[0].value
    )
    badges = [m.value for m in at.main.markdown if "badge" in m.value]
    assert badges == [
        ":orange-badge[:material/info: Dữ liệu minh họa: Sáng kiến, Đơn vị và chỉ tiêu, Số liệu tổng hợp các đơn vị]"
    ]
    chart = at.get("plotly_chart")[0].proto.spec
    assert "230%" in chart


def test_data_page_lists_versions_and_publishes_an_upload(demo_copy):
    at = app()
    at.switch_page("pages/data.py").run()
    assert not at.exception
    versions = at.dataframe[0].value
    assert versions["Phiên bản"].tolist() == ["v0002 (đang dùng)", "v0001"]
    data = (
        "Tên đợt thi đua;Ngày bắt đầu;Ngày kết thúc;Số ngày\n"
        "Đợt thi đua chào mừng 95 năm thành lập Công đoàn Việt Nam;01/03/2024;28/07/2024;150\n"
        ";;;\nĐợt lỗi;31/02/2024;01/03/2024;\n"
    ).encode()
    at.file_uploader(key="data_up").upload("dot_moi.csv", data, "text/csv").run()
    assert not at.exception
    counts = at.dataframe[0].value
    assert counts[["Tệp", "Loại dữ liệu", "Số dòng", "Nạp", "Bị loại", "Bỏ qua"]].values.tolist() == [
        ["dot_moi.csv", "Đợt thi đua", 2, 1, 1, 1]
    ]
    assert "1 dòng bị loại" in at.warning[0].value
    at.button(key="data_publish").click().run()
    assert not at.exception
    assert at.success[0].value == "Đã xuất bản phiên bản v0003."
    current = Store(demo_copy).current()
    assert current["id"] == "v0003" and current["tables"]["campaigns"] == 1
    assert current["tables"]["initiatives"] == 214045  # carried over


def test_data_page_refuses_a_file_it_cannot_map(demo_copy):
    at = app()
    at.switch_page("pages/data.py").run()
    at.file_uploader(key="data_up").upload("la.csv", b"foo;bar\n1;2\n", "text/csv").run()
    assert not at.exception
    assert at.error[0].value.startswith("Không tìm thấy dòng tiêu đề")
    at.button(key="data_publish").click().run()
    assert "Không có dữ liệu nào được xuất bản" in at.error[-1].value
    assert Store(demo_copy).current()["id"] == "v0002"


def test_first_start_on_an_empty_store_builds_the_demo(store_dir):
    at = app()
    assert at.title[0].value == "LĐLĐ thành phố Hà Nội: 201.129 sáng kiến, xếp thứ 2 toàn quốc"
    assert [v["id"] for v in Store(store_dir).versions()] == ["v0001", "v0002"]
