"""The conference report (HTML, PowerPoint, Excel) and the daily bulletin (PNG) on the built-in demo,
through ``python -m sangkien report`` / ``bulletin`` and ``sangkien.report.files``.

Each file is made once for the module, from a copy of the session's demo store (two versions,
v0001 and v0002), and the tests read it back with the libraries a reader's program would use.
"""

import datetime as dt
import io
import json
import re
import shutil
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from PIL import Image
from pptx import Presentation

from sangkien import cli, columns
from sangkien.ingest.staging import stage_path
from sangkien.report import files, xlsx
from sangkien.report.model import Report, Section, Table
from sangkien.report.source import Source
from sangkien.store.reading import open_dataset, open_workspace
from sangkien.store.versions import Store
from sangkien.store.workspaces import Workspaces

from .conftest import ANALYST

SECTIONS = ["highlights", "overview", "since", "rankings", "progress", "benefits", "contests", "awards", "campaign"]
HOME = "LĐLĐ thành phố Hà Nội"
UNPUBLISHED = "chưa xuất bản"


# -- reading the files back -----------------------------------------------------------------
class Page(HTMLParser):
    """Every element's attributes, each <section>'s visible text (scripts left out), scripts and styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.sections: dict[str, list[str]] = {}
        self.titles: dict[str, str] = {}
        self.scripts: list[tuple[dict, str]] = []
        self.styles: list[str] = []
        self._section: str | None = None
        self._in: str | None = None  # script, style or h2
        self._h2: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.attrs += [(tag, k, v or "") for k, v in attrs]
        if tag == "section":
            self._section = dict(attrs).get("id")
            self.sections[self._section] = []
        elif tag in ("script", "style"):
            self._in = tag
            if tag == "script":
                self.scripts.append((dict(attrs), ""))
            else:
                self.styles.append("")
        elif tag == "h2" and self._section:
            self._in, self._h2 = "h2", []

    def handle_endtag(self, tag):
        if tag == "section":
            self._section = None
        elif tag in ("script", "style", "h2") and self._in == tag:
            if tag == "h2":
                self.titles[self._section] = "".join(self._h2)
            self._in = None

    def handle_data(self, data):
        if self._in == "script":
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)
        elif self._in == "style":
            self.styles[-1] += data
        else:
            if self._in == "h2":
                self._h2.append(data)
            if self._section:
                self.sections[self._section].append(data)

    def text(self, section: str) -> str:
        return " ".join(self.sections[section])


def parse(data: bytes) -> Page:
    page = Page()
    page.feed(data.decode("utf-8"))
    page.close()
    return page


def slide_texts(prs) -> list[str]:
    return [" ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame) for slide in prs.slides]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- the files, made once ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def store(demo_store, tmp_path_factory) -> Path:
    """A copy of the demo store for this module (demo_copy is per test; these files are made once)."""
    path = tmp_path_factory.mktemp("report") / "store"
    shutil.copytree(demo_store, path)
    return path


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("report_out")


def _cli_file(store: Path, out: Path, *extra: str) -> tuple[int, Path]:
    return cli.main(["report", "--db", str(store), "--out", str(out), *extra]), out


@pytest.fixture(scope="module")
def html_file(store, out_dir):
    return _cli_file(store, out_dir / "bao_cao.html")


@pytest.fixture(scope="module")
def page(html_file) -> Page:
    return parse(html_file[1].read_bytes())


@pytest.fixture(scope="module")
def pptx_file(store, out_dir):
    return _cli_file(store, out_dir / "trinh_chieu.bin", "--format", "pptx")  # the format given, not the suffix


@pytest.fixture(scope="module")
def deck(pptx_file):
    return Presentation(str(pptx_file[1]))


@pytest.fixture(scope="module")
def xlsx_file(store, out_dir):
    return _cli_file(store, out_dir / "x.xlsx")  # the format from the suffix


@pytest.fixture(scope="module")
def book(xlsx_file):
    return openpyxl.load_workbook(xlsx_file[1])


@pytest.fixture(scope="module")
def report(store) -> Report:
    return files.make_report(Source(open_dataset(store)))


@pytest.fixture(scope="module")
def workspace_files(store, demo_store) -> dict[str, bytes]:
    """The report of a private workspace made on the demo (its awards uploaded again), in the three formats."""
    staged = stage_path(demo_store.parent / "exports" / "khen_thuong.xlsx")  # where conftest wrote the exports
    assert [(s.kind, s.error) for s in staged] == [("awards", None)] and staged[0].loaded > 0
    meta = Workspaces(Store(store)).create(staged, ANALYST)
    ws = open_workspace(store, meta["id"])
    assert ws.workspace and ws.previous == "v0002"
    return {kind: files.make(Source(ws), kind) for kind in ("html", "pptx", "xlsx")}


@pytest.fixture(scope="module")
def bulletin_file(store, out_dir):
    out = out_dir / "b.png"
    return cli.main(["bulletin", "--db", str(store), "--out", str(out)]), out


# -- HTML --------------------------------------------------------------------------------------
def test_the_html_report_is_written_and_has_a_section_for_each_part(html_file, page):
    code, path = html_file
    assert code == 0 and path.exists()
    assert [s for s in page.sections] == SECTIONS
    contents = [v for tag, k, v in page.attrs if tag == "a" and k == "href" and v.startswith("#")]
    assert {f"#{s}" for s in SECTIONS} <= set(contents)  # the cover's contents and the highlights link to them


def test_the_html_report_asks_nothing_of_the_network(page):
    assert len(page.attrs) > 100  # the parser did see the elements
    remote = [(tag, k, v) for tag, k, v in page.attrs if k in ("src", "href") and re.match(r"(?i)\s*(https?:)?//", v)]
    assert remote == []
    assert not [a for a, _ in page.scripts if "src" in a]  # every script is inside the file


def test_plotly_js_is_embedded_once_and_draws_the_charts(html_file, page):
    assert html_file[1].stat().st_size > 4 * 1024 * 1024
    bundles = [text for _, text in page.scripts if re.search(r"\* plotly\.js v\d", text[:200])]
    assert len(bundles) == 1 and "Licensed under the MIT license" in bundles[0][:300]
    drawn = sum(text.count("Plotly.newPlot(") for _, text in page.scripts)
    divs = [v for tag, k, v in page.attrs if k == "id" and v.startswith("chart-")]
    assert drawn == len(divs) >= 8


def test_the_html_report_shows_the_demos_figures_in_their_sections(page):
    assert "201.129" in page.text("overview") and "230%" in page.text("overview")
    assert "3.512 tỷ đồng" in page.text("benefits")
    assert "564 triệu đồng" in page.text("contests")
    assert "LĐLĐ tỉnh Thanh Hóa dẫn đầu toàn quốc với 243.517 sáng kiến" in page.text("highlights")


def test_every_section_of_the_html_names_the_version_and_the_demo(page):
    for key in SECTIONS:
        text = page.text(key)
        assert "Phiên bản v0002" in text and "Dữ liệu minh họa" in text, key
        assert UNPUBLISHED not in text.lower(), key  # a published version is not marked as unpublished


def test_the_html_report_prints_one_section_per_a4_page(page):
    css = "\n".join(page.styles)
    assert re.search(r"@page\s*\{\s*size:\s*A4", css)
    assert re.search(r"@media print\s*\{[^@]*section\s*\{[^}]*break-before:\s*page", css)
    assert 'content: "Trang " counter(page) "/" counter(pages)' in css
    assert "Phiên bản v0002" in css  # the marks in the margin of every printed page


def test_the_since_section_compares_with_the_previous_version_by_default(page):
    assert page.titles["since"] == "Từ phiên bản v0001 (30/06/2023) đến nay"


# -- a workspace's report ---------------------------------------------------------------------
def test_every_section_of_a_workspaces_html_report_says_it_is_unpublished(workspace_files):
    page = parse(workspace_files["html"])
    assert len(page.sections) >= 5
    for key, text in page.sections.items():
        assert UNPUBLISHED in " ".join(text).lower(), key


def test_every_slide_of_a_workspaces_deck_says_it_is_unpublished(workspace_files):
    texts = slide_texts(Presentation(io.BytesIO(workspace_files["pptx"])))
    assert len(texts) >= 5
    assert [i for i, t in enumerate(texts, 1) if UNPUBLISHED not in t.lower()] == []


def test_every_sheet_of_a_workspaces_workbook_says_it_is_unpublished(workspace_files):
    wb = openpyxl.load_workbook(io.BytesIO(workspace_files["xlsx"]))
    assert len(wb.worksheets) >= 5
    for ws in wb.worksheets:
        head = " ".join(str(c.value) for row in ws.iter_rows(max_row=6) for c in row if c.value is not None)
        assert UNPUBLISHED in head.lower(), ws.title


# -- PowerPoint --------------------------------------------------------------------------------
def test_the_deck_has_one_slide_per_slide_of_the_run(pptx_file, deck, store):
    assert pptx_file[0] == 0
    expected = files.show_slides(Source(open_dataset(store)))
    assert len(deck.slides) == len(expected) == 12


def test_the_deck_holds_native_charts(pptx_file):
    with zipfile.ZipFile(pptx_file[1]) as z:
        charts = [n for n in z.namelist() if re.fullmatch(r"ppt/charts/chart\d+\.xml", n)]
    assert len(charts) >= 5


def test_the_slides_say_the_demos_figures_as_text(deck):
    text = " ".join(slide_texts(deck))
    for figure in ("201.129", "230%", "Điểm nổi bật", "3.512 tỷ đồng"):
        assert figure in text, figure


def test_every_slide_has_a_footer_with_the_version_and_its_page(deck):
    total = len(deck.slides)
    for n, slide in enumerate(deck.slides, start=1):
        footers = [
            s.text_frame.text for s in slide.shapes if s.has_text_frame and f"Trang {n}/{total}" in s.text_frame.text
        ]
        assert len(footers) == 1, n
        assert "Phiên bản v0002" in footers[0] and "Dữ liệu minh họa" in footers[0], n


def test_a_ranking_chart_is_an_editable_chart_with_the_home_unit_among_its_categories(deck):
    categories = [
        list(shape.chart.plots[0].categories) for slide in deck.slides for shape in slide.shapes if shape.has_chart
    ]
    assert any(HOME in c for c in categories)


# -- Excel -------------------------------------------------------------------------------------
def test_the_workbook_has_an_information_sheet_and_one_sheet_per_table(xlsx_file, book, report):
    assert xlsx_file[0] == 0
    names = [t.name for t in report.tables()]
    assert len(names) >= 10 and all(len(n) <= 31 for n in names)
    assert book.sheetnames == ["Thông tin", *names]
    info = " ".join(str(c.value) for row in book["Thông tin"].iter_rows() for c in row if c.value is not None)
    assert "Phiên bản v0002" in info and "Dữ liệu minh họa" in info and "243.517" in info


def test_each_sheet_has_the_tables_vietnamese_headers_in_row_4(book, report):
    for table in report.tables():
        ws = book[table.name]
        assert [c.value for c in ws[xlsx.FIRST_ROW]] == list(table.frame.columns), table.name
    national = [c.value for c in book["Xếp hạng toàn quốc"][xlsx.FIRST_ROW]]
    assert "Sáng kiến" in national and "Đơn vị" in national


def test_numbers_are_numbers_with_excel_formats(book, report):
    checked = 0
    for table in report.tables():
        ws = book[table.name]
        for i, header in enumerate(table.frame.columns, start=1):
            kind = columns.BY_LABEL[header].kind if header in columns.BY_LABEL else columns.TEXT
            if kind not in (columns.COUNT, columns.MONEY, columns.PROGRESS):
                continue
            for (cell,) in ws.iter_rows(min_row=xlsx.FIRST_ROW + 1, min_col=i, max_col=i):
                if cell.value is None:
                    continue
                assert isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool), (table.name, header)
                assert cell.number_format == xlsx.FORMATS[kind], (table.name, header)
                checked += 1
    assert checked > 500


def test_the_home_units_row_holds_its_figures_as_numbers(book):
    ws = book["Xếp hạng toàn quốc"]
    header = [c.value for c in ws[xlsx.FIRST_ROW]]
    rows = [dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=xlsx.FIRST_ROW + 1, values_only=True)]
    home = next(r for r in rows if r["Đơn vị"] == HOME)
    assert (home["Hạng"], home["Sáng kiến"], home["% chỉ tiêu giao"]) == (2, 201129, 230)


def test_formula_like_text_is_neutralised_in_the_workbook():
    frame = pd.DataFrame(
        {"Đơn vị": ['=HYPERLINK("x")', "+1+1", "@SUM(A1)", "LĐLĐ tỉnh An Giang"], "Sáng kiến": [5, -6, 7, 1234]}
    )
    made = Report(
        title="Báo cáo thử",
        unit=None,
        version="v0009",
        version_line="Phiên bản v0009 · số liệu đến 01/09/2023",
        filters_line="Sáng kiến hợp lệ",
        as_of=dt.date(2023, 9, 1),
        workspace=False,
        demo_tables=[],
        made_at=dt.datetime(2023, 9, 1, 8, 30),
        sections=[Section("rankings", "Xếp hạng", tables=[Table("Bảng thử", "Toàn quốc", frame)])],
    )
    wb = openpyxl.load_workbook(io.BytesIO(xlsx.write(made)))
    ws = wb["Bảng thử"]
    names = [ws.cell(row=r, column=1) for r in range(5, 9)]
    assert [c.value for c in names] == ['\'=HYPERLINK("x")', "'+1+1", "'@SUM(A1)", "LĐLĐ tỉnh An Giang"]
    assert {c.data_type for c in names} == {"s"}  # text, not formulas
    counts = [ws.cell(row=r, column=2) for r in range(5, 9)]
    assert [c.value for c in counts] == [5, -6, 7, 1234]  # a negative number is not "formula-like text"
    assert {c.number_format for c in counts} == {"#,##0"}


# -- the bulletin -------------------------------------------------------------------------------
def test_the_bulletin_is_a_tall_png_1080_px_wide_with_something_drawn(bulletin_file):
    code, path = bulletin_file
    assert code == 0
    with Image.open(path) as im:
        assert im.format == "PNG"
        assert im.width == 1080 and im.height > 1500
        rgb = im.convert("RGB")
        extrema = rgb.getextrema()
        assert all(low < 100 and high == 255 for low, high in extrema)  # dark text on white
        assert len(rgb.getcolors(1 << 24)) > 50


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--date", "01/01/2019"], "Ngày 01/01/2019 nằm ngoài số liệu (01/09/2021 – 01/09/2023)."),
        (["--unit", "Không Có"], "Không tìm thấy đơn vị 'Không Có'"),
        (["--date", "abc"], "Ngày 'abc' không đúng dạng dd/mm/yyyy."),
    ],
    ids=["date-outside", "unknown-unit", "not-a-date"],
)
def test_a_bulletin_that_cannot_be_made_says_why_and_writes_nothing(store, tmp_path, capsys, extra, message):
    out = tmp_path / "b.png"
    code, _, err = run(capsys, "bulletin", "--db", str(store), "--out", str(out), *extra)
    assert code == 2
    assert message in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


# -- the command line's errors ------------------------------------------------------------------
def test_report_of_a_version_that_does_not_exist(store, tmp_path, capsys):
    code, _, err = run(capsys, "report", "--db", str(store), "--version", "v9", "--out", str(tmp_path / "r.html"))
    assert code == 2 and "Không có phiên bản v9" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_report_since_something_that_is_neither_a_version_nor_a_date(store, tmp_path, capsys):
    code, _, err = run(capsys, "report", "--db", str(store), "--since", "99/99/2023", "--out", str(tmp_path / "r.html"))
    assert code == 2 and "99/99/2023" in err and "dd/mm/yyyy" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_report_into_a_folder_that_does_not_exist(store, tmp_path, capsys):
    missing = tmp_path / "khong_co"
    code, _, err = run(capsys, "report", "--db", str(store), "--format", "xlsx", "--out", str(missing / "r.xlsx"))
    assert code == 2 and f"Không có thư mục {missing}" in err and "Traceback" not in err
    assert not missing.exists()


def test_report_of_an_empty_store(tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = run(capsys, "report", "--db", str(empty), "--out", str(tmp_path / "r.html"))
    assert code == 2 and "chưa có phiên bản nào" in err and "Traceback" not in err
    assert not (tmp_path / "r.html").exists()


# -- since a version or a date --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("since", "title", "sentence"),
    [
        ("v0001", "Từ phiên bản v0001 (30/06/2023) đến nay", "Từ phiên bản v0001 (30/06/2023), "),
        ("30/06/2023", "Từ ngày 30/06/2023 đến nay", "Từ ngày 30/06/2023, "),
    ],
    ids=["version", "date"],
)
def test_report_since_a_version_or_a_date_names_the_baseline(store, tmp_path, capsys, since, title, sentence):
    out = tmp_path / "r.html"
    code, said, err = run(capsys, "report", "--db", str(store), "--since", since, "--out", str(out))
    assert code == 0, err
    assert "phiên bản v0002" in said
    page = parse(out.read_bytes())
    assert page.titles["since"] == title
    assert sentence in page.text("highlights")
    # 30/06/2023 is v0001's as-of date: the reported totals of that day, not today's, are the baseline
    assert "549.290" in page.text("since") and "LĐLĐ tỉnh Thanh Hóa tăng nhiều nhất" in page.text("highlights")


# -- the benefit estimate leaves the page only beside its assumption --------------------------------
LIKE = "11.295 tỷ đồng"  # the demo's estimate if initiatives without a value were like the declared ones


def test_the_html_gives_the_estimate_as_a_range_each_figure_beside_its_assumption(page, html_file):
    text = page.text("benefits")
    assert "Tổng giá trị tự kê khai" in text and "3.512 tỷ đồng" in text  # the declared total stays the headline
    assert "Giả định “Như sáng kiến đã ghi” (mỗi sáng kiến chưa ghi giá trị làm lợi bằng mức bình quân" in text
    assert "ước tính 4.747 tỷ đồng" in text and "ước tính 2.824 tỷ đồng" in text and "ước tính 0 đồng" in text
    markup = html_file[1].read_text(encoding="utf-8")
    benefits = markup[markup.index('<section id="benefits">') : markup.index('<section id="contests">')]
    benefits = re.sub(r"<script.*?</script>", "", benefits, flags=re.S)  # the chart: its bars are labelled
    quoted = [b for b in re.findall(r"<(?:p|tr)>.*?</(?:p|tr)>", benefits, flags=re.S) if LIKE in b]
    assert len(quoted) == 3  # the range's sentence, the assumption's line, the table's row
    for block in quoted:  # never bare: the assumption is named in the same sentence or row
        assert "sáng kiến đã ghi cùng lĩnh vực" in block, block
    assert "14.808" not in page.text("overview")  # declared + estimate is never the unit's total


def test_the_workbook_has_the_estimate_sheet_with_numbers_and_the_assumptions(book):
    ws = book["Ước tính theo giả định"]
    header = [c.value for c in ws[4]]
    assert header[:2] == ["Giả định", "Ước tính cho sáng kiến chưa ghi (đồng)"]
    body = [[c.value for c in r] for r in ws.iter_rows(min_row=5)]
    assert [r[0].split(" ")[0] for r in body] == ["Mỗi", "Mỗi", "Mỗi", "Các"]
    assert round(body[0][1] / 1e9) == 11295 and body[3][1] == 0 and body[3][2] is None
    assert ws.cell(5, 2).number_format == "#,##0"


def test_the_benefits_slide_names_each_assumption_beside_its_figure(deck):
    text = " ".join(slide_texts(deck))
    assert (
        f"nếu như sáng kiến đã ghi cùng lĩnh vực, thêm {LIKE}; nếu như sáng kiến điển hình, thêm 4.747 tỷ đồng" in text
    )


def test_summary_json_adds_the_estimate_under_its_assumptions_and_keeps_the_declared_total(store, capsys):
    code, said, _ = run(capsys, "summary", "--db", str(store), "--json")
    assert code == 0
    figures = json.loads(said)
    assert figures["benefit_total_vnd"] == 3_512_450_000_000  # unchanged: the declared total
    est = figures["benefit_estimate"]
    assert est["declared_total_vnd"] == 3_512_450_000_000 and est["initiatives_without_value"] == 156_881
    assert [a["key"] for a in est["assumptions"]] == ["like_declared", "median", "share", "none"]
    assert all(a["assumption"] for a in est["assumptions"])
    like = est["assumptions"][0]
    assert round(like["estimate_vnd"] / 1e9) == 11295 and like["low_vnd"] < like["estimate_vnd"] < like["high_vnd"]
    assert like["declared_plus_estimate_vnd"] == like["estimate_vnd"] + 3_512_450_000_000
