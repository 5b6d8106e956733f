"""The upload panel of Nạp dữ liệu: staged files, their column mapping, rejected rows, aliases."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd
import streamlit as st

from sangkien import i18n
from sangkien.columns import label, table
from sangkien.i18n import t, tn
from sangkien.ingest import schema
from sangkien.ingest.limits import stated
from sangkien.ingest.uploads import UNUSED, column_choices, stage_upload
from sangkien.paths import SAMPLES_DIR
from sangkien.store.reading import Dataset
from sangkien.tables import rejects_table, to_csv_bytes


def sample_files() -> list:
    """(label, path) of each sample file, labelled by the kind of table it shows."""

    out = []
    for path in sorted(SAMPLES_DIR.glob("mau_*.csv")):
        kind = schema.KINDS.get(path.stem.removeprefix("mau_"))
        out.append((kind.label if kind else path.name, path))
    return out


def staged_upload(upload, fixes: dict, options) -> list:
    """Stage an uploaded file once per (file, corrections) in this session; never shared across sessions."""
    key = "data_staged_" + upload.file_id + json.dumps(fixes, sort_keys=True, ensure_ascii=False)
    if key not in st.session_state:
        holder = st.empty()  # the steps of a long read (a national export takes seconds), gone once read
        with holder.status(t("upload.reading", file=upload.name)) as box:
            st.session_state[key] = stage_upload(
                upload.name, upload.getvalue(), fixes, options, progress=lambda step: box.update(label=step)
            )
        holder.empty()
    return st.session_state[key]


def technical_detail(detail: str | None) -> None:
    """The technical cause of an error, folded away under the message."""
    if detail:
        with st.expander(t("upload.technical_detail")):
            st.code(detail.strip(), language=None)


def uploader_limits() -> None:
    """Our own line of limits, in the session's language (the uploader's own line is replaced in app.py's style sheet)."""
    st.caption(stated())


def merged_aliases(ds: Dataset | None, accepted: pd.DataFrame) -> pd.DataFrame:
    """The version's aliases plus the suggestions the user accepted on the page."""
    current = aliases_frame(ds)
    added = pd.DataFrame(
        {
            current.columns[0]: accepted["name"].tolist(),
            current.columns[1]: accepted["suggestion"].tolist(),
            current.columns[2]: [None] * len(accepted),
        }
    )
    return pd.concat([current, added], ignore_index=True)


def staged_details(s, i: int, fix: dict) -> None:
    """One staged file: its messages, the column mapping (editable), its rejected rows."""
    if s.error:
        st.error(s.error)
        technical_detail(s.detail)
    elif s.sheet:
        st.checkbox(t("upload.use_sheet", sheet=s.sheet), value=True, key=f"data_use_{i}")
    for note in s.notes:
        st.caption(note)
    if s.headers:
        kinds = list(schema.KINDS)
        kind = st.selectbox(
            t("upload.kind"),
            kinds,
            index=kinds.index(s.kind) if s.kind else None,
            format_func=i18n.bound(lambda k: schema.KINDS[k].label),
            key=f"data_kind_{i}",
            placeholder=t("upload.kind_placeholder"),
        )
        choices = column_choices(kind)
        labels = {v: k for k, v in choices.items()}
        st.caption(t("upload.mapping_remembered") if s.remembered else t("upload.mapping"))
        grid = st.columns(3)
        same_kind = kind == s.kind
        # Widgets are keyed by the mapping they show, so a re-read file shows its new mapping.
        state = hashlib.sha1(json.dumps([kind, s.mapping], sort_keys=True).encode()).hexdigest()[:10]
        wanted = dict(s.overrides) if same_kind else {}
        for j, header in enumerate(s.headers):
            now = s.mapping.get(header) if same_kind else None
            picked = grid[j % 3].selectbox(
                header,
                list(choices),
                index=list(choices).index(labels.get(now, t(UNUSED))),
                key=f"data_map_{i}_{state}_{j}",
            )
            if choices[picked] != now:
                wanted[header] = choices[picked]
        if not same_kind or wanted != s.overrides:
            fix.update(kind=kind, columns=wanted)
            st.rerun()
    if s.rejected:
        st.warning(tn("upload.rows_rejected", s.rejected))
        st.dataframe(rejects_table(s), hide_index=True, width="stretch")
        st.download_button(
            t("upload.download_rejects"),
            to_csv_bytes(rejects_table(s)),
            file_name=t("upload.rejects_file", stem=Path(s.file).stem),
            key=f"data_rej_{i}",
        )


def known_names(ds: Dataset | None) -> list[str]:
    if ds is None:
        return []
    frame = ds.query("known_unit_names")
    return frame["name"].tolist()


def aliases_frame(ds: Dataset | None) -> pd.DataFrame:
    """The version's aliases as the page shows and edits them."""
    keys = ("alias", "canonical", "alias_parent")
    if ds is None or not ds.has("aliases"):
        return pd.DataFrame(columns=[label(k) for k in keys])
    frame = ds.query("aliases_list")
    return table(frame, list(zip(keys, frame.columns, strict=True)))
