"""Columns whose values are words of a vocabulary (statuses, levels, prizes, opinion channels): the
canonical word of each distinct spelling, computed in Python once per spelling and joined in SQL."""

from __future__ import annotations

import pandas as pd

from sangkien.ingest import cells, schema
from sangkien.ingest.normalize import header_key, strip_diacritics

# Columns whose values are words of a vocabulary: the canonical word of each distinct spelling.
_VOCABULARY = {
    ("initiatives", "status"): lambda v: _lookup(schema.STATUS_SYNONYMS).get(header_key(v)),
    ("units", "level"): lambda v: _lookup(schema.LEVEL_SYNONYMS).get(header_key(v)),
    ("reported_totals", "level"): lambda v: _lookup(schema.LEVEL_SYNONYMS).get(header_key(v)),
    ("works", "level"): lambda v: _works_level(v),
    ("contest_results", "prize"): lambda v: _prize_name(v),
    ("opinions", "channel"): lambda v: _channel_name(v),
}


def canonical_columns(con, spec: schema.Kind, body: str, raw: dict[str, str], positions: dict) -> list[str]:
    """Register ``_canon_<column>`` (x: spelling, y: canonical word), computed once per distinct spelling."""
    done = []
    for (kind, name), word in _VOCABULARY.items():
        if kind != spec.name:
            continue
        done.append(name)
        if name not in positions:  # every word of these vocabularies is empty for an empty cell
            continue
        spellings = [s for (s,) in con.execute(f"select distinct {raw[name]} from {body} as b").fetchall()]
        frame = pd.DataFrame({"x": spellings, "y": [word(cells.plain(s)) for s in spellings]}, dtype=object)
        con.register(f"_canon_{name}", frame)
    return done


def _lookup(synonyms: dict[str, list[str]]) -> dict[str, str]:
    return {header_key(w): code for code, words in synonyms.items() for w in words}


def _works_level(value: object) -> str | None:
    level = _lookup(schema.LEVEL_SYNONYMS).get(header_key(value)) if isinstance(value, str) else None
    return None if level == schema.LEVEL_FEDERATION else level


def _prize_name(value: object) -> str | None:
    """'Giải Nhất', 'giải nhất', 'Nhất' -> 'Nhất'; 'Không đạt' / '-' -> None."""
    if not isinstance(value, str):
        return None
    key = header_key(value)
    if key in ("", "khong", "khong dat", "khong dat giai", "khong co"):
        return None
    text = value.strip()
    if strip_diacritics(text.lower()).startswith("giai "):
        text = text[5:].strip()
    return text[:1].upper() + text[1:]


def _channel_name(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    key = header_key(value)
    if "van ban" in key or key in ("written", "thu"):
        return schema.CHANNEL_WRITTEN
    if "truc tiep" in key or key in ("direct", "tai hoi nghi"):
        return schema.CHANNEL_DIRECT
    return value.strip().lower()
