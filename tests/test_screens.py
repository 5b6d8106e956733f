"""Every page on a phone (390×844, touch), a tablet (768×1024, touch), a laptop (1024×768) and a desk (1440×1000) in a real browser: nothing wider than
the screen, the headline on the first screen, no chart text over another, a tap drills down as a click does."""

import shutil

import pytest

from .browser import OVERLAPS, TEXTS, browser, rerun_after, screenshot, serve, wait_for_app
from .test_browser import PAGES

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
LAPTOP = {"viewport": {"width": 1024, "height": 768}}
DESK = {"viewport": {"width": 1440, "height": 1000}}
TABLET = {"viewport": {"width": 768, "height": 1024}, "is_mobile": True, "has_touch": True}
DEVICES = {"phone": PHONE, "tablet": TABLET, "laptop": LAPTOP, "desk": DESK}
CHARTED = {"", "rankings", "progress", "benefits", "contests", "campaign"}  # analysis pages that open on a chart

ALL_DRAWN = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
  .every(c => c.querySelector('.main-svg .cartesianlayer, .main-svg .treemaplayer'))"""


@pytest.fixture(scope="module")
def app_url(demo_store, tmp_path_factory):
    store = tmp_path_factory.mktemp("screens") / "store"
    shutil.copytree(demo_store, store)
    with serve(store) as url:
        yield url


@pytest.fixture(scope="module")
def chromium():
    with browser() as b:
        yield b


def open_on(chromium, url: str, device: dict):
    page = chromium.new_context(locale="vi-VN", **device).new_page()
    page.goto(url)
    wait_for_app(page)
    # a page opened by its link reruns once through app.py, which draws the navigation (hidden on a phone)
    page.locator('[data-testid="stSidebarNavLink"]').first.wait_for(state="attached")
    page.locator("h1").first.wait_for()
    wait_for_app(page)
    return page


def layout(page) -> dict:
    return page.evaluate(
        """() => {
      const main = document.querySelector('[data-testid="stMain"]');
      const h1 = document.querySelector('h1');
      const chart = document.querySelector('[data-testid="stPlotlyChart"]');
      return {
        width: window.innerWidth, scroll: document.documentElement.scrollWidth,
        main: main.scrollWidth - main.clientWidth,
        lines: (h1.getBoundingClientRect().height - parseFloat(getComputedStyle(h1).paddingTop)
                - parseFloat(getComputedStyle(h1).paddingBottom)) / parseFloat(getComputedStyle(h1).lineHeight),
        chart: chart ? chart.getBoundingClientRect().top : null,
        cut: [...document.querySelectorAll('[data-testid="stMetricValue"]')].filter(v => {
          const card = v.closest('[data-testid="stMetric"]').getBoundingClientRect();
          const r = document.createRange(); r.selectNodeContents(v); const text = r.getBoundingClientRect();
          const shown = card.width > 0 && v.innerText.trim();  // not inside a closed expander
          return shown && (text.right > card.right - 2 || text.left < card.left);
        }).map(v => v.innerText),
        metrics: [...document.querySelectorAll('[data-testid="stMetric"]')].slice(0, 3).map(m => {
          const r = m.getBoundingClientRect();
          return [m.querySelector('[data-testid="stMetricValue"]').innerText, r.bottom];
        }),
      };
    }"""
    )


@pytest.mark.parametrize("device", list(DEVICES))
def test_every_page_fits_the_screen_and_no_chart_text_covers_another(chromium, app_url, device):
    size = DEVICES[device]
    height = size["viewport"]["height"]
    for path, _ in PAGES:
        page = open_on(chromium, f"{app_url}/{path}", size)
        if path in CHARTED:
            page.locator('[data-testid="stPlotlyChart"]').first.wait_for()
        page.wait_for_function(ALL_DRAWN)
        got = layout(page)
        assert (got["scroll"], got["main"]) == (got["width"], 0), path  # nothing scrolls sideways
        assert got["cut"] == [], path  # every card's figure inside its card
        assert page.evaluate(OVERLAPS, TEXTS) == [], path
        if device == "phone":
            assert got["lines"] < 2.5, (path, got)  # the title in at most two lines
            if path in CHARTED:
                assert got["chart"] <= 1.25 * height, path  # the first chart within 1,25 screens
        if path == "":  # the three figures a leader asks first, on the first screen
            assert [v for v, _ in got["metrics"]] == ["201.129", "2/82", "230%"]
            assert max(bottom for _, bottom in got["metrics"]) <= height
        screenshot(page, f"{device}_{path or 'overview'}")
        page.context.close()


def test_a_tap_on_a_ranking_bar_drills_down_on_a_phone(chromium, app_url):
    page = open_on(chromium, f"{app_url}/rankings", PHONE)
    bars = page.locator('[data-testid="stPlotlyChart"] g.point path')
    bars.first.wait_for()
    rerun_after(page, lambda: bars.nth(bars.count() - 2).tap(force=True))  # bottom-up: Hà Nội second from the top
    page.wait_for_url("**unit=*")
    page.locator("h1", has_text="dẫn đầu LĐLĐ thành phố Hà Nội").wait_for()
    wait_for_app(page)
    screenshot(page, "phone_rankings_tapped")
    page.context.close()
