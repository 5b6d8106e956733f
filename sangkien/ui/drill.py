"""Drilling down the hierarchy: the measure picker, the breadcrumb, a click on a bar, the moves."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from sangkien import i18n
from sangkien.analysis.filters import Filters
from sangkien.analysis.rankings import MEASURES, movement, ranking
from sangkien.i18n import N_, t
from sangkien.store.reading import Dataset, open_dataset
from sangkien.ui.data import query, query_runner

# what a ranking is compared with (the options of the page's control, shown through ``t``)
COMPARE = {"days_30": N_("drill.compare_30_days"), "previous": N_("drill.compare_previous")}


def measure_picker(key: str):
    picked = st.selectbox(
        t("drill.rank_by"), list(MEASURES), format_func=i18n.bound(lambda k: MEASURES[k].label), key=key
    )
    return MEASURES[picked]


def breadcrumb(ds: Dataset, current: str | None) -> list[tuple[str | None, str]]:
    """Toàn quốc › federation › upper-level unit, as buttons; returns the trail (key, name)."""
    trail: list[tuple[str | None, str]] = [(None, t("drill.nationwide"))]
    if current:
        lookup = query(ds, "unit_lookup", unit_key=current)
        parent_key = lookup["parent_key"].dropna().iloc[0] if lookup["parent_key"].notna().any() else None
        name = lookup["name"].dropna().iloc[0] if lookup["name"].notna().any() else current
        level = lookup["level"].dropna().iloc[0] if lookup["level"].notna().any() else None
        if parent_key and level != "federation":
            parent = query(ds, "unit_lookup", unit_key=parent_key)
            trail.append((parent_key, parent["name"].dropna().iloc[0] if parent["name"].notna().any() else parent_key))
        trail.append((current, name))
    cols = st.columns(len(trail) + 2)
    for i, (key, name) in enumerate(trail):
        label = ("› " if i else "") + name
        if cols[i].button(label, key=f"crumb_{i}", disabled=i == len(trail) - 1, type="tertiary"):
            if key is None:
                st.query_params.pop("unit", None)
            else:
                st.query_params["unit"] = key
            st.rerun()
    return trail


def drill_on_click(ds: Dataset, event, frame: pd.DataFrame, current: str | None) -> None:
    """A click on a bar opens the units under it (when there are any: grassroots unions have none)."""
    points = (
        (event or {}).get("selection", {}).get("points", [])
        if isinstance(event, dict)
        else (event.selection.points if event else [])
    )
    if not points:
        return
    point = points[0]
    key = point.get("customdata")
    if isinstance(key, list):
        key = key[0]
    if key is None:
        names = dict(zip(frame["unit"], frame["unit_key"], strict=True))
        key = names.get(point.get("y"))
    if not key or key == current:
        return
    has_children = not query(
        ds, "ranking_children", parent_key=key, start=None, end=None, all_statuses=True, field=None
    ).empty
    if has_children:
        st.query_params["unit"] = key
        st.rerun()
    else:
        st.toast(t("drill.no_children"), icon=":material/info:")


def ranking_moves(
    ds: Dataset, current: str | None, f: Filters, measure: str, as_of, compare: str | None, frame: pd.DataFrame
) -> pd.Series | None:
    """Movement of each unit since 30 days before ``as_of`` (``compare`` "days_30") or since the previous
    version ("previous")."""
    if not compare:
        return None
    if compare == "days_30":
        before = ranking(ds, current, f.with_end(as_of - dt.timedelta(days=30)), measure, query_runner(ds))
    else:
        if ds.previous is None:
            return None
        prev = open_dataset(ds.root, ds.previous)
        before = ranking(prev, current, f, measure, query_runner(prev))
    return movement(frame, before)
