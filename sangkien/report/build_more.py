"""The report's sections of benefits, contests, awards and the campaign (see ``build``)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from sangkien import fmt, tables
from sangkien.analysis import estimate_range, findings, summary
from sangkien.charts import bars
from sangkien.charts.estimate import assumption_range
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
    section = Section("benefits", "Giá trị làm lợi", lines=[c.title])
    section.figures = [
        ("Tổng giá trị tự kê khai", fmt.money(s["total_vnd"])),
        ("Sáng kiến có ghi giá trị", f"{fmt.num(s['with_value'])} ({fmt.pct(s['pct_with_value'])})"),
        ("Lớn nhất", fmt.money(s["max_vnd"])),
        ("Trung vị", fmt.money(s["median_vnd"])),
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
                f"{top['unit']} dẫn đầu với {fmt.money(top['benefit_vnd'])}",
                f"Giá trị làm lợi tự kê khai theo đơn vị trực thuộc {ds.home_unit}",
                "đồng",
                money=True,
                top=15,
            )
        )
    _estimate(src, section, home)
    fields = tables.benefit_fields(src.query("benefit_by_field", **params))
    section.tables.append(Table("Làm lợi theo lĩnh vực", "Theo lĩnh vực", fields))
    top = tables.benefit_top(src.query("benefit_top", limit=TOP_BENEFITS, **params))
    section.tables.append(Table("Làm lợi nhiều nhất", f"{TOP_BENEFITS} sáng kiến làm lợi nhiều nhất", top))
    return section


def _estimate(src: Source, section: Section, home: str | None) -> None:
    """The benefit of the initiatives without a value: only as a range, each figure beside its assumption."""
    r = estimate_range.for_scope(src.run(), home, src.filters.params())
    if r is None or r.missing_n == 0:
        return
    section.lines.append(estimate_range.describe(r))
    for a in r.assumptions:
        interval = f" (khoảng tin cậy 90%: {fmt.money(a.low)} – {fmt.money(a.high)})" if a.low is not None else ""
        assumption = a.sentence[:1].lower() + a.sentence[1:].rstrip(".")
        section.lines.append(f"Giả định “{a.label}” ({assumption}): ước tính {fmt.money(a.estimate)}{interval}.")
    section.charts.append(
        assumption_range(
            estimate_range.rows(r),
            f"Tổng làm lợi từ {fmt.money(r.declared_total)} đến {fmt.money(r.declared_total + r.spread[1])}, tùy giả định",
            "Đã tự kê khai + ước tính cho sáng kiến chưa ghi giá trị; vạch đen: khoảng tin cậy 90% của mẫu",
        )
    )
    section.tables.append(
        Table(
            "Ước tính theo giả định",
            "Ước tính cho sáng kiến chưa ghi giá trị, theo giả định",
            tables.estimate_table(estimate_range.rows(r)),
        )
    )


def contests(src: Source) -> Section | None:
    ds = src.ds
    if not ds.has("contest_results"):
        return None
    c = summary.contest_totals(ds)
    content = slides.contest(src)
    section = Section("contests", "Hội thi", lines=[content.title])
    section.figures = [
        ("Nghề thi", fmt.num(c["trades"])),
        ("Thí sinh", fmt.num(c["contestants"])),
        ("Thí sinh đạt giải", fmt.num(c["winners"])),
        ("Tổng tiền giải", fmt.money(c["prize_total_vnd"])),
    ]
    section.charts.append(content.chart)
    winners = tables.contest_winners(src.query("contest_winners", contest=None))
    section.tables.append(Table("Danh sách đạt giải", "Danh sách đạt giải", winners))
    section.tables.append(
        Table("Hội thi theo đơn vị", "Theo đơn vị", tables.contest_units(src.query("contest_by_unit", contest=None)))
    )
    return section


def awards(src: Source) -> Section | None:
    if not src.ds.has("awards"):
        return None
    counts = src.query("awards_counts")
    content = slides.awards(src)
    section = Section("awards", "Khen thưởng", charts=[content.chart], lines=tables.award_sentences(counts))
    section.tables.append(Table("Khen thưởng", "Số khen thưởng", tables.award_counts(counts)))
    section.tables.append(
        Table("Khen thưởng theo đơn vị", "Theo đơn vị", tables.award_units(src.query("awards_by_unit")))
    )
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
        "Cấp",
        "Công trình, phần việc",
        findings.works_title(levels),
        "Công trình, sản phẩm, phần việc đăng ký chào mừng Đại hội",
        "công trình",
    )


def opinions_chart(opinions: pd.DataFrame) -> go.Figure:
    """Dialogue opinions by channel, the finding as its title (Phong trào and the report)."""
    return bars.value_bars(
        tables.opinion_channels(opinions),
        "Hình thức",
        "Ý kiến",
        findings.opinions_title(opinions),
        "Ý kiến, kiến nghị tại hội nghị đối thoại",
        "ý kiến",
    )


def campaign(src: Source) -> Section | None:
    ds = src.ds
    if not (ds.has("works") or ds.has("opinions") or ds.has("campaigns")):
        return None
    content = slides.campaign(src)
    c = summary.campaign(ds)
    section = Section("campaign", "Phong trào thi đua", figures=content.figures)
    if c and c.get("start"):
        section.lines.append(
            f"{c['name']}: {fmt.num(c['days'])} ngày, từ {fmt.date(c['start'])} đến {fmt.date(c['end'])}."
        )
    if content.line:
        section.lines.append(content.line)
    if ds.has("works"):
        section.charts.append(works_chart(src.query("works_by_level")))
        section.tables.append(
            Table("Công trình gắn biển", "Công trình gắn biển", tables.flagship_works(src.query("works_flagship")))
        )
    if ds.has("opinions"):
        section.charts.append(opinions_chart(src.query("opinions_by_channel")))
    return section


def sections(src: Source) -> list[Section | None]:
    return [benefits(src), contests(src), awards(src), campaign(src)]
