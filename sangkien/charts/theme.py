"""One look for every chart: the home unit in one strong colour, everything else calm."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

HOME = "#C8102E"  # the home unit, and nothing else
OTHER = "#AEB6BF"  # every other unit
ACCENT = "#1F4E79"  # a single series that is not a unit comparison
QUOTA = "#1F4E79"
COMMITMENT = "#7F8C8D"
CAMPAIGN_FILL = "rgba(200, 16, 46, 0.07)"
SEQUENTIAL = ["#DCE6F0", "#9DB9D5", "#5B8DB8", "#2F6497", "#1F4E79"]
FONT = "Inter, 'Noto Sans', 'Segoe UI', Arial, sans-serif"
TEMPLATE = "sangkien"


def register() -> str:
    """Register the Plotly template once; returns its name."""
    if TEMPLATE not in pio.templates:
        template = go.layout.Template()
        template.layout = go.Layout(
            font={"family": FONT, "size": 15, "color": "#1B2631"},
            title={"font": {"size": 17}, "x": 0, "xanchor": "left"},
            separators=",.",  # Vietnamese: decimal comma, thousands dot
            paper_bgcolor="white",
            plot_bgcolor="white",
            colorway=[ACCENT, OTHER, HOME],
            margin={"l": 20, "r": 80, "t": 90, "b": 40},
            xaxis={"gridcolor": "#ECEFF1", "zeroline": False, "tickformat": ",.0f", "automargin": True},
            yaxis={"gridcolor": "#ECEFF1", "zeroline": False, "tickformat": ",.0f", "automargin": True},
            hoverlabel={"font": {"family": FONT, "size": 14}},
            legend={"orientation": "h", "y": -0.15, "x": 0},
        )
        pio.templates[TEMPLATE] = template
    return TEMPLATE
