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
from sangkien.i18n import label_of, t, tn
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

    label: str  # "phiên bản v0001 (30/06/2023)", "ngày 30/06/2023" (in the current language)
    source: Source


def as_of(src: Source) -> dt.date | None:
    frame = src.query("version_as_of")
    value = frame["as_of"].iloc[0] if len(frame) else None
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def version_line(src: Source) -> str:
    ds = src.ds
    if ds.workspace:
        day = fmt.date(as_of(src))
        if ds.previous:
            return t("report.version_line_workspace_on", version=ds.previous, day=day)
        return t("report.version_line_workspace", day=day)
    label = label_of(ds.version)
    version = t("report.version_line_version", version=ds.id) + (f" · {label}" if label else "")
    return t("report.version_line", version=version, day=fmt.date(as_of(src)))


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
        label = t("report.baseline_version", version=since, day=fmt.date(as_of(src.at(older))))
        return Baseline(label, src.at(older))
    day = parse_day(since)
    if day is None:
        raise ValueError(t("report.error_since", since=since, version=ds.id))
    # Reported totals cannot be cut at a date: they come from the last version whose figures run
    # to that day; loaded rows from that version too, up to the day.
    older = ds
    for candidate in versions_up_to(ds):
        reached = as_of(src.at(candidate))
        if reached is not None and reached <= day:
            older = candidate
    return Baseline(t("report.baseline_day", day=fmt.date(day)), src.at(older, src.filters.with_end(day)))


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
    section = Section("since", t("report.since_title", since=base.label))
    if len(national):
        totals = since.totals(national)
        section.figures = [
            (t("report.fig_new"), fmt.num(totals["new_initiatives"])),
            (t("report.fig_benefit_added"), fmt.money(totals["benefit_added_vnd"])),
            (t("report.fig_reached"), fmt.num(len(totals["reached_quota"]))),
        ]
        most = national.iloc[0]
        section.charts.append(
            bars.value_bars(
                national,
                "unit",
                "new_initiatives",
                tn("report.since_most", int(most["new_initiatives"]), unit=most["unit"]),
                t("report.since_subtitle", since=base.label),
                t("report.unit_initiatives"),
                highlight=src.ds.home_unit,
                top=12,
            )
        )
        section.tables.append(Table(t("report.sheet_since"), t("report.table_national"), tables.since_table(national)))
        if totals["reached_quota"]:
            section.lines.append(t("report.since_reached", names=", ".join(totals["reached_quota"])))
    children = since.compare(_children(base.source, home), _children(src, home))
    if len(children):
        section.tables.append(
            Table(
                t("report.sheet_since_children"),
                t("report.table_children_of", unit=src.ds.home_unit),
                tables.since_table(children),
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
    return Section("highlights", t("slides.highlights"), points=[p for p in points if p is not None])


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
    title = findings.ranking_title(national, rankings.MEASURES["initiatives"], home, t("slides.nationwide"))
    section = Section("rankings", t("report.section_rankings"), lines=[title])
    section.charts.append(bars.ranking_bar(national, home, title, t("report.ranking_subtitle"), top=30))
    section.tables.append(Table(t("report.sheet_ranking"), t("report.table_national"), tables.ranking_table(national)))
    children = _children(src, home)
    if len(children):
        section.tables.append(
            Table(
                t("report.sheet_ranking_children"),
                t("report.table_under", unit=src.ds.home_unit),
                tables.ranking_table(children),
            )
        )
    return section


def progress_section(src: Source) -> Section | None:
    home = unit_key(src.ds.home_unit) if src.ds.home_unit else None
    c = slides.progress_slide(src)
    if c.empty:
        return None
    section = Section("progress", t("report.section_progress"), charts=[c.chart], lines=[c.title])
    children, projection, last = _projection(src, home)
    if len(projection):
        daily = src.query("daily_children", parent_key=home, **src.filters.params())
        board = tables.daily_table(rankings.daily_table(daily, children, last))
        section.tables.append(Table(t("report.sheet_board"), t("report.table_board", day=fmt.date(last)), board))
        section.tables.append(
            Table(t("report.sheet_projection"), t("report.table_projection"), tables.projection_table(projection))
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
        title=t("report.title_unit", unit=ds.home_unit) if ds.home_unit else t("report.title"),
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
