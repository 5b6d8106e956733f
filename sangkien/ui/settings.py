"""The store's settings form (administrators): home unit, programme period, benefit bands."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sangkien import auth, fmt
from sangkien.i18n import t
from sangkien.ingest.parse import read_numbers
from sangkien.ui.data import band_edges


def parse_band_edges(text: str) -> list[float] | None:
    """'100; 10; 3; 1' (tỷ đồng, Vietnamese decimals allowed) -> edges in đồng, largest first; None if unreadable."""
    parts = [p.strip() for p in text.split(";") if p.strip()]
    if not parts:
        return None
    reading = read_numbers(pd.Series(parts, dtype=object))
    if reading.bad.any() or (reading.values <= 0).any():
        return None
    return sorted((float(v) * 1e9 for v in reading.values), reverse=True)


def settings_form(who, store) -> None:
    """Administrators: the home unit, the programme's period and the benefit bands."""
    st.subheader(t("settings.title"))
    settings = store.settings()
    options = store.stage_options()
    new_home = st.text_input(t("settings.home_unit"), value=settings.get("home_unit") or "", key="store_home")
    start, end = options.programme
    period = st.date_input(
        t("settings.period"),
        value=(fmt.to_date(start), fmt.to_date(end)),
        format="DD/MM/YYYY",
        key="store_period",
    )
    bands = st.text_input(
        t("settings.bands"),
        value="; ".join(fmt.num(b / 1e9, 0 if b % 1e9 == 0 else 1) for b in band_edges()),
        key="store_bands",
    )
    if st.button(t("settings.save"), key="store_settings_save"):
        edges = parse_band_edges(bands)
        if edges is None:
            st.error(t("settings.bands_error"))
            return
        try:
            store.update_settings(
                who,
                home_unit=new_home or None,
                programme_start=str(period[0]),
                programme_end=str(period[-1]),
                benefit_bands=edges,
            )
        except auth.Forbidden as exc:
            st.error(str(exc))
        else:
            st.success(t("settings.saved"))
