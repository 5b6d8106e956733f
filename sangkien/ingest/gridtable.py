"""A file's cells in a DuckDB table of the ingest database, and that database.

Every file is read into a database of its own (in memory, spilling to a temporary directory past
``memory_limit``), so that a national export never lives as pandas objects and one file's
reading never shares state with another's. The grid is the view ``grid``: ``pos`` (0-based
position of the row among the rows read), ``line`` (0-based line or row of the file) and the
VARCHAR cells ``c0 … c{width-1}`` as ``cells`` holds them (text, or a marked number or date from a
spreadsheet). Staging reads the view in SQL; only the first rows reach Python (``head``).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import weakref
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from sangkien.db import quote_ident
from sangkien.ingest import cells

MEMORY_LIMIT = os.environ.get("SANGKIEN_INGEST_MEMORY", "1GB")
THREADS = int(os.environ.get("SANGKIEN_INGEST_THREADS", "0")) or os.cpu_count() or 2


class IngestDatabase:
    """One DuckDB database (in memory, with a spill directory) for reading one file."""

    def __init__(self) -> None:
        self.spill = tempfile.mkdtemp(prefix="sangkien-ingest-")
        config = {
            "memory_limit": MEMORY_LIMIT,
            "temp_directory": self.spill,
            "threads": THREADS,
            "preserve_insertion_order": True,
        }
        self.con = duckdb.connect(config=config)
        self._close = weakref.finalize(self, _release, self.con, self.spill)

    def close(self) -> None:
        self._close()


def _release(con: duckdb.DuckDBPyConnection, spill: str) -> None:
    try:
        con.close()
    finally:
        shutil.rmtree(spill, ignore_errors=True)


def column(i: int) -> str:
    """The quoted name of the grid's i-th cell column."""
    return quote_ident(f"c{i}")


@dataclass
class Grid:
    sheet: str | None
    db: IngestDatabase
    width: int  # cell columns c0 … c{width-1}
    rows: int  # rows in the view
    encoding: str | None = None
    delimiter: str | None = None
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # (r0, c0, r1, c1)
    broken_lines: list[tuple[int, str, str]] = field(default_factory=list)  # (1-based line, text, reason)
    notes: list[str] = field(default_factory=list)
    view: str = "grid"
    prefix: str = "s0"  # of the tables staging makes from this grid (several sheets share a database)
    tables: tuple[str, ...] = ("cells", "grid_rows", "_gaps", "_joins")  # under the view

    def release(self) -> None:
        """Drop the cells once staged: the loaded rows live on in the staging tables."""
        self.con.execute(f"drop view if exists {self.view}")
        for table in self.tables:
            self.con.execute(f"drop table if exists {table}")

    def table(self, name: str) -> str:
        """The name of this grid's table ``name`` (skipped, checked, keys, staged)."""
        return f"{self.prefix}_{name}"

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        return self.db.con

    @property
    def columns(self) -> list[str]:
        return [column(i) for i in range(self.width)]

    def head(self, n: int) -> pd.DataFrame:
        """The first ``n`` rows as Python values (text, float, date), indexed by line, columns 0…width-1."""
        cols = ", ".join(self.columns) or "null as c0"
        rows = self.con.execute(
            f"select line, {cols} from {self.view} where pos < $n order by pos", {"n": n}
        ).fetchall()
        frame = pd.DataFrame(
            [[cells.decode(v) for v in r[1:]] for r in rows], columns=range(max(self.width, 1)), dtype=object
        )
        frame.index = [r[0] for r in rows]
        return frame.iloc[:, : self.width]

    def row(self, pos: int) -> list[object]:
        """One row by position, as Python values."""
        got = self.con.execute(f"select {', '.join(self.columns)} from {self.view} where pos = $p", {"p": pos})
        found = got.fetchone()
        return [cells.decode(v) for v in found] if found else []


def grid_from_rows(
    sheet: str | None, rows: list[list[object]], lines: list[int], width: int, db: IngestDatabase | None = None
) -> Grid:
    """A grid of typed cells (a workbook's sheet, a Parquet file's rows) as a table: numbers and dates marked."""
    import pyarrow as pa

    db = db or IngestDatabase()
    table = f"cells_{len(db.con.execute('show tables').fetchall())}"
    arrays = {"line": pa.array(lines, type=pa.int64())}
    for i in range(width):
        arrays[f"c{i}"] = pa.array([cells.encode(r[i]) if i < len(r) else None for r in rows], type=pa.string())
    data = pa.table(arrays)
    db.con.register("_incoming", data)
    db.con.execute(f"create table {table} as select * from _incoming")
    db.con.unregister("_incoming")
    view = f"grid_{table}"
    db.con.execute(f"create view {view} as select rowid as pos, * from {table}")
    return Grid(sheet, db, width, len(rows), view=view, prefix=f"s_{table}", tables=(table,))
