"""The explorer's panels: filters on a table, its profile, the sandboxed SQL box."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping

import pandas as pd
import streamlit as st

from sangkien import columns as registry
from sangkien import fmt, i18n
from sangkien.analysis.explore import OPERATORS, TABLES, Condition, profile
from sangkien.analysis.sqlbox import run_user_sql
from sangkien.db import execute, quote_ident
from sangkien.i18n import t, tn
from sangkien.ingest.schema import code_labels
from sangkien.store.reading import Dataset
from sangkien.ui.widgets import downloads


def labeller(keys: Mapping[str, str]) -> Callable[[str], str]:
    """A ``format_func`` for options whose labels are catalogue keys (``keys[option]``)."""
    return i18n.bound(lambda option: t(keys[option]))


def explore_filters(ds: Dataset, table: str, profile: pd.DataFrame) -> list:
    """Up to three filter rows: a column, an operator, and a value widget that fits the column's type."""
    conditions = []
    names = profile[registry.label("column_name")]
    columns = names.tolist()
    types = dict(zip(names, profile[registry.label("column_type")], strict=True))
    count = st.number_input(t("explorer.filter_count"), 0, 3, 0, key=f"ex_nfilters_{table}")
    for i in range(int(count)):
        a, b, c = st.columns([2, 2, 4])
        column = a.selectbox(t("explorer.column"), columns, key=f"ex_fcol_{table}_{i}")
        op = b.selectbox(
            t("explorer.operator"), list(OPERATORS), format_func=labeller(OPERATORS), key=f"ex_fop_{table}_{i}"
        )
        values: list = []
        if op == "in":
            options = _distinct_values(ds, table, column, set(columns))
            labels = code_labels(table, column)  # in this run's language
            values = c.multiselect(
                t("explorer.values"),
                options,
                format_func=i18n.bound(lambda v, labels=labels: labels[v] + f" ({v})" if v in labels else v),
                key=f"ex_fval_{table}_{i}_{column}",
            )
        elif op == "between":
            typ = types[column]
            if typ in ("DATE", "TIMESTAMP"):
                picked = c.date_input(
                    t("explorer.range"), value=(), format="DD/MM/YYYY", key=f"ex_fval_{table}_{i}_{column}"
                )
                values = list(picked) if len(picked) == 2 else []
            else:
                lo = c.number_input(t("explorer.from"), value=0.0, key=f"ex_flo_{table}_{i}_{column}")
                hi = c.number_input(t("explorer.to"), value=0.0, key=f"ex_fhi_{table}_{i}_{column}")
                values = [lo, hi]
        elif op == "contains":
            values = [c.text_input(t("explorer.contains"), key=f"ex_fval_{table}_{i}_{column}")]
        conditions.append(Condition(column, op, values))
    return conditions


def _distinct_values(ds: Dataset, table: str, column: str, allowed: set[str], limit: int = 500) -> list:
    """The most frequent values of a column (``allowed``: the table's columns, from its profile)."""
    c, t = quote_ident(column, allowed), quote_ident(table, set(TABLES))
    with ds.cursor() as cur:
        frame = execute(
            cur,
            f"select cast({c} as varchar) as v, count(*) as n from {t} where {c} is not null "  # noqa: S608
            f"group by 1 order by n desc limit {int(limit)}",
        )
    return frame["v"].tolist()


def sql_box(ds: Dataset, sql: str) -> None:
    """Run the analyst's SQL on its own locked-down connection; errors plainly, DuckDB's words beneath."""
    session = st.session_state.setdefault("_sql_session", secrets.token_hex(8))  # this browser session only
    result = run_user_sql(ds.path, sql, session=session)
    if result.error:
        st.error(result.error)
        return
    parts = [tn("explorer.sql_rows", result.total_rows or 0, seconds=fmt.num(result.seconds, 2))]
    if result.total_rows and result.total_rows > len(result.frame):
        parts.append(t("explorer.sql_first_rows", rows=fmt.num(len(result.frame))))
    if result.truncated:
        parts.append(t("explorer.sql_cut", rows=fmt.num(result.total_rows)))
    st.caption(" — ".join(parts))
    if result.note:
        st.warning(result.note)
    st.dataframe(result.frame, hide_index=True, width="stretch", key="ex_sql_result")
    downloads(result.frame, t("explorer.sql_file"), "ex_sql_dl")


def table_profile(ds: Dataset, table: str) -> pd.DataFrame:
    """The explorer's column profile, computed once per version, table and language (versions never change)."""
    store = st.session_state.setdefault("_profiles", {})
    key = (str(ds.path), table, i18n.lang())
    if key not in store:
        with ds.cursor() as cur:
            store[key] = profile(cur, table)
    return store[key]
