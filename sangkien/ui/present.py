"""Presenting a run of show: one slide at a time on a 16:9 canvas, the clicker, the clock.

The address says everything a window needs, so a reload or a second window shows the same thing:
``?present=1&show=<name>&version=<id>&room=<id>`` (``&notes=1`` for the presenter's view). The
version is fixed when the presentation starts: a publish during the conference changes nothing on
screen. Both windows of a room follow one position (``store.live``): the clicker may drive either.
A timed fragment ticks once a second to count down and to advance a slide whose time is up.
"""

from __future__ import annotations

import datetime as dt
import time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import streamlit as st

from sangkien import fmt, i18n
from sangkien.i18n import t
from sangkien.paths import STATIC_DIR
from sangkien.report.model import DEMO
from sangkien.store.catalog import Catalog, store_dir
from sangkien.store.live import ROOM_RE, Live, Position, move, new_room, tick
from sangkien.store.reading import Dataset, open_dataset
from sangkien.store.shows import Show, Shows, default_show
from sangkien.ui import data, slides
from sangkien.ui.widgets import md_escape as _md

# Keys of a presenter's clicker: one shortcut per button, so forward has three buttons.
FORWARD = ("Right", "PageDown", "Space")
BACK = ("Left", "PageUp")
PAUSE_KEY = "P"
CHART_HEIGHT = {"slide": None, "notes": 380}  # px; None: the height the slide leaves (CSS)


def _css(name: str) -> str:
    return "<style>" + (STATIC_DIR / name).read_text(encoding="utf-8") + "</style>"


def presenting() -> bool:
    return st.query_params.get("present") == "1"


def _params() -> dict:
    return {k: st.query_params.get(k) for k in ("show", "version", "room", "notes")}


def resolve(params: dict) -> tuple[Show | None, str | None]:
    """The run of show the address names (or the usual one over the current version), or a message."""
    catalog = Catalog(store_dir())
    versions = [v["id"] for v in catalog.versions()]
    if params.get("show"):
        show = Shows(catalog).get(params["show"])
        if show is None:
            return None, t("present.no_show", name=params["show"])
        if show.version not in versions:
            return None, t("present.show_version_gone", name=show.name, version=show.version)
        return show, None
    version = params.get("version") or catalog.manifest().get("current")
    if version not in versions:
        return (
            None,
            t("present.no_versions") if not versions else t("present.no_version", version=version),
        )
    ds = open_dataset(None, version)
    return default_show(version, slides.available(ds)), None


def _move(room: str, durations: list[int], by: int, seen: int) -> None:
    Live(store_dir()).update(room, lambda p: move(p, durations, by, time.time(), seen), time.time())


def _pause(room: str, paused: bool) -> None:
    """Pause or resume (not a toggle: a key press seen twice by a window that lags still means one thing)."""

    def change(p: Position) -> None:
        (p.pause if paused else p.resume)(time.time())

    Live(store_dir()).update(room, change, time.time())


def _exit() -> None:
    """Back to the app: the presentation's own parameters go, ``lang`` (the session's language) stays."""
    for k in ("present", "notes", "room", "show", "version"):
        st.query_params.pop(k, None)


def controls(room: str, show: Show, pos: Position) -> None:
    """The buttons the clicker presses: visible ones in the footer, the extra keys out of sight."""
    durations = [s.seconds for s in show.slides]
    last = len(durations) - 1
    bar = st.container(horizontal=True, gap="small", key="present_controls", width="content")
    for label, key, by, shown in (("◀", BACK[0], -1, pos.index > 0), ("▶", FORWARD[0], 1, pos.index < last)):
        bar.button(
            label,
            key="present_back" if by < 0 else "present_next",
            shortcut=key,
            on_click=_move,
            args=(room, durations, by, pos.index),
            help=t("present.back") if by < 0 else t("present.next"),
            disabled=not shown,
        )
    paused = pos.paused_at is not None
    bar.button(
        t("present.resume") if paused else t("present.pause"),
        key="present_pause",
        shortcut=PAUSE_KEY,
        on_click=_pause,
        args=(room, not paused),
    )
    # no key for leaving: Streamlit's page keeps Esc for itself, and a stray key must not end a conference
    bar.button(t("present.exit"), key="present_exit", on_click=_exit)
    hidden = st.container(key="present_keys")
    for keys, label, name, by in (
        (FORWARD[1:], t("present.next"), "next", 1),
        (BACK[1:], t("present.back"), "back", -1),
    ):
        for key in keys:
            hidden.button(
                f"{label} ({key})",
                key=f"present_{name}_{key}",
                shortcut=key,
                on_click=_move,
                args=(room, durations, by, pos.index),
            )


@st.cache_data(show_spinner=False, max_entries=64)
def _slide(
    path: str, version: str, kind: str, height: int | None, hall: bool, lang: str, _ds: Dataset
) -> slides.Content:
    return slides.build(kind, _ds, height, hall)


def slide_content(ds: Dataset, kind: str, height: int | None, hall: bool = True) -> slides.Content:
    """A slide of a published version (immutable), built once per version file and shared by every session."""
    return _slide(str(ds.path), ds.id, kind, height, hall, i18n.lang(), ds)  # in the words of its language


def footer_text(ds: Dataset, show: Show, index: int) -> str:
    parts = [
        ds.home_unit or "",
        t("present.as_of", day=fmt.date(data.as_of(ds))),
        t("report.version_line_version", version=ds.id),
    ]
    if ds.demo_kinds:
        parts.append(t(DEMO))
    parts.append(t("report.slide_of", n=index + 1, total=len(show.slides)))
    return " · ".join(p for p in parts if p)


def render(content: slides.Content, caption: str, size: str) -> None:
    """A slide's body: its title, big figures, chart or names, and its sentence."""
    if size == "slide":
        st.title(content.title, anchor=False)
    else:
        st.subheader(content.title, anchor=False)
    if caption:
        st.text(caption)  # a user's text: plain, never markdown
    if content.figures:
        per_row = 2 if len(content.figures) in (2, 4) else min(len(content.figures), 3)
        for start in range(0, len(content.figures), per_row):
            cols = st.columns(per_row, gap="large")
            for col, (label, value) in zip(cols, content.figures[start : start + per_row], strict=False):
                col.metric(label, value)
    if content.chart is not None:
        st.plotly_chart(
            content.chart,
            width="stretch",
            theme=None,
            key=f"slide_chart_{size}",
            config={"displayModeBar": False, "responsive": True},
        )
    if content.names:
        with st.container(key="slide_names"):
            cols = st.columns(len(content.names) if len(content.names) <= 3 else 3, gap="large")
            for col, (heading, names) in zip(cols * 10, content.names, strict=False):
                col.markdown(f"**{_md(heading)}**")
                col.markdown("\n".join(f"- {_md(n)}" for n in names))
    if content.points:
        with st.container(key="slide_points"):
            st.markdown("\n".join(f"{i}. {_md(p)}" for i, p in enumerate(content.points, 1)))
    if content.line:
        st.markdown(_md(content.line))


def run() -> None:
    """The presentation mode: the projector's slide, or the presenter's view with ``notes=1``."""
    params = _params()
    show, problem = resolve(params)
    if show is None:
        st.error(problem)
        st.button(t("present.exit_show"), on_click=_exit)
        return
    if not ROOM_RE.match(params.get("room") or ""):
        st.query_params["room"] = params["room"] = new_room()
    if not params.get("show"):
        st.query_params["version"] = show.version  # frozen in the address: a reload keeps the figures
    room = params["room"]
    ds = open_dataset(None, show.version)
    live = Live(store_dir())
    pos = live.get(room) or live.update(room, lambda p: None, time.time())
    pos.index = min(pos.index, len(show.slides) - 1)
    slide = show.slides[pos.index]
    notes_view = params.get("notes") == "1"
    st.session_state["_present_shown"] = _shown(pos)
    if notes_view:
        _notes_view(ds, show, pos, room)
    else:
        st.html(_css("present.css"))
        with st.container(key="slide"):
            render(slide_content(ds, slide.kind, CHART_HEIGHT["slide"]), slide.caption, "slide")
            with st.container(key="slide_footer", horizontal=True, vertical_alignment="center"):
                st.markdown(_md(footer_text(ds, show, pos.index)), width="stretch")
                _clock(room, [s.seconds for s in show.slides], False)
                controls(room, show, pos)


def _notes_view(ds: Dataset, show: Show, pos: Position, room: str) -> None:
    st.html(_css("present_notes.css"))
    slide = show.slides[pos.index]
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.caption(t("present.showing", footer=footer_text(ds, show, pos.index)))
        with st.container(border=True):
            render(slide_content(ds, slide.kind, CHART_HEIGHT["notes"], hall=False), slide.caption, "notes")
    with right:
        with st.container(key="notes_clock"):
            _clock(room, [s.seconds for s in show.slides], True)
        nxt = t(show.slides[pos.index + 1].title) if pos.index + 1 < len(show.slides) else t("present.the_end")
        st.markdown("**" + t("present.next_slide") + "** " + _md(nxt))
        st.markdown("**" + t("present.notes") + "**")
        with st.container(key="notes_text"):
            st.text(slide.notes or t("present.no_notes"))
        controls(room, show, pos)


@st.fragment(run_every=1)
def _clock(room: str, durations: list[int], notes_view: bool) -> None:
    """Once a second: advance a slide whose time is up, follow the other window, show the time left."""
    now = time.time()
    live = Live(store_dir())
    pos = live.get(room) or Position(started=now)
    if tick(Position(**pos.__dict__), durations, now):  # due: move under the lock (the other window may have)
        pos = live.update(room, lambda p: tick(p, durations, now), now)
    if _shown(pos) != st.session_state.get("_present_shown"):  # the other window moved or paused it
        st.rerun(scope="app")
    left = pos.left(durations[min(pos.index, len(durations) - 1)], now)
    text = (
        t("present.paused_left", time=_mmss(left)) if pos.paused_at is not None else t("present.left", time=_mmss(left))
    )
    if notes_view:
        total = sum(durations)
        st.markdown(f"**{text}** · {_local_time(now)}")
        st.caption(
            t(
                "present.elapsed",
                shown=_mmss(now - pos.begun),
                planned=_mmss(total),
                n=pos.index + 1,
                total=len(durations),
            )
        )
    else:
        st.caption(text)


def _shown(pos: Position) -> tuple[int, bool]:
    """What a window draws outside the clock: the slide, and whether the pause button says resume."""
    return pos.index, pos.paused_at is not None


def _mmss(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


def _local_time(clock: float) -> str:
    """The time of day where the presenter's browser is (its time zone), else the server's."""
    try:
        zone = ZoneInfo(st.context.timezone) if st.context.timezone else None
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        zone = None
    return dt.datetime.fromtimestamp(clock, zone).strftime("%H:%M")
