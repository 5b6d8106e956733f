"""The slides that compare: the highlights, since the last report, and both bar-chart races."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from sangkien import fmt
from sangkien.analysis import findings, race
from sangkien.charts import race as racing
from sangkien.i18n import t, tn
from sangkien.ingest.normalize import unit_key
from sangkien.report.content import Content
from sangkien.report.content import missing as _missing
from sangkien.report.source import Source, versions_up_to


def race_slide(src: Source) -> Content:
    ds = src.ds
    if not ds.has("initiatives") or not ds.home_unit:
        return _missing(t("slides.race"), t("slides.missing_initiatives"))
    home = unit_key(ds.home_unit)
    ranges = src.query("filter_ranges")
    if ranges.empty or pd.isna(ranges["first_day"].iloc[0]):
        return _missing(t("slides.race"), t("slides.missing_any_initiatives"))
    first, last = ranges["first_day"].iloc[0].date(), ranges["last_day"].iloc[0].date()
    frames = race.race_frames(src.run(), home, src.filters, first, last)
    if frames.empty:
        return _missing(t("slides.race"), t("slides.missing_children"))
    title = findings.race_title(frames)
    fig = racing.race(frames, None, title, top=8)
    weeks = race.step_days(first, last) // 7
    return Content(
        title,
        chart=fig,
        line=tn("slides.race_line", weeks, unit=ds.home_unit, top=8),
    )


def race_national(src: Source) -> Content:
    """One frame per as-of date of the federations' reports, from every version up to ``ds``."""
    ds = src.ds
    history = []
    for older in versions_up_to(ds):
        if older.has("reported_totals"):
            history.append(src.at(older).query("reported_federations"))
    frame = pd.concat(history, ignore_index=True) if history else pd.DataFrame()
    if frame.empty:
        return _missing(t("slides.race_national"), t("slides.missing_reported"))
    frame = frame.drop_duplicates(["unit_key", "as_of"], keep="last")  # a later version's report wins
    rows: Callable = lambda days: (  # noqa: E731
        src.query("race_federations_rows", days=days, **src.filters.params())
        if ds.has("initiatives")
        else pd.DataFrame()
    )
    frames = race.national_frames(frame, rows)
    home = unit_key(ds.home_unit) if ds.home_unit else None
    days = frames["frame_day"].nunique()
    title = findings.race_title(frames)
    fig = racing.race(frames, home, title, top=10)
    return Content(
        title,
        chart=fig,
        line=tn("slides.race_national_line", int(days)),
    )


def highlights(src: Source) -> Content:
    """The sentences of the leader's opening remarks (``build.highlight_section``)."""
    from sangkien.report import build

    base = build.baseline(src, None)
    _, diff = build.since_section(src, base)
    section = build.highlight_section(src, diff, base)
    if not section.points:
        return _missing(t("slides.highlights"), t("slides.missing_highlights"))
    return Content(t("slides.highlights"), points=[p.text for p in section.points])


def since(src: Source) -> Content:
    """What changed since the version before this one, unit by unit across the country."""
    from sangkien.analysis import since as changes
    from sangkien.report import build

    base = build.baseline(src, None)
    section, diff = build.since_section(src, base)
    if section is None or diff.empty:
        return _missing(t("slides.since"), t("slides.missing_since"))
    totals = changes.totals(diff)
    title = tn("slides.since_title", int(totals["new_initiatives"]), since=base.label)
    reached = totals["reached_quota"]
    line = t("slides.since_benefit", benefit=fmt.money(totals["benefit_added_vnd"]))
    if reached:
        names = ", ".join(reached[:4])
        if len(reached) > 4:
            names = tn("slides.since_more", len(reached) - 4, names=names)
        line = t("slides.since_reached", line=line, names=names)
    chart = section.charts[0]
    chart.update_layout(title={"text": title, "subtitle": {"text": ""}})
    return Content(title, chart=chart, line=line)
