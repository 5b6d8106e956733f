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
        return _missing("Số liệu chính", "số sáng kiến của đơn vị chủ quản")
    figures = [("Sáng kiến", fmt.num(h["initiatives"]))]
    if h["pct_of_quota"] is not None:
        figures.append(("Đạt chỉ tiêu giao", fmt.pct(h["pct_of_quota"])))
    if h["pct_of_commitment"] is not None:
        figures.append(("Đạt số đăng ký", fmt.pct(h["pct_of_commitment"])))
    if h["national_rank"]:
        figures.append(("Xếp hạng toàn quốc", f"{fmt.num(h['national_rank'])}/{fmt.num(h['national_count'])}"))
    targets = [
        f"chỉ tiêu giao {fmt.num(h['quota'])}" if h["quota"] else "",
        f"số đăng ký {fmt.num(h['commitment'])}" if h["commitment"] else "",
        f"{fmt.num(h['participants'])} người tham gia" if h["participants"] else "",
    ]
    return Content(
        f"{h['unit']}: {fmt.num(h['initiatives'])} sáng kiến", figures, line=" · ".join(t for t in targets if t)
    )


def ranking(src: Source) -> Content:
    ds = src.ds
    national = src.query("ranking_federations", **src.filters.params())
    if national.empty:
        return _missing("Xếp hạng toàn quốc", "số liệu của các đơn vị toàn quốc")
    home = unit_key(ds.home_unit) if ds.home_unit else None
    title = findings.ranking_title(national, rankings.MEASURES["initiatives"], home, "toàn quốc")
    fig = bars.ranking_bar(national, home, title, None, top=10)
    return Content(title, chart=fig, line="Số sáng kiến; sọc chéo: theo số đơn vị báo cáo")


def progress_slide(src: Source) -> Content:
    ds = src.ds
    h = src.home()
    if h is None or not ds.has("initiatives"):
        return _missing("Tiến độ so với chỉ tiêu", "danh sách sáng kiến")
    daily = src.query("progress_cumulative", unit_keys=[unit_key(h["unit"])], **src.filters.params())
    if daily.empty:
        return _missing("Tiến độ so với chỉ tiêu", "sáng kiến của đơn vị chủ quản")
    title = f"Đạt {fmt.pct(h['pct_of_quota'])} chỉ tiêu giao, {fmt.pct(h['pct_of_commitment'])} số đăng ký"
    fig = progress.cumulative_progress(daily, h["quota"], h["commitment"], h["campaign"], title)
    return Content(title, chart=fig, line="Sáng kiến lũy kế; vùng tô: đợt thi đua")


def benefits(src: Source) -> Content:
    ds = src.ds
    if not ds.has("initiatives"):
        return _missing("Giá trị làm lợi", "danh sách sáng kiến")
    params = {"scope_key": unit_key(ds.home_unit) if ds.home_unit else None, **src.filters.params()}
    s = src.query("benefit_summary", **params).iloc[0]
    if not s["with_value"]:
        return _missing("Giá trị làm lợi", "sáng kiến ghi giá trị làm lợi")
    bands = tables.band_table(src.query("benefit_bands", edges=src.bands(), **params))
    bands["band"] = [f"{b} ({fmt.num(n)} sáng kiến)" for b, n in zip(bands["band"], bands["initiatives"], strict=True)]
    title = f"Giá trị làm lợi {fmt.money(s['total_vnd'])} từ {fmt.num(s['with_value'])} sáng kiến"
    fig = bars.value_bars(bands, "band", "total_vnd", title, None, "đồng", money=True, sort=False)
    line = "Giá trị tự kê khai theo mức: tổng của mỗi mức và số sáng kiến"
    r = estimate_range.for_scope(src.run(), params["scope_key"], src.filters.params())
    if r is not None and r.missing_n:  # the estimate only beside its assumption, never added in
        like, typical = r.by_key("like_declared"), r.by_key("median")
        line = (
            f"Chưa tính {fmt.num(r.missing_n)} sáng kiến chưa ghi giá trị: nếu như sáng kiến đã ghi cùng lĩnh vực, "
            f"thêm {fmt.money(like.estimate)}; nếu như sáng kiến điển hình, thêm {fmt.money(typical.estimate)}; "
            "nếu không làm lợi bằng tiền, không thêm"
        )
    return Content(title, chart=fig, line=line)


def contest(src: Source) -> Content:
    ds = src.ds
    if not ds.has("contest_results"):
        return _missing("Hội thi", "kết quả hội thi")
    c = summary.contest_totals(src.ds)
    trades = src.query("contest_by_trade", contest=None)
    title = (
        f"Hội thi: {fmt.num(c['trades'])} nghề, {fmt.num(c['winners'])} thí sinh đạt giải, "
        f"{fmt.money(c['prize_total_vnd'])} tiền thưởng"
    )
    fig = bars.value_bars(trades, "trade", "prize_total_vnd", title, None, "đồng", money=True, top=10)
    return Content(
        title,
        chart=fig,
        line=f"{fmt.num(c['contestants'])} thí sinh dự thi; tiền thưởng theo nghề",
    )


def awards(src: Source) -> Content:
    ds = src.ds
    if not ds.has("awards"):
        return _missing("Khen thưởng", "danh sách khen thưởng")
    counts = src.query("awards_counts")
    title = f"{fmt.num(counts['count'].sum())} tập thể, cá nhân được khen thưởng"
    # one bar per body and recipient type, over all its programmes, in the order of the lists
    frame = (
        counts.assign(
            who=[
                f"{b} · {str(t).lower()}"
                for b, t in zip(counts["body"].fillna(""), counts["recipient_type"], strict=True)
            ]
        )
        .groupby("who", sort=False, as_index=False)["count"]
        .sum()
    )
    fig = bars.value_bars(frame, "who", "count", title, None, "tập thể, cá nhân", sort=False, top=10)
    return Content(title, chart=fig, line="Theo cấp khen thưởng và loại đối tượng")


def campaign(src: Source) -> Content:
    ds = src.ds
    if not (ds.has("works") or ds.has("opinions")):
        return _missing("Công trình và ý kiến", "công trình, phần việc hay ý kiến")
    w, o = summary.works_totals(src.ds), summary.opinions_totals(src.ds)
    figures = []
    if w:
        figures += [("Công trình, phần việc", fmt.num(w["total"])), ("Công trình gắn biển", fmt.num(w["flagship"]))]
    if o:
        figures += [("Ý kiến, kiến nghị", fmt.num(o["total"])), ("Đã trả lời", fmt.num(o["answered"]))]
    c = summary.campaign(src.ds)
    name = c["name"] if c and c.get("name") else "Phong trào thi đua"
    parts = []
    if w:
        parts.append(f"{fmt.num(w['grassroots'])} cấp cơ sở, {fmt.num(w['upper_level'])} cấp trên cơ sở")
    if o:
        parts.append(f"{fmt.num(o['written'])} ý kiến bằng văn bản, {fmt.num(o['direct'])} trực tiếp")
    return Content(name, figures, line="; ".join(parts))


def honours(src: Source) -> Content:
    """The units the awards name (collective recipients), by the body that honoured them."""
    ds = src.ds
    if not ds.has("awards"):
        return _missing("Đơn vị tiêu biểu", "danh sách khen thưởng")
    rows = src.query("awards_list", body=None, programme=None, recipient_type=None, search=None)
    units = rows[rows["recipient_type"].fillna("").str.lower() == schema.COLLECTIVE_RECIPIENT]
    if units.empty:
        return _missing("Đơn vị tiêu biểu", "tập thể được khen thưởng")
    groups, shown = [], 0
    for body, group in units.groupby(units["body"].fillna("Khen thưởng"), sort=False):
        names = list(dict.fromkeys(group["recipient"].dropna()))[: max(0, HONOURS_SHOWN - shown)]
        shown += len(names)
        if names:
            groups.append((str(body), names))
    more = len(units) - shown
    line = f"và {fmt.num(more)} tập thể khác" if more > 0 else ""
    return Content(f"{fmt.num(len(units))} tập thể tiêu biểu được khen thưởng", names=groups, line=line)


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
    return [k for k in BUILDERS if any(ds.has(t) for t in NEEDS[k])]
