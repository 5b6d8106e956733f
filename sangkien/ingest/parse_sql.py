"""Numbers, dates and yes/no values as Vietnamese exports write them, read in DuckDB SQL.

A column's convention is decided from all of its values before any value is converted, so
that a reading is never applied where another would keep a value ("1.5" is not read as 15 in
a column of "1.234,5"-style numbers). ``number_profile`` / ``date_profile`` decide it with one
query over the column's distinct values; ``number_sql`` / ``date_sql`` / ``bool_sql`` give
``(value, bad)`` expressions over a column (bad: a value was written but could not be read).

Cells are VARCHAR as ``cells`` holds them: text as written, or a typed cell from a spreadsheet or
Parquet (``\\x1fN<number>`` is a number already, ``\\x1fD<yyyy-mm-dd[ hh:mm:ss]>`` a date); a
typed cell never takes part in deciding a convention. Text is trimmed as Python's ``str.strip``
trims (every Unicode space), digits are ASCII ``0-9`` only. Steps that need an intermediate value
more than once bind it with a one-element ``list_transform`` (SQL has no ``let``); the common
cells (plain digits, one convention's groups, dd/mm/yyyy) take a short path without it.

Only column identifiers (quoted by the caller) and this module's constants go into the SQL text.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cache

VI = "vi"  # 3.500.000.000 and 1.234,5
EN = "en"  # 1,234,567 and 1,234.5
CONFLICT, AMBIGUOUS = "xung đột", "mơ hồ"

# Python's str.isspace(), as an RE2 class (RE2's \s is ASCII only).
WS = r"[\t-\r\x1c-\x20\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]"
EMPTY_MARKS = ("", "-", "–", "—", "x", "n/a", "na", "không", "khong")
UNITS = {"tỷ": 1e9, "ty": 1e9, "tỉ": 1e9, "ti": 1e9, "triệu": 1e6, "trieu": 1e6, "tr": 1e6}
UNITS |= {"nghìn": 1e3, "nghin": 1e3, "ngàn": 1e3, "ngan": 1e3}
TRUE = ("x", "có", "co", "yes", "y", "1", "true", "đã", "da", "đã trả lời", "da tra loi", "rồi", "roi")
TRUE += ("gắn biển", "gan bien", "v", "✓", "✔")
FALSE = ("không", "khong", "no", "n", "0", "false", "chưa", "chua", "chưa trả lời", "chua tra loi", "-")

BOTH_RE = "[0-9]+"  # plain digits read the same either way
VI_RE = r"[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?|[0-9]+,[0-9]+"
EN_RE = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+\.[0-9]+"
EMPTY_RE = f"(?i){WS}*(?:" + "|".join(m for m in EMPTY_MARKS if m) + f")?{WS}*"
CURRENCY_RE = f"(?i)(?:₫|vnđ|vnd|đồng|dong|đ){WS}*$|^{WS}*(?:₫|vnđ|vnd)"
UNIT_RE = f"(?i){WS}*(tỷ|tỉ|triệu|nghìn|ngàn|ty|ti|trieu|tr|nghin|ngan){WS}*$"
_TIME = r"(?:[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?:\.[0-9]+)?)?"
_SEP = r"[/.\-]"
DMY_RE = f"([0-9]{{1,2}}){_SEP}([0-9]{{1,2}}){_SEP}([0-9]{{2}}|[0-9]{{4}}){_TIME}"
YMD_RE = f"([0-9]{{4}}){_SEP}([0-9]{{1,2}}){_SEP}([0-9]{{1,2}}){_TIME}"
SERIAL_RE = r"([0-9]{5}(?:\.[0-9]+)?)"  # Excel day numbers 10000–99999
_DATE_RE = f"^(?:{DMY_RE}|{YMD_RE}|{SERIAL_RE})$"
_DMY_FAST = f"[0-9]{{1,2}}{_SEP}[0-9]{{1,2}}{_SEP}[1-9][0-9]{{3}}"  # dd/mm/yyyy, years 1000–9999
_YMD_FAST = f"[1-9][0-9]{{3}}{_SEP}[0-9]{{1,2}}{_SEP}[0-9]{{1,2}}"
_DMY_ANY = f"{WS}*[0-9]{{1,2}}{_SEP}[0-9]{{1,2}}{_SEP}(?:[0-9]{{2}}|[0-9]{{4}}){_TIME}{WS}*"
_DMY_BIG = f"{WS}*(?:1[3-9]|[2-9][0-9]){_SEP}[0-9]{{1,2}}{_SEP}(?:[0-9]{{2}}|[0-9]{{4}}){_TIME}{WS}*"
_EPOCH = "DATE '1899-12-30'"
_TYPED_NUMBER = "starts_with({x}, chr(31) || 'N')"
_TYPED_DATE = "starts_with({x}, chr(31) || 'D')"


@dataclass
class NumberProfile:
    convention: str | None  # VI, EN, or None when both are written in the column
    note: str | None = None  # CONFLICT, AMBIGUOUS or None
    examples: list[str] = field(default_factory=list)


def lit(text: str) -> str:
    """A constant of this module as a SQL string literal (never a user value)."""
    return "'" + text.replace("'", "''") + "'"


def _let(value: str, name: str, body: str) -> str:
    """``body`` with ``name`` bound to ``value``, evaluated once per row."""
    return f"list_transform([{value}], lambda {name}: {body})[1]"


def _full(x: str, pattern: str) -> str:
    return f"regexp_full_match({x}, {lit(pattern)})"


def strip_sql(x: str) -> str:
    """``str.strip()``: every Unicode space off both ends."""
    return f"regexp_replace({x}, {lit(f'^{WS}+|{WS}+$')}, '', 'g')"


# ``split_sql`` carries its state in front of the text: "p"/"n" (parentheses), the scale's letter,
# "0"/"-" (a minus sign), then the text; each step is one replacement that leaves the state alone.
_HEAD = "..."
_SCALES = {"b": ("tỷ", "tỉ", "ty", "ti"), "m": ("triệu", "trieu", "tr"), "k": ("nghìn", "ngàn", "nghin", "ngan")}
_STEP_CURRENCY = f"(?i)^({_HEAD})(?:(?:₫|vnđ|vnd|đồng|dong|đ){WS}*$|{WS}*(?:₫|vnđ|vnd))|(?:₫|vnđ|vnd|đồng|dong|đ){WS}*$"
_STEP_STRIP = f"^({_HEAD}){WS}+|{WS}+$"
_STEP_PARENS = f"(?s)^p00\\({WS}*(.*?){WS}*\\)$"


def _replace(x: str, pattern: str, by: str, options: str = "") -> str:
    return f"regexp_replace({x}, {lit(pattern)}, {lit(by)}{', ' + lit(options) if options else ''})"


def _uncurrency(x: str) -> str:
    """``_CURRENCY_RE.sub("", s).strip()`` on the text behind the state."""
    return _replace(_replace(x, _STEP_CURRENCY, "\\1", "g"), _STEP_STRIP, "\\1", "g")


def split_sql(t: str) -> str:
    """A trimmed text without currency, parentheses, scale word and sign, behind its state.

    ``core_of`` / ``scale_of`` / ``negative_of`` read the result; the steps are those of the old
    ``_split_value``: currency off, "(…)" negative, currency off, one scale word off the end,
    currency off, a leading "-"/"−" (negative) or "+".
    """
    y = _uncurrency(f"'p00' || replace({t}, chr(160), ' ')")
    y = _uncurrency(_replace(y, _STEP_PARENS, "n00\\1"))
    for letter, words in _SCALES.items():
        y = _replace(y, f"(?is)^(.)0(.)(.*?){WS}*(?:{'|'.join(words)}){WS}*$", f"\\1{letter}\\2\\3")
    y = _uncurrency(y)
    y = _replace(y, f"^(..)0[-−]{WS}*", "\\1-")
    return _replace(y, f"^(..0)\\+{WS}*", "\\1")


def core_of(y: str) -> str:
    return f"replace(substr({y}, 4), ' ', '')"


def scale_of(y: str) -> str:
    factors = " ".join(f"when {lit(k)} then CAST({UNITS[w[0]]!r} AS DOUBLE)" for k, w in _SCALES.items())
    return f"case substr({y}, 2, 1) when '0' then CAST(1 AS DOUBLE) {factors} end"


def negative_of(y: str) -> str:
    return f"((substr({y}, 1, 1) = 'n') != (substr({y}, 3, 1) = '-'))"


def _number_text(x: str) -> str:
    """A number cell's text as ``read_numbers`` keyed it: trimmed, marks aside."""
    return strip_sql(x)


def _accept(convention: str | None) -> str:
    return {VI: f"{BOTH_RE}|{VI_RE}", EN: f"{BOTH_RE}|{EN_RE}", None: BOTH_RE}[convention]


def _to_double(core: str, convention: str | None) -> str:
    if convention == VI:
        core = f"replace(replace({core}, '.', ''), ',', '.')"
    elif convention == EN:
        core = f"replace({core}, ',', '')"
    return f"try_cast({core} AS DOUBLE)"


def core_sql(t: str) -> str:
    """The digits of a trimmed text (the short path for texts of digits and separators only)."""
    return f"case when {_full(t, '[0-9.,]+')} then {t} else {core_of(split_sql(t))} end"


def class_sql(core: str) -> str:
    """'both', 'ambiguous', 'vi', 'en' or NULL, as ``classify_number`` names a core."""
    vi, en = _full(core, VI_RE), _full(core, EN_RE)
    return (
        f"case when {_full(core, BOTH_RE)} then 'both' when {vi} and {en} then 'ambiguous'"
        f" when {vi} then '{VI}' when {en} then '{EN}' end"
    )


def number_profile(con, relation: str, col: str, default: str = VI) -> NumberProfile:
    """Decide a column's convention from all of its written (not typed) values."""
    x = "_x"
    texts = (
        f"select distinct {_number_text(x)} as t from (select distinct {col} as {x} from {relation} as _r)"
        f" where {x} is not null and not {_TYPED_NUMBER.format(x=x)} and not {_TYPED_DATE.format(x=x)}"
        f" and not {_full(x, EMPTY_RE)}"
    )
    cores = f"select t, {core_sql('t')} as core from ({texts})"
    marks = (
        f"select t, {_full('core', VI_RE)} as vi, {_full('core', EN_RE)} as en from ({cores})"
        f" where not {_full('core', BOTH_RE)}"
    )
    row = con.execute(
        "select bool_or(vi and not en), bool_or(en and not vi), bool_or(vi and en),"
        " min(t, 2) filter (where vi and not en), min(t, 2) filter (where en and not vi),"
        f" min(t, 3) filter (where vi and en) from ({marks})"
    ).fetchone()
    has_vi, has_en, has_ambiguous, vi, en, ambiguous = row
    if has_vi and has_en:
        return NumberProfile(None, CONFLICT, list(vi) + list(en))
    convention = VI if has_vi else EN if has_en else default
    if not has_vi and not has_en and has_ambiguous:
        return NumberProfile(convention, AMBIGUOUS, list(ambiguous))
    return NumberProfile(convention)


def number_sql(col: str, profile: NumberProfile) -> tuple[str, str]:
    """(DOUBLE value, BOOLEAN bad) over a column, read in the profile's convention.

    In a conflict only plain digits are read; a text that only the other convention can have
    written is unreadable (the profile never leaves one: it was decided from the same values).
    """
    conv = profile.convention
    accept = _accept(conv)
    core = core_of("_ny")
    text = _let(
        split_sql(_number_text(col)),
        "_ny",
        f"case when {_full(core, accept)} then {_to_double(core, conv)} * {scale_of('_ny')}"
        f" * case when {negative_of('_ny')} then -1.0 else 1.0 end end",
    )
    value = (
        f"case when {col} is null then null"
        f" when {_full(col, accept)} then {_to_double(col, conv)}"
        f" when {_TYPED_NUMBER.format(x=col)} then try_cast(substr({col}, 3) AS DOUBLE)"
        f" when {_TYPED_DATE.format(x=col)} then null"
        f" else {text} end"
    )
    return value, bad_sql(col, value)


def bad_sql(col: str, value: str) -> str:
    """Written (not NULL, not an empty mark) and not read."""
    return f"(({value}) is null and {col} is not null and not {_full(col, EMPTY_RE)})"


def date_profile(con, relation: str, col: str) -> str | None:
    """AMBIGUOUS when some dd/mm values are written and every one of their days is ≤ 12 (distinct values)."""
    seen, big = con.execute(
        f"select bool_or({_full('_d', _DMY_ANY)}), bool_or({_full('_d', _DMY_BIG)})"
        f" from (select distinct {col} as _d from {relation} as _r)"
    ).fetchone()
    return AMBIGUOUS if seen and not big else None


def date_sql(col: str) -> tuple[str, str]:
    """(DATE value, BOOLEAN bad): dd/mm/yyyy (/ . -), d/m/yy, yyyy-mm-dd, times dropped, Excel days."""
    fields = "['d1', 'm1', 'y1', 'y2', 'm2', 'd2', 's']"
    ints = {k: f"try_cast(_dg.{k} AS INTEGER)" for k in ("d1", "m1", "y1", "y2", "m2", "d2")}
    text = _let(
        f"regexp_extract({strip_sql(col)}, {lit(_DATE_RE)}, {fields})",
        "_dg",
        f"case when _dg.d1 <> '' then try(make_date(case when {ints['y1']} < 100 then {ints['y1']} + 2000"
        f" else {ints['y1']} end, {ints['m1']}, {ints['d1']}))"
        f" when _dg.y2 <> '' then case when {ints['y2']} >= 1 then"
        f" try(make_date({ints['y2']}, {ints['m2']}, {ints['d2']})) end"
        f" when _dg.s <> '' then {_EPOCH} + CAST(floor(CAST(_dg.s AS DOUBLE)) AS INTEGER) end",
    )
    serial = _let(
        f"try_cast(substr({col}, 3) AS DOUBLE)",
        "_dv",
        f"case when _dv >= 10000 and _dv < 100000 then {_EPOCH} + CAST(floor(_dv) AS INTEGER) end",
    )
    slash = f"replace(replace({col}, '.', '/'), '-', '/')"
    value = (
        f"case when {col} is null then null"
        f" when {_full(col, _DMY_FAST)} then CAST(try_strptime({slash}, '%d/%m/%Y') AS DATE)"
        f" when {_full(col, _YMD_FAST)} then CAST(try_strptime({slash}, '%Y/%m/%d') AS DATE)"
        f" when {_TYPED_DATE.format(x=col)} then try_cast(split_part(substr({col}, 3), ' ', 1) AS DATE)"
        f" when {_TYPED_NUMBER.format(x=col)} then {serial}"
        f" else {text} end"
    )
    return value, bad_sql(col, value)


@cache
def _plain_letters() -> tuple[str, str]:
    """``translate`` sets making a text what ``strip_diacritics`` makes of it, for the yes/no words.

    A character becomes the letter of the words it strips to; a combining mark (Mn) goes; any
    other character stays (then the text is no yes/no word, with or without diacritics). Marks
    and canonical decompositions lie in planes 0, 1 and 14 only.
    """
    from sangkien.ingest.normalize import strip_diacritics

    letters = set("".join(TRUE + FALSE))
    source, target, gone = [], [], []
    for cp in [*range(0x20000), *range(0xE0000, 0xE1000)]:
        c = chr(cp)
        if unicodedata.category(c) == "Mn":
            gone.append(c)
        elif c in "đĐ" or unicodedata.decomposition(c)[:1] not in ("", "<"):
            plain = strip_diacritics(c)
            if len(plain) == 1 and plain in letters:
                source.append(c)
                target.append(plain)
    return "".join(source + gone), "".join(target)


def bool_sql(col: str) -> tuple[str, str]:
    """(BOOLEAN value, BOOLEAN bad): the yes/no words with or without diacritics; empty is no."""
    source, target = _plain_letters()
    key = f"lower({strip_sql(f'case when starts_with({col}, chr(31)) then substr({col}, 3) else {col} end')})"
    words = {True: ", ".join(lit(w) for w in TRUE), False: ", ".join(lit(w) for w in FALSE)}
    plain = f"translate(_bk, {lit(source)}, {lit(target)})"
    value = (
        f"case when {col} is null then false else "
        + _let(
            key,
            "_bk",
            f"case when _bk in ({words[True]}) then true when _bk = '' or _bk in ({words[False]}) then false"
            f" when {plain} in ({words[True]}) then true when {plain} in ({words[False]}) then false end",
        )
        + " end"
    )
    return value, f"(({value}) is null)"
