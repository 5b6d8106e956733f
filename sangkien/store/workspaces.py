"""Private workspaces: an analyst's upload checked and written like a version, seen by its session only.

A workspace is ``<store>/workspaces/<random id>.duckdb``, written by the code that writes
versions (the published version's other kinds carried over, the same derived tables), never
in ``versions/`` and never named by the manifest. Its id is 128 random bits known only to
the session that made it; every cache key of its queries contains its path. A sidecar
``<id>.json`` says who made it, from which version, in which process and when it was last used.
Files go on publish, on discard, or after two hours unused; a sweep never removes a workspace
whose owner process is alive and still using it.
"""

from __future__ import annotations

import json
import os
import secrets
import time
from pathlib import Path
from typing import TYPE_CHECKING

from sangkien.auth import ANALYST, Actor, require
from sangkien.i18n import N_, t
from sangkien.store.messages import CodedError, msg
from sangkien.store.upgrade import FORMAT, UpgradeError, upgrade_current

if TYPE_CHECKING:
    from sangkien.ingest.staging import Staged

MAX_IDLE_S = 2 * 3600
MAX_WORKSPACES = 20  # at once, per store
MAX_TOTAL_BYTES = 4 * 1024**3


class WorkspaceError(CodedError):
    """A workspace could not be made or opened (``code`` and ``params``; ``str()`` for the user)."""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Workspaces:
    def __init__(self, store) -> None:
        self.store = store
        self.dir = store.root / "workspaces"

    def path(self, wid: str) -> Path:
        if not wid or not all(c.isalnum() or c in "-_" for c in wid):
            raise WorkspaceError(N_("store.workspace_bad_id"))
        return self.dir / f"{wid}.duckdb"

    def meta(self, wid: str) -> dict | None:
        try:
            return json.loads((self.dir / f"{wid}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def create(self, staged: list[Staged], actor: Actor, note: str = "") -> dict:
        """Write the usable staged tables as a private workspace; its meta (with the random ``id``)."""
        require(actor, ANALYST, N_("store.action_workspace"))
        self.dir.mkdir(parents=True, exist_ok=True)
        self.sweep()
        existing = list(self.dir.glob("*.duckdb"))
        if len(existing) >= MAX_WORKSPACES:
            raise WorkspaceError(N_("store.workspace_too_many"), count=MAX_WORKSPACES)
        if sum(p.stat().st_size for p in existing) > MAX_TOTAL_BYTES:
            raise WorkspaceError(N_("store.workspace_too_big"), size="4 GB")
        usable = [s for s in staged if s.error is None and s.loaded > 0]
        if not usable:
            raise WorkspaceError(N_("store.workspace_no_rows"))
        try:
            upgrade_current(self.store.root)  # its tables are carried over into the workspace
        except UpgradeError as exc:
            raise WorkspaceError(exc.code, **exc.params) from None
        wid = secrets.token_hex(16)
        tmp, final = self.dir / f".{wid}.tmp.duckdb", self.path(wid)
        m = self.store.manifest()
        try:
            counts, sources, rejects = self.store.write_version_file(tmp, m, usable, staged, demo=False)
            os.replace(tmp, final)
        finally:
            for p in (tmp, Path(f"{tmp}.wal")):
                p.unlink(missing_ok=True)
        meta = {
            "id": wid,
            "workspace": True,
            "format": FORMAT,
            "created_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "label": note or t("store.workspace_label"),
            **({} if note else {"label_message": msg(N_("store.workspace_label"))}),  # in the reader's language
            "by": actor.name,
            "base": m.get("current"),
            "pid": os.getpid(),
            "last_used": time.time(),
            "files": [s.summary() for s in staged],
            "tables": counts,
            "sources": sources,
            "demo": False,
            "rejected": int(len(rejects)),
        }
        (self.dir / f"{wid}.json").write_text(json.dumps(meta, ensure_ascii=False, default=str), encoding="utf-8")
        return meta

    def touch(self, wid: str) -> None:
        meta = self.meta(wid)
        if meta is not None and time.time() - meta.get("last_used", 0) > 60:
            meta["last_used"], meta["pid"] = time.time(), os.getpid()
            (self.dir / f"{wid}.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")

    def discard(self, wid: str) -> None:
        for p in (self.path(wid), self.dir / f"{wid}.json", Path(f"{self.path(wid)}.wal")):
            p.unlink(missing_ok=True)

    def sweep(self, max_idle_s: float = MAX_IDLE_S) -> list[str]:
        """Remove workspaces unused for ``max_idle_s``, unless another live process still owns them."""
        removed = []
        for sidecar in self.dir.glob("*.json"):
            meta = self.meta(sidecar.stem) or {}
            idle = time.time() - meta.get("last_used", 0)
            owner = int(meta.get("pid") or 0)
            mine = owner == os.getpid()
            if idle > max_idle_s and (mine or not owner or not _alive(owner)):
                self.discard(sidecar.stem)
                removed.append(sidecar.stem)
        for orphan in self.dir.glob(".*.tmp.duckdb*"):  # a write killed halfway
            if time.time() - orphan.stat().st_mtime > 3600:
                orphan.unlink(missing_ok=True)
        return removed
