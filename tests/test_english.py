"""Every page in English shows no Vietnamese outside the data (names of units, of competitions, of
initiatives...), and the language stays with the session: set by ``?lang=en`` or the sidebar's
switch, kept across pages and reruns, and never reaching another session."""

import re
import zipfile

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from sangkien import cli, i18n
from sangkien.store.catalog import Catalog

from .conftest import ADMIN, ROOT, open_app
from .english import data_words, leftovers, shown_texts

PAGES = [
    "pages/overview.py",
    "pages/rankings.py",
    "pages/progress.py",
    "pages/benefits.py",
    "pages/contests.py",
    "pages/awards.py",
    "pages/campaign.py",
    "pages/present.py",
    "pages/explore.py",
    "pages/data.py",
    "pages/store.py",
]


def english_app(store, page: str | None = None, actor=ADMIN) -> AppTest:
    return open_app(page, store=store, actor=actor, lang="en", timeout=180)


@pytest.fixture(scope="module")
def words(demo_store):
    catalog = Catalog(demo_store)
    path = str(catalog.version_path(catalog.current()["id"]))
    labels = [v.get("label") for v in catalog.versions()]
    # the titles of initiatives are data on every page (a highlight names the largest); the switch
    # names each language in its own words
    return data_words(path, with_titles=True, labels=[*labels, *i18n.NAMES.values()])


@pytest.mark.parametrize("page", PAGES)
def test_a_page_in_english_shows_no_vietnamese_outside_the_data(demo_copy, words, page):
    at = english_app(demo_copy, page)
    allowed = words
    texts = shown_texts(at)
    assert len(texts) > 20  # the page was drawn
    left = leftovers(texts, allowed)
    assert not left, f"{len(left)} Vietnamese words on {page}, e.g. {left[:8]}"


def test_the_sidebar_switch_changes_the_language_for_the_session_only(demo_copy):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.run()
    assert at.session_state["lang"] == "vi"
    vietnamese_title = at.title[0].value
    (switch,) = [b for b in at.sidebar.segmented_control if b.key == "lang_switch"]
    switch.set_value("en").run()
    assert at.session_state["lang"] == "en"
    assert at.title[0].value != vietnamese_title and "initiatives" in at.title[0].value
    at.switch_page("pages/rankings.py").run()
    assert at.session_state["lang"] == "en" and at.query_params["lang"] == "en"
    other = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    other.run()  # another session, the same process and caches: still Vietnamese
    assert other.session_state["lang"] == "vi" and other.title[0].value == vietnamese_title


XML_TEXT = re.compile(r">([^<>]+)</(?:a:t|c:v)>")


@pytest.mark.parametrize("suffix", ["html", "pptx", "xlsx"])
def test_every_export_in_english_shows_no_vietnamese_outside_the_data(demo_store, words, tmp_path, suffix):
    """The conference pack made by the command line in English (``SANGKIEN_LANG=en``): every text of the
    HTML page (its charts' too), every text of the slides, their charts and notes, every cell and sheet
    name of the workbook."""
    out = tmp_path / f"report.{suffix}"
    with i18n.language("en"):
        assert cli.main(["report", "--db", str(demo_store), "--out", str(out)]) == 0
    if suffix == "html":
        page = out.read_text(encoding="utf-8")
        texts = re.findall(r">([^<]+)<", re.sub(r"<style.*?</style>", " ", page, flags=re.S))  # scripts' too
        assert 'lang="en"' in page
    elif suffix == "pptx":
        with zipfile.ZipFile(out) as deck:
            parts = [
                n
                for n in deck.namelist()
                if n.endswith(".xml") and n.startswith(("ppt/slides/", "ppt/charts/", "ppt/notesSlides/"))
            ]
            texts = [t for n in parts for t in XML_TEXT.findall(deck.read(n).decode("utf-8"))]
    else:
        book = openpyxl.load_workbook(out)
        texts = [*book.sheetnames]
        texts += [str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert len(texts) > 10
    left = leftovers(texts, words)
    assert not left, f"{len(left)} Vietnamese words in the {suffix}, e.g. {left[:8]}"


def test_a_label_the_store_writes_follows_the_reader_and_a_publishers_label_stays(demo_copy):
    from sangkien.store.versions import Store

    store = Store(demo_copy)
    with i18n.language("en"):  # who rolls back reads English; the label is kept as a message
        meta = store.rollback("v0001", ADMIN)
    assert meta["label_message"] == {"code": "store.rollback_label", "params": {"vid": "v0001"}}
    assert i18n.label_of(meta) == "Quay lại phiên bản v0001"
    with i18n.language("en"):
        assert i18n.label_of(meta) == "Rolled back to version v0001"
        assert i18n.label_of({"label": "Số liệu tổng kết"}) == "Số liệu tổng kết"  # a publisher's words


def test_every_slide_of_the_hall_in_english_shows_no_vietnamese_outside_the_data(demo_copy, words):
    """The hall's screen opened with ``?lang=en`` (as the presenter's link carries it), slide by slide."""
    from sangkien.store.shows import SLIDES

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.query_params["present"] = "1"
    at.query_params["lang"] = "en"
    at.run()
    seen = []
    for n in range(1, len(SLIDES) + 1):
        assert not at.exception, at.exception
        seen.append(at.title[0].value)
        left = leftovers(shown_texts(at), words)
        assert not left, f"{len(left)} Vietnamese words on slide {n}, e.g. {left[:8]}"
        if n < len(SLIDES):
            at.button(key="present_next").click().run()
    assert len(set(seen)) == len(SLIDES)  # every slide was shown, one after another
