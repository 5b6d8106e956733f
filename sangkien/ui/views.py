"""Widgets and titles of the analysis pages (Streamlit imported inside the functions)."""

from __future__ import annotations

import pandas as pd

from sangkien import fmt
from sangkien.analysis.filters import Filters
from sangkien.store.reading import Dataset, open_dataset
from sangkien.ui.page import ALL, delta, query, query_runner


def headline_cards(h: dict, prev: dict | None) -> None:
    """Eight metric cards, each with its change since the previous version where it has one."""
    import streamlit as st

    def pct_delta(key: str) -> str | None:
        if not prev or h.get(key) is None or prev.get(key) is None or h[key] == prev[key]:
            return None
        change = h[key] - prev[key]
        return ("+" if change > 0 else "-") + fmt.num(abs(change), 1)  # percentage points

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


def measure_picker(key: str):
    import streamlit as st

    from sangkien.analysis.rankings import MEASURES

    picked = st.selectbox("Xếp theo", list(MEASURES), format_func=lambda k: MEASURES[k].label, key=key)
    return MEASURES[picked]


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

    from sangkien.analysis.rankings import movement, ranking

    if not compare:
        return None
    if compare == "30 ngày trước":
        before = ranking(ds, current, f.with_end(as_of - dt.timedelta(days=30)), measure, query_runner(ds))
    else:
        if ds.previous is None:
            return None
        prev = open_dataset(ds.root, ds.previous)
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

    highest = pd.to_numeric(table["% chỉ tiêu"], errors="coerce").max()
    top = max(100.0, 0.0 if pd.isna(highest) else float(highest))
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

    if importlib.util.find_spec("sangkien.analysis.estimate") is None:
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

    from sangkien.analysis.estimate import estimate_missing

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


def without_unit(ds: Dataset, h: dict) -> None:
    """The overview of a store that holds no initiatives, units or reported totals: what it has, what is missing."""
    import streamlit as st

    from sangkien.ingest import schema

    st.title("Chưa có số liệu sáng kiến của đơn vị")
    missing = ", ".join(schema.KINDS[k].label for k in h["missing"])
    st.info(
        f"Phiên bản {ds.id} chưa có các bảng {missing}, nên chưa tính được số sáng kiến, chỉ tiêu và xếp hạng. "
        "Hãy nạp các bảng này ở trang Nạp dữ liệu; dưới đây là những số liệu đã có."
    )
    cards = []
    if h["contest"]:
        c = h["contest"]
        cards += [("Nghề thi", fmt.num(c["trades"])), ("Thí sinh đạt giải", fmt.num(c["winners"]))]
        cards += [("Tổng tiền giải", fmt.money(c["prize_total_vnd"]))]
    if h["awards"]:
        cards.append(("Lượt khen thưởng", fmt.num(sum(a["count"] or 0 for a in h["awards"]))))
    if h["works"]:
        cards.append(("Công trình, phần việc", fmt.num(h["works"]["total"])))
    if h["opinions"]:
        cards.append(("Ý kiến, kiến nghị", fmt.num(h["opinions"]["total"])))
    for col, (label, value) in zip(st.columns(max(len(cards), 1)), cards, strict=False):
        col.metric(label, value, border=True)
