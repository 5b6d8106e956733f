"""A report as every file makes it: its marks (version, filters, demo, unpublished) and its sections.

A section holds what the page of the same name leads with: big figures, charts (Plotly figures,
drawn as they are in the HTML and turned into native charts in PowerPoint), tables (registry
headers, so Excel knows each column's format) and sentences.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from sangkien.analysis.highlights import Highlight
from sangkien.i18n import N_, t

UNPUBLISHED = N_("report.mark_unpublished")  # message keys: ``t(UNPUBLISHED)`` where shown
DEMO = N_("report.mark_demo")


@dataclass
class Table:
    name: str  # the sheet's name in Excel (≤ 31 characters, unique in a report)
    title: str
    frame: pd.DataFrame  # headers from the column registry


@dataclass
class Section:
    key: str  # overview, since, rankings, progress, benefits, contests, awards, campaign
    title: str
    figures: list[tuple[str, str]] = field(default_factory=list)
    points: list[Highlight] = field(default_factory=list)
    charts: list[go.Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


@dataclass
class Report:
    title: str
    unit: str | None
    version: str
    version_line: str  # "Phiên bản v0002 · Số liệu tổng kết … · số liệu đến 01/09/2023" (in the report's language)
    filters_line: str
    as_of: dt.date | None
    workspace: bool
    demo_tables: list[str]
    made_at: dt.datetime
    sections: list[Section] = field(default_factory=list)

    @property
    def marks(self) -> list[str]:
        """What every page, slide and sheet of the file says about where its figures come from."""
        out = [t(UNPUBLISHED)] if self.workspace else []
        if self.demo_tables:
            out.append(t(DEMO) + ": " + ", ".join(self.demo_tables))
        return out

    @property
    def footer(self) -> str:
        return " · ".join([self.version_line, *self.marks])

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def tables(self) -> list[Table]:
        return [table for s in self.sections for table in s.tables]
