"""Union names in every spelling: aliases applied to a version, and 'Có phải là …?' suggestions.

Keys come from ``normalize.unit_key``; an alias maps another spelling's key to a
canonical unit's key, optionally only under one parent (grassroots names repeat
across districts). Suggestions are offered, never applied silently.
"""

from __future__ import annotations

import re

import duckdb
import pandas as pd
from rapidfuzz import fuzz, process

from sangkien.db import quote_ident
from sangkien.ingest import schema
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

    Works on distinct names (a few thousand), so it is cheap even for millions of rows.
    Returns the number of name spellings that an alias changed.
    """
    aliases = alias_map(con.execute("select alias, unit, parent from aliases").df())
    changed = 0
    for table, columns in schema.UNIT_KEY_COLUMNS.items():
        if table == "aliases":
            continue
        for name_col, key_col in columns.items():
            parent_col = schema.PARENT_OF.get((table, name_col))
            cols = [name_col] + ([parent_col] if parent_col else [])
            col_list = ", ".join(quote_ident(c) for c in cols)
            key = quote_ident(key_col)
            names = con.execute(
                f"select distinct {col_list}, {key} as old_key from {quote_ident(table)} "
                f"where {quote_ident(name_col)} is not null"
            ).df()
            if names.empty:
                continue
            parents = names[parent_col] if parent_col else pd.Series([None] * len(names))
            names["new_key"] = [resolve(n, p, aliases) for n, p in zip(names[name_col], parents, strict=True)]
            changed += sum(1 for n, k in zip(names[name_col], names["new_key"], strict=True) if unit_key(n) != k)
            names = names[names["new_key"] != names["old_key"]].drop(columns="old_key")
            if names.empty:  # nothing to rewrite: no UPDATE over millions of rows
                continue
            con.register("name_keys", names)
            match = " and ".join(f"t.{quote_ident(c)} is not distinct from m.{quote_ident(c)}" for c in cols)
            con.execute(
                f"update {quote_ident(table)} as t set {quote_ident(key_col)} = m.new_key from name_keys as m "
                f"where {match}"
            )
            con.unregister("name_keys")
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
