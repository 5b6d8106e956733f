"""What a slide says: its title, big figures, chart, names, sentences — built by ``slides``."""

from __future__ import annotations

from dataclasses import dataclass, field

import plotly.graph_objects as go

from sangkien.i18n import t


@dataclass
class Content:
    title: str
    figures: list[tuple[str, str]] = field(default_factory=list)  # (label, value) in big type
    chart: go.Figure | None = None
    names: list[tuple[str, list[str]]] = field(default_factory=list)  # (heading, names) for the honours
    line: str = ""  # one sentence under the figures or the chart
    points: list[str] = field(default_factory=list)  # sentences, one per line (the highlights)
    empty: bool = False  # the version has no data for this slide


def missing(title: str, what: str) -> Content:
    """A slide that says the version lacks ``what`` (both texts in the current language)."""
    return Content(title, line=t("slides.missing", what=what), empty=True)
