"""The shared filters in the sidebar (same keys on every analysis page) and what follows from them."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from sangkien import i18n
from sangkien.analysis.filters import Filters
from sangkien.i18n import N_, t
from sangkien.ingest.normalize import unit_key
from sangkien.store.reading import Dataset
from sangkien.ui.data import query, version_line
from sangkien.ui.widgets import md_escape

ALL = N_("filters.all")  # the option "every value" (a key: shown through ``t``)
VALID, ALL_STATUSES = N_("filters.status_valid"), N_("filters.status_all")
SLIDER_DATE = {"vi": "DD/MM/YYYY", "en": "D MMM YYYY"}  # a slider's day as ``fmt.date`` writes it
FILTER_KEYS = ("flt_period", "flt_status", "flt_fed", "flt_upper", "flt_unit", "flt_field")


def sidebar(ds: Dataset) -> Filters:
    """Draw the shared filters in the sidebar and return them (same keys on every analysis page)."""
    saved = st.session_state.setdefault("flt_saved", {})
    ranges = query(ds, "filter_ranges")
    if ranges.empty or pd.isna(ranges["first_day"].iloc[0]):
        return Filters()
    first, last = ranges["first_day"].iloc[0].date(), ranges["last_day"].iloc[0].date()
    old_bounds = saved.get("bounds")
    if old_bounds and old_bounds != (first, last):
        # A new version moved the data's period: a period left at "everything" follows it.
        chosen = st.session_state.get("flt_period", saved.get("period"))
        if not chosen or tuple(chosen) == tuple(old_bounds):
            st.session_state["flt_period"] = saved["period"] = (first, last)
        else:
            st.session_state["flt_period"] = saved["period"] = (max(chosen[0], first), min(chosen[-1], last))
    saved["bounds"] = (first, last)
    with st.sidebar:
        st.subheader(t("filters.title"))
        period = st.date_input(
            t("filters.period"),
            value=saved.get("period", (first, last)),
            min_value=first,
            max_value=last,
            format="DD/MM/YYYY",
            key="flt_period",
        )
        # The options are texts of the run's language: a choice made in the other language is kept by meaning.
        statuses = {VALID: t(VALID), ALL_STATUSES: t(ALL_STATUSES)}
        _forget_if_not_in("flt_status", statuses.values())
        status = st.segmented_control(
            t("filters.status"),
            list(statuses.values()),
            default=statuses[saved.get("status", VALID)],
            key="flt_status",
        )
        names: dict[str, str] = {}
        fed = _pick(ds, t("filters.federation"), None, saved, "flt_fed", names)
        upper = _pick(ds, t("filters.upper_level"), fed, saved, "flt_upper", names) if fed else None
        unit = _pick(ds, t("filters.grassroots"), upper, saved, "flt_unit", names) if upper else None
        every = t(ALL)
        fields = [every, *ranges["field"].dropna().tolist()]
        _forget_if_not_in("flt_field", fields)
        chosen_field = saved.get("field") or every
        field = st.selectbox(
            t("filters.field"),
            fields,
            index=fields.index(chosen_field) if chosen_field in fields else 0,
            key="flt_field",
        )
    all_statuses = status == statuses[ALL_STATUSES]
    field = None if field == every else field
    saved.update(period=period, status=ALL_STATUSES if all_statuses else VALID, field=field)
    start, end = (period[0], period[-1]) if isinstance(period, tuple | list) and period else (None, None)
    return Filters(
        start=start if start and start > first else None,
        end=end if end and end < last else None,
        all_statuses=all_statuses,
        federation_key=fed,
        parent_key=upper,
        unit_key=unit,
        field=field,
        federation=names[fed] if fed else None,
        parent=names[upper] if upper else None,
        unit=names[unit] if unit else None,
    )


def _forget_if_not_in(key: str, options) -> None:
    """Drop a widget's remembered value that is not one of its options (a text of the other language)."""
    if key in st.session_state and st.session_state[key] not in list(options):
        del st.session_state[key]


def _pick(ds: Dataset, label: str, parent: str | None, saved: dict, key: str, names: dict) -> str | None:
    """One level of the hierarchy filter: the federations, or the places under the chosen parent."""
    options = query(ds, "places_federations") if parent is None else query(ds, "places_children", parent_key=parent)
    names.update(zip(options["key"], options["name"], strict=True))
    choices = [None, *options["key"]]
    current = saved.get(key)
    picked = st.selectbox(
        label,
        choices,
        index=choices.index(current) if current in choices else 0,
        format_func=i18n.bound(lambda k: t(ALL) if k is None else str(names.get(k, k))),
        key=key,
    )
    saved[key] = picked
    return picked


def filter_line(f: Filters, ds: Dataset, chosen: Filters | None = None) -> None:
    """The filters and the version in one short line under a page's title. When the sidebar's filters
    (``chosen``, by default ``f``) are not the defaults, the line says so first, with a button that
    clears them: on a phone the sidebar is out of sight behind its menu."""
    if (chosen or f).is_default():
        st.caption(f"{f.describe()} · {version_line(ds)}")
        return
    with st.container(horizontal=True, vertical_alignment="center", key="filter_notice"):
        filtering = t("filters.filtering")
        st.markdown(f":material/filter_alt: **{filtering}** {md_escape(f.describe())}", width="content")
        st.button(t("filters.clear"), key="flt_clear", on_click=clear, icon=":material/filter_alt_off:")
    st.caption(version_line(ds))


def clear() -> None:
    """Every shared filter back to its default (the button's callback, run before the page redraws)."""
    saved = st.session_state.get("flt_saved", {})
    for key in FILTER_KEYS:
        st.session_state.pop(key, None)
    for key in [k for k in saved if k != "bounds"]:  # the data's period is not a choice
        del saved[key]


def period_bounds(ds: Dataset, f: Filters) -> tuple:
    """The first and last submission day the filters allow (for sliders and date pickers)."""
    ranges = query(ds, "filter_ranges")
    if ranges.empty or pd.isna(ranges["first_day"].iloc[0]):
        today = dt.date.today()
        return today, today
    first, last = ranges["first_day"].iloc[0].date(), ranges["last_day"].iloc[0].date()
    return (max(first, f.start) if f.start else first), (min(last, f.end) if f.end else last)


def scope(ds: Dataset, f: Filters) -> tuple[str | None, str]:
    """The union the page is about: the deepest place chosen in the filters, else the home unit."""
    key = f.unit_key or f.parent_key or f.federation_key or unit_key(ds.home_unit)
    name = f.unit or f.parent or f.federation or ds.home_unit or t("filters.all_data")
    return key, name


def date_slider(label: str, first, last, key: str):
    """A day between ``first`` and ``last`` (the last by default); a single day needs no slider."""
    if first is None or last is None or first >= last:
        return last
    return st.slider(label, first, last, last, format=SLIDER_DATE[i18n.lang()], key=key)


def all_or(value: object) -> str:
    return t(ALL) if value is None else str(value)
