"""Spreadsheets laid out for print: read as a person reads them."""

import io

import openpyxl

from sangkien.ingest.staging import stage_bytes


def workbook(*sheets):
    """sheets: (name, rows, merged ranges like 'A1:E1')."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows, merges in sheets:
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
        for rng in merges:
            ws.merge_cells(rng)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


REPORT = [
    ["LIÊN ĐOÀN LAO ĐỘNG THÀNH PHỐ HÀ NỘI", None, None, None, None, None],
    ["BÁO CÁO KẾT QUẢ CHƯƠNG TRÌNH 1 TRIỆU SÁNG KIẾN", None, None, None, None, None],
    [None] * 6,
    ["STT", "Đơn vị", "Số sáng kiến", None, None, "Giá trị làm lợi (đồng)"],
    [None, None, "Đăng ký", "Chỉ tiêu giao", "Đã cập nhật", None],
    ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
    ["I. KHỐI QUẬN, HUYỆN", None, None, None, None, None],
    [1, "LĐLĐ quận Hoàng Mai", 5000, 3200, 7400, 120_000_000_000],
    [2, "LĐLĐ quận Long Biên", 4000, 2900, 6100, 80_000_000_000],
    ["Cộng", None, 9000, 6100, 13500, 200_000_000_000],
    ["II. KHỐI NGÀNH", None, None, None, None, None],
    [3, "Công đoàn ngành Xây dựng", 3000, 2000, 4520, None],
    ["Cộng", None, 3000, 2000, 4500, None],
    [None] * 6,
    ["Tổng cộng", None, 12000, 8100, 18020, 200_000_000_000],
]
MERGES = ["A1:F1", "A2:F2", "A4:A5", "B4:B5", "C4:E4", "F4:F5"]


def test_report_with_title_two_row_header_groups_and_totals():
    (s,) = stage_bytes("bao_cao.xlsx", workbook(("Tổng hợp", REPORT, MERGES)))
    assert s.error is None, s.error
    assert s.kind == "reported_totals"
    assert s.mapping == {
        "STT": None,
        "Đơn vị": "unit",
        "Số sáng kiến Đăng ký": "commitment",
        "Chỉ tiêu giao": "quota",
        "Số sáng kiến Đã cập nhật": "initiatives",
        "Giá trị làm lợi (đồng)": "benefit_vnd",
    }
    assert (s.rows_in, s.loaded, s.rejected) == (3, 3, 0)
    assert s.skipped_by == {"title": 2, "blank": 2, "numbers": 1, "heading": 2, "subtotal": 2, "total": 1}
    assert s.skipped == 10
    table = s.data[["unit", "commitment", "quota", "initiatives", "benefit_vnd", "source_row"]]
    assert table.astype(object).where(table.notna(), None).values.tolist() == [
        ["LĐLĐ quận Hoàng Mai", 5000, 3200, 7400, 120_000_000_000, 8],
        ["LĐLĐ quận Long Biên", 4000, 2900, 6100, 80_000_000_000, 9],
        ["Công đoàn ngành Xây dựng", 3000, 2000, 4520, None, 12],
    ]
    bad = [(c["row"], c["kind"], c["column"], c["written"], c["sum"]) for c in s.total_checks if not c["ok"]]
    assert bad == [(13, "subtotal", "initiatives", 4500, 4520)]
    assert len([c for c in s.total_checks if c["ok"]]) == 10  # 4 + 3 columns of subtotals, 4 of the total
    assert (
        "Dòng cộng nhóm (dòng 13), cột Tổng số sáng kiến: ghi 4.500, cộng các dòng trên được 4.520 (lệch -20)."
        in s.notes
    )


def test_totals_that_agree_are_said_to_agree():
    rows = REPORT[:12] + [
        ["Cộng", None, 3000, 2000, 4520, None],
        [None] * 6,
        ["Tổng cộng", None, 12000, 8100, 18020, 200_000_000_000],
    ]
    (s,) = stage_bytes("bao_cao.xlsx", workbook(("Tổng hợp", rows, MERGES)))
    assert all(c["ok"] for c in s.total_checks) and len(s.total_checks) == 11
    assert "Các dòng tổng cộng khớp với tổng các dòng bên trên." in s.notes


def test_two_row_header_in_csv_without_merge_information():
    data = (
        "BÁO CÁO TIẾN ĐỘ;;;\n"
        "STT;Đơn vị;Số sáng kiến;\n"
        ";;Chỉ tiêu giao;Đã cập nhật\n"
        "1;LĐLĐ huyện Ba Vì;1.200;2.345\n"
        "2;LĐLĐ huyện Mỹ Đức;900;1.001\n"
        "Tổng cộng;;2.100;3.346\n"
    ).encode()
    (s,) = stage_bytes("tien_do.csv", data)
    assert s.kind == "reported_totals"
    assert s.data[["unit", "quota", "initiatives"]].values.tolist() == [
        ["LĐLĐ huyện Ba Vì", 1200, 2345],
        ["LĐLĐ huyện Mỹ Đức", 900, 1001],
    ]
    assert s.skipped_by == {"title": 1, "total": 1}
    assert all(c["ok"] for c in s.total_checks)


def test_workbook_with_a_cover_sheet_and_two_data_sheets():
    cover = [["HƯỚNG DẪN"], ["Bảng này tổng hợp số liệu gửi Tổng Liên đoàn."]]
    units = [["Tên đơn vị", "Đơn vị cấp trên", "Chỉ tiêu giao"], ["LĐLĐ quận Tây Hồ", "LĐLĐ thành phố Hà Nội", 1500]]
    awards = [
        ["Cấp khen thưởng", "Tên tập thể, cá nhân", "Loại đối tượng"],
        ["Tổng LĐLĐ Việt Nam", "Nguyễn Văn An", "Cá nhân"],
    ]
    staged = stage_bytes("so_lieu.xlsx", workbook(("Bìa", cover, []), ("Đơn vị", units, []), ("Khen", awards, [])))
    assert [(s.sheet, s.kind, s.loaded) for s in staged] == [("Đơn vị", "units", 1), ("Khen", "awards", 1)]
    assert any(n.startswith("Bỏ qua trang 'Bìa'") for n in staged[0].notes)


def test_a_union_named_cong_doan_is_not_a_subtotal():
    data = (
        "Đơn vị;Tổng số sáng kiến\n"
        "Công đoàn Dầu khí Việt Nam;12.000\n"
        "Cộng khối ngành;12.000\n"
        "Cong doan Dien luc Viet Nam;9.000\n"
        "Tổng cộng;21.000\n"
    ).encode()
    (s,) = stage_bytes("nganh.csv", data)
    assert s.data["unit"].tolist() == ["Công đoàn Dầu khí Việt Nam", "Cong doan Dien luc Viet Nam"]
    assert s.skipped_by == {"subtotal": 1, "total": 1}
    assert all(c["ok"] for c in s.total_checks)
