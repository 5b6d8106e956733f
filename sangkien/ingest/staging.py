"""From a grid of text cells to a canonical table: header, kind, mapping, validation.

Every data row ends up either loaded or rejected with its reason
(rows_in = loaded + rejected); blank and total rows are counted as skipped.
"""

from __future__ import annotations

import hashlib
import json
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from sangkien.fmt import date as fmt_date
from sangkien.fmt import num
from sangkien.ingest import schema
from sangkien.ingest.layout import ROW_NUMBER_KEYS, SKIP_LABELS, check_totals, classify_rows, find_layout
from sangkien.ingest.limits import ReadError, check_file_size
from sangkien.ingest.normalize import header_key, strip_diacritics, unit_key
from sangkien.ingest.parse import read_bools, read_dates, read_numbers
from sangkien.ingest.readers import Grid, cell_text, read_grids

MAX_EXACT = 2**53  # from here up, not every whole number is a DOUBLE


@dataclass
class StageOptions:
    """What the store knows that reading a file needs: remembered mappings, the programme's period."""

    mappings: dict[str, dict] = field(default_factory=dict)  # header signature -> {"kind", "columns"}
    programme: tuple[str, str] = (schema.PROGRAMME_START, schema.PROGRAMME_END)


@dataclass
class Staged:
    """One file (or sheet) read and checked, ready to publish or to show."""

    file: str
    sheet: str | None = None
    kind: str | None = None
    mapping: dict[str, str | None] = field(default_factory=dict)  # source header -> column
    unmatched: list[str] = field(default_factory=list)
    rows_in: int = 0
    skipped: int = 0
    data: pd.DataFrame | None = None
    rejects: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["source_row", "reason", "data"]))
    notes: list[str] = field(default_factory=list)
    error: str | None = None
    detail: str | None = None  # the technical cause of ``error``, folded away for the user
    header_row: int | None = None
    skipped_by: dict[str, int] = field(default_factory=dict)
    headers: list[str] = field(default_factory=list)
    signature: str | None = None
    overrides: dict[str, str | None] = field(default_factory=dict)
    remembered: bool = False
    total_checks: list[dict] = field(default_factory=list)
    encoding: str | None = None

    @property
    def loaded(self) -> int:
        return 0 if self.data is None else len(self.data)

    @property
    def rejected(self) -> int:
        return len(self.rejects)

    def summary(self) -> dict:
        return {
            "file": self.file,
            "sheet": self.sheet,
            "kind": self.kind,
            "rows_in": self.rows_in,
            "loaded": self.loaded,
            "rejected": self.rejected,
            "skipped": self.skipped,
            "error": self.error,
        }


def _match(headers: list[str | None], kind: schema.Kind) -> dict[int, str]:
    index = schema.synonym_index(kind)
    found: dict[int, str] = {}
    used: set[str] = set()
    for i, h in enumerate(headers):
        col = index.get(header_key(h)) if h else None
        if col and col not in used:
            found[i], used = col, used | {col}
    return found


def score_kinds(headers: list[str | None]) -> list[tuple[str, int, int]]:
    """(kind, columns matched, required matched) for kinds whose required columns are all there."""
    scores = []
    for kind in schema.KINDS.values():
        matched = set(_match(headers, kind).values())
        required = [c for c in kind.required if c != "id"]
        if all(c in matched for c in required):
            scores.append((kind.name, len(matched), len(required)))
    return sorted(scores, key=lambda s: (-s[1], -s[2]))


def detect_kind(headers: list[str | None]) -> tuple[str | None, str | None]:
    """The kind whose columns the headers name best; an error naming what is missing otherwise.

    A kind that matches more columns than every complete kind but lacks a required
    column is not silently replaced by a weaker match (an initiatives file without its
    date column must not load as a units table).
    """
    eligible = score_kinds(headers)
    partial = []
    for kind in schema.KINDS.values():
        matched = set(_match(headers, kind).values())
        missing = [c for c in kind.required if c != "id" and c not in matched]
        if missing and len(matched) >= 2:
            partial.append((len(matched), kind, missing))
    best_partial = max(partial, key=lambda p: p[0], default=None)
    if best_partial and (not eligible or best_partial[0] > eligible[0][1]):
        _, kind, missing = best_partial
        labels = ", ".join(kind.column(c).label for c in missing)
        return None, f"Có vẻ là bảng {kind.label} nhưng thiếu cột bắt buộc: {labels}."
    if not eligible:
        return None, "Không xác định được loại dữ liệu: tiêu đề cột không khớp với loại bảng nào."
    return eligible[0][0], None


def map_unique(values: pd.Series, fn) -> pd.Series:
    """``values.map(fn)`` computed once per distinct value (exports repeat names a lot)."""
    uniques = pd.unique(values.dropna())
    lookup = {v: fn(v) for v in uniques}
    return values.map(lookup).astype(object).where(values.notna(), None)


def header_signature(headers: list[str | None]) -> str:
    """Files with the same headers share a signature, so a mapping correction is remembered for them."""
    text = "|".join(header_key(h) for h in headers if h)
    return hashlib.sha1(text.encode()).hexdigest()[:16]


def stage_grid(
    grid: Grid,
    file: str,
    kind: str | None = None,
    mapping_override: dict[str, str | None] | None = None,
    options: StageOptions | None = None,
) -> Staged:
    options = options or StageOptions()
    staged = Staged(file=file, sheet=grid.sheet, encoding=grid.encoding, notes=list(grid.notes))
    frame = grid.frame
    layout = find_layout(frame, grid.merged)
    if layout is None:
        staged.error = "Không tìm thấy dòng tiêu đề: không cột nào khớp với các cột đã biết."
        return staged
    header_at = layout.header_rows[-1]
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
    matched = _match(headers, spec)
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
    missing = [c for c in spec.required if c != "id" and c not in positions]
    if missing:
        labels = ", ".join(spec.column(c).label for c in missing)
        staged.error = f"Thiếu cột bắt buộc của bảng {spec.label}: {labels}."
        return staged
    if staged.unmatched:
        staged.notes.append("Cột không dùng: " + ", ".join(staged.unmatched) + ".")

    row_numbers = {i for i, h in enumerate(headers) if h and header_key(h) in ROW_NUMBER_KEYS}
    row_kinds = classify_rows(frame, layout, row_numbers)
    skipped = row_kinds[~row_kinds.isin(["data", "header"])].value_counts()
    staged.skipped = int(skipped.sum())
    staged.skipped_by = {k: int(v) for k, v in skipped.items()}
    described = [f"{n} {SKIP_LABELS[k]}" for k, n in staged.skipped_by.items() if k not in ("blank", "title")]
    if described:
        staged.notes.append("Bỏ qua " + ", ".join(described) + ".")
    body = frame.loc[row_kinds[row_kinds == "data"].index]
    unnamed = [i for i in range(body.shape[1]) if i >= len(headers) or not headers[i]]
    stray = int(body[unnamed].notna().sum().sum()) if unnamed else 0
    if stray:
        staged.notes.append(f"{num(stray)} ô có dữ liệu nằm ở cột không có tiêu đề nên không được nạp.")
    staged.rows_in = len(body)
    if staged.rows_in == 0 and not grid.broken_lines:
        staged.error = "Tệp không có dòng dữ liệu nào để nạp."
        return staged
    _check_totals(staged, spec, frame, row_kinds, positions)
    source_rows = pd.Series(body.index.to_numpy() + 1, index=body.index)  # 1-based line/row in the file
    raw = pd.DataFrame({col: body[pos] for col, pos in positions.items()}, index=body.index)
    _validate(staged, spec, raw, source_rows, headers, body, file, grid.delimiter is None, options)
    broken = [b for b in grid.broken_lines if b[0] > header_at + 1]
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
    return staged


def _check_totals(
    staged: Staged, spec: schema.Kind, frame: pd.DataFrame, row_kinds: pd.Series, positions: dict[str, int]
) -> None:
    """Check total and subtotal rows against the rows above them; report every mismatch."""
    if not (row_kinds.isin(["total", "subtotal"])).any():
        return
    rows = row_kinds[row_kinds.isin(["data", "total", "subtotal", "heading"])]
    numbers, labels = {}, {}
    for col, pos in positions.items():
        if spec.column(col).type in ("int", "money", "number"):
            numbers[col] = read_numbers(frame.loc[rows.index, pos]).values
            labels[col] = spec.column(col).label
    staged.total_checks = check_totals(rows, numbers, labels)
    for c in staged.total_checks:
        where = "Dòng tổng cộng" if c["kind"] == "total" else "Dòng cộng nhóm"
        if c["ok"]:
            continue
        staged.notes.append(
            f"{where} (dòng {c['row']}), cột {c['label']}: ghi {num(c['written'])}, "
            f"cộng các dòng trên được {num(c['sum'])} (lệch {num(c['written'] - c['sum'])})."
        )
    if staged.total_checks and all(c["ok"] for c in staged.total_checks):
        staged.notes.append("Các dòng tổng cộng khớp với tổng các dòng bên trên.")


def _validate(
    staged: Staged,
    spec: schema.Kind,
    raw: pd.DataFrame,
    source_rows: pd.Series,
    headers: list[str | None],
    body: pd.DataFrame,
    file: str,
    grid_typed: bool,
    options: StageOptions,
) -> None:
    n = len(raw)
    reasons = pd.Series([""] * n, index=raw.index, dtype=object)

    def reject(mask: pd.Series, message: str) -> None:
        nonlocal reasons
        mask = mask.fillna(False).astype(bool)
        reasons = reasons.where(~mask, reasons + np.where(reasons == "", "", "; ") + message)

    out = pd.DataFrame(index=raw.index)
    for col in spec.columns:
        values = raw[col.name] if col.name in raw else pd.Series([None] * n, index=raw.index, dtype=object)
        if col.type == "text":
            out[col.name] = map_unique(values.astype(object), cell_text) if grid_typed else values.astype(object)
        elif col.type in ("int", "money", "number"):
            reading = read_numbers(values)
            reject(reading.bad, f"{col.label}: không đọc được số")
            if reading.note == "xung đột":
                staged.notes.append(
                    f"Cột {col.label} có số viết theo hai kiểu khác nhau (ví dụ: "
                    + ", ".join(reading.examples)
                    + "); các giá trị này không được đọc."
                )
            elif reading.note == "mơ hồ":
                shown = "; ".join(
                    f"'{e}' đọc là {num(v, 3).rstrip('0').rstrip(',')}"
                    for e, v in zip(reading.examples, read_numbers(pd.Series(reading.examples)).values, strict=True)
                )
                staged.notes.append(
                    f"Cột {col.label}: số có thể hiểu hai cách, đọc theo kiểu Việt Nam "
                    f"(dấu chấm phân cách hàng nghìn, dấu phẩy thập phân): {shown}."
                )
            # From 2^53 up a number is not stored exactly (and may overflow a whole-number column).
            too_big = reading.values.abs() >= MAX_EXACT
            reject(too_big, f"{col.label}: số quá lớn để lưu chính xác (từ {num(MAX_EXACT)} trở lên)")
            if col.type == "money":
                reject(reading.values < 0, f"{col.label}: số tiền âm")
            out[col.name] = reading.values.round() if col.type == "int" else reading.values
        elif col.type == "date":
            reading = read_dates(values)
            reject(reading.bad, f"{col.label}: không đọc được ngày")
            if reading.note:
                staged.notes.append(f"Cột {col.label}: mọi ngày đều ≤ 12, đọc theo kiểu ngày/tháng/năm.")
            out[col.name] = reading.values
        elif col.type == "bool":
            flags, bad = read_bools(values)
            reject(bad, f"{col.label}: không rõ có hay không")
            out[col.name] = flags
        if col.required and col.name != "id":
            reject(values.isna(), f"Thiếu {col.label}")
    _kind_rules(staged, spec, out, reject)
    if spec.name == "initiatives":
        start, end = pd.Timestamp(options.programme[0]), pd.Timestamp(options.programme[1])
        outside = out["submitted_on"].notna() & ((out["submitted_on"] < start) | (out["submitted_on"] > end))
        reject(outside, f"Ngày cập nhật ngoài thời gian chương trình ({fmt_date(start)}–{fmt_date(end)})")
    if spec.name == "initiatives":  # last, so that a rejected row does not shadow a good one
        reject(out["id"].where(reasons == "").duplicated(keep="first") & (reasons == ""), "Trùng mã sáng kiến")
    for field_name, key_col in schema.UNIT_KEY_COLUMNS.get(spec.name, {}).items():
        out[key_col] = map_unique(out[field_name], unit_key)
    out["source_file"] = Path(file).name
    out["source_row"] = source_rows.astype("int64")

    bad = reasons != ""
    if bad.any():
        header_names = [h or f"Cột {i + 1}" for i, h in enumerate(headers)]
        records = body.loc[bad].apply(
            lambda r: json.dumps(
                {
                    header_names[i]: cell_text(v)
                    for i, v in enumerate(r.tolist())
                    if i < len(header_names) and (headers[i] or v is not None)
                },
                ensure_ascii=False,
            ),
            axis=1,
        )
        staged.rejects = pd.DataFrame(
            {"source_row": source_rows[bad].astype("int64"), "reason": reasons[bad], "data": records}
        ).reset_index(drop=True)
    staged.data = out.loc[~bad].reset_index(drop=True)


def _canonical(values: pd.Series, synonyms: dict[str, list[str]]) -> pd.Series:
    lookup = {}
    for code, words in synonyms.items():
        for w in words:
            lookup[header_key(w)] = code
    return map_unique(values, lambda v: lookup.get(header_key(v)) if isinstance(v, str) else None)


def _kind_rules(staged: Staged, spec: schema.Kind, out: pd.DataFrame, reject) -> None:
    if spec.name == "initiatives":
        status = _canonical(out["status"], schema.STATUS_SYNONYMS)
        unknown = out["status"].notna() & status.isna()
        reject(unknown, "Trạng thái không rõ (hợp lệ / đang xem xét / không hợp lệ)")
        blank = out["status"].isna()
        if blank.any():
            staged.notes.append(f"{num(int(blank.sum()))} dòng không ghi trạng thái, tính là hợp lệ.")
        out["status"] = status.where(~blank, schema.STATUS_VALID)
        stem = Path(staged.file).stem
        generated = pd.Series([f"{stem}-{i + 1}" for i in range(len(out))], index=out.index)
        out["id"] = out["id"].where(out["id"].notna(), generated)
    elif spec.name in ("units", "reported_totals"):
        level = _canonical(out["level"], schema.LEVEL_SYNONYMS)
        unknown = out["level"].notna() & level.isna()
        if unknown.any():
            staged.notes.append("Cấp không rõ, để trống: " + ", ".join(sorted(set(out["level"][unknown]))[:5]))
        out["level"] = level
    elif spec.name == "works":
        level = _canonical(out["level"], schema.LEVEL_SYNONYMS).replace({schema.LEVEL_FEDERATION: None})
        reject(out["level"].notna() & level.isna(), "Cấp đăng ký không rõ (cơ sở / cấp trên cơ sở)")
        out["level"] = level
        out["flagship"] = out["flagship"].fillna(False)
    elif spec.name == "contest_results":
        out["prize"] = out["prize"].map(_prize_name)
    elif spec.name == "opinions":
        out["channel"] = out["channel"].map(_channel_name)


def _prize_name(value: object) -> str | None:
    """'Giải Nhất', 'giải nhất', 'Nhất' -> 'Nhất'; 'Không đạt' / '-' -> None."""
    if not isinstance(value, str):
        return None
    key = header_key(value)
    if key in ("", "khong", "khong dat", "khong dat giai", "khong co"):
        return None
    text = value.strip()
    if strip_diacritics(text.lower()).startswith("giai "):
        text = text[5:].strip()
    return text[:1].upper() + text[1:]


def _channel_name(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    key = header_key(value)
    if "van ban" in key or key in ("written", "thu"):
        return "văn bản"
    if "truc tiep" in key or key in ("direct", "tai hoi nghi"):
        return "trực tiếp"
    return value.strip().lower()


def stage_bytes(
    name: str,
    data: bytes,
    kind: str | None = None,
    overrides: dict[str, dict[str, str | None]] | None = None,
    options: StageOptions | None = None,
    kinds: dict[str, str] | None = None,
) -> list[Staged]:
    """Read one file; one Staged per sheet that fits a kind (or one with the error).

    ``overrides`` and ``kinds`` are keyed by sheet name ("" for CSV / Parquet).
    """
    try:
        return _stage_file(name, data, kind, overrides, options, kinds)
    except ReadError as exc:
        return [Staged(file=name, error=str(exc), detail=exc.detail)]
    except MemoryError:
        return [Staged(file=name, error="Tệp quá lớn để đọc với bộ nhớ hiện có của máy chủ.")]
    except Exception:  # noqa: BLE001 - the reader boundary: no file may end in a traceback
        return [Staged(file=name, error=UNEXPECTED, detail=traceback.format_exc(limit=8))]


UNEXPECTED = "Không đọc được tệp vì một lỗi không lường trước; dữ liệu đã lưu không bị ảnh hưởng."


def _stage_file(
    name: str,
    data: bytes,
    kind: str | None,
    overrides: dict[str, dict[str, str | None]] | None,
    options: StageOptions | None,
    kinds: dict[str, str] | None,
) -> list[Staged]:
    grids = read_grids(name, data)
    staged = [
        _stage_safely(g, name, (kinds or {}).get(g.sheet or "") or kind, (overrides or {}).get(g.sheet or ""), options)
        for g in grids
    ]
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
        data = p.read_bytes()
    except ReadError as exc:
        return [Staged(file=str(path), error=str(exc))]
    except OSError as exc:
        return [Staged(file=str(path), error=f"Không mở được tệp: {exc.strerror}", detail=str(exc))]
    staged = stage_bytes(p.name, data, kind, options=options)
    for s in staged:
        s.file = str(path)
    return staged
