"""Numbers, dates and yes/no values as Vietnamese exports write them.

Each column's convention is decided from all of its values before any value is
converted, so that a reading is never applied where another would keep a
value ("1.5" is not read as 15 in a column of "1.234,5"-style numbers).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from sangkien.ingest.normalize import strip_diacritics

# --- numbers ---------------------------------------------------------------

VI = "vi"  # 3.500.000.000 and 1.234,5
EN = "en"  # 1,234,567 and 1,234.5

_VI_RE = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$|^\d+,\d+$")
_EN_RE = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+\.\d+$")
_BOTH_RE = re.compile(r"^\d+$")  # plain digits read the same either way
_UNITS = {
    "tỷ": 1e9,
    "ty": 1e9,
    "tỉ": 1e9,
    "ti": 1e9,
    "triệu": 1e6,
    "trieu": 1e6,
    "tr": 1e6,
    "nghìn": 1e3,
    "nghin": 1e3,
    "ngàn": 1e3,
    "ngan": 1e3,
}
_CURRENCY_RE = re.compile(r"(₫|vnđ|vnd|đồng|dong|đ)\s*$|^\s*(₫|vnđ|vnd)", re.IGNORECASE)
_UNIT_RE = re.compile(r"\s*(tỷ|tỉ|triệu|nghìn|ngàn|ty|ti|trieu|tr|nghin|ngan)\s*$", re.IGNORECASE)
_EMPTY_MARKS = {"", "-", "–", "—", "x", "n/a", "na", "không", "khong"}


@dataclass
class NumberReading:
    values: pd.Series  # float, NaN where empty or unreadable
    bad: pd.Series  # bool: a value was written but could not be read
    convention: str | None
    note: str | None = None
    examples: list[str] = field(default_factory=list)


def _missing(value: object) -> bool:
    """None, NaN, NaT or pd.NA: an empty cell, whatever type the column has."""
    return value is None or value is pd.NaT or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _split_value(text: str) -> tuple[str, float, bool]:
    """Strip currency, scale words and parentheses: (digits, scale, negative)."""
    s = text.strip().replace("\u00a0", " ").replace(" ", " ")
    negative = False
    s = _CURRENCY_RE.sub("", s).strip()  # "(1.000) ₫": the parentheses sit inside the currency
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1].strip()
    s = _CURRENCY_RE.sub("", s).strip()
    scale = 1.0
    m = _UNIT_RE.search(s)
    if m:
        scale = _UNITS[m.group(1).lower()]
        s = s[: m.start()].strip()
    s = _CURRENCY_RE.sub("", s).strip()
    if s.startswith("-") or s.startswith("−"):
        negative, s = not negative, s[1:].strip()
    elif s.startswith("+"):
        s = s[1:].strip()
    return s.replace(" ", ""), scale, negative


def classify_number(core: str) -> str | None:
    """'vi', 'en', 'both' (plain digits or one ambiguous separator) or None."""
    if _BOTH_RE.match(core):
        return "both"
    vi, en = bool(_VI_RE.match(core)), bool(_EN_RE.match(core))
    if vi and en:  # 1.500 / 1,500: a thousands group either way
        return "ambiguous"
    return VI if vi else EN if en else None


def _to_float(core: str, convention: str) -> float:
    if convention == VI:
        core = core.replace(".", "").replace(",", ".")
    else:
        core = core.replace(",", "")
    return float(core)


def read_numbers(raw: pd.Series, default: str = VI) -> NumberReading:
    """Read a column of numbers written in one convention; decide it from the values."""
    typed = raw.map(lambda v: isinstance(v, int | float) and not isinstance(v, bool) and not _missing(v))
    texts = raw.where(~typed, None).astype("string").str.strip()
    empty = (texts.isna() | texts.str.lower().isin(_EMPTY_MARKS)) & ~typed
    parts = {t: _split_value(t) for t in texts[~empty & ~typed].unique()}
    classes = {t: classify_number(p[0]) for t, p in parts.items()}
    has_vi = [t for t, c in classes.items() if c == VI]
    has_en = [t for t, c in classes.items() if c == EN]
    note = None
    if has_vi and has_en:
        convention, note = None, "xung đột"
        examples = sorted(has_vi)[:2] + sorted(has_en)[:2]
    else:
        convention = VI if has_vi else EN if has_en else default
        examples = []
        if not has_vi and not has_en and any(c == "ambiguous" for c in classes.values()):
            note = "mơ hồ"
            examples = sorted(t for t, c in classes.items() if c == "ambiguous")[:3]
    mapping: dict[str, float] = {}
    for t, (core, scale, negative) in parts.items():
        c = classes[t]
        if c is None or convention is None and c in (VI, EN, "ambiguous"):
            continue
        value = _to_float(core, convention or default) * scale
        mapping[t] = -value if negative else value
    values = texts.map(mapping).astype("Float64").astype(float)
    values[typed] = raw[typed].astype(float)  # Excel / Parquet numbers are already numbers
    values[empty] = np.nan
    bad = (~empty) & values.isna()
    return NumberReading(values, bad.astype(bool), convention, note, examples)


def format_number(value: float, convention: str, decimals: int = 0) -> str:
    """Write a number in a convention (used by tests and sample files)."""
    text = f"{abs(value):,.{decimals}f}"
    if convention == VI:
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return ("-" if value < 0 else "") + text


# --- dates -----------------------------------------------------------------

_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?)?$")
_YMD = re.compile(r"^(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?)?$")
_SERIAL = re.compile(r"^\d{5}(\.\d+)?$")  # Excel day numbers 10000–99999


@dataclass
class DateReading:
    values: pd.Series  # datetime64 (day), NaT where empty or unreadable
    bad: pd.Series
    note: str | None = None


def read_dates(raw: pd.Series) -> DateReading:
    """dd/mm/yyyy, d/m/yy, yyyy-mm-dd (times dropped) and Excel serial numbers."""
    typed = raw.map(
        lambda v: isinstance(v, dt.date | dt.datetime | int | float) and not isinstance(v, bool) and not _missing(v)
    )
    texts = raw.where(~typed, None).astype("string").str.strip()
    empty = (texts.isna() | texts.str.lower().isin(_EMPTY_MARKS)) & ~typed
    parsed: dict[str, pd.Timestamp] = {}
    ambiguous = True
    seen_dmy = False
    for t in texts[~empty & ~typed].unique():
        m = _DMY.match(t)
        if m:
            day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
            seen_dmy = True
            if day > 12:
                ambiguous = False
            year = year + 2000 if year < 100 else year
        elif m := _YMD.match(t):
            year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
        elif _SERIAL.match(t):
            parsed[t] = pd.Timestamp("1899-12-30") + pd.Timedelta(days=int(float(t)))
            continue
        else:
            continue
        try:
            parsed[t] = pd.Timestamp(year=year, month=month, day=day)
        except ValueError:
            continue
    values = pd.to_datetime(texts.map(parsed), errors="coerce")
    if typed.any():
        values[typed] = raw[typed].map(_typed_date)
    values[empty] = pd.NaT
    bad = (~empty) & values.isna()
    note = "mơ hồ" if seen_dmy and ambiguous else None
    return DateReading(values, bad.astype(bool), note)


def _typed_date(value: object) -> pd.Timestamp:
    if isinstance(value, dt.datetime | dt.date):
        return pd.Timestamp(value).normalize()
    if 10000 <= float(value) < 100000:  # an Excel day number in a cell not formatted as a date
        return pd.Timestamp("1899-12-30") + pd.Timedelta(days=int(value))
    return pd.NaT


# --- yes / no --------------------------------------------------------------

_TRUE = {
    "x",
    "có",
    "co",
    "yes",
    "y",
    "1",
    "true",
    "đã",
    "da",
    "đã trả lời",
    "da tra loi",
    "rồi",
    "roi",
    "gắn biển",
    "gan bien",
    "v",
    "✓",
    "✔",
}
_FALSE = {"không", "khong", "no", "n", "0", "false", "chưa", "chua", "chưa trả lời", "chua tra loi", "-"}


def read_bools(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    def key(v: object) -> str:
        if v is None or (isinstance(v, float) and np.isnan(v)):
            return ""
        if isinstance(v, bool):
            return "1" if v else "0"
        if isinstance(v, int | float) and float(v).is_integer():
            return str(int(v))
        return str(v).strip().lower()

    texts = raw.astype(object).map(key)
    plain = texts.map(strip_diacritics)
    true = texts.isin(_TRUE) | plain.isin(_TRUE)
    false = texts.isin(_FALSE) | plain.isin(_FALSE) | (texts == "")
    values = pd.Series(np.where(true, True, np.where(false, False, None)), index=raw.index, dtype="boolean")
    bad = ~(true | false)
    return values, bad.astype(bool)
