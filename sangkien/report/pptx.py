"""The run of show as a PowerPoint file (python-pptx): real text for titles, figures and sentences,
native editable charts (bars and lines, from the same figures the hall sees), a picture only for
the bar-chart races, which PowerPoint cannot draw. Every slide's footer names the version and the
marks; the speaker notes hold the run's notes."""

from __future__ import annotations

import html
import io

import pandas as pd
import plotly.graph_objects as go
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
from pptx.util import Emu, Inches, Pt

from sangkien import i18n
from sangkien.charts import projector
from sangkien.i18n import t
from sangkien.report import images
from sangkien.report.content import Content
from sangkien.report.model import Report

INK, MUTED, HOME, ACCENT = (
    RGBColor(0x1B, 0x26, 0x31),
    RGBColor(0x5D, 0x6D, 0x7E),
    RGBColor(0xC8, 0x10, 0x2E),
    RGBColor(0x1F, 0x4E, 0x79),
)
OTHER = RGBColor(0x85, 0x92, 0x9E)
FONT = "Arial"  # present on every machine that opens the file, with every Vietnamese letter
W, H = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
MONTHS = {"vi": "mm/yyyy", "en": "mmm yyyy"}  # a date axis's labels: 09/2023, Sep 2023


def _text(slide, text: str, x, y, cx, cy, size: int, bold: bool = False, color: RGBColor = INK, wrap: bool = True):
    box = slide.shapes.add_textbox(x, y, cx, cy)
    frame = box.text_frame
    frame.word_wrap = wrap
    p = frame.paragraphs[0]
    run = p.add_run()
    run.text = text
    run.font.size, run.font.bold, run.font.name = Pt(size), bold, FONT
    run.font.color.rgb = color
    return box


def _lines(slide, lines: list[str], x, y, cx, cy, size: int, numbered: bool = False):
    box = slide.shapes.add_textbox(x, y, cx, cy)
    frame = box.text_frame
    frame.word_wrap = True
    for i, line in enumerate(lines):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        p.space_after = Pt(10)
        run = p.add_run()
        run.text = f"{i + 1}. {line}" if numbered else line
        run.font.size, run.font.name = Pt(size), FONT
        run.font.color.rgb = INK
    return box


def _plain(text: object) -> str:
    return html.unescape(str(text)).replace("<br>", " ")


def _colour(value: object) -> RGBColor:
    text = str(value).lstrip("#")
    return HOME if text.upper() == "C8102E" else (ACCENT if text.upper() == "1F4E79" else OTHER)


def native_chart(slide, fig: go.Figure, x, y, cx, cy) -> bool:
    """The figure as an editable PowerPoint chart; False when it has no native form."""
    if fig.frames or not fig.data:
        return False
    bars = [tr for tr in fig.data if tr.type == "bar"]
    lines = [tr for tr in fig.data if tr.type == "scatter"]
    axis = _plain(fig.layout.xaxis.title.text or "") if bars else _plain(fig.layout.yaxis.title.text or "")
    data = CategoryChartData()
    if len(bars) == 1 and bars[0].orientation == "h" and not lines:
        trace = bars[0]
        data.categories = [_plain(c) for c in trace.y]
        values = [None if v is None else float(v) for v in trace.x]
        whole = all(v is None or abs(v - round(v)) < 1e-9 for v in values)
        data.add_series(axis or t("report.series_value"), values, number_format="#,##0" if whole else "#,##0.0")
        chart = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, x, y, cx, cy, data).chart
        plot = chart.plots[0]
        plot.gap_width = 40
        chart.value_axis.minimum_scale = 0
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.number_format, labels.number_format_is_linked = ("#,##0" if whole else "#,##0.0"), False
        labels.position = XL_LABEL_POSITION.OUTSIDE_END
        labels.font.size, labels.font.name = Pt(14), FONT
        colours = (
            trace.marker.color if isinstance(trace.marker.color, (list, tuple)) else [trace.marker.color] * len(values)
        )
        for i, c in enumerate(colours):
            point = plot.series[0].points[i]
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = _colour(c)
    elif lines and not bars:
        trace = lines[0]
        days = [d.date() for d in pd.to_datetime(pd.Series(list(trace.x)))]
        data.categories = days
        data.add_series(
            _plain(trace.name or axis or t("report.series_cumulative")),
            [float(v) for v in trace.y],
            number_format="#,##0",
        )
        for shape in fig.layout.shapes or []:  # the quota and commitment lines drawn across the chart
            if shape.type == "line" and shape.y0 is not None and shape.y0 == shape.y1 and shape.yref == "y":
                name = next(
                    (_plain(a.text).split(":")[0] for a in fig.layout.annotations or [] if a.y == shape.y0 and a.text),
                    t("report.series_level"),
                )
                data.add_series(name, [float(shape.y0)] * len(days), number_format="#,##0")
        chart = slide.shapes.add_chart(XL_CHART_TYPE.LINE, x, y, cx, cy, data).chart
        chart.has_legend = len(data._series) > 1
        for i, series in enumerate(chart.plots[0].series):
            series.smooth = False
            series.format.line.width = Pt(3 if i == 0 else 1.75)
            series.format.line.color.rgb = HOME if i == 0 else (ACCENT if i == 1 else MUTED)
        chart.category_axis.tick_labels.number_format = MONTHS[i18n.lang()]
        chart.category_axis.tick_labels.number_format_is_linked = False
        _every_months(chart, max(1, len(days) // 240))
    else:
        return False
    chart.font.size, chart.font.name = Pt(14), FONT
    chart.has_title = False
    if chart.has_legend:
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(14)
    value_axis = chart.value_axis
    value_axis.tick_labels.number_format, value_axis.tick_labels.number_format_is_linked = "#,##0", False
    value_axis.has_major_gridlines = True
    if axis:
        value_axis.has_title = True
        value_axis.axis_title.text_frame.text = axis
    return True


def _every_months(chart, months: int) -> None:
    """A date axis labelled every few months, not every day PowerPoint can fit."""
    from pptx.oxml.ns import qn

    axis = chart.category_axis._element
    for tag, value in (("c:majorUnit", str(months)), ("c:majorTimeUnit", "months")):
        el = axis.find(qn(tag))
        if el is None:
            el = axis.makeelement(qn(tag), {})
            axis.append(el)
        el.set("val", value)


def _picture(slide, fig: go.Figure, x, y, cx, cy) -> bool:
    """A figure with no native form (a race): its last frame as a picture, when Chromium is here."""
    if images.problem():
        return False
    still = go.Figure(fig)
    if fig.frames:
        still = go.Figure(data=fig.frames[-1].data, layout=fig.layout)
        still.layout.updatemenus, still.layout.sliders = (), ()
    px_w, px_h = 1600, int(1600 * cy / cx)
    png = images.png(projector.project(still, px_h), px_w, px_h)
    slide.shapes.add_picture(io.BytesIO(png), x, y, cx, cy)
    return True


def _slide(prs, report: Report, content: Content, caption: str, notes: str, n: int, total: int) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank: every shape is ours
    _text(slide, content.title, MARGIN, Inches(0.35), W - 2 * MARGIN, Inches(1.0), 30, bold=True)
    top = Inches(1.35)
    if caption:
        _text(slide, caption, MARGIN, top, W - 2 * MARGIN, Inches(0.5), 18, color=MUTED)
        top += Inches(0.55)
    body_h = H - top - Inches(1.35)
    if content.figures:
        per_row = 2 if len(content.figures) in (2, 4) else min(len(content.figures), 3)
        rows = -(-len(content.figures) // per_row)
        cell_w, cell_h = (W - 2 * MARGIN) / per_row, min(Inches(2.2), body_h / rows)
        for i, (label, value) in enumerate(content.figures):
            cx, cy = MARGIN + cell_w * (i % per_row), top + cell_h * (i // per_row)
            _text(slide, value, cx, cy, cell_w, Inches(1.2), 60, bold=True, color=HOME if i == 0 else INK)
            _text(slide, label, cx, cy + Inches(1.15), cell_w, Inches(0.6), 20, color=MUTED)
        top += cell_h * rows
    if content.points:
        _lines(slide, content.points, MARGIN, top, W - 2 * MARGIN, body_h, 20, numbered=True)
    if content.names:
        per = len(content.names) if len(content.names) <= 3 else 3
        col_w = (W - 2 * MARGIN) / per
        for i, (heading, names) in enumerate(content.names[:per]):
            box = _lines(slide, [heading, *names], MARGIN + col_w * i, top, col_w, body_h, 16)
            box.text_frame.paragraphs[0].runs[0].font.bold = True
    if content.chart is not None:
        area = (MARGIN, top, W - 2 * MARGIN, H - top - Inches(1.3))
        if not native_chart(slide, content.chart, *area) and not _picture(slide, content.chart, *area):
            _text(slide, images.problem() or "", MARGIN, top, W - 2 * MARGIN, Inches(1), 16, color=MUTED)
    if content.line:
        _text(slide, content.line, MARGIN, H - Inches(1.25), W - 2 * MARGIN, Inches(0.6), 18)
    footer = report.footer + " · " + t("report.slide_of", n=n, total=total)
    _text(
        slide, footer, MARGIN, H - Inches(0.6), W - 2 * MARGIN, Inches(0.4), 11, color=HOME if report.marks else MUTED
    )
    if notes or content.line:
        slide.notes_slide.notes_text_frame.text = notes or content.line


def write(report: Report, slides: list[tuple[Content, str, str]]) -> bytes:
    """``slides``: each slide's content, caption and speaker notes, in the run's order."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(W), Emu(H)
    prs.core_properties.title = report.title
    prs.core_properties.subject = report.version_line
    for n, (content, caption, notes) in enumerate(slides, start=1):
        _slide(prs, report, content, caption, notes, n, len(slides))
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()
