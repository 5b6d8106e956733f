"""The daily bulletin: the public table of one day (unit, today, last 7 days, total, % of quota,
rank and its change) as a tall PNG 1080 px wide, for the federation's chat groups on phones."""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from sangkien import fmt, i18n
from sangkien.analysis import rankings, summary
from sangkien.charts import theme
from sangkien.i18n import N_, t
from sangkien.ingest.normalize import unit_key
from sangkien.report import build, images
from sangkien.report.model import DEMO, UNPUBLISHED
from sangkien.report.source import Source

WIDTH = 1080
TEXT = 26  # px: read on a phone at a third of its size, still ~9 px
NAME_CHARS = 26  # a unit's name wraps after this many characters
UP, DOWN = "#1E8449", theme.HOME
HEADER = (  # message keys of the columns' headers ("<br>" breaks a header in two lines)
    N_("report.board_rank"),
    "",
    N_("report.board_unit"),
    N_("report.board_today"),
    N_("report.board_7_days"),
    N_("report.board_total"),
    N_("report.board_pct"),
)
SEPARATORS = {"vi": ",.", "en": ".,"}  # Plotly's decimal and thousands separators


class BulletinError(ValueError):
    """A bulletin that cannot be made, with the reason in words."""


@dataclass
class Bulletin:
    scope: str
    day: dt.date
    board: pd.DataFrame  # rankings.daily_table
    header: str  # the version line
    marks: list[str]


def make(src: Source, unit: str | None = None, day: dt.date | None = None) -> Bulletin:
    ds = src.ds
    if not ds.has("initiatives"):
        raise BulletinError(t("report.bulletin_no_initiatives", version=ds.id))
    try:
        name = summary.resolve_unit(ds, unit)
    except summary.UnitNotFound as exc:
        raise BulletinError(str(exc)) from exc
    key = unit_key(name)
    children = src.query("ranking_children", parent_key=key, **src.filters.params())
    daily = src.query("daily_children", parent_key=key, **src.filters.params())
    if children.empty or daily.empty:
        raise BulletinError(t("report.bulletin_no_children", unit=name))
    first, last = pd.Timestamp(daily["day"].min()).date(), pd.Timestamp(daily["day"].max()).date()
    day = day or last
    if not first <= day <= last:
        raise BulletinError(
            t("report.bulletin_day_outside", day=fmt.date(day), first=fmt.date(first), last=fmt.date(last))
        )
    board = rankings.daily_table(daily, children, day)
    marks = ([t(UNPUBLISHED)] if ds.workspace else []) + ([t(DEMO)] if ds.is_demo("initiatives") else [])
    return Bulletin(name, day, board, build.version_line(src), marks)


def _change(c: object) -> tuple[str, str]:
    if c is None or pd.isna(c) or c == 0:
        return "=", theme.COMMITMENT
    return (f"▲{int(c)}", UP) if c > 0 else (f"▼{int(-c)}", DOWN)


def figure(b: Bulletin) -> go.Figure:
    board = b.board
    names = ["<br>".join(textwrap.wrap(str(u), NAME_CHARS)) or "–" for u in board["unit"]]
    changes = [_change(c) for c in board["rank_change"]]
    header = [t(h) if h else "" for h in HEADER]
    values = [
        [fmt.num(r) for r in board["rank"]],
        [mark for mark, _ in changes],
        names,
        [fmt.num(v) for v in board["today"]],
        [fmt.num(v) for v in board["last_7_days"]],
        [fmt.num(v) for v in board["total"]],
        [fmt.pct(v) for v in board["pct_of_quota"]],
    ]
    ink = ["#1B2631"] * len(board)
    colours = [ink, [c for _, c in changes], ink, ink, ink, ink, ink]
    fill = [["#FFFFFF" if i % 2 == 0 else "#F2F4F4" for i in range(len(board))]]
    line = TEXT + 12
    rows = sum(max(1, n.count("<br>") + 1) * line + 16 for n in names)
    top, bottom = 250, 120
    fig = go.Figure(
        go.Table(
            columnwidth=[95, 70, 425, 110, 110, 130, 110],
            header={
                "values": [f"<b>{h}</b>" for h in header],
                "fill_color": theme.ACCENT,
                "font": {"color": "white", "size": TEXT - 2, "family": theme.FONT},
                "align": ["right", "center", "left", "right", "right", "right", "right"],
                "height": 2 * line + 10,
            },
            cells={
                "values": values,
                "fill_color": fill * 7,
                "font": {"color": colours, "size": TEXT, "family": theme.FONT},
                "align": ["right", "center", "left", "right", "right", "right", "right"],
                "height": line + 16,
            },
        )
    )
    marks = "  ·  ".join(b.marks)
    fig.update_layout(
        width=WIDTH,
        height=top + 2 * line + 10 + rows + bottom,
        margin={"l": 30, "r": 30, "t": top, "b": bottom},
        paper_bgcolor="white",
        separators=SEPARATORS[i18n.lang()],
        font={"family": theme.FONT, "color": "#1B2631"},
        title={
            "text": "<b>" + t("report.bulletin_title", day=fmt.date(b.day)) + "</b>",
            "subtitle": {
                "text": t("report.bulletin_subtitle", unit=b.scope),
                "font": {"size": TEXT, "color": "#5D6D7E"},
            },
            "font": {"size": 40},
            "x": 0.03,
            "y": 1 - 50 / (top + rows + bottom),
            "yanchor": "top",
        },
        annotations=[
            {
                "text": b.header + (f"<br><b style='color:{theme.HOME}'>{marks}</b>" if marks else ""),
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": 1,
                "yshift": 20,
                "xanchor": "left",
                "yanchor": "bottom",
                "align": "left",
                "showarrow": False,
                "font": {"size": TEXT - 6, "color": "#5D6D7E"},
            },
            {
                "text": t("report.bulletin_legend"),
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": 0,
                "yshift": -20,
                "xanchor": "left",
                "yanchor": "top",
                "align": "left",
                "showarrow": False,
                "font": {"size": TEXT - 8, "color": "#5D6D7E"},
            },
        ],
    )
    return fig


def png(b: Bulletin) -> bytes:
    fig = figure(b)
    return images.png(fig, WIDTH, int(fig.layout.height))


def file_name(b: Bulletin) -> str:
    """The PNG's name, in the words of the language, without diacritics."""
    return t("report.bulletin_file", day=f"{b.day:%Y%m%d}")
