"""Since the last report and the highlights' sentences, on small frames made here (no store).

Every sentence is shown to follow its data: change the data and the sentence changes with it.
"""

import datetime as dt

import pandas as pd
import pytest

from sangkien.analysis import highlights, since

HOME = "ha noi"
SINCE = "phiên bản v0001 (30/06/2023)"
DEADLINE = dt.date(2023, 9, 30)


def ranking(rows: list[tuple]) -> pd.DataFrame:
    """A ranking frame as the queries return it: (key, unit, initiatives, benefit, rank, quota, pct)."""
    return pd.DataFrame(
        rows, columns=["unit_key", "unit", "initiatives", "benefit_vnd", "rank", "quota", "pct_of_quota"]
    )


def national(first: str = "thanh hoa", first_name: str = "LĐLĐ tỉnh Thanh Hóa") -> pd.DataFrame:
    return ranking(
        [
            (first, first_name, 243517, 1.5e12, 1, 56499, 431.0),
            (HOME, "LĐLĐ thành phố Hà Nội", 201129, 3.51245e12, 2, 87450, 230.0),
            ("hcm", "LĐLĐ thành phố Hồ Chí Minh", 187652, 7.0e11, 3, 56456, 332.4),
        ]
    )


def by_key(frame: pd.DataFrame) -> dict:
    return {row["unit_key"]: row for _, row in frame.iterrows()}


# -- since.compare and since.totals -------------------------------------------------------
BEFORE = ranking(
    [
        ("a", "Đơn vị A", 1000, 5e9, 1, 900, 111.1),  # over its quota before and after
        ("b", "Đơn vị B", 800, 2e9, 2, 1000, 80.0),  # crosses 100% in between
        ("c", "Đơn vị C", 700, None, 3, 1000, 70.0),  # still under
        ("d", "Đơn vị D", 600, 1e9, 4, 1000, 60.0),  # in the earlier report only
    ]
)
AFTER = ranking(
    [
        ("a", "Đơn vị A", 1100, 6e9, 3, 900, 122.2),
        ("b", "Đơn vị B", 1050, 2.5e9, 2, 1000, 105.0),
        ("c", "Đơn vị C", 950, 4e8, 4, 1000, 95.0),
        ("e", "Đơn vị E", 1200, 3e9, 1, 1000, 120.0),  # new since the earlier report
    ]
)


def test_compare_has_one_row_per_unit_of_the_later_ranking_with_the_documented_columns():
    diff = since.compare(BEFORE, AFTER)
    assert list(diff.columns) == since.COLUMNS
    assert sorted(diff["unit_key"]) == ["a", "b", "c", "e"]  # D, gone from the later ranking, is not there


def test_a_unit_absent_from_the_earlier_report_counts_from_zero():
    e = by_key(since.compare(BEFORE, AFTER))["e"]
    assert e["new_initiatives"] == 1200
    assert e["benefit_added_vnd"] == pytest.approx(3e9)
    assert pd.isna(e["rank_before"]) and pd.isna(e["rank_change"])
    assert bool(e["reached_quota"])  # at 120% now and nowhere before: it reached its quota in between


def test_new_initiatives_and_benefit_added_are_the_differences_a_missing_benefit_counting_as_zero():
    rows = by_key(since.compare(BEFORE, AFTER))
    assert (rows["a"]["new_initiatives"], rows["b"]["new_initiatives"], rows["c"]["new_initiatives"]) == (100, 250, 250)
    assert rows["a"]["benefit_added_vnd"] == pytest.approx(1e9)
    assert rows["b"]["benefit_added_vnd"] == pytest.approx(5e8)
    assert rows["c"]["benefit_added_vnd"] == pytest.approx(4e8)  # no benefit declared before: counts from zero


def test_rank_change_is_positive_for_a_unit_that_rose_and_negative_for_one_that_fell():
    rows = by_key(since.compare(BEFORE, AFTER))
    assert (rows["a"]["rank_before"], rows["a"]["rank"], rows["a"]["rank_change"]) == (1, 3, -2)
    assert rows["b"]["rank_change"] == 0
    assert rows["c"]["rank_change"] == -1
    rose = by_key(
        since.compare(ranking([("x", "X", 10, None, 5, None, None)]), ranking([("x", "X", 30, None, 3, None, None)]))
    )
    assert rose["x"]["rank_change"] == 2  # rank 5 → 3 is +2


def test_reached_quota_is_true_only_for_units_that_crossed_their_quota_in_between():
    rows = by_key(since.compare(BEFORE, AFTER))
    assert {k: bool(r["reached_quota"]) for k, r in rows.items()} == {"a": False, "b": True, "c": False, "e": True}


def test_exactly_at_the_quota_counts_as_reached_and_a_missing_percent_never_does():
    before = ranking(
        [("x", "X", 99, None, 1, 100, 99.0), ("y", "Y", 100, None, 2, 100, 100.0), ("z", "Z", 5, None, 3, None, None)]
    )
    after = ranking(
        [
            ("x", "X", 100, None, 1, 100, 100.0),
            ("y", "Y", 120, None, 2, 100, 120.0),
            ("z", "Z", 50, None, 3, None, None),
        ]
    )
    rows = by_key(since.compare(before, after))
    assert (bool(rows["x"]["reached_quota"]), bool(rows["y"]["reached_quota"]), bool(rows["z"]["reached_quota"])) == (
        True,
        False,
        False,
    )


def test_rows_are_sorted_by_new_initiatives_most_first_then_by_name():
    diff = since.compare(BEFORE, AFTER)
    assert diff["unit_key"].tolist() == ["e", "b", "c", "a"]  # 1200, 250 (B before C by name), 250, 100
    more_for_a = AFTER.assign(initiatives=[2500, 1050, 950, 1200])
    assert since.compare(BEFORE, more_for_a)["unit_key"].tolist()[0] == "a"


def test_compare_with_no_earlier_ranking_counts_every_unit_from_zero_and_an_empty_later_one_gives_no_rows():
    diff = since.compare(ranking([]), AFTER)
    assert diff["new_initiatives"].tolist() == [1200, 1100, 1050, 950]
    assert diff["rank_before"].isna().all()
    assert diff["reached_quota"].tolist() == [True, True, True, False]
    empty = since.compare(BEFORE, ranking([]))
    assert empty.empty and list(empty.columns) == since.COLUMNS


def test_totals_add_up_the_comparison_and_name_the_units_that_reached_their_quota():
    t = since.totals(since.compare(BEFORE, AFTER))
    assert t["units"] == 4
    assert t["new_initiatives"] == 1200 + 250 + 250 + 100
    assert t["benefit_added_vnd"] == pytest.approx(3e9 + 5e8 + 4e8 + 1e9)
    assert t["reached_quota"] == ["Đơn vị E", "Đơn vị B"]  # in the comparison's order
    assert since.totals(since.compare(BEFORE, ranking([]))) == {
        "units": 0,
        "new_initiatives": 0,
        "benefit_added_vnd": 0.0,
        "reached_quota": [],
    }


# -- leader ------------------------------------------------------------------------------
def test_leader_names_the_leader_and_where_the_home_unit_stands_in_vietnamese_numbers():
    h = highlights.leader(national(), HOME)
    assert h.key == "leader" and h.section == "rankings"
    assert h.text == (
        "LĐLĐ tỉnh Thanh Hóa dẫn đầu toàn quốc với 243.517 sáng kiến; LĐLĐ thành phố Hà Nội xếp thứ 2/3 với 201.129."
    )


def test_leader_changes_with_the_leader():
    other = highlights.leader(national("nghe an", "LĐLĐ tỉnh Nghệ An"), HOME)
    assert other.text.startswith("LĐLĐ tỉnh Nghệ An dẫn đầu toàn quốc với 243.517 sáng kiến")
    assert "Thanh Hóa" not in other.text


def test_leader_gives_the_home_units_own_rank_and_count_of_ranked_units():
    frame = national()
    frame.loc[frame["unit_key"] == "hcm", "rank"] = None  # an unranked unit is not counted
    moved = ranking(
        [
            ("thanh hoa", "LĐLĐ tỉnh Thanh Hóa", 243517, None, 1, None, None),
            ("hcm", "LĐLĐ thành phố Hồ Chí Minh", 210000, None, 2, None, None),
            ("x", "LĐLĐ tỉnh X", 205000, None, 3, None, None),
            (HOME, "LĐLĐ thành phố Hà Nội", 1201129, None, 4, None, None),
        ]
    )
    assert "xếp thứ 2/2 với 201.129" in highlights.leader(frame, HOME).text
    assert highlights.leader(moved, HOME).text.endswith("; LĐLĐ thành phố Hà Nội xếp thứ 4/4 với 1.201.129.")


def test_a_home_unit_that_leads_is_said_to_lead_by_its_margin_over_the_second():
    h = highlights.leader(national(HOME, "LĐLĐ thành phố Hà Nội").iloc[[0, 2]].reset_index(drop=True), HOME)
    assert h.text == (
        "LĐLĐ thành phố Hà Nội dẫn đầu toàn quốc với 243.517 sáng kiến, hơn LĐLĐ thành phố Hồ Chí Minh 55.865 sáng kiến."
    )


def test_leader_without_a_home_unit_only_names_the_leader_and_without_ranks_says_nothing():
    assert highlights.leader(national(), None).text == "LĐLĐ tỉnh Thanh Hóa dẫn đầu toàn quốc với 243.517 sáng kiến."
    assert highlights.leader(national(), "không có").text == highlights.leader(national(), None).text
    assert highlights.leader(ranking([]), HOME) is None
    assert highlights.leader(national().assign(rank=None), HOME) is None


def test_leader_follows_rank_not_row_order():
    shuffled = national().iloc[::-1].reset_index(drop=True)
    assert highlights.leader(shuffled, HOME).text.startswith("LĐLĐ tỉnh Thanh Hóa dẫn đầu")


# -- risers ------------------------------------------------------------------------------
def riser_diff(d_new: int = 250) -> pd.DataFrame:
    before = ranking(
        [
            ("a", "Đơn vị A", 50000, None, 1, None, None),
            ("b", "Đơn vị B", 30000, None, 2, None, None),
            ("c", "Đơn vị C", 20000, None, 5, None, None),
            ("d", "Đơn vị D", 25000, None, 3, None, None),
            ("e", "Đơn vị E", 24000, None, 4, None, None),
        ]
    )
    after = ranking(
        [
            ("a", "Đơn vị A", 100720, None, 1, None, None),  # +50.720, stays first
            ("b", "Đơn vị B", 31000, None, 3, None, None),
            ("c", "Đơn vị C", 32000, None, 2, None, None),  # +12.000, up 3 places
            ("d", "Đơn vị D", 25000 + d_new, None, 4, None, None),
            ("e", "Đơn vị E", 24100, None, 5, None, None),
        ]
    )
    return since.compare(before, after)


def test_risers_names_who_added_most_and_who_climbed_most():
    h = highlights.risers(riser_diff(), SINCE)
    assert h.key == "risers" and h.section == "since"
    assert h.text == (
        "Từ phiên bản v0001 (30/06/2023), Đơn vị A tăng nhiều nhất: thêm 50.720 sáng kiến; "
        "Đơn vị C lên nhiều bậc nhất: 3 bậc, đứng thứ 2."
    )


def test_a_riser_with_more_new_initiatives_replaces_the_other():
    h = highlights.risers(riser_diff(d_new=60000), SINCE)
    assert h.text.startswith("Từ phiên bản v0001 (30/06/2023), Đơn vị D tăng nhiều nhất: thêm 60.000 sáng kiến")
    assert "Đơn vị A" not in h.text


def test_the_baseline_label_is_the_one_given():
    assert highlights.risers(riser_diff(), "ngày 30/06/2023").text.startswith("Từ ngày 30/06/2023, Đơn vị A")


def test_a_unit_that_added_most_and_climbed_most_is_said_once():
    before = ranking([("a", "Đơn vị A", 10, None, 1, None, None), ("b", "Đơn vị B", 5, None, 2, None, None)])
    after = ranking([("a", "Đơn vị A", 12, None, 2, None, None), ("b", "Đơn vị B", 1505, None, 1, None, None)])
    h = highlights.risers(since.compare(before, after), SINCE)
    assert (
        h.text
        == "Từ phiên bản v0001 (30/06/2023), Đơn vị B tăng nhiều nhất: thêm 1.500 sáng kiến, lên 1 bậc, đứng thứ 1."
    )


def test_risers_without_a_climb_say_only_who_added_most_and_without_new_initiatives_nothing():
    before = ranking([("a", "Đơn vị A", 10, None, 1, None, None), ("b", "Đơn vị B", 5, None, 2, None, None)])
    grew = ranking([("a", "Đơn vị A", 40, None, 1, None, None), ("b", "Đơn vị B", 6, None, 2, None, None)])
    assert highlights.risers(since.compare(before, grew), SINCE).text == (
        "Từ phiên bản v0001 (30/06/2023), Đơn vị A tăng nhiều nhất: thêm 30 sáng kiến."
    )
    assert highlights.risers(since.compare(before, before), SINCE) is None
    assert highlights.risers(since.compare(before, ranking([])), SINCE) is None


# -- behind ------------------------------------------------------------------------------
def projection(rows: list[tuple]) -> pd.DataFrame:
    """(unit, total, quota, projected_on) as rankings.project_quota gives them."""
    return pd.DataFrame(
        [
            {
                "unit_key": u.lower(),
                "unit": u,
                "total": t,
                "quota": q,
                "reached_on": None,
                "pace": 1.0,
                "projected_on": p,
            }
            for u, t, q, p in rows
        ],
        columns=["unit_key", "unit", "total", "quota", "reached_on", "pace", "projected_on", "status"],
    )


BEHIND = [
    ("LĐLĐ quận Ba Đình", 5000, 4000, None),  # reached
    ("LĐLĐ huyện Phú Xuyên", 1500, 2500, dt.date(2023, 11, 2)),  # 1.000 short, too late
    ("Công đoàn Du lịch", 700, 1000, None),  # 300 short, no pace: never
    ("LĐLĐ huyện Ba Vì", 1900, 2000, dt.date(2023, 9, 12)),  # 100 short, in time
]


def test_behind_without_a_deadline_names_every_unit_under_its_quota_largest_gap_first():
    h = highlights.behind(projection(BEHIND), None, "LĐLĐ thành phố Hà Nội")
    assert h.key == "behind" and h.section == "progress"
    assert h.text == (
        "3/4 đơn vị trực thuộc LĐLĐ thành phố Hà Nội chưa đạt chỉ tiêu giao: "
        "LĐLĐ huyện Phú Xuyên, Công đoàn Du lịch, LĐLĐ huyện Ba Vì."
    )


def test_behind_with_a_deadline_leaves_out_units_their_pace_brings_there_in_time():
    h = highlights.behind(projection(BEHIND), DEADLINE, "LĐLĐ thành phố Hà Nội")
    assert h.text == (
        "2/4 đơn vị trực thuộc LĐLĐ thành phố Hà Nội chưa đạt chỉ tiêu giao và theo nhịp 30 ngày gần nhất "
        "sẽ không kịp trước 30/09/2023: LĐLĐ huyện Phú Xuyên, Công đoàn Du lịch."
    )
    later = highlights.behind(projection(BEHIND), dt.date(2023, 12, 31), "LĐLĐ thành phố Hà Nội")
    assert later.text.startswith("1/4 đơn vị") and later.text.endswith("trước 31/12/2023: Công đoàn Du lịch.")


def test_behind_when_every_unit_under_its_quota_will_make_it_in_time():
    rows = [BEHIND[0], BEHIND[3], ("LĐLĐ huyện Mê Linh", 10, 20, dt.date(2023, 9, 30))]
    h = highlights.behind(projection(rows), DEADLINE, "LĐLĐ thành phố Hà Nội")
    assert h.text == (
        "2 đơn vị trực thuộc LĐLĐ thành phố Hà Nội chưa đạt chỉ tiêu giao, "
        "nhưng theo nhịp 30 ngày gần nhất sẽ đạt trước 30/09/2023."
    )


def test_behind_when_every_unit_is_at_its_quota_says_all_of_them_made_it():
    rows = [(f"Đơn vị {i}", 1000 + i, 1000, None) for i in range(1234)]
    h = highlights.behind(projection(rows), DEADLINE, "LĐLĐ tỉnh Bắc Ninh")
    assert h.text == "Cả 1.234 đơn vị trực thuộc LĐLĐ tỉnh Bắc Ninh đã đạt chỉ tiêu giao."
    assert highlights.behind(projection(rows[:3]), None, "LĐLĐ tỉnh Bắc Ninh").text.startswith("Cả 3 đơn vị")


def test_behind_names_three_units_and_counts_the_others():
    rows = [(f"Đơn vị {c}", 0, 100 * (i + 1), None) for i, c in enumerate("ABCDEF")]
    h = highlights.behind(projection(rows), None, "X")
    assert h.text == "6/6 đơn vị trực thuộc X chưa đạt chỉ tiêu giao: Đơn vị F, Đơn vị E, Đơn vị D và 3 đơn vị khác."


def test_units_without_a_quota_are_not_counted_and_none_with_a_quota_says_nothing():
    rows = [*BEHIND, ("Không chỉ tiêu", 5, None, None), ("Chỉ tiêu 0", 5, 0, None)]
    assert highlights.behind(projection(rows), None, "H").text.startswith("3/4 đơn vị trực thuộc H")
    assert highlights.behind(projection(rows[-2:]), DEADLINE, "H") is None
    assert highlights.behind(projection([]), DEADLINE, "H") is None


# -- benefit -----------------------------------------------------------------------------
def top_benefit(title: str = "Lắp đặt lò hơi nhằm tiết kiệm điện năng", value: object = 112e9) -> pd.DataFrame:
    return pd.DataFrame([{"title": title, "unit": "Công đoàn cơ sở Công ty Kim Long", "benefit_vnd": value}])


def test_benefit_gives_the_total_and_the_largest_benefit_in_words():
    h = highlights.benefit(top_benefit(), 3.51245e12, 44248)
    assert h.key == "benefit" and h.section == "benefits"
    assert h.text == (
        "Giá trị làm lợi tự kê khai 3.512 tỷ đồng từ 44.248 sáng kiến; "
        "lớn nhất là “Lắp đặt lò hơi nhằm tiết kiệm điện năng” (Công đoàn cơ sở Công ty Kim Long), 112 tỷ đồng."
    )


def test_benefit_changes_with_the_top_title_value_and_total():
    h = highlights.benefit(top_benefit("Cải tiến dây chuyền sơn", 7.5e8), 5.64e8, 7)
    assert h.text == (
        "Giá trị làm lợi tự kê khai 564 triệu đồng từ 7 sáng kiến; "
        "lớn nhất là “Cải tiến dây chuyền sơn” (Công đoàn cơ sở Công ty Kim Long), 750 triệu đồng."
    )


def test_benefit_without_a_top_initiative_or_its_value_says_nothing():
    assert highlights.benefit(top_benefit().iloc[0:0], 1e9, 3) is None
    assert highlights.benefit(top_benefit(value=None), 1e9, 3) is None


# -- honours -----------------------------------------------------------------------------
CONTEST = {"trades": 11, "winners": 111, "prize_total_vnd": 5.64e8}


def test_honours_with_the_contest_and_the_awards():
    h = highlights.honours(CONTEST, 223)
    assert h.key == "honours" and h.section == "contests"
    assert h.text == (
        "Hội thi có 11 nghề, 111 thí sinh đạt giải với tổng tiền thưởng 564 triệu đồng; "
        "223 tập thể, cá nhân được khen thưởng."
    )


def test_honours_with_the_contest_only_or_the_awards_only():
    assert highlights.honours({"trades": 3, "winners": 1250, "prize_total_vnd": 2.5e9}, None).text == (
        "Hội thi có 3 nghề, 1.250 thí sinh đạt giải với tổng tiền thưởng 2,5 tỷ đồng."
    )
    assert highlights.honours(None, 4321).text == "4.321 tập thể, cá nhân được khen thưởng."


def test_honours_without_a_contest_or_any_award_says_nothing():
    assert highlights.honours(None, None) is None
    assert highlights.honours({}, 0) is None
