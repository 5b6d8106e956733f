"""The app in a real browser (Debian's chromium driven by Playwright) on the demo."""

import shutil

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from sangkien.store.catalog import Catalog
from sangkien.store.shows import SLIDES

from .browser import ARTIFACTS, OVERLAPS, TEXTS, browser, rerun_after, screenshot, serve, wait_for_app
from .english import data_words, leftovers

pytestmark = pytest.mark.browser
PAGES = [
    ("", "Tổng quan"),
    ("rankings", "Xếp hạng"),
    ("progress", "Tiến độ"),
    ("benefits", "Giá trị làm lợi"),
    ("contests", "Hội thi"),
    ("awards", "Khen thưởng"),
    ("campaign", "Phong trào"),
    ("present", "Trình chiếu"),
    ("explore", "Khám phá"),
    ("data", "Nạp dữ liệu"),
    ("store", "Kho dữ liệu"),
]


@pytest.fixture(scope="module")
def browser_store(demo_store, tmp_path_factory):
    store = tmp_path_factory.mktemp("browser") / "store"
    shutil.copytree(demo_store, store)
    return store


@pytest.fixture(scope="module")
def app_url(browser_store):
    with serve(browser_store, env={"SANGKIEN_ANALYST_PASSWORD": "phân tích 2023"}) as url:
        yield url


@pytest.fixture(scope="module")
def chromium():
    with browser() as b:
        yield b


def open_page(chromium, url, width=1440, locale="vi-VN"):
    """A page as a user's browser shows it (a Vietnamese one unless ``locale`` says otherwise)."""
    context = chromium.new_context(viewport={"width": width, "height": 1800}, locale=locale)
    page = context.new_page()
    page.goto(url)
    wait_for_app(page)
    # a page opened by its link reruns once through app.py, which draws the navigation
    page.locator('[data-testid="stSidebarNavLink"]').first.wait_for()
    wait_for_app(page)
    return page


def no_error_box(page):
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0


def heading(page) -> str:
    return page.locator("h1").first.inner_text()


@pytest.mark.parametrize("width", [1440, 1024])
def test_overview_shows_the_headline_figures(chromium, app_url, width):
    page = open_page(chromium, app_url, width)
    page.wait_for_selector('[data-testid="stMetricValue"]')
    values = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    assert values[:8] == ["201.129", "2/82", "230%", "3.512 tỷ đồng", "155%", "80.500", "214.045", "48"]
    assert values[8:] == [
        "549.290",
        "5.177 tỷ đồng",
        "1",
    ]  # since v0001: new initiatives, benefit added, quotas reached
    assert heading(page) == "LĐLĐ thành phố Hà Nội: 201.129 sáng kiến, xếp thứ 2 toàn quốc"
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg')
    assert page.locator('[data-testid="stPlotlyChart"]').count() == 5  # with the change since the last report
    no_error_box(page)
    screenshot(page, f"overview_{width}")
    page.context.close()


def test_every_page_opens_by_its_link_with_the_navigation(chromium, app_url):
    for path, _ in PAGES:
        page = open_page(chromium, f"{app_url}/{path}")
        links = page.locator('[data-testid="stSidebarNavLink"]').all_inner_texts()
        assert [link.split("\n")[-1] for link in links] == [t for _, t in PAGES]
        no_error_box(page)
        screenshot(page, f"page_{path or 'overview'}")
        page.context.close()


def test_rankings_and_progress_show_their_figures(chromium, app_url):
    page = open_page(chromium, f"{app_url}/rankings")
    assert heading(page) == "LĐLĐ thành phố Hà Nội xếp thứ 2/82 với 201.129 sáng kiến"
    page.context.close()
    page = open_page(chromium, f"{app_url}/progress")
    assert heading(page) == "Tiến độ của LĐLĐ thành phố Hà Nội"
    body = page.locator('[data-testid="stMain"]').inner_text()
    title = page.locator('.sk-chart-head[data-chart="pg_multiples"] .sk-ct')
    title.wait_for()
    assert title.text_content() == "4/4 đơn vị đã đạt chỉ tiêu giao"
    page.locator(".st-key-chart_pg_unit_3 .main-svg").first.wait_for()  # one chart per unit, the scope first
    units = page.locator('.sk-chart-head[data-chart^="pg_unit_"] .sk-ct').all_inner_texts()
    assert units[:2] == ["LĐLĐ thành phố Hà Nội", "Công đoàn ngành Công Thương"]
    assert "Bảng công khai hằng ngày" in body
    no_error_box(page)
    page.context.close()


def test_click_a_ranking_bar_to_drill_down_and_come_back(chromium, app_url):
    page = open_page(chromium, f"{app_url}/rankings")
    bars = page.locator('[data-testid="stPlotlyChart"] g.point path')
    bars.first.wait_for()
    # bars are drawn bottom-up: Hà Nội is second from the top
    rerun_after(page, lambda: bars.nth(bars.count() - 2).click(force=True))
    page.wait_for_url("**unit=*")
    # the click's run sets the unit and starts one more run, which draws the drilled page
    page.locator("h1", has_text="dẫn đầu LĐLĐ thành phố Hà Nội").wait_for()
    wait_for_app(page)
    assert heading(page) == "Công đoàn ngành Công Thương dẫn đầu LĐLĐ thành phố Hà Nội với 19.138 sáng kiến"
    assert "LĐLĐ thành phố Hà Nội" in page.locator('[data-testid="stMain"]').inner_text()
    screenshot(page, "rankings_drill")
    rerun_after(page, lambda: page.get_by_role("button", name="Toàn quốc").click())
    page.locator("h1", has_text="xếp thứ 2/82").wait_for()
    assert heading(page) == "LĐLĐ thành phố Hà Nội xếp thứ 2/82 với 201.129 sáng kiến"
    assert "unit=" not in page.url
    page.context.close()


def test_a_link_carries_the_unit_it_shows(chromium, app_url):
    page = open_page(chromium, f"{app_url}/rankings?unit=liên đoàn lao động quận hoàng mai")
    assert "dẫn đầu LĐLĐ quận Hoàng Mai với" in heading(page)
    assert "› LĐLĐ thành phố Hà Nội" in page.locator('[data-testid="stMain"]').inner_text()
    no_error_box(page)
    page.context.close()


def test_upload_a_print_layout_report_and_see_its_checks(chromium, app_url, tmp_path):
    from .test_print_layouts import MERGES, REPORT, workbook

    report = tmp_path / "bao_cao.xlsx"
    report.write_bytes(workbook(("Tổng hợp", REPORT, MERGES)))
    page = open_page(chromium, f"{app_url}/data")
    main = page.locator('[data-testid="stMain"]')
    main.get_by_label("Họ tên").fill("Trần Minh")
    main.get_by_label("Mật khẩu").fill("phân tích 2023")
    rerun_after(page, lambda: main.get_by_role("button", name="Đăng nhập").click())
    page.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files(str(report))
    page.get_by_text("Kiểm tra trước khi xuất bản").wait_for()
    wait_for_app(page)
    body = page.locator('[data-testid="stMain"]').inner_text()
    assert "Dòng cộng nhóm (dòng 13), cột Tổng số sáng kiến: ghi 4.500" in body
    screenshot(page, "data_upload")
    page.context.close()


def test_contest_awards_and_campaign_pages_show_the_seed_figures(chromium, app_url):
    page = open_page(chromium, f"{app_url}/contests")
    assert heading(page) == "11 nghề, 111 thí sinh đạt giải, tổng tiền giải 564 triệu đồng"
    assert page.locator(".sk-kicker").inner_text() == "Hội thi thợ giỏi thành phố Hà Nội năm 2023"
    no_error_box(page)
    page.context.close()
    page = open_page(chromium, f"{app_url}/awards")
    assert heading(page) == "223 tập thể, cá nhân được khen thưởng"
    page.get_by_label("Tìm tên").fill("Long Bien")
    rerun_after(page, lambda: page.get_by_label("Tìm tên").press("Enter"))
    # tables draw on a canvas: the line above the list says how many awards the search found
    assert "\n4 dòng\n" in page.locator('[data-testid="stMain"]').inner_text()
    no_error_box(page)
    page.context.close()
    page = open_page(chromium, f"{app_url}/campaign")
    assert heading(page).startswith("150 ngày")
    assert page.locator(".sk-kicker").inner_text() == "Đợt thi đua cao điểm chào mừng Đại hội Công đoàn các cấp"
    page.locator('[data-testid="stMetricValue"]').first.wait_for()
    values = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    assert values[0] == "83.635"
    no_error_box(page)
    page.context.close()


def test_tables_write_numbers_the_vietnamese_way_in_an_english_browser(chromium, app_url):
    """Many browsers in Vietnam are set to English: tables still show 243.517 and 51,5, as the cards do."""
    page = open_page(chromium, f"{app_url}/rankings", locale="en-US")
    table = page.locator('[data-testid="stDataFrame"]').first
    table.scroll_into_view_if_needed()
    table.hover()
    table.get_by_role("button", name="Search").dispatch_event("click")  # the toolbar floats over the grid
    table.locator("input").first.wait_for()
    counter = """el => {
      const n = [...el.querySelectorAll('*')].find(n => / results?$/.test(n.textContent || '') && !n.children.length);
      return n ? n.textContent : null;
    }"""
    # Thanh Hóa's 243.517 initiatives, Hà Nội's 51,5 per 100 members: Vietnamese separators only
    wanted = {"243.517": "1 result", "243,517": "0 results", "51,5": "1 result", "51.5": "0 results"}
    found = {}
    for text, count in wanted.items():
        table.locator("input").first.fill(text)
        try:  # the search runs a moment after typing: wait for the count it should reach
            page.wait_for_function(f"([el, want]) => ({counter})(el) === want", arg=[table.element_handle(), count])
        except PlaywrightTimeout:
            pass
        found[text] = table.evaluate(counter)
    assert found == wanted
    table.screenshot(path=str(screenshot_path("rankings_table_en_us")))
    page.context.close()


@pytest.mark.parametrize("width", [1440, 1024])
def test_overview_and_rankings_in_english(chromium, app_url, browser_store, width):
    """``?lang=en``: the overview's figures written the English way, the navigation and every text in
    English but the data's names, kept when the user moves to the rankings."""
    catalog = Catalog(browser_store)
    labels = [v.get("label") for v in catalog.versions()]
    words = data_words(str(catalog.version_path(catalog.current()["id"])), True, [*labels, "Tiếng Việt"])
    page = open_page(chromium, f"{app_url}/?lang=en", width, locale="en-US")
    page.wait_for_selector('[data-testid="stMetricValue"]')
    values = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    assert values[:8] == ["201,129", "2/82", "230%", "3,512 billion VND", "155%", "80,500", "214,045", "48"]
    links = [link.split("\n")[-1] for link in page.locator('[data-testid="stSidebarNavLink"]').all_inner_texts()]
    assert links[:3] == ["Overview", "Rankings", "Progress"]
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg')
    left = leftovers([page.locator('[data-testid="stApp"]').inner_text()], words)
    assert not left, left[:8]
    no_error_box(page)
    screenshot(page, f"overview_en_{width}")
    rerun_after(page, lambda: page.locator('[data-testid="stSidebarNavLink"]', has_text="Rankings").click())
    page.locator('[data-testid="stPlotlyChart"] .main-svg').first.wait_for()
    assert "201,129" in heading(page)
    left = leftovers([page.locator('[data-testid="stApp"]').inner_text()], words)
    assert not left, left[:8]
    no_error_box(page)
    screenshot(page, f"rankings_en_{width}")
    page.context.close()


def screenshot_path(name: str):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / f"{name}.png"


def test_no_page_fetches_anything_from_outside_the_machine(chromium, app_url):
    """A hall without Wi-Fi: every request of every page (the icon too) goes to the app itself."""
    from urllib.parse import urlparse

    context = chromium.new_context(viewport={"width": 1440, "height": 1000}, locale="vi-VN")
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    for path, name in PAGES:
        page.goto(f"{app_url}/{path}")
        wait_for_app(page)
        page.locator('[data-testid="stSidebarNavLink"]', has_text=name).first.wait_for()
        wait_for_app(page)
    assert page.locator('link[rel*="icon"]').count() >= 1
    outside = sorted({u for u in requested if urlparse(u).hostname not in ("127.0.0.1", "localhost")})
    assert (outside, len(requested) > len(PAGES)) == ([], True)
    context.close()


def test_the_race_plays_from_the_first_week(chromium, app_url):
    page = open_page(chromium, f"{app_url}/progress")
    page.get_by_role("heading", name="Cuộc đua sáng kiến").scroll_into_view_if_needed()
    chart = page.locator('[data-testid="stPlotlyChart"]', has=page.locator(".slider-container"))
    chart.wait_for()
    chart.scroll_into_view_if_needed()
    counter = "el => el.querySelector('.slider-group > text.slider-label').textContent"  # the slider's current date
    assert chart.evaluate(counter) == "Đến ngày 01/09/2023"  # at rest it shows the end of the race
    assert chart.locator(".ytick, g.point").count() >= 10
    play = chart.locator(".updatemenu-button").first.bounding_box()
    page.mouse.click(play["x"] + play["width"] / 2, play["y"] + play["height"] / 2)
    page.wait_for_function(
        f"el => ({counter})(el).startsWith('Đến ngày') && ({counter})(el).endsWith('/2021')", arg=chart.element_handle()
    )
    screenshot(page, "progress_race_playing")
    page.context.close()


# -- presentation mode -------------------------------------------------------------------
SLIDE_KINDS = list(SLIDES)
FOOTER = ".st-key-slide_footer"


def slide_number(page, n: int, total: int) -> None:
    page.locator(FOOTER, has_text=f"Trang {n}/{total}").wait_for(timeout=60_000)


def test_present_mode_walks_every_slide_by_keyboard_offline_at_1920(chromium, app_url):
    """The hall's screen: one slide at a time from the clicker's keys, big type, no menu, nothing fetched outside."""
    from urllib.parse import urlparse

    context = chromium.new_context(viewport={"width": 1920, "height": 1080}, locale="vi-VN")
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    page.goto(f"{app_url}/?present=1&room=aaaaaaaaaa01")
    wait_for_app(page)
    total = len(SLIDE_KINDS)
    keys = ["ArrowRight", "PageDown", "Space"]
    for i, kind in enumerate(SLIDE_KINDS, 1):
        slide_number(page, i, total)
        if kind in ("headline", "campaign"):
            value = page.locator('.st-key-slide [data-testid="stMetricValue"]').first
            assert value.evaluate("e => parseFloat(getComputedStyle(e.querySelector('p')).fontSize)") >= 96
        elif kind == "honours":
            page.locator(".st-key-slide_names li").first.wait_for()
        elif kind == "highlights":
            point = page.locator(".st-key-slide_points li").first
            assert point.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 24
        else:
            page.locator(".st-key-slide_chart_slide .main-svg").first.wait_for()
            sizes = page.locator(".st-key-slide_chart_slide .ytick text, .st-key-slide_chart_slide .xtick text")
            assert min(sizes.evaluate_all("els => els.map(e => parseFloat(e.style.fontSize))")) >= 24
            assert page.evaluate(OVERLAPS, TEXTS) == [], kind  # no chart text over another, none cut
        box = page.locator(".st-key-slide").bounding_box()
        assert (round(box["width"]), round(box["height"])) == (1920, 1080)  # the 16:9 canvas fills the screen
        assert not page.locator('[data-testid="stSidebar"], [data-testid="stHeader"]').is_visible()
        page.screenshot(path=str(screenshot_path(f"present_{i:02d}_{kind}")))
        if i < total:
            page.keyboard.press(keys[(i - 1) % len(keys)])
    page.keyboard.press("ArrowLeft")
    slide_number(page, total - 1, total)
    page.keyboard.press("PageUp")
    slide_number(page, total - 2, total)
    outside = sorted({u for u in requested if urlparse(u).hostname not in ("127.0.0.1", "localhost")})
    assert outside == []
    context.close()


def test_a_run_of_show_advances_by_itself_and_the_presenter_view_drives_the_projector(chromium, app_url, browser_store):
    """1280×720: a 5-second first slide moves on alone; the presenter's window drives the projector's."""
    from sangkien.store.live import Live
    from sangkien.store.shows import Show, Shows, Slide
    from sangkien.store.versions import Store

    from .conftest import ANALYST

    Shows(Store(browser_store)).save(
        Show("Thử tự chuyển", "v0002", [Slide("ranking", 5), Slide("headline", 600, notes="Nói về Hà Nội")]), ANALYST
    )
    address = f"{app_url}/?present=1&show=Th%E1%BB%AD%20t%E1%BB%B1%20chuy%E1%BB%83n&room=bbbbbbbbbb02"
    context = chromium.new_context(viewport={"width": 1280, "height": 720}, locale="vi-VN")
    projector = context.new_page()
    projector.goto(address)
    slide_number(projector, 2, 2)  # with no key pressed
    pos = Live(browser_store).get("bbbbbbbbbb02")
    assert pos.index == 1 and pos.started - pos.begun >= 5  # moved on when the first slide's 5 s were over
    value = projector.locator('.st-key-slide [data-testid="stMetricValue"] p').first
    value.wait_for()
    assert value.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 96  # 96 px at 1280×720 too
    projector.screenshot(path=str(screenshot_path("present_1280_auto_advanced")))
    notes = context.new_page()
    notes.goto(address + "&notes=1")
    notes.get_by_text("Nói về Hà Nội").wait_for()
    notes.get_by_text("Trang sau:").wait_for()
    notes.locator('[data-testid="stMetricValue"]').first.wait_for()
    wait_for_app(notes)
    notes.screenshot(path=str(screenshot_path("present_notes_view")))
    # the clicker drives the presenter's window and the projector follows: pause, then back a slide
    notes.keyboard.press("p")
    notes.get_by_role("button", name="Tiếp tục").wait_for()  # the pause is done before the next key
    projector.get_by_role("button", name="Tiếp tục").wait_for()
    notes.keyboard.press("ArrowLeft")
    slide_number(projector, 1, 2)
    projector.locator(FOOTER, has_text="tạm dừng 0:05").wait_for()  # paused: the first slide's 5 s wait
    ticks = projector.locator(".st-key-slide_chart_slide .ytick text")
    ticks.first.wait_for()
    assert min(ticks.evaluate_all("els => els.map(e => parseFloat(e.style.fontSize))")) >= 24
    context.close()


def test_the_conference_pack_downloads_from_the_pages_and_the_report_opens_offline(chromium, app_url, tmp_path):
    """Xuất báo cáo on the overview, the bulletin on Tiến độ; the HTML then opens with nothing fetched."""
    from PIL import Image
    from pptx import Presentation

    context = chromium.new_context(viewport={"width": 1440, "height": 1800}, locale="vi-VN", accept_downloads=True)
    page = context.new_page()
    page.goto(app_url)
    wait_for_app(page)
    page.locator(".st-key-ov_highlights").get_by_text("dẫn đầu toàn quốc").wait_for()
    saved = {}
    for kind, label in (("html", "Báo cáo HTML"), ("pptx", "PowerPoint"), ("xlsx", "Excel")):
        button = page.get_by_role("button", name=label)
        with page.expect_download(timeout=120_000) as download:
            button.click()
        saved[kind] = tmp_path / download.value.suggested_filename
        download.value.save_as(saved[kind])
    assert [p.name for p in saved.values()] == ["bao_cao_v0002.html", "bao_cao_v0002.pptx", "bao_cao_v0002.xlsx"]
    assert len(Presentation(saved["pptx"]).slides) == len(SLIDES)
    page.goto(f"{app_url}/progress")
    wait_for_app(page)
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name="Tải ảnh bảng công khai").click()
    bulletin = tmp_path / download.value.suggested_filename
    download.value.save_as(bulletin)
    assert bulletin.name == "bang_cong_khai_20230901.png" and Image.open(bulletin).size[0] == 1080
    context.close()

    offline = chromium.new_context(viewport={"width": 1440, "height": 1000}, locale="vi-VN")
    requested: list[str] = []
    offline.on("request", lambda request: requested.append(request.url))
    report = offline.new_page()
    report.goto(saved["html"].as_uri())
    report.locator("#chart-overview-0 .main-svg").first.wait_for()  # plotly.js, embedded, drew the chart
    assert report.locator("section").count() >= 9
    assert [u for u in requested if not u.startswith(("file:", "data:", "blob:"))] == []
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    report.screenshot(path=str(ARTIFACTS / "report_html_1440.png"), full_page=True)
    report.pdf(path=str(ARTIFACTS / "report_a4.pdf"), format="A4")
    assert (ARTIFACTS / "report_a4.pdf").stat().st_size > 50_000
    offline.close()
