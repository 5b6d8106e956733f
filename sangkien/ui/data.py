"""The data a session sees and the cached queries over it.

Caches are Streamlit's (``st.cache_data``), keyed by the version file's path: version files are
immutable and a workspace's path holds its random id, so one session's data never reaches another.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from sangkien.analysis.filters import Filters
from sangkien.analysis.summary import headline
from sangkien.db import run_query
from sangkien.i18n import N_, t
from sangkien.ingest import schema
from sangkien.report.source import DEFAULT_BANDS
from sangkien.store import upgrade
from sangkien.store.reading import CONNECTIONS, Dataset, open_dataset, open_workspace

WORKSPACE_KEY = "_workspace"
UPGRADING = N_("data.upgrading")


@st.cache_data(show_spinner=False, max_entries=512)
def _run(path: str, version: str, name: str, params: tuple) -> pd.DataFrame:
    with CONNECTIONS.cursor(path) as cur:  # leased: the connection stays open until the query is done
        return run_query(cur, name, **dict(params))


def query(ds: Dataset, name: str, **params: Any) -> pd.DataFrame:
    """``queries/<name>.sql`` on ``ds``, cached by version file, query and parameters."""
    return _run(str(ds.path), ds.id, name, tuple(sorted(params.items())))


def query_runner(ds: Dataset):
    """A cached ``run(name, **params)`` for one version (analysis functions take it)."""
    return lambda name, **params: query(ds, name, **params)


def published() -> Dataset | None:
    """The published version in use, whatever this session is looking at. A version written before the
    store's format is upgraded on its first opening (with a spinner); when that cannot be done the
    page says why and stops."""
    try:
        return open_dataset(upgrading=lambda: st.spinner(t(UPGRADING), show_time=True))
    except upgrade.UpgradeError as exc:
        st.error(str(exc), icon=":material/error:")
        st.stop()


def dataset() -> Dataset | None:
    """The data this session sees: its private workspace when it has one, else the published version.

    Read afresh on every rerun, so a new publication shows without a restart. Every page and
    helper gets its data here and nowhere else.
    """
    wid = st.session_state.get(WORKSPACE_KEY)
    if wid:
        ds = open_workspace(None, wid)
        if ds is not None:
            return ds
        st.session_state.pop(WORKSPACE_KEY, None)  # published, discarded or swept: back to the published data
    return open_dataset()


def dataset_with(*kinds: str) -> Dataset:
    """The dataset in use when it holds one of ``kinds``; otherwise the page says what is missing and stops."""
    ds = dataset()
    if ds is None:
        st.info(t("data.no_data"))
        st.stop()
    if kinds and not any(ds.has(k) for k in kinds):
        labels = t("data.or").join(schema.KINDS[k].label for k in kinds)
        st.info(t("data.missing_kind", version=ds.id, labels=labels))
        st.stop()
    return ds


def as_of(ds: Dataset) -> object:
    frame = query(ds, "version_as_of")
    return frame["as_of"].iloc[0] if len(frame) else None


def version_line(ds: Dataset) -> str:
    """'Phiên bản v0002 · <label> · số liệu đến 01/09/2023', or the workspace's line."""
    from sangkien.report import build
    from sangkien.report.source import Source

    return build.version_line(Source(ds, runner=query_runner))


@st.cache_data(show_spinner=False, max_entries=256)
def _headline(path: str, version: str, unit: str | None, home: str | None, filter_items: tuple, _ds) -> dict:
    return headline(_ds, unit, Filters(**dict(filter_items)))


def cached_headline(ds: Dataset, unit: str | None = None, f: Filters | None = None) -> dict:
    """Headline figures of a version (immutable), cached per version file, unit and filters."""
    f = f or Filters()
    return _headline(str(ds.path), ds.id, unit, ds.home_unit, tuple(sorted(f.__dict__.items())), ds)


def previous_headline(ds: Dataset, unit: str | None = None, f: Filters | None = None) -> dict | None:
    """The same figures in the version published just before this one, if any."""
    if ds.previous is None:
        return None
    prev = open_dataset(ds.root, ds.previous)
    try:
        return cached_headline(prev, unit or ds.home_unit, f)
    except LookupError:
        return None


def band_edges() -> list[float]:
    """The benefit bands (a store setting, in đồng); default ≥100 tỷ, 10–100 tỷ, 3–10 tỷ, 1–3 tỷ, <1 tỷ."""
    ds = dataset()
    settings = ds.settings if ds is not None else {}
    return [float(x) for x in settings.get("benefit_bands", DEFAULT_BANDS)]


def progress_targets(ds: Dataset, scope: str, scope_name: str, children: pd.DataFrame, chosen: list) -> pd.DataFrame:
    """The scope itself first, then the chosen units, with their quotas."""
    lookup = query(ds, "unit_lookup", unit_key=scope)
    quota = lookup["quota"].dropna()
    own = pd.DataFrame({"unit_key": [scope], "unit": [scope_name], "quota": [quota.iloc[0] if len(quota) else None]})
    picked = children[children["unit_key"].isin(chosen)][["unit_key", "unit", "quota"]]
    return pd.concat([own, picked], ignore_index=True)
