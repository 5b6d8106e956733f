"""The store as readers see it: where it is, its manifest, its versions, its settings, its load log.

Read-only and free of the writer, so every reader (pages, CLI, workspaces) can use it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd

from sangkien.paths import DEFAULT_STORE
from sangkien.store.messages import render, render_parts

STORE_ENV = "SANGKIEN_DB"
REJECT_COLUMNS = ["file", "sheet", "kind", "source_row", "reason", "data"]


def store_dir(db: str | Path | None = None) -> Path:
    return Path(db or os.environ.get(STORE_ENV) or DEFAULT_STORE)


class Catalog:
    """Read access to the store at ``root`` (``SANGKIEN_DB``, else ``data/store``); nothing is created."""

    def __init__(self, root: str | Path | None = None):
        self.root = store_dir(root)
        self.versions_dir = self.root / "versions"
        self.log_dir = self.root / "log"
        self.manifest_path = self.root / "manifest.json"

    def manifest(self) -> dict:
        if not self.manifest_path.exists():
            return {"current": None, "versions": [], "settings": {}}
        return json.loads(self.manifest_path.read_text(encoding="utf-8"))

    def versions(self) -> list[dict]:
        return self.manifest()["versions"]

    def current(self) -> dict | None:
        m = self.manifest()
        return next((v for v in m["versions"] if v["id"] == m["current"]), None)

    def version(self, vid: str) -> dict | None:
        return next((v for v in self.versions() if v["id"] == vid), None)

    def version_path(self, vid: str) -> Path:
        """A version's file: its entry's ``file`` (a rollback reuses an old file), else ``<id>.duckdb``."""
        entry = self.version(vid)
        return self.versions_dir / ((entry or {}).get("file") or f"{vid}.duckdb")

    def settings(self) -> dict:
        return self.manifest().get("settings", {})

    def load_log(self) -> list[dict]:
        """The load log, newest first; each entry's ``message`` (and its files' ``error``) in the
        current language, from their codes, or as stored for an entry written before codes."""
        entries = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(self.log_dir.glob("*.json"))]
        for e in entries:
            if "messages" in e:
                e["message"] = render_parts(e["messages"])
            for f in e.get("files", []):
                if f.get("problem"):
                    f["error"] = render(f["problem"])
        return sorted(entries, key=lambda e: e["attempt"], reverse=True)

    def log_rejects(self, attempt: int) -> pd.DataFrame:
        """The rejected rows of a load, their reasons in the current language (a reason written
        before codes as stored)."""
        from sangkien.ingest.reasons import describe_all

        path = self.log_dir / f"{attempt:06d}_rejects.parquet"
        if not path.exists():
            return pd.DataFrame(columns=REJECT_COLUMNS)
        rejects = pd.read_parquet(path)
        return rejects.assign(reason=describe_all(rejects["reason"])) if len(rejects) else rejects
