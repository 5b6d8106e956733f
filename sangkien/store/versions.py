"""The versioned store's writer: one immutable DuckDB file per version, a manifest that names
the version in use, a lock file that serialises writers, and a load log of every attempt.

DuckDB lets one process write a file or many read it, never both; since a version
file is never written again once published, the app can keep it open read-only
while a CLI load writes the next one aside and then swaps the manifest atomically.
"""

from __future__ import annotations

import os
import traceback
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from sangkien.auth import ADMIN, Actor, require
from sangkien.i18n import N_, t
from sangkien.ingest.staging import Staged, StageOptions
from sangkien.store.catalog import REJECT_COLUMNS, STORE_ENV, Catalog, store_dir  # noqa: F401  (re-exported)
from sangkien.store.files import Busy, disk_full, fault, now, write_json_atomic, writer_lock
from sangkien.store.loadlog import event, next_attempt, record, sweep
from sangkien.store.messages import CodedError, file_error, msg, render
from sangkien.store.upgrade import FORMAT, UpgradeError, upgrade_current
from sangkien.store.versionfile import PublishError, all_rejects, infer_home, write_version_file

__all__ = ["PublishError", "Store", "store_dir", "STORE_ENV", "REJECT_COLUMNS"]


class Store(Catalog):
    """The store's one writer: publish, roll back, change settings; every change is logged with who made it."""

    def __init__(self, root: str | Path | None = None):
        super().__init__(root)
        for d in (self.root, self.versions_dir, self.log_dir):
            d.mkdir(parents=True, exist_ok=True)

    @contextmanager
    def writer_lock(self, timeout: float = 120.0):
        try:
            with writer_lock(self.root, timeout):
                yield
        except Busy as exc:
            raise PublishError(exc.code, **exc.params) from None

    def update_settings(self, actor: Actor, **values: object) -> None:
        """Change the store's settings (administrators only); logged with who and when."""
        require(actor, ADMIN, N_("store.action_settings"))
        with self.writer_lock():
            m = self.manifest()
            m.setdefault("settings", {}).update(values)
            write_json_atomic(self.manifest_path, m)
            event(self.log_dir, "settings", actor, msg(N_("store.settings_changed"), names=", ".join(sorted(values))))

    def rollback(self, vid: str, actor: Actor) -> dict:
        """Publish a new version whose file is an older version's (administrators only)."""
        require(actor, ADMIN, N_("store.action_rollback"))
        with self.writer_lock():
            m = self.manifest()
            old = next((v for v in m["versions"] if v["id"] == vid), None)
            if old is None:
                raise PublishError(N_("store.no_version"), vid=vid)
            if m.get("current") == vid:
                raise PublishError(N_("store.version_in_use"), vid=vid)
            new_id = self._next_version_id(m)
            meta = {
                **old,
                "id": new_id,
                "file": old.get("file") or f"{vid}.duckdb",
                "created_at": now(),
                "label": t("store.rollback_label", vid=vid),  # as text too, for readers of the manifest
                "label_message": msg(N_("store.rollback_label"), vid=vid),  # shown in the reader's language
                "rollback_of": vid,
                "by": actor.name,
            }
            m["versions"].append(meta)
            m["current"] = new_id
            write_json_atomic(self.manifest_path, m)
            event(self.log_dir, "rollback", actor, msg(N_("store.rolled_back"), vid=vid, new=new_id), new_id)
            return meta

    def log_event(self, kind: str, actor: Actor, message: str | dict, vid: str | None = None) -> None:
        """A load-log entry for what is not a load (a proposal sent or discarded); ``message`` is a
        ``store.messages.msg`` (shown in the reader's language) or a text (shown as it is)."""
        with self.writer_lock():
            event(self.log_dir, kind, actor, message, vid)

    def stage_options(self) -> StageOptions:
        return StageOptions.from_settings(self.settings())

    def _before_switch(self, vid: str) -> None:
        """Called after the version file is complete, before it is made current (tests hook it)."""

    def publish(
        self,
        staged: list[Staged],
        *,
        actor: Actor,
        label: str | dict | None = None,
        home: str | None = None,
        demo: bool = False,
    ) -> dict:
        """Write the usable staged tables as a new version and make it current; log the attempt.

        Killed at any moment, the store still opens on the previous version or the new one:
        the version file is complete before it is renamed, and the manifest is replaced
        atomically after that. The next writer removes what a killed publish left behind.
        Administrators only: the check is made here, whoever calls.
        """
        # a label the store wrote (``msg``) is kept as a message, and as text in the log
        text = render(label) if isinstance(label, dict) else label
        require(actor, ADMIN, N_("store.action_publish"))
        log = partial(record, self.log_dir, by=actor.name)
        try:
            upgrade_current(self.root)  # its tables may be carried over into the new version
        except UpgradeError as exc:
            raise PublishError(exc.code, **exc.params) from None
        with self.writer_lock():
            cleaned = sweep(self)
            attempt = next_attempt(self.log_dir)
            usable = [s for s in staged if s.error is None and s.loaded > 0]
            if not usable:
                reasons = [
                    msg(
                        N_("store.file_reason"),
                        file=Path(s.file).name,
                        reason=file_error(s) or msg(N_("store.no_valid_rows")),
                    )
                    for s in staged
                ]
                error = PublishError(N_("store.nothing_published"), reasons=reasons)
                log(attempt, staged, "failed", None, [error.message], text, all_rejects(staged), cleaned)
                raise error
            m = self.manifest()
            vid = self._next_version_id(m)
            log(attempt, staged, "started", vid, [msg(N_("store.writing"))], text, None, cleaned)
            fault("staged")
            tmp = self.versions_dir / f".{vid}.{os.getpid()}.tmp.duckdb"
            final = self.version_path(vid)
            try:
                counts, sources, rejects = write_version_file(self, tmp, m, usable, staged, demo)
                fault("written")
                os.replace(tmp, final)
                fault("renamed")
                self._before_switch(vid)
                meta = self._switch(
                    m, vid, final, staged, usable, counts, sources, demo, label, home, len(rejects), actor
                )
                fault("switched")
            except BaseException as exc:
                for p in (tmp, Path(f"{tmp}.wal"), final, Path(f"{final}.wal")):
                    if p.exists() and self.manifest().get("current") != vid:
                        p.unlink()
                if isinstance(exc, KeyboardInterrupt | SystemExit):
                    raise
                if disk_full(exc):
                    error = PublishError(N_("store.disk_full"), traceback.format_exc(limit=6))
                elif isinstance(exc, PublishError):
                    error = PublishError(exc.code, traceback.format_exc(limit=6), **exc.params)
                else:
                    error = PublishError(N_("store.write_failed"), traceback.format_exc(limit=6))
                cause = exc.message if isinstance(exc, CodedError) else str(exc)
                detail = msg(N_("store.error_detail"), kind=type(exc).__name__, error=cause)
                log(attempt, staged, "failed", None, [error.message, detail], text, all_rejects(staged), cleaned)
                raise error from exc
            log(attempt, staged, "published", vid, [msg(N_("store.published"), vid=vid)], text, rejects, cleaned)
            return meta

    def _switch(
        self,
        m: dict,
        vid: str,
        final: Path,
        staged: list[Staged],
        usable: list[Staged],
        counts: dict,
        sources: dict,
        demo: bool,
        label: str | dict | None,
        home: str | None,
        rejected: int,
        actor: Actor,
    ) -> dict:
        """Make the complete version file current by replacing the manifest atomically."""
        settings = dict(m.get("settings", {}))
        mappings = dict(settings.get("mappings", {}))
        for s in usable:  # corrections made by a user are remembered for the same headers
            if s.overrides and s.signature and not s.remembered:
                mappings[s.signature] = {"kind": s.kind, "columns": s.overrides}
        if mappings:
            settings["mappings"] = mappings
        if home:
            settings["home_unit"] = home
        elif not settings.get("home_unit"):
            inferred = infer_home(final)
            if inferred:
                settings["home_unit"] = inferred
        meta = {
            "id": vid,
            "file": final.name,
            "format": FORMAT,
            "created_at": now(),
            "label": (render(label) if isinstance(label, dict) else label) or "",
            **({"label_message": label} if isinstance(label, dict) else {}),  # shown in the reader's language
            "files": [s.summary() for s in staged],
            "tables": counts,
            "sources": sources,
            "demo": demo,
            "rejected": rejected,
            "by": actor.name,
        }
        m["versions"].append(meta)
        m["current"] = vid
        m["settings"] = settings
        write_json_atomic(self.manifest_path, m, fault_step="manifest_written")
        return meta

    def _next_version_id(self, m: dict) -> str:
        used = [int(v["id"][1:]) for v in m["versions"]]
        used += [int(p.stem[1:]) for p in self.versions_dir.glob("v*.duckdb") if p.stem[1:].isdigit()]
        return f"v{max(used, default=0) + 1:04d}"

    def write_version_file(self, path: Path, m: dict, usable: list[Staged], staged: list[Staged], demo: bool):
        """Write a version-shaped file at ``path`` (workspaces use it); see ``versionfile``."""
        return write_version_file(self, path, m, usable, staged, demo)
