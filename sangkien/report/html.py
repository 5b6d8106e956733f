"""The report as one self-contained HTML file: plotly.js embedded once, no request to any network,
number formats of the language, printable to A4 (one section per page, the marks repeated on every page).
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from sangkien import columns, fmt, i18n
from sangkien.charts import projector
from sangkien.i18n import N_, t, tn
from sangkien.paths import STATIC_DIR
from sangkien.report.model import Report, Section

PAGE_WIDTH = 720  # px: the printable width of A4 at 96 dpi with 12 mm margins
TABLE_ROWS = 30  # rows of a table in the HTML; the workbook has them all
SECTION_NAMES = {  # message keys
    "highlights": N_("slides.highlights"),
    "overview": N_("report.section_overview"),
    "since": N_("slides.since"),
    "rankings": N_("report.section_rankings"),
    "progress": N_("report.section_progress"),
    "benefits": N_("slides.benefits"),
    "contests": N_("slides.contest"),
    "awards": N_("slides.awards"),
    "campaign": N_("slides.campaign_name"),
}


def section_name(key: str, default: str | None = None) -> str:
    """A section's name in the current language (``default``, else the key, for a section not listed)."""
    return t(SECTION_NAMES[key]) if key in SECTION_NAMES else (default or key)


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def cell(value: object, kind: str) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    if kind == columns.MONEY:
        return fmt.money(value)  # in words, as people say it; the workbook keeps every đồng
    if kind == columns.COUNT:
        return fmt.num(value)
    if kind == columns.DECIMAL:
        return fmt.num(value, 1)
    if kind == columns.PROGRESS:
        return fmt.pct(value, 1)
    if kind == columns.DATE:
        return fmt.date(value)
    return str(value)


def table_html(frame: pd.DataFrame) -> str:
    """The first rows of a table; columns with no value at all are left out, so it fits an A4 page."""
    frame = frame[[c for c in frame.columns if frame[c].replace("", None).notna().any()]]
    kinds = [columns.BY_LABEL[c].kind if c in columns.BY_LABEL else columns.TEXT for c in frame.columns]
    numeric = {columns.COUNT, columns.MONEY, columns.DECIMAL, columns.PROGRESS}
    head = "".join(
        f'<th class="{"n" if k in numeric else ""}">{esc(c)}</th>' for c, k in zip(frame.columns, kinds, strict=True)
    )
    body = []
    for values in frame.head(TABLE_ROWS).itertuples(index=False):
        tds = "".join(
            f'<td class="{"n" if k in numeric else "t"}">{esc(cell(v, k))}</td>'
            for v, k in zip(values, kinds, strict=True)
        )
        body.append(f"<tr>{tds}</tr>")
    more = len(frame) - TABLE_ROWS
    tail = '<p class="more">' + esc(tn("report.more_rows", more)) + "</p>" if more > 0 else ""
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{tail}"


def chart_html(fig: go.Figure, n: str) -> str:
    fig = go.Figure(fig)
    named = projector.names_beside(fig)  # an A4 page has the width for names beside the bars
    height = max(320, 24 * named + 140) if named else (fig.layout.height or 440)
    fig.update_layout(width=PAGE_WIDTH, height=min(height, 900), updatemenus=[], sliders=[])
    if fig.frames:
        fig.update_layout(margin_b=60)  # the race's last frame, without its controls
    return fig.to_html(
        full_html=False,
        include_plotlyjs=False,
        div_id=f"chart-{n}",
        config={"displayModeBar": False, "responsive": False},
    )


def section_html(report: Report, s: Section) -> str:
    parts = [f'<section id="{s.key}">', _marks(report), f"<h2>{esc(s.title)}</h2>"]
    if s.figures:
        cards = "".join(f'<div class="fig"><b>{esc(v)}</b><span>{esc(k)}</span></div>' for k, v in s.figures)
        parts.append(f'<div class="figures">{cards}</div>')
    if s.points:
        items = "".join(
            f'<li>{esc(p.text)} <a href="#{p.section}">→ {esc(section_name(p.section))}</a></li>' for p in s.points
        )
        parts.append(f"<ol class='points'>{items}</ol>")
    parts += [f"<p>{esc(line)}</p>" for line in s.lines if line and line != s.title]
    parts += [f'<div class="chart">{chart_html(fig, f"{s.key}-{i}")}</div>' for i, fig in enumerate(s.charts)]
    for table in s.tables:
        parts.append(f"<h3>{esc(table.title)}</h3>{table_html(table.frame)}")
    parts.append("</section>")
    return "\n".join(parts)


def _marks(report: Report) -> str:
    marks = "".join(f'<span class="mark">{esc(m)}</span>' for m in report.marks)
    return f'<p class="where">{esc(report.version_line)}{marks}</p>'


def write(report: Report) -> bytes:
    contents = "".join(f'<li><a href="#{s.key}">{esc(section_name(s.key, s.title))}</a></li>' for s in report.sections)
    filters = t("report.filters_line", filters=report.filters_line)
    made = t("report.made_at", time=f"{report.made_at:%H:%M}", day=fmt.date(report.made_at))
    contents_title, page_word = t("report.contents"), t("report.page")
    marks = "".join(f'<p class="mark big">{esc(m)}</p>' for m in report.marks)
    cover = (
        f'<header id="cover"><h1>{esc(report.title)}</h1>'
        f"<p>{esc(report.version_line)}</p><p>{esc(filters)}</p>{marks}"
        f'<p class="made">{esc(made)}</p>'
        f"<nav><h2>{esc(contents_title)}</h2><ol>{contents}</ol></nav></header>"
    )
    # the marks and the page number in the margin of every printed page (CSS page margin boxes)
    footer, page_word = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("<", "\\3C ")
        for text in (report.footer, page_word)
    )
    colour = "#C8102E" if report.marks else "#5D6D7E"
    running = (
        f'@page {{ @bottom-left {{ content: "{footer}"; font-size: 7.5pt; color: {colour}; }} '
        f'@bottom-right {{ content: "{page_word} " counter(page) "/" counter(pages); font-size: 7.5pt; color: #5D6D7E; }} }}'
    )
    body = "\n".join(section_html(report, s) for s in report.sections)
    css = (STATIC_DIR / "report.css").read_text(encoding="utf-8")
    page = (
        f'<!DOCTYPE html>\n<html lang="{i18n.lang()}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(report.title)} · {esc(report.version)}</title><style>{css}\n{running}</style>"
        f'<script type="text/javascript">{get_plotlyjs()}</script></head>'
        f"<body><main>{cover}\n{body}</main></body></html>\n"
    )
    return page.encode("utf-8")
