"""CSV/TSV exports -> a grid of text cells, through DuckDB's own CSV reader.

The bytes are first made NFC UTF-8 text with one kind of line end (DuckDB here
cannot read Windows-1258 or UTF-16 without BOM, and old-Mac exports end lines
with CR alone). Lines DuckDB cannot split and cells over the cell limit come back
as unreadable lines with their reason, so the next step rejects them as rows.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import os
import re
import tempfile
import unicodedata

import duckdb
import pandas as pd

from .limits import MAX_CELL_BYTES, MAX_COLUMNS, MAX_LINE_BYTES, MAX_ROWS, ReadError

_BLANK_LINE = re.compile(r"(?m)^[ ]*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
BROKEN_LINE = "Dòng hỏng: số cột hoặc dấu ngoặc kép không đúng"
LONG_LINE = f"Dòng dài quá giới hạn ({MAX_LINE_BYTES // 1024 // 1024} MB một dòng)"
SHOWN_CHARS = 2000  # of a rejected line, in the load log


def _cp1258_fallback(err: UnicodeDecodeError) -> tuple[str, int]:
    """Bytes that are not UTF-8 inside a UTF-8 file, read as Windows-1258 (the other encoding in use)."""
    return err.object[err.start : err.end].decode("cp1258", errors="replace"), err.end


codecs.register_error("sangkien_cp1258", _cp1258_fallback)


def _not_utf8(data: bytes) -> tuple[str, str, list[str]]:
    """A file that is not valid UTF-8: Windows-1258 throughout, or UTF-8 with some Windows-1258 parts."""
    non_ascii = len(data.translate(None, bytes(range(128))))
    # One replacement character per invalid byte (or invalid run): enough to tell the two cases apart.
    bad = data.decode("utf-8", errors="replace").count("\ufffd") - data.count("\ufffd".encode())
    if non_ascii - bad < 0.05 * non_ascii:  # hardly any valid UTF-8 sequences: a Windows-1258 file
        return data.decode("cp1258", errors="replace"), "cp1258", []
    note = (
        f"Tệp trộn hai bảng mã: {bad} byte không phải UTF-8 được đọc theo Windows-1258; "
        "hãy kiểm tra các dòng có chữ lạ."
    )
    return data.decode("utf-8", errors="sangkien_cp1258"), "utf-8+cp1258", [note]


def decode_text(data: bytes) -> tuple[str, str, list[str]]:
    """Bytes of a text export -> (NFC text with '\\n' line ends, encoding name, notes for the user)."""
    notes: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        text, encoding = data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, encoding = data.decode("utf-16", errors="replace"), "utf-16"
    elif len(head := data[:4000]) > 3 and head.count(b"\x00") > len(head) // 4:  # UTF-16 without BOM
        encoding = "utf-16-le" if head[1:2] == b"\x00" else "utf-16-be"
        text = data.decode(encoding, errors="replace")
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding, notes = _not_utf8(data)
    if "\x00" in text:
        notes.append(f"Bỏ {text.count(chr(0))} ký tự NUL trong tệp.")
        text = text.replace("\x00", "")
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > 0.01 * len(sample):
        raise ReadError("Tệp không phải văn bản CSV: có nhiều ký tự điều khiển (có thể là tệp nhị phân đổi tên).")
    # Windows-1258 writes tone marks as combining characters: NFC joins them.
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text, encoding, notes


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines most consistently."""
    lines = [ln for ln in text[:1_000_000].split("\n", 50)[:50] if ln.strip()]
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


def _width(text: str, delim: str) -> int:
    """Fields in the widest of the first 2.000 rows (quotes respected where the quoting is sound)."""
    csv.field_size_limit(4 * MAX_LINE_BYTES)  # the process-wide default (128 KiB) is below our line limit
    width = 1
    try:
        for i, row in enumerate(csv.reader(io.StringIO(text[:50_000_000], newline=""), delimiter=delim)):
            width = max(width, len(row))
            if i > 2000:
                break
    except csv.Error:  # broken quoting: count delimiters instead; DuckDB rejects the broken lines
        width = max(line.count(delim) + 1 for line in text.split("\n", 2001)[:2001])
    return width


def read_csv(data: bytes):
    from .readers import Grid

    text, encoding, notes = decode_text(data)
    if not text.strip():
        raise ReadError("Tệp rỗng, không có dòng dữ liệu nào.")
    delim = sniff_delimiter(text)
    # DuckDB drops empty lines; a line of bare delimiters keeps the row (and the numbering).
    text = _BLANK_LINE.sub(delim, text.rstrip("\n")) + "\n"
    width = _width(text, delim)
    if width > MAX_COLUMNS:
        raise ReadError(f"Tệp có {width} cột, vượt giới hạn {MAX_COLUMNS} cột.")
    columns = {f"c{i}": "VARCHAR" for i in range(width + 2)}
    source = (
        "read_csv($path, header = false, all_varchar = true, delim = $delim, quote = '\"', escape = '\"',"
        " null_padding = true, store_rejects = true, auto_detect = false, columns = $columns,"
        " max_line_size = $max_line)"
    )
    fd, tmp = tempfile.mkstemp(suffix=".csv")
    params = {"path": tmp, "delim": delim, "columns": columns, "max_line": MAX_LINE_BYTES}
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        lines = text.count("\n")
        del text
        con = duckdb.connect()
        try:
            if lines > MAX_ROWS and con.execute(f"select count(*) from {source}", params).fetchone()[0] > MAX_ROWS:
                raise ReadError(f"Tệp có hơn {MAX_ROWS:,} dòng, vượt giới hạn.".replace(",", "."))
            cleaned = ", ".join(
                f"case when strlen({c}) > {MAX_CELL_BYTES} then left({c}, 200)"
                f" else nullif(trim(regexp_replace(nfc_normalize({c}), '\\s+', ' ', 'g')), '') end as {c}"
                for c in columns
            )
            too_long = " ".join(f"when strlen({c}) > {MAX_CELL_BYTES} then {i + 1}" for i, c in enumerate(columns))
            frame = con.execute(f"select {cleaned}, case {too_long} end as _long from {source}", params).df()
            rejected = con.execute(
                "select line, error_type, left(csv_line, $shown) from reject_errors order by line",
                {"shown": SHOWN_CHARS},
            ).fetchall()
        except duckdb.Error as exc:
            raise ReadError("Không đọc được tệp CSV.", f"{type(exc).__name__}: {exc}") from exc
        finally:
            con.close()
    finally:
        os.unlink(tmp)
    broken = {}
    for line, kind, shown in rejected:
        broken.setdefault(int(line), (str(shown), LONG_LINE if "LINE SIZE" in str(kind) else BROKEN_LINE))
    _number_lines(frame, set(broken))
    long_rows = frame["_long"].notna()
    for line, col in frame.loc[long_rows, "_long"].items():
        cells = [str(v) for v in frame.loc[line].iloc[:-1] if v is not None and v == v]
        reason = f"Ô ở cột {int(col)} dài quá giới hạn {MAX_CELL_BYTES // 1024} KiB"
        broken[int(line) + 1] = (delim.join(cells)[:SHOWN_CHARS], reason)
    frame = frame.loc[~long_rows].drop(columns="_long")
    frame.columns = range(frame.shape[1])
    frame = frame.astype(object).where(frame.notna(), None)
    broken_lines = [(n, shown, reason) for n, (shown, reason) in sorted(broken.items())]
    return Grid(None, frame, encoding, delim, broken_lines=broken_lines, notes=notes)


def _number_lines(frame: pd.DataFrame, broken: set[int]) -> None:
    """Index = 0-based line of the file, skipping the lines DuckDB rejected as malformed."""
    lines, line = [], 1
    for _ in range(len(frame)):
        while line in broken:
            line += 1
        lines.append(line - 1)
        line += 1
    frame.index = lines
