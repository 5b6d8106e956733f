"""Where a presentation stands: the slide shown, since when, and whether it is paused.

A presentation is a "room": the projector's window and the presenter's window open the same
room and follow one position, whichever of them the clicker drives. The position is a small file,
``<store>/live/<room>.json``, written atomically under a lock, so two windows advancing at the same
second move the show by one slide, not two; any app process serving the store reads the same file.
"""

from __future__ import annotations

import json
import re
import secrets
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

from sangkien.i18n import t
from sangkien.store.files import write_json_atomic
from sangkien.store.shows import remaining, step

ROOM_RE = re.compile(r"^[0-9a-f]{12}$")
KEEP_SECONDS = 7 * 24 * 3600  # a room untouched for a week is over: its file goes at the next new room
_LOCK = threading.Lock()


@dataclass
class Position:
    index: int = 0
    started: float = 0.0  # clock when the current slide came up
    paused_at: float | None = None  # clock when paused, None while running
    paused_for: float = 0.0  # seconds paused on the current slide
    begun: float = 0.0  # clock when the presentation started

    def __post_init__(self) -> None:
        self.begun = self.begun or self.started

    def left(self, seconds: int, clock: float) -> float:
        """Seconds left on the current slide (frozen while paused)."""
        at = self.paused_at if self.paused_at is not None else clock
        return remaining(self.started, seconds, at, self.paused_for)

    def go(self, index: int, clock: float) -> None:
        """Show slide ``index`` from now with its full time (still paused if paused)."""
        self.index, self.started, self.paused_for = index, clock, 0.0
        if self.paused_at is not None:
            self.paused_at = clock

    def pause(self, clock: float) -> None:
        if self.paused_at is None:
            self.paused_at = clock

    def resume(self, clock: float) -> None:
        if self.paused_at is not None:
            self.paused_for += clock - self.paused_at
            self.paused_at = None


def move(pos: Position, durations: list[int], by: int, clock: float, seen: int | None = None) -> Position:
    """The position ``by`` slides on (negative: back), clamped to the run.

    ``seen``: the slide the window showed when the key was pressed. When the show is no longer
    there (the other window, the clock or the same press seen twice moved it), nothing moves: one
    press moves the show once.
    """
    if seen is not None and seen != pos.index:
        return pos
    pos.go(step(min(pos.index, len(durations) - 1), len(durations), by), clock)
    return pos


def tick(pos: Position, durations: list[int], clock: float) -> bool:
    """Advance to the next slide when the current one's time is up; True when it moved.

    The last slide stays up when its time is over; a paused show never moves on its own.
    """
    if not durations or pos.paused_at is not None or pos.index >= len(durations) - 1:
        return False
    if pos.left(durations[pos.index], clock) > 0:
        return False
    pos.go(pos.index + 1, clock)
    return True


def new_room() -> str:
    return secrets.token_hex(6)


class Live:
    """The rooms of a store."""

    def __init__(self, root: Path) -> None:
        self.dir = Path(root) / "live"

    def _path(self, room: str) -> Path:
        if not ROOM_RE.match(room or ""):
            raise ValueError(t("shows.error_room"))
        return self.dir / f"{room}.json"

    def get(self, room: str) -> Position | None:
        try:
            raw = json.loads(self._path(room).read_text(encoding="utf-8"))
            return Position(**{k: raw[k] for k in ("index", "started", "paused_at", "paused_for", "begun") if k in raw})
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def update(self, room: str, change, clock: float) -> Position:
        """Apply ``change(position)`` to the room's position (a new one from ``clock`` if none) and save it."""
        with _LOCK:
            pos = self.get(room)
            if pos is None:
                self._sweep(clock)
                pos = Position(started=clock)
            change(pos)
            self.dir.mkdir(parents=True, exist_ok=True)
            write_json_atomic(self._path(room), asdict(pos))
            return pos

    def _sweep(self, clock: float) -> None:
        """Remove the files of rooms nobody has moved for KEEP_SECONDS."""
        for path in self.dir.glob("*.json"):
            try:
                if clock - path.stat().st_mtime > KEEP_SECONDS:
                    path.unlink()
            except OSError:
                continue
