"""Cells as DuckDB holds them while a file is read: text, with typed values marked.

Every grid is a table of VARCHAR cells ``c0 … cN`` (plus ``line``, the 0-based row
of the file). CSV cells are text as written. A spreadsheet or Parquet cell that
already holds a number or a date keeps that fact as a two-character mark in front
of its text, so that the readers of numbers and dates take it as typed and never
apply a writing convention to it (``"\\x1fN1234.5"``, ``"\\x1fD2023-04-03"``).
The mark uses a control character that cleaned CSV text cannot hold.
"""

from __future__ import annotations

import datetime as dt
import math

MARK = "\x1f"
NUMBER = MARK + "N"  # followed by Python's repr of the float (or the int's digits)
DATE = MARK + "D"  # followed by yyyy-mm-dd, or yyyy-mm-dd hh:mm:ss

# SQL over a cell ``x``: its text without the mark (what a text column stores).
PLAIN_SQL = "case when starts_with({x}, chr(31)) then substr({x}, 3) else {x} end"
IS_NUMBER_SQL = "starts_with({x}, chr(31) || 'N')"
IS_DATE_SQL = "starts_with({x}, chr(31) || 'D')"


def encode(value: object, clean=None) -> str | None:
    """A cell from a spreadsheet or Parquet file: marked number or date, text as ``clean`` makes it."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return NUMBER + str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return NUMBER + (str(int(value)) if value.is_integer() and abs(value) < 1e17 else repr(value))
    if isinstance(value, dt.datetime):
        text = value.strftime("%Y-%m-%d %H:%M:%S") if value.time() != dt.time() else value.strftime("%Y-%m-%d")
        return DATE + text
    if isinstance(value, dt.date):
        return DATE + value.strftime("%Y-%m-%d")
    if clean is None:
        return str(value)
    return clean(value)


def decode(cell: str | None) -> object:
    """A stored cell back as the Python value the layout checks look at (float, date or text)."""
    if cell is None or not cell.startswith(MARK):
        return cell
    body = cell[2:]
    if cell.startswith(NUMBER):
        number = float(body)
        return number
    return dt.datetime.fromisoformat(body) if " " in body else dt.date.fromisoformat(body)


def plain(cell: str | None) -> str | None:
    """The text of a cell without its mark."""
    return cell[2:] if cell is not None and cell.startswith(MARK) else cell
