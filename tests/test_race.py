"""The bar-chart race: frames from the rows, every unit's running total at each frame, no value invented."""

import json
import math

from sangkien.analysis.filters import Filters
from sangkien.analysis.findings import race_title
from sangkien.analysis.race import MAX_FRAMES, race_frames, step_days
from sangkien.charts.race import race
from sangkien.db import run_query

from .test_queries import F_BN, K_BN, K_QV, K_TD, QV, SAMSUNG, TD, D, make_db, records, sk

ROWS = [
    sk(TD, SAMSUNG, D(2023, 5, 1)),
    sk(QV, "CĐCS Trường Tiểu học", D(2023, 5, 2)),
    sk(QV, "CĐCS Trường Tiểu học", D(2023, 5, 3)),
    sk(TD, SAMSUNG, D(2023, 5, 9)),
    sk(TD, SAMSUNG, D(2023, 5, 10)),
    sk(TD, SAMSUNG, D(2023, 5, 10), status="không hợp lệ"),
    sk("LĐLĐ thành phố Phủ Lý", "CĐCS Công ty May", D(2023, 5, 4), federation="LĐLĐ tỉnh Hà Nam"),
]


def test_frames_are_weekly_running_totals_from_the_first_to_the_last_day():
    con = make_db(initiatives=ROWS)
    frame = run_query(con, "race_children", parent_key=K_BN, step_days=7, **Filters().params())
    # frames on 01/05, 08/05 and the last day 10/05; Quế Võ appears from its first initiative (02/05)
    assert records(frame) == [
        (D(2023, 5, 1), K_TD, TD, 1),
        (D(2023, 5, 8), K_QV, QV, 2),
        (D(2023, 5, 8), K_TD, TD, 1),
        (D(2023, 5, 10), K_TD, TD, 3),
        (D(2023, 5, 10), K_QV, QV, 2),
    ]
    every = run_query(con, "race_children", parent_key=K_BN, step_days=7, **Filters(all_statuses=True).params())
    assert records(every)[-2:] == [(D(2023, 5, 10), K_TD, TD, 4), (D(2023, 5, 10), K_QV, QV, 2)]


def test_ranks_per_frame_and_the_leader_since_when():
    con = make_db(initiatives=ROWS)
    frames = race_frames(lambda n, **p: run_query(con, n, **p), K_BN, Filters(), D(2023, 5, 1), D(2023, 5, 10))
    assert records(frames[["frame_day", "unit", "rank"]]) == [
        (D(2023, 5, 1), TD, 1),
        (D(2023, 5, 8), QV, 1),
        (D(2023, 5, 8), TD, 2),
        (D(2023, 5, 10), TD, 1),
        (D(2023, 5, 10), QV, 2),
    ]
    assert race_title(frames) == f"{TD} dẫn đầu từ 10/05/2023"
    assert F_BN not in set(frames["unit"])


def test_a_long_programme_steps_two_weeks_or_more_to_stay_within_the_frame_limit():
    assert step_days(D(2021, 9, 1), D(2023, 9, 1)) == 7  # 106 frames
    assert step_days(D(2021, 9, 1), D(2024, 1, 1)) == 14  # weekly would be 123 frames
    for last in (D(2023, 12, 31), D(2026, 1, 1), D(2031, 1, 1)):
        step = step_days(D(2021, 9, 1), last)
        frames = math.ceil((last - D(2021, 9, 1)).days / step) + 1
        assert (
            step % 7,
            frames <= MAX_FRAMES,
            step == 7 or math.ceil((last - D(2021, 9, 1)).days / (step - 7)) + 1 > MAX_FRAMES,
        ) == (0, True, True)


def test_the_race_figure_has_a_frame_per_day_slots_a_fixed_axis_and_play_pause():
    con = make_db(initiatives=ROWS)
    frames = race_frames(lambda n, **p: run_query(con, n, **p), K_BN, Filters(), D(2023, 5, 1), D(2023, 5, 10))
    fig = json.loads(race(frames, K_QV, "Cuộc đua", "thử").to_json())
    assert [f["name"] for f in fig["frames"]] == ["01/05/2023", "08/05/2023", "10/05/2023"]
    second = fig["frames"][1]["data"][0]
    assert (second["y"], second["x"], second["text"]) == ([1, 2], [2, 1], [f"{QV} · 2", f"{TD} · 1"])
    assert second["marker"]["color"] == ["#C8102E", "#AEB6BF"]  # the home unit in its colour, in any slot
    assert fig["layout"]["xaxis"]["range"] == [0, 3 * 1.45]
    assert [b["label"] for b in fig["layout"]["updatemenus"][0]["buttons"]] == ["▶ Chạy", "❚❚ Dừng"]
    assert [s["label"] for s in fig["layout"]["sliders"][0]["steps"]] == ["01/05/2023", "08/05/2023", "10/05/2023"]
