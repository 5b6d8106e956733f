"""The bar-chart race: frames from the rows, every unit's running total at each frame, no value invented."""

import datetime as dt
import json
import math

import pandas as pd

from sangkien.analysis.filters import Filters
from sangkien.analysis.findings import race_title
from sangkien.analysis.race import MAX_FRAMES, national_frames, race_frames, step_days
from sangkien.charts import bars, projector
from sangkien.charts.race import race
from sangkien.db import run_query
from sangkien.report.html import chart_html

from .test_queries import F_BN, INVALID, K_BN, K_QV, K_TD, QV, SAMSUNG, TD, D, make_db, records, sk

ROWS = [
    sk(TD, SAMSUNG, D(2023, 5, 1)),
    sk(QV, "CĐCS Trường Tiểu học", D(2023, 5, 2)),
    sk(QV, "CĐCS Trường Tiểu học", D(2023, 5, 3)),
    sk(TD, SAMSUNG, D(2023, 5, 9)),
    sk(TD, SAMSUNG, D(2023, 5, 10)),
    sk(TD, SAMSUNG, D(2023, 5, 10), status=INVALID),
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
    second, named = fig["frames"][1]["data"]
    assert (second["y"], second["x"], second["text"]) == ([1, 2], [2, 1], ["2", "1"])
    assert second["marker"]["color"] == ["#C8102E", "#AEB6BF"]  # the home unit in its colour, in any slot
    # each unit's name above its bar, from the axis, in the frame's order
    assert (named["text"], named["x"], named["y"]) == ([QV, TD], [0, 0], [0.75, 1.75])
    assert fig["layout"]["xaxis"]["range"] == [0, 3 * 1.2]
    assert [b["label"] for b in fig["layout"]["updatemenus"][0]["buttons"]] == ["▶ Chạy", "❚❚ Dừng"]
    assert [s["label"] for s in fig["layout"]["sliders"][0]["steps"]] == ["01/05/2023", "08/05/2023", "10/05/2023"]


def test_the_national_race_has_a_frame_per_report_and_invents_nothing_between_them():
    d1, d2, d3 = dt.date(2023, 3, 31), dt.date(2023, 6, 30), dt.date(2023, 9, 1)
    history = pd.DataFrame(
        {
            "unit_key": ["a", "b", "a", "c", "b"],
            "unit": ["A", "B", "A", "C", "B"],
            "as_of": [d1, d1, d2, d2, d3],
            "initiatives": [100, 80, 150, 200, 300],
        }
    )

    def rows(days):  # "h" is counted from its rows: 10, 20, 30 by the three dates
        assert days == [d1, d2, d3]
        return pd.DataFrame({"unit_key": ["h"] * 3, "unit": ["H"] * 3, "frame_day": days, "cumulative": [10, 20, 30]})

    frames = national_frames(history, rows)
    at = {(r.frame_day.date(), r.unit_key): (r.cumulative, r.rank) for r in frames.itertuples()}
    assert sorted({d for d, _ in at}) == [d1, d2, d3]
    assert at[(d1, "a")] == (100, 1) and (d1, "c") not in at  # C enters with its first report
    assert at[(d2, "b")] == (80, 3)  # B did not report on 30/06: its 31/03 figure stands, not a guess
    assert at[(d3, "a")] == (150, 3) and at[(d3, "b")] == (300, 1) and at[(d3, "c")] == (200, 2)
    assert [at[(d, "h")][0] for d in (d1, d2, d3)] == [10, 20, 30]


def test_the_national_race_of_no_reports_is_empty():
    empty = pd.DataFrame({"unit_key": [], "unit": [], "as_of": [], "initiatives": []})
    assert national_frames(empty, lambda days: pd.DataFrame()).empty


def test_reported_federations_keeps_federation_reports_at_each_as_of_date():
    from .test_queries import HA_NAM, NATIONAL_REPORTED, national

    con = national()
    out = run_query(con, "reported_federations")
    # the upper-level row (Tiên Du) and its missing as-of date are left out; one row per federation and date
    assert len(out) == len(NATIONAL_REPORTED) - 1
    assert set(out["as_of"].dt.date) == {D(2023, 6, 15), D(2023, 6, 30)}
    assert out.loc[out["unit"] == HA_NAM, "initiatives"].tolist() == [7]


def test_race_federations_rows_counts_each_federation_by_each_day():
    from .test_queries import national

    con = national()
    days = [D(2023, 5, 1), D(2023, 5, 3), D(2023, 6, 30)]
    out = run_query(con, "race_federations_rows", days=days, **Filters().params())
    # Bắc Ninh's valid rows: 3 on 02/05, 3 on 03/05, 2 on 04/05 (one more under review), 1 on 12/06;
    # 05/05 holds only an invalid one
    assert records(out[["unit_key", "frame_day", "cumulative"]]) == [
        (K_BN, D(2023, 5, 1), 0),
        (K_BN, D(2023, 5, 3), 6),
        (K_BN, D(2023, 6, 30), 9),
    ]


def test_a_slide_puts_the_race_names_back_beside_the_bars_in_every_frame():
    con = make_db(initiatives=ROWS)
    frames = race_frames(lambda n, **p: run_query(con, n, **p), K_BN, Filters(), D(2023, 5, 1), D(2023, 5, 10))
    fig = json.loads(projector.project(race(frames, K_QV, "Cuộc đua"), 700).to_json())
    assert len(fig["data"]) == 1 and all(len(f["data"]) == 1 for f in fig["frames"])
    assert fig["frames"][1]["data"][0]["text"] == [f"{QV} · 2", f"{TD} · 1"]
    assert fig["layout"]["xaxis"]["range"] == [0, 3 * 1.45]


def test_bars_are_named_above_them_on_a_page_and_beside_them_on_a_slide():
    frame = pd.DataFrame(
        {"unit_key": ["a", "b"], "unit": ["LĐLĐ tỉnh A", "Công đoàn các Khu công nghiệp và chế xuất Hà Nội"]}
    ).assign(initiatives=[30, 20], rank=[1, 2])
    fig = bars.ranking_bar(frame, "b", "Xếp hạng")
    names = [a.text for a in fig.layout.annotations if a.name == bars.NAME_MARK]
    # bottom-up like the bars; the home unit in bold; a long name cut, whole in the hover
    assert names == ["<b>Công đoàn các Khu công nghiệp và chế xu…</b>", "LĐLĐ tỉnh A"]
    assert fig.layout.yaxis.showticklabels is False and fig.layout.xaxis.range == (0, 30 * bars.HEADROOM)
    assert "Công đoàn các Khu công nghiệp và chế xuất Hà Nội" in fig.data[0].hovertext[0]
    page = chart_html(fig, "t")  # the A4 report: names beside, the figure left as the page drew it
    assert bars.NAME_MARK not in page and '"showticklabels":true' in page.replace(" ", "")
    assert [a.name for a in fig.layout.annotations] == [bars.NAME_MARK] * 2
    slide = projector.project(fig, 700)
    assert [a for a in slide.layout.annotations if a.name == bars.NAME_MARK] == []
    assert slide.layout.yaxis.showticklabels is True
