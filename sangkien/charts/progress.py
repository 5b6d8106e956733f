"""Progress over time: cumulative lines against the quota, one small chart per unit."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from babel.dates import format_date

from sangkien import fmt, i18n
from sangkien.charts import theme
from sangkien.charts.base import esc, heading
from sangkien.i18n import N_, t, tn

DAY_MONTH = {"vi": "dd/MM", "en": "d MMM"}  # CLDR: a campaign's first day, its year said by its last


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
        # The key to the shading sits above the plot, from its left edge: it never meets an axis.
        label = t("chart.campaign_shading", start=_day_month(campaign["start"]), end=fmt.date(campaign["end"]))
        fig.add_annotation(
            x=0,
            y=1,
            xref="paper",
            yref="paper",
            xanchor="left",
            yanchor="bottom",
            yshift=4,
            text=label,
            showarrow=False,
            font={"size": 13, "color": theme.HOME},
        )
    hover = [
        f"<b>{fmt.date(d)}</b><br>" + tn("chart.hover_cumulative", int(c))
        for d, c in zip(daily["day"], daily["cumulative"], strict=True)
    ]
    fig.add_trace(
        go.Scatter(
            x=daily["day"],
            y=daily["cumulative"],
            mode="lines",
            name=t("chart.legend_cumulative"),
            line={"color": theme.HOME, "width": 3},
            hovertext=hover,
            hoverinfo="text",
        )
    )
    for value, key, color, dash in (
        (quota, N_("chart.line_quota"), theme.QUOTA, "dash"),
        (commitment, N_("chart.line_commitment"), theme.COMMITMENT, "dot"),
    ):
        if value:
            fig.add_hline(
                y=value,
                line={"color": color, "dash": dash, "width": 2},
                annotation_text=t(key, value=fmt.num(value)),
                annotation_position="top left",
                annotation_font={"color": color, "size": 13},
            )
    fig.update_layout(title=heading(title, subtitle), height=440, showlegend=False, margin={"t": 110, "r": 24})
    fig.update_yaxes(title=None, rangemode="tozero")  # the subtitle says what is counted
    if len(daily):
        last = max(pd.Timestamp(daily["day"].max()), pd.Timestamp(campaign["end"]) if campaign else pd.Timestamp(0))
        fig.update_xaxes(range=[pd.Timestamp(daily["day"].min()), last + pd.Timedelta(days=10)])
    fig.update_xaxes(title=None, tickformat=theme.months(), nticks=4, tickangle=0)
    return fig


def _day_month(value: object) -> str:
    """A date without its year: '01/05' in Vietnamese, '1 May' in English."""
    return format_date(fmt.to_date(value), DAY_MONTH[i18n.lang()], locale=i18n.locale())


def unit_progress(
    cumulative: pd.DataFrame,
    targets: pd.DataFrame,
    campaign: dict | None,
    home_key: str | None,
) -> list[go.Figure]:
    """One small chart per unit, each its own figure (the page lays them out in columns, which stack
    on a phone): the unit's cumulative count against its quota, the campaign shaded, one time axis."""
    keys = list(dict.fromkeys(targets["unit_key"]))
    unit_names = dict(zip(targets["unit_key"], targets["unit"], strict=True))
    quotas = dict(zip(targets["unit_key"], targets["quota"], strict=True))
    days = pd.to_datetime(cumulative["day"]) if len(cumulative) else pd.Series([], dtype="datetime64[ns]")
    span = [days.min(), days.max() + pd.Timedelta(days=5)] if len(days) else None
    figs = []
    for key in keys:
        series = cumulative[cumulative["unit_key"] == key]
        quota = quotas.get(key)
        quota = None if quota is None or pd.isna(quota) or not quota else float(quota)
        reached = float(series["cumulative"].max()) if len(series) else 0.0
        figs.append(_one_unit(series, unit_names[key], quota, reached, campaign, key == home_key, span))
    return figs


def _one_unit(series, unit, quota, reached, campaign, strong, span) -> go.Figure:
    name = esc(unit)
    sub = tn("chart.unit_reached", int(reached))
    if quota:
        sub += " · " + t("chart.unit_pct_of_quota", pct=fmt.pct(100 * reached / quota))
    fig = go.Figure(layout={"template": theme.register()})
    if campaign and campaign.get("start"):
        fig.add_vrect(x0=campaign["start"], x1=campaign["end"], fillcolor=theme.CAMPAIGN_FILL, line_width=0)
    fig.add_trace(
        go.Scatter(
            x=series["day"],
            y=series["cumulative"],
            mode="lines",
            line={"color": theme.HOME if strong else theme.ACCENT, "width": 2.5},
            hovertext=[
                f"<b>{name}</b><br>" + tn("chart.hover_unit_cumulative", int(v), day=fmt.date(d))
                for d, v in zip(series["day"], series["cumulative"], strict=True)
            ],
            hoverinfo="text",
        )
    )
    if quota:
        fig.add_hline(
            y=quota,
            line={"color": theme.QUOTA, "dash": "dash", "width": 1.5},
            annotation_text=t("chart.unit_quota_line", value=fmt.num(quota)),
            annotation_position="top left",
            annotation_font={"size": 12, "color": theme.QUOTA},
        )
    fig.update_layout(
        title=heading(unit, sub), showlegend=False, height=300, margin={"l": 10, "r": 16, "t": 80, "b": 30}
    )
    fig.update_xaxes(tickformat=theme.months(), nticks=4, tickangle=0, range=span)
    fig.update_yaxes(rangemode="tozero", tickformat=",.0f", nticks=5)
    return fig
