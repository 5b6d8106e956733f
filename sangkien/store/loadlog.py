"""The load log: one JSON entry per attempt (a load, a rollback, a change of settings) and the
rejected rows of each load as Parquet; entries of publishes a kill interrupted are closed by ``sweep``.

An entry keeps its message as codes with parameters (``messages``: a list of ``store.messages.msg``,
or of texts given as they are), shown in the reader's language by ``Catalog.load_log``; an entry
written before codes has a ``message`` text, shown as it was stored.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from sangkien.auth import Actor
from sangkien.i18n import N_
from sangkien.store.catalog import REJECT_COLUMNS, Catalog
from sangkien.store.files import now, write_json_atomic
from sangkien.store.messages import file_error, msg

if TYPE_CHECKING:
    from sangkien.ingest.staging import Staged

LEFTOVERS = ("versions/.*.tmp.duckdb*", ".manifest.json.*.tmp", "log/.*.tmp")


def next_attempt(log_dir: Path) -> int:
    nums = [int(p.stem) for p in log_dir.glob("*.json") if p.stem.isdigit()]
    return max(nums, default=0) + 1


def parts(message: str | dict | list) -> list:
    """A message as the parts an entry keeps: a ``msg``, a text, or a list of them."""
    return list(message) if isinstance(message, list) else [message]


def event(log_dir: Path, kind: str, actor: Actor, message: str | dict | list, vid: str | None = None) -> None:
    """A log entry for what is not a load: settings, a rollback, a proposal."""
    attempt = next_attempt(log_dir)
    entry = {
        "attempt": attempt,
        "time": now(),
        "outcome": kind,
        "version": vid,
        "label": "",
        "messages": parts(message),
        "rejected": 0,
        "files": [],
        "by": actor.name,
    }
    write_json_atomic(log_dir / f"{attempt:06d}.json", entry)


def record(
    log_dir: Path,
    attempt: int,
    staged: list[Staged],
    outcome: str,
    vid: str | None,
    message: list,
    label: str | None,
    rejects: pd.DataFrame | None,
    cleaned: list[str],
    by: str,
) -> None:
    """Write the load log entry; a log that cannot be written (a full disk) must not hide the real outcome."""
    if cleaned:
        message = [*message, msg(N_("store.cleaned"), n=len(cleaned), files=", ".join(cleaned))]
    try:
        write_entry(log_dir, attempt, staged, outcome, vid, message, label, rejects, by)
    except OSError:
        pass


def write_entry(log_dir: Path, attempt, staged, outcome, vid, message, label, rejects, by) -> None:
    if rejects is not None and len(rejects):
        path = log_dir / f"{attempt:06d}_rejects.parquet"
        tmp = log_dir / f".{path.name}.{os.getpid()}.tmp"
        try:
            rejects[REJECT_COLUMNS].to_parquet(tmp, index=False)
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
    entry = {
        "attempt": attempt,
        "time": now(),
        "outcome": outcome,
        "version": vid,
        "label": label or "",
        "messages": parts(message),
        "rejected": 0 if rejects is None else int(len(rejects)),
        "by": by,
        "files": [
            {**s.summary(), "problem": coded(s), "notes": s.notes, "mapping": s.mapping, "detail": s.detail}
            for s in staged
        ],
    }
    write_json_atomic(log_dir / f"{attempt:06d}.json", entry)


def coded(staged: Staged) -> dict | None:
    """A file's error as ingest coded it (shown in the reader's language), None without one or a code."""
    problem = file_error(staged)
    return problem if isinstance(problem, dict) else None


def sweep(catalog: Catalog) -> list[str]:
    """Under the writer lock: remove what killed publishes left, close their log entries.

    Leftovers are temporary files (a version being written or upgraded, its WAL, a manifest or log
    entry being replaced) and version files that no manifest entry names (renamed, never made current).
    """
    versions = catalog.manifest()["versions"]
    named = {v.get("file") or f"{v['id']}.duckdb" for v in versions}
    named |= {v["upgraded_from"] for v in versions if v.get("upgraded_from")}  # kept for a rollback by hand
    found = [p for pattern in LEFTOVERS for p in catalog.root.glob(pattern)]
    found += [
        p
        for p in catalog.versions_dir.glob("v*.duckdb*")
        if p.name.removesuffix(".wal") not in named and p.name.endswith((".duckdb", ".duckdb.wal"))
    ]
    cleaned = []
    for p in sorted(set(found)):
        try:
            p.unlink()
            cleaned.append(str(p.relative_to(catalog.root)))
        except OSError:
            pass
    current = {v["id"] for v in catalog.manifest()["versions"]}
    for path in catalog.log_dir.glob("*.json"):
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if entry.get("outcome") != "started":
            continue
        entry.pop("message", None)  # an entry written before codes: its new message is coded
        if entry.get("version") in current:
            entry["outcome"] = "published"
            entry["messages"] = [msg(N_("store.published_unlogged"), vid=entry["version"])]
        else:
            entry["outcome"] = "interrupted"
            entry["version"] = None
            entry["messages"] = [msg(N_("store.interrupted"))]
        write_json_atomic(path, entry)
    return cleaned
