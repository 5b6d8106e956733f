"""The message catalogues: both languages hold the same keys, each key is used by the code and every
key the code uses is in both, a key's parameters are named alike in both, and plurals have the forms
their language needs. Keys are found by Babel's own extractor, as ``pybabel extract`` finds them."""

import re
import string

import pytest
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.pofile import read_po

from sangkien import fmt, i18n

from .conftest import ROOT

KEYWORDS = {"t": None, "tn": None, "N_": None}


def catalogue(lang: str):
    with i18n.po_path(lang).open("rb") as f:
        return read_po(f, locale=i18n.LOCALES[lang])


def used_keys() -> dict[str, str]:
    """Every key the code looks up, with where."""
    found = {}
    for where in ("sangkien", "pages"):
        for name, line, key, *_ in extract_from_dir(ROOT / where, [("**.py", "python")], keywords=KEYWORDS):
            found.setdefault(key if isinstance(key, str) else key[0], f"{where}/{name}:{line}")
    for line, key, *_ in extract_from_file("python", ROOT / "app.py", KEYWORDS):
        found.setdefault(key if isinstance(key, str) else key[0], f"app.py:{line}")
    return found


def params(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def forms(message) -> list[str]:
    return list(message.string) if isinstance(message.string, tuple | list) else [message.string]


@pytest.fixture(scope="module")
def catalogues():
    return {
        lang: {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalogue(lang) if m.id} for lang in i18n.LANGS
    }


def test_both_languages_hold_the_same_keys(catalogues):
    vi, en = (set(catalogues[lang]) for lang in i18n.LANGS)
    assert not vi - en, f"missing in English: {sorted(vi - en)}"
    assert not en - vi, f"missing in Vietnamese: {sorted(en - vi)}"


def test_every_key_used_is_in_the_catalogues_and_every_key_is_used(catalogues):
    used = used_keys()
    keys = set(catalogues["vi"])
    missing = {k: used[k] for k in set(used) - keys}
    assert not missing, f"keys the code uses that no catalogue holds: {missing}"
    assert not keys - set(used), f"keys no code uses: {sorted(keys - set(used))}"


def test_parameters_are_named_alike_and_every_text_is_written(catalogues):
    for key, vi in catalogues["vi"].items():
        en = catalogues["en"][key]
        for lang, message in (("vi", vi), ("en", en)):
            assert all(f.strip() for f in forms(message)), f"{lang} {key}: empty text"
            assert not message.fuzzy, f"{lang} {key}: marked fuzzy"
        names = {frozenset(params(f)) for f in forms(vi) + forms(en)}
        assert len(names) == 1, f"{key}: parameters differ between the languages: {names}"


def test_plural_keys_have_the_forms_of_each_language(catalogues):
    for key, vi in catalogues["vi"].items():
        en = catalogues["en"][key]
        assert vi.pluralizable == en.pluralizable, f"{key}: plural in one language only"
        if vi.pluralizable:
            assert len(forms(vi)) == 1 and len(forms(en)) == 2, key


def test_no_key_text_is_shown_as_a_key_and_no_english_text_is_vietnamese(catalogues):
    vietnamese = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)
    for key, en in catalogues["en"].items():
        for text in forms(en):
            assert text != key, f"{key}: the English text is the key"
            assert not vietnamese.search(text) or key in VIETNAMESE_IN_ENGLISH, f"{key}: Vietnamese in English: {text}"


# English texts that name a Vietnamese thing by its own name (the programme's units, its prizes)
VIETNAMESE_IN_ENGLISH: set[str] = set()


def test_formats_follow_the_language():
    import datetime as dt

    with i18n.language("vi"):
        assert (fmt.num(201129), fmt.money(3.5e12), fmt.date(dt.date(2023, 9, 30))) == (
            "201.129",
            "3.500 tỷ đồng",
            "30/09/2023",
        )
    with i18n.language("en"):
        assert (fmt.num(201129), fmt.money(3.5e12), fmt.date(dt.date(2023, 9, 30))) == (
            "201,129",
            "3,500 billion VND",
            "30 Sep 2023",
        )
        assert fmt.money(564e6) == "564 million VND" and fmt.num(1234.5, 1) == "1,234.5"


def test_the_language_of_a_run_stays_in_its_own_context():
    import threading

    seen = {}

    def other():
        seen["thread"] = i18n.lang()

    with i18n.language("en"):
        worker = threading.Thread(target=other)
        worker.start()
        worker.join()
        assert i18n.lang() == "en"
    assert seen["thread"] == i18n.DEFAULT and i18n.lang() == i18n.DEFAULT


def test_a_message_read_back_without_its_parameters_or_with_an_unknown_code_is_shown_not_raised():
    from sangkien.ingest.reasons import describe

    assert describe('[{"code":"reject.missing"}]') == "Thiếu {column}"  # a parameter the cell lacks
    assert describe('[{"code":"no.such.key","x":1}]') == "no.such.key"  # a code this release does not know
    assert describe("Thiếu Tên sáng kiến") == "Thiếu Tên sáng kiến"  # a cell written before the codes
    assert i18n.t("app.version_line", as_of="01/09/2023") == "Số liệu đến 01/09/2023 · xuất bản {published}"
