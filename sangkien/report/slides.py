"""What each slide of a run of show says: its finding, its big figures, its chart or its names.

A slide is built from one published version (the run of show's), with the filters of its
``Source`` — at their defaults in the hall, so the figures it shows are the federation's official
ones. A version without the data a slide needs gives a slide that says so, rather than an error.
The presentation mode draws these; the PowerPoint and HTML files are made from the same content.
"""

from __future__ import annotations

from collections.abc import Callable

from sangkien import fmt, tables
from sangkien.analysis import estimate_range, findings, rankings, summary
from sangkien.charts import bars, progress
from sangkien.i18n import t, tn
from sangkien.ingest import schema
from sangkien.ingest.normalize import unit_key
from sangkien.report.content import Content
from sangkien.report.content import missing as _missing
from sangkien.report.slides_more import highlights, race_national, race_slide, since
from sangkien.report.source import Source
from sangkien.store.reading import Dataset

HONOURS_SHOWN = 24  # names on the honours slide; the rest are counted


def headline(src: Source) -> Content:
    h = src.home()
    if h is None or h["initiatives"] is None:
        return _missing(t("slides.headline"), t("slides.missing_home_count"))
    figures = [(t("slides.fig_initiatives"), fmt.num(h["initiatives"]))]
    if h["pct_of_quota"] is not None:
        figures.append((t("slides.fig_pct_quota"), fmt.pct(h["pct_of_quota"])))
    if h["pct_of_commitment"] is not None:
        figures.append((t("slides.fig_pct_commitment"), fmt.pct(h["pct_of_commitment"])))
    if h["national_rank"]:
        rank = t("slides.rank_of", rank=fmt.num(h["national_rank"]), count=fmt.num(h["national_count"]))
        figures.append((t("slides.fig_rank"), rank))
    targets = [
        t("slides.line_quota", quota=fmt.num(h["quota"])) if h["quota"] else "",
        t("slides.line_commitment", commitment=fmt.num(h["commitment"])) if h["commitment"] else "",
        tn("slides.line_participants", int(h["participants"])) if h["participants"] else "",
    ]
    title = tn("slides.headline_title", int(h["initiatives"]), unit=h["unit"])
    return Content(title, figures, line=" · ".join(x for x in targets if x))


def ranking(src: Source) -> Content:
    ds = src.ds
    national = src.query("ranking_federations", **src.filters.params())
    if national.empty:
        return _missing(t("slides.ranking"), t("slides.missing_national"))
    home = unit_key(ds.home_unit) if ds.home_unit else None
    title = findings.ranking_title(national, rankings.MEASURES["initiatives"], home, t("slides.nationwide"))
    fig = bars.ranking_bar(national, home, title, None, top=10)
    return Content(title, chart=fig, line=t("slides.ranking_line"))


def progress_slide(src: Source) -> Content:
    ds = src.ds
    h = src.home()
    if h is None or not ds.has("initiatives"):
        return _missing(t("slides.progress"), t("slides.missing_initiatives"))
    daily = src.query("progress_cumulative", unit_keys=[unit_key(h["unit"])], **src.filters.params())
    if daily.empty:
        return _missing(t("slides.progress"), t("slides.missing_home_initiatives"))
    title = t("slides.progress_title", quota=fmt.pct(h["pct_of_quota"]), commitment=fmt.pct(h["pct_of_commitment"]))
    fig = progress.cumulative_progress(daily, h["quota"], h["commitment"], h["campaign"], title)
    return Content(title, chart=fig, line=t("slides.progress_line"))


def benefits(src: Source) -> Content:
    ds = src.ds
    if not ds.has("initiatives"):
        return _missing(t("slides.benefits"), t("slides.missing_initiatives"))
    params = {"scope_key": unit_key(ds.home_unit) if ds.home_unit else None, **src.filters.params()}
    s = src.query("benefit_summary", **params).iloc[0]
    if not s["with_value"]:
        return _missing(t("slides.benefits"), t("slides.missing_benefit"))
    bands = tables.band_table(src.query("benefit_bands", edges=src.bands(), **params))
    bands["band"] = [
        tn("slides.band", int(n), band=b) for b, n in zip(bands["band"], bands["initiatives"], strict=True)
    ]
    title = tn("slides.benefits_title", int(s["with_value"]), total=fmt.money(s["total_vnd"]))
    fig = bars.value_bars(bands, "band", "total_vnd", title, None, t("slides.unit_vnd"), money=True, sort=False)
    line = t("slides.benefits_line")
    r = estimate_range.for_scope(src.run(), params["scope_key"], src.filters.params())
    if r is not None and r.missing_n:  # the estimate only beside its assumption, never added in
        like, typical = r.by_key("like_declared"), r.by_key("median")
        line = tn(
            "slides.benefits_missing",
            int(r.missing_n),
            like=fmt.money(like.estimate),
            typical=fmt.money(typical.estimate),
        )
    return Content(title, chart=fig, line=line)


def contest(src: Source) -> Content:
    ds = src.ds
    if not ds.has("contest_results"):
        return _missing(t("slides.contest"), t("slides.missing_contest"))
    c = summary.contest_totals(src.ds)
    trades = src.query("contest_by_trade", contest=None)
    title = t(
        "slides.contest_title",
        trades=fmt.num(c["trades"]),
        winners=fmt.num(c["winners"]),
        prizes=fmt.money(c["prize_total_vnd"]),
    )
    fig = bars.value_bars(trades, "trade", "prize_total_vnd", title, None, t("slides.unit_vnd"), money=True, top=10)
    return Content(title, chart=fig, line=tn("slides.contest_line", int(c["contestants"])))


def awards(src: Source) -> Content:
    ds = src.ds
    if not ds.has("awards"):
        return _missing(t("slides.awards"), t("slides.missing_awards"))
    counts = src.query("awards_counts")
    title = tn("slides.awards_title", int(counts["count"].sum()))
    # one bar per body and recipient type, over all its programmes, in the order of the lists
    frame = (
        counts.assign(
            who=[
                f"{b} · {str(schema.recipient_label(kind)).lower()}"
                for b, kind in zip(counts["body"].fillna(""), counts["recipient_type"], strict=True)
            ]
        )
        .groupby("who", sort=False, as_index=False)["count"]
        .sum()
    )
    fig = bars.value_bars(frame, "who", "count", title, None, t("slides.unit_recipients"), sort=False, top=10)
    return Content(title, chart=fig, line=t("slides.awards_line"))


def campaign(src: Source) -> Content:
    ds = src.ds
    if not (ds.has("works") or ds.has("opinions")):
        return _missing(t("slides.campaign"), t("slides.missing_campaign"))
    w, o = summary.works_totals(src.ds), summary.opinions_totals(src.ds)
    figures = []
    if w:
        figures += [(t("slides.fig_works"), fmt.num(w["total"])), (t("slides.fig_flagship"), fmt.num(w["flagship"]))]
    if o:
        figures += [(t("slides.fig_opinions"), fmt.num(o["total"])), (t("slides.fig_answered"), fmt.num(o["answered"]))]
    c = summary.campaign(src.ds)
    name = c["name"] if c and c.get("name") else t("slides.campaign_name")
    parts = []
    if w:
        parts.append(t("slides.works_line", grassroots=fmt.num(w["grassroots"]), upper=fmt.num(w["upper_level"])))
    if o:
        parts.append(t("slides.opinions_line", written=fmt.num(o["written"]), direct=fmt.num(o["direct"])))
    return Content(name, figures, line="; ".join(parts))


def honours(src: Source) -> Content:
    """The units the awards name (collective recipients), by the body that honoured them."""
    ds = src.ds
    if not ds.has("awards"):
        return _missing(t("slides.honours"), t("slides.missing_awards"))
    rows = src.query("awards_list", body=None, programme=None, recipient_type=None, search=None)
    units = rows[rows["recipient_type"].fillna("").str.lower() == schema.COLLECTIVE_RECIPIENT]
    if units.empty:
        return _missing(t("slides.honours"), t("slides.missing_collectives"))
    groups, shown = [], 0
    for body, group in units.groupby(units["body"].fillna(t("slides.awards")), sort=False):
        names = list(dict.fromkeys(group["recipient"].dropna()))[: max(0, HONOURS_SHOWN - shown)]
        shown += len(names)
        if names:
            groups.append((str(body), names))
    more = len(units) - shown
    line = tn("slides.honours_more", more) if more > 0 else ""
    return Content(tn("slides.honours_title", len(units)), names=groups, line=line)


BUILDERS: dict[str, Callable[[Source], Content]] = {
    "headline": headline,
    "highlights": highlights,
    "ranking": ranking,
    "since": since,
    "progress": progress_slide,
    "benefits": benefits,
    "contest": contest,
    "awards": awards,
    "campaign": campaign,
    "honours": honours,
    "race": race_slide,
    "race_national": race_national,
}


# The tables a slide is drawn from (any one of them): a usual run leaves out the slides a version cannot fill.
NEEDS: dict[str, tuple[str, ...]] = {
    "headline": summary.UNIT_KINDS,
    "highlights": summary.UNIT_KINDS,
    "ranking": ("initiatives", "reported_totals"),
    "since": ("initiatives", "reported_totals"),
    "progress": ("initiatives",),
    "benefits": ("initiatives",),
    "contest": ("contest_results",),
    "awards": ("awards",),
    "campaign": ("works", "opinions"),
    "honours": ("awards",),
    "race": ("initiatives",),
    "race_national": ("reported_totals",),
}


def available(ds: Dataset) -> list[str]:
    """The slide kinds ``ds`` has data for, in the usual order."""
    return [k for k in BUILDERS if any(ds.has(kind) for kind in NEEDS[k])]
