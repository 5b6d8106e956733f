"""A CSV export's bytes made text DuckDB reads: UTF-8, NFC, '\\n' line ends, blank lines kept as rows.

In blocks, so that a national export never lives whole in Python. A UTF-8 file without CR or NUL is
read where it lies (DuckDB checks its encoding, SQL cleans its cells); any other file — Windows-1258,
UTF-16 with or without BOM, UTF-8 with a BOM or Windows-1258 parts, CR line ends, NUL — is decoded
block by block into a temporary UTF-8 copy (DuckDB here cannot read Windows-1258 or BOM-less UTF-16).
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import math
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sangkien.i18n import N_, t
from sangkien.ingest.limits import MAX_LINE_BYTES, ReadError
from sangkien.ingest.normalize import LOOKALIKES

_BLANK_LINE = re.compile(r"(?m)^[ ]*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
BLOCK = 16 * 1024 * 1024  # bytes decoded at a time
NFC_PROBE = 65_536  # characters of a block whose NFC check stands for the block
SNIFF = 1_000_000  # characters at the start the delimiter and the width are taken from


def _cp1258_fallback(err: UnicodeDecodeError) -> tuple[str, int]:
    """Bytes that are not UTF-8 inside a UTF-8 file, read as Windows-1258 (the other encoding in use)."""
    return err.object[err.start : err.end].decode("cp1258", errors="replace"), err.end


codecs.register_error("sangkien_cp1258", _cp1258_fallback)


@dataclass
class Prepared:
    """A text file DuckDB can read: UTF-8, NFC, '\\n' line ends, blank lines kept as rows."""

    path: str
    encoding: str
    delimiter: str
    width: int
    lines: int
    notes: list[str]
    temporary: bool  # ours to delete (else the user's own file, read where it lies)
    as_written: bool = False  # not decoded by Python: DuckDB's reading is checked (encoding, line count)


def _encoding(head: bytes) -> tuple[str, int]:
    """The encoding the first bytes show, and the length of its byte-order mark."""
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig", 3
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16", 0
    if len(head := head[:4000]) > 3 and head.count(b"\x00") > len(head) // 4:  # UTF-16 without BOM
        # The zero high bytes of ASCII sit at odd offsets in little-endian (the first letter may be "Đ").
        return ("utf-16-le" if head[1::2].count(0) >= head[::2].count(0) else "utf-16-be"), 0
    return "utf-8", 0


def _blocks(stream: BinaryIO, skip: int = 0) -> Iterator[bytes]:
    stream.seek(skip)
    while block := stream.read(BLOCK):
        yield block


def _valid_utf8(stream: BinaryIO) -> bool:
    """The whole file is UTF-8 (checked in blocks)."""
    dec = codecs.getincrementaldecoder("utf-8")()
    try:
        for block in _blocks(stream):
            dec.decode(block)
        dec.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _not_utf8(stream: BinaryIO) -> tuple[str, list[str], Callable[[bytes, bool], str]]:
    """A file that is not valid UTF-8: Windows-1258 throughout, or UTF-8 with some Windows-1258 parts."""
    lenient = codecs.getincrementaldecoder("utf-8")(errors="replace")
    ascii_bytes = bytes(range(128))
    non_ascii = bad = 0
    for i, block in enumerate(_blocks(stream)):
        non_ascii += len(block.translate(None, ascii_bytes))
        # One replacement character per invalid byte (or invalid run): enough to tell the two cases apart.
        bad += lenient.decode(block).count("\ufffd") - block.count("\ufffd".encode())
        if i == 0 and non_ascii > 1000 and non_ascii - bad < 0.05 * non_ascii:
            break  # a first block of Windows-1258 throughout: no need to read on
    bad += lenient.decode(b"", final=True).count("\ufffd")
    if non_ascii - bad < 0.05 * non_ascii:  # hardly any valid UTF-8 sequences: a Windows-1258 file
        return "cp1258", [], lambda b, final=False: b.decode("cp1258", errors="replace")
    note = t("ingest.mixed_encodings", count=bad)
    dec = codecs.getincrementaldecoder("utf-8")(errors="sangkien_cp1258")
    return "utf-8+cp1258", [note], dec.decode


def _line_blocks(stream: BinaryIO, skip: int, decode, counts: dict[str, int]) -> Iterator[str]:
    """Decoded text in blocks of whole lines, NUL gone, '\\n' line ends, NFC, 'Đ' for its lookalikes."""
    carry = ""
    for block in [*_blocks(stream, skip), None]:
        text = carry + (decode(block) if block is not None else decode(b"", True))
        hold = ""
        if block is not None and text.endswith("\r"):  # its '\n' may start the next block
            text, hold = text[:-1], "\r"
        if "\x00" in text:
            counts["nul"] += text.count("\x00")
            text = text.replace("\x00", "")
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        cut = text.rfind("\n") + 1 if block is not None else len(text)
        text, carry = text[:cut], text[cut:] + hold
        if not text:
            continue
        # Windows-1258 writes tone marks as combining characters: NFC joins them (lines are independent).
        # The check is far cheaper than normalising text that is NFC, and as dear as it where it is not:
        # a start that is not NFC (Windows-1258 throughout) is normalised without it.
        if not unicodedata.is_normalized("NFC", text[:NFC_PROBE]) or not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        if "\u00d0" in text or "\u00f0" in text:
            text = text.translate(LOOKALIKES)
        yield text


def _rewrite(stream: BinaryIO, skip: int, decode, out: str) -> tuple[str, str, int, int]:
    """The fixed text written to ``out``: (first block, delimiter, lines, NUL characters dropped).

    DuckDB drops empty lines; a line of one delimiter keeps the row (and the numbering). Empty lines
    at the end are dropped.
    """
    counts = {"nul": 0}
    blocks = _line_blocks(stream, skip, decode, counts)
    head: list[str] = []  # the first blocks, up to SNIFF characters: what the delimiter is sniffed from
    for text in blocks:
        head.append(text)
        if sum(map(len, head)) >= SNIFF:
            break
    first = "".join(head)
    delim, pending, lines = sniff_delimiter(first), 0, 0
    with open(out, "w", encoding="utf-8", newline="") as fh:
        for text in itertools.chain(head, blocks):
            body = text.rstrip("\n")
            trailing = len(text) - len(body)
            if not body:
                pending += trailing
                continue
            if "\n\n" in body or "\n " in body or body[0] in " \n":
                body = _BLANK_LINE.sub(delim, body)
            body = (delim + "\n") * pending + body
            pending = max(trailing - 1, 0)
            fh.write(body + "\n")
            lines += body.count("\n") + 1
    return first, delim, lines, counts["nul"]


def prepare(source: bytes | Path, fix: bool = False) -> Prepared:
    """A file DuckDB can read, with what its start shows (delimiter, width) and the notes.

    A UTF-8 file without CR or NUL is read as it is written (DuckDB checks its encoding, SQL makes its
    cells NFC); ``fix`` (or any other file) decodes it in Python, block by block, into a temporary copy.
    """
    with open(source, "rb") if isinstance(source, Path) else io.BytesIO(source) as stream:
        encoding, skip = _encoding(stream.read(4000))
        notes: list[str] = []
        start = _utf8_start(stream) if encoding == "utf-8" else None
        if start is not None and not fix:
            lines, plain = _count_lines(stream)
            if plain:
                return _prepared_in_place(source, start, lines)
        if encoding == "utf-8":
            valid = start is not None and _valid_utf8(stream)
            if valid:
                decode = codecs.getincrementaldecoder("utf-8")().decode
            else:
                encoding, notes, decode = _not_utf8(stream)
        else:
            decode = codecs.getincrementaldecoder(encoding.replace("-sig", ""))(errors="replace").decode
        fd, tmp = tempfile.mkstemp(suffix=".csv")
        os.close(fd)
        try:
            first, delim, lines, nul = _rewrite(stream, skip, decode, tmp)
            _check_text(first)
            if nul:
                notes.append(t("ingest.nul_dropped", count=nul))
            return Prepared(tmp, encoding, delim, _width(first, delim), lines, notes, True)
        except BaseException:
            os.unlink(tmp)
            raise


def _utf8_start(stream: BinaryIO) -> str | None:
    """The file's start cut at its last whole line, or None when it is not UTF-8 (a Windows-1258
    export shows it at once: no read by DuckDB first)."""
    stream.seek(0)
    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(stream.read(SNIFF))
    except UnicodeDecodeError:
        return None
    cut = text.rfind("\n") + 1
    return text[:cut] if cut else text


def _count_lines(stream: BinaryIO) -> tuple[int, bool]:
    """(lines DuckDB will read, no CR and no NUL), at the speed of ``memchr``: empty lines at the end aside."""
    lines, plain, last = 0, True, b""
    for block in _blocks(stream):
        lines += block.count(b"\n")
        plain = plain and b"\r" not in block and b"\x00" not in block
        last = block[-65536:] if len(block) >= 65536 else (last + block)[-65536:]
    ending = len(last) - len(last.rstrip(b"\n"))
    return lines - max(ending - 1, 0) + (0 if ending else 1), plain


def _prepared_in_place(source: bytes | Path, first: str, lines: int) -> Prepared:
    _check_text(first)
    delim = sniff_delimiter(first)
    width = _width(first, delim)
    if isinstance(source, Path):
        return Prepared(str(source), "utf-8", delim, width, lines, [], False, True)
    fd, tmp = tempfile.mkstemp(suffix=".csv")
    with os.fdopen(fd, "wb") as fh:
        fh.write(source)
    return Prepared(tmp, "utf-8", delim, width, lines, [], True, True)


def _check_text(first: str) -> None:
    if not first.strip():
        raise ReadError(N_("ingest.empty_file"))
    sample = first[:65536]
    if sample and len(_CONTROL.findall(sample)) > 0.01 * len(sample):
        raise ReadError(N_("ingest.not_text"))


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines most consistently."""
    lines = [ln for ln in text[:1_000_000].split("\n", 50)[:50] if ln.strip()]
    best, best_score = ",", -1.0
    for delim in ("\t", ";", ",", "|"):
        counts = [ln.count(delim) for ln in lines]
        if not counts or max(counts) == 0:
            continue
        top = max(counts)
        score = sum(1 for c in counts if c == top) / len(counts) * (1 + math.log(top + 1))
        if score > best_score:
            best, best_score = delim, score
    return best


def _width(text: str, delim: str) -> int:
    """Fields in the widest of the first 2.000 rows (quotes respected where the quoting is sound)."""
    csv.field_size_limit(4 * MAX_LINE_BYTES)  # the process-wide default (128 KiB) is below our line limit
    width = 1
    try:
        for i, row in enumerate(csv.reader(io.StringIO(text[:50_000_000], newline=""), delimiter=delim)):
            width = max(width, len(row))
            if i > 2000:
                break
    except csv.Error:  # broken quoting: count delimiters instead; DuckDB rejects the broken lines
        width = max(line.count(delim) + 1 for line in text.split("\n", 2001)[:2001])
    return width
