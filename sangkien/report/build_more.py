"""The report's sections of benefits, contests, awards and the campaign (see ``build``)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from sangkien import columns, fmt, tables
from sangkien.analysis import estimate_range, findings, summary
from sangkien.charts import bars
from sangkien.charts.estimate import assumption_range
from sangkien.i18n import t, tn
from sangkien.ingest.normalize import unit_key
from sangkien.report import slides
from sangkien.report.model import Section, Table
from sangkien.report.source import Source

TOP_BENEFITS = 50


def benefits(src: Source) -> Section | None:
    ds = src.ds
    if not ds.has("initiatives"):
        return None
    home = unit_key(ds.home_unit) if ds.home_unit else None
    params = {"scope_key": home, **src.filters.params()}
    s = src.query("benefit_summary", **params).iloc[0]
    if not s["with_value"]:
        return None
    c = slides.benefits(src)
    section = Section("benefits", t("slides.benefits"), lines=[c.title])
    section.figures = [
        (t("report.fig_declared_total"), fmt.money(s["total_vnd"])),
        (t("report.fig_with_value"), f"{fmt.num(s['with_value'])} ({fmt.pct(s['pct_with_value'])})"),
        (t("report.fig_max"), fmt.money(s["max_vnd"])),
        (t("report.fig_median"), fmt.money(s["median_vnd"])),
    ]
    section.charts.append(c.chart)
    children = src.query("ranking_children", parent_key=home, **src.filters.params()) if home else None
    if children is not None and children["benefit_vnd"].notna().any():
        top = children.sort_values("benefit_vnd", ascending=False).iloc[0]
        section.charts.append(
            bars.value_bars(
                children,
                "unit",
                "benefit_vnd",
                t("report.benefit_leader", unit=top["unit"], benefit=fmt.money(top["benefit_vnd"])),
                t("report.benefit_by_child", unit=ds.home_unit),
                t("slides.unit_vnd"),
                money=True,
                top=15,
            )
        )
    _estimate(src, section, home)
    fields = tables.benefit_fields(src.query("benefit_by_field", **params))
    section.tables.append(Table(t("report.sheet_by_field"), t("report.table_by_field"), fields))
    top = tables.benefit_top(src.query("benefit_top", limit=TOP_BENEFITS, **params))
    section.tables.append(Table(t("report.sheet_top"), tn("report.table_top", TOP_BENEFITS), top))
    return section


def _estimate(src: Source, section: Section, home: str | None) -> None:
    """The benefit of the initiatives without a value: only as a range, each figure beside its assumption."""
    r = estimate_range.for_scope(src.run(), home, src.filters.params())
    if r is None or r.missing_n == 0:
        return
    section.lines.append(estimate_range.describe(r))
    for a in r.assumptions:
        interval = t("report.interval", low=fmt.money(a.low), high=fmt.money(a.high)) if a.low is not None else ""
        assumption = a.sentence[:1].lower() + a.sentence[1:].rstrip(".")
        section.lines.append(
            t(
                "report.assumption",
                label=a.label,
                assumption=assumption,
                estimate=fmt.money(a.estimate),
                interval=interval,
            )
        )
    section.charts.append(
        assumption_range(
            estimate_range.rows(r),
            t(
                "report.estimate_title",
                low=fmt.money(r.declared_total),
                high=fmt.money(r.declared_total + r.spread[1]),
            ),
            t("report.estimate_subtitle"),
        )
    )
    section.tables.append(
        Table(
            t("report.sheet_estimate"),
            t("report.table_estimate"),
            tables.estimate_table(estimate_range.rows(r)),
        )
    )


def contests(src: Source) -> Section | None:
    ds = src.ds
    if not ds.has("contest_results"):
        return None
    c = summary.contest_totals(ds)
    content = slides.contest(src)
    section = Section("contests", t("slides.contest"), lines=[content.title])
    section.figures = [
        (t("report.fig_trades"), fmt.num(c["trades"])),
        (t("report.fig_contestants"), fmt.num(c["contestants"])),
        (t("report.fig_winners"), fmt.num(c["winners"])),
        (t("report.fig_prizes"), fmt.money(c["prize_total_vnd"])),
    ]
    section.charts.append(content.chart)
    winners = tables.contest_winners(src.query("contest_winners", contest=None))
    section.tables.append(Table(t("report.sheet_winners"), t("report.sheet_winners"), winners))
    by_unit = tables.contest_units(src.query("contest_by_unit", contest=None))
    section.tables.append(Table(t("report.sheet_contest_units"), t("report.table_by_unit"), by_unit))
    return section


def awards(src: Source) -> Section | None:
    if not src.ds.has("awards"):
        return None
    counts = src.query("awards_counts")
    content = slides.awards(src)
    section = Section("awards", t("slides.awards"), charts=[content.chart], lines=tables.award_sentences(counts))
    section.tables.append(Table(t("slides.awards"), t("report.table_award_counts"), tables.award_counts(counts)))
    by_unit = tables.award_units(src.query("awards_by_unit"))
    section.tables.append(Table(t("report.sheet_award_units"), t("report.table_by_unit"), by_unit))
    honours = slides.honours(src)
    if not honours.empty:
        names = [f"{heading}: " + ", ".join(group) for heading, group in honours.names]
        section.lines += [honours.title + (f" ({honours.line})" if honours.line else ""), *names]
    return section


def works_chart(works_by_level: pd.DataFrame) -> go.Figure:
    """Works by level, the finding as its title (Phong trào and the report)."""
    levels = tables.work_levels(works_by_level)
    return bars.value_bars(
        levels,
        columns.label("level"),
        columns.label("works"),
        findings.works_title(levels),
        t("report.works_subtitle"),
        t("report.unit_works"),
    )


def opinions_chart(opinions: pd.DataFrame) -> go.Figure:
    """Dialogue opinions by channel, the finding as its title (Phong trào and the report)."""
    return bars.value_bars(
        tables.opinion_channels(opinions),
        columns.label("channel"),
        columns.label("opinions"),
        findings.opinions_title(opinions),
        t("report.opinions_subtitle"),
        t("report.unit_opinions"),
    )


def campaign(src: Source) -> Section | None:
    ds = src.ds
    if not (ds.has("works") or ds.has("opinions") or ds.has("campaigns")):
        return None
    content = slides.campaign(src)
    c = summary.campaign(ds)
    section = Section("campaign", t("slides.campaign_name"), figures=content.figures)
    if c and c.get("start"):
        period = tn("report.campaign_days", int(c["days"]), start=fmt.date(c["start"]), end=fmt.date(c["end"]))
        section.lines.append(f"{c['name']}: {period}")
    if content.line:
        section.lines.append(content.line)
    if ds.has("works"):
        section.charts.append(works_chart(src.query("works_by_level")))
        section.tables.append(
            Table(
                t("slides.fig_flagship"), t("slides.fig_flagship"), tables.flagship_works(src.query("works_flagship"))
            )
        )
    if ds.has("opinions"):
        section.charts.append(opinions_chart(src.query("opinions_by_channel")))
    return section


def sections(src: Source) -> list[Section | None]:
    return [benefits(src), contests(src), awards(src), campaign(src)]
