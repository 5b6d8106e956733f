"""The summary tables answer as the row tables did: every query that reads them gives the result of
the row-table query it replaced (kept in ``tests/reference_queries/``), on the demo and on the inline
fixtures of test_queries, under every combination of the filters; the participant marks count
exactly the distinct participants."""

import datetime as dt
import itertools
import re
from pathlib import Path

import duckdb
import pandas as pd

from sangkien.analysis.filters import Filters
from sangkien.db import CONSTANTS, run_query
from sangkien.store.summary import build_summaries, has_summaries

from . import test_queries as fx
from .test_queries import make_db

REFERENCE = Path(__file__).parent / "reference_queries"
INCLUDE_RE = re.compile(r"^[ \t]*-- include: ([a-z_]+)[ \t]*$", re.M)
ORDER = {  # the columns that identify a row of each query
    "ranking_federations": ["unit_key"],
    "ranking_children": ["unit_key"],
    "daily_children": ["unit_key", "day"],
    "progress_cumulative": ["unit_key", "day"],
    "race_children": ["frame_day", "unit_key"],
    "unit_lookup": ["source"],
    "benefit_treemap": ["unit", "field", "total_vnd"],
    "unit_headline": [],
    "filter_ranges": ["field"],
    "version_as_of": [],
}


def reference_sql(name: str) -> str:
    seen: set[str] = set()

    def expand(text: str) -> str:
        def one(match: re.Match) -> str:
            if match.group(1) in seen:
                return ""
            seen.add(match.group(1))
            return expand((REFERENCE / "include" / f"{match.group(1)}.sql").read_text(encoding="utf-8")).rstrip("\n")

        return INCLUDE_RE.sub(one, text)

    return expand((REFERENCE / f"{name}.sql").read_text(encoding="utf-8"))


def reference(con, name: str, **params) -> pd.DataFrame:
    sql = reference_sql(name)
    values = dict(params) | {k: v for k, v in CONSTANTS.items() if f"${k}" in sql}
    return con.execute(sql, values).df()


def same(con, name: str, **params) -> None:
    new, old = run_query(con, name, **params), reference(con, name, **params)
    assert list(new.columns) == list(old.columns)
    keys = ORDER[name]
    if keys:
        new, old = (f.sort_values(keys, na_position="first").reset_index(drop=True) for f in (new, old))
    assert len(new) == len(old), (name, params, new, old)
    for col in new.columns:
        a, b = new[col], old[col]
        if pd.api.types.is_numeric_dtype(a) and pd.api.types.is_numeric_dtype(b):
            close = ((a.astype(float) - b.astype(float)).abs().fillna(0) < 1e-6).all()
            assert close and (a.isna() == b.isna()).all(), (name, col, params, new[[*keys, col]], old[[*keys, col]])
        else:
            got, want = (list(s.astype(object).where(s.notna(), None)) for s in (a, b))
            assert got == want, (name, col, params, got, want)


def every_filter(days: tuple[dt.date, dt.date], field: str | None):
    lo, hi = days
    mid = lo + (hi - lo) / 2
    for start, end, all_statuses, f in itertools.product((None, mid), (None, mid, lo), (False, True), (None, field)):
        yield Filters(start=start, end=end, all_statuses=all_statuses, field=f).params()


def check_all(con, parents: list[str], units: list[str], field: str | None) -> int:
    first, last = con.execute("select min(submitted_on), max(submitted_on) from initiatives").fetchone()
    checked = 0
    for f in every_filter((first, last), field):
        same(con, "ranking_federations", **f)
        for p in parents:
            same(con, "ranking_children", parent_key=p, **f)
            same(con, "daily_children", parent_key=p, **f)
            same(con, "race_children", parent_key=p, step_days=7, **f)
            same(con, "benefit_treemap", scope_key=p, **f)
        for u in units:
            same(con, "unit_headline", unit_key=u, **f)
        same(con, "progress_cumulative", unit_keys=units, **f)
        checked += 1
    for u in units:  # no filters
        same(con, "unit_lookup", unit_key=u)
    same(con, "filter_ranges")
    same(con, "version_as_of")
    return checked


def test_summary_queries_match_the_row_queries_on_the_province_fixture():
    con = fx.province()
    parents = [fx.K_BN, fx.K_TP, fx.K_TD, fx.K_QV, fx.K_KCN, "không có"]
    units = [fx.K_BN, fx.K_TD, fx.K_PRIMARY, fx.K_SAMSUNG, "không có"]
    assert check_all(con, parents, units, "Chuyển đổi số") == 24


def test_summary_queries_match_the_row_queries_on_the_national_fixture():
    con = fx.national()
    assert check_all(con, [fx.K_BN, fx.K_HA_NAM], [fx.K_BN, fx.K_Y_TE], "Chuyển đổi số") == 24


def test_summary_queries_match_the_row_queries_on_the_demo(demo_store):
    path = next((demo_store / "versions").glob("*.duckdb"))
    con = duckdb.connect(str(path), read_only=True)
    try:
        home = con.execute(
            "select federation_key from initiatives group by 1 order by count(*) desc limit 1"
        ).fetchone()
        upper, grassroots = con.execute(
            "select parent_key, any_value(unit_key) from initiatives where federation_key = $h"
            " group by 1 order by count(*) desc limit 1",
            {"h": home[0]},
        ).fetchone()
        field = con.execute("select field from initiatives group by 1 order by count(*) desc limit 1").fetchone()[0]
        assert check_all(con, [home[0], upper], [home[0], upper, grassroots], field) == 24
    finally:
        con.close()


def test_participant_marks_count_people_who_submit_several_times_once():
    """One person with initiatives on several days, in two fields, of two statuses; another person of
    the same name in another union; the counts under each filter are the distinct people."""
    rows = [
        fx.sk(fx.TD, fx.PRIMARY, dt.date(2023, 5, 2), authors="An; Bình", field="A", status=fx.REVIEW),
        fx.sk(fx.TD, fx.PRIMARY, dt.date(2023, 5, 3), authors="An", field="B"),
        fx.sk(fx.TD, fx.PRIMARY, dt.date(2023, 5, 4), authors="An, Bình", field="A"),
        fx.sk(fx.QV, fx.PRIMARY, dt.date(2023, 5, 1), authors="An", field="A", status=fx.INVALID),
        fx.sk(fx.QV, fx.PRIMARY, dt.date(2023, 5, 5), authors="Chi", field=None),
    ]
    con = make_db(initiatives=rows)
    want = {  # (all_statuses, field, end) → people in the whole province
        (True, None, None): 4,  # An·TD, Bình·TD, An·QV, Chi·QV
        (False, None, None): 3,  # An·TD, Bình·TD (valid on the 4th), Chi
        (False, None, dt.date(2023, 5, 3)): 1,  # An·TD only
        (True, "A", None): 3,
        (False, "A", dt.date(2023, 5, 3)): 0,
        (True, "A", dt.date(2023, 5, 2)): 3,
    }
    for (all_statuses, field, end), n in want.items():
        f = Filters(all_statuses=all_statuses, field=field, end=end).params()
        got = run_query(con, "unit_headline", unit_key=fx.K_BN, **f)["participants"].iloc[0]
        assert got == n, (all_statuses, field, end)
        same(con, "unit_headline", unit_key=fx.K_BN, **f)
        same(con, "ranking_children", parent_key=fx.K_BN, **f)
    marks = con.execute("select sum(p_all), sum(p_valid) from summary_units").fetchone()
    assert marks == (4, 3)


def test_summary_tables_are_detected_and_rebuilt_empty(tmp_path):
    path = tmp_path / "v.duckdb"
    con = duckdb.connect(str(path))
    con.execute("create table initiatives as select 1 as x")
    assert not has_summaries(con)
    con.close()
    con = make_db(initiatives=[fx.sk(fx.TD, fx.PRIMARY, dt.date(2023, 5, 2), authors="An")])
    assert has_summaries(con)
    con.execute("delete from initiatives")
    con.execute("delete from initiative_authors")
    build_summaries(con)  # an empty version has empty summaries, not stale ones
    assert con.execute("select count(*) from summary_units").fetchone()[0] == 0
    assert run_query(con, "filter_ranges")["first_day"].isna().all()


def test_unit_headline_of_a_key_without_rows_is_zero():
    con = make_db(initiatives=[fx.sk(fx.TD, fx.PRIMARY, dt.date(2023, 5, 2), federation=fx.HA_NAM)])
    row = run_query(con, "unit_headline", unit_key=fx.K_BN, **Filters().params()).iloc[0]
    assert row["initiatives"] == 0 and row["participants"] == 0 and pd.isna(row["first_submitted_on"])
    same(con, "unit_headline", unit_key=fx.K_BN, **Filters().params())
