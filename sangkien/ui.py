"""Streamlit glue shared by the pages: the dataset in use, cached queries, small widgets.

Streamlit is imported inside the functions so that the package imports without it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from . import fmt, schema
from .dataset import Dataset, open_dataset
from .filters import Filters

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


def cached_headline(ds: Dataset, unit: str | None = None, f: Filters | None = None) -> dict:
    """Headline figures of a version (immutable), cached per version file, unit and filters."""
    global _headline
    if _headline is None:
        import streamlit as st

        from .summary import headline

        @st.cache_data(show_spinner=False, max_entries=256)
        def run(path: str, version: str, unit: str | None, home: str | None, filter_items: tuple) -> dict:
            return headline(open_dataset(Path(path).parent.parent, version), unit, Filters(**dict(filter_items)))

        _headline = run
    f = f or Filters()
    return _headline(str(ds.path), ds.id, unit, ds.home_unit, tuple(sorted(f.__dict__.items())))


def previous_headline(ds: Dataset, unit: str | None = None, f: Filters | None = None) -> dict | None:
    """The same figures in the version published just before this one, if any."""
    from .store import Store

    ids = [v["id"] for v in Store(ds.path.parent.parent).versions()]
    if ds.id not in ids or ids.index(ds.id) == 0:
        return None
    prev = open_dataset(ds.path.parent.parent, ids[ids.index(ds.id) - 1])
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


ALL = "Tất cả"


def filters(ds: Dataset) -> Filters:
    """Draw the shared filters in the sidebar and return them (same keys on every analysis page)."""
    import streamlit as st

    from .filters import Filters

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


def headline_cards(h: dict, prev: dict | None) -> None:
    """Eight metric cards, each with its change since the previous version where it has one."""
    import streamlit as st

    def pct_delta(key: str) -> str | None:
        if not prev or h.get(key) is None or prev.get(key) is None or h[key] == prev[key]:
            return None
        change = h[key] - prev[key]
        return ("+" if change > 0 else "-") + fmt.num(abs(change), 1) + " điểm %"

    def money_delta(key: str) -> str | None:
        if not prev or h.get(key) is None or prev.get(key) is None or h[key] == prev[key]:
            return None
        change = h[key] - prev[key]
        return ("+" if change > 0 else "-") + fmt.money(abs(change))

    c = st.columns(4)
    c[0].metric(
        "Sáng kiến hợp lệ",
        fmt.num(h["initiatives"]),
        delta(h, prev, "initiatives"),
        border=True,
        help=f"Tất cả lượt nộp: {fmt.num(h['initiatives_all_statuses'])}",
    )
    c[1].metric(
        "Xếp hạng toàn quốc",
        f"{fmt.num(h['national_rank'])}/{fmt.num(h['national_count'])}" if h["national_rank"] else "–",
        delta(h, prev, "national_rank", rank=True),
        border=True,
    )
    c[2].metric(
        "Đạt so với chỉ tiêu giao",
        fmt.pct(h["pct_of_quota"]),
        pct_delta("pct_of_quota"),
        border=True,
        help=f"Chỉ tiêu giao {fmt.num(h['quota'])} sáng kiến",
    )
    c[3].metric(
        "Giá trị làm lợi",
        fmt.money(h["benefit_total_vnd"]),
        money_delta("benefit_total_vnd"),
        border=True,
        help=f"{fmt.num(h['initiatives_with_benefit'])} sáng kiến có ghi giá trị",
    )
    c = st.columns(4)
    c[0].metric(
        "Đạt so với số đăng ký",
        fmt.pct(h["pct_of_commitment"]),
        pct_delta("pct_of_commitment"),
        border=True,
        help=f"Số đăng ký {fmt.num(h['commitment'])} sáng kiến",
    )
    c[1].metric("Người tham gia", fmt.num(h["participants"]), delta(h, prev, "participants"), border=True)
    c[2].metric(
        "Lượt nộp (mọi trạng thái)",
        fmt.num(h["initiatives_all_statuses"]),
        delta(h, prev, "initiatives_all_statuses"),
        border=True,
        help=f"Đang xem xét {fmt.num(h['initiatives_under_review'])}, không hợp lệ {fmt.num(h['initiatives_invalid'])}",
    )
    c[3].metric(
        "Sáng kiến làm lợi từ 3 tỷ đồng",
        fmt.num(h["initiatives_benefit_ge_3e9"]),
        delta(h, prev, "initiatives_benefit_ge_3e9"),
        border=True,
        help=f"Lớn nhất: {fmt.money(h['benefit_max_vnd'])}/năm",
    )


def query_runner(ds: Dataset):
    """A cached ``run(name, **params)`` for one version (analysis functions take it)."""
    return lambda name, **params: query(ds, name, **params)


def measure_picker(key: str):
    import streamlit as st

    from .analysis import MEASURES

    picked = st.selectbox("Xếp theo", list(MEASURES), format_func=lambda k: MEASURES[k].label, key=key)
    return MEASURES[picked]


def period_bounds(ds: Dataset, f: Filters) -> tuple:
    """The first and last submission day the filters allow (for sliders and date pickers)."""
    import datetime as dt

    ranges = query(ds, "filter_ranges")
    if ranges.empty or pd.isna(ranges["first_day"].iloc[0]):
        today = dt.date.today()
        return today, today
    first, last = ranges["first_day"].iloc[0].date(), ranges["last_day"].iloc[0].date()
    return (max(first, f.start) if f.start else first), (min(last, f.end) if f.end else last)


def breadcrumb(ds: Dataset, current: str | None) -> list[tuple[str | None, str]]:
    """Toàn quốc › federation › upper-level unit, as buttons; returns the trail (key, name)."""
    import streamlit as st

    trail: list[tuple[str | None, str]] = [(None, "Toàn quốc")]
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
    import streamlit as st

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
        st.toast("Đơn vị này không có đơn vị trực thuộc có số liệu chi tiết.", icon=":material/info:")


def ranking_title(frame: pd.DataFrame, measure, home: str | None, where: str) -> str:
    """The finding: where the home unit stands, or who leads."""
    if frame.empty or frame[measure.key].isna().all():
        return f"Xếp hạng · {where}"
    value = _measure_text(measure)
    mine = frame[frame["unit_key"] == home]
    if len(mine) and not pd.isna(mine["rank"].iloc[0]):
        r = mine.iloc[0]
        return (
            f"{r['unit']} xếp thứ {fmt.num(r['rank'])}/{fmt.num(frame['rank'].notna().sum())} "
            f"với {value(r[measure.key])}"
        )
    top = frame.iloc[0]
    return f"{top['unit']} dẫn đầu {where} với {value(top[measure.key])}"


def _measure_text(measure):
    if measure.percent:
        return lambda v: fmt.pct(v, 1 if v < 100 else 0)
    if measure.money:
        return fmt.money
    return lambda v: f"{fmt.num(v, 1 if measure.key == 'per_100_members' else 0)} {measure.unit}"


def ranking_moves(
    ds: Dataset, current: str | None, f: Filters, measure: str, as_of, compare: str | None, frame: pd.DataFrame
) -> pd.Series | None:
    """Movement of each unit since 30 days before ``as_of`` or since the previous version."""
    import datetime as dt

    from .analysis import movement, ranking
    from .store import Store

    if not compare:
        return None
    if compare == "30 ngày trước":
        before = ranking(ds, current, f.with_end(as_of - dt.timedelta(days=30)), measure, query_runner(ds))
    else:
        ids = [v["id"] for v in Store(ds.path.parent.parent).versions()]
        if ids.index(ds.id) == 0:
            return None
        prev = open_dataset(ds.path.parent.parent, ids[ids.index(ds.id) - 1])
        before = ranking(prev, current, f, measure, query_runner(prev))
    return movement(frame, before)


def ranking_columns(table: pd.DataFrame) -> dict:
    import streamlit as st

    top = max(100.0, float(table["% chỉ tiêu giao"].max() or 0), float(table["% số đăng ký"].max() or 0))
    return {
        "Sáng kiến": st.column_config.NumberColumn(format="localized"),
        "Người tham gia": st.column_config.NumberColumn(format="localized"),
        "% chỉ tiêu giao": st.column_config.ProgressColumn(format="%.0f%%", min_value=0, max_value=top),
        "% số đăng ký": st.column_config.ProgressColumn(format="%.0f%%", min_value=0, max_value=top),
        "Trên 100 đoàn viên": st.column_config.NumberColumn(format="localized"),
        "Giá trị làm lợi (đồng)": st.column_config.NumberColumn(format="localized"),
        "Chỉ tiêu giao": st.column_config.NumberColumn(format="localized"),
    }


def downloads(table: pd.DataFrame, stem: str, key: str) -> None:
    """CSV and Excel of a table, made only when clicked (a large Excel file would slow every rerun)."""
    import streamlit as st

    from .tables import to_csv_bytes, to_excel_bytes

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


def campaign(ds: Dataset) -> dict | None:
    if not ds.has("campaigns"):
        return None
    frame = query(ds, "campaigns")
    if frame.empty:
        return None
    row = frame.iloc[-1]
    return {"name": row["name"], "start": row["start"], "end": row["end"]}


def progress_targets(ds: Dataset, scope: str, scope_name: str, children: pd.DataFrame, chosen: list) -> pd.DataFrame:
    """The scope itself first, then the chosen units, with their quotas."""
    lookup = query(ds, "unit_lookup", unit_key=scope)
    quota = lookup["quota"].dropna()
    own = pd.DataFrame({"unit_key": [scope], "unit": [scope_name], "quota": [quota.iloc[0] if len(quota) else None]})
    picked = children[children["unit_key"].isin(chosen)][["unit_key", "unit", "quota"]]
    return pd.concat([own, picked], ignore_index=True)


def progress_title(targets: pd.DataFrame, cumulative: pd.DataFrame) -> str:
    """How many of the units shown have reached their quota."""
    last = cumulative.groupby("unit_key")["cumulative"].max()
    with_quota = targets.dropna(subset=["quota"])
    done = [r.unit for r in with_quota.itertuples() if last.get(r.unit_key, 0) >= r.quota]
    if with_quota.empty:
        return "Sáng kiến lũy kế theo thời gian"
    return f"{fmt.num(len(done))}/{fmt.num(len(with_quota))} đơn vị đã đạt chỉ tiêu giao"


def daily_columns(table: pd.DataFrame) -> dict:
    import streamlit as st

    top = max(100.0, float(table["% chỉ tiêu"].max() or 0))
    return {
        "Lũy kế": st.column_config.NumberColumn(format="localized"),
        "Chỉ tiêu giao": st.column_config.NumberColumn(format="localized"),
        "% chỉ tiêu": st.column_config.ProgressColumn(format="%.0f%%", min_value=0, max_value=top),
    }


def projection_columns() -> dict:
    import streamlit as st

    return {
        "Lũy kế": st.column_config.NumberColumn(format="localized"),
        "Chỉ tiêu giao": st.column_config.NumberColumn(format="localized"),
        "Nhịp 30 ngày (sáng kiến/ngày)": st.column_config.NumberColumn(format="localized"),
    }


DEFAULT_BANDS = [1e11, 1e10, 3e9, 1e9]


def band_edges() -> list[float]:
    """The benefit bands (a store setting, in đồng); default ≥100 tỷ, 10–100 tỷ, 3–10 tỷ, 1–3 tỷ, <1 tỷ."""
    from .store import Store

    return [float(x) for x in Store().settings().get("benefit_bands", DEFAULT_BANDS)]


def scope(ds: Dataset, f: Filters) -> tuple[str | None, str]:
    """The union the page is about: the deepest place chosen in the filters, else the home unit."""
    from .normalize import unit_key

    key = f.unit_key or f.parent_key or f.federation_key or unit_key(ds.home_unit)
    name = f.unit or f.parent or f.federation or ds.home_unit or "toàn bộ dữ liệu"
    return key, name


def money_columns() -> dict:
    import streamlit as st

    columns = {
        c: st.column_config.NumberColumn(format="localized")
        for c in (
            "Giá trị làm lợi (đồng)",
            "Tổng giá trị (đồng)",
            "Trung vị (đồng)",
            "Sáng kiến",
            "Có ghi giá trị",
            "Chưa ghi giá trị",
            "Tiền thưởng (đồng)",
            "Tiền (đồng)",
            "Giá trị (đồng)",
        )
    }
    for c in ("Ngày hoàn thành", "Ngày quyết định", "Ngày nộp"):
        columns[c] = st.column_config.DateColumn(format="DD/MM/YYYY")
    return columns


def benefit_estimate(ds: Dataset, params: dict, summary) -> None:
    """The estimate for initiatives without a value: shown apart, switchable off, its method in words."""
    import streamlit as st

    missing = int(summary["initiatives"] - summary["with_value"])
    if not st.toggle("Hiện ước tính cho sáng kiến chưa ghi giá trị", value=True, key="bn_estimate") or missing == 0:
        return
    import importlib.util

    if importlib.util.find_spec("sangkien.estimate") is None:
        return
    values = query(ds, "benefit_values", **params)
    fields = query(ds, "benefit_by_field", **params)
    est = _cached_estimate(
        str(ds.path),
        tuple(sorted((k, str(v)) for k, v in params.items())),
        values,
        fields.rename(columns={"without_value": "n"})[["field", "n"]],
    )
    if est is None:
        st.info("Chưa đủ giá trị tự kê khai để ước tính.")
        return
    with st.container(border=True):
        st.markdown(
            f"**Ước tính** cho {fmt.num(missing)} sáng kiến chưa ghi giá trị: khoảng "
            f"**{fmt.money(est.total)}** (khoảng tin cậy 90%: {fmt.money(est.low)} – {fmt.money(est.high)}). "
            "Con số này không cộng vào tổng tự kê khai."
        )
        st.caption("Cách ước tính: " + est.method)


def _cached_estimate(path: str, key: tuple, values: pd.DataFrame, missing: pd.DataFrame):
    import streamlit as st

    from .estimate import estimate_missing

    store = st.session_state.setdefault("_estimates", {})
    if (path, key) not in store:
        try:
            store[(path, key)] = estimate_missing(values, missing, n_boot=1000, seed=0)
        except ValueError:
            store[(path, key)] = None
    return store[(path, key)]


def all_or(value: object) -> str:
    return ALL if value is None else str(value)


def campaign_cards(ds: Dataset, periods: pd.DataFrame) -> None:
    """Initiatives inside the campaign against before it, with the daily rates."""
    import streamlit as st

    by = periods.set_index("period")
    cols = st.columns(4)
    inside = by.loc["trong đợt thi đua"] if "trong đợt thi đua" in by.index else None
    before = by.loc["trước đợt thi đua"] if "trước đợt thi đua" in by.index else None
    cols[0].metric(
        "Sáng kiến trong đợt",
        fmt.num(inside["initiatives"]) if inside is not None else "–",
        border=True,
        help=f"{fmt.num(inside['days'])} ngày có số liệu" if inside is not None else None,
    )
    cols[1].metric("Mỗi ngày trong đợt", fmt.num(inside["per_day"], 1) if inside is not None else "–", border=True)
    cols[2].metric("Mỗi ngày trước đợt", fmt.num(before["per_day"], 1) if before is not None else "–", border=True)
    ratio = (
        inside["per_day"] / before["per_day"]
        if inside is not None and before is not None and before["per_day"]
        else None
    )
    cols[3].metric("Nhịp trong đợt so với trước", f"{fmt.num(ratio, 1)} lần" if ratio else "–", border=True)


def works_title(levels: pd.DataFrame) -> str:
    parts = [f"{fmt.num(r['Công trình, phần việc'])} {r['Cấp'].lower()}" for _, r in levels.iterrows()]
    flagship = int(levels["Gắn biển"].sum())
    return ", ".join(parts) + (f"; {fmt.num(flagship)} công trình gắn biển" if flagship else "")


def opinions_title(opinions: pd.DataFrame) -> str:
    by = opinions.groupby("channel")["opinions"].sum()
    parts = [f"{fmt.num(n)} ý kiến {ch}" for ch, n in by.items()]
    answered = int(opinions.loc[opinions["answered"], "opinions"].sum())
    return ", ".join(parts) + f"; {fmt.num(answered)} đã được trả lời"


def parse_band_edges(text: str) -> list[float] | None:
    """'100; 10; 3; 1' (tỷ đồng, Vietnamese decimals allowed) -> edges in đồng, largest first; None if unreadable."""
    from .parse import read_numbers

    parts = [p.strip() for p in text.split(";") if p.strip()]
    if not parts:
        return None
    reading = read_numbers(pd.Series(parts, dtype=object))
    if reading.bad.any() or (reading.values <= 0).any():
        return None
    return sorted((float(v) * 1e9 for v in reading.values), reverse=True)


def explore_filters(ds: Dataset, table: str, profile: pd.DataFrame) -> list:
    """Up to three filter rows: a column, an operator, and a value widget that fits the column's type."""
    import streamlit as st

    from .explore import OPERATORS, Condition

    conditions = []
    columns = profile["Cột"].tolist()
    types = dict(zip(profile["Cột"], profile["Kiểu"], strict=True))
    count = st.number_input("Số điều kiện lọc", 0, 3, 0, key=f"ex_nfilters_{table}")
    for i in range(int(count)):
        a, b, c = st.columns([2, 2, 4])
        column = a.selectbox("Cột", columns, key=f"ex_fcol_{table}_{i}")
        op = b.selectbox("Phép lọc", list(OPERATORS), format_func=OPERATORS.get, key=f"ex_fop_{table}_{i}")
        values: list = []
        if op == "in":
            options = _distinct_values(ds, table, column)
            values = c.multiselect("Giá trị", options, key=f"ex_fval_{table}_{i}_{column}")
        elif op == "between":
            typ = types[column]
            if typ in ("DATE", "TIMESTAMP"):
                picked = c.date_input("Khoảng", value=(), format="DD/MM/YYYY", key=f"ex_fval_{table}_{i}_{column}")
                values = list(picked) if len(picked) == 2 else []
            else:
                lo = c.number_input("Từ", value=0.0, key=f"ex_flo_{table}_{i}_{column}")
                hi = c.number_input("Đến", value=0.0, key=f"ex_fhi_{table}_{i}_{column}")
                values = [lo, hi]
        elif op == "contains":
            values = [c.text_input("Có chứa", key=f"ex_fval_{table}_{i}_{column}")]
        conditions.append(Condition(column, op, values))
    return conditions


def _distinct_values(ds: Dataset, table: str, column: str, limit: int = 500) -> list:
    """The most frequent values of a column (identifiers checked against the table)."""
    from .db import execute, quote_ident
    from .explore import TABLES, table_columns

    allowed = set(table_columns(ds.con, table)["column"])
    c, t = quote_ident(column, allowed), quote_ident(table, set(TABLES))
    frame = execute(
        ds.con,
        f"select cast({c} as varchar) as v, count(*) as n from {t} where {c} is not null "  # noqa: S608
        f"group by 1 order by n desc limit {int(limit)}",
    )
    return frame["v"].tolist()


def sql_box(ds: Dataset, sql: str) -> None:
    """Run the analyst's SQL on its own locked-down connection; errors plainly, DuckDB's words beneath."""
    import streamlit as st

    from .sqlbox import run_user_sql

    result = run_user_sql(ds.path, sql)
    if result.error:
        st.error(result.error)
        return
    st.caption(
        f"{fmt.num(result.total_rows)} dòng trong {fmt.num(result.seconds, 2)} giây"
        + (" — chỉ hiện 10.000 dòng đầu" if result.total_rows and result.total_rows > len(result.frame) else "")
        + (" — kết quả bị cắt ở 200.000 dòng" if result.truncated else "")
    )
    st.dataframe(result.frame, hide_index=True, width="stretch", key="ex_sql_result")
    downloads(result.frame, "ket_qua_sql", "ex_sql_dl")
