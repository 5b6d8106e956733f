"""One way to run SQL: named ``$parameters`` for values, one helper for identifiers.

Query files live in ``queries/<question>.sql``; their header comment gives the
grain and the parameters. Values are always bound, never formatted in.

Logic several queries share is written once in ``queries/include/<name>.sql`` (one CTE and its
comma) and pulled in by a line ``-- include: <name>``, the way dbt's ``ref`` works; an include may
include others, each is expanded once. The domain's constants (``$valid_status`` and the like)
are bound by ``run_query`` itself, from ``ingest.schema``.
"""

from __future__ import annotations

import re
from functools import cache

import duckdb
import pandas as pd

from sangkien.i18n import t
from sangkien.ingest import schema
from sangkien.paths import QUERIES_DIR

INCLUDE_RE = re.compile(r"^[ \t]*-- include: ([a-z_]+)[ \t]*$", re.M)
# Values every query may use without its caller passing them.
CONSTANTS = {
    "valid_status": schema.STATUS_VALID,
    "review_status": schema.STATUS_REVIEW,
    "invalid_status": schema.STATUS_INVALID,
    "big_benefit_vnd": schema.BIG_BENEFIT_VND,
    "channel_written": schema.CHANNEL_WRITTEN,
    "channel_direct": schema.CHANNEL_DIRECT,
}

_PARAM_RE = re.compile(r"\$([a-z_][a-z0-9_]*)")


class UnknownIdentifier(ValueError):
    pass


def quote_ident(name: str, allowed: set[str] | list[str] | None = None) -> str:
    """Quote a table or column name; when ``allowed`` is given it must be one of them."""
    if allowed is not None and name not in allowed:
        raise UnknownIdentifier(t("db.no_such_name", name=name))
    return '"' + str(name).replace('"', '""') + '"'


def _read(relative: str) -> str:
    path = QUERIES_DIR / relative
    if not path.exists():
        raise FileNotFoundError(f"queries/{relative}")
    return path.read_text(encoding="utf-8")


def expand(text: str, seen: set[str] | None = None) -> str:
    """Replace each ``-- include: name`` line by ``queries/include/name.sql``, once per name."""
    seen = set() if seen is None else seen

    def one(match: re.Match) -> str:
        name = match.group(1)
        if name in seen:
            return ""
        seen.add(name)
        return expand(_read(f"include/{name}.sql"), seen).rstrip("\n")

    return INCLUDE_RE.sub(one, text)


@cache
def query_text(name: str) -> str:
    """The SQL of ``queries/<name>.sql`` with its includes expanded."""
    return expand(_read(f"{name}.sql"))


def query_params(name: str) -> set[str]:
    """The $parameters a caller gives a query file (comments and constants excluded)."""
    return set(_used_params(name) - CONSTANTS.keys())


@cache
def _used_params(name: str) -> frozenset[str]:
    """Every $name in the expanded text (comments excluded), read once per query file."""
    body = "\n".join(line.split("--", 1)[0] for line in query_text(name).splitlines())
    return frozenset(_PARAM_RE.findall(body))


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
    used = _used_params(name)
    values = {k: params[k] for k in wanted} | {k: v for k, v in CONSTANTS.items() if k in used}
    return execute(con, query_text(name), values)
