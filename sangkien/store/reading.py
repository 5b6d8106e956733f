"""The one way pages and the CLI reach data: ``open_dataset`` returns the version in use.

Version files are immutable, so read-only connections to them are pooled by file
(``Connections``) and counted: every query holds a lease on its connection for as long as it runs
(``with ds.cursor() as cur:``), so a connection is never closed under a query. Connections unused
for ``IDLE_SECONDS`` are closed, and at most ``Connections.SIZE`` are kept when none of the others
is in use. Imports the read side of the store only (``catalog``), never its writer.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import tempfile
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from sangkien.db import run_query
from sangkien.i18n import t
from sangkien.ingest import schema
from sangkien.store import upgrade
from sangkien.store.catalog import Catalog
from sangkien.store.workspaces import WorkspaceError, Workspaces

IDLE_SECONDS = 600.0  # a connection unused this long is closed; SANGKIEN_IDLE_SECONDS overrides it
SWEEP_SECONDS = 60.0  # how often the process's background sweeper looks for idle connections


READ_MEMORY = os.environ.get("SANGKIEN_READ_MEMORY", "512MB")
_SPILL: list[str] = []


def read_config() -> dict:
    """A reading connection's settings: two threads, DuckDB's buffers bounded (``SANGKIEN_READ_MEMORY``,
    512 MB: the app serves pages from summary tables, and a server's RAM is shared), spilling past
    that to a folder of this process (the store may be mounted read-only), removed at exit."""
    if not _SPILL:
        _SPILL.append(tempfile.mkdtemp(prefix="sangkien-read-"))
        atexit.register(shutil.rmtree, _SPILL[0], True)
    return {"threads": 2, "memory_limit": READ_MEMORY, "temp_directory": _SPILL[0]}


def idle_seconds() -> float:
    """``SANGKIEN_IDLE_SECONDS`` when set to a number (tests, servers), else ``IDLE_SECONDS``."""
    try:
        value = float(os.environ.get("SANGKIEN_IDLE_SECONDS") or IDLE_SECONDS)
    except ValueError:
        return IDLE_SECONDS
    return value if value >= 0 else IDLE_SECONDS


@dataclass(eq=False)
class _Kept:
    """One open connection: how many leases it has open and when it was last used."""

    con: duckdb.DuckDBPyConnection
    used: float
    leases: int = 0
    forgotten: bool = False  # out of the pool already: closed when its last lease ends


class Connections:
    """Read-only DuckDB connections by file path, counted.

    ``cursor(path)`` leases a connection: the connection counts as in use until the ``with`` block
    ends and is never closed meanwhile. A connection with no lease is closed once unused for
    ``idle`` seconds, or when more than ``size`` are open (least recently used first); when every
    connection is leased the pool goes over ``size`` rather than close one in use. Closing is done
    by a sweep on every use and, when ``sweep_every`` is given, by one daemon thread that sweeps
    every ``sweep_every`` seconds. One lock guards the pool; connections are closed outside it.
    ``now`` is the clock (tests pass their own to make time pass).
    """

    SIZE = 8

    def __init__(
        self,
        size: int = SIZE,
        idle: float | None = None,
        now: Callable[[], float] = time.monotonic,
        sweep_every: float | None = None,
    ) -> None:
        self.size = size
        self.idle = idle_seconds() if idle is None else idle
        self.now = now
        self.sweep_every = sweep_every
        self._open: OrderedDict[str, _Kept] = OrderedDict()  # least recently used first
        self._forgotten: set[_Kept] = set()  # forgotten while leased, still open
        self._lock = threading.Lock()
        self._sweeper: threading.Thread | None = None

    @contextlib.contextmanager
    def cursor(self, path: str | Path) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor on the connection to ``path``, leased until the block ends, then closed."""
        kept = self._take(str(path), lease=True)
        try:
            cur = kept.con.cursor()
            try:
                yield cur
            finally:
                cur.close()
        finally:
            self._release(kept)

    def get(self, path: str | Path) -> duckdb.DuckDBPyConnection:
        """The connection to ``path`` without a lease, for tests and one-off reads: it may be closed
        once idle or over the bound, so pages and queries use ``cursor`` instead."""
        return self._take(str(path), lease=False).con

    def forget(self, path: str | Path) -> None:
        """Drop the connection to ``path`` from the pool now (its workspace is going away) and close
        it, at once when no lease is open, else when its last lease ends."""
        with self._lock:
            kept = self._open.pop(str(path), None)
            if kept is not None and kept.leases:
                kept.forgotten = True
                self._forgotten.add(kept)
                return
        _close([kept] if kept is not None else [])

    def sweep(self) -> int:
        """Close the connections idle too long or over the bound; how many were closed."""
        with self._lock:
            stale = self._stale()
        _close(stale)
        return len(stale)

    def stats(self) -> dict[str, int]:
        """``{"open": connections not yet closed, "leased": leases open on them}``."""
        with self._lock:
            kept = [*self._open.values(), *self._forgotten]
            return {"open": len(kept), "leased": sum(k.leases for k in kept)}

    def __len__(self) -> int:
        return len(self._open)

    def _take(self, key: str, lease: bool) -> _Kept:
        with self._lock:
            self._start_sweeper()
            kept = self._open.get(key)
            if kept is None:
                kept = self._open[key] = _Kept(duckdb.connect(key, read_only=True, config=read_config()), self.now())
            self._open.move_to_end(key)
            kept.used = self.now()
            kept.leases += lease
            stale = self._stale(keep=key)
        _close(stale)
        return kept

    def _release(self, kept: _Kept) -> None:
        with self._lock:
            kept.leases -= 1
            kept.used = self.now()
            stale = self._stale()
            if kept.forgotten and not kept.leases:
                self._forgotten.discard(kept)
                stale.append(kept)
        _close(stale)

    def _stale(self, keep: str | None = None) -> list[_Kept]:
        """Take out of the pool (lock held) the unleased connections idle for ``idle`` seconds, then
        the least recently used unleased ones while over ``size``; ``keep`` is never taken."""
        now = self.now()
        free = [key for key, k in self._open.items() if key != keep and not k.leases]
        out = [key for key in free if now - self._open[key].used >= self.idle]
        over = len(self._open) - len(out) - self.size
        out += [key for key in free if key not in out][: max(over, 0)]
        return [self._open.pop(key) for key in out]

    def _start_sweeper(self) -> None:
        """Start the background sweeper once (lock held); it stops when the pool is gone."""
        if self.sweep_every is None or self._sweeper is not None:
            return
        self._sweeper = threading.Thread(
            target=_sweep_forever, args=(weakref.ref(self), self.sweep_every), name="sangkien-sweeper", daemon=True
        )
        self._sweeper.start()


def _sweep_forever(pool: weakref.ref[Connections], seconds: float) -> None:
    """The sweeper thread: sleep, sweep, until the pool has been garbage-collected."""
    while True:
        time.sleep(seconds)
        alive = pool()
        if alive is None:
            return
        alive.sweep()
        del alive


def _close(stale: list[_Kept]) -> None:
    for kept in stale:
        with contextlib.suppress(duckdb.Error):
            kept.con.close()


CONNECTIONS = Connections(sweep_every=SWEEP_SECONDS)


@dataclass
class Dataset:
    """A version of the data, open for reading."""

    version: dict
    path: Path
    settings: dict = field(default_factory=dict)
    root: Path | None = None  # the store folder
    previous: str | None = None  # the version current before this one (for "since the previous version")
    workspace: bool = False  # a session's private, unpublished data

    @property
    def id(self) -> str:
        return self.version["id"]

    @property
    def home_unit(self) -> str | None:
        return self.settings.get("home_unit")

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """A pooled connection to this version's file without a lease, for tests and one-off reads;
        pages and queries use ``cursor``, which keeps the connection open while they run."""
        return CONNECTIONS.get(self.path)

    def cursor(self) -> contextlib.AbstractContextManager[duckdb.DuckDBPyConnection]:
        """A leased cursor on this version's file: ``with ds.cursor() as cur: ...``."""
        return CONNECTIONS.cursor(self.path)

    def has(self, kind: str) -> bool:
        return kind in self.version.get("sources", {})

    def is_demo(self, kind: str) -> bool:
        return any(s.get("demo") for s in self.version.get("sources", {}).get(kind, []))

    @property
    def demo_kinds(self) -> list[str]:
        return [k for k in schema.KINDS if self.is_demo(k)]

    def query(self, name: str, **params: object) -> pd.DataFrame:
        """``queries/<name>.sql`` on this version, under a lease."""
        with self.cursor() as cur:
            return run_query(cur, name, **params)


def open_dataset(
    db: str | Path | None = None, version: str | None = None, upgrading=contextlib.nullcontext
) -> Dataset | None:
    """The version in use (or ``version``) of the store at ``db``; None when the store is empty. A
    version of an older format is upgraded first, inside ``upgrading()`` (a page's spinner)."""
    store = Catalog(db)
    manifest = store.manifest()
    vid = version or manifest.get("current")
    if vid is None:
        return None
    ids = [v["id"] for v in manifest["versions"]]
    if vid not in ids:
        raise KeyError(t("store.no_version", vid=vid))
    meta = manifest["versions"][ids.index(vid)]
    if not upgrade.current(meta):  # written before the store's format: upgraded once, then read
        with upgrading():
            meta = upgrade.upgrade_version(store.root, vid)
    previous = ids[ids.index(vid) - 1] if ids.index(vid) > 0 else None
    return Dataset(meta, store.version_path(vid), manifest.get("settings", {}), store.root, previous)


def open_workspace(db: str | Path | None, wid: str) -> Dataset | None:
    """A session's private workspace as a Dataset, or None when it is gone (published, discarded, swept)."""
    store = Catalog(db)
    spaces = Workspaces(store)
    try:
        path = spaces.path(wid)
    except WorkspaceError:
        return None
    meta = spaces.meta(wid)
    if meta is None or not path.exists():
        return None
    if not upgrade.current(meta):
        CONNECTIONS.forget(path)
        meta = upgrade.upgrade_workspace(path, spaces.dir / f"{wid}.json")
    spaces.touch(wid)
    manifest = store.manifest()
    return Dataset(meta, path, manifest.get("settings", {}), store.root, manifest.get("current"), workspace=True)


def forget(path: Path) -> None:
    """Close the connection kept for ``path`` (a workspace that is going away) once no query uses it."""
    CONNECTIONS.forget(path)
