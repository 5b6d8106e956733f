"""Numbers, dates and yes/no values as Vietnamese exports write them, for a pandas Series.

The reading itself is SQL (``parse_sql``), so that it runs the same over a DuckDB table of
millions of cells; these wrappers put a Series' values into cells (``cells.encode``: typed
numbers and dates marked, text as it is, missing values NULL), run the column's profile and
expressions on a cursor of one in-memory database, and give the values back on the Series' index.

Each column's convention is decided from all of its values before any value is converted, so
that a reading is never applied where another would keep a value ("1.5" is not read as 15 in a
column of "1.234,5"-style numbers).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cache

import duckdb
import numpy as np
import pandas as pd

from sangkien.ingest import cells
from sangkien.ingest.parse_sql import (
    EN,
    VI,
    NumberProfile,
    bad_sql,
    bool_sql,
    class_sql,
    date_profile,
    date_sql,
    number_profile,
    number_sql,
)

__all__ = ["EN", "VI", "DateReading", "NumberReading", "classify_number", "format_number"]
__all__ += ["read_bools", "read_dates", "read_numbers"]

_COL = '"x"'
_TABLE = "_cells"


@dataclass
class NumberReading:
    values: pd.Series  # float, NaN where empty or unreadable
    bad: pd.Series  # bool: a value was written but could not be read
    convention: str | None
    note: str | None = None
    examples: list[str] = field(default_factory=list)


@dataclass
class DateReading:
    values: pd.Series  # datetime64 (day), NaT where empty or unreadable
    bad: pd.Series
    note: str | None = None


@cache
def _database() -> duckdb.DuckDBPyConnection:
    """The process's parsing database; each reading takes its own cursor (its own temp table)."""
    return duckdb.connect()


def _missing(value: object) -> bool:
    """None, NaN, NaT or pd.NA: an empty cell, whatever type the column has."""
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return isinstance(value, np.datetime64 | np.timedelta64) and np.isnat(value)


def _cell(value: object) -> str | None:
    if _missing(value):
        return None
    if isinstance(value, np.generic):  # numpy numbers and flags as Python's
        value = value.item()
    return cells.encode(value)


def _cells(raw: pd.Series) -> pd.DataFrame:
    """The Series as one VARCHAR column of cells."""
    if raw.dtype == object or isinstance(raw.dtype, pd.StringDtype):
        kind = pd.api.types.infer_dtype(raw, skipna=True)
        if kind in ("string", "empty"):  # text as it is: the usual CSV column, no per-cell work
            values = raw.astype(object).where(raw.notna(), None).to_numpy()
            return pd.DataFrame({"x": values}, dtype=object)
    return pd.DataFrame({"x": [_cell(v) for v in raw.astype(object)]}, dtype=object)


def _run(raw: pd.Series, reading):
    """``reading(cursor, table)`` over the Series' cells in a temp table of a fresh cursor."""
    cur = _database().cursor()
    try:
        cur.register("_series", _cells(raw))
        cur.execute(f"create temp table {_TABLE} as select CAST(x AS VARCHAR) as x from _series")
        cur.unregister("_series")
        return reading(cur, _TABLE)
    finally:
        cur.close()


def _select(cur, value: str, bad: str) -> pd.DataFrame:
    """The value, and ``bad`` written over the value's column ``v`` (its SQL is bound once, not twice)."""
    return cur.execute(f"select v, {bad} as b from (select {value} as v, {_COL} from {_TABLE})").df()


def read_numbers(raw: pd.Series, default: str = VI) -> NumberReading:
    """Read a column of numbers written in one convention; decide it from the values."""

    def reading(cur, table: str) -> tuple[NumberProfile, pd.DataFrame]:
        profile = number_profile(cur, table, _COL, default)
        return profile, _select(cur, number_sql(_COL, profile)[0], bad_sql(_COL, "v"))

    profile, out = _run(raw, reading)
    values = pd.Series(out["v"].to_numpy(dtype=float, na_value=np.nan), index=raw.index)
    bad = pd.Series(out["b"].to_numpy(dtype=bool), index=raw.index)
    return NumberReading(values, bad, profile.convention, profile.note, profile.examples)


def read_dates(raw: pd.Series) -> DateReading:
    """dd/mm/yyyy, d/m/yy, yyyy-mm-dd (times dropped) and Excel serial numbers."""

    def reading(cur, table: str) -> tuple[str | None, pd.DataFrame]:
        return date_profile(cur, table, _COL), _select(cur, date_sql(_COL)[0], bad_sql(_COL, "v"))

    note, out = _run(raw, reading)
    values = pd.Series(out["v"].to_numpy(), index=raw.index).astype("datetime64[us]")
    bad = pd.Series(out["b"].to_numpy(dtype=bool), index=raw.index)
    return DateReading(values, bad, note)


def read_bools(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Yes/no words with or without diacritics (an empty cell is no): (boolean values, bad)."""
    out = _run(raw, lambda cur, table: _select(cur, bool_sql(_COL)[0], "v is null"))
    values = pd.Series(out["v"].to_numpy(), index=raw.index, dtype="boolean")
    return values, pd.Series(out["b"].to_numpy(dtype=bool), index=raw.index)


def classify_number(core: str) -> str | None:
    """'vi', 'en', 'both' (plain digits), 'ambiguous' (one thousands group either way) or None."""
    cur = _database().cursor()
    try:
        return cur.execute(f"select {class_sql('$core')}", {"core": core}).fetchone()[0]
    finally:
        cur.close()


def format_number(value: float, convention: str, decimals: int = 0) -> str:
    """Write a number in a convention (used by tests and sample files)."""
    text = f"{abs(value):,.{decimals}f}"
    if convention == VI:
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return ("-" if value < 0 else "") + text
