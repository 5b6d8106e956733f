"""Slides as the presentation mode draws them: the report's slide content over Streamlit's cached
queries, its chart restyled for the hall or for a preview."""

from __future__ import annotations

from sangkien.charts import projector
from sangkien.report.slides import BUILDERS, NEEDS, Content, available
from sangkien.report.source import Source
from sangkien.store.reading import Dataset
from sangkien.ui import data

__all__ = ["BUILDERS", "NEEDS", "Content", "available", "build", "source"]


def source(ds: Dataset) -> Source:
    """``ds`` asked through the cached queries and headline of every session (versions never change)."""
    return Source(ds, runner=data.query_runner, headliner=lambda d, f: data.cached_headline(d, None, f))


def build(kind: str, ds: Dataset, height: int | None = 640, hall: bool = True) -> Content:
    """The slide ``kind`` of ``ds``; its chart styled for the hall (``hall``) or as a small preview."""
    content = BUILDERS[kind](source(ds))
    if content.chart is not None:
        content.chart = projector.project(content.chart, height) if hall else projector.preview(content.chart, height)
    return content
