"""The tables pages show and exports write, built from query results with the column registry
(``columns``); spreadsheet-safe CSV and Excel bytes. No Streamlit."""

from __future__ import annotations

import pandas as pd

from sangkien import fmt
from sangkien.columns import table
from sangkien.ingest import schema
from sangkien.ingest.staging import Staged


def staged_counts(staged: list[Staged]) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "file": [s.file for s in staged],
            "sheet": [s.sheet or "" for s in staged],
            "kind": [schema.KINDS[s.kind].label if s.kind else "—" for s in staged],
            "rows_in": [s.rows_in for s in staged],
            "loaded": [s.loaded for s in staged],
            "rejected": [s.rejected for s in staged],
            "skipped": [s.skipped for s in staged],
            "error": [s.error or "" for s in staged],
        }
    )
    return table(frame, [(c, c) for c in frame.columns])


def versions_table(versions: list[dict], current: str | None) -> pd.DataFrame:
    shown = list(reversed(versions))
    files = [sorted({f["file"].rsplit("/", 1)[-1] for f in v.get("files", []) if not f.get("error")}) for v in shown]
    return table(
        pd.DataFrame(index=range(len(shown))),
        [
            ("version", [v["id"] + (" (đang dùng)" if v["id"] == current else "") for v in shown]),
            ("time", [v["created_at"][:16].replace("T", " ") for v in shown]),
            ("label", [v.get("label") or "" for v in shown]),
            ("file", [", ".join(f) for f in files]),
            (
                "table_rows",
                ["; ".join(f"{schema.KINDS[k].label} {fmt.num(n)}" for k, n in v["tables"].items()) for v in shown],
            ),
            ("demo", ["có" if v.get("demo") else "" for v in shown]),
            ("published_by", [v.get("by") or "" for v in shown]),
        ],
    )


OUTCOMES = {
    "published": "Đã xuất bản {version}",
    "failed": "Không xuất bản",
    "started": "Đang ghi",
    "interrupted": "Bị dừng giữa chừng",
    "rollback": "Quay lại, thành {version}",
    "settings": "Đổi cài đặt",
    "proposal": "Gửi duyệt",
    "proposal_discarded": "Bỏ đề xuất",
    "show_saved": "Lưu buổi trình chiếu",
    "show_deleted": "Xóa buổi trình chiếu",
}


def log_table(entries: list[dict]) -> pd.DataFrame:
    return table(
        pd.DataFrame(index=range(len(entries))),
        [
            ("attempt", [e["attempt"] for e in entries]),
            ("time", [e["time"][:19].replace("T", " ") for e in entries]),
            (
                "outcome",
                [OUTCOMES.get(e["outcome"], e["outcome"]).format(version=e.get("version") or "") for e in entries],
            ),
            ("by", [e.get("by") or "" for e in entries]),
            ("file", [", ".join(f["file"].rsplit("/", 1)[-1] for f in e["files"]) for e in entries]),
            ("rejected_rows", [e.get("rejected", 0) for e in entries]),
            ("message", [e["message"] for e in entries]),
        ],
    )


def rejects_table(staged: Staged) -> pd.DataFrame:
    return table(staged.rejects, [("source_row", "source_row"), ("reason", "reason"), ("data", "data")])


def rejected_rows(rejects: pd.DataFrame) -> pd.DataFrame:
    """The rejected rows of a load as the load log keeps them (``store.catalog.REJECT_COLUMNS``)."""
    return table(rejects, [(k, k) for k in ("file", "sheet", "kind", "source_row", "reason", "data")])


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
    similarity = (suggestions["score"] * 100).round().astype(int).astype(str) + "%"
    return table(suggestions, [("name_in_file", "name"), ("suggestion", "suggestion"), ("similarity", similarity)])


def unknown_units_table(unknown: pd.DataFrame) -> pd.DataFrame:
    return table(
        unknown, [("level", "level"), ("unit", "unit"), ("parent", "parent"), ("unit_initiatives", "initiatives")]
    )


def to_excel_bytes(frame: pd.DataFrame, sheet: str = "Dữ liệu") -> bytes:
    """An .xlsx of the table; formula-like text neutralised, numbers left as numbers."""
    import io

    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        safe_for_spreadsheet(frame).to_excel(writer, index=False, sheet_name=sheet[:31])
    return buf.getvalue()


def ranking_table(frame: pd.DataFrame, moves: pd.Series | None = None) -> pd.DataFrame:
    """The ranking as shown and downloaded: Vietnamese headers, the source and a disagreement flag."""
    diffs = frame["diff_from_reported_pct"] if "diff_from_reported_pct" in frame else [None] * len(frame)
    return table(
        frame,
        [
            ("rank", "rank"),
            ("change", moves if moves is not None else [""] * len(frame)),
            ("unit", "unit"),
            ("initiatives", "initiatives"),
            ("participants", "participants"),
            ("pct_of_quota", "pct_of_quota"),
            ("pct_of_commitment", "pct_of_commitment"),
            ("per_100_members", "per_100_members"),
            ("benefit_vnd", "benefit_vnd"),
            ("quota", "quota"),
            ("source", frame["source"].map({"rows": "dữ liệu nạp", "reported": "số báo cáo ᴮ"})),
            ("note", [_flag(d) for d in diffs]),
        ],
    )


def _flag(diff: object) -> str:
    if diff is None or pd.isna(diff) or abs(float(diff)) <= 5:
        return ""
    return f"⚠ lệch {float(diff):+.1f}% so với số báo cáo".replace(".", ",")


def daily_table(board: pd.DataFrame) -> pd.DataFrame:
    changes = [("▲ " + str(c)) if c > 0 else (("▼ " + str(-c)) if c < 0 else "=") for c in board["rank_change"]]
    return table(
        board,
        [
            ("rank", "rank"),
            ("rank_change", changes),
            ("unit", "unit"),
            ("today", "today"),
            ("last_7_days", "last_7_days"),
            ("total", "total"),
            ("quota", "quota"),
            ("daily_pct_of_quota", "pct_of_quota"),
        ],
    )


def projection_table(projection: pd.DataFrame) -> pd.DataFrame:
    return table(
        projection,
        [("unit", "unit"), ("total", "total"), ("quota", "quota"), ("pace", "pace"), ("quota_status", "status")],
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
    keys = ["field", "initiatives", "with_value", "without_value", "total_vnd", "median_vnd"]
    return table(frame, [(k, k) for k in keys])


def benefit_top(frame: pd.DataFrame) -> pd.DataFrame:
    keys = ["title", "benefit_vnd", "unit", "parent_unit", "field", "authors", "id"]
    return table(frame, [(k, k) for k in keys])


def contest_winners(frame: pd.DataFrame) -> pd.DataFrame:
    return table(frame, [(k, k) for k in ("trade", "prize", "contestant", "unit", "prize_vnd")])


def contest_units(frame: pd.DataFrame) -> pd.DataFrame:
    return table(
        frame,
        [("unit", "unit"), ("contestants", "contestants"), ("winners", "winners"), ("prize_vnd", "prize_total_vnd")],
    )


def award_counts(frame: pd.DataFrame) -> pd.DataFrame:
    return table(frame, [(k, k) for k in ("body", "programme", "recipient_type", "count", "amount_vnd")])


def award_sentences(frame: pd.DataFrame) -> list[str]:
    """'Tổng LĐLĐ Việt Nam: 3 tập thể, 3 cá nhân' — one phrase per (body, programme), in the data's order."""
    out = []
    for (body, programme), group in frame.groupby(["body", "programme"], sort=False, dropna=False):
        parts = ", ".join(f"{int(r['count'])} {str(r['recipient_type']).lower()}" for _, r in group.iterrows())
        out.append(f"{body} ({programme}): {parts}" if isinstance(programme, str) else f"{body}: {parts}")
    return out


def award_list(frame: pd.DataFrame) -> pd.DataFrame:
    keys = ("recipient", "recipient_type", "unit", "body", "programme", "decision", "decided_on", "amount_vnd")
    return table(frame, [(k, k) for k in keys])


def award_units(frame: pd.DataFrame) -> pd.DataFrame:
    return table(frame, [("unit", "unit"), ("awards", "awards"), ("amount_vnd", "amount_vnd")])


LEVEL_WORDS = {"grassroots": "Cấp cơ sở", "upper": "Cấp trên cơ sở"}


def work_levels(frame: pd.DataFrame) -> pd.DataFrame:
    levels = [LEVEL_WORDS.get(v, "Chưa ghi cấp") if isinstance(v, str) else "Chưa ghi cấp" for v in frame["level"]]
    return table(frame, [("level", levels), ("works", "works"), ("flagship", "flagship")])


def opinion_channels(frame: pd.DataFrame) -> pd.DataFrame:
    grouped = frame.groupby("channel", as_index=False)["opinions"].sum()
    return table(grouped, [("channel", grouped["channel"].str.capitalize()), ("opinions", "opinions")])


def flagship_works(frame: pd.DataFrame) -> pd.DataFrame:
    return table(
        frame,
        [
            ("work", "name"),
            ("level", frame["level"].map(LEVEL_WORDS)),
            ("unit", "unit"),
            ("value_vnd", "value_vnd"),
            ("completed_on", "completed_on"),
        ],
    )


def since_table(diff: pd.DataFrame) -> pd.DataFrame:
    """Since the last report: per unit, new initiatives, benefit added, rank then and now."""
    changes = [
        "" if pd.isna(c) else ("▲ " + str(int(c))) if c > 0 else (("▼ " + str(int(-c))) if c < 0 else "=")
        for c in diff["rank_change"]
    ]
    return table(
        diff,
        [
            ("unit", "unit"),
            ("new_initiatives", "new_initiatives"),
            ("initiatives", "initiatives"),
            ("benefit_added_vnd", "benefit_added_vnd"),
            ("rank_before", "rank_before"),
            ("rank", "rank"),
            ("rank_change", changes),
            ("pct_of_quota", "pct_of_quota"),
            ("reached_quota", ["đạt trong kỳ" if r else "" for r in diff["reached_quota"]]),
        ],
    )


def estimate_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The estimate under each assumption, the assumption named in the same row."""
    return table(
        rows,
        [
            ("assumption", "assumption"),
            ("estimate_vnd", "estimate"),
            ("low_vnd", "low"),
            ("high_vnd", "high"),
            ("with_declared_vnd", "with_declared"),
        ],
    )
