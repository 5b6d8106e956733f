"""CSV/TSV exports -> a grid of text cells in the ingest database, through DuckDB's own CSV reader.

``csvtext`` makes the file something DuckDB reads (or leaves a UTF-8 file where it lies); DuckDB
splits the lines straight into a table, and one regular expression per row finds the few rows whose
cells need cleaning: the rows never pass through Python. Lines DuckDB cannot split and cells over the
cell limit come back as unreadable lines with their reason, so the next step rejects them as rows.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from functools import cache
from pathlib import Path

import duckdb

from sangkien.i18n import N_
from sangkien.ingest.csvtext import BLOCK, Prepared, prepare
from sangkien.ingest.gridtable import Grid, IngestDatabase
from sangkien.ingest.limits import (
    MAX_CELL_BYTES,
    MAX_COLUMNS,
    MAX_LINE_BYTES,
    MAX_ROWS,
    ReadError,
)
from sangkien.ingest.parse_sql import lit
from sangkien.ingest.reasons import encode, msg

# Whitespace other than single spaces (tabs, line breaks, no-break and other Unicode spaces, runs of spaces).
_ODD_SPACE = r"[\t\n\x0b\x0c\r\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]|  "
BROKEN_LINE = encode(msg(N_("reject.broken_line")))  # reason cells (``reasons``)
LONG_LINE = encode(msg(N_("reject.long_line"), size=MAX_LINE_BYTES))
SHOWN_CHARS = 2000  # of a rejected line, in the load log
MAX_REREADS = 50  # reads past lines with an unclosed quote, one read per line


def read_csv(source: bytes | Path, db: IngestDatabase | None = None) -> Grid:
    prepared = prepare(source)
    if prepared.width > MAX_COLUMNS:
        _drop(prepared)
        raise ReadError(N_("ingest.too_many_columns"), columns=str(prepared.width), limit=str(MAX_COLUMNS))
    db = db or IngestDatabase()
    try:
        grid = _read_prepared(prepared, db)
        if grid is None:  # DuckDB met bytes that are not UTF-8, or dropped empty lines: decode in Python
            _drop(prepared)
            prepared = prepare(source, fix=True)
            grid = _read_prepared(prepared, db)
        return grid
    finally:
        _drop(prepared)


def _drop(prepared: Prepared) -> None:
    if prepared.temporary:
        with contextlib.suppress(OSError):
            os.unlink(prepared.path)


def _own_copy(prepared: Prepared) -> Prepared:
    """A file of ours to change (the user's own file is never written)."""
    if prepared.temporary:
        return prepared
    fd, tmp = tempfile.mkstemp(suffix=".csv")
    with os.fdopen(fd, "wb") as out, open(prepared.path, "rb") as src:
        while block := src.read(BLOCK):
            out.write(block)
    prepared.path, prepared.temporary = tmp, True
    return prepared


def _read_prepared(prepared: Prepared, db: IngestDatabase) -> Grid | None:
    path, delim, width, lines = prepared.path, prepared.delimiter, prepared.width, prepared.lines
    con = db.con
    joined: list[int] = []
    try:
        rejected = _scan(con, path, delim, width, lines)
    except ReadError as exc:
        if "quoted new lines" not in (exc.detail or ""):
            raise
        # DuckDB's parallel reader takes no line break inside a quoted cell together with
        # null_padding: such breaks become spaces (what cleaning makes of them anyway).
        path = _own_copy(prepared).path
        with open(path, encoding="utf-8", newline="") as fh:
            text, joined_lines = join_quoted_lines(fh.read())
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        joined, lines = joined_lines, text.count("\n")
        del text
        rejected = _scan(con, path, delim, width, lines)
    # An unclosed quote makes DuckDB read every line below it as one rejected record: reject only
    # the line with the quote (replaced by a line DuckDB rejects on its own) and read the lines below again.
    replaced: dict[int, str] = {}
    for _ in range(MAX_REREADS):
        runaway = [int(line) for line, _, _, spans in rejected if spans and int(line) not in replaced]
        if not runaway:
            break
        path = _own_copy(prepared).path
        with open(path, encoding="utf-8", newline="") as fh:
            all_lines = fh.read().split("\n")
        for line in runaway:
            replaced[line] = all_lines[line - 1][:SHOWN_CHARS]
            all_lines[line - 1] = '"_"_'  # text after a closing quote: a rejected line
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write("\n".join(all_lines))
        del all_lines
        rejected = _scan(con, path, delim, width, lines)
    else:
        raise ReadError(N_("ingest.too_many_open_quotes"), limit=MAX_REREADS)
    if prepared.as_written and (
        any(kind == "INVALID ENCODING" for _, kind, _, _ in rejected)
        or con.execute("select count(*) from cells").fetchall()[0][0] + len({r[0] for r in rejected}) != lines
    ):
        return None
    broken: dict[int, tuple[str, str]] = {}
    for line, kind, shown, _ in rejected:
        shown = replaced.get(int(line), shown)
        broken.setdefault(int(line), (str(shown), LONG_LINE if "LINE SIZE" in str(kind) else BROKEN_LINE))
    numbered = _numbered(con, sorted(broken), joined)
    if joined:  # back to the lines of the file as the user sees it
        broken = {_physical_line(n, joined): v for n, v in broken.items()}
    rows = _grid_view(con, numbered, width, delim, broken)
    broken_lines = [(n, shown, reason) for n, (shown, reason) in sorted(broken.items())]
    return Grid(None, db, width, rows, prepared.encoding, delim, broken_lines=broken_lines, notes=prepared.notes)


def _scan(con: duckdb.DuckDBPyConnection, path: str, delim: str, width: int, lines: int) -> list[tuple]:
    """DuckDB's cells of the lines it can split, as the table ``cells`` (file order, a ``_long`` cell
    number where a cell is over the limit); (line, error, text, runs over several lines) of the others."""
    columns = {f"c{i}": "VARCHAR" for i in range(width + 2)}
    source = (
        "read_csv($path, header = false, all_varchar = true, delim = $delim, quote = '\"', escape = '\"',"
        " null_padding = true, store_rejects = true, auto_detect = false, columns = $columns,"
        " max_line_size = $max_line)"
    )
    params = {"path": path, "delim": delim, "columns": columns, "max_line": MAX_LINE_BYTES}
    cur = con.cursor()  # its own rejects tables
    try:
        if lines > MAX_ROWS and cur.execute(f"select count(*) from {source}", params).fetchone()[0] > MAX_ROWS:
            raise ReadError(N_("ingest.more_rows_than_limit"), limit=MAX_ROWS)
        # One regular expression per row finds the rows whose cells need cleaning (Unicode or repeated
        # spaces, a space at a cell's end, an empty cell, text NFC would change, 'Ð' for 'Đ'); only those
        # are rewritten, as clean_text would write them. RE2's \s is ASCII only: \p{Z} adds the rest.
        row = "concat_ws(chr(31), " + ", ".join(columns) + ")"
        too_long = " ".join(f"when strlen({c}) > {MAX_CELL_BYTES} then {i + 1}" for i, c in enumerate(columns))
        cur.execute(
            f"create or replace table cells as select {', '.join(columns)}, case {too_long} end as _long,"
            f" regexp_matches({row}, {_suspect()}) as _odd from {source}",
            params,
        )

        # Within a row, NFC and the lookalikes only in the cells holding a character they change:
        # nfc_normalize costs about a microsecond even on text it leaves as it is.
        fixable = lit(_fixable())
        clean = {
            c: f"case when strlen({c}) > {MAX_CELL_BYTES} then left({c}, 200) else nullif(trim(case when"
            f" regexp_matches({c}, {fixable}) then translate(nfc_normalize({_spaced(c)} else {c} end),"
            f" 'Ðð', 'Đđ') else {_spaced(c)} else {c} end end, ' '), '') end"
            for c in columns
        }
        odd = "_odd or _long is not null"
        if cur.execute(f"select count(*) filter (where {odd}) > count(*) / 10 from cells").fetchone()[0]:
            # most rows (spaces around every cell, a file written in NFD): the table written anew, in
            # its order, costs far less than updating each row
            fixed = ", ".join(f"case when {odd} then {x} else {c} end as {c}" for c, x in clean.items())
            cur.execute(f"create or replace table cells as select {fixed}, _long, _odd from cells")
        else:
            cur.execute(f"update cells set {', '.join(f'{c} = {x}' for c, x in clean.items())} where {odd}")
        return cur.execute(
            "select line, error_type, left(csv_line, $shown),"
            " coalesce(contains(rtrim(csv_line, chr(13) || chr(10)), chr(10)), false)"
            " from reject_errors order by line",
            {"shown": SHOWN_CHARS},
        ).fetchall()
    except duckdb.Error as exc:
        raise ReadError(N_("ingest.csv_unreadable"), f"{type(exc).__name__}: {exc}") from exc
    finally:
        cur.close()


@cache
def _fixable() -> str:
    """The RE2 pattern of a character cleaning changes in a cell: one NFC may change (the class comes
    from ``keys_classes``), or 'Ð' / 'ð' (for 'Đ' / 'đ')."""
    from sangkien.ingest.keys_classes import nfc_changes_class

    return f"{nfc_changes_class()}|[\\x{{d0}}\\x{{f0}}]"


@cache
def _suspect() -> str:
    """The row pattern of ``_scan`` as a SQL literal: odd spaces, a character to fix, a cell's edge."""
    cell_end = "(?:^|\\x{1f}) | (?:\\x{1f}|$)|^\\x{1f}|\\x{1f}\\x{1f}|\\x{1f}$|^$"
    return lit(f"{_ODD_SPACE}|{_fixable()}|{cell_end}")


def _spaced(c: str) -> str:
    """SQL, up to its ELSE: the cell ``c`` with each run of whitespace one space, where it has an odd one."""
    return f"case when regexp_matches({c}, '{_ODD_SPACE}') then regexp_replace({c}, '[\\s\\p{{Z}}]+', ' ', 'g')"


def _numbered(con: duckdb.DuckDBPyConnection, broken: list[int], joined: list[int]) -> str:
    """SQL of the rows read with ``line``, the 0-based line of the file: the lines DuckDB rejected as
    malformed are skipped, the line breaks joined inside quoted cells counted."""
    if not broken and not joined:
        return "select rowid as line, * from cells"
    # The r-th row read (0-based) is line r + 1 plus the rejected lines at or before it: b_i - i <= r + 1.
    for name, values in (("_gaps", [b - i for i, b in enumerate(broken)]), ("_joins", joined)):
        con.execute(
            f"create or replace table {name} as select k, sum(count(*)) over (order by k) as n"
            " from unnest($v::bigint[]) as u(k) group by k",
            {"v": values},
        )
    base = "select c.rowid + coalesce(g.n, 0) as line0, c.* from cells as c asof left join _gaps as g on g.k <= c.rowid + 1"
    # A 1-based line L of the joined text is L plus the joined breaks before it in the file.
    return (
        "select b.line0 + coalesce(j.n, 0) as line, b.* exclude (line0)"
        f" from ({base}) as b asof left join _joins as j on j.k < b.line0 + 1"
    )


def _physical_line(line: int, joined: list[int]) -> int:
    """1-based line of the joined text -> line of the file: each earlier joined break adds one."""
    return line + sum(1 for j in joined if j < line)


def _grid_view(con: duckdb.DuckDBPyConnection, numbered: str, width: int, delim: str, broken: dict) -> int:
    """Rows holding a cell over the limit become unreadable lines; the view ``grid`` holds the others."""
    cols = ", ".join(f"c{i}" for i in range(width))
    long_rows = con.execute(
        f"select line, _long, {cols} from ({numbered}) where _long is not null order by line"
    ).fetchall()
    for line, col, *values in long_rows:
        cells = [str(v) for v in values if v is not None]
        reason = encode(msg(N_("reject.long_cell"), position=int(col), kib=MAX_CELL_BYTES // 1024))
        broken[int(line) + 1] = (delim.join(cells)[:SHOWN_CHARS], reason)
    if numbered == "select rowid as line, * from cells" and not long_rows:  # the usual file: no copy
        con.execute(f"create or replace view grid as select rowid as pos, rowid as line, {cols} from cells")
    else:
        con.execute(
            f"create or replace table grid_rows as select row_number() over (order by line) - 1 as pos, line, {cols}"
            f" from ({numbered}) where _long is null"
        )
        con.execute("create or replace view grid as select * from grid_rows")
    return con.execute("select count(*) from grid").fetchone()[0]


_QUOTED = re.compile(r'"(?:[^"]|"")*"')


def join_quoted_lines(text: str) -> tuple[str, list[int]]:
    """Line breaks inside quoted cells replaced by spaces; the (1-based) joined line each break was in."""
    breaks = [m.start() + i for m in _QUOTED.finditer(text) if "\n" in m.group() for i in _offsets(m.group())]
    if not breaks:
        return text, []
    logical, parts, pos, line = [], [], 0, 1
    for k, b in enumerate(breaks):
        line += text.count("\n", pos, b)  # the file's line this break ends
        logical.append(line - k)
        parts.append(text[pos:b])
        pos, line = b + 1, line + 1
    parts.append(text[pos:])
    return " ".join(parts), logical


def _offsets(cell: str) -> list[int]:
    return [i for i, ch in enumerate(cell) if ch == "\n"]
