"""The explorer's panels: filters on a table, its profile, the sandboxed SQL box."""

from __future__ import annotations

import secrets

import pandas as pd
import streamlit as st

from sangkien import fmt
from sangkien.analysis.explore import OPERATORS, TABLES, Condition, profile
from sangkien.analysis.sqlbox import run_user_sql
from sangkien.db import execute, quote_ident
from sangkien.ingest.schema import CODE_LABELS
from sangkien.store.reading import Dataset
from sangkien.ui.widgets import downloads


def explore_filters(ds: Dataset, table: str, profile: pd.DataFrame) -> list:
    """Up to three filter rows: a column, an operator, and a value widget that fits the column's type."""
    conditions = []
    columns = profile["Cột"].tolist()
    types = dict(zip(profile["Cột"], profile["Kiểu"], strict=True))
    count = st.number_input("Số điều kiện lọc", 0, 3, 0, key=f"ex_nfilters_{table}")
    for i in range(int(count)):
        a, b, c = st.columns([2, 2, 4])
        column = a.selectbox("Cột", columns, key=f"ex_fcol_{table}_{i}")
        op = b.selectbox("Phép lọc", list(OPERATORS), format_func=OPERATORS.get, key=f"ex_fop_{table}_{i}")
        values: list = []
        if op == "in":
            options = _distinct_values(ds, table, column, set(columns))
            labels = CODE_LABELS.get((table, column), {})
            values = c.multiselect(
                "Giá trị",
                options,
                format_func=lambda v, labels=labels: f"{labels[v]} ({v})" if v in labels else v,
                key=f"ex_fval_{table}_{i}_{column}",
            )
        elif op == "between":
            typ = types[column]
            if typ in ("DATE", "TIMESTAMP"):
                picked = c.date_input("Khoảng", value=(), format="DD/MM/YYYY", key=f"ex_fval_{table}_{i}_{column}")
                values = list(picked) if len(picked) == 2 else []
            else:
                lo = c.number_input("Từ", value=0.0, key=f"ex_flo_{table}_{i}_{column}")
                hi = c.number_input("Đến", value=0.0, key=f"ex_fhi_{table}_{i}_{column}")
                values = [lo, hi]
        elif op == "contains":
            values = [c.text_input("Có chứa", key=f"ex_fval_{table}_{i}_{column}")]
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
    st.caption(
        f"{fmt.num(result.total_rows)} dòng trong {fmt.num(result.seconds, 2)} giây"
        + (" — chỉ hiện 10.000 dòng đầu" if result.total_rows and result.total_rows > len(result.frame) else "")
        + (" — kết quả bị cắt ở 200.000 dòng" if result.truncated else "")
    )
    if result.note:
        st.warning(result.note)
    st.dataframe(result.frame, hide_index=True, width="stretch", key="ex_sql_result")
    downloads(result.frame, "ket_qua_sql", "ex_sql_dl")


def table_profile(ds: Dataset, table: str) -> pd.DataFrame:
    """The explorer's column profile, computed once per version and table (versions never change)."""
    store = st.session_state.setdefault("_profiles", {})
    if (str(ds.path), table) not in store:
        with ds.cursor() as cur:
            store[(str(ds.path), table)] = profile(cur, table)
    return store[(str(ds.path), table)]
