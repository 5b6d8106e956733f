"""Pure table builders for the Data page: mapping, versions, load log."""

from __future__ import annotations

import pandas as pd

from . import fmt, schema
from .ingest import Staged


def mapping_table(staged: Staged) -> pd.DataFrame:
    """Each source column and the canonical column it goes to."""
    kind = schema.KINDS.get(staged.kind) if staged.kind else None
    rows = []
    for source, target in staged.mapping.items():
        label = kind.column(target).label if kind and target else None
        rows.append({"Cột trong tệp": source, "Cột chuẩn": label or "— không dùng —", "Tên kỹ thuật": target or ""})
    return pd.DataFrame(rows, columns=["Cột trong tệp", "Cột chuẩn", "Tên kỹ thuật"])


def staged_counts(staged: list[Staged]) -> pd.DataFrame:
    rows = []
    for s in staged:
        rows.append(
            {
                "Tệp": s.file,
                "Trang": s.sheet or "",
                "Loại dữ liệu": schema.KINDS[s.kind].label if s.kind else "—",
                "Số dòng": s.rows_in,
                "Nạp": s.loaded,
                "Bị loại": s.rejected,
                "Bỏ qua": s.skipped,
                "Lỗi": s.error or "",
            }
        )
    return pd.DataFrame(rows)


def versions_table(versions: list[dict], current: str | None) -> pd.DataFrame:
    rows = []
    for v in reversed(versions):
        rows.append(
            {
                "Phiên bản": v["id"] + (" (đang dùng)" if v["id"] == current else ""),
                "Thời điểm": v["created_at"][:16].replace("T", " "),
                "Nhãn": v.get("label") or "",
                "Tệp": ", ".join(
                    sorted({f["file"].rsplit("/", 1)[-1] for f in v.get("files", []) if not f.get("error")})
                ),
                "Số dòng theo bảng": "; ".join(f"{schema.KINDS[k].label} {fmt.num(n)}" for k, n in v["tables"].items()),
                "Minh họa": "có" if v.get("demo") else "",
            }
        )
    return pd.DataFrame(rows)


def log_table(entries: list[dict]) -> pd.DataFrame:
    rows = []
    for e in entries:
        rows.append(
            {
                "Lần nạp": e["attempt"],
                "Thời điểm": e["time"][:19].replace("T", " "),
                "Kết quả": "Đã xuất bản " + e["version"] if e["outcome"] == "published" else "Không xuất bản",
                "Tệp": ", ".join(f["file"].rsplit("/", 1)[-1] for f in e["files"]),
                "Dòng bị loại": e.get("rejected", 0),
                "Thông báo": e["message"],
            }
        )
    return pd.DataFrame(rows)


def rejects_table(staged: Staged) -> pd.DataFrame:
    frame = staged.rejects.rename(columns={"source_row": "Dòng", "reason": "Lý do", "data": "Nội dung dòng"})
    return frame[["Dòng", "Lý do", "Nội dung dòng"]] if len(frame) else frame


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV for Excel users: UTF-8 with BOM; formula-like text neutralised."""
    return safe_for_spreadsheet(frame).to_csv(index=False).encode("utf-8-sig")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_for_spreadsheet(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells that a spreadsheet would run as a formula get a leading apostrophe; numbers untouched."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(lambda v: "'" + v if isinstance(v, str) and v.startswith(_FORMULA_START) else v)
    return out


def suggestions_table(suggestions: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Tên trong tệp": suggestions["name"],
            "Có phải là …?": suggestions["suggestion"],
            "Độ giống": (suggestions["score"] * 100).round().astype(int).astype(str) + "%",
        }
    )


def unknown_units_table(unknown: pd.DataFrame) -> pd.DataFrame:
    return unknown.rename(columns={"level": "Cấp", "unit": "Đơn vị", "parent": "Thuộc", "initiatives": "Số sáng kiến"})
