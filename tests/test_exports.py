"""Downloads are safe to open in a spreadsheet, and no uploaded text reaches raw HTML."""

import io
import re
from pathlib import Path

import openpyxl
import pandas as pd

from sangkien.tables import safe_for_spreadsheet, to_csv_bytes, to_excel_bytes

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = pd.DataFrame(
    {
        "Đơn vị": ['=HYPERLINK("http://x","bấm")', "+84 912", "-1+2", "@SUM(A1)", "\tTab", "\rCR", "Bình thường"],
        "Sáng kiến": [1, -5, 0, 2_500_000, 7, 8, 9],
        "Giá trị": [1.5, -2.25, None, 3e9, 0.0, -0.5, 10.0],
    }
)


def test_formula_like_text_is_neutralised_and_numbers_untouched():
    safe = safe_for_spreadsheet(HOSTILE)
    assert safe["Đơn vị"].tolist() == [
        '\'=HYPERLINK("http://x","bấm")',
        "'+84 912",
        "'-1+2",
        "'@SUM(A1)",
        "'\tTab",
        "'\rCR",
        "Bình thường",
    ]
    assert safe["Sáng kiến"].tolist() == [1, -5, 0, 2_500_000, 7, 8, 9]
    assert safe["Giá trị"].tolist()[:2] == [1.5, -2.25]
    assert HOSTILE["Đơn vị"].iloc[0].startswith("=")  # the shown table is not changed


def test_csv_download_is_utf8_with_bom_and_safe():
    data = to_csv_bytes(HOSTILE)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "\n=HYPERLINK" not in text
    assert ",-5," in text  # a negative number stays a number


def test_excel_download_keeps_numbers_as_numbers_and_text_as_text():
    book = openpyxl.load_workbook(io.BytesIO(to_excel_bytes(HOSTILE)))
    sheet = book.active
    cells = [[c.value for c in row] for row in sheet.iter_rows(min_row=2, max_row=3)]
    assert cells == [['\'=HYPERLINK("http://x","bấm")', 1, 1.5], ["'+84 912", -5, -2.25]]
    assert sheet.cell(row=2, column=1).data_type == "s"


def test_no_page_renders_raw_html_from_data():
    sources = [
        p.read_text(encoding="utf-8")
        for p in [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "sangkien").glob("*.py")]
    ]
    joined = "\n".join(sources)
    assert "unsafe_allow_html" not in joined
    # the only raw HTML is the constant style sheet in app.py
    assert len(re.findall(r"st\.html\(", joined)) == 1
