"""Charts for a hall: the same figures as the pages, restyled to be read from the back row.

Every text of the chart is at least ``TEXT`` px, the colours are darker than on screen (a
projector washes pale greys out), the chart's own title goes (the slide's title says it, as real
text), and the height is the slide's.
"""

from __future__ import annotations

import plotly.graph_objects as go

from sangkien.charts import theme

TEXT = 24  # px: ticks, legends, annotations, hovers
LABEL = 26  # px: the figures written on bars
OTHER = "#5D6D7E"  # every other unit, dark enough on a projector
INK = "#000000"


def _recolour(colours):
    if isinstance(colours, str):
        return OTHER if colours == theme.OTHER else colours
    if isinstance(colours, (list, tuple)):
        return [OTHER if c == theme.OTHER else c for c in colours]
    return colours


def project(fig: go.Figure, height: int | None = 640) -> go.Figure:
    """``fig`` restyled for the projector (in place; returned for chaining); ``height`` None: its container's."""
    fig.layout.height = height
    fig.update_layout(
        title=None,
        font={"size": TEXT, "color": INK},
        margin={"t": 24, "b": 60, "l": 20, "r": 120},
        legend={"font": {"size": TEXT}, "orientation": "h", "y": -0.12, "x": 0},
        hoverlabel={"font": {"size": TEXT}},
        uniformtext={"minsize": LABEL, "mode": "show"},  # bar figures never shrink below LABEL
        paper_bgcolor="white",
        plot_bgcolor="white",
    )
    fig.update_xaxes(tickfont={"size": TEXT, "color": INK}, title_font={"size": TEXT}, gridcolor="#D5D8DC")
    fig.update_yaxes(tickfont={"size": TEXT, "color": INK}, title_font={"size": TEXT}, gridcolor="#D5D8DC")
    fig.update_annotations(font_size=TEXT)
    for trace in fig.data:
        if "textfont" in trace:
            trace.textfont = {"size": LABEL, "color": INK}
        if "marker" in trace and trace.marker.color is not None:
            trace.marker.color = _recolour(trace.marker.color)
    for frame in fig.frames or []:  # a race: its frames hold plain dicts of bars
        for trace in frame.data:
            trace.textfont = {"size": LABEL, "color": INK}
            if trace.marker is not None and trace.marker.color is not None:
                trace.marker.color = _recolour(trace.marker.color)
    bars = [t for t in fig.data if t.type == "bar" and t.orientation == "h" and t.textposition == "outside"]
    if bars and not fig.frames and len(bars) == len(fig.data):
        # room on the right for the figures written after the bars, now in bigger type
        longest = max((max((float(v) for v in t.x if v is not None), default=0.0) for t in bars), default=0.0)
        if longest > 0:
            fig.update_xaxes(range=[0, longest * 1.45], autorange=False)
    if fig.layout.sliders:
        slider = fig.layout.sliders[0]
        slider.currentvalue.font = {"size": 32, "color": INK}
        # a hall reads the date above the slider; a hundred step labels at 24 px would overlap
        slider.font = {"size": TEXT, "color": INK if len(slider.steps) <= 8 else "rgba(0,0,0,0)"}
    if fig.layout.updatemenus:
        fig.layout.updatemenus[0].font = {"size": TEXT}
    return fig


def preview(fig: go.Figure, height: int | None) -> go.Figure:
    """``fig`` as the presenter's small copy of the slide: the page's type, no title."""
    fig.layout.height = height
    fig.update_layout(title=None, margin={"t": 10})
    return fig
