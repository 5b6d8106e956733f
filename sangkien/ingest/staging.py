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
        staged.error = "Không tìm thấy dòng tiêu đề: không cột nào khớp với các cột đã biết."
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
        staged.notes.append("Áp dụng cách ghép cột đã lưu cho tệp có cùng tiêu đề.")
    staged.overrides = dict(mapping_override or {})
    if kind is None:
        kind, staged.error = detect_kind(headers)
        if staged.error:
            return staged
    if kind not in schema.KINDS:
        staged.error = f"Loại dữ liệu không có: {kind}. Các loại: {', '.join(schema.KINDS)}."
        return staged
    spec = schema.KINDS[kind]
    staged.kind = kind
    positions = _map_columns(staged, spec, headers, mapping_override)
    missing = [c for c in spec.required if c != "id" and c not in positions]
    if missing:
        labels = ", ".join(spec.column(c).label for c in missing)
        staged.error = f"Thiếu cột bắt buộc của bảng {spec.label}: {labels}."
        return staged
    if staged.unmatched:
        staged.notes.append("Cột không dùng: " + ", ".join(staged.unmatched) + ".")

    row_numbers = {i for i, h in enumerate(headers) if h and header_key(h) in ROW_NUMBER_KEYS}
    above = pd.Series(top_kinds(head, layout)).value_counts()
    skipped = classify(grid, layout, row_numbers).add(above[~above.index.isin(["header"])], fill_value=0)
    skipped = skipped[skipped > 0].astype(int)
    staged.skipped = int(skipped.sum())
    staged.skipped_by = {k: int(v) for k, v in skipped.items()}
    described = [f"{n} {SKIP_LABELS[k]}" for k, n in staged.skipped_by.items() if k not in ("blank", "title")]
    if described:
        staged.notes.append("Bỏ qua " + ", ".join(described) + ".")
    body = body_view(grid, layout.first_body_row)
    unnamed = [column(i) for i in range(grid.width) if i >= len(headers) or not headers[i]]
    counts = ", ".join(f"count({c})" for c in unnamed)
    rows_in, *stray = grid.con.execute(f"select count(*){', ' + counts if counts else ''} from {body}").fetchone()
    if sum(stray):
        staged.notes.append(f"{num(sum(stray))} ô có dữ liệu nằm ở cột không có tiêu đề nên không được nạp.")
    staged.rows_in = rows_in
    if staged.rows_in == 0 and not grid.broken_lines:
        staged.error = "Tệp không có dòng dữ liệu nào để nạp."
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
                "data": [json.dumps({"Dòng": line}, ensure_ascii=False) for _, line, _ in broken],
            }
        )
        staged.rejects = pd.concat([staged.rejects, extra], ignore_index=True).sort_values(
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
            staged.notes.append(f"Cột '{h}' trùng với một cột đã ghép vào '{target}', bỏ qua.")
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
        return [Staged(file=name, error=str(exc), detail=exc.detail)]
    except MemoryError:
        return [Staged(file=name, error="Tệp quá lớn để đọc với bộ nhớ hiện có của máy chủ.")]
    except Exception:  # noqa: BLE001 - the reader boundary: no file may end in a traceback
        return [Staged(file=name, error=UNEXPECTED, detail=traceback.format_exc(limit=8))]


UNEXPECTED = "Không đọc được tệp vì một lỗi không lường trước; dữ liệu đã lưu không bị ảnh hưởng."


def _stage_file(
    name: str,
    data: bytes | Path,
    kind: str | None,
    overrides: dict[str, dict[str, str | None]] | None,
    options: StageOptions | None,
    kinds: dict[str, str] | None,
    progress: Callable[[str], None],
) -> list[Staged]:
    progress(f"Đọc tệp {Path(name).name} …")
    grids = read_grids(name, data)
    staged = []
    for g in grids:
        progress(f"Kiểm tra {num(g.rows)} dòng" + (f" của trang '{g.sheet}'" if g.sheet else "") + " …")
        sheet = g.sheet or ""
        staged.append(_stage_safely(g, name, (kinds or {}).get(sheet) or kind, (overrides or {}).get(sheet), options))
    usable = [s for s in staged if s.error is None]
    if usable:
        for s in staged:
            if s.error and s.sheet:
                usable[0].notes.append(f"Bỏ qua trang '{s.sheet}': {s.error}")
        return usable
    return (
        staged[:1]
        if len(staged) == 1
        else [
            Staged(
                file=name,
                error="Không trang nào khớp với một loại dữ liệu: "
                + "; ".join(f"'{s.sheet}': {s.error}" for s in staged),
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
        return Staged(file=name, sheet=grid.sheet, error="Tệp quá lớn để đọc với bộ nhớ hiện có của máy chủ.")
    except Exception:  # noqa: BLE001 - reported to the user and logged with the load
        return Staged(file=name, sheet=grid.sheet, error=UNEXPECTED, detail=traceback.format_exc(limit=8))


def stage_path(path: str | Path, kind: str | None = None, options: StageOptions | None = None) -> list[Staged]:
    p = Path(path)
    try:
        if p.is_dir():
            return [Staged(file=str(path), error="Đây là một thư mục, không phải tệp.")]
        check_file_size(p.stat().st_size)  # before a byte is read
        with open(p, "rb"):
            pass
    except ReadError as exc:
        return [Staged(file=str(path), error=str(exc))]
    except OSError as exc:
        return [Staged(file=str(path), error=f"Không mở được tệp: {exc.strerror}", detail=str(exc))]
    staged = stage_bytes(p.name, p, kind, options=options)
    for s in staged:
        s.file = str(path)
    return staged
