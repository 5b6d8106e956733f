"""The one-time upgrade of a version written before the store's current format.

Format 2 added the summary tables (``store.summary``), participants counted within a federation,
and statuses stored as codes (``valid``, ``under_review``, ``invalid``). A version whose manifest
entry has an older ``format`` is upgraded the first time it is opened: under the writer lock, its
file is copied aside, upgraded there, checked (every canonical table keeps its rows) and renamed to
``<file>.f2.duckdb``; the manifest entries that named the old file then name the new one, and keep
the old name in ``upgraded_from`` (the old file stays, for a rollback by hand). The load log says so.

A workspace (a session's private data) is upgraded in place: only its session opens it.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import duckdb

from sangkien.auth import SYSTEM_DEMO, Actor
from sangkien.db import quote_ident
from sangkien.i18n import N_
from sangkien.ingest import schema
from sangkien.store.catalog import Catalog
from sangkien.store.derived import derive_tables
from sangkien.store.files import Busy, write_json_atomic, writer_lock
from sangkien.store.loadlog import event
from sangkien.store.messages import CodedError, msg
from sangkien.store.summary import has_summaries

FORMAT = 2
SYSTEM = Actor("system:upgrade", SYSTEM_DEMO.role)


class UpgradeError(CodedError):
    """The version could not be upgraded (``code`` and ``params``; ``str()`` in the current language)."""


def current(entry: dict | None) -> bool:
    return entry is None or int(entry.get("format", 1)) >= FORMAT


def upgrade_file(path: Path) -> None:
    """Bring the DuckDB file at ``path`` (no other connection open) to the current format."""
    con = duckdb.connect(str(path))
    try:
        tables = {r[0] for r in con.execute("select table_name from duckdb_tables()").fetchall()}
        for table, column, spellings in schema.CODED_COLUMNS:
            if table not in tables:
                continue
            for code, words in spellings.items():  # the stored spellings of before become codes
                con.execute(
                    f"update {quote_ident(table)} set {quote_ident(column)} = $code"
                    f" where {quote_ident(column)} in (select unnest($words))",
                    {"code": code, "words": list(words)},
                )
        derive_tables(con)
        con.execute("checkpoint")
    finally:
        con.close()


def _counts(path: Path) -> dict[str, int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        names = {r[0] for r in con.execute("select table_name from duckdb_tables()").fetchall()}
        return {
            k: con.execute(f"select count(*) from {quote_ident(k)}").fetchone()[0] for k in schema.KINDS if k in names
        }
    finally:
        con.close()


def upgrade_version(root: Path, vid: str) -> dict:
    """Upgrade version ``vid`` of the store at ``root`` once (a no-op when another process did it
    meanwhile); return its manifest entry as it now stands."""
    catalog = Catalog(root)
    try:
        with writer_lock(catalog.root):
            entry = catalog.version(vid)
            if current(entry):
                return entry
            old = catalog.version_path(vid)
            new = old.with_name(f"{old.stem}.f{FORMAT}.duckdb")
            tmp = old.with_name(f".{new.name}.{os.getpid()}.tmp.duckdb")
            try:
                shutil.copyfile(old, tmp)
                upgrade_file(tmp)
                if _counts(tmp) != _counts(old):
                    raise UpgradeError(N_("store.upgrade_check_failed"), vid=vid)
                os.replace(tmp, new)
            finally:
                for p in (tmp, Path(f"{tmp}.wal")):
                    p.unlink(missing_ok=True)
            m = catalog.manifest()
            for v in m["versions"]:  # a rollback's entry names the same file
                if (v.get("file") or f"{v['id']}.duckdb") == old.name:
                    v.update(file=new.name, format=FORMAT, upgraded_from=old.name)
            write_json_atomic(catalog.manifest_path, m)
            event(
                catalog.log_dir,
                "upgrade",
                SYSTEM,
                msg(N_("store.upgraded"), vid=vid, new=new.name, old=old.name),
                vid,
            )
            return catalog.version(vid)
    except Busy as exc:
        raise UpgradeError(exc.code, **exc.params) from None
    except OSError as exc:
        raise UpgradeError(N_("store.upgrade_failed"), vid=vid, error=exc.strerror or str(exc)) from None


def pending(root: Path | None) -> str | None:
    """The version in use when it waits for its upgrade, else None."""
    catalog = Catalog(root)
    vid = catalog.manifest().get("current")
    return vid if vid and not current(catalog.version(vid)) else None


def upgrade_current(root: Path) -> None:
    """Upgrade the version in use if it needs it, before a writer carries its tables over (call it
    outside the writer lock, which the upgrade takes)."""
    vid = pending(root)
    if vid:
        upgrade_version(Catalog(root).root, vid)


def upgrade_workspace(path: Path, meta_path: Path) -> dict:
    """Upgrade a workspace's file in place and mark its meta; return the meta."""
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    if current(meta):
        return meta
    con = duckdb.connect(str(path), read_only=True)
    try:
        done = has_summaries(con)
    finally:
        con.close()
    if not done:
        upgrade_file(path)
    meta["format"] = FORMAT
    write_json_atomic(meta_path, meta)
    return meta


def upgrade_store(root: Path) -> list[str]:
    """Upgrade every version of the store that needs it (``python -m sangkien upgrade``); their ids."""
    catalog = Catalog(root)
    done = []
    for v in catalog.versions():
        if not current(catalog.version(v["id"])):  # read again: an upgrade renames a shared file once
            upgrade_version(catalog.root, v["id"])
            done.append(v["id"])
    return done
