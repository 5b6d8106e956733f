"""Proposals ("Gửi duyệt"): an analyst's upload kept for an administrator to publish or discard.

A proposal is a folder ``<store>/proposals/<id>/``: the files exactly as uploaded, the mapping
corrections and sheet choices made on the page, the name suggestions accepted, who sent it,
a note, and the version it was checked against. Publishing stages the files again, against
the version current at that moment (not the old workspace), so nothing published rests on a
stale copy; a proposal made against an older version says so.
"""

from __future__ import annotations

import json
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from sangkien.auth import ADMIN, ANALYST, Actor, require
from sangkien.i18n import N_, t
from sangkien.ingest.staging import Staged, StageOptions
from sangkien.store.messages import msg


@dataclass
class Upload:
    """One uploaded file and what the user chose for it on the page."""

    name: str
    data: bytes
    fixes: dict  # {sheet: {"kind": k, "columns": {header: column}}}
    skipped_sheets: list[str]


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z")


class Proposals:
    def __init__(self, store) -> None:
        self.store = store
        self.dir = store.root / "proposals"

    def _folder(self, pid: str) -> Path:
        if not pid or not all(c.isalnum() for c in pid):
            raise KeyError(pid)
        return self.dir / pid

    def submit(self, uploads: list[Upload], accepted: list[dict], actor: Actor, note: str) -> dict:
        """Save the uploads for review; the proposal's record (attributed, timed)."""
        require(actor, ANALYST, N_("store.action_submit"))
        pid = secrets.token_hex(8)
        folder = self._folder(pid)
        tmp = self.dir / f".{pid}.tmp"
        (tmp / "files").mkdir(parents=True)
        files = []
        for i, up in enumerate(uploads):
            stored = f"{i:02d}_{Path(up.name).name}"
            (tmp / "files" / stored).write_bytes(up.data)
            files.append({"name": up.name, "stored": stored, "fixes": up.fixes, "skipped_sheets": up.skipped_sheets})
        record = {
            "id": pid,
            "by": actor.name,
            "note": note,
            "created_at": _now(),
            "base": self.store.manifest().get("current"),
            "files": files,
            "accepted": accepted,
        }
        (tmp / "proposal.json").write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.rename(folder)  # a proposal appears whole or not at all
        said = note.rstrip(": ")
        sent = msg(N_("store.proposal_sent_note"), n=len(files), note=said) if said else None
        self.store.log_event("proposal", actor, sent or msg(N_("store.proposal_sent"), n=len(files)))
        return record

    def list(self) -> list[dict]:
        out = []
        for path in sorted(self.dir.glob("*/proposal.json")):
            try:
                out.append(json.loads(path.read_text(encoding="utf-8")))
            except (OSError, ValueError):
                continue
        return sorted(out, key=lambda r: r["created_at"], reverse=True)

    def get(self, pid: str) -> dict:
        return json.loads((self._folder(pid) / "proposal.json").read_text(encoding="utf-8"))

    def uploads(self, pid: str) -> list[Upload]:
        record = self.get(pid)
        folder = self._folder(pid) / "files"
        return [
            Upload(f["name"], (folder / f["stored"]).read_bytes(), f["fixes"], f["skipped_sheets"])
            for f in record["files"]
        ]

    def stage(self, pid: str, options: StageOptions, aliases: pd.DataFrame | None) -> list[Staged]:
        """The proposal's files staged again now, with their corrections, and the accepted names."""
        from sangkien.ingest.uploads import aliases_staged, stage_upload

        staged = []
        for up in self.uploads(pid):
            staged += [s for s in stage_upload(up.name, up.data, up.fixes, options) if s.sheet not in up.skipped_sheets]
        accepted = self.get(pid)["accepted"]
        if accepted:
            frame = (
                aliases
                if aliases is not None
                else pd.DataFrame(columns=["Tên viết khác", "Tên chuẩn", "Đơn vị cấp trên"])
            )
            added = pd.DataFrame(
                {
                    frame.columns[0]: [a["name"] for a in accepted],
                    frame.columns[1]: [a["suggestion"] for a in accepted],
                    frame.columns[2]: [None] * len(accepted),
                }
            )
            staged.append(aliases_staged(pd.concat([frame, added], ignore_index=True)))
        return staged

    def stale(self, pid: str) -> str | None:
        """A warning when the version in use changed since the proposal was made."""
        base, now = self.get(pid)["base"], self.store.manifest().get("current")
        if base != now:
            return t("store.proposal_stale", base=base or t("store.proposal_no_base"), now=now)
        return None

    def publish(self, pid: str, actor: Actor, aliases: pd.DataFrame | None = None) -> dict:
        require(actor, ADMIN, N_("store.action_publish"))
        record = self.get(pid)
        staged = self.stage(pid, self.store.stage_options(), aliases)
        if record["note"]:  # a label the store writes: shown in the reader's language
            label = msg(N_("store.proposal_label_note"), by=record["by"], note=record["note"])
        else:
            label = msg(N_("store.proposal_label"), by=record["by"])
        meta = self.store.publish(staged, actor=actor, label=label)
        self._remove(pid)
        return meta

    def discard(self, pid: str, actor: Actor) -> None:
        require(actor, ADMIN, N_("store.action_discard"))
        record = self.get(pid)
        self._remove(pid)
        self.store.log_event("proposal_discarded", actor, msg(N_("store.proposal_discarded"), by=record["by"]))

    def _remove(self, pid: str) -> None:
        shutil.rmtree(self._folder(pid), ignore_errors=True)
