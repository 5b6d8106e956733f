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
    files = [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "sangkien").rglob("*.py")]
    sources = {p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8") for p in files}
    assert not [name for name, text in sources.items() if "unsafe_allow_html" in text]
    # raw HTML only where the app's own files are written out or every value is escaped
    assert sorted(name for name, text in sources.items() if "st.html(" in text) == [
        "sangkien/ui/present.py",
        "sangkien/ui/screen.py",
    ]
    calls = re.findall(r"st\.html\((.*?)\)\n", sources["sangkien/ui/screen.py"], flags=re.S)
    values = [v for call in calls for v in re.findall(r"\{([^{}]*)\}", call)]
    assert values and all(
        v.startswith(("html.escape(", "CSS.read_text", "TOUCH.read_text", "sub_html")) for v in values
    )


def test_chart_headings_and_titles_escape_what_the_data_says(monkeypatch):
    from sangkien.ui import screen

    written = []
    monkeypatch.setattr(screen.st, "html", lambda body, **kw: written.append((body, kw)))
    monkeypatch.setattr(screen.st, "title", lambda *a, **kw: None)
    screen.heading('<img src=x onerror="alert(1)">', "<script>x</script>", 'k"1')
    screen.title("Kết quả", "<b>Hội thi</b>")
    assert written == [
        (
            '<div class="sk-chart-head" data-chart="k&quot;1"><div class="sk-ct">&lt;img src=x '
            'onerror=&quot;alert(1)&quot;&gt;</div><div class="sk-cs">&lt;script&gt;x&lt;/script&gt;</div></div>',
            {},
        ),
        ('<div class="sk-kicker">&lt;b&gt;Hội thi&lt;/b&gt;</div>', {}),
    ]
