"""Progress over time: cumulative lines against the quota, small multiples per unit."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from sangkien import fmt
from sangkien.charts import theme
from sangkien.charts.base import esc, heading


def cumulative_progress(
    daily: pd.DataFrame,
    quota: float | None,
    commitment: float | None,
    campaign: dict | None,
    title: str,
    subtitle: str | None = None,
) -> go.Figure:
    """Cumulative count over time against the quota and commitment lines, campaign shaded."""
    fig = go.Figure(layout={"template": theme.register()})
    if campaign and campaign.get("start") and campaign.get("end"):
        fig.add_vrect(x0=campaign["start"], x1=campaign["end"], fillcolor=theme.CAMPAIGN_FILL, line_width=0)
        # The label ends where the campaign starts, so it never widens the date axis.
        label = f"Đợt thi đua {fmt.date(campaign['start'])[:5]}–{fmt.date(campaign['end'])} ▸"
        fig.add_annotation(
            x=campaign["start"],
            y=1,
            xref="x",
            yref="paper",
            xanchor="right",
            yanchor="top",
            text=label,
            showarrow=False,
            font={"size": 13, "color": theme.HOME},
        )
    hover = [
        f"<b>{fmt.date(d)}</b><br>Lũy kế {fmt.num(c)} sáng kiến"
        for d, c in zip(daily["day"], daily["cumulative"], strict=True)
    ]
    fig.add_trace(
        go.Scatter(
            x=daily["day"],
            y=daily["cumulative"],
            mode="lines",
            name="Lũy kế sáng kiến",
            line={"color": theme.HOME, "width": 3},
            hovertext=hover,
            hoverinfo="text",
        )
    )
    for value, name, color, dash in (
        (quota, "Chỉ tiêu giao", theme.QUOTA, "dash"),
        (commitment, "Số đăng ký", theme.COMMITMENT, "dot"),
    ):
        if value:
            fig.add_hline(
                y=value,
                line={"color": color, "dash": dash, "width": 2},
                annotation_text=f"{name}: {fmt.num(value)}",
                annotation_position="top left",
                annotation_font={"color": color, "size": 13},
            )
    fig.update_layout(title=heading(title, subtitle), height=440, showlegend=False)
    fig.update_yaxes(title="sáng kiến (lũy kế)", rangemode="tozero")
    if len(daily):
        last = max(pd.Timestamp(daily["day"].max()), pd.Timestamp(campaign["end"]) if campaign else pd.Timestamp(0))
        fig.update_xaxes(range=[pd.Timestamp(daily["day"].min()), last + pd.Timedelta(days=10)])
    fig.update_xaxes(title=None, tickformat="%m/%Y")
    return fig


def progress_small_multiples(
    cumulative: pd.DataFrame,
    targets: pd.DataFrame,
    campaign: dict | None,
    home_key: str | None,
    title: str,
    subtitle: str | None = None,
) -> go.Figure:
    """One small chart per unit: its cumulative count against its quota, the campaign shaded, same time axis."""
    from plotly.subplots import make_subplots

    keys = list(dict.fromkeys(targets["unit_key"]))
    cols = 2 if len(keys) > 1 else 1
    rows = math.ceil(len(keys) / cols)
    unit_names = dict(zip(targets["unit_key"], targets["unit"], strict=True))
    quotas = dict(zip(targets["unit_key"], targets["quota"], strict=True))
    fig = make_subplots(
        rows=rows,
        cols=cols,
        shared_xaxes=True,
        subplot_titles=[esc(unit_names[k]) for k in keys],
        vertical_spacing=0.12 / max(rows - 1, 1) if rows > 1 else 0.1,
        horizontal_spacing=0.08,
    )
    for i, key in enumerate(keys):
        r, c = i // cols + 1, i % cols + 1
        series = cumulative[cumulative["unit_key"] == key]
        color = theme.HOME if key == home_key else theme.ACCENT
        fig.add_trace(
            go.Scatter(
                x=series["day"],
                y=series["cumulative"],
                mode="lines",
                line={"color": color, "width": 2.5},
                hovertext=[
                    f"<b>{esc(unit_names[key])}</b><br>{fmt.date(d)}: lũy kế {fmt.num(v)} sáng kiến"
                    for d, v in zip(series["day"], series["cumulative"], strict=True)
                ],
                hoverinfo="text",
            ),
            row=r,
            col=c,
        )
        quota = quotas.get(key)
        if quota is not None and not pd.isna(quota) and quota:
            fig.add_hline(
                y=quota,
                line={"color": theme.QUOTA, "dash": "dash", "width": 1.5},
                row=r,
                col=c,
                annotation_text=f"chỉ tiêu {fmt.num(quota)}",
                annotation_position="top left",
                annotation_font={"size": 12, "color": theme.QUOTA},
            )
        if campaign and campaign.get("start"):
            fig.add_vrect(
                x0=campaign["start"], x1=campaign["end"], fillcolor=theme.CAMPAIGN_FILL, line_width=0, row=r, col=c
            )
    fig.update_layout(
        template=theme.register(),
        title=heading(title, subtitle),
        showlegend=False,
        height=max(360, 260 * rows + 150),
        margin={"t": 130},
    )
    fig.update_xaxes(tickformat="%m/%Y")
    fig.update_yaxes(rangemode="tozero", tickformat=",.0f")
    return fig
