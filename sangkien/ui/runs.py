"""The run-of-show editor on Trình chiếu: the slides as an editable table, and a preview of one."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sangkien.i18n import N_, t
from sangkien.store.reading import open_dataset
from sangkien.store.shows import SLIDES, Show, Slide
from sangkien.ui import present

# the table's headers (keys; shown in the language of the run)
HEADERS = N_("runs.col_slide"), N_("runs.col_seconds"), N_("runs.col_caption"), N_("runs.col_notes")


def titles() -> dict[str, str]:
    """kind -> the slide's title in the current language (``SLIDES`` holds a key or a text)."""
    return {k: t(title) for k, (title, _) in SLIDES.items()}


def edit(base: Show, key: str) -> Show:
    """The table of ``base``'s slides (rows can be added, removed, changed); the run as edited."""
    col_slide, col_seconds, col_caption, col_notes = (t(h) for h in HEADERS)
    names = titles()
    kinds = {title: k for k, title in names.items()}
    frame = pd.DataFrame(
        {
            col_slide: [names[s.kind] for s in base.slides],
            col_seconds: [s.seconds for s in base.slides],
            col_caption: [s.caption for s in base.slides],
            col_notes: [s.notes for s in base.slides],
        }
    )
    edited = st.data_editor(
        frame,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        key=key,
        column_config={
            col_slide: st.column_config.SelectboxColumn(options=list(names.values()), required=True),
            col_seconds: st.column_config.NumberColumn(min_value=5, max_value=600, step=5, required=True, default=30),
            col_caption: st.column_config.TextColumn(max_chars=200),
            col_notes: st.column_config.TextColumn(max_chars=4000, width="large"),
        },
    )

    def text(value) -> str:
        return str(value) if pd.notna(value) and value else ""

    slides = [
        Slide(
            kinds[r[col_slide]],
            int(r[col_seconds]) if pd.notna(r[col_seconds]) else 30,
            text(r[col_caption]),
            text(r[col_notes]),
        )
        for _, r in edited.dropna(subset=[col_slide]).iterrows()
    ]
    return Show(base.name, base.version, slides)


def preview(run: Show) -> None:
    """One slide of ``run`` as the presenter's view shows it, chosen from a list."""
    if not run.slides:
        return
    with st.expander(t("runs.preview")):
        names = [str(n) + ". " + t(slide.title) for n, slide in enumerate(run.slides, 1)]  # made in this run
        i = st.selectbox(
            t("runs.col_slide"),
            range(len(run.slides)),
            format_func=names.__getitem__,
            key="pr_preview",
        )
        ds = open_dataset(None, run.version)
        present.render(present.slide_content(ds, run.slides[i].kind, 380, hall=False), run.slides[i].caption, "notes")
