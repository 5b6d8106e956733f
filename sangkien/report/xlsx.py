"""The report as one Excel workbook: a first sheet with the marks and highlights, then one sheet per
table, headers in the report's language, numbers as numbers with Excel number formats (Excel shows them with the
reader's own separators), formula-like text neutralised."""

from __future__ import annotations

import io
import re

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from sangkien import columns, fmt, i18n
from sangkien.i18n import t
from sangkien.report.model import Report
from sangkien.tables import safe_for_spreadsheet

FORMATS = {
    columns.COUNT: "#,##0",
    columns.MONEY: "#,##0",
    columns.DECIMAL: "#,##0.0",
    columns.PROGRESS: '#,##0.0"%"',  # the values are percents already: 230.0 means 230%
}
DATES = {"vi": "dd/mm/yyyy", "en": "d mmm yyyy"}  # 30/09/2023, 30 Sep 2023
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
MARK_FONT = Font(bold=True, color="C8102E")
FIRST_ROW = 4  # the title, the marks, a blank row, then the header


def sheet_name(name: str, taken: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique whatever the case."""
    base = re.sub(r"[\[\]:*?/\\]", " ", name).strip()[:31] or t("report.sheet_default")
    out, n = base, 2
    while out.lower() in taken:
        suffix = f" ({n})"
        out, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(out.lower())
    return out


def _cell_value(value: object) -> object:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime().date()
    if hasattr(value, "item"):
        return value.item()
    return value


def write(report: Report) -> bytes:
    wb = Workbook()
    info = wb.active
    info.title = sheet_name(t("report.sheet_info"), taken := set())
    rows = [
        (report.title,),
        (report.version_line,),
        (t("report.filters_line", filters=report.filters_line),),
        *((m,) for m in report.marks),
        (t("report.made_at", time=f"{report.made_at:%H:%M}", day=fmt.date(report.made_at)),),
        (),
    ]
    points = report.section("highlights")
    if points:
        rows += [(t("slides.highlights"),), *((f"• {p.text}",) for p in points.points), ()]
    rows.append((t("report.sheets_in_file"),))
    for row in rows:
        info.append(list(safe_for_spreadsheet(pd.DataFrame([row])).iloc[0]) if row else [])
    info["A1"].font = Font(bold=True, size=14)
    for cell in info["A"]:
        if cell.value in report.marks:
            cell.font = MARK_FONT
    info.column_dimensions["A"].width = 120
    for (cell,) in info.iter_rows(min_col=1, max_col=1):
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    info.sheet_properties.pageSetUpPr.fitToPage = True
    info.page_setup.fitToWidth, info.page_setup.fitToHeight = 1, 0
    for table in report.tables():
        ws = wb.create_sheet(sheet_name(table.name, taken))
        info.append([f"{ws.title}: {table.title}"])
        title = table.name if table.title == table.name else f"{table.name} · {table.title}"
        _table_sheet(ws, report, title, table.frame)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _table_sheet(ws, report: Report, title: str, frame: pd.DataFrame) -> None:
    for line in (title, report.footer):
        ws.append(list(safe_for_spreadsheet(pd.DataFrame([[line]])).iloc[0]))
    ws["A1"].font = Font(bold=True, size=13)
    if report.marks:
        ws["A2"].font = MARK_FONT
    ws.append([])
    ws.append(list(frame.columns))
    for cell in ws[FIRST_ROW]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    safe = safe_for_spreadsheet(frame)
    for values in safe.itertuples(index=False):
        ws.append([_cell_value(v) for v in values])
    for i, header in enumerate(frame.columns, start=1):
        column = columns.BY_LABEL.get(header)
        letter = get_column_letter(i)
        number_format = (
            (DATES[i18n.lang()] if column.kind == columns.DATE else FORMATS.get(column.kind)) if column else None
        )
        if number_format:
            for (cell,) in ws.iter_rows(min_row=FIRST_ROW + 1, min_col=i, max_col=i):
                cell.number_format = number_format
        longest = max([len(str(header)), *(len(str(v)) for v in frame.iloc[:200, i - 1].tolist())])
        ws.column_dimensions[letter].width = min(60, max(10, longest + 2))
    ws.freeze_panes = ws.cell(row=FIRST_ROW + 1, column=1)
    ws.page_setup.orientation = "landscape"  # printed: every column on the page's width
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.print_title_rows = f"{FIRST_ROW}:{FIRST_ROW}"
    if len(frame):
        ws.auto_filter.ref = f"A{FIRST_ROW}:{get_column_letter(len(frame.columns))}{FIRST_ROW + len(frame)}"
