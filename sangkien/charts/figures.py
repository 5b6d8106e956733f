"""Pure chart builders: a DataFrame in, a go.Figure out. Titles state the finding."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from sangkien import fmt
from sangkien.charts import theme


def _title(title: str, subtitle: str | None) -> dict:
    return {"text": esc(title), "subtitle": {"text": esc(subtitle or ""), "font": {"size": 14, "color": "#5D6D7E"}}}


def esc(text: object) -> str:
    """Data as Plotly text: its renderer reads tags, so '<', '>' and '&' in a name are written as entities."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def names(values) -> list:
    """Category names (units, trades, fields) made safe for Plotly; missing ones stay missing."""
    return [v if v is None or (isinstance(v, float) and math.isnan(v)) else esc(v) for v in values]


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
    colors = [theme.HOME if k == home_key else theme.OTHER for k in data["unit_key"]]
    rank = data["rank"] if "rank" in data else pd.Series([None] * len(data), index=data.index)
    money = measure.endswith("_vnd")
    percent = measure.startswith("pct_")
    if money:
        text = [fmt.money(v) for v in data[measure]]
        values = data[measure] / 1e9
        axis_title = "tỷ đồng"
    else:
        decimals = 1 if percent or measure == "per_100_members" else 0
        text = [fmt.pct(v, decimals) if percent else fmt.num(v, decimals) for v in data[measure]]
        values = data[measure]
    source = data["source"] if "source" in data else pd.Series(["rows"] * len(data), index=data.index)
    hover = [
        f"<b>{esc(u)}</b><br>Hạng {fmt.num(r)}: {t}"
        + ("" if money or percent else f" {axis_title}")
        + ("<br>theo số báo cáo" if s == "reported" else "")
        for u, r, t, s in zip(data["unit"], rank, text, source, strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            x=values,
            y=names(data["unit"]),
            orientation="h",
            marker_color=colors,
            marker_pattern_shape=["/" if s == "reported" else "" for s in source],
            text=text,
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
    fig.update_xaxes(title=axis_title, tickformat=",.0f", nticks=4, tickangle=0)
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
    fig.update_layout(title=_title(title, subtitle), height=440, showlegend=False)
    fig.update_yaxes(title="sáng kiến (lũy kế)", rangemode="tozero")
    if len(daily):
        last = max(pd.Timestamp(daily["day"].max()), pd.Timestamp(campaign["end"]) if campaign else pd.Timestamp(0))
        fig.update_xaxes(range=[pd.Timestamp(daily["day"].min()), last + pd.Timedelta(days=10)])
    fig.update_xaxes(title=None, tickformat="%m/%Y")
    return fig


def value_bars(
    frame: pd.DataFrame,
    label: str,
    value: str,
    title: str,
    subtitle: str | None,
    axis_title: str,
    money: bool = False,
    highlight: str | None = None,
    top: int = 15,
    sort: bool = True,
    notes: list[str] | None = None,
) -> go.Figure:
    """Horizontal bars of one value per category, largest at the top (or in the given order when
    ``sort`` is false); money in tỷ/triệu đồng; ``notes`` add a text after each bar's figure."""
    data = frame.dropna(subset=[value])
    if sort:
        data = data.sort_values(value, ascending=False)
    data = data.head(top)
    extra = list(notes[: len(data)]) if notes else [""] * len(data)
    data, extra = data.iloc[::-1], extra[::-1]
    big = money and data[value].max() >= 1e10
    scale, word = (1e9, "tỷ đồng") if big else ((1e6, "triệu đồng") if money else (1, axis_title))
    text = [
        (fmt.money(v) if money else fmt.num(v)) + (f" · {e}" if e else "")
        for v, e in zip(data[value], extra, strict=True)
    ]
    colors = [theme.HOME if highlight and name == highlight else theme.ACCENT for name in data[label]]
    fig = go.Figure(
        go.Bar(
            x=data[value] / scale,
            y=names(data[label]),
            orientation="h",
            marker_color=colors,
            text=text,
            textposition="outside",
            cliponaxis=False,
            hovertext=[f"<b>{esc(n)}</b><br>{t}" for n, t in zip(data[label], text, strict=True)],
            hoverinfo="text",
        )
    )
    fig.update_layout(
        template=theme.register(),
        title=_title(title, subtitle),
        showlegend=False,
        height=max(320, 26 * len(data) + 140),
        bargap=0.25,
        margin={"r": 150 if notes else 90},
    )
    fig.update_xaxes(title=word, tickformat=",.0f", nticks=5, tickangle=0)
    fig.update_yaxes(title=None, automargin=True)
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
        title=_title(title, subtitle),
        showlegend=False,
        height=max(360, 260 * rows + 150),
        margin={"t": 130},
    )
    fig.update_xaxes(tickformat="%m/%Y")
    fig.update_yaxes(rangemode="tozero", tickformat=",.0f")
    return fig


def log_histogram(bins: pd.DataFrame, title: str, subtitle: str | None = None) -> go.Figure:
    """Counts of declared values in log-spaced bins (bin_from, bin_to, initiatives)."""
    mid = (bins["bin_from"] * bins["bin_to"]) ** 0.5
    hover = [
        f"Từ {fmt.money(a)} đến {fmt.money(b)}: {fmt.num(n)} sáng kiến"
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
    fig.update_layout(template=theme.register(), title=_title(title, subtitle), height=380, showlegend=False)
    fig.update_xaxes(
        type="log",
        title="giá trị làm lợi mỗi sáng kiến (thang log)",
        tickvals=ticks,
        ticktext=["1 triệu", "10 triệu", "100 triệu", "1 tỷ", "10 tỷ", "100 tỷ"],
    )
    fig.update_yaxes(title="sáng kiến", tickformat=",.0f")
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
        title=_title(title, subtitle),
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
            hovertemplate="<b>%{y}</b>, giải %{x}: %{z} thí sinh<extra></extra>",
        )
    )
    fig.update_layout(template=theme.register(), title=_title(title, subtitle), height=max(320, 34 * len(table) + 140))
    fig.update_xaxes(side="top", title=None)
    fig.update_yaxes(title=None, autorange="reversed", automargin=True)
    return fig


def explore_chart(result: pd.DataFrame, group_by: list[str], kind: str, value: str) -> go.Figure:
    """The explorer's chart, chosen from the shape of the result: bar, line (dates) or treemap (two levels)."""
    title = f"{value} theo {' và '.join(group_by)}"
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
        return value_bars(data, group_by[0], value, title, "30 nhóm lớn nhất", value, top=30)
    fig.update_layout(template=theme.register(), title=_title(title, None), height=420, showlegend=False)
    fig.update_yaxes(title=value, tickformat=",.0f")
    return fig
