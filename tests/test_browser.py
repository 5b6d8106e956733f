"""The app in a real browser (Debian's chromium driven by Playwright) on the demo."""

import shutil

import pytest

from .browser import browser, screenshot, serve, wait_for_app

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app_url(demo_store, tmp_path_factory):
    store = tmp_path_factory.mktemp("browser") / "store"
    shutil.copytree(demo_store, store)
    with serve(store) as url:
        yield url


@pytest.fixture(scope="module")
def chromium():
    with browser() as b:
        yield b


def open_page(chromium, url, width=1440):
    page = chromium.new_page(viewport={"width": width, "height": 1800})
    page.goto(url)
    wait_for_app(page)
    return page


def no_error_box(page):
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0


@pytest.mark.parametrize("width", [1440, 1024])
def test_overview_shows_the_headline_figures(chromium, app_url, width):
    page = open_page(chromium, app_url, width)
    page.wait_for_selector('[data-testid="stMetricValue"]')
    values = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    assert values[:4] == ["201.129", "2/82", "230%", "3.512 tỷ đồng"]
    assert "xếp thứ 2 toàn quốc" in page.locator("h1").first.inner_text()
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg')
    no_error_box(page)
    screenshot(page, f"overview_{width}")
    page.close()


def test_pages_opened_by_their_link_keep_the_navigation(chromium, app_url):
    for path, title in (("store", "Kho dữ liệu"), ("data", "Nạp dữ liệu")):
        page = open_page(chromium, f"{app_url}/{path}")
        page.wait_for_timeout(1000)
        wait_for_app(page)
        links = page.locator('[data-testid="stSidebarNavLink"]').all_inner_texts()
        assert [link.split("\n")[-1] for link in links] == ["Tổng quan", "Nạp dữ liệu", "Kho dữ liệu"]
        assert page.locator("h1").first.inner_text() == title
        no_error_box(page)
        screenshot(page, f"page_{path}")
        page.close()


def test_upload_a_print_layout_report_and_see_its_checks(chromium, app_url, tmp_path):
    from .test_print_layouts import MERGES, REPORT, workbook

    report = tmp_path / "bao_cao.xlsx"
    report.write_bytes(workbook(("Tổng hợp", REPORT, MERGES)))
    page = open_page(chromium, f"{app_url}/data")
    page.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files(str(report))
    page.get_by_text("Kiểm tra trước khi xuất bản").wait_for()
    wait_for_app(page)
    body = page.locator('[data-testid="stMain"]').inner_text()
    assert "Dòng cộng nhóm (dòng 13), cột Tổng số sáng kiến: ghi 4.500" in body
    screenshot(page, "data_upload")
    page.close()
