"""Giá trị làm lợi: the declared benefit, its bands and spread, and an honest estimate for the rest."""

import streamlit as st

from sangkien import fmt, tables
from sangkien.charts import figures as charts
from sangkien.ui import page as ui
from sangkien.ui import views

ui.ensure_navigation()

ds = ui.dataset_with("initiatives")
flt = ui.filters(ds)
scope, scope_name = ui.scope(ds, flt)
params = {"scope_key": scope, **flt.params(hierarchy=False)}
summary = ui.query(ds, "benefit_summary", **params).iloc[0]

st.title(
    f"Giá trị làm lợi {fmt.money(summary['total_vnd'])} từ {fmt.num(summary['with_value'])} sáng kiến"
    if summary["with_value"]
    else f"Chưa có sáng kiến nào ghi giá trị làm lợi · {scope_name}"
)
ui.filter_line(flt, ds)
ui.demo_badge(ds, "initiatives")
if not summary["initiatives"]:
    ui.empty_notice("sáng kiến")
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

views.benefit_estimate(ds, params, summary)

bands = ui.query(ds, "benefit_bands", edges=ui.band_edges(), **params)
left, right = st.columns(2)
band_rows = tables.band_table(bands)
big = bands[bands["band_from"].fillna(0) >= 3e9]
left.plotly_chart(
    charts.value_bars(
        band_rows,
        "band",
        "total_vnd",
        f"{fmt.num(big['initiatives'].sum())} sáng kiến từ 3 tỷ đồng làm lợi {fmt.money(big['total_vnd'].sum())}",
        "Giá trị làm lợi theo mức: tổng của mỗi mức và số sáng kiến",
        "đồng",
        money=True,
        sort=False,
        notes=[f"{fmt.num(n)} sáng kiến" for n in band_rows["initiatives"]],
    ),
    width="stretch",
    theme=None,
    key="bn_bands",
)
right.plotly_chart(
    charts.log_histogram(
        ui.query(ds, "benefit_distribution", **params),
        f"Một nửa số sáng kiến làm lợi dưới {fmt.money(summary['median_vnd'])}",
        "Phân bố giá trị tự kê khai, thang log",
    ),
    width="stretch",
    theme=None,
    key="bn_hist",
)
treemap = ui.query(ds, "benefit_treemap", **{**params, "scope_key": scope})
if len(treemap):
    st.plotly_chart(
        charts.treemap(
            treemap,
            f"Giá trị làm lợi theo đơn vị và lĩnh vực · {scope_name}",
            "Bấm vào một đơn vị để xem theo lĩnh vực",
        ),
        width="stretch",
        theme=None,
        key="bn_treemap",
    )
children = ui.query(ds, "ranking_children", parent_key=scope, **flt.params(hierarchy=False))
if children["benefit_vnd"].notna().any():
    top_unit = children.sort_values("benefit_vnd", ascending=False).iloc[0]
    st.plotly_chart(
        charts.value_bars(
            children,
            "unit",
            "benefit_vnd",
            f"{top_unit['unit']} dẫn đầu với {fmt.money(top_unit['benefit_vnd'])}",
            f"Giá trị làm lợi tự kê khai theo đơn vị trực thuộc {scope_name}",
            "đồng",
            money=True,
            top=15,
        ),
        width="stretch",
        theme=None,
        key="bn_units",
    )
st.subheader("Theo lĩnh vực")
st.dataframe(
    tables.benefit_fields(ui.query(ds, "benefit_by_field", **params)),
    hide_index=True,
    width="stretch",
    column_config=views.money_columns(),
    key="bn_fields",
)
st.subheader("50 sáng kiến làm lợi nhiều nhất")
top = tables.benefit_top(ui.query(ds, "benefit_top", limit=50, **params))
st.dataframe(top, hide_index=True, width="stretch", column_config=views.money_columns(), key="bn_top")
ui.downloads(top, "sang_kien_lam_loi_nhieu_nhat", "bn_top")
