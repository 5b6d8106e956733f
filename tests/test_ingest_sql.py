"""The ingest path in DuckDB: blocks of text decoded and fixed across their seams, a UTF-8 export
read where it lies, the ingest database's limits, the Unicode classes' file, the steps reported."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from sangkien.demo.common import to_cp1258
from sangkien.ingest import csvread, csvtext, keys_classes
from sangkien.ingest.gridtable import IngestDatabase
from sangkien.ingest.staging import stage_bytes, stage_path

HEADER = "Mã sáng kiến;Tên sáng kiến;Đơn vị;Ngày nộp;Giá trị làm lợi\n"
ROWS = [
    ("SK1", "Máy hàn tự động hoá", "CĐCS Công ty Điện lực Hoà Bình", "13/02/2023", "1.500.000"),
    ("SK2", "Cải tiến khuôn đúc", "CĐCS Trường Tiểu học Thuỵ Khuê", "14/02/2023", ""),
    ("SK3", "Quy trình kiểm định", "CĐCS Bệnh viện Đống Đa", "15/02/2023", "2.000.000.000"),
    ("SK4", "Tiết kiệm điện năng", "CĐCS Công ty Điện lực Hoà Bình", "16/02/2023", "750.000"),
]
LOADED = [
    ["SK1", "Máy hàn tự động hoá", "CĐCS Công ty Điện lực Hoà Bình", "2023-02-13", 1_500_000.0, 2],
    ["SK2", "Cải tiến khuôn đúc", "CĐCS Trường Tiểu học Thuỵ Khuê", "2023-02-14", None, 3],
    ["SK3", "Quy trình kiểm định", "CĐCS Bệnh viện Đống Đa", "2023-02-15", 2_000_000_000.0, 4],
    ["SK4", "Tiết kiệm điện năng", "CĐCS Công ty Điện lực Hoà Bình", "2023-02-16", 750_000.0, 5],
]


def text(rows=ROWS, sep: str = "\n") -> str:
    return HEADER.replace("\n", sep) + "".join(";".join(r) + sep for r in rows)


def loaded(s) -> list[list[object]]:
    assert s.error is None, (s.error, s.detail)
    out = []
    for r in s.data[["id", "title", "unit", "submitted_on", "benefit_vnd", "source_row"]].itertuples(index=False):
        benefit = None if r.benefit_vnd != r.benefit_vnd else r.benefit_vnd
        out.append([r.id, r.title, r.unit, r.submitted_on.date().isoformat(), benefit, r.source_row])
    return out


@pytest.fixture(params=[1, 7, 64])
def tiny_blocks(request, monkeypatch):
    """Blocks of a few bytes: every seam falls inside a line, a character, a CR LF pair, a tone mark."""
    monkeypatch.setattr(csvtext, "BLOCK", request.param)
    return request.param


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: t.replace("\n", "\r\n").encode("utf-8"),
        lambda t: t.replace("\n", "\r").encode("utf-8"),
        lambda t: unicodedata.normalize("NFD", t).encode("utf-8"),
        lambda t: to_cp1258(t),
        lambda t: t.encode("utf-16"),
        lambda t: t.encode("utf-16-le"),
        lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    ],
    ids=["utf8", "crlf", "cr", "nfd", "cp1258", "utf16", "utf16le-no-bom", "utf8-bom"],
)
def test_every_encoding_reads_the_same_rows_whatever_the_block_size(tiny_blocks, encode):
    s = stage_bytes("sk.csv", encode(text()))[0]
    assert loaded(s) == LOADED
    assert (s.rows_in, s.loaded, s.rejected) == (4, 4, 0)


def test_blank_lines_keep_the_numbering_across_block_seams(tiny_blocks):
    lines = text().split("\n")
    data = "\n".join([lines[0], "", lines[1], "   ", "", lines[2], lines[3], "", lines[4]]) + "\n\n\n"
    s = stage_bytes("trong.csv", data.encode())[0]
    assert [r[-1] for r in loaded(s)] == [3, 6, 7, 9]


def test_utf8_export_is_read_where_it_lies_and_never_written(tmp_path):
    path = tmp_path / "sang_kien.csv"
    path.write_bytes(text().encode())
    prepared = csvread.prepare(path)
    assert (prepared.path, prepared.temporary, prepared.encoding, prepared.delimiter) == (
        str(path),
        False,
        "utf-8",
        ";",
    )
    before = path.read_bytes()
    assert loaded(stage_path(path)[0]) == LOADED
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (text().replace("\n", "\r\n").encode(), "CR LF"),
        (text().replace("SK2", "SK2\x00").encode(), "NUL"),
        (to_cp1258(text()), "Windows-1258"),
    ],
)
def test_text_that_needs_decoding_goes_through_a_temporary_copy(tmp_path, data, why):
    path = tmp_path / "sk.csv"
    path.write_bytes(data)
    prepared = csvread.prepare(path)
    try:
        assert prepared.temporary and prepared.path != str(path), why
        fixed = Path(prepared.path).read_text(encoding="utf-8")
        assert "\r" not in fixed and "\x00" not in fixed and unicodedata.is_normalized("NFC", fixed)
    finally:
        Path(prepared.path).unlink()
    assert path.read_bytes() == data


@pytest.mark.parametrize(
    ("data", "copied"),
    [
        (unicodedata.normalize("NFD", text()).encode(), False),  # SQL makes the cells NFC
        (text().replace("Đống", "Ðống").encode(), False),  # and 'Ð' 'Đ'
        (text().replace("SK2", "\nSK2").encode(), True),  # DuckDB drops the empty line: read again, decoded
        (text().encode().replace("Đống".encode(), b"\xd0\xf4ng"), False),  # not UTF-8: decoded at once
    ],
)
def test_utf8_is_read_as_written_and_decoded_only_where_duckdb_cannot(tmp_path, monkeypatch, data, copied):
    path = tmp_path / "sk.csv"
    path.write_bytes(data)
    calls = []
    prepare = csvread.prepare
    monkeypatch.setattr(csvread, "prepare", lambda source, fix=False: calls.append(fix) or prepare(source, fix))
    s = stage_path(path)[0]
    assert calls == ([False, True] if copied else [False])
    if b"\xd0\xf4ng" in data:  # Windows-1258 inside UTF-8, said in a note
        assert s.encoding == "utf-8+cp1258" and s.data["unit"][2] == "CĐCS Bệnh viện Đông Đa"
    else:  # the empty line after SK1 counts in the numbering
        shift = [0, 1, 1, 1] if b"\n\nSK2" in data else [0, 0, 0, 0]
        assert loaded(s) == [r[:-1] + [r[-1] + d] for r, d in zip(LOADED, shift, strict=True)]
    assert path.read_bytes() == data


def test_the_ingest_database_is_bounded_and_cleaned_up():
    db = IngestDatabase()
    spill = Path(db.spill)
    memory, temp, order = db.con.execute(
        "select current_setting('memory_limit'), current_setting('temp_directory'),"
        " current_setting('preserve_insertion_order')"
    ).fetchone()
    assert memory.endswith(("GiB", "MiB", "GB", "MB")) and temp == str(spill) and order is True
    assert spill.is_dir()
    db.close()
    assert not spill.exists()


def test_a_staged_file_holds_its_rows_in_duckdb_not_in_pandas():
    s = stage_bytes("sk.csv", text().encode())[0]
    assert s._frame is None and s.source is not None and s.loaded == 4
    batches = s.batches(["id", "unit_key"]).read_all().to_pylist()
    assert sorted(r["id"] for r in batches) == ["SK1", "SK2", "SK3", "SK4"]
    assert {r["unit_key"] for r in batches} >= {"công đoàn cơ sở công ty điện lực hòa bình"}


def test_the_classes_file_is_what_this_python_computes():
    """``python -m sangkien.ingest.keys_classes`` writes it; a change to the key code or to Python's Unicode
    data makes this fail until the file is written again."""
    import json

    assert json.loads(keys_classes.CLASSES_FILE.read_text(encoding="utf-8")) == keys_classes.compute_classes()


def test_steps_are_reported_while_a_file_is_read():
    steps = []
    stage_bytes("sk.csv", text().encode(), progress=steps.append)
    assert steps[0].startswith("Đọc") and any(s.startswith("Kiểm tra") for s in steps)


def test_a_name_in_many_rows_keeps_each_row_once():
    data = "Hội thi;Nghề;Họ và tên;Đơn vị;Giải\n" + "".join(
        f"Hội thi thợ giỏi 2023;Hàn;Người {i};CĐCS Công ty A;{'Nhất' if i == 0 else ''}\n" for i in range(5)
    )
    s = stage_bytes("hoi_thi.txt", data.encode())[0]
    assert (s.kind, s.loaded, len(s.data)) == ("contest_results", 5, 5)
    assert s.data["prize"].iloc[0] == "Nhất" and s.data["prize"].isna().sum() == 4
    assert set(s.data["unit_key"]) == {"công đoàn cơ sở công ty a"}
