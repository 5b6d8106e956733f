"""Pure table builders for the Data page: mapping, versions, load log."""

from __future__ import annotations

import pandas as pd

from sangkien import fmt
from sangkien.ingest import schema
from sangkien.ingest.staging import Staged


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
                "Người xuất bản": v.get("by") or "",
            }
        )
    return pd.DataFrame(rows)


OUTCOMES = {
    "published": "Đã xuất bản {version}",
    "failed": "Không xuất bản",
    "started": "Đang ghi",
    "interrupted": "Bị dừng giữa chừng",
    "rollback": "Quay lại, thành {version}",
    "settings": "Đổi cài đặt",
    "proposal": "Gửi duyệt",
    "proposal_discarded": "Bỏ đề xuất",
}


def log_table(entries: list[dict]) -> pd.DataFrame:
    rows = []
    for e in entries:
        rows.append(
            {
                "Lần nạp": e["attempt"],
                "Thời điểm": e["time"][:19].replace("T", " "),
                "Kết quả": OUTCOMES.get(e["outcome"], e["outcome"]).format(version=e.get("version") or ""),
                "Người thực hiện": e.get("by") or "",
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


def to_excel_bytes(frame: pd.DataFrame, sheet: str = "Dữ liệu") -> bytes:
    """An .xlsx of the table; formula-like text neutralised, numbers left as numbers."""
    import io

    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        safe_for_spreadsheet(frame).to_excel(writer, index=False, sheet_name=sheet[:31])
    return buf.getvalue()


def ranking_table(frame: pd.DataFrame, moves: pd.Series | None = None) -> pd.DataFrame:
    """The ranking as shown and downloaded: Vietnamese headers, the source and a disagreement flag."""
    out = pd.DataFrame(
        {
            "Hạng": frame["rank"],
            "Thay đổi": moves if moves is not None else "",
            "Đơn vị": frame["unit"],
            "Sáng kiến": frame["initiatives"],
            "Người tham gia": frame["participants"],
            "% chỉ tiêu giao": frame["pct_of_quota"],
            "% số đăng ký": frame["pct_of_commitment"],
            "Trên 100 đoàn viên": frame["per_100_members"],
            "Giá trị làm lợi (đồng)": frame["benefit_vnd"],
            "Chỉ tiêu giao": frame["quota"],
            "Nguồn": frame["source"].map({"rows": "dữ liệu nạp", "reported": "số báo cáo ᴮ"}),
            "Ghi chú": [_flag(d) for d in frame.get("diff_from_reported_pct", pd.Series([None] * len(frame)))],
        }
    )
    return out.reset_index(drop=True)


def _float(values: pd.Series) -> pd.Series:
    """Numbers as floats, so an absent value shows as an empty cell, not 'None'."""
    return pd.to_numeric(values, errors="coerce").astype(float)


def _flag(diff: object) -> str:
    if diff is None or pd.isna(diff) or abs(float(diff)) <= 5:
        return ""
    return f"⚠ lệch {float(diff):+.1f}% so với số báo cáo".replace(".", ",")


def daily_table(board: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Hạng": board["rank"],
            "Thay đổi hạng": [
                ("▲ " + str(c)) if c > 0 else (("▼ " + str(-c)) if c < 0 else "=") for c in board["rank_change"]
            ],
            "Đơn vị": board["unit"],
            "Trong ngày": board["today"],
            "7 ngày qua": board["last_7_days"],
            "Lũy kế": board["total"],
            "Chỉ tiêu giao": board["quota"],
            "% chỉ tiêu": board["pct_of_quota"],
        }
    )


def projection_table(projection: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Đơn vị": projection["unit"],
            "Lũy kế": projection["total"],
            "Chỉ tiêu giao": projection["quota"],
            "Nhịp 30 ngày (sáng kiến/ngày)": projection["pace"],
            "Đạt chỉ tiêu": projection["status"],
        }
    )


def band_table(bands: pd.DataFrame) -> pd.DataFrame:
    """Band names in words: 'từ 100 tỷ đồng', '3 tỷ – 10 tỷ đồng', 'dưới 1 tỷ đồng'."""
    from sangkien.fmt import money

    edges = sorted(bands["band_from"].dropna().tolist(), reverse=True)
    names = []
    for value in bands["band_from"]:
        if pd.isna(value):
            names.append(f"dưới {money(min(edges))}" if edges else "mọi giá trị")
            continue
        higher = [e for e in edges if e > value]
        names.append(f"{money(value)} – {money(min(higher))}" if higher else f"từ {money(value)}")
    return pd.DataFrame({"band": names, "initiatives": bands["initiatives"], "total_vnd": bands["total_vnd"]})


def benefit_fields(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Lĩnh vực": frame["field"],
            "Sáng kiến": frame["initiatives"],
            "Có ghi giá trị": frame["with_value"],
            "Chưa ghi giá trị": frame["without_value"],
            "Tổng giá trị (đồng)": _float(frame["total_vnd"]),
            "Trung vị (đồng)": _float(frame["median_vnd"]),
        }
    )


def benefit_top(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Sáng kiến": frame["title"],
            "Giá trị làm lợi (đồng)": _float(frame["benefit_vnd"]),
            "Đơn vị": frame["unit"],
            "Cấp trên": frame["parent_unit"],
            "Lĩnh vực": frame["field"],
            "Tác giả": frame["authors"],
            "Mã": frame["id"],
        }
    )


def contest_winners(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Nghề": frame["trade"],
            "Giải": frame["prize"],
            "Họ và tên": frame["contestant"],
            "Đơn vị": frame["unit"],
            "Tiền thưởng (đồng)": _float(frame["prize_vnd"]),
        }
    )


def contest_units(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Đơn vị": frame["unit"],
            "Thí sinh": frame["contestants"],
            "Đạt giải": frame["winners"],
            "Tiền thưởng (đồng)": _float(frame["prize_total_vnd"]),
        }
    )


def award_counts(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Cấp khen thưởng": frame["body"],
            "Chương trình, đợt thi đua": frame["programme"],
            "Loại đối tượng": frame["recipient_type"],
            "Số lượng": frame["count"],
            "Tiền (đồng)": _float(frame["amount_vnd"]),
        }
    )


def award_sentences(frame: pd.DataFrame) -> list[str]:
    """'Tổng LĐLĐ Việt Nam: 3 tập thể, 3 cá nhân' — one phrase per (body, programme), in the data's order."""
    out = []
    for (body, programme), group in frame.groupby(["body", "programme"], sort=False, dropna=False):
        parts = ", ".join(f"{int(r['count'])} {str(r['recipient_type']).lower()}" for _, r in group.iterrows())
        out.append(f"{body} ({programme}): {parts}" if isinstance(programme, str) else f"{body}: {parts}")
    return out


def award_list(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Tên tập thể, cá nhân": frame["recipient"],
            "Loại đối tượng": frame["recipient_type"],
            "Đơn vị": frame["unit"],
            "Cấp khen thưởng": frame["body"],
            "Chương trình, đợt thi đua": frame["programme"],
            "Số quyết định": frame["decision"],
            "Ngày quyết định": frame["decided_on"],
            "Tiền (đồng)": _float(frame["amount_vnd"]),
        }
    )


def award_units(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {"Đơn vị": frame["unit"], "Số khen thưởng": frame["awards"], "Tiền (đồng)": _float(frame["amount_vnd"])}
    )


LEVEL_WORDS = {"grassroots": "Cấp cơ sở", "upper": "Cấp trên cơ sở"}


def work_levels(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Cấp": [
                LEVEL_WORDS.get(v, "Chưa ghi cấp") if isinstance(v, str) else "Chưa ghi cấp" for v in frame["level"]
            ],
            "Công trình, phần việc": frame["works"],
            "Gắn biển": frame["flagship"],
        }
    )


def opinion_channels(frame: pd.DataFrame) -> pd.DataFrame:
    grouped = frame.groupby("channel", as_index=False)["opinions"].sum()
    return pd.DataFrame({"Hình thức": grouped["channel"].str.capitalize(), "Ý kiến": grouped["opinions"]})


def flagship_works(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Công trình": frame["name"],
            "Cấp": frame["level"].map(LEVEL_WORDS),
            "Đơn vị": frame["unit"],
            "Giá trị (đồng)": _float(frame["value_vnd"]),
            "Ngày hoàn thành": frame["completed_on"],
        }
    )
