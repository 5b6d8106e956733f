"""Which rows of a grid are data, in SQL: what a reader skips in a sheet laid out for print.

Data rows, or why a reader skips the row: blank, heading, numbers, subtotal, total. For a grid of
millions of rows: cheap predicates per row in SQL (the leftmost filled cell, how many cells are filled, a few
regular expressions), and Python only per distinct text of the few rows that may be a total
label or an upper-case heading. The result is the grid's table ``skipped`` (pos, line, kind) of
the rows that are not data; the rows above the header come from ``layout`` as before.
"""

from __future__ import annotations

import pandas as pd

from sangkien.ingest.gridtable import Grid, column
from sangkien.ingest.layout import Layout, _is_column_numbers, _is_total_label, _is_upper
from sangkien.ingest.parse_sql import lit

_TEXT = "({x} is not null and not starts_with({x}, chr(31)))"
# layout._NUMBERISH, _HEADING and _GROUP in RE2 (digits as Python's \d: any decimal digit).
_NUMBERISH = r"^[\s(]*[-+]?[\p{Nd}.,]+[)\s]*$"
_HEADING = r"^\s*([IVXLC]+|[A-ZĐ]|\p{Nd}{1,2})[.)/]\s+\S"
_GROUP = r"^\s*([IVXLC]+|[A-ZĐ])[.)]\s+\S"
# A superset of the labels ``_is_total_label`` accepts: its first word, diacritics aside.
_TOTAL_WORD = r"^[^0-9a-z]*(tong|cong|total|grand)([^0-9a-z]|$)"


def top_kinds(head: pd.DataFrame, layout: Layout) -> dict[int, str]:
    """pos -> title / header / blank for the rows down to the header."""
    kinds = {}
    for pos in range(layout.first_body_row):
        row = head.iloc[pos]
        kinds[pos] = "header" if pos >= layout.header_rows[0] else "blank" if row.isna().all() else "title"
    return kinds


def classify(grid: Grid, layout: Layout, row_number_cols: set[int]) -> pd.Series:
    """Create the grid's ``skipped`` (pos, line, kind) for the body's rows that are not data; counts by kind."""
    con, first, skipped = grid.con, layout.first_body_row, grid.table("skipped")
    cols = [column(i) for i in range(grid.width)]
    content = [column(i) for i in range(grid.width) if i not in row_number_cols]
    leftmost = f"coalesce({', '.join(cols)})" if len(cols) > 1 else cols[0]
    filled = " + ".join(f"({c} is not null)::int" for c in cols)
    blank = " and ".join(f"{c} is null" for c in content) or "true"
    text = _TEXT.format(x="l")
    short = f"({text} and length(l) <= 60)"
    con.execute(
        f"create or replace temp table _body_rows as select pos, line, l, f, b from (select pos, line,"
        f" {leftmost} as l, {filled} as f, {blank} as b from {grid.view} where pos >= $first)"
        f" where b or f = 1 or ({short} and (regexp_matches(l, '(?i)^\\s*[tcg]') and"
        f" regexp_matches(lower(strip_accents(l)), {lit(_TOTAL_WORD)}) or regexp_matches(l, {lit(_GROUP)})))",
        {"first": first},
    )
    totals = _python_flags(
        con, f"{short} and regexp_matches(l, '(?i)^\\s*[tcg]')", _is_total_label
    )  # per distinct label, not per row
    upper = _python_flags(con, f"f = 1 and {text}", _is_upper)
    con.register("_total_labels", pd.DataFrame({"l": totals}, dtype=object))
    con.register("_upper_labels", pd.DataFrame({"l": upper}, dtype=object))
    numberish = f"regexp_matches(l, {lit(_NUMBERISH)})"
    heading = (
        f"(f = 1 and {text} and (regexp_matches(l, {lit(_HEADING)}) or l in (select l from _upper_labels)))"
        f" or ({short} and regexp_matches(l, {lit(_GROUP)}))"
    )
    con.execute(
        f"create or replace table {skipped} as select pos, line, kind from (select pos, line, case"
        " when l in (select l from _total_labels) then 'subtotal'"
        f" when b and (l is null or not {text} or {numberish}) then 'blank'"
        f" when {heading} then 'heading' end as kind from temp.main._body_rows) where kind is not null"
    )
    con.unregister("_total_labels")
    con.unregister("_upper_labels")
    # The last total row, below every data row, is the total; the others are subtotals.
    last_total = con.execute(f"select max(pos) from {skipped} where kind = 'subtotal'").fetchone()[0]
    if last_total is not None:
        below = con.execute(
            f"select count(*) from {grid.view} where pos > $p and pos not in (select pos from {skipped})",
            {"p": last_total},
        ).fetchone()[0]
        if not below:
            con.execute(f"update {skipped} set kind = 'total' where pos = $p", {"p": last_total})
    if first < grid.rows and _is_column_numbers(grid.row(first)):
        con.execute(f"delete from {skipped} where pos = $p", {"p": first})
        con.execute(f"insert into {skipped} select pos, line, 'numbers' from {grid.view} where pos = $p", {"p": first})
    counts = con.execute(f"select kind, count(*) from {skipped} group by kind").fetchall()
    return pd.Series(dict(counts), dtype="int64")


def _python_flags(con, where: str, test) -> list[str]:
    """The distinct candidate texts for which the Python ``test`` holds."""
    found = con.execute(f"select distinct l from temp.main._body_rows where {where}").fetchall()
    return [v for (v,) in found if test(v)]
