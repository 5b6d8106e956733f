"""Ingestion against small inline byte fixtures of every odd export.

Each fixture is a few literal lines; each test asserts the literal rows that load
and the literal rows that are rejected (file row number and reason).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import unicodedata

import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sangkien.demo.common import to_cp1258
from sangkien.ingest.schema import STATUS_INVALID, STATUS_REVIEW, STATUS_VALID
from sangkien.ingest.staging import Staged, stage_bytes
from sangkien.store.versions import PublishError, Store

from .conftest import ADMIN

# --- helpers -----------------------------------------------------------------


def stage_one(name: str, data: bytes, kind: str | None = None) -> Staged:
    staged = stage_bytes(name, data, kind)
    assert len(staged) == 1
    return staged[0]


def _plain(value: object) -> object:
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return value


def rows(staged: Staged, *columns: str) -> list[list[object]]:
    """Loaded rows as plain values: dates as 'yyyy-mm-dd', empty as None."""
    assert staged.error is None, staged.error
    return [[_plain(v) for v in row] for row in staged.data[list(columns)].itertuples(index=False)]


def rejects(staged: Staged) -> list[list[object]]:
    return staged.rejects[["source_row", "reason"]].values.tolist()


def xlsx(*sheet_rows: list[object], title: str = "Sáng kiến") -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in sheet_rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def parquet(table: pa.Table) -> bytes:
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


# --- encodings and delimiters --------------------------------------------------

INITIATIVES = (
    "Mã sáng kiến;Tên sáng kiến;Công đoàn cơ sở;Ngày nộp;Giá trị làm lợi;Trạng thái\n"
    "SK01;Cải tiến khuôn ép nhựa;CĐCS Công ty Điện lực Hoàn Kiếm;15/03/2023;3.500.000.000;hợp lệ\n"
    "SK02;Hệ thống tưới tiết kiệm nước;CĐCS Trường Mầm non Hoa Sữa;2023-04-01;1.234,5;đang xem xét\n"
)
COLUMNS = ("id", "title", "unit", "submitted_on", "benefit_vnd", "status")
EXPECTED = [
    ["SK01", "Cải tiến khuôn ép nhựa", "CĐCS Công ty Điện lực Hoàn Kiếm", "2023-03-15", 3_500_000_000, STATUS_VALID],
    ["SK02", "Hệ thống tưới tiết kiệm nước", "CĐCS Trường Mầm non Hoa Sữa", "2023-04-01", 1234.5, STATUS_REVIEW],
]


@pytest.mark.parametrize(
    ("name", "data", "encoding"),
    [
        ("utf8.csv", INITIATIVES.encode("utf-8"), "utf-8"),
        ("bom.csv", b"\xef\xbb\xbf" + INITIATIVES.encode("utf-8"), "utf-8-sig"),
        ("windows1258.csv", to_cp1258(INITIATIVES), "cp1258"),
        # Excel's "Unicode text": UTF-16 LE with BOM, tab-separated, CRLF.
        (
            "unicode.txt",
            ("\ufeff" + INITIATIVES.replace(";", "\t").replace("\n", "\r\n")).encode("utf-16-le"),
            "utf-16",
        ),
    ],
)
def test_each_encoding_loads_the_same_rows(name, data, encoding):
    s = stage_one(name, data)
    assert (s.kind, s.encoding, s.rows_in, s.loaded, s.rejected, s.skipped) == ("initiatives", encoding, 2, 2, 0, 0)
    assert rows(s, *COLUMNS) == EXPECTED


def test_windows1258_fixture_really_is_windows1258():
    data = to_cp1258("Tên sáng kiến")  # the demo's encoder builds the fixture; pin what it writes
    assert data == b"T\xean sa\xecng ki\xea\xecn"  # ê precomposed, sắc (0xEC) combining
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")


def test_comma_delimiter_with_quoted_fields_holding_commas():
    data = (
        "Mã sáng kiến,Tên sáng kiến,Công đoàn cơ sở,Ngày nộp,Giá trị làm lợi,Trạng thái\n"
        'SK01,"Hàn, cắt tôn tự động",CĐCS Công ty Cơ khí Đông Anh,15/03/2023,"1.234,5",hợp lệ\n'
    ).encode()
    s = stage_one("comma.csv", data)
    assert rows(s, *COLUMNS) == [
        ["SK01", "Hàn, cắt tôn tự động", "CĐCS Công ty Cơ khí Đông Anh", "2023-03-15", 1234.5, STATUS_VALID]
    ]


def test_semicolon_delimiter_with_quoted_field_holding_a_semicolon():
    data = (
        "Tên sáng kiến;Đơn vị;Ngày nộp\n"
        '"Giảm chi phí; tăng năng suất";CĐCS Công ty Dệt 8/3;13/02/2023\n'
        "Tái sử dụng nước thải;CĐCS Công ty Dệt 8/3;14/02/2023\n"
    ).encode()
    s = stage_one("semicolon.csv", data)
    assert rows(s, "title", "unit", "submitted_on") == [
        ["Giảm chi phí; tăng năng suất", "CĐCS Công ty Dệt 8/3", "2023-02-13"],
        ["Tái sử dụng nước thải", "CĐCS Công ty Dệt 8/3", "2023-02-14"],
    ]


def test_tab_delimiter():
    data = (
        "Tên sáng kiến\tĐơn vị\tNgày nộp\tGiá trị làm lợi\nMáy bóc vỏ lạc\tCĐCS Xã Vân Hòa\t01/12/2023\t250.000.000\n"
    )
    s = stage_one("tab.tsv", data.encode())
    assert rows(s, "title", "unit", "submitted_on", "benefit_vnd") == [
        ["Máy bóc vỏ lạc", "CĐCS Xã Vân Hòa", "2023-12-01", 250_000_000]
    ]


# --- Excel and Parquet ----------------------------------------------------------


def test_xlsx_with_title_rows_number_date_and_text_cells():
    data = xlsx(
        ["BÁO CÁO SÁNG KIẾN NĂM 2023"],
        [],
        ["STT", "Mã sáng kiến", "Tên sáng kiến", "Công đoàn cơ sở", "Ngày nộp", "Giá trị làm lợi", "Trạng thái"],
        [1, 1001, "Cải tiến băng tải", "CĐCS Công ty May 10", dt.date(2023, 5, 2), 3_500_000_000, "Hợp lệ"],
        [2, 1002, "Tiết kiệm điện", "CĐCS Công ty May 10", dt.datetime(2023, 6, 30), 1234.5, "Đang xem xét"],
        [3, 1003, "Sắp xếp kho", "CĐCS Công ty May 10", "15/07/2023", None, None],
        ["Tổng cộng", None, None, None, None, 3_500_001_234.5, None],
    )
    s = stage_one("sang_kien.xlsx", data)
    assert (s.sheet, s.kind, s.rows_in, s.loaded, s.rejected, s.skipped) == (
        "Sáng kiến",
        "initiatives",
        3,
        3,
        0,
        3,
    )  # title, blank, total
    assert rows(s, *COLUMNS, "source_row") == [
        ["1001", "Cải tiến băng tải", "CĐCS Công ty May 10", "2023-05-02", 3_500_000_000, STATUS_VALID, 4],
        ["1002", "Tiết kiệm điện", "CĐCS Công ty May 10", "2023-06-30", 1234.5, STATUS_REVIEW, 5],
        ["1003", "Sắp xếp kho", "CĐCS Công ty May 10", "2023-07-15", None, STATUS_VALID, 6],
    ]
    assert s.mapping["STT"] is None and s.unmatched == []


def test_parquet_with_typed_columns():
    table = pa.table(
        {
            "Mã sáng kiến": pa.array([7, 8], pa.int64()),
            "Tên sáng kiến": pa.array(["Máy dán nhãn", "Khuôn đúc mới"], pa.string()),
            "Đơn vị": pa.array(["CĐCS Công ty Thép", "CĐCS Nhà máy Nước"], pa.string()),
            "Ngày nộp": pa.array([dt.date(2023, 1, 2), dt.date(2023, 12, 31)], pa.date32()),
            "Giá trị làm lợi": pa.array([3_500_000_000.0, 1234.5], pa.float64()),
            "Trạng thái": pa.array(["hợp lệ", "không hợp lệ"], pa.string()),
        }
    )
    s = stage_one("sang_kien.parquet", parquet(table))
    assert rows(s, *COLUMNS) == [
        ["7", "Máy dán nhãn", "CĐCS Công ty Thép", "2023-01-02", 3_500_000_000, STATUS_VALID],
        ["8", "Khuôn đúc mới", "CĐCS Nhà máy Nước", "2023-12-31", 1234.5, STATUS_INVALID],
    ]


def test_parquet_float_is_kept_as_typed():
    table = pa.table(
        {
            "Tên sáng kiến": ["Máy A", "Máy B"],
            "Đơn vị": ["CĐCS X", "CĐCS Y"],
            "Ngày nộp": ["13/02/2023", "14/02/2023"],
            "Giá trị làm lợi": pa.array([1.234, 2_500_000.0], pa.float64()),
        }
    )
    s = stage_one("typed.parquet", parquet(table))
    assert rows(s, "title", "benefit_vnd") == [["Máy A", 1.234], ["Máy B", 2_500_000]]


# --- headers and kinds -----------------------------------------------------------


@pytest.mark.parametrize("title_header", ["TÊN SÁNG KIẾN", "ten sang kien", "  Tên   sáng kiến ", "Title"])
def test_header_matched_whatever_the_spelling(title_header):
    data = f"{title_header};Đơn vị;Ngày nộp\nMáy ép mía;CĐCS Nông trường Sông Hậu;20/10/2023\n".encode()
    s = stage_one("headers.csv", data)
    assert list(s.mapping.values()) == ["title", "unit", "submitted_on"]
    assert rows(s, "title", "unit", "submitted_on") == [["Máy ép mía", "CĐCS Nông trường Sông Hậu", "2023-10-20"]]


def test_english_headers():
    data = (
        b"Title,Unit,Submitted on,Benefit,Status,Authors\nSolar dryer,Grassroots union A,2023-08-09,750.000,valid,An\n"
    )
    s = stage_one("english.csv", data)
    assert s.mapping == {
        "Title": "title",
        "Unit": "unit",
        "Submitted on": "submitted_on",
        "Benefit": "benefit_vnd",
        "Status": "status",
        "Authors": "authors",
    }
    assert rows(s, "title", "unit", "submitted_on", "benefit_vnd", "status", "authors") == [
        ["Solar dryer", "Grassroots union A", "2023-08-09", 750_000, STATUS_VALID, "An"]
    ]


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("initiatives", "Tên sáng kiến,Đơn vị,Ngày nộp\nMáy ép mía,CĐCS A,20/10/2023\n"),
        ("units", "Tên đơn vị;Đơn vị cấp trên;Chỉ tiêu giao\nLĐLĐ quận Hoàng Mai;LĐLĐ TP Hà Nội;5.000\n"),
        ("reported_totals", "Đơn vị;Tổng số sáng kiến;Số người tham gia\nLĐLĐ TP Hà Nội;201.129;150.000\n"),
        ("contest_results", "Hội thi,Nghề,Họ và tên,Giải\nHội thi thợ giỏi 2023,Hàn,Nguyễn Văn An,Giải Nhất\n"),
        ("awards", "Cấp khen thưởng,Tên tập thể/cá nhân,Loại đối tượng\nTổng LĐLĐVN,Nguyễn Thị Bình,cá nhân\n"),
        ("works", "Tên công trình;Cấp đăng ký;Gắn biển\nNhà văn hóa công nhân;cơ sở;x\n"),
        ("opinions", "Hội nghị,Hình thức,Đã trả lời\nĐối thoại 2023,văn bản,có\n"),
        ("campaigns", "Tên đợt thi đua,Ngày bắt đầu,Ngày kết thúc\nĐợt thi đua cao điểm,01/05/2023,30/09/2023\n"),
    ],
)
def test_kind_detected_from_headers(kind, text):
    s = stage_one(f"{kind}.csv", text.encode())
    assert (s.kind, s.rows_in, s.loaded, s.rejected, s.error) == (kind, 1, 1, 0, None)


def test_optional_yes_no_column_may_be_absent():
    data = "Tên công trình;Cấp đăng ký\nNhà văn hóa công nhân;cơ sở\n".encode()
    s = stage_one("works.csv", data)
    assert rows(s, "name", "level", "flagship") == [["Nhà văn hóa công nhân", "grassroots", False]]


def test_kind_override():
    data = "Đơn vị;Tổng số sáng kiến;Chỉ tiêu giao\nLĐLĐ quận Long Biên;12.345;10.000\n".encode()
    assert stage_one("targets.csv", data).kind == "reported_totals"
    s = stage_one("targets.csv", data, kind="units")
    assert s.kind == "units"
    assert rows(s, "unit", "quota") == [["LĐLĐ quận Long Biên", 10_000]]
    assert s.unmatched == ["Tổng số sáng kiến"]


def test_unmatched_column_is_reported_not_dropped():
    data = "Tên sáng kiến,Đơn vị,Ngày nộp,Ghi chú\nMáy ép mía,CĐCS A,20/10/2023,đã nghiệm thu\n".encode()
    s = stage_one("extra.csv", data)
    assert s.mapping["Ghi chú"] is None
    assert s.unmatched == ["Ghi chú"]
    assert "Cột không dùng: Ghi chú." in s.notes


# --- values ---------------------------------------------------------------------


def test_vietnamese_numbers():
    data = (
        "Tên sáng kiến;Đơn vị;Ngày nộp;Giá trị làm lợi\n"
        "A;CĐCS X;01/02/2023;3.500.000.000\n"
        "B;CĐCS X;01/02/2023;1.234,5\n"
        "C;CĐCS X;01/02/2023;120.000\n"
        "D;CĐCS X;01/02/2023;\n"
    ).encode()
    s = stage_one("numbers.csv", data)
    assert rows(s, "title", "benefit_vnd") == [["A", 3_500_000_000], ["B", 1234.5], ["C", 120_000], ["D", None]]


def test_dates_day_first_and_iso():
    data = (
        "Tên sáng kiến,Đơn vị,Ngày nộp,Ngày áp dụng\nA,CĐCS X,25/12/2023,2024-01-05\nB,CĐCS X,2023-11-30,05/01/2024\n"
    ).encode()
    s = stage_one("dates.csv", data)
    assert rows(s, "title", "submitted_on", "applied_on") == [
        ["A", "2023-12-25", "2024-01-05"],
        ["B", "2023-11-30", "2024-01-05"],
    ]


def test_text_is_nfc_and_trimmed():
    text = "Tên sáng kiến,Đơn vị,Ngày nộp\n  Cải   tiến quy trình  ,  CĐCS Công ty Điện lực Hoàn Kiếm ,01/02/2023\n"
    data = unicodedata.normalize("NFD", text).encode()
    s = stage_one("nfd.csv", data)
    assert rows(s, "title", "unit") == [["Cải tiến quy trình", "CĐCS Công ty Điện lực Hoàn Kiếm"]]
    assert unicodedata.is_normalized("NFC", s.data["unit"][0])


# --- rejections -------------------------------------------------------------------

REJECT_HEADER = "Mã sáng kiến,Tên sáng kiến,Đơn vị,Ngày nộp,Giá trị làm lợi\nSK1,Máy cắt,CĐCS A,15/03/2023,2.000.000\n"


@pytest.mark.parametrize(
    ("bad_row", "reason"),
    [
        ("SK2,,CĐCS A,16/03/2023,", "Thiếu Tên sáng kiến"),
        ("SK2,Máy hàn,,16/03/2023,", "Thiếu Công đoàn cơ sở"),
        ("SK2,Máy hàn,CĐCS A,16/03/2023,mười triệu", "Giá trị làm lợi (đồng/năm): không đọc được số"),
        ("SK2,Máy hàn,CĐCS A,31/02/2023,", "Ngày cập nhật: không đọc được ngày"),
        ("SK2,Máy hàn,CĐCS A,16/03/2023,-500.000", "Giá trị làm lợi (đồng/năm): số tiền âm"),
        ("SK1,Máy hàn,CĐCS A,16/03/2023,", "Trùng mã sáng kiến"),
    ],
)
def test_each_rule_rejects_the_row_with_its_reason(bad_row, reason):
    s = stage_one("rules.csv", (REJECT_HEADER + bad_row + "\n").encode())
    assert (s.rows_in, s.loaded, s.rejected) == (2, 1, 1)
    assert rows(s, "id", "title", "benefit_vnd") == [["SK1", "Máy cắt", 2_000_000]]
    assert rejects(s) == [[3, reason]]


def test_unknown_status_is_rejected():
    data = "Tên sáng kiến,Đơn vị,Ngày nộp,Trạng thái\nA,CĐCS X,01/02/2023,hợp lệ\nB,CĐCS X,01/02/2023,chưa biết\n"
    s = stage_one("status.csv", data.encode())
    assert rejects(s) == [[3, "Trạng thái không rõ (hợp lệ / đang xem xét / không hợp lệ)"]]


def test_several_reasons_are_joined_and_the_row_is_kept_as_written():
    data = "Tên sáng kiến,Đơn vị,Ngày nộp\nMáy bào,,ngày mai\n".encode()
    s = stage_one("two_reasons.csv", data)
    assert rejects(s) == [[2, "Thiếu Công đoàn cơ sở; Ngày cập nhật: không đọc được ngày"]]
    assert json.loads(s.rejects["data"][0]) == {"Tên sáng kiến": "Máy bào", "Đơn vị": None, "Ngày nộp": "ngày mai"}


def test_blank_and_total_rows_are_skipped_not_counted():
    data = (
        "STT,Tên sáng kiến,Đơn vị,Ngày nộp,Giá trị làm lợi\n"
        "1,Máy cắt,CĐCS A,15/03/2023,2.000.000\n"
        ",,,,\n"
        "2,Máy hàn,CĐCS A,16/03/2023,1.000.000\n"
        "3,Máy tiện,CĐCS A,31/02/2023,\n"
        "Tổng cộng,,,,3.000.000\n"
    ).encode()
    s = stage_one("totals.csv", data)
    assert (s.rows_in, s.loaded, s.rejected, s.skipped) == (3, 2, 1, 2)
    assert s.rows_in == s.loaded + s.rejected
    assert rows(s, "title", "benefit_vnd", "source_row") == [["Máy cắt", 2_000_000, 2], ["Máy hàn", 1_000_000, 4]]
    assert rejects(s) == [[5, "Ngày cập nhật: không đọc được ngày"]]
    assert "Bỏ qua 1 dòng tổng cộng." in s.notes


def test_malformed_csv_line_is_rejected_not_lost():
    data = (
        "Mã sáng kiến,Tên sáng kiến,Đơn vị,Ngày nộp\n"
        "SK1,Máy cắt,CĐCS A,13/02/2023\n"
        'SK2,"Máy" hàn,CĐCS A,13/02/2023\n'
        "SK3,Máy tiện,CĐCS A,13/02/2023\n"
    ).encode()
    s = stage_one("broken.csv", data)
    assert s.rows_in == 3 and s.loaded + s.rejected == 3
    assert rows(s, "id", "source_row")[-1] == ["SK3", 4]


def test_source_row_is_the_file_line_after_empty_lines():
    data = "Tên sáng kiến,Đơn vị,Ngày nộp\n\nMáy cắt,CĐCS A,31/02/2023\n".encode()
    s = stage_one("empty_lines.csv", data)
    assert rejects(s) == [[3, "Ngày cập nhật: không đọc được ngày"]]


# --- files that change nothing ----------------------------------------------------

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # how every .xls file starts


@pytest.mark.parametrize(
    ("name", "data", "kind", "error"),
    [
        (
            "bao_cao.xls",
            OLE2_MAGIC + bytes(504),
            None,
            "Không mở được tệp .xls (Excel 97–2003) này: hãy mở tệp bằng Excel và lưu lại dưới dạng .xlsx.",
        ),
        ("empty.csv", b"", None, "Tệp rỗng, không có dòng dữ liệu nào."),
        (
            "nothing_known.csv",
            "Họ,Tên,Tuổi\nNguyễn,An,30\n".encode(),
            None,
            "Không tìm thấy dòng tiêu đề: không cột nào khớp với các cột đã biết.",
        ),
        ("header_only.csv", "Tên sáng kiến,Đơn vị,Ngày nộp\n".encode(), None, "Tệp không có dòng dữ liệu nào để nạp."),
        (
            "no_date.csv",
            "Tên sáng kiến,Đơn vị,Giá trị làm lợi\nMáy cắt,CĐCS A,1.000\n".encode(),
            "initiatives",
            "Thiếu cột bắt buộc của bảng Sáng kiến: Ngày cập nhật.",
        ),
    ],
)
def test_unusable_file_publishes_nothing(tmp_path, name, data, kind, error):
    staged = stage_bytes(name, data, kind)
    assert [(s.error, s.loaded) for s in staged] == [(error, 0)]
    store = Store(tmp_path / "store")
    with pytest.raises(PublishError, match="Không có dữ liệu nào được xuất bản"):
        store.publish(actor=ADMIN, staged=staged, label="thử")
    assert store.versions() == [] and store.current() is None
    assert list(store.versions_dir.iterdir()) == []
    assert [(e["outcome"], e["version"], e["files"][0]["error"]) for e in store.load_log()] == [("failed", None, error)]


def test_initiatives_file_missing_a_required_column_names_it():
    data = "Tên sáng kiến,Đơn vị,Giá trị làm lợi\nMáy cắt,CĐCS A,1.000\n".encode()
    s = stage_one("no_date.csv", data)
    assert s.loaded == 0
    assert "Ngày cập nhật" in (s.error or "")
