"""Giá trị làm lợi: the declared benefit, its bands and spread, and an honest estimate for the rest."""

import streamlit as st

from sangkien import fmt, tables
from sangkien.charts import bars, distributions
from sangkien.i18n import t, tn
from sangkien.ingest import schema
from sangkien.ui import cards, columns, data, filters, screen, widgets

widgets.ensure_navigation()

ds = data.dataset_with("initiatives")
flt = filters.sidebar(ds)
scope, scope_name = filters.scope(ds, flt)
params = {"scope_key": scope, **flt.params()}
summary = data.query(ds, "benefit_summary", **params).iloc[0]

st.title(
    t("benefits.title", total=fmt.money(summary["total_vnd"]), count=fmt.num(summary["with_value"]))
    if summary["with_value"]
    else t("benefits.title_none", unit=scope_name)
)
filters.filter_line(flt, ds)
widgets.demo_badge(ds, "initiatives")
if not summary["initiatives"]:
    widgets.empty_notice(t(widgets.WHAT_INITIATIVES))
    st.stop()
c = st.columns(4)
c[0].metric(t("benefits.total_declared"), fmt.money(summary["total_vnd"]), border=True)
c[1].metric(
    t("benefits.with_value"),
    f"{fmt.num(summary['with_value'])} ({fmt.pct(summary['pct_with_value'])})",
    border=True,
    help=t("benefits.with_value_help", count=fmt.num(summary["initiatives"]), unit=scope_name),
)
c[2].metric(t("benefits.largest"), fmt.money(summary["max_vnd"]), border=True)
c[3].metric(t("benefits.median"), fmt.money(summary["median_vnd"]), border=True)

cards.benefit_estimate(ds, params, summary)

bands = data.query(ds, "benefit_bands", edges=data.band_edges(), **params)
left, right = st.columns(2)
band_rows = tables.band_table(bands)
big = bands[bands["band_from"].fillna(0) >= schema.BIG_BENEFIT_VND]
screen.chart(
    screen.built(
        bars.value_bars,
        band_rows,
        "band",
        "total_vnd",
        t(
            "benefits.bands_title",
            count=fmt.num(big["initiatives"].sum()),
            threshold=fmt.money(schema.BIG_BENEFIT_VND),
            total=fmt.money(big["total_vnd"].sum()),
        ),
        t("benefits.bands_subtitle"),
        t("widgets.vnd"),
        money=True,
        sort=False,
        notes=[tn("benefits.initiatives_note", int(n)) for n in band_rows["initiatives"]],
    ),
    key="bn_bands",
    where=left,
)
screen.chart(
    screen.built(
        distributions.log_histogram,
        data.query(ds, "benefit_distribution", **params),
        t("benefits.histogram_title", median=fmt.money(summary["median_vnd"])),
        t("benefits.histogram_subtitle"),
    ),
    key="bn_hist",
    where=right,
)
treemap = data.query(ds, "benefit_treemap", **{**params, "scope_key": scope})
treemap = treemap.assign(field=treemap["field"].fillna(t("benefits.no_field")))
if len(treemap):
    screen.chart(
        screen.built(
            distributions.treemap,
            treemap,
            t("benefits.treemap_title", unit=scope_name),
            t("benefits.treemap_subtitle"),
        ),
        key="bn_treemap",
    )
children = data.query(ds, "ranking_children", parent_key=scope, **flt.params())
if children["benefit_vnd"].notna().any():
    top_unit = children.sort_values("benefit_vnd", ascending=False).iloc[0]
    screen.chart(
        screen.built(
            bars.value_bars,
            children,
            "unit",
            "benefit_vnd",
            t("benefits.units_title", unit=top_unit["unit"], total=fmt.money(top_unit["benefit_vnd"])),
            t("benefits.units_subtitle", unit=scope_name),
            t("widgets.vnd"),
            money=True,
            top=15,
        ),
        key="bn_units",
    )
st.subheader(t("benefits.by_field"))
fields = data.query(ds, "benefit_by_field", **params)
fields = fields.assign(field=fields["field"].fillna(t("benefits.no_field")))  # the query leaves it NULL
columns.show(tables.benefit_fields(fields), key="bn_fields")
st.subheader(t("benefits.top_heading"))
top = tables.benefit_top(data.query(ds, "benefit_top", limit=50, **params))
columns.show(top, key="bn_top")
widgets.downloads(top, t("benefits.top_file"), "bn_top")
