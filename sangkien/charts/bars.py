"""Bar charts: rankings with the home unit marked, and values by category."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from sangkien import fmt
from sangkien.charts import theme
from sangkien.charts.base import esc, heading, names
from sangkien.i18n import t

PER_BAR = 46  # px per bar: the bar and, above it, its name
GAP = 0.5  # of each bar's band: the room for the name
NAME_MARK = "bar-name"  # the name of the annotations that name bars (the projector puts them beside)
NAME_FONT = {"size": 12.5}  # the names above bars, here and in the race
NAME_CHARS = 40  # a name longer than this is cut with "…" above its bar; the hover has it whole
HEADROOM = 1.3  # the value axis runs this far past the longest bar: its figure stays inside


def short(name: object, limit: int = NAME_CHARS) -> str:
    text = str(name)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def names_above(fig: go.Figure, labels, strong=None) -> None:
    """Each bar's name written above it, from the plot's left edge: a long name takes the whole width
    instead of squeezing the bars (on a phone a name column beside them would leave no room)."""
    half = (1 - GAP) / 2
    strong = strong or [False] * len(labels)
    for i, (label, bold) in enumerate(zip(labels, strong, strict=True)):
        text = esc(short(label))
        fig.add_annotation(
            x=0,
            xref="paper",
            xanchor="left",
            y=i + half,
            yanchor="bottom",
            text=f"<b>{text}</b>" if bold else text,
            showarrow=False,
            name=NAME_MARK,
            font=NAME_FONT,
        )
    fig.update_yaxes(showticklabels=False)
    fig.update_layout(bargap=GAP)


def headroom(fig: go.Figure, longest: float) -> None:
    if longest and longest > 0:
        fig.update_xaxes(range=[0, float(longest) * HEADROOM], autorange=False)


def ranking_bar(
    frame: pd.DataFrame,
    home_key: str | None,
    title: str,
    subtitle: str | None = None,
    measure: str = "initiatives",
    axis_title: str | None = None,
    top: int | None = 20,
) -> go.Figure:
    """Horizontal bars, best at the top; the home unit in the strong colour, always shown
    (``axis_title`` by default: initiatives, in the current language)."""
    axis_title = axis_title if axis_title is not None else t("chart.axis_initiatives")
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
        axis_title = t("chart.axis_billion_vnd")
    else:
        decimals = 1 if percent or measure == "per_100_members" else 0
        text = [fmt.pct(v, decimals) if percent else fmt.num(v, decimals) for v in data[measure]]
        values = data[measure]
    source = data["source"] if "source" in data else pd.Series(["rows"] * len(data), index=data.index)
    unit_word = "" if money or percent else axis_title
    reported = "<br>" + t("chart.hover_reported")
    hover = [
        f"<b>{esc(u)}</b><br>"
        + t("chart.hover_rank", rank=fmt.num(r), value=v, unit=unit_word).rstrip()
        + (reported if s == "reported" else "")
        for u, r, v, s in zip(data["unit"], rank, text, source, strict=True)
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
        title=heading(title, subtitle),
        height=max(320, PER_BAR * len(data) + 140),
        showlegend=False,
    )
    fig.update_xaxes(title=axis_title, tickformat=",.0f", nticks=4, tickangle=0)
    fig.update_yaxes(title=None, automargin=True)
    names_above(fig, list(data["unit"]), [k == home_key for k in data["unit_key"]])
    headroom(fig, values.max())
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
    if money:
        scale, word = (1e9, t("chart.axis_billion_vnd")) if big else (1e6, t("chart.axis_million_vnd"))
    else:
        scale, word = 1, axis_title
    text = [fmt.money(v) if money else fmt.num(v) for v in data[value]]
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
            hovertext=[
                f"<b>{esc(n)}</b><br>{t}" + (f" · {esc(e)}" if e else "")
                for n, t, e in zip(data[label], text, extra, strict=True)
            ],
            hoverinfo="text",
        )
    )
    fig.update_layout(
        template=theme.register(),
        title=heading(title, subtitle),
        showlegend=False,
        height=max(320, PER_BAR * len(data) + 140),
        margin={"r": 90},
    )
    fig.update_xaxes(title=word, tickformat=",.0f", nticks=5, tickangle=0)
    fig.update_yaxes(title=None, automargin=True)
    # a note (how many initiatives, winners) goes with the name, where a long line has the width
    labels = [f"{n} · {e}" if e else n for n, e in zip(data[label], extra, strict=True)]
    names_above(fig, labels, [bool(highlight) and n == highlight for n in data[label]])
    headroom(fig, (data[value] / scale).max())
    return fig
