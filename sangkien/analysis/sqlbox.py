"""The SQL box: one read-only SELECT of a user's on a published version, in a worker process.

What a user must not do is refused in three places:

* here, by DuckDB's own parser: exactly one statement, of type SELECT, calling none of the
  functions that show the server's paths or settings (``duckdb_databases()``…);
* in the worker (``sqlworker``): a fresh in-memory connection per query, the version file
  attached READ_ONLY, no file system access, no extensions, the configuration locked;
* by the operating system: the worker's address space and CPU time are capped, and the app
  SIGKILLs it at the wall-clock timeout whatever the query is doing. The app's own memory does
  not grow with a query: only the capped result comes back, as Arrow bytes.

At most ``POOL_SIZE`` queries run at once on a server and one per session; a query waits
``QUEUE_WAIT_S`` for a free worker, then is refused with a message. A session that keeps
hitting the limits waits before its next query.
"""

from __future__ import annotations

import json
import select
import subprocess
import sys
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from sangkien import fmt
from sangkien.analysis import sqlcheck
from sangkien.analysis.sqlcheck import check_statement, explain_error
from sangkien.analysis.sqlworker import read_frame, write_frame
from sangkien.i18n import N_, module_texts, t
from sangkien.paths import ROOT

THREADS = 2
POOL_SIZE = 2  # queries at once on this server
PER_SESSION = 1  # queries at once per session
QUEUE_WAIT_S = 1.0
CAP_BYTES = 64 * 1024**2  # of the rows sent back to the page
STRIKES, STRIKE_WINDOW_S, COOLDOWN_S = 3, 600.0, 30.0
# Introspection that shows the server's paths or settings (checked against DuckDB 2.0.1).
# The messages' keys; ``MSG_BUSY`` etc. read from the module give their text in the current language
# (as do the checker's ``MSG_EMPTY``, ``MSG_ONE``, ``MSG_READ_ONLY``).
KEYS = {
    **sqlcheck.KEYS,
    "MSG_TIMEOUT": N_("sqlbox.timeout"),
    "MSG_KILLED": N_("sqlbox.killed"),
    "MSG_BUSY": N_("sqlbox.busy"),
    "MSG_SESSION_BUSY": N_("sqlbox.session_busy"),
    "MSG_COOLDOWN": N_("sqlbox.cooldown"),
    "MSG_CUT_BYTES": N_("sqlbox.cut_bytes"),
}


__getattr__ = module_texts(KEYS)  # ``MSG_…``: its text in the current language (parameters left as ``{name}``)


@dataclass
class SqlResult:
    frame: pd.DataFrame | None  # at most `show` rows
    total_rows: int | None  # rows the query returned (up to the download cap)
    truncated: bool
    error: str | None  # plain words in the run's language, DuckDB's message after a newline
    seconds: float
    note: str | None = None  # why fewer rows came back than asked


class _Worker:
    """One ``python -m sangkien.analysis.sqlworker`` process; killed and replaced when a query overruns."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "sangkien.analysis.sqlworker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=str(ROOT),
        )

    def ask(self, request: dict, timeout_s: float) -> tuple[dict, bytes] | None:
        """The worker's answer, or None when it overran the timeout or died (then it is dead)."""
        try:
            write_frame(self.proc.stdin, json.dumps(request).encode())
            self.proc.stdin.flush()
            ready, _, _ = select.select([self.proc.stdout], [], [], timeout_s)
            if not ready:
                self.kill()
                return None
            # The answer follows at once once the query is done: only the reading is left.
            header = read_frame(self.proc.stdout)
            payload = read_frame(self.proc.stdout)
        except (OSError, ValueError):
            header = payload = None
        if header is None or payload is None:
            self.kill()
            return None
        return json.loads(header), payload

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for pipe in (self.proc.stdin, self.proc.stdout):
            try:
                pipe.close()
            except OSError:
                pass


class SqlPool:
    """The server's SQL workers, its queue and the sessions' counters."""

    def __init__(self, size: int = POOL_SIZE) -> None:
        self.size = size
        self.idle: list[_Worker] = []
        self.busy = 0
        self.cond = threading.Condition()
        self.running: dict[str, int] = defaultdict(int)
        self.strikes: dict[str, deque] = defaultdict(deque)

    def refusal(self, session: str) -> str | None:
        """Why this session may not start a query now, or None (then it holds its slot)."""
        with self.cond:
            now = time.monotonic()
            hits = self.strikes[session]
            while hits and now - hits[0] > STRIKE_WINDOW_S:
                hits.popleft()
            if len(hits) >= STRIKES and now - hits[-1] < COOLDOWN_S:
                return t("sqlbox.cooldown", seconds=int(COOLDOWN_S - (now - hits[-1])) + 1)
            if self.running[session] >= PER_SESSION:
                return t("sqlbox.session_busy")
            self.running[session] += 1
            return None

    def done(self, session: str, hit_limit: bool) -> None:
        with self.cond:
            self.running[session] -= 1
            if hit_limit:
                self.strikes[session].append(time.monotonic())

    def acquire(self, wait_s: float) -> _Worker | None:
        with self.cond:
            if not self.cond.wait_for(lambda: self.busy < self.size, timeout=wait_s):
                return None
            self.busy += 1
            worker = self.idle.pop() if self.idle else None
        if worker is None or not worker.alive:
            try:
                worker = _Worker()
            except BaseException:
                self.release(None)
                raise
        return worker

    def release(self, worker: _Worker | None) -> None:
        with self.cond:
            self.busy -= 1
            if worker is not None and worker.alive:
                self.idle.append(worker)
            self.cond.notify()

    def close(self) -> None:
        with self.cond:
            for worker in self.idle:
                worker.kill()
            self.idle.clear()


@cache
def default_pool() -> SqlPool:
    return SqlPool()


def run_user_sql(
    version_path: Path,
    sql: str,
    *,
    timeout_s: float = 10.0,
    memory_limit: str = "1GB",
    show: int = 10_000,
    cap: int = 200_000,
    session: str = "",
    pool: SqlPool | None = None,
) -> SqlResult:
    """Run the user's ``sql`` on the version file in a worker; never raises for a bad query."""
    start = time.perf_counter()

    def result(frame=None, total=None, truncated=False, error=None, note=None) -> SqlResult:
        return SqlResult(frame, total, truncated, error, time.perf_counter() - start, note)

    refused = check_statement(sql)
    if refused:
        return result(error=refused)
    pool = pool or default_pool()
    why = pool.refusal(session)
    if why:
        return result(error=why)
    hit_limit = False
    try:
        worker = pool.acquire(QUEUE_WAIT_S)
        if worker is None:
            return result(error=t("sqlbox.busy"))
        request = {
            "path": str(Path(version_path).resolve()),
            "sql": sql,
            "memory_limit": memory_limit,
            "threads": THREADS,
            "cpu_s": timeout_s * THREADS + 5,
            "show": show,
            "cap": cap,
            "cap_bytes": CAP_BYTES,
        }
        try:
            answer = worker.ask(request, timeout_s)
        finally:
            pool.release(worker)
        if answer is None:
            hit_limit = True
            overran = time.perf_counter() - start >= timeout_s
            return result(error=t("sqlbox.timeout", timeout_s=timeout_s) if overran else t("sqlbox.killed"))
        header, payload = answer
        if not header["ok"]:
            hit_limit = header["kind"] == "OutOfMemoryException"
            if header["kind"] == "open":
                return result(error=t("sqlbox.open_failed") + "\n" + header["message"])
            return result(error=explain_error(header["kind"], header["message"], memory_limit))
        frame = _frame(payload)
        note = t("sqlbox.cut_bytes", rows=fmt.num(len(frame))) if header["cut"] == "bytes" else None
        return result(frame, header["rows"], header["truncated"], note=note)
    finally:
        pool.done(session, hit_limit)


def _frame(payload: bytes) -> pd.DataFrame:
    import pyarrow as pa

    return pa.ipc.open_stream(pa.py_buffer(payload)).read_all().to_pandas()


def worker_pids(pool: SqlPool | None = None) -> list[int]:
    """The idle workers' process ids (tests check they are separate processes)."""
    pool = pool or default_pool()
    with pool.cond:
        return [w.proc.pid for w in pool.idle if w.alive]
