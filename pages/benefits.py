"""Giá trị làm lợi: the declared benefit, its bands and spread, and an honest estimate for the rest."""

import streamlit as st

from sangkien import fmt, tables
from sangkien.charts import bars, distributions
from sangkien.ingest import schema
from sangkien.ui import cards, columns, data, filters, screen, widgets

widgets.ensure_navigation()

ds = data.dataset_with("initiatives")
flt = filters.sidebar(ds)
scope, scope_name = filters.scope(ds, flt)
params = {"scope_key": scope, **flt.params()}
summary = data.query(ds, "benefit_summary", **params).iloc[0]

st.title(
    f"Giá trị làm lợi {fmt.money(summary['total_vnd'])} từ {fmt.num(summary['with_value'])} sáng kiến"
    if summary["with_value"]
    else f"Chưa có sáng kiến nào ghi giá trị làm lợi · {scope_name}"
)
filters.filter_line(flt, ds)
widgets.demo_badge(ds, "initiatives")
if not summary["initiatives"]:
    widgets.empty_notice("sáng kiến")
    st.stop()
c = st.columns(4)
c[0].metric("Tổng giá trị tự kê khai", fmt.money(summary["total_vnd"]), border=True)
c[1].metric(
    "Sáng kiến có ghi giá trị",
    f"{fmt.num(summary['with_value'])} ({fmt.pct(summary['pct_with_value'])})",
    border=True,
    help=f"Trên {fmt.num(summary['initiatives'])} sáng kiến của {scope_name}",
)
c[2].metric("Lớn nhất", fmt.money(summary["max_vnd"]), border=True)
c[3].metric("Trung vị", fmt.money(summary["median_vnd"]), border=True)

cards.benefit_estimate(ds, params, summary)

bands = data.query(ds, "benefit_bands", edges=data.band_edges(), **params)
left, right = st.columns(2)
band_rows = tables.band_table(bands)
big = bands[bands["band_from"].fillna(0) >= schema.BIG_BENEFIT_VND]
screen.chart(
    bars.value_bars(
        band_rows,
        "band",
        "total_vnd",
        f"{fmt.num(big['initiatives'].sum())} sáng kiến từ {fmt.money(schema.BIG_BENEFIT_VND)} làm lợi {fmt.money(big['total_vnd'].sum())}",
        "Giá trị làm lợi theo mức: tổng của mỗi mức và số sáng kiến",
        "đồng",
        money=True,
        sort=False,
        notes=[f"{fmt.num(n)} sáng kiến" for n in band_rows["initiatives"]],
    ),
    key="bn_bands",
    where=left,
)
screen.chart(
    distributions.log_histogram(
        data.query(ds, "benefit_distribution", **params),
        f"Một nửa số sáng kiến làm lợi dưới {fmt.money(summary['median_vnd'])}",
        "Phân bố giá trị tự kê khai, thang log",
    ),
    key="bn_hist",
    where=right,
)
treemap = data.query(ds, "benefit_treemap", **{**params, "scope_key": scope})
if len(treemap):
    screen.chart(
        distributions.treemap(
            treemap,
            f"Giá trị làm lợi theo đơn vị và lĩnh vực · {scope_name}",
            "Bấm vào một đơn vị để xem theo lĩnh vực",
        ),
        key="bn_treemap",
    )
children = data.query(ds, "ranking_children", parent_key=scope, **flt.params())
if children["benefit_vnd"].notna().any():
    top_unit = children.sort_values("benefit_vnd", ascending=False).iloc[0]
    screen.chart(
        bars.value_bars(
            children,
            "unit",
            "benefit_vnd",
            f"{top_unit['unit']} dẫn đầu với {fmt.money(top_unit['benefit_vnd'])}",
            f"Giá trị làm lợi tự kê khai theo đơn vị trực thuộc {scope_name}",
            "đồng",
            money=True,
            top=15,
        ),
        key="bn_units",
    )
st.subheader("Theo lĩnh vực")
columns.show(tables.benefit_fields(data.query(ds, "benefit_by_field", **params)), key="bn_fields")
st.subheader("50 sáng kiến làm lợi nhiều nhất")
top = tables.benefit_top(data.query(ds, "benefit_top", limit=50, **params))
columns.show(top, key="bn_top")
widgets.downloads(top, "sang_kien_lam_loi_nhieu_nhat", "bn_top")
