"""One look for every chart: the home unit in one strong colour, everything else calm."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

from sangkien import i18n

HOME = "#C8102E"  # the home unit, and nothing else
OTHER = "#AEB6BF"  # every other unit
ACCENT = "#1F4E79"  # a single series that is not a unit comparison
QUOTA = "#1F4E79"
COMMITMENT = "#7F8C8D"
CAMPAIGN_FILL = "rgba(200, 16, 46, 0.07)"
SEQUENTIAL = ["#DCE6F0", "#9DB9D5", "#5B8DB8", "#2F6497", "#1F4E79"]
FONT = "Inter, 'Noto Sans', 'Segoe UI', Arial, sans-serif"
TEMPLATE = "sangkien"
# Plotly's separators: the decimal mark, then the thousands separator
SEPARATORS = {"vi": ",.", "en": ".,"}  # 1.234,5 / 1,234.5
MONTHS = {"vi": "%m/%Y", "en": "%b %Y"}  # a time axis's ticks: 09/2023 / Sep 2023


def register() -> str:
    """Register the Plotly template of the current language once; returns its name (the separators
    of numbers Plotly writes, on axes and in hovers, follow the language)."""
    code = i18n.lang()
    name = TEMPLATE if code == i18n.DEFAULT else f"{TEMPLATE}_{code}"
    if name not in pio.templates:
        template = go.layout.Template()
        template.layout = go.Layout(
            font={"family": FONT, "size": 15, "color": "#1B2631"},
            title={"font": {"size": 17}, "x": 0, "xanchor": "left"},
            separators=SEPARATORS[code],
            paper_bgcolor="white",
            plot_bgcolor="white",
            colorway=[ACCENT, OTHER, HOME],
            margin={"l": 20, "r": 80, "t": 90, "b": 40},
            xaxis={"gridcolor": "#ECEFF1", "zeroline": False, "tickformat": ",.0f", "automargin": True},
            yaxis={"gridcolor": "#ECEFF1", "zeroline": False, "tickformat": ",.0f", "automargin": True},
            hoverlabel={"font": {"family": FONT, "size": 14}},
            legend={"orientation": "h", "y": -0.15, "x": 0},
        )
        pio.templates[name] = template
    return name


def months() -> str:
    """The tick format of a time axis in months, in the current language."""
    return MONTHS[i18n.lang()]
