"""The run-of-show editor on Trình chiếu: the slides as an editable table, and a preview of one."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sangkien.store.reading import open_dataset
from sangkien.store.shows import SLIDES, Show, Slide
from sangkien.ui import present

TITLES = {k: t for k, (t, _) in SLIDES.items()}
KINDS = {t: k for k, t in TITLES.items()}
SLIDE, SECONDS, CAPTION, NOTES = "Trang", "Giây", "Chú thích", "Ghi chú của người trình bày"


def edit(base: Show, key: str) -> Show:
    """The table of ``base``'s slides (rows can be added, removed, changed); the run as edited."""
    frame = pd.DataFrame(
        {
            SLIDE: [TITLES[s.kind] for s in base.slides],
            SECONDS: [s.seconds for s in base.slides],
            CAPTION: [s.caption for s in base.slides],
            NOTES: [s.notes for s in base.slides],
        }
    )
    edited = st.data_editor(
        frame,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        key=key,
        column_config={
            SLIDE: st.column_config.SelectboxColumn(options=list(TITLES.values()), required=True),
            SECONDS: st.column_config.NumberColumn(min_value=5, max_value=600, step=5, required=True, default=30),
            CAPTION: st.column_config.TextColumn(max_chars=200),
            NOTES: st.column_config.TextColumn(max_chars=4000, width="large"),
        },
    )

    def text(value) -> str:
        return str(value) if pd.notna(value) and value else ""

    slides = [
        Slide(KINDS[r[SLIDE]], int(r[SECONDS]) if pd.notna(r[SECONDS]) else 30, text(r[CAPTION]), text(r[NOTES]))
        for _, r in edited.dropna(subset=[SLIDE]).iterrows()
    ]
    return Show(base.name, base.version, slides)


def preview(run: Show) -> None:
    """One slide of ``run`` as the presenter's view shows it, chosen from a list."""
    if not run.slides:
        return
    with st.expander("Xem trước một trang"):
        i = st.selectbox(
            "Trang",
            range(len(run.slides)),
            format_func=lambda n: f"{n + 1}. {run.slides[n].title}",
            key="pr_preview",
        )
        ds = open_dataset(None, run.version)
        present.render(present.slide_content(ds, run.slides[i].kind, 380, hall=False), run.slides[i].caption, "notes")
