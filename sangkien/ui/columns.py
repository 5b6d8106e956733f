"""Tables on the pages: the registry's formats as Streamlit column configs, written the Vietnamese
way whatever the browser's locale (``1.682.000.000``, ``3,5``), and one ``show`` for every table.

Streamlit's ``localized`` format follows the browser (an English browser shows ``1,682,000,000``),
so whole numbers use a printf format with ``.`` as the thousands separator, and numbers with a
decimal digit are written by ``fmt`` through a Styler (the cell keeps its number for sorting).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sangkien import fmt
from sangkien.columns import BY_LABEL, COUNT, DATE, DECIMAL, MONEY, PROGRESS

WHOLE = "%'.,d"  # sprintf-js: the character after ' is the thousands separator


def config(frame: pd.DataFrame) -> dict:
    """Column configs for the registered headers of ``frame``."""
    out = {}
    for name in frame.columns:
        column = BY_LABEL.get(name)
        if column is None:
            continue
        if column.kind in (COUNT, MONEY):
            out[name] = st.column_config.NumberColumn(format=WHOLE, help=column.help or None)
        elif column.kind == PROGRESS:
            highest = pd.to_numeric(frame[name], errors="coerce").max()
            top = max(100.0, 0.0 if pd.isna(highest) else float(highest))
            out[name] = st.column_config.ProgressColumn(format="%.0f%%", min_value=0, max_value=top)
        elif column.kind == DATE:
            out[name] = st.column_config.DateColumn(format="DD/MM/YYYY")
    return out


def styled(frame: pd.DataFrame):
    """``frame`` with its decimal columns written by ``fmt`` (one digit, decimal comma)."""
    decimals = [c for c in frame.columns if (col := BY_LABEL.get(c)) is not None and col.kind == DECIMAL]
    if not decimals:
        return frame
    return frame.style.format({c: lambda v: fmt.num(v, 1) for c in decimals}, na_rep="")


def show(frame: pd.DataFrame, key: str | None = None, **kwargs) -> None:
    """A table of registered columns, full width, without the index."""
    st.dataframe(styled(frame), hide_index=True, width="stretch", column_config=config(frame), key=key, **kwargs)
