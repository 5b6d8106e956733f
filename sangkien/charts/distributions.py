"""Distributions and shares: the benefit histogram, the treemap, the heatmap, the explorer's chart."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from sangkien import fmt
from sangkien.charts import theme
from sangkien.charts.bars import value_bars
from sangkien.charts.base import heading, names
from sangkien.i18n import t, tn


def log_histogram(bins: pd.DataFrame, title: str, subtitle: str | None = None) -> go.Figure:
    """Counts of declared values in log-spaced bins (bin_from, bin_to, initiatives)."""
    mid = (bins["bin_from"] * bins["bin_to"]) ** 0.5
    hover = [
        tn("chart.hover_bin", int(n), low=fmt.money(a), high=fmt.money(b))
        for a, b, n in zip(bins["bin_from"], bins["bin_to"], bins["initiatives"], strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            x=mid,
            y=bins["initiatives"],
            width=(bins["bin_to"] - bins["bin_from"]) * 0.92,
            marker_color=theme.ACCENT,
            hovertext=hover,
            hoverinfo="text",
        )
    )
    ticks = [1e6, 1e7, 1e8, 1e9, 1e10, 1e11]
    fig.update_layout(
        template=theme.register(), title=heading(title, subtitle), height=380, showlegend=False, margin={"r": 24}
    )
    fig.update_xaxes(  # a label every hundredfold, a mark every tenfold: it fits a phone or a half column
        type="log",
        title=t("chart.axis_benefit_each"),
        tickvals=ticks[::2],
        ticktext=[t("chart.tick_1_million"), t("chart.tick_100_million"), t("chart.tick_10_billion")],
        tickangle=0,
        minor={"tickvals": ticks[1::2], "ticks": "outside", "ticklen": 5, "showgrid": True},
    )
    fig.update_yaxes(title=t("chart.axis_initiatives"), tickformat=",.0f")
    return fig


def treemap(frame: pd.DataFrame, title: str, subtitle: str | None = None) -> go.Figure:
    """Unit → field treemap of total_vnd (money in the labels and hovers)."""
    units = frame.groupby("unit", as_index=False)["total_vnd"].sum()
    ids = list(units["unit"]) + [f"{u} / {f}" for u, f in zip(frame["unit"], frame["field"], strict=True)]
    labels = names(list(units["unit"]) + list(frame["field"]))
    parents = [""] * len(units) + list(frame["unit"])
    values = list(units["total_vnd"]) + list(frame["total_vnd"])
    text = [fmt.money(v) for v in values]
    fig = go.Figure(
        go.Treemap(
            ids=ids,
            labels=labels,
            parents=parents,
            values=values,
            branchvalues="total",
            text=text,
            texttemplate="%{label}<br>%{text}",
            hovertext=text,
            hovertemplate="<b>%{label}</b><br>%{text}<extra></extra>",
            marker={"colors": [theme.SEQUENTIAL[3]] * len(units) + [theme.SEQUENTIAL[1]] * len(frame)},
            maxdepth=2,
            root={"color": "white"},
        )
    )
    fig.update_layout(
        template=theme.register(),
        title=heading(title, subtitle),
        height=520,
        margin={"l": 10, "r": 10, "t": 90, "b": 10},
    )
    return fig


def heatmap(frame: pd.DataFrame, title: str, subtitle: str | None = None) -> go.Figure:
    """Trade × tier winners (tiers in their data order)."""
    tiers = frame.sort_values("tier_order")["tier"].drop_duplicates().tolist()
    table = frame.pivot_table(index="trade", columns="tier", values="winners", aggfunc="sum").reindex(columns=tiers)
    fig = go.Figure(
        go.Heatmap(
            z=table.values,
            x=tiers,
            y=names(table.index),
            colorscale=[[0, "#F4F6F8"], [1, theme.ACCENT]],
            text=table.values,
            texttemplate="%{text}",
            showscale=False,
            hovertemplate=t("chart.hover_heatmap", trade="%{y}", prize="%{x}", count="%{z}") + "<extra></extra>",
        )
    )
    fig.update_layout(template=theme.register(), title=heading(title, subtitle), height=max(320, 34 * len(table) + 140))
    fig.update_xaxes(side="top", title=None)
    fig.update_yaxes(title=None, autorange="reversed", automargin=True)
    return fig


def explore_chart(result: pd.DataFrame, group_by: list[str], kind: str, value: str) -> go.Figure:
    """The explorer's chart, chosen from the shape of the result: bar, line (dates) or treemap (two levels)."""
    title = t("chart.explore_title", value=value, groups=t("chart.explore_and").join(group_by))
    if kind == "line":
        data = result.sort_values(group_by[0])
        fig = go.Figure(go.Scatter(x=data[group_by[0]], y=data[value], mode="lines", line={"color": theme.ACCENT}))
    elif kind == "treemap":
        frame = result.rename(columns={group_by[0]: "unit", group_by[1]: "field", value: "total_vnd"})
        frame = frame.dropna(subset=["unit", "field"]).astype({"unit": str, "field": str})
        frame = frame[frame["total_vnd"] > 0]
        fig = treemap(frame, title)
        fig.update_traces(texttemplate="%{label}<br>%{value:,.0f}", hovertemplate="<b>%{label}</b><br>%{value:,.0f}")
        return fig
    else:
        data = result.assign(**{group_by[0]: result[group_by[0]].astype(str)})
        return value_bars(data, group_by[0], value, title, t("chart.explore_top"), value, top=30)
    fig.update_layout(template=theme.register(), title=heading(title, None), height=420, showlegend=False)
    fig.update_yaxes(title=value, tickformat=",.0f")
    return fig
