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
    from pathlib import Path

    return sorted((Path(__file__).resolve().parent.parent / "data" / "samples").glob("*"))
