"""Every column a page or an export shows: its key, its header, how its values are written.

One registry, so a header is renamed in one place and keeps its format. Tables are built with
``table(source, [(key, source column or values), ...])``; ``ui.columns`` turns the formats into
Streamlit column configs, and exports read the same formats. A header is the catalogue's text of the
column's message key in the current language (``col.<key>``); headers are unique in each language.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import pandas as pd

from sangkien import i18n
from sangkien.i18n import N_, t

COUNT, MONEY, DECIMAL, PROGRESS, DATE, TEXT = "count", "money", "decimal", "progress", "date", "text"


@dataclass(frozen=True)
class Column:
    key: str
    text: str  # the message key of the header (``col.<key>``)
    kind: str = TEXT  # count, money (whole đồng), decimal (one digit), progress (a % bar), date, text
    help: str = ""  # a message key, or empty

    @property
    def label(self) -> str:
        """The header in the current language."""
        return t(self.text)


_ALL = [
    # counts
    Column("rank", N_("col.rank"), COUNT),
    Column("initiatives", N_("col.initiatives"), COUNT),
    Column("participants", N_("col.participants"), COUNT),
    Column("quota", N_("col.quota"), COUNT),
    Column("total", N_("col.total"), COUNT),
    Column("today", N_("col.today"), COUNT),
    Column("last_7_days", N_("col.last_7_days"), COUNT),
    Column("with_value", N_("col.with_value"), COUNT),
    Column("without_value", N_("col.without_value"), COUNT),
    Column("contestants", N_("col.contestants"), COUNT),
    Column("winners", N_("col.winners"), COUNT),
    Column("count", N_("col.count"), COUNT),
    Column("awards", N_("col.awards"), COUNT),
    Column("works", N_("col.works"), COUNT),
    Column("flagship", N_("col.flagship"), COUNT),
    Column("opinions", N_("col.opinions"), COUNT),
    Column("unit_initiatives", N_("col.unit_initiatives"), COUNT),
    Column("rows_in", N_("col.rows_in"), COUNT),
    Column("loaded", N_("col.loaded"), COUNT),
    Column("rejected", N_("col.rejected"), COUNT),
    Column("skipped", N_("col.skipped"), COUNT),
    Column("attempt", N_("col.attempt"), COUNT),
    Column("rejected_rows", N_("col.rejected_rows"), COUNT),
    Column("source_row", N_("col.source_row"), COUNT),
    Column("new_initiatives", N_("col.new_initiatives"), COUNT),
    Column("rank_before", N_("col.rank_before"), COUNT),
    # money
    Column("benefit_vnd", N_("col.benefit_vnd"), MONEY),
    Column("total_vnd", N_("col.total_vnd"), MONEY),
    Column("median_vnd", N_("col.median_vnd"), MONEY),
    Column("prize_vnd", N_("col.prize_vnd"), MONEY),
    Column("amount_vnd", N_("col.amount_vnd"), MONEY),
    Column("value_vnd", N_("col.value_vnd"), MONEY),
    Column("benefit_added_vnd", N_("col.benefit_added_vnd"), MONEY),
    Column("estimate_vnd", N_("col.estimate_vnd"), MONEY),
    Column("low_vnd", N_("col.low_vnd"), MONEY),
    Column("high_vnd", N_("col.high_vnd"), MONEY),
    Column("with_declared_vnd", N_("col.with_declared_vnd"), MONEY),
    # decimals and shares
    Column("per_100_members", N_("col.per_100_members"), DECIMAL),
    Column("pace", N_("col.pace"), DECIMAL),
    Column("pct_of_quota", N_("col.pct_of_quota"), PROGRESS),
    Column("pct_of_commitment", N_("col.pct_of_commitment"), PROGRESS),
    Column("daily_pct_of_quota", N_("col.daily_pct_of_quota"), PROGRESS),
    # dates
    Column("completed_on", N_("col.completed_on"), DATE),
    Column("decided_on", N_("col.decided_on"), DATE),
    Column("submitted_on", N_("col.submitted_on"), DATE),
    # text
    Column("change", N_("col.change")),
    Column("rank_change", N_("col.rank_change")),
    Column("unit", N_("col.unit")),
    Column("source", N_("col.source")),
    Column("note", N_("col.note")),
    Column("quota_status", N_("col.quota_status")),
    Column("reached_quota", N_("col.reached_quota")),
    Column("sentence", N_("col.sentence")),
    Column("assumption", N_("col.assumption")),
    Column("section", N_("col.section")),
    Column("field", N_("col.field")),
    Column("parent_unit", N_("col.parent_unit")),
    Column("parent", N_("col.parent")),
    Column("authors", N_("col.authors")),
    Column("id", N_("col.id")),
    Column("title", N_("col.title")),
    Column("trade", N_("col.trade")),
    Column("prize", N_("col.prize")),
    Column("contestant", N_("col.contestant")),
    Column("body", N_("col.body")),
    Column("programme", N_("col.programme")),
    Column("recipient_type", N_("col.recipient_type")),
    Column("recipient", N_("col.recipient")),
    Column("decision", N_("col.decision")),
    Column("level", N_("col.level")),
    Column("channel", N_("col.channel")),
    Column("work", N_("col.work")),
    Column("file", N_("col.file")),
    Column("sheet", N_("col.sheet")),
    Column("kind", N_("col.kind")),
    Column("error", N_("col.error")),
    Column("version", N_("col.version")),
    Column("time", N_("col.time")),
    Column("label", N_("col.label")),
    Column("table_rows", N_("col.table_rows")),
    Column("demo", N_("col.demo")),
    Column("published_by", N_("col.published_by")),
    Column("outcome", N_("col.outcome")),
    Column("by", N_("col.by")),
    Column("message", N_("col.message")),
    Column("reason", N_("col.reason")),
    Column("data", N_("col.data")),
    Column("name_in_file", N_("col.name_in_file")),
    Column("suggestion", N_("col.suggestion")),
    Column("similarity", N_("col.similarity")),
    Column("column_name", N_("col.column_name")),
    Column("column_type", N_("col.column_type")),
    Column("empty_cells", N_("col.empty_cells"), COUNT),
    Column("examples", N_("col.examples")),
    Column("alias", N_("col.alias")),
    Column("canonical", N_("col.canonical")),
    Column("alias_parent", N_("col.alias_parent")),
]

COLUMNS: dict[str, Column] = {c.key: c for c in _ALL}
assert len(COLUMNS) == len(_ALL), "column keys must be unique"


@functools.cache
def headers(code: str) -> dict[str, Column]:
    """The columns by their header in language ``code``."""
    with i18n.language(code):
        out = {c.label: c for c in _ALL}
    assert len(out) == len(_ALL), f"column headers must be unique ({code})"
    return out


class _ByLabel(Mapping):
    """The columns by header: the current language's headers first, then the other language's (a
    table built in one language still finds its formats); iterating gives the current language's."""

    def __getitem__(self, header: str) -> Column:
        for code in (i18n.lang(), *i18n.LANGS):
            found = headers(code).get(header)
            if found is not None:
                return found
        raise KeyError(header)

    def __iter__(self) -> Iterator[str]:
        return iter(headers(i18n.lang()))

    def __len__(self) -> int:
        return len(_ALL)


BY_LABEL: Mapping[str, Column] = _ByLabel()


def label(key: str) -> str:
    return COLUMNS[key].label


def table(source: pd.DataFrame, spec: list[tuple[str, object]]) -> pd.DataFrame:
    """A table to show: for each registry ``key``, a column of ``source`` (by name) or the values given.

    Money and decimal columns become floats, so an absent value shows as an empty cell, not 'None'.
    """
    out = {}
    for key, values in spec:
        column = COLUMNS[key]
        data = source[values] if isinstance(values, str) else values
        if column.kind in (MONEY, DECIMAL) and data is not None and not isinstance(data, str):
            data = pd.to_numeric(pd.Series(data, index=source.index), errors="coerce").astype(float)
        out[column.label] = data
    return pd.DataFrame(out, index=source.index).reset_index(drop=True)


def unknown(frame: pd.DataFrame) -> list[str]:
    """Headers of ``frame`` the registry does not know in the current language."""
    known = headers(i18n.lang())
    return [c for c in frame.columns if c not in known]
