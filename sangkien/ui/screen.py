"""How the pages sit on a screen from a phone to a projector: the app's styles, titles, chart headings.

A Plotly title is one line of SVG text: on a phone it runs off the figure. A chart's heading is
therefore page text above the figure (it wraps), keyed by the chart so that tests and links find it.
"""

from __future__ import annotations

import html
import json
import os
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from sangkien import i18n
from sangkien.i18n import t
from sangkien.paths import STATIC_DIR

CSS = STATIC_DIR / "app.css"
TOUCH = STATIC_DIR / "touch.js"  # a tap on a bar drills down as a click does (see the file)
HEAD_HEIGHT = 64  # the space a figure's own title took, given back to the plot
EXACT_ROWS = 10_000  # Streamlit hashes every row of a shorter frame


def style() -> None:
    """The app's stylesheet, once per run (from app.py), with the uploader's line in the session's
    language (a CSS string of the catalogue's text: ``json.dumps`` quotes it, ``<`` cannot close the tag)."""
    line = json.dumps(t("data.dropzone"), ensure_ascii=False)
    button = json.dumps(t("data.upload_button"), ensure_ascii=False)
    st.html(
        f"<style>{CSS.read_text(encoding='utf-8')}"
        f":root {{ --sk-dropzone-line: {html.escape(line, quote=False)};"
        f" --sk-upload-button: {html.escape(button, quote=False)}; }}</style>"
    )


def touch() -> None:
    """The page's one script of ours, from a file of the project (never user text): taps select bars."""
    st.html(f"<script>{TOUCH.read_text(encoding='utf-8')}</script>", unsafe_allow_javascript=True)


def instance_mark() -> None:
    """Which app process serves this session (``SANGKIEN_INSTANCE``, set by ``sangkien.cluster``), as a
    hidden mark a test or an operator's browser tools can read; nothing when it runs alone."""
    instance = os.environ.get("SANGKIEN_INSTANCE")
    if instance:
        st.html(f'<span class="sk-instance" data-instance="{html.escape(instance)}" hidden></span>')


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


@dataclass(frozen=True)
class Prepared:
    """A figure ready for the page: its heading as text, the figure without its title."""

    text: str
    sub: str | None
    fig: go.Figure


def prepare(fig: go.Figure) -> Prepared:
    """Take the title out of ``fig`` (a copy) and give its room back to the plot."""
    text, sub = split_title(fig)
    if text:
        fig = go.Figure(fig)
        top = fig.layout.margin.t
        if top is None:  # the template's
            top = fig.layout.template.layout.margin.t if fig.layout.template.layout.margin.t is not None else 80
        fig.update_layout(title=None, margin_t=max(top - HEAD_HEIGHT, 12))
        if fig.layout.height:
            fig.update_layout(height=fig.layout.height - (top - fig.layout.margin.t))
    return Prepared(text, sub, fig)


@st.cache_resource(max_entries=128, ttl=3600, show_spinner=False)
def _built(name: str, args: tuple, kwargs: dict, _builder) -> Prepared | list[Prepared]:
    return _build(_builder, args, kwargs)


def _build(builder, args: tuple, kwargs: dict) -> Prepared | list[Prepared]:
    made = builder(*args, **kwargs)
    return [prepare(f) for f in made] if isinstance(made, list) else prepare(made)


def built(builder, *args, **kwargs) -> Prepared | list[Prepared]:
    """``builder(*args, **kwargs)`` (a chart of ``charts/``: a pure function of its arguments) built
    and prepared once for the same arguments, whichever session asks: building a Plotly figure costs
    more than the query behind it. The figure is shared, so nothing may change it afterwards (Streamlit
    copies it to send it). Arguments are hashed by value (DataFrames by their content); a frame of
    ``EXACT_ROWS`` rows or more is built every time (Streamlit hashes a sample of a long frame)."""
    frames = [a for a in (*args, *kwargs.values()) if isinstance(a, pd.DataFrame)]
    if any(len(f) >= EXACT_ROWS for f in frames):
        return _build(builder, args, kwargs)
    # the language is part of the key: a figure holds the words of the language it was built in
    return _built(f"{i18n.lang()}:{builder.__module__}.{builder.__qualname__}", args, kwargs, builder)


def chart(fig: go.Figure | Prepared, key: str, where=None, **kw):
    """A figure with its heading above it as text, the figure's own title removed and its room given back."""
    ready = fig if isinstance(fig, Prepared) else prepare(fig)
    with (where or st).container(key=f"chart_{key}"):
        if ready.text:
            heading(ready.text, ready.sub, key)
        return st.plotly_chart(ready.fig, width="stretch", theme=None, key=key, **kw)


def grid(figs: list[go.Figure] | list[Prepared], key: str) -> None:
    """Small charts side by side in ``st.columns`` (two or three a row), which stack on a phone."""
    per_row = 2 if len(figs) <= 4 else 3
    for start in range(0, len(figs), per_row):
        for i, (col, fig) in enumerate(zip(st.columns(per_row), figs[start : start + per_row], strict=False)):
            chart(fig, f"{key}_{start + i}", where=col)
