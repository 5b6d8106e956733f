"""How the pages sit on a screen from a phone to a projector: the app's styles, titles, chart headings.

A Plotly title is one line of SVG text: on a phone it runs off the figure. A chart's heading is
therefore page text above the figure (it wraps), keyed by the chart so that tests and links find it.
"""

from __future__ import annotations

import html

import plotly.graph_objects as go
import streamlit as st

from sangkien.paths import STATIC_DIR

CSS = STATIC_DIR / "app.css"
TOUCH = STATIC_DIR / "touch.js"  # a tap on a bar drills down as a click does (see the file)
HEAD_HEIGHT = 64  # the space a figure's own title took, given back to the plot


def style() -> None:
    """The app's stylesheet, once per run (from app.py)."""
    st.html(f"<style>{CSS.read_text(encoding='utf-8')}</style>")


def touch() -> None:
    """The page's one script of ours, from a file of the project (never user text): taps select bars."""
    st.html(f"<script>{TOUCH.read_text(encoding='utf-8')}</script>", unsafe_allow_javascript=True)


def title(finding: str, subject: str | None = None) -> None:
    """A page title: the finding, with its subject in a short line above it when the subject is long."""
    if subject:
        st.html(f'<div class="sk-kicker">{html.escape(subject)}</div>')
    st.title(finding, anchor=False)


def heading(text: str, sub: str | None, key: str) -> None:
    """A chart's heading and subtitle as text, marked with the chart's key."""
    sub_html = f'<div class="sk-cs">{html.escape(sub)}</div>' if sub else ""
    st.html(
        f'<div class="sk-chart-head" data-chart="{html.escape(key)}">'
        f'<div class="sk-ct">{html.escape(text)}</div>{sub_html}</div>'
    )


def split_title(fig: go.Figure) -> tuple[str, str | None]:
    """A figure's title and subtitle as plain text (the charts write both as Plotly text, entities and all)."""
    t = fig.layout.title
    sub = t.subtitle.text if t.subtitle and t.subtitle.text else None
    return html.unescape(t.text or ""), (html.unescape(sub) if sub else None)


def chart(fig: go.Figure, key: str, where=None, **kw):
    """A figure with its heading above it as text, the figure's own title removed and its room given back."""
    text, sub = split_title(fig)
    with (where or st).container(key=f"chart_{key}"):
        if text:
            heading(text, sub, key)
            fig = go.Figure(fig)
            top = fig.layout.margin.t
            if top is None:  # the template's
                top = fig.layout.template.layout.margin.t if fig.layout.template.layout.margin.t is not None else 80
            fig.update_layout(title=None, margin_t=max(top - HEAD_HEIGHT, 12))
            if fig.layout.height:
                fig.update_layout(height=fig.layout.height - (top - fig.layout.margin.t))
        return st.plotly_chart(fig, width="stretch", theme=None, key=key, **kw)


def grid(figs: list[go.Figure], key: str) -> None:
    """Small charts side by side in ``st.columns`` (two or three a row), which stack on a phone."""
    per_row = 2 if len(figs) <= 4 else 3
    for start in range(0, len(figs), per_row):
        for i, (col, fig) in enumerate(zip(st.columns(per_row), figs[start : start + per_row], strict=False)):
            chart(fig, f"{key}_{start + i}", where=col)
