"""The character classes the SQL keys are made of, from Python's own Unicode data.

Computing them takes about a second (every character Python knows, what NFD, ``lower`` and ``\\w``
make of it), too long for every load: ``keys_classes.json`` holds them for the Unicode version it was
made with (``python -m sangkien.ingest.keys_classes`` writes it; a test fails when it is stale).
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from pathlib import Path

from sangkien.ingest import normalize

# Markers of keys_sql, all whitespace (gone once whitespace is collapsed).
_START, _END = "\t", "\n"


def _char(cp: int) -> str:
    c = chr(cp)
    if c.isascii() and c.isalnum() or not c.isascii() and c.isprintable():
        return c
    return f"\\x{{{cp:x}}}"


def _class(ranges: list[tuple[int, int]], negate: bool = False) -> str:
    """An RE2 character class of inclusive code point ranges."""
    body = "".join(_char(a) if a == b else f"{_char(a)}-{_char(b)}" for a, b in ranges)
    return f"[{'^' if negate else ''}{body}]"


def _ranges(codes) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for cp in sorted(set(codes)):
        if out and out[-1][1] == cp - 1:
            out[-1][1] = cp
        else:
            out.append([cp, cp])
    return [(a, b) for a, b in out]


@cache
def _assigned() -> str:
    """Every character Python's Unicode data knows (but NUL), in code point order."""
    skip = {"Cn", "Co", "Cs"}
    return "".join([c for c in map(chr, range(1, 0x110000)) if unicodedata.category(c) not in skip])


def _codes(pattern: str) -> list[int]:
    return [ord(c) for c in re.findall(pattern, _assigned())]


def _sigma_final_after(prefix: str) -> set[int]:
    """Code points c for which Python lower-cases ``prefix + c + 'Σ'`` with a final sigma."""
    pieces = "\x00".join([prefix + c + "Σ" for c in _assigned()]).lower().split("\x00")
    return {ord(c) for c, piece in zip(_assigned(), pieces, strict=True) if piece.endswith("ς")}


# The characters of nearly every name: ASCII, Latin-1, the Vietnamese letters, general punctuation.
# Text made of them only (less what NFC may change) takes a shorter path with far smaller classes.
_COMMON = [(0x01, 0xFF), (0x102, 0x103), (0x110, 0x111), (0x128, 0x129), (0x168, 0x169), (0x1A0, 0x1A1)]
_COMMON += [(0x1AF, 0x1B0), (0x1EA0, 0x1EF9), (0x2000, 0x206F)]


@cache
def _nfc_changes() -> frozenset[int]:
    """A combining mark, a character NFC replaces, one that may join the one before."""
    found = set(range(0x1161, 0x1176)) | set(range(0x11A8, 0x11C3))  # Hangul V and T jamo
    for c in _assigned():
        if unicodedata.combining(c) or not unicodedata.is_normalized("NFC", c):
            found.add(ord(c))
        elif (d := unicodedata.decomposition(c)) and not d.startswith("<") and " " in d:
            found.add(int(d.split()[1], 16))
    return frozenset(found)


def _unit_tables(common: bool) -> dict[str, str]:
    return _classes()["common" if common else "full"]


def _header_groups() -> tuple[tuple[str, str], ...]:
    return tuple(tuple(pair) for pair in _classes()["header_groups"])


CLASSES_FILE = Path(__file__).with_name("keys_classes.json")


def nfc_changes_class() -> str:
    """An RE2 class of the characters NFC may change or join to the one before (a text without them is NFC)."""
    return _unit_tables(False)["nfc_changes"]


@cache
def _classes() -> dict:
    """The classes, from ``keys_classes.json`` when it was made from this Python's Unicode data (computing
    them takes about a second, at every load); ``python -m sangkien.ingest.keys_sql`` writes the file."""
    try:
        stored = json.loads(CLASSES_FILE.read_text(encoding="utf-8"))
        if stored.get("unicode") == unicodedata.unidata_version:
            return stored
    except (OSError, ValueError):
        pass
    return compute_classes()


def compute_classes() -> dict:
    return {
        "unicode": unicodedata.unidata_version,
        "common": _compute_unit_tables(True),
        "full": _compute_unit_tables(False),
        "header_groups": [list(pair) for pair in _compute_header_groups()],
    }


def _compute_unit_tables(common: bool) -> dict[str, str]:
    """Classes for every text (``common`` False) or for text of the common characters only."""
    nfc_changes = _nfc_changes()
    alphabet = {cp for a, b in _COMMON for cp in range(a, b + 1)} - nfc_changes - {ord("Σ"), ord("İ")}
    keep = alphabet.__contains__ if common else lambda cp: True
    word = _ranges(cp for cp in _codes(r"\w") if keep(cp))
    spaces = {cp for cp in _codes(r"\s") if keep(cp)}
    marks = [(ord(_START), ord(_START)), (ord(_END), ord(_END))]
    t = {
        "common": _class(_ranges(alphabet)),
        "non_word": _class(word, negate=True),
        "non_word_unmarked": _class(word + marks, negate=True),
        "space": _class(_ranges(spaces)),
        "odd_space": _class(_ranges(spaces - {32})),
    }
    if not common:  # text with a capital sigma, 'İ' or characters NFC may change
        cased_or_ignorable = _sigma_final_after("A")  # 'A' c 'Σ': c is case-ignorable, or cased
        cased = _sigma_final_after("")  # c 'Σ': c is cased and not case-ignorable
        t["cased"] = _class(_ranges(cased))
        t["ignorable"] = _class(_ranges(cased_or_ignorable - cased))
        t["uncased"] = _class(_ranges(cased_or_ignorable), negate=True)
        t["nfc_changes"] = _class(_ranges(nfc_changes))
        t["unknown"] = _class(_ranges([0, *map(ord, _assigned())]), negate=True)
    return t


def _compute_header_groups() -> tuple[tuple[str, str], ...]:
    """(what header_key makes of a character, the class of the characters it makes that of)."""
    chars = _assigned()
    plain = normalize.strip_diacritics("\x00".join(chars)).lower()  # NUL: no character joins across it
    made = re.sub("[^0-9a-z\x00]+", " ", plain).split("\x00")
    groups: dict[str, list[int]] = {}
    for c, m in zip(chars, made, strict=True):
        if m != c and m != " ":
            groups.setdefault(m, []).append(ord(c))
    return tuple((m, _class(_ranges(cps))) for m, cps in sorted(groups.items()))


if __name__ == "__main__":  # python -m sangkien.ingest.keys_classes: write the classes' file
    CLASSES_FILE.write_text(json.dumps(compute_classes(), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
