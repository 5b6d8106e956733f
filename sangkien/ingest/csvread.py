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
from functools import cache

import duckdb
import numpy as np
import pandas as pd

from sangkien.ingest.limits import (
    MAX_CELL_BYTES,
    MAX_COLUMNS,
    MAX_LINE_BYTES,
    MAX_ROWS,
    ReadError,
    count_text,
    size_text,
)
from sangkien.ingest.normalize import LOOKALIKES

_BLANK_LINE = re.compile(r"(?m)^[ ]*$")
# Whitespace other than single spaces (tabs, line breaks, no-break and other Unicode spaces, runs of spaces).
_ODD_SPACE = r"[\t\n\x0b\x0c\r\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]|  "
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
BROKEN_LINE = "Dòng hỏng: số cột hoặc dấu ngoặc kép không đúng"
LONG_LINE = f"Dòng dài quá giới hạn ({size_text(MAX_LINE_BYTES)} một dòng)"
SHOWN_CHARS = 2000  # of a rejected line, in the load log
MAX_REREADS = 50  # reads past lines with an unclosed quote, one read per line


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
        # The zero high bytes of ASCII sit at odd offsets in little-endian (the first letter may be "Đ").
        encoding = "utf-16-le" if head[1::2].count(0) >= head[::2].count(0) else "utf-16-be"
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
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not unicodedata.is_normalized("NFC", text):  # the check is far cheaper than normalising
        text = unicodedata.normalize("NFC", text)
    if "\u00d0" in text or "\u00f0" in text:
        text = text.translate(LOOKALIKES)
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
    from sangkien.ingest.readers import Grid

    text, encoding, notes = decode_text(data)
    if not text.strip():
        raise ReadError("Tệp rỗng, không có dòng dữ liệu nào.")
    delim = sniff_delimiter(text)
    # DuckDB drops empty lines; a line of bare delimiters keeps the row (and the numbering).
    text = _BLANK_LINE.sub(delim, text.rstrip("\n")) + "\n"
    width = _width(text, delim)
    if width > MAX_COLUMNS:
        raise ReadError(f"Tệp có {width} cột, vượt giới hạn {MAX_COLUMNS} cột.")
    fd, tmp = tempfile.mkstemp(suffix=".csv")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        lines = text.count("\n")
        del text
        joined = np.empty(0, dtype=np.int64)
        try:
            frame, rejected = _scan(tmp, delim, width, lines)
        except ReadError as exc:
            if "quoted new lines" not in (exc.detail or ""):
                raise
            # DuckDB's parallel reader takes no line break inside a quoted cell together with
            # null_padding: such breaks become spaces (what cleaning makes of them anyway).
            with open(tmp, encoding="utf-8", newline="") as fh:
                text, joined = join_quoted_lines(fh.read())
            with open(tmp, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
            lines = text.count("\n")
            del text
            frame, rejected = _scan(tmp, delim, width, lines)
        # An unclosed quote makes DuckDB read every line below it as one rejected record: reject only
        # the line with the quote (replaced by a line DuckDB rejects on its own) and read the lines below again.
        replaced: dict[int, str] = {}
        for _ in range(MAX_REREADS):
            runaway = [int(line) for line, _, _, spans in rejected if spans and int(line) not in replaced]
            if not runaway:
                break
            with open(tmp, encoding="utf-8", newline="") as fh:
                all_lines = fh.read().split("\n")
            for line in runaway:
                replaced[line] = all_lines[line - 1][:SHOWN_CHARS]
                all_lines[line - 1] = '"_"_'  # text after a closing quote: a rejected line
            with open(tmp, "w", encoding="utf-8", newline="") as fh:
                fh.write("\n".join(all_lines))
            del all_lines
            frame, rejected = _scan(tmp, delim, width, lines)
        else:
            raise ReadError(f"Tệp có quá nhiều dòng mở dấu ngoặc kép mà không đóng (hơn {MAX_REREADS} dòng).")
    finally:
        os.unlink(tmp)
    broken = {}
    for line, kind, shown, _ in rejected:
        shown = replaced.get(int(line), shown)
        broken.setdefault(int(line), (str(shown), LONG_LINE if "LINE SIZE" in str(kind) else BROKEN_LINE))
    _number_lines(frame, set(broken))
    if len(joined):  # back to the lines of the file as the user sees it
        frame.index = _physical(frame.index.to_numpy() + 1, joined) - 1
        broken = {int(_physical(np.array([n]), joined)[0]): v for n, v in broken.items()}
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


_QUOTED = re.compile(r'"(?:[^"]|"")*"')


def join_quoted_lines(text: str) -> tuple[str, np.ndarray]:
    """Line breaks inside quoted cells replaced by spaces; the (1-based) joined line each break was in."""
    breaks = [m.start() + i for m in _QUOTED.finditer(text) if "\n" in m.group() for i in _offsets(m.group())]
    if not breaks:
        return text, np.empty(0, dtype=np.int64)
    logical, parts, pos, line = [], [], 0, 1
    for k, b in enumerate(breaks):
        line += text.count("\n", pos, b)  # the file's line this break ends
        logical.append(line - k)
        parts.append(text[pos:b])
        pos, line = b + 1, line + 1
    parts.append(text[pos:])
    return " ".join(parts), np.array(logical, dtype=np.int64)


def _offsets(cell: str) -> list[int]:
    return [i for i, ch in enumerate(cell) if ch == "\n"]


def _physical(lines: np.ndarray, joined: np.ndarray) -> np.ndarray:
    """1-based lines of the joined text -> lines of the file: each earlier joined break adds one."""
    return lines + np.searchsorted(joined, lines, side="left")


@cache
def _reader() -> duckdb.DuckDBPyConnection:
    """The process's CSV-reading database; each read takes its own cursor (its own rejects tables)."""
    return duckdb.connect()


def _scan(path: str, delim: str, width: int, lines: int) -> tuple[pd.DataFrame, list[tuple]]:
    """DuckDB's cells of the lines it can split; (line, error, text, runs over several lines) of the others."""
    columns = {f"c{i}": "VARCHAR" for i in range(width + 2)}
    source = (
        "read_csv($path, header = false, all_varchar = true, delim = $delim, quote = '\"', escape = '\"',"
        " null_padding = true, store_rejects = true, auto_detect = false, columns = $columns,"
        " max_line_size = $max_line)"
    )
    params = {"path": path, "delim": delim, "columns": columns, "max_line": MAX_LINE_BYTES}
    con = _reader().cursor()
    try:
        if lines > MAX_ROWS and con.execute(f"select count(*) from {source}", params).fetchone()[0] > MAX_ROWS:
            raise ReadError(f"Tệp có hơn {count_text(MAX_ROWS)} dòng, vượt giới hạn.")
        # The text is NFC already (decode_text). RE2's \s is ASCII only: \p{Z} adds the no-break and other
        # Unicode spaces, as clean_text does; the replacement runs only on the cells that need it.
        cleaned = ", ".join(
            f"case when strlen({c}) > {MAX_CELL_BYTES} then left({c}, 200)"
            f" else nullif(trim(case when regexp_matches({c}, '{_ODD_SPACE}')"
            f" then regexp_replace({c}, '[\\s\\p{{Z}}]+', ' ', 'g') else {c} end), '') end as {c}"
            for c in columns
        )
        too_long = " ".join(f"when strlen({c}) > {MAX_CELL_BYTES} then {i + 1}" for i, c in enumerate(columns))
        frame = con.execute(f"select {cleaned}, case {too_long} end as _long from {source}", params).df()
        rejected = con.execute(
            "select line, error_type, left(csv_line, $shown),"
            " coalesce(contains(rtrim(csv_line, chr(13) || chr(10)), chr(10)), false)"
            " from reject_errors order by line",
            {"shown": SHOWN_CHARS},
        ).fetchall()
    except duckdb.Error as exc:
        raise ReadError("Không đọc được tệp CSV.", f"{type(exc).__name__}: {exc}") from exc
    finally:
        con.close()
    return frame, rejected


def _number_lines(frame: pd.DataFrame, broken: set[int]) -> None:
    """Index = 0-based line of the file, skipping the lines DuckDB rejected as malformed."""
    # The r-th row read (0-based) is line r + 1 plus the rejected lines at or before it.
    gaps = np.sort(np.fromiter(broken, dtype=np.int64, count=len(broken)))
    rows = np.arange(len(frame), dtype=np.int64)
    shifted = gaps - np.arange(len(gaps), dtype=np.int64)  # b_i - i: a row r passes b_i when r + 1 >= b_i - i
    frame.index = rows + np.searchsorted(shifted, rows + 1, side="right")
