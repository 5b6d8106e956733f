"""Small pieces every page uses: navigation through app.py, demo badges, notices, deltas, downloads."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from sangkien import fmt, i18n
from sangkien.i18n import N_, t, tn
from sangkien.ingest import schema
from sangkien.store.reading import Dataset
from sangkien.tables import to_csv_bytes, to_excel_bytes

DEMO_LABEL_KEY = N_("widgets.demo_label")
# the nouns of ``empty_notice`` (what the filters left none of)
WHAT_UNITS = N_("widgets.what_units")
WHAT_INITIATIVES = N_("widgets.what_initiatives")
WHAT_WITH_BENEFIT = N_("widgets.what_initiatives_with_benefit")


__getattr__ = i18n.module_texts({"DEMO_LABEL": DEMO_LABEL_KEY})  # the badge's text, in the run's language


def ensure_navigation() -> None:
    """Run every page through app.py, even the first request of a fresh server.

    Streamlit treats a `pages/` folder as its older multipage mode until `st.navigation`
    has run once in the process; a link straight to a page (…/store) on a fresh server
    would then run the page without app.py (no page config, no sidebar). Switch the
    mode off and rerun: the rerun goes through app.py and lands on the same page.
    """

    if PagesManager.uses_pages_directory and not st.session_state.get("_navigation_fixed"):
        st.session_state["_navigation_fixed"] = True  # once per session (AppTest resets the mode each run)
        PagesManager.uses_pages_directory = False
        st.rerun()


def md_escape(text: object) -> str:
    """Text from the data shown through markdown: its markdown characters escaped."""
    out = str(text)
    for ch in "\\`*_{}[]<>()#+-.!|~$":
        out = out.replace(ch, "\\" + ch)
    return out


def demo_badge(ds: Dataset, *kinds: str) -> None:
    """Marks figures that come from demo tables, table by table."""
    demo = [schema.KINDS[k].label for k in kinds if ds.is_demo(k)]
    if demo:
        text = t("widgets.demo_badge", label=t(DEMO_LABEL_KEY), tables=", ".join(demo))
        st.badge(text, icon=":material/info:", color="orange")


def empty_notice(what: str) -> None:
    """``what``: the noun, already in the run's language (``t(WHAT_UNITS)``, ...)."""
    st.info(t("widgets.empty_notice", what=what), icon=":material/filter_alt_off:")


def delta(now: dict, prev: dict | None, key: str, rank: bool = False, kind: str = "count") -> str | None:
    """Change since the previous version as text for st.metric: '+1.234', '-3 bậc' / '-3 places' (a
    rank: up is positive), '+2,5' (percentage points, ``kind="percent"``), '+1,2 tỷ đồng' (``kind="money"``)."""
    if not prev or now.get(key) is None or prev.get(key) is None:
        return None
    change = (prev[key] - now[key]) if rank else (now[key] - prev[key])
    if change == 0:
        return None
    if kind == "percent":
        return ("+" if change > 0 else "-") + fmt.num(abs(change), 1)
    if kind == "money":
        return ("+" if change > 0 else "-") + fmt.money(abs(change))
    if rank:
        return tn("widgets.delta_rank", abs(round(change)), sign="+" if change > 0 else "-")
    return fmt.signed(change).replace("−", "-")


def downloads(table: pd.DataFrame, stem: str, key: str) -> None:
    """CSV and Excel of a table, made only when clicked (a large Excel file would slow every rerun)."""
    a, b, _ = st.columns([1, 1, 3])
    a.download_button(
        t("widgets.download_csv"),
        lambda: to_csv_bytes(table),
        file_name=f"{stem}.csv",
        mime="text/csv",
        icon=":material/download:",
        key=f"{key}_csv",
        width="stretch",
    )
    b.download_button(
        t("widgets.download_excel"),
        lambda: to_excel_bytes(table),
        file_name=f"{stem}.xlsx",
        icon=":material/download:",
        key=f"{key}_xlsx",
        width="stretch",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
