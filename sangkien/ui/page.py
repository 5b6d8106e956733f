"""Streamlit glue shared by the pages: the dataset in use, cached queries, the shared filters, downloads.

Streamlit is imported inside the functions so that the package imports without it.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from sangkien import fmt
from sangkien.analysis.filters import Filters
from sangkien.ingest import schema
from sangkien.store.reading import Dataset, open_dataset

DEMO_LABEL = "Dữ liệu minh họa"


_cached = None


def _cached_runner():
    global _cached
    if _cached is None:
        import streamlit as st

        # Keyed by the version file (immutable), the query and its parameters.
        @st.cache_data(show_spinner=False, max_entries=512)
        def run(path: str, version: str, name: str, params: tuple) -> pd.DataFrame:
            from sangkien.db import run_query
            from sangkien.store.reading import _connection

            return run_query(_connection(path), name, **dict(params))

        _cached = run
    return _cached


def query(ds: Dataset, name: str, **params: Any) -> pd.DataFrame:
    return _cached_runner()(str(ds.path), ds.id, name, tuple(sorted(params.items())))


WORKSPACE_KEY = "_workspace"


def published() -> Dataset | None:
    """The published version in use, whatever this session is looking at."""
    return open_dataset()


def dataset() -> Dataset | None:
    """The data this session sees: its private workspace when it has one, else the published version.

    Read afresh on every rerun, so a new publication shows without a restart. Every page and
    helper gets its data here and nowhere else.
    """
    import streamlit as st

    from sangkien.store.reading import open_workspace

    wid = st.session_state.get(WORKSPACE_KEY)
    if wid:
        ds = open_workspace(None, wid)
        if ds is not None:
            return ds
        st.session_state.pop(WORKSPACE_KEY, None)  # published, discarded or swept: back to the published data
    return open_dataset()


def dataset_with(*kinds: str) -> Dataset:
    """The dataset in use when it holds one of ``kinds``; otherwise the page says what is missing and stops."""
    import streamlit as st

    from sangkien.ingest import schema

    ds = dataset()
    if ds is None:
        st.info("Chưa có dữ liệu. Hãy nạp tệp ở trang Nạp dữ liệu.")
        st.stop()
    if kinds and not any(ds.has(k) for k in kinds):
        labels = " hoặc ".join(schema.KINDS[k].label for k in kinds)
        st.info(f"Phiên bản {ds.id} chưa có bảng {labels}. Hãy nạp bảng này ở trang Nạp dữ liệu.")
        st.stop()
    return ds


def as_of(ds: Dataset) -> object:
    frame = query(ds, "version_as_of")
    return frame["as_of"].iloc[0] if len(frame) else None


def version_line(ds: Dataset) -> str:
    if ds.workspace:
        base = f" trên phiên bản {ds.previous}" if ds.previous else ""
        return f"Dữ liệu riêng của bạn, chưa xuất bản{base} · số liệu đến {fmt.date(as_of(ds))}"
    label = ds.version.get("label") or ""
    return f"Phiên bản {ds.id}" + (f" · {label}" if label else "") + f" · số liệu đến {fmt.date(as_of(ds))}"


def demo_badge(ds: Dataset, *kinds: str) -> None:
    """Marks figures that come from demo tables, table by table."""
    import streamlit as st

    demo = [schema.KINDS[k].label for k in kinds if ds.is_demo(k)]
    if demo:
        st.badge(f"{DEMO_LABEL}: " + ", ".join(demo), icon=":material/info:", color="orange")


_headline = None


def cached_headline(ds: Dataset, unit: str | None = None, f: Filters | None = None) -> dict:
    """Headline figures of a version (immutable), cached per version file, unit and filters."""
    global _headline
    if _headline is None:
        import streamlit as st

        from sangkien.analysis.summary import headline

        # Keyed by the file (a workspace's path holds its random id), never by anything shared.
        @st.cache_data(show_spinner=False, max_entries=256)
        def run(path: str, version: str, unit: str | None, home: str | None, filter_items: tuple, _ds) -> dict:
            return headline(_ds, unit, Filters(**dict(filter_items)))

        _headline = run
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


def delta(now: dict, prev: dict | None, key: str, rank: bool = False) -> str | None:
    """Change since the previous version as text for st.metric ('+1.234', '−3'); ranks: up is positive."""
    if not prev or now.get(key) is None or prev.get(key) is None:
        return None
    change = (prev[key] - now[key]) if rank else (now[key] - prev[key])
    if change == 0:
        return None
    text = fmt.signed(change).replace("−", "-")
    return f"{text} bậc" if rank else text


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


ALL = "Tất cả"


def filters(ds: Dataset) -> Filters:
    """Draw the shared filters in the sidebar and return them (same keys on every analysis page)."""
    import streamlit as st

    from sangkien.analysis.filters import Filters

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
        st.subheader("Bộ lọc")
        period = st.date_input(
            "Thời gian nộp",
            value=saved.get("period", (first, last)),
            min_value=first,
            max_value=last,
            format="DD/MM/YYYY",
            key="flt_period",
        )
        status = st.segmented_control(
            "Trạng thái", ["Hợp lệ", "Mọi trạng thái"], default=saved.get("status", "Hợp lệ"), key="flt_status"
        )
        names: dict[str, str] = {}
        fed = _pick(ds, "LĐLĐ tỉnh, thành phố / công đoàn ngành", None, saved, "flt_fed", names)
        upper = _pick(ds, "Công đoàn cấp trên cơ sở", fed, saved, "flt_upper", names) if fed else None
        unit = _pick(ds, "Công đoàn cơ sở", upper, saved, "flt_unit", names) if upper else None
        fields = [ALL, *ranges["field"].dropna().tolist()]
        field = st.selectbox(
            "Lĩnh vực",
            fields,
            index=fields.index(saved.get("field", ALL)) if saved.get("field", ALL) in fields else 0,
            key="flt_field",
        )
    saved.update(period=period, status=status, field=field)
    start, end = (period[0], period[-1]) if isinstance(period, tuple | list) and period else (None, None)
    return Filters(
        start=start if start and start > first else None,
        end=end if end and end < last else None,
        all_statuses=status == "Mọi trạng thái",
        federation_key=fed,
        parent_key=upper,
        unit_key=unit,
        field=None if field == ALL else field,
        federation=names[fed] if fed else None,
        parent=names[upper] if upper else None,
        unit=names[unit] if unit else None,
    )


def _pick(ds: Dataset, label: str, parent: str | None, saved: dict, key: str, names: dict) -> str | None:
    """One level of the hierarchy filter: the federations, or the places under the chosen parent."""
    import streamlit as st

    options = query(ds, "places_federations") if parent is None else query(ds, "places_children", parent_key=parent)
    names.update(zip(options["key"], options["name"], strict=True))
    choices = [None, *options["key"]]
    current = saved.get(key)
    picked = st.selectbox(
        label,
        choices,
        index=choices.index(current) if current in choices else 0,
        format_func=lambda k: ALL if k is None else str(names.get(k, k)),
        key=key,
    )
    saved[key] = picked
    return picked


def filter_line(f: Filters, ds: Dataset) -> None:
    """The filters and the version in one short line under a page's title."""
    import streamlit as st

    st.caption(f"{f.describe()} · {version_line(ds)}")


def empty_notice(what: str) -> None:
    import streamlit as st

    st.info(
        f"Không có {what} nào khớp với bộ lọc đang chọn. Hãy nới khoảng thời gian, trạng thái hoặc đơn vị.",
        icon=":material/filter_alt_off:",
    )


def query_runner(ds: Dataset):
    """A cached ``run(name, **params)`` for one version (analysis functions take it)."""
    return lambda name, **params: query(ds, name, **params)


def date_slider(label: str, first, last, key: str):
    """A day between ``first`` and ``last`` (the last by default); a single day needs no slider."""
    import streamlit as st

    if first is None or last is None or first >= last:
        return last
    return st.slider(label, first, last, last, format="DD/MM/YYYY", key=key)


def period_bounds(ds: Dataset, f: Filters) -> tuple:
    """The first and last submission day the filters allow (for sliders and date pickers)."""
    import datetime as dt

    ranges = query(ds, "filter_ranges")
    if ranges.empty or pd.isna(ranges["first_day"].iloc[0]):
        today = dt.date.today()
        return today, today
    first, last = ranges["first_day"].iloc[0].date(), ranges["last_day"].iloc[0].date()
    return (max(first, f.start) if f.start else first), (min(last, f.end) if f.end else last)


def downloads(table: pd.DataFrame, stem: str, key: str) -> None:
    """CSV and Excel of a table, made only when clicked (a large Excel file would slow every rerun)."""
    import streamlit as st

    from sangkien.tables import to_csv_bytes, to_excel_bytes

    a, b, _ = st.columns([1, 1, 3])
    a.download_button(
        "Tải CSV",
        lambda: to_csv_bytes(table),
        file_name=f"{stem}.csv",
        mime="text/csv",
        icon=":material/download:",
        key=f"{key}_csv",
        width="stretch",
    )
    b.download_button(
        "Tải Excel",
        lambda: to_excel_bytes(table),
        file_name=f"{stem}.xlsx",
        icon=":material/download:",
        key=f"{key}_xlsx",
        width="stretch",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


DEFAULT_BANDS = [1e11, 1e10, 3e9, 1e9]


def band_edges() -> list[float]:
    """The benefit bands (a store setting, in đồng); default ≥100 tỷ, 10–100 tỷ, 3–10 tỷ, 1–3 tỷ, <1 tỷ."""
    ds = dataset()
    settings = ds.settings if ds is not None else {}
    return [float(x) for x in settings.get("benefit_bands", DEFAULT_BANDS)]


def scope(ds: Dataset, f: Filters) -> tuple[str | None, str]:
    """The union the page is about: the deepest place chosen in the filters, else the home unit."""
    from sangkien.ingest.normalize import unit_key

    key = f.unit_key or f.parent_key or f.federation_key or unit_key(ds.home_unit)
    name = f.unit or f.parent or f.federation or ds.home_unit or "toàn bộ dữ liệu"
    return key, name
