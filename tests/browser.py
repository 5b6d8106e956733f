"""A real browser (Debian's chromium via Playwright) against the app served on localhost."""

from __future__ import annotations

import os
import select
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


# The texts of a figure that must not cover each other or leave it: titles, annotations (bar names,
# quota lines), legends, axis titles and ticks, the figures on bars, the race's names and controls.
TEXTS = (
    ".gtitle, .annotation-text-g, .legend, .g-xtitle, .g-ytitle, .xtick text, .ytick text, .bartext,"
    " .textpoint text, .updatemenu-button, .slider-group > text.slider-label"
)
OVERLAPS = """(sel) => {
  const found = [];
  const name = e => (e.getAttribute('class') || e.tagName) + ' "' + e.textContent.slice(0, 40) + '"';
  document.querySelectorAll('[data-testid="stPlotlyChart"]').forEach(chart => {
    const box = chart.getBoundingClientRect();
    const els = [...chart.querySelectorAll(sel)].filter(e => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden' && e.textContent.trim();
    });
    els.forEach((a, i) => {
      const ra = a.getBoundingClientRect();
      if (ra.left < box.left - 1 || ra.right > box.right + 1) found.push('outside its chart: ' + name(a));
      els.slice(i + 1).forEach(b => {
        if (a.contains(b) || b.contains(a)) return;
        const rb = b.getBoundingClientRect();
        const x = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
        const y = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
        if (x > 1 && y > 1) found.push(name(a) + ' over ' + name(b));
      });
    });
  });
  return found;
}"""


def chromium_path() -> str:
    for candidate in ("/usr/lib/chromium/chromium", shutil.which("chromium") or ""):
        if candidate and Path(candidate).exists():
            return candidate
    raise RuntimeError("Debian's chromium is not installed: apt-get install -y chromium")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(store: Path, port: int | None = None, env: dict | None = None, args: list[str] | None = None):
    """Start `streamlit run app.py` on the given store; yield its URL."""
    port = port or free_port()
    env = {**os.environ, "SANGKIEN_DB": str(store), "PYTHONUNBUFFERED": "1", **(env or {})}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
            *(args or []),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        # Streamlit prints its URL once it serves: wait for that line, then check its health.
        seen = _wait_for_line(proc, ("URL:", "server started on"), 90)
        with urllib.request.urlopen(url + "/_stcore/health", timeout=10) as r:
            assert r.status == 200, seen
        threading.Thread(target=proc.stdout.read, daemon=True).start()  # keep the pipe drained
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _wait_for_line(proc: subprocess.Popen, texts: tuple[str, ...], timeout: float) -> str:
    """Read the server's output until a line holds one of ``texts``; fail with what it said otherwise."""
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], deadline - time.monotonic())
        if not ready:
            break
        line = proc.stdout.readline().decode(errors="replace")
        if not line:  # the server ended
            break
        seen.append(line)
        if any(text in line for text in texts):
            return "".join(seen)
    raise RuntimeError("streamlit did not start: " + "".join(seen))


def wait_for_http(proc: subprocess.Popen, url: str, timeout: float) -> None:
    """Wait until ``url`` answers 200, waking on the server's output (or every half second) to try again."""
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                if r.status == 200:
                    threading.Thread(target=proc.stdout.read, daemon=True).start()  # keep the pipe drained
                    return
        except OSError:
            pass
        if proc.poll() is not None:
            break
        ready, _, _ = select.select([proc.stdout], [], [], 0.5)
        if ready:
            seen.append(proc.stdout.readline().decode(errors="replace"))
    raise RuntimeError(f"{url} did not answer: " + "".join(seen))


@contextmanager
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


SCRIPT_DONE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return app && app.getAttribute('data-test-script-state') === 'notRunning'
    && app.getAttribute('data-test-connection-state') === 'CONNECTED'
    && document.querySelector('[data-testid="stMainBlockContainer"]')
    && !document.querySelector('[data-testid="stStatusWidget"]')
    && !document.querySelector('[data-stale="true"]')
    && !document.querySelector('[data-testid="stSkeleton"], [data-testid="stSkeletonElement"]');
}"""


def wait_for_app(page, timeout: float = 60_000) -> None:
    """Wait until the script has run to its end: Streamlit's own script state, no stale element left."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_function(SCRIPT_DONE, timeout=timeout)


def rerun_after(page, action, timeout: float = 60_000) -> None:
    """Do ``action`` (a click, a key) and wait for the rerun it starts to finish."""
    page.evaluate("() => { window.__runs = 0; }")
    page.evaluate("""() => {
      const app = document.querySelector('[data-testid="stApp"]');
      new MutationObserver(() => {
        if (app.getAttribute('data-test-script-state') === 'running') window.__runs += 1;
      }).observe(app, {attributes: true});
    }""")
    action()
    page.wait_for_function("() => window.__runs > 0", timeout=timeout)
    wait_for_app(page, timeout)


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def choose(page, box, option: str, typed: str | None = None, rerun: bool = True, attempts: int = 3) -> None:
    """Open a Streamlit selectbox, optionally type into it, and pick ``option``; wait for the rerun
    a change starts (``rerun=False`` when the option may already be the chosen one).

    A rerun that lands while the list is open closes it again, between the moment the option shows
    and the click as well, so the list is reopened (up to ``attempts`` times) until the click lands;
    each wait is on the option itself. Only a click that did not land is tried again.
    """
    wanted = page.get_by_role("option", name=option)
    clicked = []

    def click() -> None:
        wanted.first.click(timeout=10_000)
        clicked.append(True)

    for attempt in range(attempts):
        wait_for_app(page)
        box.click()
        if typed is not None:
            box.fill(typed)  # the selectbox filters its options as one types
        try:
            wanted.first.wait_for(timeout=15_000)
            if rerun:
                rerun_after(page, click)
            else:
                click()
                wait_for_app(page)
            return
        except PlaywrightTimeout:
            if clicked or attempt == attempts - 1:
                raise
            page.keyboard.press("Escape")
