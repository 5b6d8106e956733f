"""From a grid of text cells to a canonical table: header, kind, mapping, validation.

Every data row ends up either loaded or rejected with its reason
(rows_in = loaded + rejected); blank and total rows are counted as skipped.
"""

from __future__ import annotations

import json
import traceback
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from sangkien.fmt import num
from sangkien.i18n import N_, t, tn
from sangkien.ingest import schema
from sangkien.ingest.detect import (  # noqa: F401  (re-exported)
    detect_kind,
    header_signature,
    match_columns,
    score_kinds,
)
from sangkien.ingest.gridtable import Grid, column
from sangkien.ingest.layout import HEADER_SCAN_ROWS, ROW_NUMBER_KEYS, SKIP_LABELS, find_layout
from sangkien.ingest.limits import ReadError, check_file_size
from sangkien.ingest.normalize import header_key
from sangkien.ingest.readers import read_grids
from sangkien.ingest.reasons import msg
from sangkien.ingest.rowkinds import classify, top_kinds
from sangkien.ingest.staged import Staged, StageOptions  # noqa: F401  (re-exported)
from sangkien.ingest.validate import body_view, check_total_rows, validate_rows


def stage_grid(
    grid: Grid,
    file: str,
    kind: str | None = None,
    mapping_override: dict[str, str | None] | None = None,
    options: StageOptions | None = None,
) -> Staged:
    options = options or StageOptions()
    staged = Staged(file=file, sheet=grid.sheet, encoding=grid.encoding, notes=list(grid.notes))
    head = grid.head(HEADER_SCAN_ROWS)
    layout = find_layout(head, grid.merged)
    if layout is None:
        staged.error = msg(N_("ingest.no_header"))
        return staged
    header_line = int(head.index[layout.header_rows[-1]])
    staged.header_row = layout.header_rows[0]
    headers = layout.headers
    staged.headers = [h for h in headers if h]
    staged.signature = header_signature(headers)
    remembered = options.mappings.get(staged.signature)
    if mapping_override is None and remembered:
        mapping_override = remembered.get("columns") or {}
        kind = kind or remembered.get("kind")
        staged.remembered = True
        staged.notes.append(t("ingest.mapping_remembered"))
    staged.overrides = dict(mapping_override or {})
    if kind is None:
        kind, staged.error = detect_kind(headers)
        if staged.error:
            return staged
    if kind not in schema.KINDS:
        staged.error = msg(N_("ingest.kind_not_known"), kind=kind, kinds=", ".join(schema.KINDS))
        return staged
    spec = schema.KINDS[kind]
    staged.kind = kind
    positions = _map_columns(staged, spec, headers, mapping_override)
    missing = [c for c in spec.required if c != "id" and c not in positions]
    if missing:
        staged.error = msg(N_("ingest.required_columns_missing"), kind=kind, columns=[f"{kind}.{c}" for c in missing])
        return staged
    if staged.unmatched:
        staged.notes.append(t("ingest.columns_unused", columns=", ".join(staged.unmatched)))

    row_numbers = {i for i, h in enumerate(headers) if h and header_key(h) in ROW_NUMBER_KEYS}
    above = pd.Series(top_kinds(head, layout)).value_counts()
    skipped = classify(grid, layout, row_numbers).add(above[~above.index.isin(["header"])], fill_value=0)
    skipped = skipped[skipped > 0].astype(int)
    staged.skipped = int(skipped.sum())
    staged.skipped_by = {k: int(v) for k, v in skipped.items()}
    described = [tn(SKIP_LABELS[k], n) for k, n in staged.skipped_by.items() if k not in ("blank", "title")]
    if described:
        staged.notes.append(t("ingest.rows_skipped", rows=", ".join(described)))
    body = body_view(grid, layout.first_body_row)
    unnamed = [column(i) for i in range(grid.width) if i >= len(headers) or not headers[i]]
    counts = ", ".join(f"count({c})" for c in unnamed)
    rows_in, *stray = grid.con.execute(f"select count(*){', ' + counts if counts else ''} from {body}").fetchone()
    if sum(stray):
        staged.notes.append(t("ingest.cells_without_header", count=num(sum(stray))))
    staged.rows_in = rows_in
    if staged.rows_in == 0 and not grid.broken_lines:
        staged.error = msg(N_("ingest.no_data_rows"))
        return staged
    check_total_rows(staged, spec, grid, layout.first_body_row, positions)
    validate_rows(staged, spec, grid, body, positions, headers, options)
    staged.source, staged.table = grid.db, grid.table("staged")
    staged.rows_loaded = grid.con.execute(
        f"select count(*) from {grid.table('checked')} where reasons = ''"
    ).fetchone()[0]
    broken = [b for b in grid.broken_lines if b[0] > header_line + 1]
    if broken:
        # Lines that could not be split (a stray quote, too many fields) or hold an oversized cell
        # are rejected with their reason, not lost.
        extra = pd.DataFrame(
            {
                "source_row": [n for n, _, _ in broken],
                "reason": [reason for _, _, reason in broken],
                "data": [json.dumps({t("ingest.line"): line}, ensure_ascii=False) for _, line, _ in broken],
            }
        )
        staged.rejects = pd.concat([staged.reject_cells, extra], ignore_index=True).sort_values(
            "source_row", ignore_index=True
        )
        staged.rows_in += len(broken)
    grid.release()
    return staged


def _map_columns(
    staged: Staged, spec: schema.Kind, headers: list[str | None], mapping_override: dict | None
) -> dict[str, int]:
    """Each canonical column's position in the grid, as matched or as the user mapped it."""
    matched = match_columns(headers, spec)
    positions: dict[str, int] = {}
    for i, h in enumerate(headers):
        if h is None:
            continue
        target = matched.get(i)
        if mapping_override and h in mapping_override:
            target = mapping_override[h]
        if header_key(h) in ROW_NUMBER_KEYS and target is None:
            staged.mapping[h] = None
            continue
        staged.mapping[h] = target
        if target is None:
            staged.unmatched.append(h)
        elif target in positions:
            staged.notes.append(t("ingest.column_duplicate", header=h, target=target))
            staged.mapping[h] = None
        else:
            positions[target] = i
    return positions


def stage_bytes(
    name: str,
    data: bytes | Path,
    kind: str | None = None,
    overrides: dict[str, dict[str, str | None]] | None = None,
    options: StageOptions | None = None,
    kinds: dict[str, str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[Staged]:
    """Read one file; one Staged per sheet that fits a kind (or one with the error).

    ``overrides`` and ``kinds`` are keyed by sheet name ("" for CSV / Parquet); ``progress`` hears
    each step (a sentence for the user) of a long read.
    """
    try:
        return _stage_file(name, data, kind, overrides, options, kinds, progress or (lambda step: None))
    except ReadError as exc:
        return [Staged(file=name, error=exc.message, detail=exc.detail)]
    except MemoryError:
        return [Staged(file=name, error=OUT_OF_MEMORY)]
    except Exception:  # noqa: BLE001 - the reader boundary: no file may end in a traceback
        return [Staged(file=name, error=UNEXPECTED, detail=traceback.format_exc(limit=8))]


UNEXPECTED = msg(N_("ingest.unexpected"))  # equal to its text in the current language
OUT_OF_MEMORY = msg(N_("ingest.out_of_memory"))


def _stage_file(
    name: str,
    data: bytes | Path,
    kind: str | None,
    overrides: dict[str, dict[str, str | None]] | None,
    options: StageOptions | None,
    kinds: dict[str, str] | None,
    progress: Callable[[str], None],
) -> list[Staged]:
    progress(t("ingest.progress_reading", file=Path(name).name))
    grids = read_grids(name, data)
    staged = []
    for g in grids:
        step = t("ingest.progress_checking_sheet", rows=num(g.rows), sheet=g.sheet) if g.sheet else None
        progress(step or t("ingest.progress_checking", rows=num(g.rows)))
        sheet = g.sheet or ""
        staged.append(_stage_safely(g, name, (kinds or {}).get(sheet) or kind, (overrides or {}).get(sheet), options))
    usable = [s for s in staged if s.error is None]
    if usable:
        for s in staged:
            if s.error and s.sheet:
                usable[0].notes.append(t("ingest.sheet_skipped", sheet=s.sheet, error=s.error))
        return usable
    return (
        staged[:1]
        if len(staged) == 1
        else [
            Staged(
                file=name,
                error=msg(
                    N_("ingest.no_sheet_fits"),
                    errors=[msg(N_("ingest.sheet_error"), sheet=s.sheet, error=s.problem) for s in staged],
                ),
            )
        ]
    )


def _stage_safely(
    grid: Grid, name: str, kind: str | None, overrides: dict | None, options: StageOptions | None
) -> Staged:
    """A file that breaks the reader in an unforeseen way is refused with a message, never a crash."""
    try:
        return stage_grid(grid, name, kind, overrides, options)
    except MemoryError:
        return Staged(file=name, sheet=grid.sheet, error=OUT_OF_MEMORY)
    except Exception:  # noqa: BLE001 - reported to the user and logged with the load
        return Staged(file=name, sheet=grid.sheet, error=UNEXPECTED, detail=traceback.format_exc(limit=8))


def stage_path(path: str | Path, kind: str | None = None, options: StageOptions | None = None) -> list[Staged]:
    p = Path(path)
    try:
        if p.is_dir():
            return [Staged(file=str(path), error=msg(N_("ingest.is_a_directory")))]
        check_file_size(p.stat().st_size)  # before a byte is read
        with open(p, "rb"):
            pass
    except ReadError as exc:
        return [Staged(file=str(path), error=exc.message)]
    except OSError as exc:
        return [Staged(file=str(path), error=msg(N_("ingest.cannot_open"), cause=exc.strerror), detail=str(exc))]
    staged = stage_bytes(p.name, p, kind, options=options)
    for s in staged:
        s.file = str(path)
    return staged
