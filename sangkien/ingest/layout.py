"""Reading a spreadsheet laid out for print as a person would.

Finds the header by its content (one row, or two when group cells sit above the
column names), and says which texts are what a reader skips below it: group headings
("I. Khối quận, huyện"), a row of column numbers, subtotal and "Tổng cộng" labels
(``rowkinds`` sorts the rows in SQL with them), and checks totals against the rows above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from sangkien.i18n import N_
from sangkien.ingest import schema
from sangkien.ingest.normalize import header_key
from sangkien.ingest.readers import cell_text

ROW_NUMBER_KEYS = {"stt", "tt", "so tt", "so thu tu", "no", "#"}
TOTAL_KEYS = {"tong cong", "tong so", "cong", "total", "tong", "grand total", "cong toan", "tong toan"}
HEADER_SCAN_ROWS = 30
_HEADING = re.compile(r"^\s*([IVXLC]+|[A-ZĐ]|\d{1,2})[.)/]\s+\S")
_GROUP = re.compile(r"^\s*([IVXLC]+|[A-ZĐ])[.)]\s+\S")  # "I. Khối quận, huyện", "A. Ngành"
_NUMBERISH = re.compile(r"^[\s(]*[-+]?[\d.,]+[)\s]*$")

# Rows skipped, by kind: plural keys ('{n} dòng tổng cộng'), shown with ``tn`` in the current language.
SKIP_LABELS = {
    "title": N_("ingest.skipped_title"),
    "blank": N_("ingest.skipped_blank"),
    "heading": N_("ingest.skipped_heading"),
    "numbers": N_("ingest.skipped_numbers"),
    "subtotal": N_("ingest.skipped_subtotal"),
    "total": N_("ingest.skipped_total"),
}


@dataclass
class Layout:
    header_rows: list[int]  # positions in the frame (one or two)
    headers: list[str | None]  # one name per column, joined for a two-row header
    row_kinds: pd.Series = field(default_factory=lambda: pd.Series(dtype=object))  # frame position -> kind

    @property
    def first_body_row(self) -> int:
        return self.header_rows[-1] + 1


def known_header_keys() -> set[str]:
    return {k for kind in schema.KINDS.values() for k in schema.synonym_index(kind)} | ROW_NUMBER_KEYS


def _texts(row: list[object]) -> list[str | None]:
    return [cell_text(v) for v in row]


def _is_header_like(cells: list[str | None]) -> bool:
    """At least one text cell, and no cell that reads as a number (data rows have numbers)."""
    filled = [c for c in cells if c]
    return bool(filled) and not any(_NUMBERISH.match(c) for c in filled)


def _fill_merged(rows: list[list[str | None]], top: int, merged: list[tuple[int, int, int, int]]) -> None:
    """Copy a merged cell's text into every cell it covers (header rows only)."""
    for r0, c0, r1, c1 in merged:
        for r in range(max(r0, top), min(r1, top + len(rows) - 1) + 1):
            value = rows[r0 - top][c0] if top <= r0 < top + len(rows) else None
            if value is None:
                continue
            for c in range(c0, min(c1, len(rows[0]) - 1) + 1):
                if rows[r - top][c] is None:
                    rows[r - top][c] = value


def join_headers(upper: list[str | None], lower: list[str | None], known: set[str]) -> list[str | None]:
    """One name per column from a group row above a name row.

    Without merge information (CSV), a group name covers the empty cells to its
    right that have a name below them. Each column takes the first of
    'group name', 'name', 'group' that is a known column; else the joined text.
    """
    upper = list(upper)
    for i in range(1, len(upper)):
        if upper[i] is None and lower[i] and upper[i - 1] and lower[i - 1]:
            upper[i] = upper[i - 1]
    out: list[str | None] = []
    for up, low in zip(upper, lower, strict=True):
        candidates = [f"{up} {low}" if up and low and up != low else None, low, up]
        candidates = [c for c in candidates if c]
        chosen = next((c for c in candidates if header_key(c) in known), candidates[0] if candidates else None)
        out.append(chosen)
    return out


def _hits(headers: list[str | None], known: set[str]) -> int:
    """Distinct known columns a header row names (a name repeated by a join counts once)."""
    return len({key for h in headers if h and (key := header_key(h)) in known})


def find_layout(frame: pd.DataFrame, merged: list[tuple[int, int, int, int]] | None = None) -> Layout | None:
    """The header row(s): the row naming most known columns, joined with a group row if that names more."""
    known = known_header_keys()
    scan = min(HEADER_SCAN_ROWS, len(frame))
    rows = [_texts(frame.iloc[i].tolist()) for i in range(scan)]
    best, best_hits = None, 0
    for i, cells in enumerate(rows):
        hits = _hits(cells, known)
        if hits > best_hits and hits >= 2:
            best, best_hits = i, hits
    if best is None:
        return None
    choice = Layout([best], rows[best])
    for top in (best - 1, best):
        if top < 0 or top + 1 >= scan:
            continue
        pair = [list(rows[top]), list(rows[top + 1])]
        if not (_is_header_like(pair[0]) and _is_header_like(pair[1])):
            continue
        if sum(1 for c in pair[0] if c) < 2 and not merged:
            continue  # a lone cell above is a title, not a group row
        _fill_merged(pair, top, merged or [])
        joined = join_headers(pair[0], pair[1], known)
        if _hits(joined, known) > _hits(choice.headers, known):
            choice = Layout([top, top + 1], joined)
    return choice


def _is_total_label(value: object) -> bool:
    if not isinstance(value, str) or len(value) > 60:
        return False
    key = header_key(value)
    lower = value.strip().lower()
    # "Cộng quận Ba Đình" is a subtotal, "Công đoàn ngành Y tế" is not: keep the diacritics here.
    return key in TOTAL_KEYS or key.startswith("tong cong ") or lower.startswith(("cộng ", "tổng cộng"))


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(text.split()) >= 2 and len(letters) >= 4 and all(c.isupper() for c in letters)


def _is_column_numbers(cells: list[object]) -> bool:
    """A row of column numbers under the header: 1, 2, 3 … or (1), (2), (3) …"""
    values = []
    for c in cells:
        if c is None:
            continue
        text = str(cell_text(c)).strip("() ")
        if not text.isdigit():
            return False
        values.append(int(text))
    return len(values) >= 3 and values == list(range(values[0], values[0] + len(values)))


def check_totals(row_kinds: pd.Series, numbers: dict[str, pd.Series], labels: dict[str, str]) -> list[dict]:
    """Compare each subtotal with the data rows since the previous one, and the total with every data row."""
    checks = []
    group_start = row_kinds.index[0] if len(row_kinds) else 0
    for pos, kind in row_kinds.items():
        if kind not in ("subtotal", "total"):
            if kind == "heading":
                group_start = pos
            continue
        lo = row_kinds.index[0] if kind == "total" else group_start
        rows = row_kinds[(row_kinds.index >= lo) & (row_kinds.index < pos) & (row_kinds == "data")].index
        for col, values in numbers.items():
            written = values.get(pos)
            if written is None or pd.isna(written):
                continue
            summed = float(values.reindex(rows).fillna(0).sum())
            checks.append(
                {
                    "row": int(pos) + 1,
                    "kind": kind,
                    "column": col,
                    "label": labels.get(col, col),
                    "written": float(written),
                    "sum": summed,
                    "ok": abs(summed - float(written)) < 0.5,
                }
            )
        group_start = pos
    return checks
