"""Many viewers at once: concurrent sessions speaking Streamlit's own protocol, against one app
process and against several behind nginx, with a version published during the run.

``python -m sangkien.bench_cluster [--sessions 50] [--processes 1,3] [--arrivals 0,60] [--think 5]
[--db DIR]``: each session is a websocket on ``/_stcore/stream`` (Streamlit's protobuf messages, as
its browser client sends them; 50 browsers would measure the browsers), which opens the overview,
chooses a field, moves to the rankings and back, one page run after the other, each timed from the
request to its ``script_finished``. Every session connects first; then, in the burst (arrivals 0),
all ask for their first page at the same instant and each asks for the next as soon as a page is
drawn, the worst a server can meet; with arrivals of 60 s, the sessions ask for their first page one
after the other over a minute (a hall, or a federation opening the morning's ranking) and read each
page for ``--think`` seconds before the next. A quarter of the way through, a version is published
with ``python -m sangkien load``. It
prints the median and p95 page time, the errors (an exception on a page, a dropped connection, a
run that never ends) and which versions the sessions saw — every session must see the old or the
new one, never an error — beside one session alone. Everything runs on loopback; the counts and the
time are bounded (``--timeout``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from sangkien import cluster
from sangkien.benchdoc import write_section
from sangkien.paths import ROOT

FIELD = "Chuyển đổi số"
STEPS = ((None, None), (None, FIELD), ("Xếp hạng", FIELD), ("Tổng quan", None))  # (page, field chosen)
VERSION_RE = re.compile(r"\*\*(v\d{4})\*\*")
PUBLISHED = "Tên đợt thi đua;Ngày bắt đầu;Ngày kết thúc\nĐợt đo tải;01/10/2023;31/12/2023\n"


@dataclass
class Outcome:
    times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    versions: set[str] = field(default_factory=set)


class Session:
    """One viewer: a websocket to the app and the page runs it asks for."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.pages: dict[str, str] = {}  # page name → script hash
        self.field_id: str | None = None

    async def open(self) -> None:
        import websockets

        cookies = await asyncio.to_thread(self._cookies)
        xsrf = next((v for k, v in cookies.items() if k == "_streamlit_xsrf"), "")
        header = "; ".join(f"{k}={v}" for k, v in cookies.items())
        self.ws = await websockets.connect(
            self.base.replace("http", "ws", 1) + "/_stcore/stream",
            subprotocols=["streamlit", xsrf] if xsrf else ["streamlit"],
            additional_headers={"Cookie": header, "Origin": self.base},
            max_size=None,
            open_timeout=60,
        )

    def _cookies(self) -> dict[str, str]:
        """The cookies a browser holds after its first request (nginx's route, Streamlit's XSRF)."""
        with urllib.request.urlopen(self.base + "/_stcore/health", timeout=60) as r:
            found = {}
            for value in r.headers.get_all("Set-Cookie") or []:
                name, _, rest = value.partition("=")
                found[name.strip()] = rest.split(";", 1)[0]
            return found

    async def run(self, page: str | None = None, field_value: str | None = None) -> tuple[float, str | None, list]:
        """One page run: (seconds, the version shown, errors)."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = ""
        state.page_script_hash = self.pages.get(page, "") if page else ""
        if field_value is not None and self.field_id:
            w = state.widget_states.widgets.add()
            w.id, w.string_value = self.field_id, field_value
        start = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        version, errors = None, []
        while True:
            data = await self.ws.recv()
            fwd = ForwardMsg()
            fwd.ParseFromString(data)
            kind = fwd.WhichOneof("type")
            if kind == "navigation":
                self.pages = {p.page_name: p.page_script_hash for p in fwd.navigation.app_pages}
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                element = fwd.delta.new_element
                which = element.WhichOneof("type")
                if which == "exception":
                    errors.append(element.exception.message[:200])
                elif which == "markdown" and (found := VERSION_RE.search(element.markdown.body)):
                    version = found.group(1)
                elif which == "selectbox" and element.selectbox.id.endswith("flt_field"):
                    self.field_id = element.selectbox.id
            elif kind == "script_finished":
                return time.perf_counter() - start, version, errors

    async def close(self) -> None:
        with contextlib.suppress(Exception):
            await self.ws.close()


async def one_viewer(
    base: str, outcome: Outcome, start_gate: asyncio.Event, timeout: float, delay: float = 0.0, think: float = 0.0
) -> None:
    """One session: connected at once, its first page ``delay`` seconds after the gate, ``think``
    seconds of reading between its pages (the user's time, not a wait for the server)."""
    s = Session(base)
    try:
        await asyncio.wait_for(s.open(), timeout)
        await start_gate.wait()
        await asyncio.sleep(delay)
        for i, (page, value) in enumerate(STEPS):
            if i:
                await asyncio.sleep(think)
            seconds, version, errors = await asyncio.wait_for(s.run(page, value), timeout)
            outcome.times.append(seconds)
            outcome.errors += errors
            if version:
                outcome.versions.add(version)
            if version is None and not errors:
                outcome.errors.append("a page run without the version in the sidebar")
    except (TimeoutError, OSError, Exception) as exc:  # noqa: BLE001 - every failure is counted
        outcome.errors.append(f"{type(exc).__name__}: {exc}"[:200])
    finally:
        await s.close()


async def drive(
    base: str, sessions: int, store: Path, timeout: float, arrivals: float = 0.0, think: float = 0.0
) -> tuple[Outcome, float]:
    outcome, gate = Outcome(), asyncio.Event()
    viewers = [
        asyncio.create_task(one_viewer(base, outcome, gate, timeout, i * arrivals / sessions, think if arrivals else 0))
        for i in range(sessions)
    ]
    await asyncio.sleep(0)  # let them connect before the gate opens
    start = time.perf_counter()
    gate.set()
    published = asyncio.create_task(publish_when(outcome, sessions, store))
    await asyncio.gather(*viewers)
    await published
    return outcome, time.perf_counter() - start


async def publish_when(outcome: Outcome, sessions: int, store: Path) -> None:
    """Publish a version once a quarter of the page runs are done."""
    while len(outcome.times) + len(outcome.errors) < sessions * len(STEPS) // 4:
        await asyncio.sleep(0.05)
    csv = store.parent / "dot_do_tai.csv"
    csv.write_text(PUBLISHED, encoding="utf-8")
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "sangkien", "load", "--db", str(store), str(csv), cwd=ROOT,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    _, err = await proc.communicate()
    if proc.returncode != 0:
        outcome.errors.append("publish failed: " + err.decode(errors="replace")[:200])


def alone(base: str, timeout: float) -> float:
    """The median page time of one session with the machine to itself."""

    async def go() -> list[float]:
        s = Session(base)
        await s.open()
        try:
            times = []
            for page, value in STEPS * 2:
                times.append((await asyncio.wait_for(s.run(page, value), timeout))[0])
            return times[len(STEPS) :]  # the second round: the caches as the crowd finds them
        finally:
            await s.close()

    return statistics.median(asyncio.run(go()))


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 2 else (values[0] if values else float("nan"))


def measure(
    processes: int,
    sessions: int,
    demo_store: Path,
    root: Path,
    timeout: float,
    arrivals: float = 0.0,
    think: float = 0.0,
) -> dict:
    store = root / f"store-{processes}"
    shutil.rmtree(store, ignore_errors=True)
    shutil.copytree(demo_store, store)
    run = root / f"run-{processes}"
    started = cluster.start(processes, cluster.free_port(), cluster.free_ports(processes), run=run, store=str(store))
    base = f"http://127.0.0.1:{started['port']}"
    try:
        single = alone(base, timeout)
        outcome, wall = asyncio.run(drive(base, sessions, store, timeout, arrivals, think))
    finally:
        cluster.stop(run)
    return {"alone": single, "outcome": outcome, "wall": wall}


OUT: list[str] = []


def say(text: str = "") -> None:
    """Print a line and keep it for the markdown section."""
    print(text, flush=True)
    OUT.extend(text.splitlines() or [""])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sangkien.bench_cluster", description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--processes", default="1,3", help="app processes behind nginx, comma-separated")
    parser.add_argument("--db", help="the store to copy (default: the demo, built if needed)")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds a page run may take")
    parser.add_argument(
        "--arrivals", default="0,60", help="seconds over which the sessions ask for their first page (0: a burst)"
    )
    parser.add_argument("--think", type=float, default=5.0, help="seconds a session reads a page (arrivals > 0)")
    parser.add_argument("--markdown", metavar="FILE", help="write the output into this file's section")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="sangkien-cluster-") as tmp:
        root = Path(tmp)
        demo = Path(args.db) if args.db else root / "demo"
        if not args.db:
            subprocess.run(
                [sys.executable, "-m", "sangkien", "demo", "--db", str(demo), "--out", str(root / "exports")],
                cwd=ROOT, check=True, capture_output=True,
            )  # fmt: skip
        say(
            f"{args.sessions} sessions, each: overview, a field chosen, rankings, overview;"
            f" a publish a quarter of the way through; {os.cpu_count()} cores"
        )
        say(
            f"  {'arrivals':<18}{'processes':<10}{'alone s':>9}{'median s':>10}{'p95 s':>8}{'p95/alone':>10}"
            f"{'errors':>8}{'wall s':>8}  versions seen"
        )
        for spread in (float(x) for x in args.arrivals.split(",")):
            how = "burst" if not spread else f"over {spread:.0f} s, {args.think:.0f} s"
            for n in (int(x) for x in args.processes.split(",")):
                r = measure(n, args.sessions, demo, root, args.timeout, spread, args.think)
                o = r["outcome"]
                median = statistics.median(o.times) if o.times else float("nan")
                say(
                    f"  {how:<18}{n:<10}{r['alone']:>9.2f}{median:>10.2f}{p95(o.times):>8.2f}"
                    f"{p95(o.times) / r['alone']:>10.1f}{len(o.errors):>8}{r['wall']:>8.1f}"
                    f"  {', '.join(sorted(o.versions))}",
                )
                for e in sorted(set(o.errors))[:5]:
                    say(f"    error: {e}")
    if args.markdown:
        write_section(Path(args.markdown), "bench_cluster", "Many viewers at once", __doc__.split("\n\n")[1], OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
