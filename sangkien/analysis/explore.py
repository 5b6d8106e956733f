"""The analysts' explorer: SQL built from choices, identifiers checked against the table, values as parameters.

Nothing a user types becomes SQL text: column and table names must be among the table's own columns
(``quote_ident`` with the allowed set), operators and aggregates come from fixed lists, and every value
is a ``$pN`` parameter. The SQL is returned beside its parameters so the page can show what ran.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb
import pandas as pd

from sangkien import columns
from sangkien.db import execute, quote_ident
from sangkien.i18n import N_, t

# Labels are keys of the catalogues (``t(TABLES[name])`` where they are shown).
TABLES = {
    "initiatives": N_("explore.table_initiatives"),
    "units": N_("explore.table_units"),
    "reported_totals": N_("explore.table_reported_totals"),
    "contest_results": N_("explore.table_contest_results"),
    "awards": N_("explore.table_awards"),
    "works": N_("explore.table_works"),
    "opinions": N_("explore.table_opinions"),
    "campaigns": N_("explore.table_campaigns"),
    "aliases": N_("explore.table_aliases"),
    "_rejects": N_("explore.table_rejects"),
}
OPERATORS = {
    "in": N_("explore.op_in"),
    "between": N_("explore.op_between"),
    "contains": N_("explore.op_contains"),
    "empty": N_("explore.op_empty"),
    "not_empty": N_("explore.op_not_empty"),
}
AGGREGATES = {
    "count": N_("explore.agg_count"),
    "sum": N_("explore.agg_sum"),
    "avg": N_("explore.agg_avg"),
    "count_distinct": N_("explore.agg_count_distinct"),
}
ROW_LIMIT = 10_000


@dataclass
class Condition:
    column: str
    op: str
    values: list = field(default_factory=list)


@dataclass
class Query:
    sql: str
    params: dict


def table_columns(con: duckdb.DuckDBPyConnection, table: str) -> pd.DataFrame:
    """Columns of a table of the version with their DuckDB types (the allowed identifiers)."""
    if table not in TABLES:
        raise ValueError(t("explore.error_table", table=table))
    return execute(
        con,
        "select column_name as column, data_type as type from information_schema.columns "
        "where table_name = $table order by ordinal_position",
        {"table": table},
    )


def profile(con: duckdb.DuckDBPyConnection, table: str) -> pd.DataFrame:
    """Each column: type, how many values are empty, a few example values (headers from the registry)."""
    cols = table_columns(con, table)
    allowed = set(cols["column"])
    tbl = quote_ident(table, set(TABLES))
    names = [quote_ident(n, allowed) for n in cols["column"]]
    # one scan for the row count and every column's empty cells, not one query per column
    counts = execute(con, f"select count(*), {', '.join(f'count(*) - count({c})' for c in names)} from {tbl}")  # noqa: S608
    total, empties = int(counts.iloc[0, 0]), counts.iloc[0, 1:].tolist()
    rows = []
    for name, typ, c, empty in zip(cols["column"], cols["type"], names, empties, strict=True):
        examples = execute(con, f"select distinct {c} as v from {tbl} where {c} is not null limit 3")["v"]  # noqa: S608
        rows.append((name, typ, int(empty), ", ".join(map(str, examples))))
    raw = pd.DataFrame(rows, columns=["column", "type", "empty", "examples"])
    frame = columns.table(
        raw, [("column_name", "column"), ("column_type", "type"), ("empty_cells", "empty"), ("examples", "examples")]
    )
    frame.attrs["rows"] = total
    return frame


def build(
    table: str,
    columns: list[str],
    conditions: list[Condition],
    group_by: list[str],
    aggregate: str,
    measure: str | None,
    limit: int = ROW_LIMIT,
) -> Query:
    """The SELECT for the choices: filters, then a pivot when ``group_by`` is given, else the rows."""
    allowed = set(columns)
    tbl = quote_ident(table, set(TABLES))
    where, params = [], {}
    for i, cond in enumerate(conditions):
        c = quote_ident(cond.column, allowed)
        if cond.op == "in" and cond.values:
            params[f"p{i}"] = [str(v) for v in cond.values]
            where.append(f"cast({c} as varchar) in (select unnest(${f'p{i}'}))")
        elif cond.op == "between" and len(cond.values) == 2:
            params[f"p{i}a"], params[f"p{i}b"] = cond.values
            where.append(f"{c} between ${f'p{i}a'} and ${f'p{i}b'}")
        elif cond.op == "contains" and cond.values and cond.values[0]:
            params[f"p{i}"] = str(cond.values[0])
            where.append(f"cast({c} as varchar) ilike '%' || ${f'p{i}'} || '%'")
        elif cond.op == "empty":
            where.append(f"{c} is null")
        elif cond.op == "not_empty":
            where.append(f"{c} is not null")
        elif cond.op not in OPERATORS:
            raise ValueError(t("explore.error_operator", op=cond.op))
    where_sql = ("\nwhere " + "\n    and ".join(where)) if where else ""
    if not group_by:
        sql = f"select *\nfrom {tbl}{where_sql}\nlimit {int(limit)}"
        return Query(sql, params)
    if len(group_by) > 2:
        raise ValueError(t("explore.error_group_by"))
    groups = [quote_ident(g, allowed) for g in group_by]
    if aggregate == "count":
        agg = "count(*)"
    elif aggregate not in AGGREGATES or measure is None:
        raise ValueError(t("explore.error_measure"))
    else:
        m = quote_ident(measure, allowed)
        agg = {"sum": f"sum({m})", "avg": f"avg({m})", "count_distinct": f"count(distinct {m})"}[aggregate]
    group_list = ", ".join(groups)
    header = t(AGGREGATES[aggregate])  # the result's column: the aggregate's name in the run's language
    sql = (
        f"select {group_list}, {agg} as {quote_ident(header)}\nfrom {tbl}{where_sql}\n"
        f"group by {group_list}\norder by 1{', 2' if len(groups) > 1 else ''}\nlimit {int(limit)}"
    )
    return Query(sql, params)


def run(con: duckdb.DuckDBPyConnection, query: Query) -> pd.DataFrame:
    return execute(con, query.sql, query.params)


def chart_kind(result: pd.DataFrame, group_by: list[str]) -> str | None:
    """bar for one category, line for a date, treemap for two levels; None when there is nothing to draw."""
    if not group_by or result.empty:
        return None
    if len(group_by) == 2:
        return "treemap"
    first = result[group_by[0]]
    if pd.api.types.is_datetime64_any_dtype(first) or first.map(lambda v: hasattr(v, "isoformat")).all():
        return "line"
    return "bar"


def as_text(query: Query) -> str:
    """The SQL with its parameters written out, to copy into the SQL box (values quoted as literals)."""
    text = query.sql
    for name in sorted(query.params, key=len, reverse=True):
        value = query.params[name]
        if isinstance(value, list):
            literal = "[" + ", ".join("'" + str(v).replace("'", "''") + "'" for v in value) + "]"
        elif isinstance(value, int | float):
            literal = repr(value)
        else:
            literal = "'" + str(value).replace("'", "''") + "'"
        text = text.replace(f"${name}", literal)
    return text
