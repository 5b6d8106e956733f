"""The keys of ``normalize`` as DuckDB SQL: the same text as ``unit_key`` / ``header_key`` for every input.

RE2 has no look-behind and an ASCII ``\\b``, DuckDB's ``lower`` no final sigma: the SQL spells out
Python's word boundaries and the rest with classes generated from Python itself (``\\w``, ``\\s``,
cased characters, what NFD and ``lower`` make of each one: ``keys_classes``).
Text of ASCII, Latin-1 and Vietnamese letters only takes a path with small classes. Steps RE2 cannot
do in one pass put markers into the text: whitespace, gone once whitespace is collapsed.

``unit_key_sql`` / ``header_key_sql`` give an expression over an expression; ``keys_for`` and
``with_keys`` give a SELECT keying millions of rows by a join on their distinct names (each
spelling keyed once), a version's aliases resolved as ``names.resolve`` does.
"""

from __future__ import annotations

import re

from sangkien.db import quote_ident
from sangkien.ingest import normalize
from sangkien.ingest.keys_classes import _char, _header_groups, _unit_tables

# Markers, all whitespace (gone once whitespace is collapsed): word start / word end of an
# abbreviation, a dot an abbreviation swallowed, a tone pair to move.
_START, _END, _DOT, _TONE = "\t", "\n", "\x0b", "\x0c"
_G0, _G1, _G2, _G3 = "\\0", "\\1", "\\2", "\\3"  # RE2 back-references in a replacement


def _lit(text: str) -> str:
    """A constant of this module as a SQL string literal (never a user value)."""
    return "'" + text.replace("'", "''") + "'"


def _abbreviations() -> list[tuple[str, str, str]]:
    """normalize._ABBREVIATIONS as (word, full form, form): 'word', 'word.' (dot optional, dropped), 'letter.'."""
    out = []
    for pattern, full in normalize._ABBREVIATIONS:
        if m := re.fullmatch(r"\\b(\w+)\\b(\\\.\?)?", pattern):
            out.append((m.group(1), full, "word." if m.group(2) else "word"))
        elif m := re.fullmatch(r"\\b(\w+)\\\.", pattern):
            out.append((m.group(1), full, "letter."))
        else:  # a new kind of abbreviation needs its SQL written here
            raise ValueError(f"unsupported abbreviation pattern {pattern!r}")
        # The SQL marks the abbreviations once: a full form must keep the words around it as they were
        # (a word character at each end, or a non-word one where the dot was) and hold no later one.
        later = [re.compile(p) for p, _ in normalize._ABBREVIATIONS[len(out) :]]
        ends = r"\w(.*\w)?" + (r"\W" if out[-1][2] == "letter." else "")
        if any(p.search(full) for p in later) or not re.fullmatch(ends, full):
            raise ValueError(f"the full form {full!r} would need the abbreviations marked again")
    return out


def unit_key_sql(expr: str) -> str:
    """SQL for ``normalize.unit_key(expr)``: NULL for NULL or blank text.

    ``expr`` is SQL (a quoted column, say); it appears several times in the result, so pass a column.
    """
    common = _unit_tables(True)["common"]
    fast, full = _unit_key_steps(expr, _unit_tables(True)), _unit_key_steps(expr, _unit_tables(False))
    return f"case when regexp_matches({expr}, {_lit('^' + common + '*$')}) then {fast} else {full} end"


def _unit_key_steps(expr: str, t: dict[str, str]) -> str:
    # clean_text: eth as Đ, whitespace collapsed, trimmed, NFC (NFC joins or moves no whitespace, so
    # it may come last: then markers keep the NULs nfc_normalize would cut the text at, and fence off
    # the characters Python's Unicode data does not know yet, which DuckDB's may take as marks)
    s = f"replace(replace({expr}, 'Ð', 'Đ'), 'ð', 'đ')"
    s = f"trim(regexp_replace({s}, {_lit(t['space'] + '{2,}|' + t['odd_space'])}, ' ', 'g'), ' ')"
    if "nfc_changes" in t:  # checking is far cheaper than normalising
        fenced = f"replace(k, chr(0), {_lit(_START)})"
        fenced = f"regexp_replace({fenced}, {_lit(t['unknown'])}, {_lit(_END + _G0 + _END)}, 'g')"
        nfc = f"replace(replace(nfc_normalize({fenced}), {_lit(_END)}, ''), {_lit(_START)}, chr(0))"
        s = f"list_transform([{s}], lambda k: case when regexp_matches(k, {_lit(t['nfc_changes'])}) then {nfc} else k end)[1]"
    if "cased" in t:  # str.lower makes a final capital sigma 'ς' (DuckDB's lower knows no context), 'İ' 'i̇'
        sigma = f"({t['cased']}{t['ignorable']}*)Σ({t['ignorable']}*(?:{t['uncased']}|$))"
        s = f"regexp_replace({s}, {_lit(sigma)}, {_lit(_G1 + 'ς' + _G2)}, 'g')"
        s = f"replace({s}, 'İ', {_lit('i' + chr(0x307))})"
    s = f"lower({s})"
    # _TONE_RE: mark each pair at a word's end (the marker dropped again after a 'q'), then move its tone
    pairs = "|".join(normalize._TONE_PAIRS)
    tone = f"(q?)({pairs})({t['non_word']}|$)"
    s = f"regexp_replace({s}, {_lit(tone)}, {_lit(_G1 + _TONE + _G2 + _G3)}, 'g')"
    moved = f"replace(k, {_lit('q' + _TONE)}, 'q')"
    for old, new in normalize._TONE_PAIRS.items():
        moved = f"replace({moved}, {_lit(_TONE + old)}, {_lit(new)})"
    s = f"list_transform([{s}], lambda k: case when contains(k, {_lit(_TONE)}) then {moved} else k end)[1]"
    # _ABBREVIATIONS: mark each abbreviation that is a whole word, then replace the marked words in
    # order, as the Python subs run one after another. Two abbreviations may share the character
    # between them, which the first match takes: a second pass marks those, just after a word's end.
    abbreviations = _abbreviations()
    words = "|".join(sorted({w for w, _, _ in abbreviations}, key=len, reverse=True))
    sep, marked = t["non_word_unmarked"], _lit(_G1 + _START + _G2 + _END + _G3)
    s = f"regexp_replace({s}, {_lit(f'(^|{sep})({words})({sep}|$)')}, {marked}, 'g')"
    s = f"regexp_replace({s}, {_lit(f'({_char(ord(_END))}{sep})({words})({sep}|$)')}, {marked}, 'g')"
    for word, full, form in abbreviations:
        whole = _START + word + _END + ("." if form == "letter." else "")
        if form != "word.":
            s = f"replace({s}, {_lit(whole)}, {_lit(full)})"
        else:  # a dropped dot joins the full form to the next word, which then starts no word of its own
            s = f"replace(replace({s}, {_lit(whole + '.')}, {_lit(full + _DOT)}), {_lit(whole)}, {_lit(full)})"
            s = f"replace(replace({s}, {_lit(_DOT + _START)}, ''), {_lit(_DOT)}, '')"
    s = f"replace(replace({s}, {_lit(_START)}, ''), {_lit(_END)}, '')"
    # punctuation, dashes, spaces
    s = f"regexp_replace({s}, {_lit(normalize.PUNCTUATION)}, ' ', 'g')"
    s = f"replace(replace({s}, ' - ', ' '), '–', ' ')"
    s = f"trim(regexp_replace({s}, ' {{2,}}', ' ', 'g'), ' ')"
    return f"list_filter([{s}], lambda k: k <> '')[1]"  # '' as NULL; nullif would compute s twice


def header_key_sql(expr: str) -> str:
    """SQL for ``normalize.header_key(expr)``: '' for NULL. Each character is mapped as Python maps it
    (NFD, marks dropped, lower case); what is not a-z or 0-9 then separates words."""
    s = expr
    for made, chars in _header_groups():
        s = f"regexp_replace({s}, {_lit(chars)}, {_lit(made)}, 'g')"
    return f"coalesce(trim(regexp_replace({s}, '[^0-9a-z]+', ' ', 'g'), ' '), '')"


def create_macros(con) -> None:
    """Temporary macros ``unit_key(x)`` and ``header_key(x)`` on ``con``, for hand-written SQL."""
    con.execute(f"create or replace temp macro unit_key(x) as {unit_key_sql('x')}")
    con.execute(f"create or replace temp macro header_key(x) as {header_key_sql('x')}")


_PAIRS_KEYED = "from pairs as q join keyed as kn on kn.v = q.name"


def spelling_keys(columns: list[tuple[str, str]]) -> str:
    """``select v, k``: every distinct non-NULL text of the (table, column)s and its ``unit_key``."""
    texts = " union all ".join(f"select {quote_ident(c)} as v from {quote_ident(t)}" for t, c in columns)
    distinct = f"with d as materialized (select distinct v from ({texts}) where v is not null)"
    return f"{distinct} select v, {unit_key_sql('v')} as k from d"


def keys_for(
    relation: str, name_col: str, parent_col: str | None = None, *, aliases: str | None = None, keyed: str | None = None
) -> str:
    """A SELECT of one row per distinct non-NULL name (and parent) of the table or view ``relation``.

    Columns: ``name``, ``parent`` (NULL without ``parent_col``), ``own_key`` (``unit_key`` of the name)
    and ``key``: with ``aliases`` (a table with columns alias, unit, parent, such as a version's
    ``aliases``) the key ``names.resolve`` gives, else ``own_key``. Each spelling is keyed once,
    however many rows hold it; ``keyed`` names a table (v, k) of ``spelling_keys`` holding every name,
    parent and alias spelling already, to key them once for many calls. Join the result back on
    ``name`` (and ``parent is not distinct from``), as ``with_keys`` does.
    """
    r, n = quote_ident(relation), quote_ident(name_col)
    p = quote_ident(parent_col) if parent_col else "null::varchar"
    a = quote_ident(aliases) if aliases else ""
    sql = f"with pairs as (select distinct {n} as name, {p} as parent from {r} where {n} is not null),"
    if keyed:
        sql += f" keyed as (select v, k from {quote_ident(keyed)})"
    else:
        spellings = ["select name as v from pairs", "select parent from pairs"]
        spellings += [f"select {quote_ident(c)} from {a}" for c in ("alias", "unit", "parent") if aliases]
        sql += (
            f" spellings as (select distinct v from ({' union all '.join(spellings)}) where v is not null),"
            f" keyed as materialized (select v, {unit_key_sql('v')} as k from spellings)"
        )
    if not aliases:
        return f"{sql} select q.name, q.parent, kn.k as own_key, kn.k as key {_PAIRS_KEYED}"
    # alias_map: (alias key, parent key or NULL) -> canonical key, a later row winning; no alias of itself
    columns = ", ".join(f"{quote_ident(c)} as {c}" for c in ("alias", "unit", "parent"))
    rows = f"(select rowid as row_id, {columns} from {a})"
    sql += (
        f", amap as (select ka.k as alias_key, kp.k as parent_key, arg_max(ku.k, r.row_id) as unit_key"
        f" from {rows} as r join keyed as ka on ka.v = r.alias join keyed as ku on ku.v = r.unit"
        " left join keyed as kp on kp.v = r.parent"
        " where ka.k is not null and ku.k is not null and ka.k <> ku.k group by ka.k, kp.k)"
    )
    # resolve: the parent's own alias first; then the name under that parent, then under any parent
    return (
        f"{sql} select q.name, q.parent, kn.k as own_key, coalesce(m1.unit_key, m2.unit_key, kn.k) as key"
        f" {_PAIRS_KEYED} left join keyed as kp on kp.v = q.parent"
        " left join amap as mp on mp.alias_key = kp.k and mp.parent_key is null"
        " left join amap as m1 on m1.alias_key = kn.k and m1.parent_key = coalesce(mp.unit_key, kp.k)"
        " left join amap as m2 on m2.alias_key = kn.k and m2.parent_key is null"
    )


def with_keys(
    relation: str, keys: dict[str, str], parents: dict[str, str] | None = None, *, aliases: str | None = None
) -> str:
    """``select r.*, <key columns> from relation as r``: for each name column -> key column of ``keys``
    (``schema.UNIT_KEY_COLUMNS[kind]``), its key by ``keys_for``; ``parents`` gives a name column's
    parent column. Every spelling is keyed once. ``relation`` must not hold the key columns already."""
    parents = parents or {}
    texts = [(relation, c) for c in dict.fromkeys([*keys, *parents.values()])]
    texts += [(aliases, c) for c in ("alias", "unit", "parent") if aliases]
    cols, joins = [], []
    for i, (name_col, key_col) in enumerate(keys.items()):
        parent = parents.get(name_col)
        on = f"k{i}.name = r.{quote_ident(name_col)}"
        if parent:
            on += f" and k{i}.parent is not distinct from r.{quote_ident(parent)}"
        keyed = keys_for(relation, name_col, parent, aliases=aliases, keyed="_spelling_keys")
        joins.append(f" left join ({keyed}) as k{i} on {on}")
        cols.append(f", k{i}.key as {quote_ident(key_col)}")
    return (
        f"with _spelling_keys as materialized ({spelling_keys(texts)})"
        f" select r.*{''.join(cols)} from {quote_ident(relation)} as r{''.join(joins)}"
    )
