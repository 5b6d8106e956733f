"""The conference pack on the pages: the highlights and "since the last report" on Tổng quan, the
report's files behind "Xuất báo cáo", and the daily bulletin on Tiến độ.

Every file is made from this session's data (its workspace or the published version), only when
its button is pressed, and never kept on the server.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from sangkien import fmt, i18n
from sangkien.analysis.filters import Filters
from sangkien.i18n import N_, t, tn
from sangkien.report import build, bulletin, files, images
from sangkien.report.model import Section
from sangkien.report.source import Source, earlier_versions
from sangkien.store.reading import Dataset
from sangkien.ui import columns, data, screen
from sangkien.ui.widgets import md_escape as _md

PAGES = {  # the page a highlight links to, and its title (a key of the navigation's)
    "rankings": ("pages/rankings.py", N_("nav.rankings")),
    "progress": ("pages/progress.py", N_("nav.progress")),
    "benefits": ("pages/benefits.py", N_("nav.benefits")),
    "contests": ("pages/contests.py", N_("nav.contests")),
}
BY_DATE = "date"


def source(ds: Dataset, flt: Filters | None = None) -> Source:
    """``ds`` asked through Streamlit's cached queries (keyed by the version file) under ``flt``."""
    return Source(
        ds, flt or Filters(), runner=data.query_runner, headliner=lambda d, f: data.cached_headline(d, None, f)
    )


def _earlier(ds: Dataset) -> list[str]:
    """The versions published before ``ds``, newest first."""
    return list(reversed(earlier_versions(ds)))


def _default_day(last: object) -> dt.date | None:
    return None if last is None else fmt.to_date(last) - dt.timedelta(days=30)


def baseline_picker(ds: Dataset, last: object) -> str | None:
    """The baseline the comparison and the files use: an earlier version's id or an ISO date."""
    # the options' texts made now, in this run's language (a format_func may be called outside the run)
    names = {v: t("report_ui.version", version=v) for v in _earlier(ds)} | {BY_DATE: t("report_ui.earlier_day")}
    chosen = st.selectbox(
        t("report_ui.compare_with"),
        list(names),
        format_func=names.get,
        key="ov_since",
        width=360,
    )
    if chosen != BY_DATE or last is None:
        return None if chosen == BY_DATE else chosen
    last = fmt.to_date(last)
    day = st.date_input(
        t("report_ui.as_of_day"), _default_day(last), max_value=last, format="DD/MM/YYYY", key="ov_since_day"
    )
    return day.isoformat()


def chosen_since(ds: Dataset, last: object) -> str | None:
    """The baseline the picker further down the page holds, read before it is drawn (its default first)."""
    picked = st.session_state.get("ov_since") or next(iter(_earlier(ds)), BY_DATE)
    if picked != BY_DATE:
        return picked
    day = st.session_state.get("ov_since_day") or _default_day(last)
    return day.isoformat() if day else None


def highlights(src: Source, since: str | None) -> None:
    section = _sections(src, since)[1]
    if not section.points:
        return
    st.subheader(t("report_ui.highlights"), anchor="diem-noi-bat")
    with st.container(key="ov_highlights"):
        for i, point in enumerate(section.points, 1):
            text, link = st.columns([5, 1], vertical_alignment="center")
            text.markdown(f"{i}\\. {_md(point.text)}")
            if point.section in PAGES:
                page, title = PAGES[point.section]
                link.page_link(page, label=t(title), icon=":material/arrow_forward:")
            else:
                link.markdown("[" + t("report_ui.see_below") + "](#tu-bao-cao-truoc)")


def since_part(src: Source, last: object) -> str | None:
    """The comparison with the baseline the user picks; returns that baseline for the files."""
    st.subheader(t("report_ui.since_last"), anchor="tu-bao-cao-truoc")
    since = baseline_picker(src.ds, last)
    section = _sections(src, since)[0]
    if section is None:
        st.info(t("report_ui.no_earlier"))
        return since
    st.caption(section.title)
    cells = st.columns(len(section.figures))
    for cell, (label, value) in zip(cells, section.figures, strict=True):
        cell.metric(label, value, border=True)
    for line in section.lines:
        st.markdown(_md(line))
    if section.charts:
        screen.chart(section.charts[0], key="ov_since_chart")
    table = section.tables[-1]
    with st.expander(tn("report_ui.table_units", len(table.frame), title=table.title)):
        columns.show(table.frame, key="ov_since_table")
    return since


def _sections(src: Source, since: str | None) -> tuple[Section | None, Section]:
    """The comparison with ``since`` and the highlights, made once for the same version, baseline,
    filters, home unit and language, whichever session asks (both pages of figures and charts cost
    more than their queries). Keyed by the version file, as the queries are: a workspace's path holds
    its random id. The versions before it follow from its id and ``previous`` (versions are only ever
    added). Nothing may change what it returns."""
    ds = src.ds
    key = (
        str(ds.path),
        ds.id,
        ds.previous,
        ds.home_unit,
        tuple(sorted(src.filters.__dict__.items())),
        since,
        i18n.lang(),
    )
    return _made(key, since, src)


@st.cache_resource(max_entries=64, ttl=3600, show_spinner=False)
def _made(key: tuple, since: str | None, _src: Source) -> tuple[Section | None, Section]:
    base = _base(_src, since)
    section, diff = build.since_section(_src, base)
    return section, build.highlight_section(_src, diff, base)


def _base(src: Source, since: str | None) -> build.Baseline | None:
    try:
        return build.baseline(src, since)
    except ValueError:
        return None


def export(src: Source, since: str | None) -> None:
    """Xuất báo cáo: the three files, each made when its button is pressed."""
    st.subheader(t("report_ui.export"), anchor="xuat-bao-cao")
    line = data.version_line(src.ds)
    if src.ds.workspace:
        st.caption(t("report_ui.export_caption_unpublished", version=line))
    else:
        st.caption(t("report_ui.export_caption", version=line))
    cells = st.columns(3)
    for cell, (kind, label, icon) in zip(
        cells,
        (
            ("html", t("report_ui.file_html"), ":material/description:"),
            ("pptx", t("report_ui.file_pptx"), ":material/slideshow:"),
            ("xlsx", t("report_ui.file_xlsx"), ":material/table_view:"),
        ),
        strict=True,
    ):
        cell.download_button(
            label,
            lambda kind=kind: files.make(src, kind, since),
            file_name=files.file_name(src, kind),
            mime=files.FORMATS[kind][0],
            icon=icon,
            key=f"ov_export_{kind}",
            width="stretch",
            on_click="ignore",
        )
    if images.problem():
        st.caption(t("report_ui.pptx_without_images", problem=images.problem()))


def bulletin_button(src: Source, scope_name: str, day: dt.date) -> None:
    """The day's public table as a picture for the chat groups."""
    problem = images.problem()
    if problem:
        st.button(t("report_ui.bulletin"), disabled=True, help=problem, key="pg_bulletin_off")
        st.caption(problem)
        return
    try:
        made = bulletin.make(src, scope_name, day)
    except bulletin.BulletinError as exc:
        st.caption(str(exc))
        return
    st.download_button(
        t("report_ui.bulletin_png"),
        lambda: bulletin.png(made),
        file_name=bulletin.file_name(made),
        mime="image/png",
        icon=":material/image:",
        key="pg_bulletin",
        on_click="ignore",
        help=t("report_ui.bulletin_help"),
    )
