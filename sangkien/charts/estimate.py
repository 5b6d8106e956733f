"""The benefit with the estimate under each assumption: declared + estimate, the sampling interval
as a whisker on each bar — visibly smaller than the spread between the bars."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from sangkien import fmt
from sangkien.charts import theme
from sangkien.charts.bars import PER_BAR, names_above
from sangkien.charts.base import esc, heading
from sangkien.i18n import t

ESTIMATE_FILL = "#9DB9D5"


def assumption_range(frame: pd.DataFrame, title: str, subtitle: str | None) -> go.Figure:
    """``frame``: label, declared, estimate, low, high (đồng; low/high empty where nothing is sampled),
    one row per assumption, drawn top to bottom in its order."""
    data = frame.iloc[::-1]
    scale = 1e9
    total = data["declared"] + data["estimate"]
    plus = (data["high"] - data["estimate"]).where(data["high"].notna(), 0) / scale
    minus = (data["estimate"] - data["low"]).where(data["low"].notna(), 0) / scale
    labels = [esc(v) for v in data["label"]]
    fig = go.Figure(
        [
            go.Bar(
                x=data["declared"] / scale,
                y=labels,
                orientation="h",
                name=t("chart.legend_declared"),
                marker_color=theme.ACCENT,
                hoverinfo="skip",
            ),
            go.Bar(
                x=data["estimate"] / scale,
                y=labels,
                orientation="h",
                name=t("chart.legend_estimate"),
                marker_color=ESTIMATE_FILL,
                error_x={
                    "type": "data",
                    "symmetric": False,
                    "array": plus,
                    "arrayminus": minus,
                    "color": "#1B2631",
                    "thickness": 2,
                    "width": 8,
                },
                hovertext=[
                    f"<b>{esc(lab)}</b><br>"
                    + t("chart.hover_estimate", value=fmt.money(e))
                    + (f" (90%: {fmt.money(lo)} – {fmt.money(hi)})" if pd.notna(lo) else "")
                    + "<br>"
                    + t("chart.hover_with_declared", value=fmt.money(whole))
                    for lab, e, lo, hi, whole in zip(
                        data["label"], data["estimate"], data["low"], data["high"], total, strict=True
                    )
                ],
                hoverinfo="text",
            ),
        ]
    )
    for label, end, whole in zip(labels, total / scale + plus, total, strict=True):  # clear of the whisker
        fig.add_annotation(x=end, y=label, text=fmt.money(whole), xanchor="left", xshift=10, showarrow=False)
    fig.update_layout(
        template=theme.register(),
        title=heading(title, subtitle),
        barmode="stack",
        height=max(320, PER_BAR * len(data) + 230),
        # the key under the axis title, from the figure's foot: on a phone it wraps without meeting it
        legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0},
        margin={"r": 30, "b": 110},
    )
    longest = float((total / scale + plus).max()) if len(data) else 0.0
    fig.update_xaxes(
        title=t("chart.axis_billion_vnd"), tickformat=",.0f", nticks=5, tickangle=0, range=[0, max(longest, 1e-9) * 1.7]
    )
    fig.update_yaxes(title=None, automargin=True)
    names_above(fig, list(data["label"]))
    return fig
