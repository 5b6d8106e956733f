"""Tables on the pages: the registry's formats as Streamlit column configs, written the way of the
session's language whatever the browser's locale (``1.682.000.000``, ``3,5`` in Vietnamese;
``1,682,000,000``, ``3.5`` in English), and one ``show`` for every table.

Streamlit's ``localized`` format follows the browser, not the session's language, so whole numbers
use a printf format with the language's thousands separator, dates a pattern of the language, and
numbers with a decimal digit are written by ``fmt`` through a Styler (the cell keeps its number for
sorting).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sangkien import fmt, i18n
from sangkien.columns import BY_LABEL, COUNT, DATE, DECIMAL, MONEY, PROGRESS
from sangkien.i18n import t

# sprintf-js: "'." pads with '.', and a "," after it makes that character the thousands separator
WHOLE = {"vi": "%'.,d", "en": "%,d"}
DATES = {"vi": "DD/MM/YYYY", "en": "D MMM YYYY"}  # Streamlit's (Moment.js) patterns: 30/09/2023, 30 Sep 2023


def config(frame: pd.DataFrame) -> dict:
    """Column configs for the registered headers of ``frame``."""
    out, code = {}, i18n.lang()
    for name in frame.columns:
        column = BY_LABEL.get(name)
        if column is None:
            continue
        if column.kind in (COUNT, MONEY):
            out[name] = st.column_config.NumberColumn(format=WHOLE[code], help=t(column.help) if column.help else None)
        elif column.kind == PROGRESS:
            highest = pd.to_numeric(frame[name], errors="coerce").max()
            top = max(100.0, 0.0 if pd.isna(highest) else float(highest))
            out[name] = st.column_config.ProgressColumn(format="%.0f%%", min_value=0, max_value=top)
        elif column.kind == DATE:
            out[name] = st.column_config.DateColumn(format=DATES[code])
    return out


def styled(frame: pd.DataFrame):
    """``frame`` with its decimal columns written by ``fmt`` (one digit, the language's decimal mark)."""
    decimals = [c for c in frame.columns if (col := BY_LABEL.get(c)) is not None and col.kind == DECIMAL]
    if not decimals:
        return frame
    return frame.style.format({c: lambda v: fmt.num(v, 1) for c in decimals}, na_rep="")


def show(frame: pd.DataFrame, key: str | None = None, **kwargs) -> None:
    """A table of registered columns, full width, without the index."""
    st.dataframe(styled(frame), hide_index=True, width="stretch", column_config=config(frame), key=key, **kwargs)
