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

MAX_FILE_BYTES = 1024**3  # 1 GB, also Streamlit's server.maxUploadSize (in MB)
MAX_ROWS = 6_000_000
MAX_COLUMNS = 200
MAX_CELL_BYTES = 32 * 1024  # UTF-8 bytes of one cell
MAX_LINE_BYTES = MAX_COLUMNS * MAX_CELL_BYTES  # DuckDB's max_line_size: a longer line is a rejected row
MAX_UNZIPPED_BYTES = 2 * 1024**3  # a zip-based workbook (.xlsx, .xlsm, .xlsb, .ods) once decompressed
MAX_ZIP_MEMBERS = 10_000


class ReadError(Exception):
    """A file that cannot be read at all: ``str()`` is for the user (Vietnamese), ``detail`` for the curious."""

    def __init__(self, message: str, detail: str | None = None):
        super().__init__(message)
        self.detail = detail


def stated() -> str:
    """The limits in one Vietnamese sentence, as shown next to the uploader."""
    return (
        "Giới hạn mỗi tệp: 1 GB; tối đa 6.000.000 dòng, 200 cột, 32 KiB mỗi ô; tệp Excel/ODS khi giải nén tối đa 2 GiB."
    )


def size_text(n: int) -> str:
    """Bytes as a user reads them: '1,5 GB', '12 MB', '800 KB'."""
    for unit, size in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if n >= size:
            value = n / size
            text = f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")
            return f"{text} {unit}"
    return f"{n} byte"


def count_text(n: int) -> str:
    """6000000 -> '6.000.000' (the dots only in the number, not in the sentence around it)."""
    return f"{n:,}".replace(",", ".")


def check_file_size(n: int) -> None:
    if n > MAX_FILE_BYTES:
        raise ReadError(f"Tệp nặng {size_text(n)}, vượt giới hạn 1 GB mỗi tệp.")


def check_zip(data: bytes) -> None:
    """Refuse a zip-based workbook that is corrupt or would decompress past the limit (a zip bomb).

    The directory's declared sizes are checked first, then the bytes are counted while
    every member is decompressed, since declared sizes can lie.
    """
    corrupt = "Không mở được tệp Excel: tệp bị hỏng (không giải nén được nội dung của tệp)."
    too_big = "Tệp Excel/ODS khi giải nén vượt giới hạn 2 GiB (có thể là tệp nén bất thường)."
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
        members = book.infolist()
    except Exception as exc:  # noqa: BLE001 - zipfile raises many types for a damaged archive
        raise ReadError(corrupt, f"{type(exc).__name__}: {exc}") from exc
    if len(members) > MAX_ZIP_MEMBERS:
        raise ReadError(f"Tệp Excel/ODS có {len(members)} phần nén, quá nhiều để là một bảng tính.")
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
