"""Bad inputs against a store that already holds a published version.

Every case builds its file as inline bytes, stages it and tries to publish it. A refused
file gets its exact Vietnamese message and leaves the store as it was (same current
version, same version file bytes); a file that loads gets its exact counts, rejected rows
(file row and reason) and a few literal values, and leaves the previous version's file
untouched. No case may end in a Python exception, and always rows_in = loaded + rejected.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import math
import re
import shutil
import struct
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sangkien.demo.common import to_cp1258
from sangkien.ingest.schema import STATUS_VALID
from sangkien.ingest.staging import UNEXPECTED, Staged, stage_bytes
from sangkien.store.versions import PublishError, Store
from sangkien.tables import rejects_table, to_csv_bytes, to_excel_bytes

from .conftest import ADMIN

# --- fixtures of text -------------------------------------------------------------

H = "Mã sáng kiến;Tên sáng kiến;Tác giả;Công đoàn cơ sở;LĐLĐ tỉnh/thành phố;Ngày cập nhật;Giá trị làm lợi;Trạng thái\n"
AMBIGUOUS_DATES = "Cột Ngày cập nhật: mọi ngày đều ≤ 12, đọc theo kiểu ngày/tháng/năm."
BROKEN_LINE = "Dòng hỏng: số cột hoặc dấu ngoặc kép không đúng"
BENEFIT = "Giá trị làm lợi (đồng/năm)"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def row(
    id: str = "A1",
    title: str = "Cải tiến máy hàn",
    unit: str = "CĐCS Công ty A",
    federation: str = "LĐLĐ tỉnh Bắc Ninh",
    date: str = "01/05/2023",
    money: str = "3.500.000",
    status: str = "Hợp lệ",
    author: str = "Nguyễn Văn An",
) -> str:
    return f"{id};{title};{author};{unit};{federation};{date};{money};{status}\n"


BASELINE = (H + row("B1") + row("B2", title="Số hóa hồ sơ", unit="CĐCS Công ty B", date="02/05/2023")).encode()
BASELINE_ROWS = 2


# --- the store ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def baseline(tmp_path_factory) -> Path:
    """A store with one published version (v0001), built once and copied for each case."""
    root = tmp_path_factory.mktemp("baseline") / "store"
    Store(root).publish(actor=ADMIN, staged=stage_bytes("baseline.csv", BASELINE), label="baseline")
    return root


@pytest.fixture
def store(baseline, store_dir) -> Store:
    shutil.copytree(baseline, store_dir)
    return Store(store_dir)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tables_of(path: Path) -> dict[str, int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        names = [r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()]
        return {n: con.execute(f'select count(*) from "{n}"').fetchone()[0] for n in sorted(names)}
    finally:
        con.close()


@dataclass(frozen=True)
class Snapshot:
    current: str
    sha: str
    versions: tuple[str, ...]
    files: tuple[str, ...]


def snapshot(store: Store) -> Snapshot:
    m = store.manifest()
    return Snapshot(
        m["current"],
        sha256(store.version_path(m["current"])),
        tuple(v["id"] for v in m["versions"]),
        tuple(sorted(p.name for p in store.versions_dir.iterdir())),
    )


def stage(name: str, data: bytes) -> list[Staged]:
    """stage_bytes returns Staged objects whatever the bytes, and no internal error hides behind them."""
    staged = stage_bytes(name, data)
    assert isinstance(staged, list) and staged
    for s in staged:
        assert isinstance(s, Staged)
        assert s.error != UNEXPECTED, s.detail
        assert s.rows_in == s.loaded + s.rejected
    return staged


def refused(store: Store, name: str, data: bytes, message: str) -> Staged:
    """The file is refused with ``message``; publishing it changes nothing in the store."""
    before = snapshot(store)
    staged = stage(name, data)
    assert [s.error for s in staged] == [message]
    assert (staged[0].loaded, staged[0].rejected) == (0, 0)
    with pytest.raises(PublishError) as info:
        store.publish(actor=ADMIN, staged=staged, label=name)
    assert str(info.value) == f"Không có dữ liệu nào được xuất bản. {name}: {message}"
    assert snapshot(store) == before
    assert store.load_log()[0]["outcome"] == "failed"
    return staged[0]


def loads(
    store: Store,
    name: str,
    data: bytes,
    loaded: int,
    rejects: list[list[object]] | None = None,
    kind: str = "initiatives",
) -> Staged:
    """The file loads ``loaded`` rows and rejects exactly ``rejects`` ([file row, reason]); it publishes v0002."""
    before = snapshot(store)
    staged = stage(name, data)
    assert len(staged) == 1
    s = staged[0]
    assert (s.error, s.kind) == (None, kind)
    assert s.rejects[["source_row", "reason"]].values.tolist() == (rejects or [])
    assert (s.loaded, s.rejected) == (loaded, len(rejects or []))
    meta = store.publish(actor=ADMIN, staged=staged, label=name)
    assert (meta["id"], store.manifest()["current"]) == ("v0002", "v0002")
    assert meta["tables"][kind] == loaded and meta["rejected"] == len(rejects or [])
    assert sha256(store.version_path(before.current)) == before.sha  # versions are immutable
    assert tables_of(store.version_path(before.current))["initiatives"] == BASELINE_ROWS
    counts = tables_of(store.version_path("v0002"))
    assert set(counts) == set(tables_of(store.version_path(before.current)))  # every table still there
    assert counts[kind] == loaded and counts["_rejects"] == len(rejects or [])
    return s


def plain(value: object) -> object:
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return value.item() if hasattr(value, "item") else value


def values(s: Staged, *columns: str) -> list[list[object]]:
    return [[plain(v) for v in r] for r in s.data[list(columns)].itertuples(index=False)]


def version_frame(store: Store, sql: str) -> pd.DataFrame:
    con = duckdb.connect(str(store.version_path(store.manifest()["current"])), read_only=True)
    try:
        return con.execute(sql).df()
    finally:
        con.close()


def xlsx(*rows: list[object]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sáng kiến"
    for r in rows:
        sheet.append(r)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


XLSX_HEADER = ["Mã sáng kiến", "Tên sáng kiến", "Công đoàn cơ sở", "Ngày cập nhật", "Giá trị làm lợi"]


def parquet(table: pa.Table) -> bytes:
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in members.items():
            z.writestr(name, content)
    return buffer.getvalue()


def declare_size(data: bytes, member: str, size: int) -> bytes:
    """The zip with ``member``'s uncompressed size rewritten (central directory and local header): a lie."""
    out = bytearray(data)
    for signature, size_at, name_len_at, name_at in ((b"PK\x01\x02", 24, 28, 46), (b"PK\x03\x04", 22, 26, 30)):
        i = out.find(signature)
        while i >= 0:
            (n,) = struct.unpack_from("<H", out, i + name_len_at)
            if bytes(out[i + name_at : i + name_at + n]) == member.encode():
                struct.pack_into("<I", out, i + size_at, size)
            i = out.find(signature, i + 4)
    return bytes(out)


# --- encodings ----------------------------------------------------------------------


def test_invalid_utf8_bytes_in_a_utf8_file(store):
    data = (H + row("A1")).encode() + b"A2;M\xe1y \xff\xfe;An;CDCS B;LDLD;02/05/2023;1.000;Hop le\n"
    s = loads(store, "utf8_hong.csv", data, loaded=2)
    assert s.encoding == "utf-8+cp1258"
    assert s.notes[0] == (
        "Tệp trộn hai bảng mã: 3 byte không phải UTF-8 được đọc theo Windows-1258; hãy kiểm tra các dòng có chữ lạ."
    )
    assert values(s, "id", "title", "unit") == [
        ["A1", "Cải tiến máy hàn", "CĐCS Công ty A"],
        ["A2", "Máy ÿ₫", "CDCS B"],
    ]


def test_nul_bytes_are_dropped_with_a_note(store):
    data = (H + row("A1") + row("A2")).encode().replace(b"A1;", b"A\x001;")
    data = data.replace("máy hàn".encode(), "máy\x00 hàn".encode(), 1)
    s = loads(store, "nul.csv", data, loaded=2)
    assert s.notes[0] == "Bỏ 2 ký tự NUL trong tệp."
    assert values(s, "id", "title") == [["A1", "Cải tiến máy hàn"], ["A2", "Cải tiến máy hàn"]]


STARTS_WITH_D_STROKE = "Đơn vị;Tên sáng kiến;Ngày cập nhật\nCĐCS Công ty Đông Á;Máy hàn;01/05/2023\n"


@pytest.mark.parametrize(
    ("text", "encoding", "unit"),
    [
        pytest.param(H + row("A1"), "utf-16-le", "CĐCS Công ty A", id="utf16_le_no_bom"),
        pytest.param(STARTS_WITH_D_STROKE, "utf-16-le", "CĐCS Công ty Đông Á", id="utf16_le_no_bom_first_letter_D"),
        pytest.param(STARTS_WITH_D_STROKE, "utf-16-be", "CĐCS Công ty Đông Á", id="utf16_be_no_bom_first_letter_D"),
    ],
)
def test_utf16_without_bom(store, text, encoding, unit):
    s = loads(store, "unicode.csv", text.encode(encoding), loaded=1)
    assert s.encoding == encoding
    assert values(s, "unit", "submitted_on") == [[unit, "2023-05-01"]]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"], ids=["utf16_le_bom_tabs_crlf", "utf16_be_bom_tabs_crlf"])
def test_utf16_with_bom(store, codec):
    text = "\ufeff" + (H + row("A1") + row("A2", unit="CĐCS Trường Mầm non Hoa Sữa")).replace(";", "\t")
    s = loads(store, "unicode.txt", text.replace("\n", "\r\n").encode(codec), loaded=2)
    assert s.encoding == "utf-16"
    assert values(s, "id", "unit", "benefit_vnd") == [
        ["A1", "CĐCS Công ty A", 3_500_000],
        ["A2", "CĐCS Trường Mầm non Hoa Sữa", 3_500_000],
    ]


def test_windows1258_text_after_the_first_megabyte_of_ascii(store):
    header = "Ma sang kien;Ten sang kien;Tac gia;Cong doan co so;LDLD tinh/thanh pho;Ngay cap nhat;Gia tri lam loi\n"
    ascii_rows = "".join(
        f"B{i};Cai tien {i};Nguyen Van An;CDCS Cong ty A;LDLD Bac Ninh;01/05/2023;1.000\n" for i in range(20_000)
    )
    assert len(ascii_rows) > 1024 * 1024
    last = row("V1", title="Cải tiến khuôn ép nhựa", unit="CĐCS Công ty Điện lực Hoàn Kiếm").rsplit(";", 1)[0] + "\n"
    data = header.encode() + ascii_rows.encode() + to_cp1258(last)
    s = loads(store, "windows1258.csv", data, loaded=20_001)
    assert s.encoding == "cp1258"
    assert values(s, "id", "title", "unit", "source_row")[-1] == [
        "V1",
        "Cải tiến khuôn ép nhựa",
        "CĐCS Công ty Điện lực Hoàn Kiếm",
        20_002,
    ]
    assert values(s, "id", "title", "source_row")[0] == ["B0", "Cai tien 0", 2]
    assert unicodedata.is_normalized("NFC", s.data["title"].iloc[-1])


def test_mixed_utf8_and_windows1258_lines(store):
    data = (H + row("A1")).encode() + to_cp1258(row("A2", unit="CĐCS Trường Mầm non Hoa Sữa"))
    s = loads(store, "tron.csv", data, loaded=2)
    assert s.encoding == "utf-8+cp1258"
    assert sum(b > 127 for b in to_cp1258(row("A2", unit="CĐCS Trường Mầm non Hoa Sữa"))) == 25
    assert s.notes[0] == (
        "Tệp trộn hai bảng mã: 25 byte không phải UTF-8 được đọc theo Windows-1258; hãy kiểm tra các dòng có chữ lạ."
    )
    assert values(s, "id", "title", "unit") == [
        ["A1", "Cải tiến máy hàn", "CĐCS Công ty A"],
        ["A2", "Cải tiến máy hàn", "CĐCS Trường Mầm non Hoa Sữa"],
    ]


def test_utf8_with_bom(store):
    s = loads(store, "bom.csv", b"\xef\xbb\xbf" + (H + row("A1")).encode(), loaded=1)
    assert s.encoding == "utf-8-sig"
    assert s.mapping["Mã sáng kiến"] == "id"  # the BOM is not part of the first header
    assert values(s, "id", "title") == [["A1", "Cải tiến máy hàn"]]


# --- Vietnamese text ------------------------------------------------------------------


def _unit_keys(store, name: str, units: list[str]) -> Staged:
    data = (H + "".join(row(f"A{i}", unit=u) for i, u in enumerate(units, 1))).encode()
    return loads(store, name, data, loaded=len(units))


def test_nfc_and_nfd_spellings_are_one_unit(store):
    name = "CĐCS Công ty Điện lực Hoàn Kiếm"
    s = _unit_keys(store, "nfd.csv", [name, unicodedata.normalize("NFD", name)])
    assert values(s, "unit", "unit_key") == [[name, "công đoàn cơ sở công ty điện lực hoàn kiếm"]] * 2
    published = version_frame(store, "select count(distinct unit_key) n from initiatives")
    assert published["n"].tolist() == [1]


def test_both_tone_mark_placements_are_one_unit(store):
    s = _unit_keys(store, "hoa.csv", ["CĐCS Xã Thanh Hoá", "CĐCS Xã Thanh Hóa", "CĐCS Xã Thuỷ Nguyên"])
    assert values(s, "unit", "unit_key") == [
        ["CĐCS Xã Thanh Hoá", "công đoàn cơ sở xã thanh hóa"],
        ["CĐCS Xã Thanh Hóa", "công đoàn cơ sở xã thanh hóa"],
        ["CĐCS Xã Thuỷ Nguyên", "công đoàn cơ sở xã thủy nguyên"],
    ]


def test_d_stroke_in_both_cases_is_one_unit(store):
    s = _unit_keys(store, "dd.csv", ["CĐCS Công ty Đông Á", "cđcs công ty đông á", "CĐCS CÔNG TY ĐÔNG Á"])
    assert {k for (k,) in values(s, "unit_key")} == {"công đoàn cơ sở công ty đông á"}
    assert values(s, "unit")[1] == ["cđcs công ty đông á"]  # the name as written is kept


def test_eth_lookalike_of_d_stroke_is_one_unit(store):
    s = _unit_keys(store, "eth.csv", ["CĐCS Công ty Điện lực", "C\u00d0CS Công ty \u00d0iện lực"])
    assert {k for (k,) in values(s, "unit_key")} == {"công đoàn cơ sở công ty điện lực"}


def test_names_differing_only_in_spaces_are_one_unit(store):
    s = _unit_keys(store, "spaces.csv", ["CĐCS Công ty A", "  CĐCS   Công ty A ", "CĐCS\tCông ty\u00a0A"])
    assert values(s, "unit", "unit_key") == [["CĐCS Công ty A", "công đoàn cơ sở công ty a"]] * 3


# --- numbers --------------------------------------------------------------------------

NEGATIVE = f"{BENEFIT}: số tiền âm"
UNREADABLE = f"{BENEFIT}: không đọc được số"
TOO_BIG = f"{BENEFIT}: số quá lớn để lưu chính xác (từ 9.007.199.254.740.992 trở lên)"


@pytest.mark.parametrize(
    ("written", "read", "reason"),
    [
        pytest.param("1.234.567", 1_234_567, None, id="vi_thousands_dots"),
        pytest.param("1.234,5", 1234.5, None, id="vi_decimal_comma"),
        pytest.param("1,234,567", 1_234_567, None, id="en_thousands_commas"),
        pytest.param("5.000.000 ₫", 5_000_000, None, id="dong_sign"),
        pytest.param("(1.000)", None, NEGATIVE, id="parentheses_negative"),
        pytest.param("-", None, None, id="dash_is_empty"),
        pytest.param("3,5 tỷ", 3_500_000_000, None, id="ty_scale_word"),
        pytest.param("9007199254740993", None, TOO_BIG, id="above_2_pow_53"),
        pytest.param("NaN", None, UNREADABLE, id="nan_text"),
        pytest.param("Inf", None, UNREADABLE, id="inf_text"),
        pytest.param("-500.000", None, NEGATIVE, id="negative_money"),
    ],
)
def test_money_as_written(store, written, read, reason):
    data = (H + row("A1", money="") + row("A2", money=written)).encode()
    s = loads(store, "tien.csv", data, loaded=1 if reason else 2, rejects=[[3, reason]] if reason else [])
    assert values(s, "id", "benefit_vnd") == [["A1", None]] + ([] if reason else [["A2", read]])
    if reason:
        assert json.loads(s.rejects["data"][0])["Giá trị làm lợi"] == written  # the row kept as written


def test_numbers_in_two_conventions_in_one_column(store):
    data = (H + row("A1", money="1.234.567") + row("A2", money="1,234,567") + row("A3", money="12")).encode()
    s = loads(store, "hai_kieu.csv", data, loaded=1, rejects=[[2, UNREADABLE], [3, UNREADABLE]])
    assert values(s, "id", "benefit_vnd") == [["A3", 12]]
    assert (
        f"Cột {BENEFIT} có số viết theo hai kiểu khác nhau (ví dụ: 1.234.567, 1,234,567); các giá trị này không được đọc."
    ) in s.notes


def test_whole_number_above_2_pow_53_is_rejected_not_a_failed_publish(store):
    data = (
        "Tên đơn vị;Đơn vị cấp trên;Chỉ tiêu giao\n"
        "LĐLĐ quận Hoàng Mai;LĐLĐ TP Hà Nội;99.999.999.999.999.999.999\n"
        "LĐLĐ quận Ba Đình;LĐLĐ TP Hà Nội;5.000\n"
    ).encode()
    s = loads(
        store,
        "chi_tieu.csv",
        data,
        loaded=1,
        kind="units",
        rejects=[[2, "Chỉ tiêu giao: số quá lớn để lưu chính xác (từ 9.007.199.254.740.992 trở lên)"]],
    )
    assert values(s, "unit", "quota") == [["LĐLĐ quận Ba Đình", 5000]]
    assert store.current()["tables"] == {"initiatives": BASELINE_ROWS, "units": 1}  # carried over


def test_ids_with_leading_zeros_stay_text(store):
    s = loads(store, "ma.csv", (H + row("00123") + row("0042") + row("7")).encode(), loaded=3)
    assert values(s, "id") == [["00123"], ["0042"], ["7"]]
    assert version_frame(store, "select id from initiatives order by source_row")["id"].tolist() == [
        "00123",
        "0042",
        "7",
    ]


# --- dates ----------------------------------------------------------------------------


def test_ambiguous_day_month_is_read_day_first_with_a_note(store):
    data = (H + row("A1", date="01/02/2023") + row("A2", date="03/04/2023") + row("A3", date="12/11/2022")).encode()
    s = loads(store, "ngay_mo_ho.csv", data, loaded=3)
    assert values(s, "id", "submitted_on") == [["A1", "2023-02-01"], ["A2", "2023-04-03"], ["A3", "2022-11-12"]]
    assert AMBIGUOUS_DATES in s.notes


def test_excel_serial_numbers_as_text(store):
    data = (H + row("A1", date="45000") + row("A2", date="44927.5") + row("A3", date="12345")).encode()
    outside = "Ngày cập nhật ngoài thời gian chương trình (01/09/2021–31/12/2023)"
    s = loads(store, "so_ngay.csv", data, loaded=2, rejects=[[4, outside]])
    assert values(s, "id", "submitted_on") == [["A1", "2023-03-15"], ["A2", "2023-01-01"]]


def test_excel_serial_numbers_in_number_cells(store):
    data = xlsx(XLSX_HEADER, ["A1", "Máy hàn", "CĐCS A", 45000, 1000], ["A2", "Máy tiện", "CĐCS A", 45291.75, 2000])
    s = loads(store, "so_ngay.xlsx", data, loaded=2)
    assert values(s, "id", "submitted_on", "benefit_vnd") == [["A1", "2023-03-15", 1000], ["A2", "2023-12-31", 2000]]


def test_mixed_date_formats_in_one_column(store):
    dates = ["15/03/2023", "2023-04-01", "45000", "5/6/23", "2023/07/08 10:30", "1.9.2021"]
    data = (H + "".join(row(f"A{i}", date=d) for i, d in enumerate(dates, 1))).encode()
    s = loads(store, "ngay_tron.csv", data, loaded=6)
    assert [d for (d,) in values(s, "submitted_on")] == [
        "2023-03-15",
        "2023-04-01",
        "2023-03-15",
        "2023-06-05",
        "2023-07-08",
        "2021-09-01",
    ]
    assert AMBIGUOUS_DATES not in s.notes  # 15/03 settles it


def test_dates_outside_the_programme_are_rejected(store):
    data = (
        H
        + row("A1", date="31/08/2021")
        + row("A2", date="01/09/2021")
        + row("A3", date="31/12/2023")
        + row("A4", date="01/01/2024")
        + row("A5", date="31/12/9999")
        + row("A6", date="30/02/2023")
    ).encode()
    outside = "Ngày cập nhật ngoài thời gian chương trình (01/09/2021–31/12/2023)"
    s = loads(
        store,
        "ngoai_ky.csv",
        data,
        loaded=2,
        rejects=[[2, outside], [5, outside], [6, outside], [7, "Ngày cập nhật: không đọc được ngày"]],
    )
    assert values(s, "id", "submitted_on") == [["A2", "2021-09-01"], ["A3", "2023-12-31"]]


# --- structure ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"", "Tệp rỗng, không có dòng dữ liệu nào.", id="empty_file"),
        pytest.param(b" \r\n\n\t\n", "Tệp rỗng, không có dòng dữ liệu nào.", id="blank_lines_only"),
        pytest.param(H.encode(), "Tệp không có dòng dữ liệu nào để nạp.", id="header_only"),
        pytest.param((H + ";;;;;;;\n\n").encode(), "Tệp không có dòng dữ liệu nào để nạp.", id="header_and_blank_rows"),
    ],
)
def test_file_without_data_rows_is_refused(store, data, message):
    refused(store, "rong.csv", data, message)


def test_duplicate_headers_first_one_wins(store):
    data = "Mã sáng kiến;Tên sáng kiến;Tên sáng kiến;Công đoàn cơ sở;Ngày cập nhật;Giá trị làm lợi\nA1;Máy hàn;Máy tiện;CĐCS A;01/05/2023;1.000\n"
    s = loads(store, "trung_cot.csv", data.encode(), loaded=1)
    assert values(s, "id", "title", "unit") == [["A1", "Máy hàn", "CĐCS A"]]
    assert "Cột không dùng: Tên sáng kiến." in s.notes


@pytest.mark.parametrize("blank", ["", "   ", "\t"], ids=["blank_headers", "spaces_only_headers", "tab_only_headers"])
def test_headers_without_a_name_are_ignored(store, blank):
    data = (
        f"Mã sáng kiến;{blank};Tên sáng kiến;Công đoàn cơ sở;{blank};Ngày cập nhật;Giá trị làm lợi\n"
        "A1;x;Máy hàn;CĐCS A;y;01/05/2023;1.000\n"
        "A2;x;Máy tiện;CĐCS A;y;02/05/2023;2.000\n"
    )
    s = loads(store, "khong_ten.csv", data.encode(), loaded=2)
    assert s.mapping == {
        "Mã sáng kiến": "id",
        "Tên sáng kiến": "title",
        "Công đoàn cơ sở": "unit",
        "Ngày cập nhật": "submitted_on",
        "Giá trị làm lợi": "benefit_vnd",
    }
    assert values(s, "id", "title", "benefit_vnd") == [["A1", "Máy hàn", 1000], ["A2", "Máy tiện", 2000]]


def test_blank_header_over_a_text_only_first_row_loses_no_row(store):
    data = "Mã sáng kiến;;Tên sáng kiến;Công đoàn cơ sở;Ngày cập nhật\nA1;x;Máy hàn;CĐCS A;01/05/2023\nA2;x;Máy tiện;CĐCS A;02/05/2023\n"
    s = loads(store, "khong_ten_2.csv", data.encode(), loaded=2)
    assert values(s, "id") == [["A1"], ["A2"]]


def test_ragged_row_with_fewer_fields_is_rejected(store):
    data = (H + row("A1") + "A2;Máy tiện;An;CĐCS A\n" + row("A3")).encode()
    s = loads(store, "it_cot.csv", data, loaded=2, rejects=[[3, "Thiếu Ngày cập nhật"]])
    assert values(s, "id", "source_row") == [["A1", 2], ["A3", 4]]
    assert json.loads(s.rejects["data"][0])["Tên sáng kiến"] == "Máy tiện"


def test_ragged_row_with_more_fields_keeps_the_named_columns(store):
    data = (H + row("A1") + row("A2").rstrip("\n") + ";thừa;thừa nữa\n" + row("A3")).encode()
    s = loads(store, "nhieu_cot.csv", data, loaded=3)
    assert values(s, "id", "title", "status", "source_row") == [
        ["A1", "Cải tiến máy hàn", STATUS_VALID, 2],
        ["A2", "Cải tiến máy hàn", STATUS_VALID, 3],
        ["A3", "Cải tiến máy hàn", STATUS_VALID, 4],
    ]


def test_unterminated_quote_rejects_its_line_only(store):
    stray = 'A2;"Máy hàn;An;CĐCS A;LĐLĐ;01/05/2023;1.000;Hợp lệ'
    data = (H + row("A1") + stray + "\n" + row("A3") + row("A4") + row("A5")).encode()
    s = loads(store, "ngoac_kep.csv", data, loaded=4, rejects=[[3, BROKEN_LINE]])
    assert values(s, "id", "source_row") == [["A1", 2], ["A3", 4], ["A4", 5], ["A5", 6]]
    assert json.loads(s.rejects["data"][0]) == {"Dòng": stray}


def test_unterminated_quote_on_the_last_line(store):
    data = (H + row("A1") + row("A2") + 'A3;"Máy hàn;An;CĐCS A;LĐLĐ;01/05/2023;1.000;Hợp lệ\n').encode()
    s = loads(store, "ngoac_kep_cuoi.csv", data, loaded=2, rejects=[[4, BROKEN_LINE]])
    assert values(s, "id") == [["A1"], ["A2"]]


def test_cr_only_line_ends_old_mac(store):
    data = (H + row("A1") + row("A2", title="Máy tiện")).replace("\n", "\r").encode()
    s = loads(store, "mac.csv", data, loaded=2)
    assert values(s, "id", "title", "source_row") == [["A1", "Cải tiến máy hàn", 2], ["A2", "Máy tiện", 3]]


def test_ten_megabyte_line_is_a_rejected_row(store):
    data = (H + row("A1") + row("A2", title="x" * (10 * 1024 * 1024)) + row("A3")).encode()
    s = loads(store, "dong_dai.csv", data, loaded=2, rejects=[[3, "Dòng dài quá giới hạn (6,25 MB một dòng)"]])
    assert values(s, "id", "source_row") == [["A1", 2], ["A3", 4]]


def test_cell_over_32_kib_is_a_rejected_row(store):
    data = (H + row("A1") + row("A2", title="y" * (32 * 1024 + 1)) + row("A3")).encode()
    s = loads(store, "o_dai.csv", data, loaded=2, rejects=[[3, "Ô ở cột 2 dài quá giới hạn 32 KiB"]])
    assert values(s, "id", "source_row") == [["A1", 2], ["A3", 4]]
    assert len(s.rejects["data"][0]) < 3000  # the load log keeps a cut of the row, not 32 KiB


def test_cell_of_exactly_32_kib_loads(store):
    s = loads(store, "o_du.csv", (H + row("A1", title="z" * (32 * 1024))).encode(), loaded=1)
    assert len(s.data["title"][0]) == 32 * 1024


def test_thousand_columns_are_refused(store):
    header = ";".join(["Tên sáng kiến", "Công đoàn cơ sở", "Ngày cập nhật"] + [f"Cột {i}" for i in range(997)])
    line = ";".join(["Máy hàn", "CĐCS A", "01/05/2023"] + ["1"] * 997)
    refused(store, "rong_qua.csv", f"{header}\n{line}\n".encode(), "Tệp có 1000 cột, vượt giới hạn 200 cột.")


def test_rows_over_the_row_limit_are_refused(store, monkeypatch):
    monkeypatch.setattr("sangkien.ingest.csvread.MAX_ROWS", 3)
    data = (H + "".join(row(f"A{i}") for i in range(5))).encode()
    refused(store, "nhieu_dong.csv", data, "Tệp có hơn 3 dòng, vượt giới hạn.")


def test_parquet_over_the_row_limit_is_refused(store, monkeypatch):
    monkeypatch.setattr("sangkien.ingest.readers.MAX_ROWS", 3)
    table = pa.table(
        {"Tên sáng kiến": ["Máy A"] * 5, "Công đoàn cơ sở": ["CĐCS X"] * 5, "Ngày cập nhật": ["01/05/2023"] * 5}
    )
    refused(store, "nhieu_dong.parquet", parquet(table), "Tệp có 5 dòng, vượt giới hạn 3 dòng.")


def test_excel_sheet_over_the_row_limit_is_refused(store, monkeypatch):
    monkeypatch.setattr("sangkien.ingest.readers.MAX_ROWS", 0)  # a sheet may hold 1.000 rows more (headers, totals)
    book = xlsx(XLSX_HEADER, *[[f"A{i}", "Máy hàn", "CĐCS A", dt.date(2023, 5, 1), 1000] for i in range(1001)])
    refused(store, "nhieu_dong.xlsx", book, "Trang 'Sáng kiến' có 1.002 dòng, vượt giới hạn.")


def test_quoted_cell_with_a_line_break_loads(store):
    data = (H + row("A1", title='"Máy hàn\nloại hai"') + row("A2")).encode()
    s = loads(store, "xuong_dong.csv", data, loaded=2)
    assert values(s, "id", "title", "source_row") == [["A1", "Máy hàn loại hai", 2], ["A2", "Cải tiến máy hàn", 4]]


# --- files ----------------------------------------------------------------------------

UNKNOWN = (
    "Không nhận dạng được định dạng tệp '{}'. Hỗ trợ: .csv, .ods, .parquet, .pq, .tsv, .txt, .xls, .xlsb, .xlsm, .xlsx."
)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        pytest.param("bao_cao.docx", (H + row()).encode(), id="docx_name_with_csv_text"),
        pytest.param("du_lieu.json", b'[{"Ten sang kien": "May han"}]', id="json"),
    ],
)
def test_wrong_extension_is_refused(store, name, data):
    refused(store, name, data, UNKNOWN.format(Path(name).suffix))


def test_real_word_document_is_refused(store):
    data = zip_of({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
    refused(store, "bao_cao.xlsx", data, "Tệp này là văn bản Word hoặc bản trình chiếu, không phải bảng dữ liệu.")


def test_pdf_renamed_csv_is_refused(store):
    data = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n"
    refused(
        store,
        "bao_cao.csv",
        data,
        "Tệp này là tệp PDF, không phải bảng dữ liệu: hãy nạp tệp Excel hoặc CSV xuất từ phần mềm.",
    )


def test_xlsx_that_is_really_a_csv_loads_with_a_note(store):
    s = loads(store, "that_ra_csv.xlsx", (H + row("A1")).encode(), loaded=1)
    assert s.notes[0] == "Tệp mang đuôi .xlsx nhưng thực ra là văn bản CSV; đã đọc như CSV."
    assert values(s, "id", "title", "benefit_vnd") == [["A1", "Cải tiến máy hàn", 3_500_000]]


PASSWORD = "Tệp Excel được đặt mật khẩu: hãy mở bằng Excel, bỏ mật khẩu rồi lưu lại và nạp lại."


def test_password_protected_xlsx_is_refused(store):
    from msoffcrypto.format import ooxml  # msoffcrypto-tool, a development requirement

    plain_book = xlsx(XLSX_HEADER, ["A1", "Máy hàn", "CĐCS A", dt.date(2023, 5, 1), 1000])
    out = io.BytesIO()
    ooxml.OOXMLFile(io.BytesIO(plain_book)).encrypt("matkhau", out)
    data = out.getvalue()
    assert data.startswith(OLE2_MAGIC) and "EncryptedPackage".encode("utf-16-le") in data
    refused(store, "mat_khau.xlsx", data, PASSWORD)


def test_hand_made_encrypted_package_container_is_refused(store):
    data = OLE2_MAGIC + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(1000)
    refused(store, "mat_khau_2.xlsx", data, PASSWORD)


@pytest.mark.parametrize("cut", [0.5, 0.98], ids=["xlsx_cut_in_half", "xlsx_missing_its_directory_end"])
def test_truncated_xlsx_is_refused(store, cut):
    book = xlsx(XLSX_HEADER, *[[f"A{i}", "Máy hàn", "CĐCS A", dt.date(2023, 5, 1), 1000] for i in range(50)])
    refused(
        store,
        "hong.xlsx",
        book[: int(len(book) * cut)],
        "Không mở được tệp Excel: tệp bị hỏng (không giải nén được nội dung của tệp).",
    )


ZIP_BOMB = "Tệp Excel/ODS khi giải nén vượt giới hạn 2 GiB (có thể là tệp nén bất thường)."


def _bomb() -> bytes:
    """A workbook-like zip whose sheet is 5 MB of zeros (about 5 KB compressed)."""
    return zip_of({"xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": bytes(5 * 1024 * 1024)})


def test_zip_bomb_refused_by_its_declared_size(store):
    data = declare_size(_bomb(), "xl/worksheets/sheet1.xml", 0x9000_0000)  # declares 2,25 GiB
    s = refused(store, "bom.xlsx", data, ZIP_BOMB)
    assert s.detail == "declared uncompressed size 2415919115 bytes"


def test_zip_bomb_refused_by_its_honest_declared_size_over_a_lowered_limit(store, monkeypatch):
    monkeypatch.setattr("sangkien.ingest.limits.MAX_UNZIPPED_BYTES", 1024 * 1024)
    s = refused(store, "bom.xlsx", _bomb(), ZIP_BOMB)
    assert s.detail == f"declared uncompressed size {5 * 1024 * 1024 + 11} bytes"


def test_zip_bomb_that_lies_about_its_size_refused_while_decompressing(store, monkeypatch):
    monkeypatch.setattr("sangkien.ingest.limits.MAX_UNZIPPED_BYTES", 1024 * 1024)
    data = declare_size(_bomb(), "xl/worksheets/sheet1.xml", 1000)  # declares 1000 bytes, holds 5 MB
    assert sum(m.file_size for m in zipfile.ZipFile(io.BytesIO(data)).infolist()) < 1024 * 1024
    s = refused(store, "bom.xlsx", data, ZIP_BOMB)
    assert s.detail == "more than 1048576 bytes while decompressing"


def test_truncated_parquet_is_refused(store):
    table = pa.table(
        {"Tên sáng kiến": ["Máy A"] * 100, "Công đoàn cơ sở": ["CĐCS X"] * 100, "Ngày cập nhật": ["01/05/2023"] * 100}
    )
    data = parquet(table)
    refused(store, "hong.parquet", data[: len(data) // 2], "Không đọc được tệp Parquet: tệp bị hỏng.")


def test_parquet_name_without_parquet_bytes_is_refused(store):
    refused(
        store,
        "khong_phai.parquet",
        b"\x00\x01garbage",
        "Không đọc được tệp Parquet: tệp bị hỏng hoặc không phải Parquet.",
    )


def test_nested_parquet_columns_are_read_as_text(store):
    table = pa.table(
        {
            "Mã sáng kiến": ["P1", "P2"],
            "Tên sáng kiến": ["Máy A", "Máy B"],
            "Công đoàn cơ sở": ["CĐCS X", "CĐCS Y"],
            "Ngày cập nhật": pa.array([dt.date(2023, 5, 1), dt.date(2023, 6, 1)], pa.date32()),
            "Tác giả": pa.array([["An", "Bình"], None], pa.list_(pa.string())),
            "Chi tiết": pa.array([{"so": 1, "ghi_chu": "x"}, {"so": 2, "ghi_chu": None}]),
        }
    )
    s = loads(store, "long_nhau.parquet", parquet(table), loaded=2)
    assert s.notes[0] == "Cột có kiểu lồng nhau được đọc thành văn bản: Tác giả, Chi tiết."
    assert "Cột không dùng: Chi tiết." in s.notes
    assert values(s, "id", "title", "authors", "submitted_on") == [
        ["P1", "Máy A", '["An", "Bình"]', "2023-05-01"],
        ["P2", "Máy B", None, "2023-06-01"],
    ]


def test_file_over_the_size_limit_is_refused(store, monkeypatch):
    monkeypatch.setattr("sangkien.ingest.limits.MAX_FILE_BYTES", 1000)
    data = (H + "".join(row(f"A{i}") for i in range(20))).encode()
    data += b"\n" * (3 * 1024 - len(data))
    assert len(data) == 3 * 1024
    refused(store, "nang.csv", data, "Tệp nặng 3 KB, vượt giới hạn 1 GB mỗi tệp.")


# --- injection ------------------------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "@SUM(A1)", "-2+3+cmd|' /C calc'!A0"]
FORMULA_START = ("=", "+", "-", "@")


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def test_formula_cells_load_as_text_and_are_neutralised_in_downloads(store):
    lines = [row(f"F{i}", title=_quoted(f)) for i, f in enumerate(FORMULAS, 1)]
    lines.append(row("F9", title=_quoted(FORMULAS[0]), date="=NOW()"))
    s = loads(
        store,
        "cong_thuc.csv",
        (H + "".join(lines)).encode(),
        loaded=4,
        rejects=[[6, "Ngày cập nhật: không đọc được ngày"]],
    )
    assert values(s, "id", "title") == [[f"F{i}", f] for i, f in enumerate(FORMULAS, 1)]

    table = version_frame(store, "select * from initiatives order by source_row")
    assert table["title"].tolist() == FORMULAS  # stored as plain text
    downloaded = list(csv.reader(io.StringIO(to_csv_bytes(table).decode("utf-8-sig"))))
    header, body = downloaded[0], downloaded[1:]
    assert [r[header.index("title")] for r in body] == ["'" + f for f in FORMULAS]
    for cell in (c for r in body for c in r):
        assert not cell.startswith(FORMULA_START) or re.fullmatch(r"-?\d+(\.\d+)?", cell), cell

    sheet = openpyxl.load_workbook(io.BytesIO(to_excel_bytes(table))).active
    cells = [c for r in sheet.iter_rows(min_row=2) for c in r]
    assert all(c.data_type != "f" for c in cells)
    assert all(not (isinstance(c.value, str) and c.value.startswith(FORMULA_START)) for c in cells)
    title_col = [c.value for c in sheet[1]].index("title") + 1
    assert [sheet.cell(row=r, column=title_col).value for r in range(2, 6)] == ["'" + f for f in FORMULAS]

    rejected = list(csv.reader(io.StringIO(to_csv_bytes(rejects_table(s)).decode("utf-8-sig"))))
    assert rejected[1][:2] == ["6", "Ngày cập nhật: không đọc được ngày"]
    assert json.loads(rejected[1][2])["Ngày cập nhật"] == "=NOW()"
    assert not any(c.startswith(FORMULA_START) for r in rejected for c in r)


HOSTILE = ["<img src=x onerror=alert(1)>", "x'); DROP TABLE t;--"]


def test_html_and_sql_as_union_names_are_plain_text(store):
    data = H + "".join(row(f"U{i}", unit=_quoted(u), federation=_quoted(u)) for i, u in enumerate(HOSTILE, 1))
    s = loads(store, "ten_doc.csv", data.encode(), loaded=2)
    assert values(s, "unit", "federation") == [[u, u] for u in HOSTILE]
    assert values(s, "unit_key") == [["<img src=x onerror=alert 1 >"], ["x drop table t --"]]
    stored = version_frame(store, "select unit, federation from initiatives order by source_row")
    assert stored.values.tolist() == [[u, u] for u in HOSTILE]
    assert tables_of(store.version_path("v0002"))["initiatives"] == 2


def test_html_and_sql_as_header_names_are_plain_text(store):
    header = "Mã sáng kiến;Tên sáng kiến;Công đoàn cơ sở;Ngày cập nhật;" + ";".join(_quoted(h) for h in HOSTILE)
    data = f"{header}\nA1;Máy hàn;CĐCS A;01/05/2023;a;b\nA2;Máy tiện;CĐCS A;01/05/2023;c;d\n"
    s = loads(store, "tieu_de_doc.csv", data.encode(), loaded=2)
    assert s.unmatched == HOSTILE
    assert f"Cột không dùng: {HOSTILE[0]}, {HOSTILE[1]}." in s.notes
    assert values(s, "id", "title") == [["A1", "Máy hàn"], ["A2", "Máy tiện"]]
    assert version_frame(store, "select count(*) n from initiatives")["n"].tolist() == [2]
