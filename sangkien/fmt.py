"""Numbers, money and dates as Vietnamese people write them (Babel + tỷ/triệu words)."""

from __future__ import annotations

import datetime as dt
import math

from babel.numbers import format_decimal

LOCALE = "vi_VN"


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
    return format_decimal(float(value) if decimals else round(float(value)), format=pattern, locale=LOCALE)


def pct(value: object, decimals: int = 0, dash: str = "–") -> str:
    """A percent number (230.0 meaning 230%) -> '230%'; 45.25 with decimals=1 -> '45,3%'."""
    if _missing(value):
        return dash
    return num(value, decimals) + "%"


def money(value: object, dash: str = "–", decimals: int | None = None) -> str:
    """Đồng in the words people say: '3.512 tỷ đồng', '564 triệu đồng', '850.000 đồng'."""
    if _missing(value):
        return dash
    v = float(value)
    for size, word in ((1e9, "tỷ"), (1e6, "triệu")):
        if abs(v) >= size:
            scaled = v / size
            places = decimals if decimals is not None else (0 if abs(scaled) >= 100 else 1)
            text = num(scaled, places)
            if places and text.endswith("," + "0" * places):
                text = text[: -(places + 1)]
            return f"{text} {word} đồng"
    return f"{num(v)} đồng"


def date(value: object, dash: str = "–") -> str:
    """A date -> '30/09/2023'."""
    if _missing(value) or value is _pd.NaT:
        return dash
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return value.strftime("%d/%m/%Y")


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
