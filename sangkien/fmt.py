"""Numbers, money and dates as people write them in the chosen language, through Babel:
201.129 / 201,129; 3.500 tỷ đồng / 3,500 billion VND; 30/09/2023 / 30 Sep 2023."""

from __future__ import annotations

import datetime as dt
import math

from babel.dates import format_date
from babel.numbers import format_decimal

from sangkien import i18n
from sangkien.i18n import N_, t

DATE_PATTERNS = {"vi": "dd/MM/y", "en": "d MMM y"}  # CLDR patterns: 30/09/2023, 30 Sep 2023


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is _NA


try:
    import pandas as _pd

    _NA = _pd.NA
except ImportError:  # pragma: no cover
    _NA = object()


def num(value: object, decimals: int = 0, dash: str = "–") -> str:
    """201129 -> '201.129'; 1234.5 with decimals=1 -> '1.234,5'."""
    if _missing(value):
        return dash
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(float(value) if decimals else round(float(value)), format=pattern, locale=i18n.locale())


def pct(value: object, decimals: int = 0, dash: str = "–") -> str:
    """A percent number (230.0 meaning 230%) -> '230%'; 45.25 with decimals=1 -> '45,3%'."""
    if _missing(value):
        return dash
    return num(value, decimals) + "%"


def money(value: object, dash: str = "–", decimals: int | None = None) -> str:
    """Đồng in the words people say: '3.512 tỷ đồng', '564 triệu đồng', '850.000 đồng' (in English
    '3,512 billion VND', '564 million VND', '850,000 VND')."""
    if _missing(value):
        return dash
    v = float(value)
    for size, key in ((1e9, N_("fmt.money_billion")), (1e6, N_("fmt.money_million"))):
        if abs(v) >= size:
            scaled = v / size
            places = decimals if decimals is not None else (0 if abs(scaled) >= 100 else 1)
            text = num(scaled, places)
            if places and round(scaled, places) == round(scaled):  # '3,0' -> '3'
                text = num(scaled, 0)
            return t(key, value=text)
    return t("fmt.money", value=num(v))


def date(value: object, dash: str = "–") -> str:
    """A date -> '30/09/2023' ('30 Sep 2023' in English)."""
    if _missing(value) or value is _pd.NaT:
        return dash
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return format_date(value, DATE_PATTERNS[i18n.lang()], locale=i18n.locale())


def signed(value: object, dash: str = "") -> str:
    """A change: '+1.234', '−56', '0'."""
    if _missing(value):
        return dash
    v = round(float(value))
    return ("+" if v > 0 else "−" if v < 0 else "") + num(abs(v))


def to_date(value: object) -> dt.date:
    """'2023-09-30' or a date -> date."""
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])
