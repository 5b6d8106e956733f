"""The report's files, as the overview's buttons and ``python -m sangkien report`` make them."""

from __future__ import annotations

from sangkien.i18n import t
from sangkien.report import build, html, pptx, slides, xlsx
from sangkien.report.model import Report
from sangkien.report.source import Source
from sangkien.store.shows import Show, default_show

FORMATS = {
    "html": ("text/html", ".html"),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
}


def make_report(src: Source, since: str | None = None) -> Report:
    """The report of ``src``; ``since`` names the baseline (a version or a date), default the version before."""
    return build.report(src, build.baseline(src, since))


def show_slides(src: Source, show: Show | None = None) -> list:
    """Each slide of ``show`` (default: the usual run over what the version holds) with its caption and notes."""
    show = show or default_show(src.ds.id, slides.available(src.ds))
    return [(slides.BUILDERS[s.kind](src), s.caption, s.notes) for s in show.slides]


def make(src: Source, kind: str, since: str | None = None, show: Show | None = None) -> bytes:
    report = make_report(src, since)
    if kind == "html":
        return html.write(report)
    if kind == "xlsx":
        return xlsx.write(report)
    if kind == "pptx":
        return pptx.write(report, show_slides(src, show))
    raise ValueError(t("report.error_format", kind=kind))


def file_name(report_or_src, kind: str) -> str:
    """The download's name, in the words of the language without diacritics: bao_cao_v0002.html, report_v0002.html."""
    ds = report_or_src.ds if isinstance(report_or_src, Source) else None
    version = ds.id if ds is not None else report_or_src.version
    return t("report.file", version=version) + FORMATS[kind][1]
