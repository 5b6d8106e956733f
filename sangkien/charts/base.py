"""What every figure shares: the heading with its subtitle, and text made safe for Plotly."""

from __future__ import annotations

import math


def heading(title: str, subtitle: str | None) -> dict:
    return {"text": esc(title), "subtitle": {"text": esc(subtitle or ""), "font": {"size": 14, "color": "#5D6D7E"}}}


def esc(text: object) -> str:
    """Data as Plotly text: its renderer reads tags, so '<', '>' and '&' in a name are written as entities."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def names(values) -> list:
    """Category names (units, trades, fields) made safe for Plotly; missing ones stay missing."""
    return [v if v is None or (isinstance(v, float) and math.isnan(v)) else esc(v) for v in values]
