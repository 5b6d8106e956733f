"""Streamlit glue shared by the pages: the dataset in use, cached queries, small widgets.

Streamlit is imported inside the functions so that the package imports without it.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from . import fmt, schema
from .dataset import Dataset, open_dataset

DEMO_LABEL = "Dữ liệu minh họa"
_cached = None


def _cached_runner():
    global _cached
    if _cached is None:
        import streamlit as st

        # Keyed by the version file (immutable), the query and its parameters.
        @st.cache_data(show_spinner=False, max_entries=512)
        def run(path: str, version: str, name: str, params: tuple) -> pd.DataFrame:
            from .dataset import _connection
            from .db import run_query

            return run_query(_connection(path), name, **dict(params))

        _cached = run
    return _cached


def query(ds: Dataset, name: str, **params: Any) -> pd.DataFrame:
    return _cached_runner()(str(ds.path), ds.id, name, tuple(sorted(params.items())))


def dataset() -> Dataset | None:
    """The version in use, read afresh on every rerun so a new load shows without restart."""
    return open_dataset()


def as_of(ds: Dataset) -> object:
    frame = query(ds, "version_as_of")
    return frame["as_of"].iloc[0] if len(frame) else None


def version_line(ds: Dataset) -> str:
    label = ds.version.get("label") or ""
    return f"Phiên bản {ds.id}" + (f" · {label}" if label else "") + f" · số liệu đến {fmt.date(as_of(ds))}"


def demo_badge(ds: Dataset, *kinds: str) -> None:
    """Marks figures that come from demo tables, table by table."""
    import streamlit as st

    demo = [schema.KINDS[k].label for k in kinds if ds.is_demo(k)]
    if demo:
        st.badge(f"{DEMO_LABEL}: " + ", ".join(demo), icon=":material/info:", color="orange")


_headline = None


def cached_headline(ds: Dataset, unit: str | None = None) -> dict:
    """Headline figures of a version (immutable), cached per version file and unit."""
    global _headline
    if _headline is None:
        import streamlit as st

        from .summary import headline

        @st.cache_data(show_spinner=False, max_entries=64)
        def run(path: str, version: str, unit: str | None, home: str | None) -> dict:
            return headline(open_dataset(version=version), unit)

        _headline = run
    return _headline(str(ds.path), ds.id, unit, ds.home_unit)


def previous_headline(ds: Dataset, unit: str | None = None) -> dict | None:
    """The same figures in the version published just before this one, if any."""
    from .store import Store

    ids = [v["id"] for v in Store().versions()]
    if ds.id not in ids or ids.index(ds.id) == 0:
        return None
    prev = open_dataset(version=ids[ids.index(ds.id) - 1])
    try:
        return cached_headline(prev, unit or ds.home_unit)
    except LookupError:
        return None


def delta(now: dict, prev: dict | None, key: str, rank: bool = False) -> str | None:
    """Change since the previous version as text for st.metric ('+1.234', '−3'); ranks: up is positive."""
    if not prev or now.get(key) is None or prev.get(key) is None:
        return None
    change = (prev[key] - now[key]) if rank else (now[key] - prev[key])
    if change == 0:
        return None
    text = fmt.signed(change).replace("−", "-")
    return f"{text} bậc" if rank else text


def sample_files() -> list:
    """(label, path) of each sample file, labelled by the kind of table it shows."""
    from pathlib import Path

    out = []
    for path in sorted((Path(__file__).resolve().parent.parent / "data" / "samples").glob("mau_*.csv")):
        kind = schema.KINDS.get(path.stem.removeprefix("mau_"))
        out.append((kind.label if kind else path.name, path))
    return out


def staged_upload(upload, fixes: dict, options) -> list:
    """Stage an uploaded file once per (file, corrections) in this session; never shared across sessions."""
    import json

    import streamlit as st

    from .dataops import stage_upload

    key = "data_staged_" + upload.file_id + json.dumps(fixes, sort_keys=True, ensure_ascii=False)
    if key not in st.session_state:
        st.session_state[key] = stage_upload(upload.name, upload.getvalue(), fixes, options)
    return st.session_state[key]


def merged_aliases(ds: Dataset | None, accepted: pd.DataFrame) -> pd.DataFrame:
    """The version's aliases plus the suggestions the user accepted on the page."""
    from .dataops import aliases_frame

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
    import hashlib
    import json
    from pathlib import Path

    import streamlit as st

    from . import schema
    from .dataops import UNUSED, column_choices
    from .tables import rejects_table, to_csv_bytes

    if s.error:
        st.error(s.error)
    elif s.sheet:
        st.checkbox(f"Đưa trang '{s.sheet}' vào lần xuất bản", value=True, key=f"data_use_{i}")
    for note in s.notes:
        st.caption(note)
    if s.headers:
        kinds = list(schema.KINDS)
        kind = st.selectbox(
            "Loại dữ liệu",
            kinds,
            index=kinds.index(s.kind) if s.kind else None,
            format_func=lambda k: schema.KINDS[k].label,
            key=f"data_kind_{i}",
            placeholder="Chọn loại dữ liệu của tệp",
        )
        choices = column_choices(kind)
        labels = {v: k for k, v in choices.items()}
        st.caption(
            "Cách ghép cột"
            + (" (đã nhớ từ lần trước)" if s.remembered else "")
            + ": chọn cột chuẩn cho từng cột của tệp, hoặc không dùng. Dấu * là cột bắt buộc."
        )
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
                index=list(choices).index(labels.get(now, UNUSED)),
                key=f"data_map_{i}_{state}_{j}",
            )
            if choices[picked] != now:
                wanted[header] = choices[picked]
        if not same_kind or wanted != s.overrides:
            fix.update(kind=kind, columns=wanted)
            st.rerun()
    if s.rejected:
        st.warning(f"{fmt.num(s.rejected)} dòng bị loại; các dòng này được giữ trong nhật ký nạp.")
        st.dataframe(rejects_table(s), hide_index=True, width="stretch")
        st.download_button(
            "Tải các dòng bị loại (CSV)",
            to_csv_bytes(rejects_table(s)),
            file_name=f"dong_bi_loai_{Path(s.file).stem}.csv",
            key=f"data_rej_{i}",
        )


def ensure_navigation() -> None:
    """Run every page through app.py, even the first request of a fresh server.

    Streamlit treats a `pages/` folder as its older multipage mode until `st.navigation`
    has run once in the process; a link straight to a page (…/store) on a fresh server
    would then run the page without app.py (no page config, no sidebar). Switch the
    mode off and rerun: the rerun goes through app.py and lands on the same page.
    """
    import streamlit as st
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory and not st.session_state.get("_navigation_fixed"):
        st.session_state["_navigation_fixed"] = True  # once per session (AppTest resets the mode each run)
        PagesManager.uses_pages_directory = False
        st.rerun()
