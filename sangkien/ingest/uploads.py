"""What the Data pages do with uploads, mappings and aliases, kept out of the page scripts."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from sangkien.i18n import N_, t
from sangkien.ingest import schema
from sangkien.ingest.normalize import unit_key
from sangkien.ingest.staging import Staged, StageOptions, stage_bytes

UNUSED = N_("ingest.column_unused")  # the choice of no column: ``t(UNUSED)`` where shown


def stage_upload(
    name: str, data: bytes, fixes: dict[str, dict], options: StageOptions, progress: Callable[[str], None] | None = None
) -> list[Staged]:
    """Stage one uploaded file with the user's corrections: {sheet: {"kind": k, "columns": {header: col}}}."""
    overrides = {sheet: fix["columns"] for sheet, fix in fixes.items() if fix.get("columns")}
    kinds = {sheet: fix["kind"] for sheet, fix in fixes.items() if fix.get("kind")}
    return stage_bytes(name, data, overrides=overrides or None, options=options, kinds=kinds or None, progress=progress)


def column_choices(kind: str | None) -> dict[str, str | None]:
    """Label shown in the editor -> canonical column name."""
    choices: dict[str, str | None] = {t(UNUSED): None}
    if kind:
        for col in schema.KINDS[kind].columns:
            choices[f"{col.title} ({col.name})" + (" *" if col.required else "")] = col.name
    return choices


def unit_names(staged: list[Staged]) -> list[str]:
    """Every union name in the staged tables (grassroots, parents, federations, units)."""
    names: list[str] = []
    for s in staged:
        if s.data is None or s.kind not in schema.UNIT_KEY_COLUMNS or s.kind == "aliases":
            continue
        for col in schema.UNIT_KEY_COLUMNS[s.kind]:
            if col in s.data and col != "recipient":
                names += s.data[col].dropna().unique().tolist()
    return list(dict.fromkeys(names))


def aliases_staged(frame: pd.DataFrame, label: str | None = None) -> Staged:
    """The alias table as edited on the page, ready to publish like a loaded file."""
    label = label or t("ingest.aliases_source")
    frame = frame.dropna(subset=[frame.columns[0], frame.columns[1]])
    data = pd.DataFrame(
        {
            "alias": frame.iloc[:, 0].astype(str).str.strip(),
            "unit": frame.iloc[:, 1].astype(str).str.strip(),
            "parent": frame.iloc[:, 2].where(frame.iloc[:, 2].notna(), None) if frame.shape[1] > 2 else None,
        }
    ).reset_index(drop=True)
    for name_col, key_col in schema.UNIT_KEY_COLUMNS["aliases"].items():
        data[key_col] = data[name_col].map(unit_key)
    data["source_file"] = label
    data["source_row"] = range(1, len(data) + 1)
    return Staged(file=label, kind="aliases", rows_in=len(data), data=data)
