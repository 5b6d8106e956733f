"""Read an export (CSV/TSV, Excel, Parquet) into grids of text cells.

A grid is a list of rows of cleaned text (None for an empty cell), exactly as
the file lays them out; finding the header is the next step's job. The format is
decided from the file's first bytes before its name (an .xlsx that is really a
CSV, a PDF renamed .csv); every failure is a ``ReadError`` with a message for the
user, and the limits of ``limits.py`` are checked before memory grows.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from sangkien.i18n import N_, t
from sangkien.ingest.gridtable import Grid, IngestDatabase, grid_from_rows
from sangkien.ingest.isolate import WHAT, run_isolated
from sangkien.ingest.limits import (
    MAX_CELL_BYTES,
    MAX_COLUMNS,
    MAX_ROWS,
    ReadError,
    check_file_size,
    check_zip,
)
from sangkien.ingest.normalize import clean_text
from sangkien.ingest.reasons import Message, encode, msg

CSV_SUFFIXES = {".csv", ".tsv", ".txt"}
EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}  # all read by calamine
PARQUET_SUFFIXES = {".parquet", ".pq"}
SUPPORTED = sorted(CSV_SUFFIXES | EXCEL_SUFFIXES | PARQUET_SUFFIXES)
_ZIP_MAGIC = b"PK\x03\x04"  # .xlsx, .xlsm, .ods
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (Excel 97–2003)
XLS_UNREADABLE = N_("ingest.xls_unreadable")
_EXCEL_BROKEN = (
    N_("ingest.excel_corrupt"),
    N_("ingest.excel_unzip_failed"),
)  # what an .xls that Excel can convert fails with
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # an OOXML file saved with a password is an OLE2 container
_NOT_DATA = {  # first bytes of files people send by mistake
    b"%PDF": N_("ingest.not_data_pdf"),
    b"\x89PNG": N_("ingest.not_data_image"),
    b"\xff\xd8\xff": N_("ingest.not_data_image"),
    b"GIF8": N_("ingest.not_data_image"),
    b"\x1f\x8b": N_("ingest.not_data_gzip"),
    b"Rar!": N_("ingest.not_data_rar"),
    b"7z\xbc\xaf": N_("ingest.not_data_7z"),
}


@dataclass
class RawGrid:
    """A sheet or Parquet file's typed rows as a reader child sends them; ``to_grid`` makes the table."""

    sheet: str | None
    rows: list[list]  # typed cells (text cleaned), rows as in the file
    lines: list[int]  # 0-based row of the file of each row
    width: int
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # (r0, c0, r1, c1)
    broken_lines: list[tuple[int, str, str]] = field(default_factory=list)  # (1-based line, text, reason)
    notes: list[str] = field(default_factory=list)

    def to_grid(self, db: IngestDatabase) -> Grid:
        grid = grid_from_rows(self.sheet, self.rows, self.lines, self.width, db)
        grid.merged, grid.broken_lines, grid.notes = self.merged, self.broken_lines, self.notes
        return grid


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


def _read_excel(data: bytes, suffix: str = ".xlsx") -> list[RawGrid]:
    """Every sheet of a workbook, read by calamine in a child process (a corrupt file can abort calamine)."""
    if data.startswith(_OLE2_MAGIC) and _ENCRYPTED in data:
        raise ReadError(N_("ingest.excel_password"))
    old_format = suffix == ".xls" or (suffix not in EXCEL_SUFFIXES and data.startswith(_OLE2_MAGIC))
    try:
        return run_isolated(_read_excel_here, data, old_format, what="excel")
    except ReadError as exc:
        about_excel = exc.params.get("what") == Message(WHAT["excel"]) or exc.code in _EXCEL_BROKEN
        if old_format and exc.code != XLS_UNREADABLE and about_excel:
            raise ReadError(XLS_UNREADABLE, exc.detail) from None
        raise


def _read_excel_here(data: bytes, old_format: bool) -> list[RawGrid]:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        grids = []
        for name in book.sheet_names:
            sheet = book.get_sheet_by_name(name)
            height = sheet.total_height + 1  # calamine gives the index of the last row
            if height > MAX_ROWS + 1000:
                raise ReadError(N_("ingest.sheet_too_many_rows"), sheet=name, rows=height)
            merged = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or []]
            grids.append(_grid(name, sheet.to_python(skip_empty_area=False), merged=merged))
    except ReadError:
        raise
    except Exception as exc:  # calamine raises its own error types
        detail = f"{type(exc).__name__}: {exc}"
        if old_format:  # a damaged or unusual .xls: Excel itself can still convert it
            raise ReadError(XLS_UNREADABLE, detail) from exc
        raise ReadError(N_("ingest.excel_corrupt"), detail) from exc
    return grids


def _read_parquet(data: bytes) -> RawGrid:
    """A Parquet file, read by pyarrow in a child process (its sizes come from the file and can lie)."""
    return run_isolated(_read_parquet_here, data, what="parquet")


def _read_parquet_here(data: bytes) -> RawGrid:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(io.BytesIO(data)).metadata
        if meta.num_rows > MAX_ROWS:
            raise ReadError(N_("ingest.too_many_rows"), rows=meta.num_rows, limit=MAX_ROWS)
        if meta.num_columns > MAX_COLUMNS:
            raise ReadError(N_("ingest.too_many_columns"), columns=str(meta.num_columns), limit=str(MAX_COLUMNS))
        table = pq.read_table(io.BytesIO(data))
    except ReadError:
        raise
    except Exception as exc:  # pyarrow raises several types
        raise ReadError(N_("ingest.parquet_corrupt"), f"{type(exc).__name__}: {exc}") from exc
    columns = table.column_names
    nested = [f.name for f in table.schema if pa.types.is_nested(f.type)]
    rows = [list(columns)]
    try:
        records = table.to_pylist()
    except Exception as exc:  # noqa: BLE001 - damaged pages: invalid UTF-8, bad lengths
        raise ReadError(N_("ingest.parquet_corrupt"), f"{type(exc).__name__}: {exc}") from exc
    for record in records:
        rows.append([_nested_text(record[c]) if c in nested else record[c] for c in columns])
    grid = _grid(None, rows)
    if nested:
        grid.notes.append(t("ingest.nested_as_text", columns=", ".join(nested)))
    return grid


def _nested_text(value: object) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, default=str)


def _grid(sheet: str | None, raw_rows, merged=None) -> RawGrid:
    """Typed rows -> a RawGrid; a row with a cell over the cell limit becomes an unreadable line."""
    rows: list[list] = []
    broken: list[tuple[int, str, str]] = []
    index: list[int] = []
    for i, raw in enumerate(raw_rows):
        row = [typed_cell(v) for v in raw]
        long_at = next(
            (j for j, v in enumerate(row) if isinstance(v, str) and len(v) > MAX_CELL_BYTES // 4 and _too_long(v)),
            None,
        )
        if long_at is None:
            rows.append(row)
            index.append(i)
        else:
            shown = "; ".join(str(v)[:200] for v in row if v is not None)[:2000]
            broken.append(
                (i + 1, shown, encode(msg(N_("reject.long_cell"), position=long_at + 1, kib=MAX_CELL_BYTES // 1024)))
            )
    while rows and any(rows) and all(len(r) and r[-1] is None for r in rows):
        for r in rows:
            r.pop()
    width = max((len(r) for r in rows), default=0)
    if width > MAX_COLUMNS:
        if sheet:
            raise ReadError(
                N_("ingest.sheet_too_many_columns"), sheet=sheet, columns=str(width), limit=str(MAX_COLUMNS)
            )
        raise ReadError(N_("ingest.too_many_columns"), columns=str(width), limit=str(MAX_COLUMNS))
    return RawGrid(sheet, rows, index, width, merged=merged or [], broken_lines=broken)


def _too_long(text: str) -> bool:
    return len(text.encode("utf-8")) > MAX_CELL_BYTES


def _looks_like_text(data: bytes) -> bool:
    head = data[:65536]
    return bool(head) and sum(b < 9 or 13 < b < 32 for b in head) < 0.01 * len(head)


def _zip_kind(data: bytes) -> str:
    """'excel' for a workbook (.xlsx, .xlsm, .xlsb, .ods); a refusal for any other zip."""
    check_zip(data)
    import zipfile

    names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    if names & {"xl/workbook.xml", "xl/workbook.bin", "content.xml"}:
        return "excel"
    if "word/document.xml" in names or "ppt/presentation.xml" in names:
        raise ReadError(N_("ingest.not_data_office"))
    raise ReadError(N_("ingest.not_data_zip"))


def read_grids(name: str, source: bytes | Path) -> list[Grid]:
    """All grids of one file: one for CSV/Parquet, one per sheet for Excel; the format from the first bytes.

    ``source`` is the file's bytes (an upload) or its path (a CSV is then read where it lies).
    """
    from sangkien.ingest.csvread import read_csv

    size = source.stat().st_size if isinstance(source, Path) else len(source)
    check_file_size(size)
    if isinstance(source, Path):
        with open(source, "rb") as fh:
            head = fh.read(65536)
    else:
        head = source[:65536]
    suffix = Path(name).suffix.lower()
    for magic, code in _NOT_DATA.items():
        if head.startswith(magic):
            raise ReadError(code)
    if head.startswith((_ZIP_MAGIC, _OLE2_MAGIC, b"PAR1")) or suffix in PARQUET_SUFFIXES:
        data = source.read_bytes() if isinstance(source, Path) else source
        if data.startswith(_ZIP_MAGIC) and _zip_kind(data) == "excel":
            return _tables(_read_excel(data, suffix))
        if data.startswith(_OLE2_MAGIC):
            return _tables(_read_excel(data, suffix))
        if data[:4] == b"PAR1":
            return _tables([_read_parquet(data)])
        if suffix in PARQUET_SUFFIXES:
            raise ReadError(N_("ingest.parquet_unreadable"))
    if suffix in EXCEL_SUFFIXES:
        if not _looks_like_text(head):
            raise ReadError(N_("ingest.excel_corrupt"))
        grid = read_csv(source)
        grid.notes.insert(0, t("ingest.csv_in_disguise", suffix=suffix))
        return [grid]
    if suffix in CSV_SUFFIXES or not suffix:
        return [read_csv(source)]
    raise ReadError(N_("ingest.unknown_format"), suffix=suffix, supported=", ".join(SUPPORTED))


def _tables(raw: list[RawGrid]) -> list[Grid]:
    """Every sheet's cells as a table of one ingest database."""
    db = IngestDatabase()
    return [r.to_grid(db) for r in raw]
