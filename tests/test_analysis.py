"""Rankings, movement, the daily public table and the pace projection, against hand-computed answers."""

import datetime as dt
import random

import pandas as pd

from sangkien.analysis.rankings import daily_table, movement, project_quota, rank_by

from .conftest import records

D = dt.date


def daily(*rows: tuple[str, str, int]) -> pd.DataFrame:
    """(unit, day, initiatives) -> the daily_children shape; the key is the name in lower case."""
    return pd.DataFrame(
        {
            "unit_key": [r[0].lower() for r in rows],
            "unit": [r[0] for r in rows],
            "day": pd.to_datetime([r[1] for r in rows]),
            "initiatives": [r[2] for r in rows],
        }
    )


def quotas(**by_unit: int | None) -> pd.DataFrame:
    """unit=quota -> the ranking_children shape (quota nullable, as the query returns it)."""
    return pd.DataFrame(
        {
            "unit_key": [u.lower() for u in by_unit],
            "unit": list(by_unit),
            "quota": pd.array(list(by_unit.values()), dtype="Int64"),
        }
    )


# --- rank_by -------------------------------------------------------------------------------------------


def test_rank_by_shares_ties_and_puts_units_without_a_value_last_unranked():
    frame = pd.DataFrame(
        {
            "unit": ["Hà Nam", "Bắc Ninh", "Thái Bình", "Nam Định", "Y tế"],
            "unit_key": ["hà nam", "bắc ninh", "thái bình", "nam định", "y tế"],
            "initiatives": [3, 4, None, 3, 1],
        }
    )
    out = rank_by(frame, "initiatives")
    assert list(out.columns) == ["unit", "unit_key", "initiatives", "rank"]
    # 4 > 3 = 3 > 1: ranks 1, 2, 2, 4; ties ordered by name; no value: last, no rank
    assert records(out[["unit", "initiatives", "rank"]]) == [
        ("Bắc Ninh", 4, 1),
        ("Hà Nam", 3, 2),
        ("Nam Định", 3, 2),
        ("Y tế", 1, 4),
        ("Thái Bình", None, None),
    ]


# --- movement ------------------------------------------------------------------------------------------


def test_movement_up_down_same_new_and_unranked():
    before = pd.DataFrame({"unit_key": ["a", "b", "c", "d"], "rank": pd.array([1, 2, 3, None], dtype="Int64")})
    now = pd.DataFrame({"unit_key": ["c", "a", "b", "d", "e"], "rank": pd.array([1, 2, 2, 4, None], dtype="Int64")})
    # c: 3 -> 1 up two; a: 1 -> 2 down one; b: 2 -> 2; d: unranked before; e: unranked now
    assert movement(now, before).tolist() == ["▲ 2", "▼ 1", "=", "mới", ""]


def test_movement_of_an_empty_ranking_is_empty():
    empty = pd.DataFrame({"unit_key": [], "rank": pd.array([], dtype="Int64")})
    assert movement(empty, empty).tolist() == []


# --- daily_table ---------------------------------------------------------------------------------------

DAILY_COLUMNS = ["unit_key", "unit", "today", "last_7_days", "total", "quota", "pct_of_quota", "rank", "rank_change"]


def test_daily_table_counts_today_the_last_seven_days_and_the_total():
    series = daily(
        ("A", "2023-05-01", 5),
        ("A", "2023-05-03", 2),  # before the 7 days (04/05 … 10/05)
        ("A", "2023-05-10", 1),
        ("B", "2023-05-04", 3),  # first of the 7 days
        ("B", "2023-05-09", 2),
        ("B", "2023-05-10", 3),
        ("B", "2023-05-11", 9),  # after the day: not counted
        ("C", "2023-05-08", 6),
    )
    out = daily_table(series, quotas(A=20, B=10, C=None, D=5), D(2023, 5, 10))
    assert list(out.columns) == DAILY_COLUMNS
    # A: today 1; 7 days 1; total 5+2+1 = 8; 8/20 = 40%; before the day 7
    # B: today 3; 7 days 3+2+3 = 8; total 8; 8/10 = 80%; before the day 5
    # C: today 0; 7 days 6; total 6; no quota; before the day 6
    # D: nothing submitted, listed with zeros; 0/5 = 0%
    # rank by total: A 8, B 8, C 6, D 0 -> 1, 1, 3, 4; the day before: A 7, C 6, B 5, D 0 -> 1, 2, 3, 4
    # change = rank before - rank now: A 1-1 = 0, B 3-1 = 2, C 2-3 = -1, D 4-4 = 0
    assert records(out) == [
        ("a", "A", 1, 1, 8, 20, 40.0, 1, 0),
        ("b", "B", 3, 8, 8, 10, 80.0, 1, 2),
        ("c", "C", 0, 6, 6, None, None, 3, -1),
        ("d", "D", 0, 0, 0, 5, 0.0, 4, 0),
    ]


def test_daily_table_seven_days_across_a_month_boundary():
    series = daily(
        ("E", "2023-05-26", 4),  # day-7: outside 27/05 … 02/06
        ("E", "2023-05-27", 1),  # day-6: inside
        ("E", "2023-05-31", 2),
        ("E", "2023-06-02", 3),
        ("F", "2023-06-01", 2),
    )
    out = daily_table(series, quotas(E=10, F=None), D(2023, 6, 2))
    # E: today 3; 7 days 1+2+3 = 6; total 4+1+2+3 = 10 = 100% of 10; before the day 7 -> rank 1 then and now
    # F: today 0; 7 days 2; total 2; before the day 2 -> rank 2 then and now
    assert records(out) == [
        ("e", "E", 3, 6, 10, 10, 100.0, 1, 0),
        ("f", "F", 0, 2, 2, None, None, 2, 0),
    ]


# --- project_quota -------------------------------------------------------------------------------------

PROJECTION_COLUMNS = ["unit_key", "unit", "total", "quota", "reached_on", "pace", "projected_on", "status"]


def test_project_quota_reached_projected_no_pace_and_no_quota():
    series = daily(
        ("A", "2023-04-01", 4),
        ("A", "2023-04-15", 5),
        ("A", "2023-05-02", 3),
        ("A", "2023-05-20", 2),
        ("B", "2023-04-10", 9),
        ("B", "2023-05-01", 10),  # as_of - 30 days: just outside the window 02/05 … 31/05
        ("B", "2023-05-02", 11),
        ("B", "2023-05-31", 10),
        ("B", "2023-06-01", 50),  # after as_of: ignored
        ("C", "2023-03-01", 5),
        ("D", "2023-05-15", 3),
    )
    out = project_quota(series, quotas(A=10, B=100, C=50, D=None), D(2023, 5, 31))
    assert list(out.columns) == PROJECTION_COLUMNS
    # A: running 4, 9, 12 -> quota 10 met on 02/05; total 14; pace (3+2)/30 = 0.1667 -> 0.17
    # B: total 9+10+11+10 = 40; pace (11+10)/30 = 0.7; remaining 60; 60/0.7 = 85.7 -> 86 days
    #    31/05 + 86 days: +30 = 30/06, +61 = 31/07, +86 = 25/08
    # C: total 5, nothing in the window: pace 0, no projection
    # D: no quota; pace 3/30 = 0.1
    assert records(out) == [
        ("a", "A", 14, 10, D(2023, 5, 2), 0.17, None, "đã đạt ngày 02/05/2023"),
        ("b", "B", 40, 100, None, 0.7, D(2023, 8, 25), "dự kiến đạt ngày 25/08/2023"),
        ("c", "C", 5, 50, None, 0.0, None, "chưa thể ước tính: 30 ngày qua không có sáng kiến"),
        ("d", "D", 3, None, None, 0.1, None, "chưa có chỉ tiêu"),
    ]


def test_project_quota_window_and_projection_across_february():
    series = daily(
        ("E", "2023-01-30", 5),  # as_of - 30 days: outside the window 31/01 … 01/03 (February has 28 days)
        ("E", "2023-01-31", 3),
        ("E", "2023-02-15", 3),
    )
    out = project_quota(series, quotas(E=20), D(2023, 3, 1))
    # total 11; pace (3+3)/30 = 0.2; remaining 9; 9/0.2 = 45 days; 01/03 + 30 = 31/03, + 45 = 15/04
    assert records(out) == [("e", "E", 11, 20, None, 0.2, D(2023, 4, 15), "dự kiến đạt ngày 15/04/2023")]


def test_project_quota_exact_number_of_days_is_not_rounded_up_a_day_too_far():
    series = daily(("G", "2023-04-01", 9), ("G", "2023-05-10", 11))
    out = project_quota(series, quotas(G=31), D(2023, 5, 31))
    # total 20; remaining 11; pace 11 in the last 30 days; 11 / (11/30) = 30 days exactly; 31/05 + 30 = 30/06
    assert records(out[["total", "projected_on"]]) == [(20, D(2023, 6, 30))]


def _one_unit_at_a_time(daily_rows: pd.DataFrame, quota_rows: pd.DataFrame, as_of: dt.date, window: int = 30):
    """(unit_key, total, quota, reached_on, pace, projected_on) counted unit by unit, the plain way."""
    out = []
    end = pd.Timestamp(as_of)
    for q in quota_rows.drop_duplicates("unit_key").itertuples(index=False):
        rows = sorted(
            (pd.Timestamp(r.day), int(r.initiatives))
            for r in daily_rows.itertuples(index=False)
            if r.unit_key == q.unit_key and pd.Timestamp(r.day) <= end
        )
        total = sum(n for _, n in rows)
        recent = sum(n for day, n in rows if day > end - pd.Timedelta(days=window))
        quota = None if pd.isna(q.quota) else int(q.quota)
        reached = projected = None
        if quota and quota > 0 and total >= quota:
            running = 0
            for day, n in rows:
                running += n
                if running >= quota:
                    reached = day.date()
                    break
        elif quota and quota > 0 and recent:
            projected = (end + pd.Timedelta(days=-(-(quota - total) * window // recent))).date()
        out.append((q.unit_key, total, quota, reached, round(recent / window, 2), projected))
    return out


def test_project_quota_counts_every_unit_as_one_unit_alone_would():
    rng = random.Random(7)
    for _ in range(150):
        units = [f"u{i}" for i in range(rng.randint(0, 6))]
        rows = [
            (u, (D(2023, 1, 1) + dt.timedelta(days=rng.randint(0, 90))).isoformat(), rng.randint(0, 9))
            for u in units
            for _ in range(rng.randint(0, 12))
        ]
        rng.shuffle(rows)
        series = daily(*rows) if rows else daily(("x", "2023-01-01", 0)).iloc[:0]
        goals = {u.upper(): rng.choice([None, 0, 5, 20, 60, 200]) for u in [*units, "zz"]}
        as_of = D(2023, 1, 1) + dt.timedelta(days=rng.randint(0, 100))
        out = project_quota(series, quotas(**goals), as_of)
        got = records(out[["unit_key", "total", "quota", "reached_on", "pace", "projected_on"]])
        assert got == _one_unit_at_a_time(series, quotas(**goals), as_of), (rows, goals, as_of)
