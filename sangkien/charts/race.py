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
from sangkien.charts.base import esc, heading

FRAME_MS = 400


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
            "text": [f"{esc(u)} · {fmt.num(v)}" for u, v in zip(at["unit"], at["cumulative"], strict=True)],
            "textposition": "outside",
            "cliponaxis": False,
            "hoverinfo": "skip",
        }

    label = [fmt.date(pd.Timestamp(d).date()) for d in days]
    fig = go.Figure(
        data=[bars(days[-1])] if days else [],
        frames=[{"data": [bars(d)], "name": label[i]} for i, d in enumerate(days)],
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
        margin={"l": 20, "r": 40, "b": 150},
        xaxis={"range": [0, highest * 1.45], "tickformat": ",.0f"},
        yaxis={"autorange": "reversed", "showticklabels": False, "range": [slots + 0.5, 0.5]},
        updatemenus=[
            {
                "type": "buttons",
                "direction": "left",
                "x": 0,
                "y": -0.08,
                "xanchor": "left",
                "yanchor": "top",
                "buttons": [
                    {"label": "▶ Chạy", "method": "animate", "args": [label, play]},  # from the first frame
                    {
                        "label": "❚❚ Dừng",
                        "method": "animate",
                        "args": [[None], {"frame": {"duration": 0, "redraw": False}, "mode": "immediate"}],
                    },
                ],
            }
        ],
        sliders=[
            {
                "active": len(days) - 1,
                "x": 0.18,
                "y": -0.06,
                "len": 0.82,
                "currentvalue": {"visible": True, "prefix": "Đến ngày ", "font": {"size": 28, "color": "#1B2631"}},
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
    return fig
