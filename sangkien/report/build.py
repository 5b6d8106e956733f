"""The report of one version: every section of the overview, rankings, progress, benefits,
contests, awards and campaign, "since the last report" against a baseline, and the highlights.

Each section reads through the ``Source`` (the page's cached queries, or the CLI's plain ones) and
writes the same findings the pages write as their titles.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from sangkien import fmt, tables
from sangkien.analysis import findings, highlights, rankings, since, summary
from sangkien.charts import bars
from sangkien.ingest import schema
from sangkien.ingest.normalize import unit_key
from sangkien.report import slides
from sangkien.report.model import Report, Section, Table
from sangkien.report.source import Source, earlier_versions, versions_up_to
from sangkien.store.reading import open_dataset

KINDS_SHOWN = ("initiatives", "units", "reported_totals", "contest_results", "awards", "campaigns", "works", "opinions")


@dataclass
class Baseline:
    """What "since the last report" compares with: another version, or this one up to a date."""

    label: str  # "phiên bản v0001 (30/06/2023)", "ngày 30/06/2023"
    source: Source


def as_of(src: Source) -> dt.date | None:
    frame = src.query("version_as_of")
    value = frame["as_of"].iloc[0] if len(frame) else None
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def version_line(src: Source) -> str:
    ds = src.ds
    if ds.workspace:
        base = f" trên phiên bản {ds.previous}" if ds.previous else ""
        return f"Dữ liệu riêng của bạn, chưa xuất bản{base} · số liệu đến {fmt.date(as_of(src))}"
    label = ds.version.get("label") or ""
    return f"Phiên bản {ds.id}" + (f" · {label}" if label else "") + f" · số liệu đến {fmt.date(as_of(src))}"


def baseline(src: Source, since: str | None) -> Baseline | None:
    """``since``: a version id, an ISO or dd/mm/yyyy date, or None for the version before this one."""
    ds = src.ds
    if since is None:
        if not ds.previous:
            return None
        since = ds.previous
    earlier = earlier_versions(ds)
    if since in earlier:
        older = open_dataset(ds.root, since)
        return Baseline(f"phiên bản {since} ({fmt.date(as_of(src.at(older)))})", src.at(older))
    day = parse_day(since)
    if day is None:
        raise ValueError(f"'{since}' không phải một phiên bản trước {ds.id}, cũng không phải một ngày (dd/mm/yyyy).")
    # Reported totals cannot be cut at a date: they come from the last version whose figures run
    # to that day; loaded rows from that version too, up to the day.
    older = ds
    for candidate in versions_up_to(ds):
        reached = as_of(src.at(candidate))
        if reached is not None and reached <= day:
            older = candidate
    return Baseline(f"ngày {fmt.date(day)}", src.at(older, src.filters.with_end(day)))


def parse_day(text: str) -> dt.date | None:
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            pass
    return None


def _national(src: Source) -> pd.DataFrame:
    return src.query("ranking_federations", **src.filters.params())


def _children(src: Source, home: str | None) -> pd.DataFrame:
    if not home:
        return pd.DataFrame()
    return src.query("ranking_children", parent_key=home, **src.filters.params())


def since_section(src: Source, base: Baseline | None) -> tuple[Section | None, pd.DataFrame]:
    if base is None or not (src.ds.has("initiatives") or src.ds.has("reported_totals")):
        return None, pd.DataFrame()
    home = unit_key(src.ds.home_unit) if src.ds.home_unit else None
    national = since.compare(_national(base.source), _national(src))
    section = Section("since", f"Từ {base.label} đến nay")
    if len(national):
        t = since.totals(national)
        section.figures = [
            ("Sáng kiến mới", fmt.num(t["new_initiatives"])),
            ("Làm lợi tăng thêm", fmt.money(t["benefit_added_vnd"])),
            ("Đơn vị đạt chỉ tiêu trong kỳ", fmt.num(len(t["reached_quota"]))),
        ]
        most = national.iloc[0]
        section.charts.append(
            bars.value_bars(
                national,
                "unit",
                "new_initiatives",
                f"{most['unit']} thêm nhiều nhất: {fmt.num(most['new_initiatives'])} sáng kiến",
                f"Sáng kiến mới từ {base.label}, theo đơn vị toàn quốc",
                "sáng kiến",
                highlight=src.ds.home_unit,
                top=12,
            )
        )
        section.tables.append(Table("Từ báo cáo trước", "Toàn quốc", tables.since_table(national)))
        if t["reached_quota"]:
            section.lines.append("Đạt chỉ tiêu giao trong kỳ: " + ", ".join(t["reached_quota"]) + ".")
    children = since.compare(_children(base.source, home), _children(src, home))
    if len(children):
        section.tables.append(
            Table(
                "Từ báo cáo trước - trực thuộc", f"Đơn vị trực thuộc {src.ds.home_unit}", tables.since_table(children)
            )
        )
    return (section if section.tables else None), national


def _projection(src: Source, home: str | None) -> tuple[pd.DataFrame, pd.DataFrame, dt.date | None]:
    children = _children(src, home)
    if children.empty or not src.ds.has("initiatives"):
        return children, pd.DataFrame(), None
    daily = src.query("daily_children", parent_key=home, **src.filters.params())
    last = pd.Timestamp(daily["day"].max()).date() if len(daily) else None
    if last is None:
        return children, pd.DataFrame(), None
    return children, rankings.project_quota(daily, children, last), last


def highlight_section(src: Source, diff: pd.DataFrame, base: Baseline | None) -> Section:
    ds, h = src.ds, src.home()
    home = unit_key(ds.home_unit) if ds.home_unit else None
    points = [highlights.leader(_national(src), home)]
    if base is not None:
        points.append(highlights.risers(diff, base.label))
    _, projection, last = _projection(src, home)
    camp = summary.campaign(ds)
    end = fmt.to_date(camp["end"]) if camp and camp.get("end") else None
    if len(projection):
        points.append(highlights.behind(projection, end if end and last and end > last else None, ds.home_unit))
    if h and ds.has("initiatives"):
        top = src.query("benefit_top", scope_key=home, limit=1, **src.filters.params())
        points.append(highlights.benefit(top, h["benefit_total_vnd"], h["initiatives_with_benefit"]))
    awarded = int(src.query("awards_counts")["count"].sum()) if ds.has("awards") else None
    points.append(highlights.honours(summary.contest_totals(ds), awarded))
    return Section("highlights", "Điểm nổi bật", points=[p for p in points if p is not None])


def overview(src: Source) -> Section:
    content = slides.headline(src)
    section = Section("overview", content.title, figures=content.figures, lines=[content.line] if content.line else [])
    for build in (slides.ranking, slides.progress_slide):
        c = build(src)
        if c.chart is not None:
            section.charts.append(c.chart)
    return section


def rankings_section(src: Source) -> Section | None:
    national = _national(src)
    if national.empty:
        return None
    home = unit_key(src.ds.home_unit) if src.ds.home_unit else None
    title = findings.ranking_title(national, rankings.MEASURES["initiatives"], home, "toàn quốc")
    section = Section("rankings", "Xếp hạng", lines=[title])
    section.charts.append(bars.ranking_bar(national, home, title, "Số sáng kiến; sọc chéo: theo số báo cáo", top=30))
    section.tables.append(Table("Xếp hạng toàn quốc", "Toàn quốc", tables.ranking_table(national)))
    children = _children(src, home)
    if len(children):
        section.tables.append(
            Table("Xếp hạng trực thuộc", f"Trực thuộc {src.ds.home_unit}", tables.ranking_table(children))
        )
    return section


def progress_section(src: Source) -> Section | None:
    home = unit_key(src.ds.home_unit) if src.ds.home_unit else None
    c = slides.progress_slide(src)
    if c.empty:
        return None
    section = Section("progress", "Tiến độ", charts=[c.chart], lines=[c.title])
    children, projection, last = _projection(src, home)
    if len(projection):
        daily = src.query("daily_children", parent_key=home, **src.filters.params())
        board = tables.daily_table(rankings.daily_table(daily, children, last))
        section.tables.append(Table("Bảng công khai", f"Bảng công khai ngày {fmt.date(last)}", board))
        section.tables.append(
            Table("Dự kiến đạt chỉ tiêu", "Khi nào đạt chỉ tiêu", tables.projection_table(projection))
        )
    return section


def report(src: Source, base: Baseline | None = None, made_at: dt.datetime | None = None) -> Report:
    """Every section the version has data for, in the order of the pages."""
    from sangkien.report import build_more

    ds = src.ds
    since_part, diff = since_section(src, base)
    h = src.home()
    parts = [
        highlight_section(src, diff, base),
        overview(src) if h else None,
        since_part,
        rankings_section(src),
        progress_section(src) if h else None,
        *build_more.sections(src),
    ]
    return Report(
        title=f"Báo cáo phong trào sáng kiến · {ds.home_unit}" if ds.home_unit else "Báo cáo phong trào sáng kiến",
        unit=ds.home_unit,
        version=ds.id,
        version_line=version_line(src),
        filters_line=src.filters.describe(),
        as_of=as_of(src),
        workspace=ds.workspace,
        demo_tables=[schema.KINDS[k].label for k in KINDS_SHOWN if ds.is_demo(k)],
        made_at=made_at or dt.datetime.now().replace(microsecond=0),
        sections=[p for p in parts if p is not None and (p.figures or p.points or p.charts or p.tables)],
    )
