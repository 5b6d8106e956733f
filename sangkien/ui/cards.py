"""The metric cards of the pages: headline figures, the campaign, the benefit estimate."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from sangkien import fmt
from sangkien.analysis.assumption_check import check_files
from sangkien.analysis.estimate_range import (
    DEFAULT_SHARE,
    Range,
    describe,
    for_scope,
    rows,
    with_share,
)
from sangkien.charts.estimate import assumption_range
from sangkien.ingest import schema
from sangkien.store.reading import Dataset, open_dataset
from sangkien.ui import screen
from sangkien.ui.data import query
from sangkien.ui.widgets import delta


def headline_cards(h: dict, prev: dict | None) -> None:
    """Eight metric cards, each with its change since the previous version where it has one; the first
    three are what a leader asks first (count, national rank, % of quota), two per row on a phone."""
    with st.container(key="cards"):
        _headline_cards(h, prev)


def _headline_cards(h: dict, prev: dict | None) -> None:
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
        delta(h, prev, kind="percent", key="pct_of_quota"),
        border=True,
        help=f"Chỉ tiêu giao {fmt.num(h['quota'])} sáng kiến",
    )
    c[3].metric(
        "Giá trị làm lợi",
        fmt.money(h["benefit_total_vnd"]),
        delta(h, prev, kind="money", key="benefit_total_vnd"),
        border=True,
        help=f"{fmt.num(h['initiatives_with_benefit'])} sáng kiến có ghi giá trị",
    )
    c = st.columns(4)
    c[0].metric(
        "Đạt so với số đăng ký",
        fmt.pct(h["pct_of_commitment"]),
        delta(h, prev, kind="percent", key="pct_of_commitment"),
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
        f"Sáng kiến làm lợi từ {fmt.money(schema.BIG_BENEFIT_VND)}",
        fmt.num(h["initiatives_benefit_ge_3e9"]),
        delta(h, prev, "initiatives_benefit_ge_3e9"),
        border=True,
        help=f"Lớn nhất: {fmt.money(h['benefit_max_vnd'])}/năm",
    )


def campaign_cards(ds: Dataset, periods: pd.DataFrame) -> None:
    """Initiatives inside the campaign against before it, with the daily rates."""
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


def without_unit(ds: Dataset, h: dict) -> None:
    """The overview of a store that holds no initiatives, units or reported totals: what it has, what is missing."""
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


def benefit_estimate(ds: Dataset, params: dict, summary) -> None:
    """The benefit of the initiatives without a value as a range over stated assumptions, shown apart
    from the declared total, switchable off, the assumption checked against an earlier version."""
    missing = int(summary["initiatives"] - summary["with_value"])
    if not st.toggle("Hiện ước tính cho sáng kiến chưa ghi giá trị", value=True, key="bn_estimate") or missing == 0:
        return
    base = _range(str(ds.path), ds.id, tuple(sorted((k, str(v)) for k, v in params.items())), ds, params)
    if base is None:
        st.info("Chưa đủ giá trị tự kê khai để ước tính.")
        return
    with st.container(border=True, key="bn_estimate_box"):
        st.markdown(f"**Ước tính cho {fmt.num(missing)} sáng kiến chưa ghi giá trị, theo từng giả định**")
        share = st.slider(
            "Giả định thứ ba: sáng kiến chưa ghi làm lợi bằng bao nhiêu phần mức đã ghi",
            0,
            100,
            round(DEFAULT_SHARE * 100),
            step=5,
            format="%d%%",
            key="bn_share",
        )
        r = with_share(base, share / 100)
        st.markdown(describe(r))
        screen.chart(
            assumption_range(
                rows(r),
                f"Tổng làm lợi từ {fmt.money(r.declared_total)} đến {fmt.money(r.declared_total + r.spread[1])}, tùy giả định",
                "Đã tự kê khai + ước tính cho sáng kiến chưa ghi giá trị; vạch đen: khoảng tin cậy 90% của mẫu",
            ),
            key="bn_estimate_chart",
        )
        for a in r.assumptions:
            interval = f" (90%: {fmt.money(a.low)} – {fmt.money(a.high)})" if a.low is not None else ""
            st.markdown(f"- **{a.label}**: {a.sentence.rstrip('.')}: ước tính **{fmt.money(a.estimate)}**{interval}.")
        st.caption(_checked(ds, params))
        with st.expander("Cách tính giả định thứ nhất"):
            st.caption(r.method)


def _checked(ds: Dataset, params: dict) -> str:
    """Whether the data could check the assumption: initiatives that gained a value since the version before."""
    if ds.previous is None:
        return "Chưa kiểm tra được giả định: chưa có phiên bản trước để so sánh."
    older = open_dataset(ds.root, ds.previous)
    if not older.has("initiatives"):
        return f"Chưa kiểm tra được giả định: phiên bản {ds.previous} chưa có danh sách sáng kiến."
    check = _check(str(older.path), str(ds.path), tuple(sorted(params.items())))
    if check is None:
        return (
            f"Chưa kiểm tra được giả định: từ phiên bản {ds.previous} đến nay chưa đủ sáng kiến "
            "được ghi thêm giá trị để so với các sáng kiến đã ghi từ đầu."
        )
    return check.sentence(ds.previous)


@st.cache_data(show_spinner=False, max_entries=64)
def _check(earlier: str, later: str, params: tuple):
    """The assumption's check between two version files (immutable), once per pair and filters."""
    return check_files(Path(earlier), Path(later), dict(params))


@st.cache_data(show_spinner=False, max_entries=64)
def _range(path: str, version: str, key: tuple, _ds: Dataset, _params: dict) -> Range | None:
    """The range once per version file and filters (its inputs follow from those)."""
    run = lambda name, **p: query(_ds, name, **p)  # noqa: E731
    return for_scope(run, _params["scope_key"], {k: v for k, v in _params.items() if k != "scope_key"})
