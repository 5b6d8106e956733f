"""What one uploaded file may hold, and the error every reader raises.

The limits are stated to users (next to the uploader, in the README) and checked
before memory grows: the file's size before it is read, a zip's sizes from its
directory and again while it is decompressed, rows and columns before a grid is
built, cells while they are read.
"""

from __future__ import annotations

import copy
import io
import zipfile

from sangkien.i18n import N_, t
from sangkien.ingest.reasons import Message
from sangkien.ingest.reasons import size_text as size_text  # re-exported

MAX_FILE_BYTES = 1024**3  # 1 GB, also Streamlit's server.maxUploadSize (in MB)
MAX_ROWS = 6_000_000
MAX_COLUMNS = 200
MAX_CELL_BYTES = 32 * 1024  # UTF-8 bytes of one cell
MAX_LINE_BYTES = MAX_COLUMNS * MAX_CELL_BYTES  # DuckDB's max_line_size: a longer line is a rejected row
MAX_UNZIPPED_BYTES = 2 * 1024**3  # a zip-based workbook (.xlsx, .xlsm, .xlsb, .ods) once decompressed
MAX_ZIP_MEMBERS = 10_000


class ReadError(Exception):
    """A file that cannot be read at all: ``code`` and ``params`` (a catalogue key and its values),
    ``str()`` their text in the current language, ``detail`` the technical cause for the curious."""

    def __init__(self, code: str, detail: str | None = None, /, **params: object):
        super().__init__(code, detail, params)
        self.code, self.detail, self.params = code, detail, params

    @property
    def message(self) -> Message:
        return Message(self.code, self.params)

    def __str__(self) -> str:
        return str(self.message)

    def __reduce__(self):  # across a process boundary (``isolate``) with its parameters
        return (_read_error, (self.code, self.detail, self.params))


def _read_error(code: str, detail: str | None, params: dict) -> ReadError:
    return ReadError(code, detail, **params)


def stated() -> str:
    """The limits in one sentence, as shown next to the uploader."""
    return t(
        "ingest.limits_stated",
        file="1 GB",
        rows=count_text(MAX_ROWS),
        columns=MAX_COLUMNS,
        cell=f"{MAX_CELL_BYTES // 1024} KiB",
        unzipped=f"{MAX_UNZIPPED_BYTES // 1024**3} GiB",
    )


def count_text(n: int) -> str:
    """6000000 -> '6.000.000' ('6,000,000' in English)."""
    from sangkien.fmt import num

    return num(n)


def check_file_size(n: int) -> None:
    if n > MAX_FILE_BYTES:
        raise ReadError(N_("ingest.file_too_large"), size=n)


def check_zip(data: bytes) -> None:
    """Refuse a zip-based workbook that is corrupt or would decompress past the limit (a zip bomb).

    The directory's declared sizes are checked first, then the bytes are counted while
    every member is decompressed, since declared sizes can lie.
    """
    corrupt = N_("ingest.excel_unzip_failed")
    too_big = N_("ingest.excel_unzipped_too_large")
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
        members = book.infolist()
    except Exception as exc:  # noqa: BLE001 - zipfile raises many types for a damaged archive
        raise ReadError(corrupt, f"{type(exc).__name__}: {exc}") from exc
    if len(members) > MAX_ZIP_MEMBERS:
        raise ReadError(N_("ingest.zip_too_many_members"), members=str(len(members)))
    declared = sum(m.file_size for m in members)
    if declared > MAX_UNZIPPED_BYTES:
        raise ReadError(too_big, f"declared uncompressed size {declared} bytes")
    total = 0
    try:
        for member in members:
            # Read on past the declared size (zipfile stops there), so that a member that lies is counted.
            unbounded = copy.copy(member)
            unbounded.file_size = MAX_UNZIPPED_BYTES + 1
            with book.open(unbounded) as fh:
                while chunk := fh.read(1 << 20):
                    total += len(chunk)
                    if total > MAX_UNZIPPED_BYTES:
                        raise ReadError(too_big, f"more than {MAX_UNZIPPED_BYTES} bytes while decompressing")
    except ReadError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged member: bad CRC, unknown method, encrypted
        raise ReadError(corrupt, f"{type(exc).__name__}: {exc}") from exc
