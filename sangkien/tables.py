"""The tables pages show and exports write, built from query results with the column registry
(``columns``), headers and words in the current language; spreadsheet-safe CSV and Excel bytes.
No Streamlit.

CSV is the same in both languages: UTF-8 with a BOM, comma-separated, numbers with a decimal point
(a file for programs as much as for people). Excel files keep numbers as numbers with number formats:
Excel writes the separators of the reader's own locale, and dates follow the language's pattern."""

from __future__ import annotations

import pandas as pd

from sangkien import fmt, i18n
from sangkien.columns import BY_LABEL, COUNT, DATE, DECIMAL, MONEY, PROGRESS, table
from sangkien.i18n import N_, label_of, t
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
            (
                "version",
                [t("table.version_current", version=v["id"]) if v["id"] == current else v["id"] for v in shown],
            ),
            ("time", [v["created_at"][:16].replace("T", " ") for v in shown]),
            ("label", [label_of(v) for v in shown]),
            ("file", [", ".join(f) for f in files]),
            (
                "table_rows",
                ["; ".join(f"{schema.KINDS[k].label} {fmt.num(n)}" for k, n in v["tables"].items()) for v in shown],
            ),
            ("demo", [t("table.yes") if v.get("demo") else "" for v in shown]),
            ("published_by", [v.get("by") or "" for v in shown]),
        ],
    )


OUTCOMES = {  # message keys; their texts may name the version ({version})
    "published": N_("table.outcome_published"),
    "failed": N_("table.outcome_failed"),
    "started": N_("table.outcome_started"),
    "interrupted": N_("table.outcome_interrupted"),
    "rollback": N_("table.outcome_rollback"),
    "settings": N_("table.outcome_settings"),
    "proposal": N_("table.outcome_proposal"),
    "proposal_discarded": N_("table.outcome_proposal_discarded"),
    "show_saved": N_("table.outcome_show_saved"),
    "show_deleted": N_("table.outcome_show_deleted"),
}


def _outcome(entry: dict) -> str:
    key = OUTCOMES.get(entry["outcome"])
    return t(key, version=entry.get("version") or "") if key else entry["outcome"]


def log_table(entries: list[dict]) -> pd.DataFrame:
    return table(
        pd.DataFrame(index=range(len(entries))),
        [
            ("attempt", [e["attempt"] for e in entries]),
            ("time", [e["time"][:19].replace("T", " ") for e in entries]),
            ("outcome", [_outcome(e) for e in entries]),
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
    return table(unknown, [*_same("level", "unit", "parent"), ("unit_initiatives", "initiatives")])


# Excel number formats by column kind: Excel writes ',' and '.' in the reader's locale's separators
# (201.129 for a Vietnamese reader, 201,129 for an English one); a date follows the language.
EXCEL_FORMATS = {COUNT: "#,##0", MONEY: "#,##0", DECIMAL: "#,##0.0", PROGRESS: '#,##0.0"%"'}
EXCEL_DATES = {"vi": "dd/mm/yyyy", "en": "d mmm yyyy"}  # 30/09/2023, 30 Sep 2023


def excel_format(kind: str) -> str | None:
    """The Excel number format of a column kind in the current language (None: Excel's own)."""
    return EXCEL_DATES[i18n.lang()] if kind == DATE else EXCEL_FORMATS.get(kind)


def to_excel_bytes(frame: pd.DataFrame, sheet: str | None = None) -> bytes:
    """An .xlsx of the table; formula-like text neutralised, numbers left as numbers, the registry's
    columns with the number formats of their kind."""
    import io

    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        name = (sheet or t("table.sheet"))[:31]
        safe_for_spreadsheet(frame).to_excel(writer, index=False, sheet_name=name)
        ws = writer.sheets[name]
        for i, header in enumerate(frame.columns, start=1):
            column = BY_LABEL.get(header)
            number_format = excel_format(column.kind) if column else None
            for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i) if number_format else ():
                cell.number_format = number_format
    return buf.getvalue()


def ranking_table(frame: pd.DataFrame, moves: pd.Series | None = None) -> pd.DataFrame:
    """The ranking as shown and downloaded: Vietnamese headers, the source and a disagreement flag."""
    diffs = frame["diff_from_reported_pct"] if "diff_from_reported_pct" in frame else [None] * len(frame)
    sources = {"rows": t("table.source_rows"), "reported": t("table.source_reported")}
    measures = _same("initiatives", "participants", "pct_of_quota", "pct_of_commitment", "per_100_members")
    return table(
        frame,
        [("rank", "rank"), ("change", moves if moves is not None else [""] * len(frame)), ("unit", "unit")]
        + [*measures, *_same("benefit_vnd", "quota")]
        + [("source", frame["source"].map(sources)), ("note", [_flag(d) for d in diffs])],
    )


def _same(*keys: str) -> list[tuple[str, str]]:
    """Registry keys shown from the source's columns of the same names."""
    return [(k, k) for k in keys]


def _flag(diff: object) -> str:
    if diff is None or pd.isna(diff) or abs(float(diff)) <= 5:
        return ""
    value = float(diff)
    return t("table.flag_disagreement", diff=("+" if value > 0 else "-") + fmt.num(abs(value), 1))


def _moves(changes) -> list[str]:
    """A rank's change: '▲ 2', '▼ 1', '=' (empty when unknown)."""
    return ["" if pd.isna(c) else f"▲ {fmt.num(c)}" if c > 0 else f"▼ {fmt.num(-c)}" if c < 0 else "=" for c in changes]


def daily_table(board: pd.DataFrame) -> pd.DataFrame:
    head = [("rank", "rank"), ("rank_change", _moves(board["rank_change"]))]
    rest = _same("unit", "today", "last_7_days", "total", "quota")
    return table(board, [*head, *rest, ("daily_pct_of_quota", "pct_of_quota")])


def projection_table(projection: pd.DataFrame) -> pd.DataFrame:
    return table(
        projection,
        [("unit", "unit"), ("total", "total"), ("quota", "quota"), ("pace", "pace"), ("quota_status", "status")],
    )


def band_table(bands: pd.DataFrame) -> pd.DataFrame:
    """Band names in words: 'từ 100 tỷ đồng', '3 tỷ đồng – 10 tỷ đồng', 'dưới 1 tỷ đồng'."""
    money = fmt.money
    edges = sorted(bands["band_from"].dropna().tolist(), reverse=True)
    names = []
    for value in bands["band_from"]:
        if pd.isna(value):
            names.append(t("table.band_below", value=money(min(edges))) if edges else t("table.band_all"))
            continue
        higher = [e for e in edges if e > value]
        names.append(f"{money(value)} – {money(min(higher))}" if higher else t("table.band_from", value=money(value)))
    return pd.DataFrame({"band": names, "initiatives": bands["initiatives"], "total_vnd": bands["total_vnd"]})


def benefit_fields(frame: pd.DataFrame) -> pd.DataFrame:
    return table(frame, _same("field", "initiatives", "with_value", "without_value", "total_vnd", "median_vnd"))


def benefit_top(frame: pd.DataFrame) -> pd.DataFrame:
    return table(frame, _same("title", "benefit_vnd", "unit", "parent_unit", "field", "authors", "id"))


def contest_winners(frame: pd.DataFrame) -> pd.DataFrame:
    return table(frame, [(k, k) for k in ("trade", "prize", "contestant", "unit", "prize_vnd")])


def contest_units(frame: pd.DataFrame) -> pd.DataFrame:
    return table(
        frame.assign(unit=frame["unit"].fillna(t("table.no_unit"))),
        [("unit", "unit"), ("contestants", "contestants"), ("winners", "winners"), ("prize_vnd", "prize_total_vnd")],
    )


def award_counts(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.assign(recipient_type=frame["recipient_type"].map(schema.recipient_label))
    return table(frame, [(k, k) for k in ("body", "programme", "recipient_type", "count", "amount_vnd")])


def award_sentences(frame: pd.DataFrame) -> list[str]:
    """'Tổng LĐLĐ Việt Nam: 3 tập thể, 3 cá nhân' — one phrase per (body, programme), in the data's order."""
    out = []
    for (body, programme), group in frame.groupby(["body", "programme"], sort=False, dropna=False):
        parts = ", ".join(
            f"{int(r['count'])} {str(schema.recipient_label(r['recipient_type'])).lower()}" for _, r in group.iterrows()
        )
        out.append(f"{body} ({programme}): {parts}" if isinstance(programme, str) else f"{body}: {parts}")
    return out


def award_list(frame: pd.DataFrame) -> pd.DataFrame:
    keys = ("recipient", "recipient_type", "unit", "body", "programme", "decision", "decided_on", "amount_vnd")
    return table(
        frame.assign(recipient_type=frame["recipient_type"].map(schema.recipient_label)), [(k, k) for k in keys]
    )


def award_units(frame: pd.DataFrame) -> pd.DataFrame:
    return table(frame, [("unit", "unit"), ("awards", "awards"), ("amount_vnd", "amount_vnd")])


LEVEL_WORDS = {"grassroots": N_("table.level_grassroots"), "upper": N_("table.level_upper")}  # message keys
CHANNEL_WORDS = {schema.CHANNEL_WRITTEN: N_("table.channel_written"), schema.CHANNEL_DIRECT: N_("table.channel_direct")}


def _level(code: object) -> str:
    key = LEVEL_WORDS.get(code) if isinstance(code, str) else None
    return t(key) if key else t("table.level_unknown")


def work_levels(frame: pd.DataFrame) -> pd.DataFrame:
    return table(frame, [("level", [_level(v) for v in frame["level"]]), ("works", "works"), ("flagship", "flagship")])


def opinion_channels(frame: pd.DataFrame) -> pd.DataFrame:
    """Opinions by channel: the two known channels in the language's words, any other as the data has it."""
    grouped = frame.groupby("channel", as_index=False)["opinions"].sum()
    words = [t(CHANNEL_WORDS[c]) if c in CHANNEL_WORDS else str(c).capitalize() for c in grouped["channel"]]
    return table(grouped, [("channel", words), ("opinions", "opinions")])


def flagship_works(frame: pd.DataFrame) -> pd.DataFrame:
    levels = [t(LEVEL_WORDS[v]) if v in LEVEL_WORDS else None for v in frame["level"]]
    return table(frame, [("work", "name"), ("level", levels), *_same("unit", "value_vnd", "completed_on")])


def since_table(diff: pd.DataFrame) -> pd.DataFrame:
    """Since the last report: per unit, new initiatives, benefit added, rank then and now."""
    reached = [t("table.reached_in_period") if r else "" for r in diff["reached_quota"]]
    shown = _same("unit", "new_initiatives", "initiatives", "benefit_added_vnd", "rank_before", "rank")
    after = [("rank_change", _moves(diff["rank_change"])), ("pct_of_quota", "pct_of_quota"), ("reached_quota", reached)]
    return table(diff, [*shown, *after])


def estimate_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The estimate under each assumption, the assumption named in the same row."""
    return table(
        rows,
        [("assumption", "assumption"), ("estimate_vnd", "estimate"), ("low_vnd", "low"), ("high_vnd", "high")]
        + [("with_declared_vnd", "with_declared")],
    )
