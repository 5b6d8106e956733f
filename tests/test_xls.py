"""Old Excel files (.xls, Excel 97–2003) are read like .xlsx; a damaged one is refused clearly."""

from __future__ import annotations

import datetime as dt
import io
import math

import pandas as pd
import pytest
import xlwt

from sangkien.ingest.readers import SUPPORTED
from sangkien.ingest.schema import STATUS_REVIEW, STATUS_VALID
from sangkien.ingest.staging import Staged, stage_bytes

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # how every .xls file starts
XLS_MESSAGE = "Không mở được tệp .xls (Excel 97–2003) này: hãy mở tệp bằng Excel và lưu lại dưới dạng .xlsx."
HEADERS = ["STT", "Tên sáng kiến", "Công đoàn cơ sở", "Ngày cập nhật", "Giá trị làm lợi (đồng/năm)", "Trạng thái"]


def xls(rows: list[list[object]], title: str = "Sáng kiến") -> bytes:
    """A real .xls written by xlwt: dates as date cells, numbers as number cells."""
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet(title)
    date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    money_style = xlwt.easyxf(num_format_str="#,##0")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, dt.date):
                sheet.write(r, c, value, date_style)
            elif isinstance(value, int | float):
                sheet.write(r, c, value, money_style)
            else:
                sheet.write(r, c, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _plain(value: object) -> object:
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return value


def stage_one(name: str, data: bytes) -> Staged:
    staged = stage_bytes(name, data)
    assert len(staged) == 1
    return staged[0]


def test_xls_file_really_is_an_old_excel_file():
    assert xls([HEADERS]).startswith(OLE2_MAGIC)


def test_xls_initiatives_sheet_loads_like_xlsx():
    data = xls(
        [
            ["BÁO CÁO SÁNG KIẾN NĂM 2023 — LĐLĐ THÀNH PHỐ HÀ NỘI"],
            [],
            HEADERS,
            [
                1,
                "Cải tiến băng tải đóng gói",
                "CĐCS Công ty Điện lực Hoàn Kiếm",
                dt.date(2023, 5, 2),
                3_500_000_000,
                "Hợp lệ",
            ],
            [2, "Tiết kiệm điện chiếu sáng", "CĐCS Trường THPT Việt Đức", dt.date(2023, 9, 30), 1234.5, "đang xem xét"],
            [3, "Sắp xếp kho vật tư", "CĐCS Bệnh viện Bạch Mai", "15/07/2023", None, None],
            [4, "Máy bóc vỏ lạc", "CĐCS Xã Vân Hòa", dt.date(2023, 2, 28), -500_000, "Hợp lệ"],
            ["Tổng cộng", None, None, None, 3_500_001_234.5, None],
        ]
    )
    s = stage_one("bao_cao.xls", data)
    assert s.error is None
    # The title, the blank line and the "Tổng cộng" row (file row 8) are neither loaded nor rejected.
    assert (s.sheet, s.kind, s.header_row, s.rows_in, s.loaded, s.rejected) == ("Sáng kiến", "initiatives", 2, 4, 3, 1)
    columns = ["id", "title", "unit", "submitted_on", "benefit_vnd", "status", "source_row"]
    assert [[_plain(v) for v in row] for row in s.data[columns].itertuples(index=False)] == [
        [
            "bao_cao-1",
            "Cải tiến băng tải đóng gói",
            "CĐCS Công ty Điện lực Hoàn Kiếm",
            "2023-05-02",
            3_500_000_000,
            STATUS_VALID,
            4,
        ],
        [
            "bao_cao-2",
            "Tiết kiệm điện chiếu sáng",
            "CĐCS Trường THPT Việt Đức",
            "2023-09-30",
            1234.5,
            STATUS_REVIEW,
            5,
        ],
        ["bao_cao-3", "Sắp xếp kho vật tư", "CĐCS Bệnh viện Bạch Mai", "2023-07-15", None, STATUS_VALID, 6],
    ]
    assert s.rejects[["source_row", "reason"]].values.tolist() == [[7, "Giá trị làm lợi (đồng/năm): số tiền âm"]]
    assert s.mapping["STT"] is None and s.unmatched == []


def test_xls_merged_title_and_several_sheets():
    book = xlwt.Workbook(encoding="utf-8")
    notes = book.add_sheet("Ghi chú")
    notes.write(0, 0, "Số liệu tổng hợp đến 30/09/2023")
    sheet = book.add_sheet("Danh sách")
    sheet.write_merge(0, 0, 0, 4, "DANH SÁCH SÁNG KIẾN")
    for c, h in enumerate(HEADERS[1:]):
        sheet.write(1, c, h)
    for c, v in enumerate(["Cải tiến khuôn đúc", "CĐCS Công ty Cơ khí Hà Nội"]):
        sheet.write(2, c, v)
    sheet.write(2, 2, dt.date(2023, 11, 4), xlwt.easyxf(num_format_str="DD/MM/YYYY"))
    sheet.write(2, 3, 120_000_000)
    buffer = io.BytesIO()
    book.save(buffer)
    s = stage_one("hai_trang.xls", buffer.getvalue())
    assert (s.sheet, s.kind, s.loaded) == ("Danh sách", "initiatives", 1)
    assert [_plain(v) for v in s.data.loc[0, ["title", "submitted_on", "benefit_vnd"]]] == [
        "Cải tiến khuôn đúc",
        "2023-11-04",
        120_000_000,
    ]
    assert "Bỏ qua trang 'Ghi chú': Không tìm thấy dòng tiêu đề: không cột nào khớp với các cột đã biết." in s.notes


@pytest.mark.parametrize(
    "name",
    ["bao_cao.xls", "BAO_CAO.XLS"],
)
def test_damaged_xls_is_refused_with_a_clear_message(name):
    staged = stage_bytes(name, OLE2_MAGIC + bytes(504))
    assert [(s.error, s.loaded) for s in staged] == [(XLS_MESSAGE, 0)]


def test_xls_without_a_known_suffix_is_recognised_by_its_first_bytes():
    data = xls([HEADERS[1:4], ["Máy ép mía", "CĐCS A", dt.date(2023, 10, 20)]])
    s = stage_one("tai_ve", data)
    assert [_plain(v) for v in s.data.loc[0, ["title", "unit", "submitted_on"]]] == [
        "Máy ép mía",
        "CĐCS A",
        "2023-10-20",
    ]
    assert stage_one("tai_ve", OLE2_MAGIC + bytes(504)).error == XLS_MESSAGE


def test_damaged_xlsx_keeps_the_excel_message():
    s = stage_one("bao_cao.xlsx", b"PK\x03\x04" + bytes(100))
    assert (s.error or "").startswith("Không mở được tệp Excel: ")


def test_every_format_calamine_reads_is_offered():
    assert {".xls", ".xlsx", ".xlsm", ".xlsb", ".ods"} <= set(SUPPORTED)
