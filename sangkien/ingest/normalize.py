"""Text keys for matching headers and union names as a person would.

Header keys drop diacritics entirely (headers are written with or without
them); unit keys keep them, but make the two tone-mark placements and the
usual abbreviations agree ("LĐLĐ TP Thanh Hoá" = "Liên đoàn Lao động thành
phố Thanh Hóa").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^0-9a-z]+")


# 'Ð'/'ð' (eth) stand for 'Đ'/'đ' when a Windows-1258 file was read as Windows-1252 or typed so.
LOOKALIKES = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})


def clean_text(value: object) -> str | None:
    """NFC, trimmed, inner whitespace collapsed; empty text becomes None."""
    if value is None or value != value:  # None, NaN, NaT
        return None
    if type(value).__name__ == "NAType":
        return None
    text = unicodedata.normalize("NFC", str(value)).translate(LOOKALIKES)
    text = _SPACES.sub(" ", text).strip()
    return text or None


def strip_diacritics(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


@lru_cache(maxsize=65536)
def _header_key(text: str) -> str:
    plain = strip_diacritics(unicodedata.normalize("NFC", text)).lower()
    return _NON_WORD.sub(" ", plain).strip()


def header_key(text: object) -> str:
    """'Giá trị làm lợi (đồng/năm)' -> 'gia tri lam loi dong nam'."""
    if text is None:
        return ""
    return _header_key(str(text))


# Old-style ("hoà", "thuý") and new-style ("hòa", "thúy") tone placement.
_TONE_PAIRS = {
    "oà": "òa",
    "oá": "óa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "oè": "òe",
    "oé": "óe",
    "oẻ": "ỏe",
    "oẽ": "õe",
    "oẹ": "ọe",
    "uỳ": "ùy",
    "uý": "úy",
    "uỷ": "ủy",
    "uỹ": "ũy",
    "uỵ": "ụy",
}
# Only at the end of a syllable ("hoà" but not "đoàn"), never after "q" ("quý").
_TONE_RE = re.compile(r"(?<!q)(" + "|".join(_TONE_PAIRS) + r")\b")

# Abbreviations as written in federation reports, longest first.
_ABBREVIATIONS = [
    (r"\bcđcs\b", "công đoàn cơ sở"),
    (r"\blđlđ\b", "liên đoàn lao động"),
    (r"\bcđ\b", "công đoàn"),
    (r"\btp\b\.?", "thành phố"),
    (r"\btx\b\.?", "thị xã"),
    (r"\bq\.", "quận "),
    (r"\bh\.", "huyện "),
]
_ABBREV_RES = [(re.compile(p), r) for p, r in _ABBREVIATIONS]
# Punctuation that separates words in a name (a pattern RE2 reads the same way, see keys_sql).
PUNCTUATION = r"[\"'“”‘’()\[\],;:]"
_PUNCTUATION_RE = re.compile(PUNCTUATION)


def unit_key(name: object) -> str | None:
    """Normalised key of a union's name; None for an empty name."""
    text = clean_text(name)
    if text is None:
        return None
    text = text.lower()
    text = _TONE_RE.sub(lambda m: _TONE_PAIRS[m.group(0)], text)
    for pattern, replacement in _ABBREV_RES:
        text = pattern.sub(replacement, text)
    text = _PUNCTUATION_RE.sub(" ", text)
    text = text.replace(" - ", " ").replace("–", " ")
    return _SPACES.sub(" ", text).strip() or None
