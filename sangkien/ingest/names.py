"""Union names in every spelling: aliases applied to a version, and 'Có phải là …?' suggestions.

Keys come from ``normalize.unit_key`` (in SQL from ``keys_sql``, which agrees with it); an
alias maps another spelling's key to a canonical unit's key, optionally only under one parent
(grassroots names repeat across districts). Suggestions are offered, never applied silently.
"""

from __future__ import annotations

import re

import duckdb
import pandas as pd
from rapidfuzz import fuzz, process

from sangkien.db import quote_ident
from sangkien.ingest import schema
from sangkien.ingest.keys_sql import keys_for, spelling_keys
from sangkien.ingest.normalize import strip_diacritics, unit_key


def alias_map(aliases: pd.DataFrame) -> dict[tuple[str, str | None], str]:
    """(alias key, parent key or None) -> canonical key."""
    out: dict[tuple[str, str | None], str] = {}
    for row in aliases.itertuples():
        a, u = unit_key(row.alias), unit_key(row.unit)
        if a and u and a != u:
            out[(a, unit_key(row.parent))] = u
    return out


def resolve(name: object, parent: object, aliases: dict[tuple[str, str | None], str]) -> str | None:
    key = unit_key(name)
    if key is None:
        return None
    parent_key = unit_key(parent)
    if parent_key is not None and parent_key in {a for a, _ in aliases}:
        parent_key = aliases.get((parent_key, None), parent_key)
    return aliases.get((key, parent_key)) or aliases.get((key, None)) or key


def apply_aliases(con: duckdb.DuckDBPyConnection) -> int:
    """Recompute every key column of a version being written from its names and its aliases table.

    All in SQL (``keys_sql.keys_for``, the semantics of ``alias_map`` and ``resolve``): each distinct
    name is keyed once, and only the rows of names whose key changes are rewritten, so it is cheap
    even for millions of rows. Returns the number of distinct name spellings (with their parent and
    former key) that an alias changed.
    """
    spellings = [(table, col) for table, columns in schema.UNIT_KEY_COLUMNS.items() for col in columns]
    changed = 0
    try:  # every spelling of every table keyed at once, then joined to each name column
        con.execute(f"create or replace temp table _spelling_keys as {spelling_keys(spellings)}")
        for table, columns in schema.UNIT_KEY_COLUMNS.items():
            if table == "aliases":
                continue
            for name_col, key_col in columns.items():
                changed += _rekey(con, table, name_col, key_col, schema.PARENT_OF.get((table, name_col)))
    finally:
        for temp in ("_names", "_rekeyed", "_spelling_keys"):
            con.execute(f"drop table if exists temp.main.{temp}")
    return changed


def _rekey(con: duckdb.DuckDBPyConnection, table: str, name_col: str, key_col: str, parent_col: str | None) -> int:
    t, n, k = quote_ident(table), quote_ident(name_col), quote_ident(key_col)
    p = quote_ident(parent_col) if parent_col else "null::varchar"
    con.execute(  # the distinct names (with parent and former key): the only pass over the rows
        f"create or replace temp table _names as select distinct {n} as name, {p} as parent, {k} as old_key"
        f" from {t} where {n} is not null"
    )
    con.execute(
        "create or replace temp table _rekeyed as select d.name, d.parent, d.old_key, m.own_key, m.key"
        f" from _names as d join ({keys_for('_names', 'name', 'parent', aliases='aliases', keyed='_spelling_keys')})"
        " as m on m.name = d.name and m.parent is not distinct from d.parent"
    )
    changed, stale = con.execute(
        "select count(*) filter (where own_key is distinct from key),"
        " count(*) filter (where old_key is distinct from key) from temp.main._rekeyed"
    ).fetchone()
    if stale:  # else no UPDATE over millions of rows
        match = f"t.{n} = m.name"
        if parent_col:
            match += f" and t.{quote_ident(parent_col)} is not distinct from m.parent"
        con.execute(
            f"update {t} as t set {k} = m.key from (select distinct name, parent, key from temp.main._rekeyed"
            f" where old_key is distinct from key) as m where {match}"
        )
    return changed


# Words every union name shares; similarity is judged on what is left ("hoàng mai", "may 10").
_GENERIC = re.compile(
    r"\b(liên đoàn lao động|công đoàn cơ sở|công đoàn ngành|công đoàn|thành phố|thị xã|quận|huyện|tỉnh|ngành)\b"
)


def _core(key: str) -> str:
    return " ".join(strip_diacritics(_GENERIC.sub(" ", key)).split())


def _level(key: str) -> str:
    return " ".join(m.group(0) for m in _GENERIC.finditer(key))


def suggest(names: list[str], known: list[str], cutoff: float = 85.0, limit: int = 200) -> pd.DataFrame:
    """For each name whose key is not a known unit's key, the closest known unit of the same kind, if close.

    Closeness (RapidFuzz ratio, 0–100) is judged on the distinctive part of the name without diacritics,
    among known names with the same generic words (a district's LĐLĐ is never offered for a CĐCS).
    """
    known_by_key: dict[str, str] = {}
    for k in known:
        key = unit_key(k)
        if key:
            known_by_key.setdefault(key, k)
    by_level: dict[str, dict[str, str]] = {}
    for key in known_by_key:
        by_level.setdefault(_level(key), {})[key] = _core(key)
    rows = []
    for name in dict.fromkeys(n for n in names if n):
        key = unit_key(name)
        if key is None or key in known_by_key:
            continue
        choices = by_level.get(_level(key), {})
        best = process.extractOne(_core(key), choices, scorer=fuzz.ratio, score_cutoff=cutoff)
        if best:
            _, score, match_key = best
            rows.append({"name": name, "suggestion": known_by_key[match_key], "score": round(score / 100, 3)})
        if len(rows) >= limit:
            break
    return pd.DataFrame(rows, columns=["name", "suggestion", "score"])
