"""Pure chart builders: a DataFrame in, a go.Figure out. Titles state the finding."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from . import fmt, theme


def _title(title: str, subtitle: str | None) -> dict:
    return {"text": title, "subtitle": {"text": subtitle or "", "font": {"size": 14, "color": "#5D6D7E"}}}


def empty_figure(message: str) -> go.Figure:
    fig = go.Figure(layout={"template": theme.register(), "height": 240})
    fig.add_annotation(text=message, showarrow=False, font={"size": 16, "color": "#5D6D7E"})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def ranking_bar(
    frame: pd.DataFrame,
    home_key: str | None,
    title: str,
    subtitle: str | None = None,
    measure: str = "initiatives",
    axis_title: str = "sáng kiến",
    top: int | None = 20,
) -> go.Figure:
    """Horizontal bars, best at the top; the home unit in the strong colour, always shown."""
    data = frame.dropna(subset=[measure]).sort_values(measure, ascending=False)
    if top and len(data) > top:
        head = data.head(top)
        if home_key is not None and home_key not in set(head["unit_key"]):
            head = pd.concat([head, data[data["unit_key"] == home_key]])
        data = head
    data = data.iloc[::-1]  # plotly draws the first category at the bottom
    is_home = data["unit_key"] == home_key
    colors = [theme.HOME if h else theme.OTHER for h in is_home]
    rank = data["rank"] if "rank" in data else pd.Series([None] * len(data), index=data.index)
    hover = [
        f"<b>{u}</b><br>Hạng {fmt.num(r)}: {fmt.num(v)} {axis_title}"
        for u, r, v in zip(data["unit"], rank, data[measure], strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            x=data[measure],
            y=data["unit"],
            orientation="h",
            marker_color=colors,
            text=[fmt.num(v) for v in data[measure]],
            textposition="outside",
            cliponaxis=False,
            hovertext=hover,
            hoverinfo="text",
            customdata=data["unit_key"],
        )
    )
    fig.update_layout(
        template=theme.register(),
        title=_title(title, subtitle),
        height=max(320, 28 * len(data) + 140),
        showlegend=False,
        bargap=0.25,
    )
    fig.update_xaxes(title=axis_title, tickformat=",.0f")
    fig.update_yaxes(title=None, automargin=True)
    return fig


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
        name = campaign.get("name") or "Đợt thi đua"
        label = f"{name} ({fmt.date(campaign['start'])}–{fmt.date(campaign['end'])}) ▸"
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
    fig.update_layout(title=_title(title, subtitle), height=440, showlegend=False)
    fig.update_yaxes(title="sáng kiến (lũy kế)", rangemode="tozero")
    if len(daily):
        last = max(pd.Timestamp(daily["day"].max()), pd.Timestamp(campaign["end"]) if campaign else pd.Timestamp(0))
        fig.update_xaxes(range=[pd.Timestamp(daily["day"].min()), last + pd.Timedelta(days=10)])
    fig.update_xaxes(title=None, tickformat="%m/%Y")
    return fig
