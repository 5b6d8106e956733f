"""What the SQL box accepts: one read-only statement, checked on DuckDB's own parse tree, and no
function that tells about the server.
"""

from __future__ import annotations

import json
from functools import cache

import duckdb

from sangkien.i18n import N_, module_texts, t

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


# The refusals' keys; ``MSG_EMPTY`` etc. read from the module give their text in the current language.
KEYS = {
    "MSG_EMPTY": N_("sqlbox.empty"),
    "MSG_ONE": N_("sqlbox.one"),
    "MSG_READ_ONLY": N_("sqlbox.read_only"),
    "MSG_HIDDEN": N_("sqlbox.hidden"),
}


__getattr__ = module_texts(KEYS)  # ``MSG_…``: its text in the current language (tests compare with it)


def check_statement(sql: str) -> str | None:
    """Why ``sql`` may not run (a message in the current language), or None; DuckDB's parser decides."""
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        return explain_error(type(exc).__name__, str(exc), "")
    if not statements:
        return t("sqlbox.empty")
    if len(statements) > 1:
        return t("sqlbox.one")
    if statements[0].type != duckdb.StatementType.SELECT:
        return t("sqlbox.read_only")
    used = names_used(sql)
    hidden = sorted(used & HIDDEN)
    return t("sqlbox.hidden", name=hidden[0]) if hidden else None


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


_MESSAGES: list[tuple[str, str]] = [  # DuckDB's kind of error -> the key of its plain message
    ("ParserException", N_("sqlbox.error_syntax")),
    ("PermissionException", N_("sqlbox.error_permission")),
    ("CatalogException", N_("sqlbox.error_catalog")),
    ("BinderException", N_("sqlbox.error_binder")),
    ("OutOfMemoryException", N_("sqlbox.error_memory")),
]


def explain_error(kind: str, message: str, memory_limit: str) -> str:
    """The plain message of DuckDB's error ``kind`` in the current language, DuckDB's own words beneath."""
    key = next((k for name, k in _MESSAGES if name == kind), N_("sqlbox.error_other"))
    return t(key, memory_limit=memory_limit) + "\n" + message
