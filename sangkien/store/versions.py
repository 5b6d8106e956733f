"""The versioned store: one immutable DuckDB file per version, a manifest that names the
version in use, a lock file that serialises writers, and a load log of every attempt.

DuckDB lets one process write a file or many read it, never both; since a version
file is never written again once published, the app can keep it open read-only
while a CLI load writes the next one aside and then swaps the manifest atomically.
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import json
import os
import signal
import time
import traceback
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import duckdb
import pandas as pd

from sangkien.auth import ADMIN, Actor, require
from sangkien.db import quote_ident
from sangkien.ingest import schema
from sangkien.ingest.names import apply_aliases
from sangkien.ingest.staging import Staged, StageOptions
from sangkien.paths import DEFAULT_STORE
from sangkien.store.derived import derive_tables

STORE_ENV = "SANGKIEN_DB"
REJECT_COLUMNS = ["file", "sheet", "kind", "source_row", "reason", "data"]


class PublishError(Exception):
    """Nothing was published; the message is for the user (Vietnamese), ``detail`` for the curious."""

    def __init__(self, message: str, detail: str | None = None):
        super().__init__(message)
        self.detail = detail


FAULT_ENV = "SANGKIEN_FAULT"  # tests: the step of a publish at which the process kills itself
LEFTOVERS = ("versions/.*.tmp.duckdb*", ".manifest.json.*.tmp", "log/.*.tmp")


def _fault(step: str) -> None:
    """Stop the process dead at ``step`` when the environment asks for it (fault-injection tests)."""
    if os.environ.get(FAULT_ENV) == step:
        os.kill(os.getpid(), signal.SIGKILL)


def _disk_full(exc: BaseException) -> bool:
    return getattr(exc, "errno", None) == errno.ENOSPC or "No space left" in str(exc) or "disk is full" in str(exc)


def store_dir(db: str | Path | None = None) -> Path:
    return Path(db or os.environ.get(STORE_ENV) or DEFAULT_STORE)


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def _write_json_atomic(path: Path, payload: object, fault: str | None = None) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(payload, ensure_ascii=False, indent=1, default=str))
            fh.flush()
            os.fsync(fh.fileno())
        if fault:
            _fault(fault)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


class Store:
    def __init__(self, root: str | Path | None = None):
        self.root = store_dir(root)
        self.versions_dir = self.root / "versions"
        self.log_dir = self.root / "log"
        self.manifest_path = self.root / "manifest.json"
        for d in (self.root, self.versions_dir, self.log_dir):
            d.mkdir(parents=True, exist_ok=True)

    # -- reading ------------------------------------------------------------
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
        entries = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(self.log_dir.glob("*.json"))]
        return sorted(entries, key=lambda e: e["attempt"], reverse=True)

    def log_rejects(self, attempt: int) -> pd.DataFrame:
        path = self.log_dir / f"{attempt:06d}_rejects.parquet"
        return pd.read_parquet(path) if path.exists() else pd.DataFrame(columns=REJECT_COLUMNS)

    # -- writing ------------------------------------------------------------
    @contextmanager
    def writer_lock(self, timeout: float = 120.0):
        with open(self.root / ".lock", "w") as fh:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise PublishError("Kho dữ liệu đang bận với một lần nạp khác; hãy thử lại sau.") from None
                    time.sleep(0.2)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def update_settings(self, actor: Actor, **values: object) -> None:
        """Change the store's settings (administrators only); logged with who and when."""
        require(actor, ADMIN, "thay đổi cài đặt của kho dữ liệu")
        with self.writer_lock():
            m = self.manifest()
            m.setdefault("settings", {}).update(values)
            _write_json_atomic(self.manifest_path, m)
            self._event("settings", actor, "Đổi cài đặt: " + ", ".join(sorted(values)) + ".")

    def rollback(self, vid: str, actor: Actor) -> dict:
        """Publish a new version whose file is an older version's (administrators only)."""
        require(actor, ADMIN, "quay lại phiên bản cũ")
        with self.writer_lock():
            m = self.manifest()
            old = next((v for v in m["versions"] if v["id"] == vid), None)
            if old is None:
                raise PublishError(f"Không có phiên bản {vid}.")
            if m.get("current") == vid:
                raise PublishError(f"Phiên bản {vid} đang được dùng.")
            new_id = self._next_version_id(m)
            meta = {
                **old,
                "id": new_id,
                "file": old.get("file") or f"{vid}.duckdb",
                "created_at": _now(),
                "label": f"Quay lại phiên bản {vid}",
                "rollback_of": vid,
                "by": actor.name,
            }
            m["versions"].append(meta)
            m["current"] = new_id
            _write_json_atomic(self.manifest_path, m)
            self._event("rollback", actor, f"Quay lại phiên bản {vid}, xuất bản thành {new_id}.", new_id)
            return meta

    def log_event(self, kind: str, actor: Actor, message: str, vid: str | None = None) -> None:
        """A load-log entry for what is not a load (a proposal sent or discarded)."""
        with self.writer_lock():
            self._event(kind, actor, message, vid)

    def _event(self, kind: str, actor: Actor, message: str, vid: str | None = None) -> None:
        attempt = self._next_attempt()
        entry = {
            "attempt": attempt,
            "time": _now(),
            "outcome": kind,
            "version": vid,
            "label": "",
            "message": message,
            "rejected": 0,
            "files": [],
            "by": actor.name,
        }
        _write_json_atomic(self.log_dir / f"{attempt:06d}.json", entry)

    def stage_options(self) -> StageOptions:
        s = self.settings()
        return StageOptions(
            mappings=s.get("mappings", {}),
            programme=(s.get("programme_start", schema.PROGRAMME_START), s.get("programme_end", schema.PROGRAMME_END)),
        )

    def _before_switch(self, vid: str) -> None:
        """Called after the version file is complete, before it is made current (tests hook it)."""

    def publish(
        self,
        staged: list[Staged],
        *,
        actor: Actor,
        label: str | None = None,
        home: str | None = None,
        demo: bool = False,
    ) -> dict:
        """Write the usable staged tables as a new version and make it current; log the attempt.

        Killed at any moment, the store still opens on the previous version or the new one:
        the version file is complete before it is renamed, and the manifest is replaced
        atomically after that. The next writer removes what a killed publish left behind.
        Administrators only: the check is made here, whoever calls.
        """
        require(actor, ADMIN, "xuất bản dữ liệu")
        log = partial(self._log, by=actor.name)
        with self.writer_lock():
            cleaned = self._sweep()
            attempt = self._next_attempt()
            usable = [s for s in staged if s.error is None and s.loaded > 0]
            if not usable:
                reasons = "; ".join(f"{Path(s.file).name}: {s.error or 'không có dòng hợp lệ'}" for s in staged)
                message = "Không có dữ liệu nào được xuất bản. " + reasons
                log(attempt, staged, "failed", None, message, label, _all_rejects(staged), cleaned)
                raise PublishError(message)
            m = self.manifest()
            vid = self._next_version_id(m)
            log(attempt, staged, "started", vid, "Đang ghi phiên bản mới.", label, None, cleaned)
            _fault("staged")
            tmp = self.versions_dir / f".{vid}.{os.getpid()}.tmp.duckdb"
            final = self.version_path(vid)
            try:
                counts, sources, rejects = self.write_version_file(tmp, m, usable, staged, demo)
                _fault("written")
                os.replace(tmp, final)
                _fault("renamed")
                self._before_switch(vid)
                meta = self._switch(
                    m, vid, final, staged, usable, counts, sources, demo, label, home, len(rejects), actor
                )
                _fault("switched")
            except BaseException as exc:
                for p in (tmp, Path(f"{tmp}.wal"), final, Path(f"{final}.wal")):
                    if p.exists() and self.manifest().get("current") != vid:
                        p.unlink()
                if isinstance(exc, KeyboardInterrupt | SystemExit):
                    raise
                if _disk_full(exc):
                    message = "Ổ đĩa của kho dữ liệu đã đầy: không ghi được phiên bản mới; kho dữ liệu giữ nguyên."
                elif isinstance(exc, PublishError):
                    message = str(exc)
                else:
                    message = "Lỗi khi ghi phiên bản mới; kho dữ liệu giữ nguyên."
                detail = f"{type(exc).__name__}: {exc}"
                log(attempt, staged, "failed", None, f"{message} ({detail})", label, _all_rejects(staged), cleaned)
                raise PublishError(message, traceback.format_exc(limit=6)) from exc
            log(attempt, staged, "published", vid, f"Đã xuất bản phiên bản {vid}.", label, rejects, cleaned)
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
        label: str | None,
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
            inferred = _infer_home(final)
            if inferred:
                settings["home_unit"] = inferred
        meta = {
            "id": vid,
            "file": final.name,
            "created_at": _now(),
            "label": label or "",
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
        _write_json_atomic(self.manifest_path, m, fault="manifest_written")
        return meta

    def _sweep(self) -> list[str]:
        """Under the writer lock: remove what killed publishes left, close their log entries.

        Leftovers are temporary files (a version being written, its WAL, a manifest or log entry
        being replaced) and version files that no manifest entry names (renamed, never made current).
        """
        named = {v.get("file") or f"{v['id']}.duckdb" for v in self.manifest()["versions"]}
        found = [p for pattern in LEFTOVERS for p in self.root.glob(pattern)]
        found += [
            p
            for p in self.versions_dir.glob("v*.duckdb*")
            if p.name.removesuffix(".wal") not in named and p.name.endswith((".duckdb", ".duckdb.wal"))
        ]
        cleaned = []
        for p in sorted(set(found)):
            try:
                p.unlink()
                cleaned.append(str(p.relative_to(self.root)))
            except OSError:
                pass
        current = {v["id"] for v in self.manifest()["versions"]}
        for path in self.log_dir.glob("*.json"):
            try:
                entry = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if entry.get("outcome") != "started":
                continue
            if entry.get("version") in current:
                entry["outcome"] = "published"
                entry["message"] = (
                    f"Đã xuất bản phiên bản {entry['version']} (tiến trình dừng trước khi ghi xong nhật ký)."
                )
            else:
                entry["outcome"] = "interrupted"
                entry["version"] = None
                entry["message"] = "Lần nạp bị dừng giữa chừng; kho dữ liệu giữ phiên bản đang dùng."
            _write_json_atomic(path, entry)
        return cleaned

    def write_version_file(
        self, path: Path, m: dict, usable: list[Staged], staged: list[Staged], demo: bool
    ) -> tuple[dict, dict, pd.DataFrame]:
        by_kind: dict[str, list[Staged]] = {}
        for s in usable:
            by_kind.setdefault(s.kind, []).append(s)
        rejects = _all_rejects(staged)
        loaded_at = _now()
        con = duckdb.connect(str(path))
        try:
            prev = m.get("current")
            if prev:
                con.execute("attach $path as prev (read_only)", {"path": str(self.version_path(prev))})
            sources: dict[str, list[dict]] = {}
            for kind in schema.KINDS:
                cols = schema.table_columns(kind)
                ddl = ", ".join(f"{quote_ident(c)} {t}" for c, t in cols)
                con.execute(f"create table {quote_ident(kind)} ({ddl})")
                if kind in by_kind:
                    frame, dupes = _combine(kind, by_kind[kind])
                    rejects = pd.concat([rejects, dupes], ignore_index=True)
                    names = [c for c, _ in cols]
                    con.register("incoming", frame[names])
                    col_list = ", ".join(quote_ident(c) for c in names)
                    con.execute(f"insert into {quote_ident(kind)} ({col_list}) select {col_list} from incoming")
                    con.unregister("incoming")
                    sources[kind] = [
                        {
                            "file": Path(s.file).name,
                            "sheet": s.sheet,
                            "rows": s.loaded,
                            "loaded_at": loaded_at,
                            "demo": demo,
                        }
                        for s in by_kind[kind]
                    ]
                elif prev and kind in self.version(prev).get("sources", {}):
                    con.execute(f"insert into {quote_ident(kind)} select * from prev.{quote_ident(kind)}")
                    sources[kind] = self.version(prev)["sources"][kind]
            _fault("writing")
            apply_aliases(con)
            derive_tables(con)
            con.execute(
                "create table _sources (kind varchar, file varchar, sheet varchar, rows bigint,"
                " loaded_at varchar, demo boolean)"
            )
            for kind, items in sources.items():
                for item in items:
                    con.execute(
                        "insert into _sources values ($kind, $file, $sheet, $rows, $loaded_at, $demo)",
                        {"kind": kind, **item},
                    )
            con.execute(
                "create table _rejects (file varchar, sheet varchar, kind varchar, source_row bigint,"
                " reason varchar, data varchar)"
            )
            if len(rejects):
                con.register("incoming_rejects", rejects[REJECT_COLUMNS])
                con.execute("insert into _rejects select * from incoming_rejects")
            counts = {k: con.execute(f"select count(*) from {quote_ident(k)}").fetchone()[0] for k in schema.KINDS}
            if prev:
                con.execute("detach prev")
            con.execute("checkpoint")
        finally:
            con.close()
        # Validate what was written before anyone can see it.
        check = duckdb.connect(str(path), read_only=True)
        try:
            for kind, n in counts.items():
                if check.execute(f"select count(*) from {quote_ident(kind)}").fetchone()[0] != n:
                    raise PublishError(f"Kiểm tra phiên bản mới thất bại ở bảng {kind}.")
        finally:
            check.close()
        return {k: int(v) for k, v in counts.items() if k in sources}, sources, rejects

    def _next_version_id(self, m: dict) -> str:
        used = [int(v["id"][1:]) for v in m["versions"]]
        used += [int(p.stem[1:]) for p in self.versions_dir.glob("v*.duckdb") if p.stem[1:].isdigit()]
        return f"v{max(used, default=0) + 1:04d}"

    def _next_attempt(self) -> int:
        nums = [int(p.stem) for p in self.log_dir.glob("*.json") if p.stem.isdigit()]
        return max(nums, default=0) + 1

    def _log(
        self,
        attempt: int,
        staged: list[Staged],
        outcome: str,
        vid: str | None,
        message: str,
        label: str | None,
        rejects: pd.DataFrame | None,
        cleaned: list[str],
        by: str,
    ) -> None:
        """Write the load log entry; a log that cannot be written (a full disk) must not hide the real outcome."""
        if cleaned:
            message += f" Đã dọn {len(cleaned)} tệp dở dang của lần nạp bị dừng trước: " + ", ".join(cleaned) + "."
        try:
            self._write_log(attempt, staged, outcome, vid, message, label, rejects, by)
        except OSError:
            pass

    def _write_log(self, attempt, staged, outcome, vid, message, label, rejects, by) -> None:
        if rejects is not None and len(rejects):
            path = self.log_dir / f"{attempt:06d}_rejects.parquet"
            tmp = self.log_dir / f".{path.name}.{os.getpid()}.tmp"
            try:
                rejects[REJECT_COLUMNS].to_parquet(tmp, index=False)
                os.replace(tmp, path)
            finally:
                tmp.unlink(missing_ok=True)
        entry = {
            "attempt": attempt,
            "time": _now(),
            "outcome": outcome,
            "version": vid,
            "label": label or "",
            "message": message,
            "rejected": 0 if rejects is None else int(len(rejects)),
            "by": by,
            "files": [{**s.summary(), "notes": s.notes, "mapping": s.mapping, "detail": s.detail} for s in staged],
        }
        _write_json_atomic(self.log_dir / f"{attempt:06d}.json", entry)


def _all_rejects(staged: list[Staged]) -> pd.DataFrame:
    frames = [s.rejects.assign(file=Path(s.file).name, sheet=s.sheet, kind=s.kind) for s in staged if len(s.rejects)]
    if not frames:
        return pd.DataFrame(columns=REJECT_COLUMNS)
    return pd.concat(frames, ignore_index=True)[REJECT_COLUMNS]


def _combine(kind: str, parts: list[Staged]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Concatenate files of one kind; an id seen in an earlier file rejects the later row."""
    frame = pd.concat([s.data for s in parts], ignore_index=True)
    dupes = pd.DataFrame(columns=REJECT_COLUMNS)
    if kind == "initiatives" and len(parts) > 1:
        dup = frame["id"].duplicated(keep="first")
        if dup.any():
            d = frame[dup]
            dupes = pd.DataFrame(
                {
                    "file": d["source_file"],
                    "sheet": None,
                    "kind": kind,
                    "source_row": d["source_row"],
                    "reason": "Trùng mã sáng kiến với tệp khác",
                    "data": d["id"].map(lambda i: json.dumps({"Mã sáng kiến": i}, ensure_ascii=False)),
                }
            )
            frame = frame[~dup]
    return frame, dupes


def _infer_home(path: Path) -> str | None:
    con = duckdb.connect(str(path), read_only=True)
    try:
        rows = con.execute(
            "select federation, count(*) n, count(distinct federation_key) over () k from initiatives"
            " where federation_key is not null group by federation, federation_key order by n desc"
        ).fetchall()
    finally:
        con.close()
    return rows[0][0] if rows and rows[0][2] == 1 else None
