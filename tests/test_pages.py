"""AppTest of each page on the demo: the figures a user sees, not only that nothing raised."""

import pytest
from streamlit.testing.v1 import AppTest

from sangkien import columns
from sangkien.ingest.schema import KINDS, STATUS_VALID, table_columns
from sangkien.store.versions import Store

from .conftest import ADMIN, open_app
from .test_pages_inline import chart_titles, kicker


def app(actor=None) -> AppTest:
    return open_app(actor=actor)


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
    assert shown["Lượt nộp (mọi trạng thái)"] == "214.045"
    assert shown["Người tham gia"] == "80.500"
    deltas = {m.label: m.delta for m in at.metric}
    assert deltas["Sáng kiến hợp lệ"] == "+41.737"
    assert deltas["Xếp hạng toàn quốc"] == "+1 bậc"
    assert (
        at.caption[0].value
        == "Sáng kiến hợp lệ · Phiên bản v0002 · Số liệu tổng kết 01/09/2023 · số liệu đến 01/09/2023"
    )
    assert at.caption[1].value == "Mũi tên: thay đổi so với phiên bản v0001."
    badges = [m.value for m in at.main.markdown if "badge" in m.value]
    assert badges == [
        ":orange-badge[:material/info: Dữ liệu minh họa: Sáng kiến, Đơn vị và chỉ tiêu, Số liệu tổng hợp các đơn vị]"
    ]
    titles = list(chart_titles(at).values())
    assert titles == [
        "Xếp thứ 2 trong 82 đơn vị toàn quốc",
        "Đạt 230% chỉ tiêu giao, 155% số đăng ký",
        "Giá trị làm lợi 3.512 tỷ đồng; nhiều nhất Công đoàn ngành Công Thương",
        "Hội thi: 11 nghề, 111 thí sinh đạt giải, 564 triệu đồng",
        "LĐLĐ tỉnh Thanh Hóa thêm nhiều nhất: 50.720 sáng kiến",  # since the last report (v0001)
    ]
    points = [m.value for m in at.main.markdown if m.value[:1].isdigit()]
    assert len(points) == 5 and points[0].startswith("1\\. LĐLĐ tỉnh Thanh Hóa dẫn đầu toàn quốc với 243\\.517")
    assert [b.proto.label for b in at.get("download_button")] == [
        "Báo cáo HTML (in ra A4)",
        "PowerPoint",
        "Excel (mọi bảng)",
    ]


def test_store_page_lists_versions_and_the_load_log(demo_copy):
    at = app()
    at.switch_page("pages/store.py").run()
    assert not at.exception
    versions = at.dataframe[0].value
    assert versions["Phiên bản"].tolist() == ["v0002 (đang dùng)", "v0001"]
    assert versions["Minh họa"].tolist() == ["có", "có"]
    log = at.dataframe[1].value
    assert log["Kết quả"].tolist() == ["Đã xuất bản v0002", "Đã xuất bản v0001"]
    assert at.subheader[2].value == "Đơn vị chưa xác định (0)"


def data_page(actor=ADMIN) -> AppTest:
    at = app(actor)
    at.switch_page("pages/data.py").run()
    assert not at.exception
    return at


def test_data_page_publishes_an_upload_with_its_rejected_rows(demo_copy):
    at = data_page()
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
    at = data_page()
    at.file_uploader(key="data_up").upload("la.csv", b"foo;bar\n1;2\n", "text/csv").run()
    assert not at.exception
    assert at.error[0].value.startswith("Không tìm thấy dòng tiêu đề")
    at.button(key="data_publish").click().run()
    assert "Không có dữ liệu nào được xuất bản" in at.error[-1].value
    assert Store(demo_copy).current()["id"] == "v0002"


def column_box(at, header):
    """The mapping selectbox of one source column (labelled by the column's header)."""
    (box,) = [b for b in at.selectbox if b.label == header]
    return box


ODD_HEADERS = (
    "Tên SK;Đơn vị;Thời điểm gửi;Trạng thái\n"
    "Cải tiến băng chuyền;CĐCS Công ty Cơ khí Gia Lâm;05/06/2023;Hợp lệ\n"
    "Phần mềm chấm công;CĐCS Công ty Cơ khí Gia Lâm;06/06/2023;Hợp lệ\n"
).encode()


def test_mapping_correction_is_applied_and_remembered(demo_copy):
    at = data_page()
    at.file_uploader(key="data_up").upload("la_dang.csv", ODD_HEADERS, "text/csv").run()
    assert at.error[0].value == "Có vẻ là bảng Sáng kiến nhưng thiếu cột bắt buộc: Tên sáng kiến, Ngày cập nhật."
    at.selectbox(key="data_kind_0").set_value("initiatives").run()
    column_box(at, "Tên SK").set_value("Tên sáng kiến (title) *").run()
    assert column_box(at, "Đơn vị").value == "Công đoàn cơ sở (unit) *"  # matched by its synonym
    column_box(at, "Thời điểm gửi").set_value("Ngày cập nhật (submitted_on) *").run()
    assert not at.exception
    assert not at.error
    counts = at.dataframe[0].value
    assert counts[["Loại dữ liệu", "Số dòng", "Nạp", "Bị loại"]].values.tolist() == [["Sáng kiến", 2, 2, 0]]
    at.button(key="data_publish").click().run()
    assert at.success[0].value == "Đã xuất bản phiên bản v0003."
    mapping = Store(demo_copy).settings()["mappings"]
    assert list(mapping.values()) == [
        {"kind": "initiatives", "columns": {"Tên SK": "title", "Thời điểm gửi": "submitted_on"}}
    ]

    again = data_page()  # a new session: the same headers are mapped as corrected, and say so
    again.file_uploader(key="data_up").upload("la_dang_2.csv", ODD_HEADERS, "text/csv").run()
    assert not again.error
    assert "Áp dụng cách ghép cột đã lưu cho tệp có cùng tiêu đề." in [c.value for c in again.caption]
    assert column_box(again, "Tên SK").value == "Tên sáng kiến (title) *"


def test_alias_suggestion_is_offered_and_merged_only_when_chosen(demo_copy):
    at = data_page()
    data = (
        "Tên sáng kiến;Công đoàn cơ sở;Công đoàn cấp trên trực tiếp cơ sở;LĐLĐ tỉnh/thành phố;Ngày cập nhật\n"
        "Máy gấp giấy;CĐCS Công ty In Hà Nội;LĐLĐ quận Hoang Mai;LĐLĐ thành phố Hà Nội;02/07/2023\n"
    ).encode()
    at.file_uploader(key="data_up").upload("sk.csv", data, "text/csv").run()
    assert not at.exception
    table = at.dataframe[-1].value
    assert table[["Tên trong tệp", "Có phải là …?"]].values.tolist() == [["LĐLĐ quận Hoang Mai", "LĐLĐ quận Hoàng Mai"]]
    at.multiselect(key="data_suggest").set_value(["LĐLĐ quận Hoang Mai → LĐLĐ quận Hoàng Mai"]).run()
    at.button(key="data_publish").click().run()
    assert at.success[0].value == "Đã xuất bản phiên bản v0003."
    from sangkien.store.reading import open_dataset

    ds = open_dataset(demo_copy)
    assert ds.con.execute("select alias, unit from aliases").fetchall() == [
        ("LĐLĐ quận Hoang Mai", "LĐLĐ quận Hoàng Mai")
    ]
    keys = ds.con.execute(
        "select distinct parent_key from initiatives where unit = 'CĐCS Công ty In Hà Nội'"
    ).fetchall()
    assert keys == [("liên đoàn lao động quận hoàng mai",)]


def test_first_start_on_an_empty_store_builds_the_demo(store_dir):
    at = app()
    assert at.title[0].value == "LĐLĐ thành phố Hà Nội: 201.129 sáng kiến, xếp thứ 2 toàn quốc"
    assert [v["id"] for v in Store(store_dir).versions()] == ["v0001", "v0002"]


def test_a_sheet_can_be_left_out_of_the_publication(demo_copy):
    from .test_print_layouts import workbook

    units = [["Tên đơn vị", "Đơn vị cấp trên", "Chỉ tiêu giao"], ["LĐLĐ quận Tây Hồ", "LĐLĐ thành phố Hà Nội", 1500]]
    awards = [
        ["Cấp khen thưởng", "Tên tập thể, cá nhân", "Loại đối tượng"],
        ["Tổng LĐLĐ Việt Nam", "Lê Văn Bình", "Cá nhân"],
    ]
    at = data_page()
    data = workbook(("Đơn vị", units, []), ("Khen", awards, []))
    at.file_uploader(key="data_up").upload("hai_trang.xlsx", data, "application/octet-stream").run()
    assert [c.label for c in at.checkbox] == [
        "Đưa trang 'Đơn vị' vào lần xuất bản",
        "Đưa trang 'Khen' vào lần xuất bản",
    ]
    at.checkbox(key="data_use_0").uncheck().run()
    at.button(key="data_publish").click().run()
    assert at.success[0].value == "Đã xuất bản phiên bản v0003."
    current = Store(demo_copy).current()
    assert current["tables"]["awards"] == 1  # the awards sheet replaced the demo's awards
    assert current["tables"]["units"] == 2146  # the units sheet was left out: the demo's units carried over


def test_overview_follows_the_filters(demo_copy):
    at = app()
    at.selectbox(key="flt_field").set_value("Chuyển đổi số").run()
    assert not at.exception
    shown = metrics(at)
    assert shown["Sáng kiến hợp lệ"] == "25.472"
    assert shown["Xếp hạng toàn quốc"] == "–"  # peers' reported totals cannot be cut by field
    # the first lines say a filter is on, with a way to clear it (on a phone the sidebar is hidden)
    notice = at.get_by_key("filter_notice")
    assert notice.markdown[0].value == ":material/filter_alt: **Đang lọc:** Sáng kiến hợp lệ · lĩnh vực Chuyển đổi số"
    assert at.caption[0].value.startswith("Phiên bản v0002")
    at.button(key="flt_clear").click().run()
    assert (at.selectbox(key="flt_field").value, metrics(at)["Sáng kiến hợp lệ"]) == ("Tất cả", "201.129")
    assert at.caption[0].value.startswith("Sáng kiến hợp lệ · Phiên bản v0002")
    assert [e for e in at.main if getattr(e, "key", None) == "flt_clear"] == []
    at.switch_page("pages/rankings.py").run()  # cleared everywhere: the next page starts from the defaults
    assert at.title[0].value == "LĐLĐ thành phố Hà Nội xếp thứ 2/82 với 201.129 sáng kiến"


def test_rankings_page_shows_the_national_rank_and_follows_a_filter(demo_copy):
    at = app()
    at.switch_page("pages/rankings.py").run()
    assert not at.exception
    assert at.title[0].value == "LĐLĐ thành phố Hà Nội xếp thứ 2/82 với 201.129 sáng kiến"
    table = at.dataframe[0].value
    assert table[["Hạng", "Đơn vị", "Sáng kiến", "Nguồn"]].head(3).values.tolist() == [
        [1, "LĐLĐ tỉnh Thanh Hóa", 243517.0, "số báo cáo ᴮ"],
        [2, "LĐLĐ thành phố Hà Nội", 201129.0, "dữ liệu nạp"],
        [3, "LĐLĐ thành phố Hồ Chí Minh", 187652.0, "số báo cáo ᴮ"],
    ]
    at.selectbox(key="rk_measure").set_value("pct_of_quota").run()
    assert at.title[0].value == "LĐLĐ thành phố Hà Nội xếp thứ 61/82 với 230%"
    at.query_params["unit"] = "liên đoàn lao động thành phố hà nội"
    at.selectbox(key="rk_measure").set_value("initiatives").run()
    assert at.title[0].value == "Công đoàn ngành Công Thương dẫn đầu LĐLĐ thành phố Hà Nội với 19.138 sáng kiến"
    assert len(at.dataframe[0].value) == 40
    at.selectbox(key="flt_field").set_value("Chuyển đổi số").run()
    assert at.title[0].value == "Công đoàn ngành Công Thương dẫn đầu LĐLĐ thành phố Hà Nội với 2.323 sáng kiến"


def test_progress_page_shows_the_daily_table_and_follows_a_filter(demo_copy):
    at = app()
    at.switch_page("pages/progress.py").run()
    assert not at.exception
    assert at.title[0].value == "Tiến độ của LĐLĐ thành phố Hà Nội"
    board = at.dataframe[0].value
    assert len(board) == 40
    assert board[["Hạng", "Đơn vị", "Trong ngày", "Lũy kế"]].iloc[0].tolist() == [
        1,
        "Công đoàn ngành Công Thương",
        95,
        19138,
    ]
    total = int(board["Lũy kế"].sum())
    assert total == 201129
    at.selectbox(key="flt_field").set_value("Chuyển đổi số").run()
    assert int(at.dataframe[0].value["Lũy kế"].sum()) == 25472
    assert at.get("download_button")[-1].proto.label == "Tải ảnh bảng công khai (PNG)"


def test_without_chromium_the_bulletin_button_says_why(demo_copy, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/không/có/chromium")
    at = app()
    at.switch_page("pages/progress.py").run()
    assert not at.exception
    off = at.button(key="pg_bulletin_off")
    assert off.disabled and "chưa cài trình duyệt Chromium" in off.help
    assert "Tải ảnh bảng công khai (PNG)" not in [b.proto.label for b in at.get("download_button")]


def test_benefits_page_shows_the_declared_total_bands_and_an_estimate_apart(demo_copy):
    at = app()
    at.switch_page("pages/benefits.py").run()
    assert not at.exception
    assert at.title[0].value == "Giá trị làm lợi 3.512 tỷ đồng từ 44.248 sáng kiến"
    shown = metrics(at)
    assert shown["Lớn nhất"] == "112 tỷ đồng"
    assert shown["Sáng kiến có ghi giá trị"] == "44.248 (22%)"
    titles = list(chart_titles(at).values())
    # the estimate: declared + each assumption, never one bare figure; then the bands
    assert titles[:2] == [
        "Tổng làm lợi từ 3.512 tỷ đồng đến 14.808 tỷ đồng, tùy giả định",
        "48 sáng kiến từ 3 tỷ đồng làm lợi 445 tỷ đồng",
    ]
    items = [m.value for m in at.main.markdown if m.value.startswith("- **")]
    assert [i.split("**")[1] for i in items] == [
        "Như sáng kiến đã ghi",
        "Như sáng kiến điển hình",
        "25% mức đã ghi",
        "Không làm lợi bằng tiền",
    ]
    assert "ước tính **11.295 tỷ đồng** (90%: 10.968 tỷ đồng – 11.689 tỷ đồng)" in items[0]
    assert "ước tính **4.747 tỷ đồng**" in items[1] and "ước tính **2.824 tỷ đồng**" in items[2]
    assert any(c.value.startswith("Chưa kiểm tra được giả định") for c in at.main.caption)
    at.slider(key="bn_share").set_value(50).run()  # the user's share: only the third assumption moves
    items = [m.value for m in at.main.markdown if m.value.startswith("- **")]
    assert "50% mức đã ghi" in items[2] and "ước tính **5.648 tỷ đồng**" in items[2]
    assert "ước tính **11.295 tỷ đồng**" in items[0]
    at.selectbox(key="flt_field").set_value("Chuyển đổi số").run()
    assert at.title[0].value == "Giá trị làm lợi 293 tỷ đồng từ 4.123 sáng kiến"


def test_contests_page_shows_the_seed_figures(demo_copy):
    at = app()
    at.switch_page("pages/contests.py").run()
    assert not at.exception
    assert (kicker(at), at.title[0].value) == (
        "Hội thi thợ giỏi thành phố Hà Nội năm 2023",
        "11 nghề, 111 thí sinh đạt giải, tổng tiền giải 564 triệu đồng",
    )
    assert metrics(at) == {
        "Nghề thi": "11",
        "Thí sinh": "411",
        "Thí sinh đạt giải": "111",
        "Tổng tiền giải": "564 triệu đồng",
    }
    winners = at.dataframe[0].value
    assert len(winners) == 111 and winners["Tiền thưởng (đồng)"].sum() == 564_000_000


def test_awards_page_shows_every_award_figure_of_the_seed(demo_copy):
    at = app()
    at.switch_page("pages/awards.py").run()
    assert not at.exception
    counts = at.dataframe[0].value
    assert counts[["Cấp khen thưởng", "Loại đối tượng", "Số lượng"]].values.tolist() == [
        ["Tổng LĐLĐ Việt Nam", "Tập thể", 3],
        ["Tổng LĐLĐ Việt Nam", "Cá nhân", 3],
        ["LĐLĐ thành phố Hà Nội", "Tập thể", 10],
        ["LĐLĐ thành phố Hà Nội", "Công đoàn cơ sở", 53],
        ["LĐLĐ thành phố Hà Nội", "Cá nhân", 60],
        ["LĐLĐ thành phố Hà Nội", "Công đoàn cấp trên cơ sở", 28],
        ["LĐLĐ thành phố Hà Nội", "Công đoàn cơ sở", 33],
        ["LĐLĐ thành phố Hà Nội", "Cá nhân", 33],
    ]
    at.text_input(key="aw_search").input("Hoang Mai").run()  # found without diacritics too
    found = at.dataframe[1].value
    assert "LĐLĐ quận Hoàng Mai" in found["Tên tập thể, cá nhân"].tolist()


def test_campaign_page_shows_works_opinions_and_the_campaign(demo_copy):
    at = app()
    at.switch_page("pages/campaign.py").run()
    assert not at.exception
    assert (kicker(at), at.title[0].value) == (
        "Đợt thi đua cao điểm chào mừng Đại hội Công đoàn các cấp",
        "150 ngày, từ 01/05/2023 đến 30/09/2023",
    )
    titles = list(chart_titles(at).values())
    assert titles == [
        "526 cấp cơ sở, 94 cấp trên cơ sở; 6 công trình gắn biển",
        "26 ý kiến trực tiếp, 600 ý kiến văn bản; 626 đã được trả lời",
    ]
    assert len(at.dataframe[0].value) == 6
    assert metrics(at)["Sáng kiến trong đợt"] == "83.635"


def test_explorer_pivot_total_equals_the_overview_count(demo_copy):
    at = app()
    overview = metrics(at)["Sáng kiến hợp lệ"]
    at.switch_page("pages/explore.py").run()
    assert not at.exception
    at.number_input(key="ex_nfilters_initiatives").set_value(1).run()
    at.selectbox(key="ex_fcol_initiatives_0").set_value("status").run()
    at.selectbox(key="ex_fop_initiatives_0").set_value("in").run()
    at.multiselect(key="ex_fval_initiatives_0_status").set_value([STATUS_VALID]).run()
    at.multiselect(key="ex_group").set_value(["parent_unit"]).run()
    assert not at.exception
    pivot = at.dataframe[-1].value
    assert list(pivot.columns) == ["parent_unit", "Số dòng"]
    assert len(pivot) == 40
    assert f"{int(pivot['Số dòng'].sum()):,}".replace(",", ".") == overview == "201.129"
    sql = at.code[0].value
    assert 'group by "parent_unit"' in sql and f"['{STATUS_VALID}']" in sql


def test_sql_box_runs_a_select_and_refuses_a_write(demo_copy):
    at = app()
    at.switch_page("pages/explore.py").run()
    at.text_area(key="ex_sql").input(f"select count(*) as n from initiatives where status = '{STATUS_VALID}'").run()
    at.button(key="ex_run").click().run()
    assert not at.exception
    assert at.dataframe[-1].value["n"].tolist() == [201129]
    at.text_area(key="ex_sql").input("drop table initiatives").run()
    at.button(key="ex_run").click().run()
    assert at.error[0].value.startswith("Chỉ")
    assert Store(demo_copy).current()["tables"]["initiatives"] == 214045


@pytest.mark.parametrize(
    "page",
    [
        "pages/rankings.py",
        "pages/progress.py",
        "pages/benefits.py",
        "pages/contests.py",
        "pages/awards.py",
        "pages/campaign.py",
        "pages/explore.py",
        "pages/store.py",
    ],
)
def test_every_table_a_page_shows_has_its_columns_in_the_registry(demo_copy, page):
    """A header renamed in one place and not the other would lose its format: none may be unknown.
    (The explorer's result shows a table's own column names, as the SQL box does.)"""
    at = app(ADMIN)
    at.switch_page(page).run()
    assert not at.exception, at.exception
    raw = {c for k in KINDS for c, _ in table_columns(k)}
    shown = [t.value for t in at.dataframe if not set(t.value.columns) <= raw]
    assert shown, page
    assert {page: [columns.unknown(t) for t in shown if columns.unknown(t)]} == {page: []}
