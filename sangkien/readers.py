"""Read an export (CSV/TSV, Excel, Parquet) into grids of text cells.

A grid is a list of rows of cleaned text (None for an empty cell), exactly as
the file lays them out; finding the header is the next step's job. CSV goes
through DuckDB's own reader after the text is made UTF-8 (DuckDB here cannot
read Windows-1258 or UTF-16 without BOM).
"""

from __future__ import annotations

import datetime as dt
import io
import math
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from .normalize import clean_text

_BLANK_LINE = re.compile(r"(?m)^[ ]*$")
CSV_SUFFIXES = {".csv", ".tsv", ".txt"}
EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}  # all read by calamine
PARQUET_SUFFIXES = {".parquet", ".pq"}
SUPPORTED = sorted(CSV_SUFFIXES | EXCEL_SUFFIXES | PARQUET_SUFFIXES)
_ZIP_MAGIC = b"PK\x03\x04"  # .xlsx, .xlsm, .ods
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (Excel 97–2003)
XLS_UNREADABLE = "Không mở được tệp .xls (Excel 97–2003) này: hãy mở tệp bằng Excel và lưu lại dưới dạng .xlsx."


class ReadError(Exception):
    """A file that cannot be read at all; the message is for the user (Vietnamese)."""


@dataclass
class Grid:
    sheet: str | None
    frame: pd.DataFrame  # text cells, columns 0..n-1, rows as in the file
    encoding: str | None = None
    delimiter: str | None = None
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # (r0, c0, r1, c1)
    broken_lines: list[tuple[int, str]] = field(default_factory=list)  # CSV lines DuckDB rejected


def decode_text(data: bytes) -> tuple[str, str]:
    """Bytes of a text export -> (NFC text, encoding name)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return unicodedata.normalize("NFC", data[3:].decode("utf-8", errors="replace")), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return unicodedata.normalize("NFC", data.decode("utf-16")), "utf-16"
    head = data[:4000]
    if len(head) > 3 and head.count(b"\x00") > len(head) // 4:  # UTF-16 without BOM
        enc = "utf-16-le" if head[1:2] == b"\x00" else "utf-16-be"
        return unicodedata.normalize("NFC", data.decode(enc, errors="replace")), enc
    try:
        return unicodedata.normalize("NFC", data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        # Windows-1258 writes tone marks as combining characters: NFC joins them.
        return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace")), "cp1258"


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines most consistently."""
    lines = [ln for ln in text.splitlines()[:50] if ln.strip()]
    best, best_score = ",", -1.0
    for delim in ("\t", ";", ",", "|"):
        counts = [ln.count(delim) for ln in lines]
        if not counts or max(counts) == 0:
            continue
        top = max(counts)
        score = sum(1 for c in counts if c == top) / len(counts) * (1 + math.log(top + 1))
        if score > best_score:
            best, best_score = delim, score
    return best


def _read_csv(data: bytes) -> Grid:
    text, encoding = decode_text(data)
    if not text.strip():
        raise ReadError("Tệp rỗng, không có dòng dữ liệu nào.")
    delim = sniff_delimiter(text)
    # DuckDB drops empty lines; a line of bare delimiters keeps the row (and the numbering).
    text = _BLANK_LINE.sub(delim, text.replace("\r\n", "\n").rstrip("\n")) + "\n"
    fd, tmp = tempfile.mkstemp(suffix=".csv")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        con = duckdb.connect()
        try:
            columns = _column_spec(text, delim)
            # Clean in DuckDB: NFC, trim, collapse inner whitespace, '' -> NULL.
            cleaned = ", ".join(
                f"nullif(trim(regexp_replace(nfc_normalize({c}), '\\s+', ' ', 'g')), '') as {c}" for c in columns
            )
            frame = con.execute(
                f"select {cleaned} from read_csv($path, header = false, all_varchar = true, delim = $delim,"
                " quote = '\"', escape = '\"', null_padding = true, store_rejects = true,"
                " auto_detect = false, columns = $columns)",
                {"path": tmp, "delim": delim, "columns": columns},
            ).df()
            broken = con.execute("select line, csv_line from reject_errors order by line").fetchall()
        except duckdb.Error as exc:
            raise ReadError(f"Không đọc được tệp CSV: {exc}") from exc
        finally:
            con.close()
    finally:
        os.unlink(tmp)
    frame.columns = range(frame.shape[1])
    # Index = 0-based line of the file, skipping the lines DuckDB rejected as malformed.
    broken_set = {int(n) for n, _ in broken}
    lines, line = [], 1
    for _ in range(len(frame)):
        while line in broken_set:
            line += 1
        lines.append(line - 1)
        line += 1
    frame.index = lines
    frame = frame.astype(object).where(frame.notna(), None)
    return Grid(None, frame, encoding, delim, broken_lines=[(int(n), str(t)) for n, t in broken])


def _column_spec(text: str, delim: str) -> dict[str, str]:
    import csv

    width = 1
    for i, row in enumerate(csv.reader(io.StringIO(text), delimiter=delim)):
        width = max(width, len(row))
        if i > 2000:
            break
    return {f"c{i}": "VARCHAR" for i in range(width + 2)}


def cell_text(value: object) -> str | None:
    """A typed cell (Excel, Parquet) as text that the parsers read back unchanged."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return str(int(value)) if value.is_integer() and abs(value) < 1e17 else repr(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S") if value.time() != dt.time() else value.strftime("%Y-%m-%d")
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d")
    if hasattr(value, "isoformat") and not isinstance(value, str):  # pandas Timestamp, time
        return value.isoformat()
    return clean_text(value)


def typed_cell(value: object) -> object:
    """Keep numbers and dates typed (they need no convention); clean text; '' and NaN -> None."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float | dt.date | dt.datetime):
        return value
    return clean_text(value)


def _read_excel(data: bytes, suffix: str = ".xlsx") -> list[Grid]:
    from python_calamine import CalamineWorkbook

    old_format = suffix == ".xls" or (suffix not in EXCEL_SUFFIXES and data.startswith(_OLE2_MAGIC))
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        grids = []
        for name in book.sheet_names:
            sheet = book.get_sheet_by_name(name)
            rows = [[typed_cell(v) for v in row] for row in sheet.to_python(skip_empty_area=False)]
            merged = []
            for rng in sheet.merged_cell_ranges or []:
                (r0, c0), (r1, c1) = rng
                merged.append((r0, c0, r1, c1))
            grids.append(Grid(name, _frame(rows), merged=merged))
    except Exception as exc:  # calamine raises its own error types
        if old_format:  # a damaged or unusual .xls: Excel itself can still convert it
            raise ReadError(XLS_UNREADABLE) from exc
        raise ReadError(f"Không mở được tệp Excel: {exc}") from exc
    return grids


def _read_parquet(data: bytes) -> Grid:
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(io.BytesIO(data))
    except Exception as exc:  # pyarrow raises several types
        raise ReadError(f"Không đọc được tệp Parquet: {exc}") from exc
    columns = table.column_names
    rows = [list(columns)]
    for record in table.to_pylist():
        rows.append([typed_cell(record[c]) for c in columns])
    return Grid(None, _frame(rows))


def _frame(rows: list[list[str | None]]) -> pd.DataFrame:
    width = max((len(r) for r in rows), default=0)
    frame = pd.DataFrame([r + [None] * (width - len(r)) for r in rows], columns=range(width), dtype=object)
    return frame


def read_grids(name: str, data: bytes) -> list[Grid]:
    """All grids of one file: one for CSV/Parquet, one per sheet for Excel."""
    suffix = Path(name).suffix.lower()
    if suffix in EXCEL_SUFFIXES or data.startswith((_ZIP_MAGIC, _OLE2_MAGIC)):
        return _read_excel(data, suffix)
    if suffix in PARQUET_SUFFIXES or data[:4] == b"PAR1":
        return [_read_parquet(data)]
    if suffix in CSV_SUFFIXES or not suffix:
        return [_read_csv(data)]
    raise ReadError(f"Không nhận dạng được định dạng tệp '{suffix}'. Hỗ trợ: {', '.join(SUPPORTED)}.")
