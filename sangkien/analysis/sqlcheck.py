"""What the SQL box accepts: one read-only statement, checked on DuckDB's own parse tree, and no
function that tells about the server.
"""

from __future__ import annotations

import json
from functools import cache

import duckdb

HIDDEN = {
    "duckdb_databases",
    "pragma_database_list",
    "database_list",
    "duckdb_settings",
    "current_setting",
    "duckdb_extensions",
    "duckdb_secrets",
    "which_secret",
    "duckdb_temporary_files",
    "duckdb_external_file_cache",
    "pragma_storage_info",
    "pragma_metadata_info",
    "duckdb_log",
    "duckdb_logs",
}


MSG_EMPTY = "Chưa có câu lệnh SQL nào."


MSG_ONE = "Chỉ chạy được một câu lệnh mỗi lần."


MSG_READ_ONLY = "Chỉ được đọc dữ liệu (SELECT); câu lệnh này bị từ chối."


MSG_HIDDEN = "Hàm {name} cho biết thông tin của máy chủ nên không dùng được trong ô truy vấn."


def check_statement(sql: str) -> str | None:
    """Why ``sql`` may not run (a Vietnamese message), or None; DuckDB's parser decides."""
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        return explain_error(type(exc).__name__, str(exc), "")
    if not statements:
        return MSG_EMPTY
    if len(statements) > 1:
        return MSG_ONE
    if statements[0].type != duckdb.StatementType.SELECT:
        return MSG_READ_ONLY
    used = names_used(sql)
    hidden = sorted(used & HIDDEN)
    return MSG_HIDDEN.format(name=hidden[0]) if hidden else None


def names_used(sql: str) -> set[str]:
    """Every function and table name in the statement, from DuckDB's own parse tree."""
    con = parser().cursor()
    try:
        tree = json.loads(con.execute("select json_serialize_sql($q)", {"q": sql}).fetchone()[0])
    finally:
        con.close()
    names: set[str] = set()
    todo = [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("function_name", "table_name") and isinstance(value, str):
                    names.add(value.lower())
                todo.append(value)
        elif isinstance(node, list):
            todo.extend(node)
    return names


@cache
def parser() -> duckdb.DuckDBPyConnection:
    """An empty connection used only to parse (``json_serialize_sql`` needs one)."""
    return duckdb.connect(config={"autoload_known_extensions": False, "autoinstall_known_extensions": False})


_MESSAGES: list[tuple[str, str]] = [
    ("ParserException", "Câu lệnh SQL viết chưa đúng cú pháp."),
    ("PermissionException", "Không được đọc, ghi tệp hay dùng tiện ích mở rộng từ ô truy vấn."),
    ("CatalogException", "Không có bảng, cột hay hàm được nhắc tới."),
    ("BinderException", "Truy vấn không hợp lệ (tên cột, kiểu dữ liệu…)."),
    ("OutOfMemoryException", "Truy vấn cần quá nhiều bộ nhớ (giới hạn {memory_limit})."),
]


def explain_error(kind: str, message: str, memory_limit: str) -> str:
    plain = next((msg for k, msg in _MESSAGES if k == kind), "Truy vấn bị lỗi.")
    return f"{plain.format(memory_limit=memory_limit)}\n{message}"
