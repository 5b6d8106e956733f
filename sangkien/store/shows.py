"""Runs of show: the slides a presenter shows at a summary conference, saved in the store by name.

A run of show names the published version it presents (its figures are frozen: a publish during
the conference changes nothing on screen), the slides in order, each with its duration in seconds,
an optional caption and speaker notes. Analysts and administrators save one (attributed and logged);
anyone may present it without signing in. Each is ``<store>/shows/<key>.json``, written atomically.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import asdict, dataclass, field

from sangkien.auth import ANALYST, Actor, require
from sangkien.i18n import N_, t
from sangkien.store.files import now, write_json_atomic
from sangkien.store.messages import msg

# The slides a run may hold, in their usual order, with a title (a message key) and a duration in seconds.
SLIDES: dict[str, tuple[str, int]] = {
    "headline": (N_("slides.headline"), 40),
    "highlights": (N_("slides.highlights"), 45),
    "ranking": (N_("slides.ranking"), 40),
    "since": (N_("slides.since"), 35),
    "progress": (N_("slides.progress"), 35),
    "benefits": (N_("slides.benefits"), 35),
    "contest": (N_("slides.contest"), 30),
    "awards": (N_("slides.awards"), 30),
    "campaign": (N_("slides.campaign"), 30),
    "honours": (N_("slides.honours"), 40),
    "race": (N_("slides.race"), 60),
    "race_national": (N_("slides.race_national"), 40),
}
MIN_SECONDS, MAX_SECONDS = 5, 600
MAX_SLIDES = 30
MAX_NAME, MAX_CAPTION, MAX_NOTES = 80, 200, 4000


class ShowError(ValueError):
    """A run of show that cannot be saved or opened; the message is for the user."""


@dataclass
class Slide:
    kind: str
    seconds: int
    caption: str = ""
    notes: str = ""

    @property
    def title(self) -> str:
        """The message key of the slide's title (``t(slide.title)`` gives its text)."""
        return SLIDES[self.kind][0]


@dataclass
class Show:
    name: str
    version: str
    slides: list[Slide]
    by: str = ""
    saved_at: str = ""
    kinds_missing: list[str] = field(default_factory=list)  # slides the version has no data for

    def to_json(self) -> dict:
        out = asdict(self)
        out.pop("kinds_missing")
        return out

    @classmethod
    def from_json(cls, data: dict) -> Show:
        slides = [Slide(**{k: s[k] for k in ("kind", "seconds", "caption", "notes") if k in s}) for s in data["slides"]]
        return cls(data["name"], data["version"], slides, data.get("by", ""), data.get("saved_at", ""))

    @property
    def total_seconds(self) -> int:
        return sum(s.seconds for s in self.slides)


def default_show(version: str, kinds: list[str] | None = None) -> Show:
    """Every slide (or ``kinds``) in the usual order with its usual duration, over ``version``."""
    chosen = [k for k in SLIDES if kinds is None or k in kinds]
    return Show(t("shows.default_name"), version, [Slide(k, SLIDES[k][1]) for k in chosen])


def check(show: Show, versions: list[str]) -> None:
    """Raise ShowError with the first thing wrong with ``show``, in the current language."""
    name = show.name.strip()
    if not name or len(name) > MAX_NAME:
        raise ShowError(t("shows.error_name", most=MAX_NAME))
    if show.version not in versions:
        raise ShowError(t("shows.error_version", version=show.version))
    if not 1 <= len(show.slides) <= MAX_SLIDES:
        raise ShowError(t("shows.error_count", most=MAX_SLIDES))
    for i, slide in enumerate(show.slides, 1):
        if slide.kind not in SLIDES:
            raise ShowError(t("shows.error_kind", n=i, kind=slide.kind))
        if not isinstance(slide.seconds, int) or not MIN_SECONDS <= slide.seconds <= MAX_SECONDS:
            raise ShowError(t("shows.error_seconds", n=i, least=MIN_SECONDS, most=MAX_SECONDS))
        if len(slide.caption) > MAX_CAPTION or len(slide.notes) > MAX_NOTES:
            raise ShowError(t("shows.error_text", n=i, caption=MAX_CAPTION, notes=MAX_NOTES))


def _key(name: str) -> str:
    """A file name for a show's name (any text): readable ASCII, plus a hash so names never collide."""
    plain = unicodedata.normalize("NFKD", name.strip().lower().replace("đ", "d"))
    slug = "".join(c if c.isascii() and c.isalnum() else "-" for c in plain if not unicodedata.combining(c))
    slug = "-".join(p for p in slug.split("-") if p)[:40]
    return f"{slug or 'show'}-{hashlib.sha1(name.strip().encode()).hexdigest()[:10]}"


class Shows:
    """The runs of show of a store (``store`` is a ``Store``: saving is logged in its load log)."""

    def __init__(self, store) -> None:
        self.store = store
        self.dir = store.root / "shows"

    def names(self) -> list[str]:
        return sorted(s.name for s in self._all())

    def get(self, name: str) -> Show | None:
        path = self.dir / f"{_key(name)}.json"
        try:
            return Show.from_json(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def save(self, show: Show, actor: Actor) -> Show:
        """Save ``show`` under its name (analysts and administrators); replaces a show of that name."""
        require(actor, ANALYST, N_("shows.action_save"))
        check(show, [v["id"] for v in self.store.versions()])
        saved = Show(show.name.strip(), show.version, list(show.slides), actor.name, now())
        self.dir.mkdir(parents=True, exist_ok=True)
        write_json_atomic(self.dir / f"{_key(saved.name)}.json", saved.to_json())
        self.store.log_event(
            "show_saved", actor, msg(N_("shows.log_saved"), n=len(saved.slides), name=saved.name), saved.version
        )
        return saved

    def delete(self, name: str, actor: Actor) -> None:
        require(actor, ANALYST, N_("shows.action_delete"))
        (self.dir / f"{_key(name)}.json").unlink(missing_ok=True)
        self.store.log_event("show_deleted", actor, msg(N_("shows.log_deleted"), name=name.strip()))

    def _all(self) -> list[Show]:
        out = []
        for path in sorted(self.dir.glob("*.json")):
            try:
                out.append(Show.from_json(json.loads(path.read_text(encoding="utf-8"))))
            except (OSError, ValueError, KeyError, TypeError):
                continue
        return out


def step(index: int, count: int, by: int) -> int:
    """The slide ``by`` slides on from ``index`` (negative: back), staying between the first and the last."""
    return min(max(index + by, 0), count - 1) if count else 0


def remaining(started: float, seconds: int, clock: float, paused_for: float = 0.0) -> float:
    """Seconds left on a slide shown since ``started`` for ``seconds``, not counting time paused."""
    return max(0.0, seconds - (clock - started - paused_for))
