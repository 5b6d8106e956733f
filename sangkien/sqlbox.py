"""The SQL box: run one read-only SELECT of a user's on a published version, in a sandbox.

Two layers refuse what a user must not do:

* DuckDB's parser (``duckdb.extract_statements``): exactly one statement, of type SELECT
  (``WITH … SELECT``, ``VALUES``, ``FROM t``, ``SHOW``/``DESCRIBE`` parse as SELECT too).
* DuckDB's own configuration on a fresh in-memory connection per query: the version file
  attached READ_ONLY, no file system access (``read_csv``, ``COPY``, ``ATTACH``, ``INSTALL``),
  no extension loading, no Python replacement scans, then the configuration locked.

A time limit interrupts the query; the connection is closed after every query.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

THREADS = 2
GRACE_S = 5.0  # how long to wait for an interrupted query to stop

MSG_EMPTY = "Chưa có câu lệnh SQL nào."
MSG_ONE = "Chỉ chạy được một câu lệnh mỗi lần."
MSG_READ_ONLY = "Chỉ được đọc dữ liệu (SELECT); câu lệnh này bị từ chối."
MSG_TIMEOUT = "Truy vấn chạy quá {timeout_s:g} giây nên đã bị dừng."

_MESSAGES: list[tuple[type[duckdb.Error], str]] = [
    (duckdb.ParserException, "Câu lệnh SQL viết chưa đúng cú pháp."),
    (duckdb.PermissionException, "Không được đọc, ghi tệp hay dùng tiện ích mở rộng từ ô truy vấn."),
    (duckdb.CatalogException, "Không có bảng, cột hay hàm được nhắc tới."),
    (duckdb.BinderException, "Truy vấn không hợp lệ (tên cột, kiểu dữ liệu…)."),
    (duckdb.OutOfMemoryException, "Truy vấn cần quá nhiều bộ nhớ (giới hạn {memory_limit})."),
]


@dataclass
class SqlResult:
    frame: pd.DataFrame | None  # at most `show` rows
    total_rows: int | None  # rows the query returned (up to the download cap)
    truncated: bool
    error: str | None  # plain Vietnamese, DuckDB's message after a newline
    seconds: float


def _explain(exc: duckdb.Error, memory_limit: str) -> str:
    plain = next((msg for kind, msg in _MESSAGES if isinstance(exc, kind)), "Truy vấn bị lỗi.")
    return f"{plain.format(memory_limit=memory_limit)}\n{exc}"


def open_sandbox(version_path: Path, memory_limit: str = "1GB") -> duckdb.DuckDBPyConnection:
    """A fresh in-memory connection with the version file attached read-only as ``v``, locked down.

    In-memory because a second ``connect()`` to the file the app already holds open in this
    process, with another configuration, fails. ``temp_directory=''``: nothing spills to disk.
    """
    con = duckdb.connect(
        ":memory:",
        config={
            "threads": THREADS,
            "memory_limit": memory_limit,
            "temp_directory": "",
            "autoload_known_extensions": False,
            "autoinstall_known_extensions": False,
        },
    )
    try:
        # Order matters (checked with DuckDB 2.0.1): with enable_external_access=false, ATTACH of
        # any file is refused ("file system operations are disabled by configuration"). So the
        # version file is attached first; a file attached before the switch stays readable, every
        # other path is refused. Locking last keeps anyone from switching anything back.
        con.execute("ATTACH ? AS v (READ_ONLY)", [str(version_path)])
        con.execute("USE v")
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
    except BaseException:
        con.close()
        raise
    return con


def run_user_sql(
    version_path: Path,
    sql: str,
    *,
    timeout_s: float = 10.0,
    memory_limit: str = "1GB",
    show: int = 10_000,
    cap: int = 200_000,
) -> SqlResult:
    """Run the user's ``sql`` on the version file; never raises for a bad query."""
    start = time.perf_counter()

    def result(frame=None, total=None, truncated=False, error=None) -> SqlResult:
        return SqlResult(frame, total, truncated, error, time.perf_counter() - start)

    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        return result(error=_explain(exc, memory_limit))
    if not statements:
        return result(error=MSG_EMPTY)
    if len(statements) > 1:
        return result(error=MSG_ONE)
    statement = statements[0]
    if statement.type != duckdb.StatementType.SELECT:
        return result(error=MSG_READ_ONLY)

    try:
        con = open_sandbox(version_path, memory_limit)
    except duckdb.Error as exc:
        return result(error=f"Không mở được phiên bản dữ liệu.\n{exc}")

    out: dict[str, object] = {}
    lock = threading.Lock()  # interrupt() and close() never race

    def work() -> None:
        try:
            # The checked statement itself; the limit is a relation node, not text glued to SQL.
            out["frame"] = con.sql(statement).limit(cap + 1).df()
        except duckdb.Error as exc:
            out["error"] = exc
        finally:
            with lock:
                con.close()
                out["closed"] = True

    worker = threading.Thread(target=work, name="sqlbox", daemon=True)
    worker.start()
    worker.join(timeout_s)
    if worker.is_alive():
        with lock:
            if not out.get("closed"):
                con.interrupt()
        worker.join(GRACE_S)  # the worker closes the connection once the query stops
        return result(error=MSG_TIMEOUT.format(timeout_s=timeout_s))
    if "error" in out:
        return result(error=_explain(out["error"], memory_limit))
    frame = out["frame"]
    return result(frame.head(show), min(len(frame), cap), len(frame) > cap)
