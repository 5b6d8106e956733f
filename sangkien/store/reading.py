"""The one way pages and the CLI reach data: ``open_dataset`` returns the version in use.

Version files are immutable, so a read-only connection per file is kept open (at most
``Connections.SIZE`` of them, the least recently used closed first) and every query runs on its
own cursor. Imports the read side of the store only (``catalog``), never its writer.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from sangkien.db import run_query
from sangkien.ingest import schema
from sangkien.store.catalog import Catalog
from sangkien.store.workspaces import WorkspaceError, Workspaces


class Connections:
    """Read-only DuckDB connections by file, bounded. The least recently used one is dropped, not
    closed: a query running on one of its cursors finishes, and the file is released after it."""

    SIZE = 8

    def __init__(self, size: int = SIZE) -> None:
        self.size = size
        self._open: OrderedDict[str, duckdb.DuckDBPyConnection] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, path: Path) -> duckdb.DuckDBPyConnection:
        key = str(path)
        with self._lock:
            con = self._open.get(key)
            if con is None:
                con = duckdb.connect(key, read_only=True, config={"threads": 2})
                self._open[key] = con
                while len(self._open) > self.size:
                    self._open.popitem(last=False)
            self._open.move_to_end(key)
            return con

    def forget(self, path: Path) -> None:
        with self._lock:
            con = self._open.pop(str(path), None)
        if con is not None:
            con.close()

    def __len__(self) -> int:
        return len(self._open)


CONNECTIONS = Connections()


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
        return CONNECTIONS.get(self.path)

    def has(self, kind: str) -> bool:
        return kind in self.version.get("sources", {})

    def is_demo(self, kind: str) -> bool:
        return any(s.get("demo") for s in self.version.get("sources", {}).get(kind, []))

    @property
    def demo_kinds(self) -> list[str]:
        return [k for k in schema.KINDS if self.is_demo(k)]

    def query(self, name: str, **params: object) -> pd.DataFrame:
        return run_query(self.con, name, **params)


def open_dataset(db: str | Path | None = None, version: str | None = None) -> Dataset | None:
    """The version in use (or ``version``) of the store at ``db``; None when the store is empty."""
    store = Catalog(db)
    manifest = store.manifest()
    vid = version or manifest.get("current")
    if vid is None:
        return None
    ids = [v["id"] for v in manifest["versions"]]
    if vid not in ids:
        raise KeyError(f"Không có phiên bản {vid}.")
    meta = manifest["versions"][ids.index(vid)]
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
    spaces.touch(wid)
    manifest = store.manifest()
    return Dataset(meta, path, manifest.get("settings", {}), store.root, manifest.get("current"), workspace=True)


def forget(path: Path) -> None:
    """Close the connection kept for ``path`` (a workspace that is going away)."""
    CONNECTIONS.forget(path)
