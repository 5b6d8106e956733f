"""The bar-chart race: a Plotly animation of the leaders, frame by frame, with play/pause and a date.

Plotly animates a bar's length, not a bar moving between categories, so the bars are slots
(1st, 2nd, … from the top): each frame says which unit holds which slot (its name, its colour)
and how long its bar is. A unit that overtakes another takes its slot at that frame; lengths
glide between frames. The axis range is fixed over the whole race; the slider shows the date.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from sangkien import fmt
from sangkien.charts import theme
from sangkien.charts.bars import GAP, NAME_FONT
from sangkien.charts.base import esc, heading
from sangkien.i18n import t

FRAME_MS = 400
NAMES = "race-names"  # the text trace that names each slot's unit above its bar
RANGE = 1.2  # the value axis past the leader: its figure stays inside on a phone


def race(
    frames: pd.DataFrame, home_key: str | None, title: str, subtitle: str | None = None, top: int = 10
) -> go.Figure:
    """``frames``: frame_day, unit_key, unit, cumulative, rank (from ``analysis.race``)."""
    days = sorted(frames["frame_day"].unique())
    slots = min(top, int(frames["rank"].max())) if len(frames) else 0
    shown = frames[frames["rank"] <= slots]
    highest = float(shown["cumulative"].max()) if len(shown) else 1.0

    by_day = {day: group.sort_values("rank") for day, group in shown.groupby("frame_day")}

    def bars(day) -> dict:  # plain dicts: a hundred go.Bar objects would take a second to validate
        at = by_day[day]
        return {
            "type": "bar",
            "x": at["cumulative"].tolist(),
            "y": at["rank"].tolist(),
            "orientation": "h",
            "marker": {"color": [theme.HOME if k == home_key else theme.OTHER for k in at["unit_key"]]},
            "text": [fmt.num(v) for v in at["cumulative"]],
            "customdata": [esc(u) for u in at["unit"]],
            "textposition": "outside",
            "cliponaxis": False,
            "hoverinfo": "skip",
        }

    def names(day) -> dict:  # each name above its bar, from the axis: a long name has the whole width
        at = by_day[day]
        return {
            "type": "scatter",
            "name": NAMES,
            "mode": "text",
            "x": [0] * len(at),
            "y": [r - (1 - GAP) / 2 for r in at["rank"]],
            "text": [esc(u) for u in at["unit"]],
            "textposition": "top right",
            "textfont": NAME_FONT,
            "cliponaxis": False,
            "hoverinfo": "skip",
        }

    label = [fmt.date(pd.Timestamp(d).date()) for d in days]
    fig = go.Figure(
        data=[bars(days[-1]), names(days[-1])] if days else [],
        frames=[{"data": [bars(d), names(d)], "traces": [0, 1], "name": label[i]} for i, d in enumerate(days)],
    )
    play = {
        "frame": {"duration": FRAME_MS, "redraw": True},
        "transition": {"duration": FRAME_MS * 0.8},
        "mode": "immediate",
    }
    fig.update_layout(
        template=theme.register(),
        title=heading(title, subtitle),
        height=230 + 46 * max(slots, 1),
        showlegend=False,
        margin={"l": 20, "r": 40, "b": 190},
        bargap=GAP,
        xaxis={"range": [0, highest * RANGE], "tickformat": ",.0f", "nticks": 5, "tickangle": 0},
        yaxis={"autorange": "reversed", "showticklabels": False, "range": [slots + 0.5, 0.5]},
        updatemenus=[
            {
                "type": "buttons",
                "direction": "left",
                "x": 0,
                "xanchor": "left",
                "yanchor": "top",
                "buttons": [
                    {"label": "▶ " + t("chart.race_play"), "method": "animate", "args": [label, play]},  # from frame 1
                    {
                        "label": "❚❚ " + t("chart.race_pause"),
                        "method": "animate",
                        "args": [[None], {"frame": {"duration": 0, "redraw": False}, "mode": "immediate"}],
                    },
                ],
            }
        ],
        sliders=[
            {
                "active": len(days) - 1,
                "x": 0,
                "len": 1,
                "yanchor": "top",
                "pad": {"l": 30, "r": 30, "t": 0, "b": 0},  # the first and last dates stay inside
                "currentvalue": {
                    "visible": True,
                    "prefix": t("chart.race_as_of") + " ",
                    "font": {"size": 28, "color": "#1B2631"},
                },
                "steps": [
                    {
                        "label": lbl,
                        "method": "animate",
                        "args": [[lbl], {"frame": {"duration": 0, "redraw": True}, "mode": "immediate"}],
                    }
                    for lbl in label
                ],
            }
        ]
        if days
        else [],
    )
    place_controls(fig)
    return fig


def place_controls(fig: go.Figure) -> None:
    """The buttons in a row under the axis, the slider (its date above its track) in the row under them,
    each the whole width: on a phone neither reaches into the other. Plotly places them in fractions of
    the plot's height, so the distances in px are turned into fractions of this figure's plot."""
    m = fig.layout.margin
    if not fig.layout.height or not fig.layout.updatemenus:
        return
    plot = fig.layout.height - (m.t or 0) - (m.b or 0)
    fig.layout.updatemenus[0].y = -40 / plot
    if fig.layout.sliders:
        fig.layout.sliders[0].y = -85 / plot
