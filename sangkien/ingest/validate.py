"""Row checks after parsing: required values, ranges, the programme's period, duplicate ids,
canonical names; each rejected row keeps its line and its reason.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from sangkien.fmt import date as fmt_date
from sangkien.fmt import num
from sangkien.ingest import schema
from sangkien.ingest.layout import check_totals
from sangkien.ingest.normalize import header_key, strip_diacritics, unit_key
from sangkien.ingest.parse import read_bools, read_dates, read_numbers
from sangkien.ingest.readers import cell_text
from sangkien.ingest.staged import Staged, StageOptions

MAX_EXACT = 2**53  # from here up, not every whole number is a DOUBLE


def map_unique(values: pd.Series, fn) -> pd.Series:
    """``values.map(fn)`` computed once per distinct value (exports repeat names a lot)."""
    uniques = pd.unique(values.dropna())
    lookup = {v: fn(v) for v in uniques}
    return values.map(lookup).astype(object).where(values.notna(), None)


def check_total_rows(
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


def validate_rows(
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
