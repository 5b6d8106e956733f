"""The session's language: ``?lang=en`` in the address or the sidebar's switch, kept for the session.

``choose()`` runs first in every script run (``app.py``), before any text is written: it sets the
language of this run (``sangkien.i18n``, a context variable of the run's thread, so one session's
choice never reaches another). The address keeps ``lang`` once it is not the default, so that a
reload, a shared link and the presentation screens opened from it speak the same language.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from sangkien import i18n
from sangkien.i18n import t

KEY = "lang"  # the session's language (not a widget's key: Streamlit drops those of hidden widgets)
SWITCH = "lang_switch"


def _session_language() -> str | None:
    """The language of the session whose script this thread runs, if any."""
    if get_script_run_ctx(suppress_warning=True) is None:
        return None
    return st.session_state.get(KEY)


i18n.fall_back_to(_session_language)


def choose() -> str:
    """The language of this run: the session's, else the address's ``lang``, else Vietnamese."""
    state = st.session_state
    if KEY not in state:
        state[KEY] = i18n.supported(st.query_params.get("lang")) or i18n.DEFAULT
    i18n.use(state[KEY])
    _address(state[KEY])
    return state[KEY]


def _address(code: str) -> None:
    if code == i18n.DEFAULT:
        if "lang" in st.query_params:
            del st.query_params["lang"]
    elif st.query_params.get("lang") != code:
        st.query_params["lang"] = code


def _changed() -> None:
    picked = st.session_state.get(SWITCH)
    if picked in i18n.LANGS:
        st.session_state[KEY] = picked


def switch() -> None:
    """The sidebar's switch between the languages, each named in its own language."""
    st.session_state[SWITCH] = st.session_state.get(KEY, i18n.DEFAULT)
    st.segmented_control(
        t("app.language"),
        i18n.LANGS,
        format_func=i18n.NAMES.get,
        key=SWITCH,
        on_change=_changed,
        required=True,
        width="stretch",
    )
