"""One way to run SQL: named ``$parameters`` for values, one helper for identifiers.

Query files live in ``queries/<question>.sql``; their header comment gives the
grain and the parameters. Values are always bound, never formatted in.
"""

from __future__ import annotations

import re
from functools import cache

import duckdb
import pandas as pd

from sangkien.paths import QUERIES_DIR

_PARAM_RE = re.compile(r"\$([a-z_][a-z0-9_]*)")


class UnknownIdentifier(ValueError):
    pass


def quote_ident(name: str, allowed: set[str] | list[str] | None = None) -> str:
    """Quote a table or column name; when ``allowed`` is given it must be one of them."""
    if allowed is not None and name not in allowed:
        raise UnknownIdentifier(f"Không có cột hoặc bảng tên '{name}'.")
    return '"' + str(name).replace('"', '""') + '"'


@cache
def query_text(name: str) -> str:
    path = QUERIES_DIR / f"{name}.sql"
    if not path.exists():
        raise FileNotFoundError(f"queries/{name}.sql")
    return path.read_text(encoding="utf-8")


def query_params(name: str) -> set[str]:
    """The $parameters a query file uses (comments excluded)."""
    body = "\n".join(line.split("--", 1)[0] for line in query_text(name).splitlines())
    return set(_PARAM_RE.findall(body))


def execute(con: duckdb.DuckDBPyConnection, sql: str, params: dict | None = None) -> pd.DataFrame:
    """Run one statement with named parameters on a cursor of ``con``; return a DataFrame."""
    cur = con.cursor()
    try:
        return cur.execute(sql, params or {}).df()
    finally:
        cur.close()


def run_query(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> pd.DataFrame:
    """Run ``queries/<name>.sql``; exactly the parameters it declares must be given."""
    wanted = query_params(name)
    missing, extra = wanted - params.keys(), params.keys() - wanted
    if missing or extra:
        raise TypeError(f"{name}.sql: missing {sorted(missing)}, unexpected {sorted(extra)}")
    return execute(con, query_text(name), {k: params[k] for k in wanted})
