"""Which kind of table a header row is, by the synonyms of each kind's columns."""

from __future__ import annotations

import hashlib

from sangkien.i18n import N_
from sangkien.ingest import schema
from sangkien.ingest.normalize import header_key
from sangkien.ingest.reasons import Message, msg


def match_columns(headers: list[str | None], kind: schema.Kind) -> dict[int, str]:
    index = schema.synonym_index(kind)
    found: dict[int, str] = {}
    used: set[str] = set()
    for i, h in enumerate(headers):
        col = index.get(header_key(h)) if h else None
        if col and col not in used:
            found[i], used = col, used | {col}
    return found


def score_kinds(headers: list[str | None]) -> list[tuple[str, int, int]]:
    """(kind, columns matched, required matched) for kinds whose required columns are all there."""
    scores = []
    for kind in schema.KINDS.values():
        matched = set(match_columns(headers, kind).values())
        required = [c for c in kind.required if c != "id"]
        if all(c in matched for c in required):
            scores.append((kind.name, len(matched), len(required)))
    return sorted(scores, key=lambda s: (-s[1], -s[2]))


def detect_kind(headers: list[str | None]) -> tuple[str | None, Message | None]:
    """The kind whose columns the headers name best; an error naming what is missing otherwise.

    A kind that matches more columns than every complete kind but lacks a required
    column is not silently replaced by a weaker match (an initiatives file without its
    date column must not load as a units table).
    """
    eligible = score_kinds(headers)
    partial = []
    for kind in schema.KINDS.values():
        matched = set(match_columns(headers, kind).values())
        missing = [c for c in kind.required if c != "id" and c not in matched]
        if missing and len(matched) >= 2:
            partial.append((len(matched), kind, missing))
    best_partial = max(partial, key=lambda p: p[0], default=None)
    if best_partial and (not eligible or best_partial[0] > eligible[0][1]):
        _, kind, missing = best_partial
        columns = [f"{kind.name}.{c}" for c in missing]
        return None, msg(N_("ingest.kind_missing_columns"), kind=kind.name, columns=columns)
    if not eligible:
        return None, msg(N_("ingest.kind_unknown"))
    return eligible[0][0], None


def header_signature(headers: list[str | None]) -> str:
    """Files with the same headers share a signature, so a mapping correction is remembered for them."""
    text = "|".join(header_key(h) for h in headers if h)
    return hashlib.sha1(text.encode()).hexdigest()[:16]
