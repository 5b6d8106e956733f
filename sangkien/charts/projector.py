"""Charts for a hall: the same figures as the pages, restyled to be read from the back row.

Every text of the chart is at least ``TEXT`` px, the colours are darker than on screen (a
projector washes pale greys out), the chart's own title goes (the slide's title says it, as real
text), and the height is the slide's.
"""

from __future__ import annotations

import plotly.graph_objects as go

from sangkien.charts import theme
from sangkien.charts.bars import NAME_MARK
from sangkien.charts.race import NAMES, RANGE, place_controls

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


def _key_above(fig: go.Figure) -> bool:
    """A key written above the plot (the campaign's shading): the top margin must keep room for it."""
    return any(a.yref == "paper" and (a.y or 0) >= 1 and a.yanchor == "bottom" for a in fig.layout.annotations)


def names_beside(fig: go.Figure) -> int:
    """A slide or an A4 page is wide: the bars' names go back beside them, as tick labels, and the bars
    thicken; the race writes "name · figure" after each bar again. Returns how many bars were named."""
    if any(t.name == NAMES for t in fig.data):  # a race: "name · figure" after each bar, as before
        fig.data = [t for t in fig.data if t.name != NAMES]
        for trace in [fig.data[0], *(f.data[0] for f in fig.frames or [])]:
            trace.text = [f"{n} · {t}" for n, t in zip(trace.customdata, trace.text, strict=True)]
        for frame in fig.frames or []:
            frame.data, frame.traces = frame.data[:1], [0]
        fig.update_xaxes(range=[0, fig.layout.xaxis.range[1] / RANGE * 1.45])
        fig.update_layout(bargap=0.25)
        return len(fig.data[0].y)
    named = [a for a in fig.layout.annotations if a.name == NAME_MARK]
    if not named:
        return 0
    fig.layout.annotations = [a for a in fig.layout.annotations if a.name != NAME_MARK]
    fig.update_yaxes(showticklabels=True)
    fig.update_layout(bargap=0.25)
    return len(named)


def project(fig: go.Figure, height: int | None = 640) -> go.Figure:
    """``fig`` restyled for the projector (in place; returned for chaining); ``height`` None: its container's."""
    fig.layout.height = height
    names_beside(fig)
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
    if _key_above(fig):
        fig.update_layout(margin_t=24 + TEXT * 2)
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
    if fig.layout.sliders:
        fig.update_layout(margin_b=210)
        place_controls(fig)
    return fig


def preview(fig: go.Figure, height: int | None) -> go.Figure:
    """``fig`` as the presenter's small copy of the slide: the page's type, no title."""
    fig.layout.height = height
    fig.update_layout(title=None, margin={"t": 40 if _key_above(fig) else 10})
    return fig
