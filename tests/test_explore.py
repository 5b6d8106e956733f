"""The explorer's SQL builder: identifiers checked against the table, values always parameters."""

import duckdb
import pytest

from sangkien.analysis import explore
from sangkien.analysis.explore import Condition
from sangkien.db import UnknownIdentifier

from .conftest import records

HOSTILE_COL = "x'); DROP TABLE t;--"
QUOTE_COL = 'a"b'


@pytest.fixture
def con():
    c = duckdb.connect()
    c.execute(
        f'create table initiatives ("{QUOTE_COL.replace(chr(34), chr(34) * 2)}" varchar, '
        f'"{HOSTILE_COL}" varchar, n bigint, day date)'
    )
    c.execute("create table t (keep int)")
    rows = [
        ("Hoàng Mai", "'; drop table t; --", 5, "2023-05-01"),
        ("Hoàng Mai", "bình thường", 3, "2023-05-02"),
        ("Long Biên", "'; drop table t; --", 2, "2023-06-01"),
        (None, "x", 7, "2023-07-01"),
    ]
    c.executemany("insert into initiatives values (?, ?, ?, ?)", rows)
    return c


def columns(con):
    return explore.table_columns(con, "initiatives")["column"].tolist()


def test_columns_come_from_the_table(con):
    assert columns(con) == [QUOTE_COL, HOSTILE_COL, "n", "day"]


def test_pivot_on_hostile_column_names_with_hostile_values(con):
    q = explore.build(
        "initiatives", columns(con), [Condition(HOSTILE_COL, "in", ["'; drop table t; --"])], [QUOTE_COL], "sum", "n"
    )
    assert q.params == {"p0": ["'; drop table t; --"]}
    assert "drop table t" not in q.sql.lower().replace('"x\'); drop table t;--"', "")
    out = explore.run(con, q)
    assert out.values.tolist() == [["Hoàng Mai", 5], ["Long Biên", 2]]
    assert list(out.columns) == [QUOTE_COL, "Tổng"]
    assert con.execute("select count(*) from t").fetchone() == (0,)  # still there


def test_two_level_pivot_with_count_and_distinct_count(con):
    q = explore.build("initiatives", columns(con), [], [QUOTE_COL, HOSTILE_COL], "count", None)
    assert records(explore.run(con, q)) == [
        ("Hoàng Mai", "'; drop table t; --", 1),
        ("Hoàng Mai", "bình thường", 1),
        ("Long Biên", "'; drop table t; --", 1),
        (None, "x", 1),
    ]
    q = explore.build("initiatives", columns(con), [], [HOSTILE_COL], "count_distinct", QUOTE_COL)
    assert explore.run(con, q).values.tolist() == [["'; drop table t; --", 2], ["bình thường", 1], ["x", 0]]


def test_range_contains_and_empty_filters(con):
    cols = columns(con)
    q = explore.build("initiatives", cols, [Condition("n", "between", [3, 6])], [], "count", None)
    assert sorted(explore.run(con, q)["n"].tolist()) == [3, 5]
    q = explore.build("initiatives", cols, [Condition(QUOTE_COL, "contains", ["mai"])], [], "count", None)
    assert explore.run(con, q)["n"].tolist() == [5, 3]
    q = explore.build("initiatives", cols, [Condition(QUOTE_COL, "empty")], [], "count", None)
    assert explore.run(con, q)["n"].tolist() == [7]
    q = explore.build(
        "initiatives", cols, [Condition("day", "between", ["2023-05-01", "2023-05-31"])], ["day"], "avg", "n"
    )
    out = explore.run(con, q)
    assert out["Trung bình"].tolist() == [5.0, 3.0]
    assert explore.chart_kind(out, ["day"]) == "line"


def test_unknown_identifiers_and_choices_are_refused(con):
    cols = columns(con)
    with pytest.raises(UnknownIdentifier):
        explore.build("initiatives", cols, [Condition("nope", "in", ["x"])], [], "count", None)
    with pytest.raises(UnknownIdentifier):
        explore.build("initiatives", cols, [], ['n" from t; --'], "count", None)
    with pytest.raises(UnknownIdentifier):
        explore.build("t; drop table t", cols, [], [], "count", None)
    with pytest.raises(ValueError):
        explore.build("initiatives", cols, [Condition("n", "; drop", [])], [], "count", None)
    with pytest.raises(ValueError):
        explore.build("initiatives", cols, [], ["n"], "median; drop", "n")
    with pytest.raises(ValueError):
        explore.build("initiatives", cols, [], ["n", "day", QUOTE_COL], "count", None)


def test_the_sql_shown_reads_back_the_same_rows(con):
    q = explore.build(
        "initiatives", columns(con), [Condition(HOSTILE_COL, "in", ["'; drop table t; --"])], [QUOTE_COL], "sum", "n"
    )
    text = explore.as_text(q)
    assert "'''; drop table t; --'" in text  # the value as an escaped literal
    assert con.execute(text).fetchall() == [("Hoàng Mai", 5), ("Long Biên", 2)]
