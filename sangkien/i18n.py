"""The words users read, in their language: one gettext catalogue per language, looked up by key.

- Catalogues: ``sangkien/locale/<lang>/LC_MESSAGES/sangkien.po`` (Vietnamese ``vi``, the default,
  and English ``en``), GNU gettext's format through Babel: a translator's tools open them, Babel
  checks them (``pybabel compile --statistics``) and ``make`` compiles them into ``.mo`` files. A
  checkout without the compiled files (or with stale ones) compiles the ``.po`` in memory, so a
  catalogue is never out of step with its source.
- Keys, not sentences, are the message ids (``"rankings.title"``): the Vietnamese text lives in the
  Vietnamese catalogue like the English in the English one, and a wording is changed in one place.
  Parameters are named, ``{count}`` in the text and ``t("key", count=3)`` in the code; ``tn`` picks
  the plural form (one in Vietnamese, two in English).
- The language of a script run is a context variable, set once at the top of ``app.py`` from the
  session (``?lang=en`` or the sidebar's switch), so that a session's language never reaches
  another; the command line takes ``SANGKIEN_LANG`` (default ``vi``).
- ``N_("key")`` marks a key used later (a module's table of labels); it returns the key itself.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import io
import os
from collections.abc import Iterator
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LANGS = ("vi", "en")
DEFAULT = "vi"
NAMES = {"vi": "Tiếng Việt", "en": "English"}  # each in its own language: never translated
LOCALES = {"vi": "vi_VN", "en": "en_US"}
DOMAIN = "sangkien"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_LANG: contextvars.ContextVar[str | None] = contextvars.ContextVar("sangkien_lang", default=None)
_FALLBACK: list = []  # where the language comes from when no run has set it (the app: the session's)


def supported(lang: object) -> str | None:
    """``lang`` if it names a language the catalogues hold ('en', 'EN', 'en-GB'), else None."""
    if not isinstance(lang, str):
        return None
    code = lang.strip().lower().replace("_", "-").split("-")[0]
    return code if code in LANGS else None


def lang() -> str:
    """The language of this script run (or of the command line: ``SANGKIEN_LANG``)."""
    code = _LANG.get()
    if code is None and _FALLBACK:
        code = supported(_FALLBACK[0]())
    return code or supported(os.environ.get("SANGKIEN_LANG")) or DEFAULT


def fall_back_to(source) -> None:
    """Where ``lang()`` looks when no run has set the language: ``source()`` returns a code or None.
    The app gives its session's language, so that code run outside the script proper (a widget's
    callback before the run, a page run on its own) speaks the session's language too."""
    _FALLBACK[:] = [source]


def bound(func):
    """``func`` made to speak the language current now, wherever it is called later (a selectbox's
    ``format_func``, which Streamlit may call after the run that drew the widget)."""
    code = lang()

    def speaking(*args, **kwargs):
        with language(code):
            return func(*args, **kwargs)

    return speaking


def locale() -> str:
    """Babel's locale for the current language ('vi_VN', 'en_US')."""
    return LOCALES[lang()]


def use(code: str) -> None:
    """Make ``code`` the language of the rest of this script run (this thread's context)."""
    _LANG.set(supported(code) or DEFAULT)


@contextlib.contextmanager
def language(code: str) -> Iterator[None]:
    """Within the block, the language is ``code`` (an export in a language, a test)."""
    token = _LANG.set(supported(code) or DEFAULT)
    try:
        yield
    finally:
        _LANG.reset(token)


def po_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def catalogue(code: str) -> Translations:
    """The compiled catalogue of ``code``: the ``.mo`` that ``make`` wrote when it is not older than
    its ``.po``, else the ``.po`` compiled in memory by Babel."""
    po = po_path(code)
    mo = po.with_suffix(".mo")
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as f:
            return Translations(f, domain=DOMAIN)
    with po.open("rb") as f:
        parsed = read_po(f, locale=LOCALES[code], domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, parsed)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def N_(key: str) -> str:  # noqa: N802 - gettext's own name for a marked, not yet translated, message
    return key


def module_texts(keys: dict[str, str]):
    """A module's ``__getattr__`` that gives each name of ``keys`` (``{"MSG_BUSY": "sqlbox.busy"}``)
    as its text in the language of the run reading it: a message a module exports by name is never
    fixed in one language at import."""

    def text(name: str) -> str:
        if name in keys:
            return t(keys[name])
        raise AttributeError(name)

    return text


def label_of(entry: dict | None) -> str:
    """A version's label as shown: one the store wrote (a rollback's, a proposal's, a workspace's:
    ``label_message``, a key and its values) in the reader's language; a publisher's own as written."""
    entry = entry or {}
    message = entry.get("label_message") or {}
    key, params = message.get("code"), message.get("params") or {}
    if isinstance(key, str):
        return t(key, **params)
    return entry.get("label") or ""


def _catalogued(key: str, n: int | None = None) -> str:
    """The text of ``key`` (its plural form for ``n``) in the current language; a key the language
    lacks shows in Vietnamese, never as a key."""
    for code in dict.fromkeys((lang(), DEFAULT)):
        found = catalogue(code).gettext(key) if n is None else catalogue(code).ngettext(key, key, n)
        if found != key:
            return found
    return key


def t(key: str, /, **params: object) -> str:
    """The text of ``key`` in the current language, its ``{name}`` parameters filled in."""
    text = _catalogued(key)
    return _filled(text, params) if params else text


class _Params(dict):
    def __missing__(self, name: str) -> str:  # a parameter a stored message lacks shows as its name
        return "{" + name + "}"


def _filled(text: str, params: dict) -> str:
    """``text`` with its ``{name}`` parameters; a message read back from a store or log that lacks one
    (or a text with stray braces) is shown as far as it goes, never as an error."""
    try:
        return text.format_map(_Params(params))
    except (ValueError, IndexError, AttributeError, TypeError):
        return text


def tn(key: str, n: int, /, **params: object) -> str:
    """The plural form of ``key`` for ``n`` (given to the text as ``{n}``, written as a number)."""
    from sangkien import fmt

    text = _catalogued(key, n)
    return _filled(text, {"n": fmt.num(n), **params})
