"""Pictures of figures (PNG) with Kaleido and the machine's own Chromium, offline.

One Kaleido server per process, started on the first picture without MathJax (which it would
otherwise try to fetch from the internet on every call); pictures are made one at a time.
"""

from __future__ import annotations

import os
import shutil
import threading
import warnings
from pathlib import Path

import plotly.graph_objects as go

from sangkien.i18n import t

_LOCK = threading.Lock()
_STARTED = threading.Event()  # set once the process's Kaleido server runs
CANDIDATES = ("/usr/lib/chromium/chromium", "chromium", "chromium-browser", "google-chrome")


def browser() -> str | None:
    """The Chromium Kaleido drives: ``BROWSER_PATH`` when set, else Debian's."""
    if os.environ.get("BROWSER_PATH"):
        return os.environ["BROWSER_PATH"] if Path(os.environ["BROWSER_PATH"]).exists() else None
    for name in CANDIDATES:
        found = name if Path(name).is_absolute() and Path(name).exists() else shutil.which(name)
        if found:
            return found
    return None


def problem() -> str | None:
    """Why no picture can be made here, in words for the page; None when it can."""
    if browser() is None:
        return t("report.no_chromium")
    return None


class NoRenderer(RuntimeError):
    pass


def png(fig: go.Figure, width: int, height: int, scale: float = 1) -> bytes:
    path = browser()
    if path is None:
        raise NoRenderer(problem())
    import kaleido
    import plotly.io as pio

    with _LOCK:
        if not _STARTED.is_set():
            before = os.environ.get("BROWSER_PATH")
            os.environ["BROWSER_PATH"] = path  # read once, when Kaleido starts its Chromium
            try:
                kaleido.start_sync_server(mathjax=False, silence_warnings=True)
            finally:
                if before is None:
                    os.environ.pop("BROWSER_PATH", None)
            _STARTED.set()
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="The kopts argument is ignored")
            return pio.to_image(fig, format="png", width=width, height=height, scale=scale)
