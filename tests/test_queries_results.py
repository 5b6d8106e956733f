"""Benefit, contest, award, works, opinion and campaign query files against small literal fixtures."""

import pytest

from sangkien.db import run_query

from .conftest import records
from .test_queries import (
    F_BN,
    FOXCONN,
    GB,
    GOERTEK,
    HA_NAM,
    HANWHA,
    INVALID,
    K_BN,
    K_PRIMARY,
    K_TP,
    KCN,
    PRIMARY,
    QV,
    REVIEW,
    SAMSUNG,
    TD,
    TP_ROWS,
    D,
    filters,
    make_db,
    sk,
)

CDS, KT, GD, NN = "Chuyển đổi số", "Kỹ thuật", "Giáo dục", "Nông nghiệp"
PHU_LY, CTY_HN, CTY_QV = "LĐLĐ thành phố Phủ Lý", "CĐCS Công ty Hà Nam", "CĐCS Công ty Quế Võ"

# Ids out of insertion order, so that ordering by id is visible (SK12 is inserted before SK05).
BENEFIT_INITIATIVES = [
    sk(TP_ROWS, SAMSUNG, D(2023, 5, 2), id="SK01", field=CDS, benefit_vnd=4e9),
    sk(TP_ROWS, SAMSUNG, D(2023, 5, 3), id="SK12", field=KT, benefit_vnd=1e9),
    sk(TP_ROWS, HANWHA, D(2023, 5, 3), id="SK03", field=KT),  # no value
    sk(TD, PRIMARY, D(2023, 5, 4), id="SK04", field=GD, benefit_vnd=3e9),
    sk(TD, PRIMARY, D(2023, 5, 4), id="SK05", benefit_vnd=1e9),  # no field; same value as SK12
    sk(TD, PRIMARY, D(2023, 5, 5), id="SK06", status=REVIEW, field=KT, benefit_vnd=2e10),
    sk(KCN, GOERTEK, D(2023, 5, 5), id="SK07", field=CDS, benefit_vnd=999_999_999),
    sk(PHU_LY, CTY_HN, D(2023, 5, 6), federation=HA_NAM, id="SK08", field=KT, benefit_vnd=1e11),
    sk(TP_ROWS, HANWHA, D(2023, 5, 6), id="SK09", field=KT, benefit_vnd=5e8),
    sk(QV, CTY_QV, D(2023, 5, 6), id="SK10", field=NN),  # no value
]


def benefit_db():
    return make_db(initiatives=BENEFIT_INITIATIVES)


def scoped(scope_key=None, **kw) -> dict:
    return {"scope_key": scope_key, **filters(**kw)}


# --- benefit_summary -----------------------------------------------------------------------------------

SUMMARY_COLUMNS = ["initiatives", "with_value", "pct_with_value", "total_vnd", "max_vnd", "median_vnd", "at_least_3e9"]


def test_benefit_summary_of_every_row_and_of_a_federation():
    con = benefit_db()
    out = run_query(con, "benefit_summary", **scoped())
    assert list(out.columns) == SUMMARY_COLUMNS
    # 9 valid rows (SK06 under review left out), 7 with a value: 7/9 = 77.8%;
    # 4e9 + 1e9 + 3e9 + 1e9 + 999 999 999 + 1e11 + 5e8 = 110 499 999 999;
    # sorted 5e8, 999 999 999, 1e9, 1e9, 3e9, 4e9, 1e11 -> median 1e9; >= 3e9: 4e9, 3e9, 1e11 = 3
    assert records(out) == [(9, 7, 77.8, 110_499_999_999.0, 1e11, 1e9, 3)]
    # Bắc Ninh: without Hà Nam's SK08: 8 rows, 6 with a value (75%), 110 499 999 999 - 1e11 = 10 499 999 999;
    # median of 5e8, 999 999 999, 1e9, 1e9, 3e9, 4e9 = (1e9 + 1e9) / 2; >= 3e9: 4e9 and 3e9
    out = run_query(con, "benefit_summary", **scoped(K_BN))
    assert records(out) == [(8, 6, 75.0, 10_499_999_999.0, 4e9, 1e9, 2)]


def test_benefit_summary_of_an_upper_level_unit_and_a_grassroots_union():
    con = benefit_db()
    # TP Bắc Ninh: SK01, SK12, SK03, SK09; 3 of 4 with a value: 4e9 + 1e9 + 5e8; median of 5e8, 1e9, 4e9
    out = run_query(con, "benefit_summary", **scoped(K_TP))
    assert records(out) == [(4, 3, 75.0, 5.5e9, 4e9, 1e9, 1)]
    # The school: SK04 3e9 and SK05 1e9 -> median (3e9 + 1e9) / 2 = 2e9
    out = run_query(con, "benefit_summary", **scoped(K_PRIMARY))
    assert records(out) == [(2, 2, 100.0, 4e9, 3e9, 2e9, 1)]


def test_benefit_summary_status_and_field_filters():
    con = benefit_db()
    # every status adds SK06 (2e10): 3e9 + 1e9 + 2e10 = 2.4e10, median 3e9, >= 3e9: 3e9 and 2e10
    out = run_query(con, "benefit_summary", **scoped(K_PRIMARY, all_statuses=True))
    assert records(out) == [(3, 3, 100.0, 2.4e10, 2e10, 3e9, 2)]
    # Kỹ thuật, valid: SK12 1e9, SK03 none, SK08 1e11, SK09 5e8 -> 3 of 4 = 75%; 1.015e11; median 1e9
    out = run_query(con, "benefit_summary", **scoped(field=KT))
    assert records(out) == [(4, 3, 75.0, 1.015e11, 1e11, 1e9, 1)]
    # Kỹ thuật in Bắc Ninh: SK12, SK03, SK09 -> 2 of 3 = 66.7%; median (5e8 + 1e9) / 2 = 7.5e8
    out = run_query(con, "benefit_summary", **scoped(K_BN, field=KT))
    assert records(out) == [(3, 2, 66.7, 1.5e9, 1e9, 7.5e8, 0)]


def test_benefit_summary_of_an_empty_scope():
    con = benefit_db()
    expected = [(0, 0, None, None, None, None, 0)]
    assert records(run_query(con, "benefit_summary", **scoped("không có đơn vị này"))) == expected
    assert records(run_query(con, "benefit_summary", **scoped(K_BN, start=D(2024, 1, 1)))) == expected
    assert records(run_query(make_db(), "benefit_summary", **scoped())) == expected


# --- benefit_bands -------------------------------------------------------------------------------------

BAND_COLUMNS = ["band_from", "initiatives", "total_vnd"]


def test_benefit_bands_values_at_the_edges_fall_in_the_edge_band():
    out = run_query(benefit_db(), "benefit_bands", edges=[1e11, 1e10, 3e9, 1e9], **scoped(all_statuses=True))
    assert list(out.columns) == BAND_COLUMNS
    # 1e11 -> 1e11; 2e10 -> 1e10; 4e9 and exactly 3e9 -> 3e9 (7e9); exactly 1e9 twice -> 1e9 (2e9);
    # 999 999 999 and 5e8 below the smallest edge -> null (1 499 999 999)
    assert records(out) == [
        (1e11, 1, 1e11),
        (1e10, 1, 2e10),
        (3e9, 2, 7e9),
        (1e9, 2, 2e9),
        (None, 2, 1_499_999_999.0),
    ]


def test_benefit_bands_edges_in_any_order_and_filters():
    con = benefit_db()
    out = run_query(con, "benefit_bands", edges=[1e9, 1e11, 3e9, 1e10], **scoped(all_statuses=True))
    assert records(out) == [
        (1e11, 1, 1e11),
        (1e10, 1, 2e10),
        (3e9, 2, 7e9),
        (1e9, 2, 2e9),
        (None, 2, 1_499_999_999.0),
    ]
    # valid rows of Bắc Ninh: no 2e10 and no 1e11; empty bands are not listed
    out = run_query(con, "benefit_bands", edges=[3e9, 1e11, 1e9, 1e10], **scoped(K_BN))
    assert records(out) == [(3e9, 2, 7e9), (1e9, 2, 2e9), (None, 2, 1_499_999_999.0)]
    out = run_query(con, "benefit_bands", edges=[1e9], **scoped("không có đơn vị này"))
    assert list(out.columns) == BAND_COLUMNS
    assert records(out) == []


# --- benefit_distribution ------------------------------------------------------------------------------


def test_benefit_distribution_four_log_bins_per_power_of_ten():
    con = make_db(
        initiatives=[
            sk(TD, PRIMARY, D(2023, 5, 2), benefit_vnd=1e6),
            sk(TD, PRIMARY, D(2023, 5, 2), benefit_vnd=1_500_000),  # log10 = 6.18 -> still [1e6, 10**6.25)
            sk(TD, PRIMARY, D(2023, 5, 2), benefit_vnd=2e6),  # log10 = 6.30 -> [10**6.25, 10**6.5)
            sk(TD, PRIMARY, D(2023, 5, 3), benefit_vnd=999_999_999),  # just below 1e9 -> [10**8.75, 1e9)
            sk(TD, PRIMARY, D(2023, 5, 3), benefit_vnd=1e9),
            sk(TD, PRIMARY, D(2023, 5, 3), benefit_vnd=0),  # zero and no value: not on a log scale
            sk(TD, PRIMARY, D(2023, 5, 3)),
            sk(TD, PRIMARY, D(2023, 5, 3), status=INVALID, benefit_vnd=5e7),
        ]
    )
    out = run_query(con, "benefit_distribution", **scoped())
    assert list(out.columns) == ["bin_from", "bin_to", "initiatives"]
    assert records(out) == [
        (1e6, pytest.approx(10**6.25), 2),
        (pytest.approx(10**6.25), pytest.approx(10**6.5), 1),
        (pytest.approx(10**8.75), pytest.approx(1e9), 1),
        (pytest.approx(1e9), pytest.approx(10**9.25), 1),
    ]
    # every status: 5e7 (log10 7.70 -> 7.5) -> [10**7.5, 10**7.75)
    out = run_query(con, "benefit_distribution", **scoped(all_statuses=True, start=D(2023, 5, 3)))
    assert records(out) == [
        (pytest.approx(10**7.5), pytest.approx(10**7.75), 1),
        (pytest.approx(10**8.75), pytest.approx(1e9), 1),
        (pytest.approx(1e9), pytest.approx(10**9.25), 1),
    ]
    assert records(run_query(con, "benefit_distribution", **scoped(field=KT))) == []


# --- benefit_treemap -----------------------------------------------------------------------------------

TREEMAP_COLUMNS = ["unit", "field", "initiatives", "total_vnd"]


def test_benefit_treemap_of_a_federation_by_upper_level_unit_and_field():
    out = run_query(benefit_db(), "benefit_treemap", **scoped(K_BN))
    assert list(out.columns) == TREEMAP_COLUMNS
    # TP: Chuyển đổi số 4e9, Kỹ thuật SK12 1e9 + SK09 5e8 (SK03 has no value); Tiên Du: Giáo dục 3e9, no field 1e9;
    # KCN: Chuyển đổi số 999 999 999; SK06 is under review, SK08 in Hà Nam
    assert records(out) == [
        (TP_ROWS, CDS, 1, 4e9),
        (TD, GD, 1, 3e9),
        (TP_ROWS, KT, 2, 1.5e9),
        (TD, None, 1, 1e9),  # no field: NULL, labelled by the page
        (KCN, CDS, 1, 999_999_999.0),
    ]


def test_benefit_treemap_of_an_upper_level_unit_by_grassroots_union():
    con = benefit_db()
    out = run_query(con, "benefit_treemap", **scoped(K_TP))
    assert list(out.columns) == TREEMAP_COLUMNS
    assert records(out) == [(SAMSUNG, CDS, 1, 4e9), (SAMSUNG, KT, 1, 1e9), (HANWHA, KT, 1, 5e8)]
    out = run_query(con, "benefit_treemap", **scoped(K_BN, field=KT, all_statuses=True))
    # Kỹ thuật of every status: Tiên Du SK06 2e10, TP 1.5e9
    assert records(out) == [(TD, KT, 1, 2e10), (TP_ROWS, KT, 2, 1.5e9)]
    assert records(run_query(con, "benefit_treemap", **scoped(K_BN, start=D(2024, 1, 1)))) == []


# --- benefit_top ---------------------------------------------------------------------------------------

TOP_COLUMNS = ["id", "title", "benefit_vnd", "unit", "parent_unit", "field", "authors", "submitted_on"]


def test_benefit_top_limit_and_ties_ordered_by_id():
    con = benefit_db()
    out = run_query(con, "benefit_top", limit=4, **scoped(K_BN))
    assert list(out.columns) == TOP_COLUMNS
    # 4e9, 3e9, then SK05 and SK12 at 1e9 in id order (SK12 was inserted first)
    assert records(out) == [
        ("SK01", "Sáng kiến", 4e9, SAMSUNG, TP_ROWS, CDS, None, D(2023, 5, 2)),
        ("SK04", "Sáng kiến", 3e9, PRIMARY, TD, GD, None, D(2023, 5, 4)),
        ("SK05", "Sáng kiến", 1e9, PRIMARY, TD, None, None, D(2023, 5, 4)),
        ("SK12", "Sáng kiến", 1e9, SAMSUNG, TP_ROWS, KT, None, D(2023, 5, 3)),
    ]
    # the limit cuts between the two ties
    out = run_query(con, "benefit_top", limit=3, **scoped(K_BN))
    assert records(out[["id", "benefit_vnd"]]) == [("SK01", 4e9), ("SK04", 3e9), ("SK05", 1e9)]


def test_benefit_top_filters():
    con = benefit_db()
    out = run_query(con, "benefit_top", limit=2, **scoped(all_statuses=True))
    assert records(out[["id", "benefit_vnd"]]) == [("SK08", 1e11), ("SK06", 2e10)]
    # TP's Kỹ thuật: SK03 has no value and is not listed
    out = run_query(con, "benefit_top", limit=10, **scoped(K_TP, field=KT))
    assert records(out[["id", "benefit_vnd"]]) == [("SK12", 1e9), ("SK09", 5e8)]
    out = run_query(con, "benefit_top", limit=10, **scoped("không có đơn vị này"))
    assert list(out.columns) == TOP_COLUMNS
    assert records(out) == []


# --- benefit_by_field ----------------------------------------------------------------------------------

BY_FIELD_COLUMNS = ["field", "initiatives", "with_value", "without_value", "total_vnd", "median_vnd"]


def test_benefit_by_field_with_a_null_field_and_a_field_without_values():
    out = run_query(benefit_db(), "benefit_by_field", **scoped(K_BN))
    assert list(out.columns) == BY_FIELD_COLUMNS
    # Chuyển đổi số: 4e9 + 999 999 999, median 2 499 999 999.5; Giáo dục 3e9; Kỹ thuật: 1e9 + 5e8 and SK03 without,
    # median 7.5e8; SK05 without a field 1e9; Nông nghiệp: one row without a value -> total null, last
    assert records(out) == [
        (CDS, 2, 2, 0, 4_999_999_999.0, 2_499_999_999.5),
        (GD, 1, 1, 0, 3e9, 3e9),
        (KT, 3, 2, 1, 1.5e9, 7.5e8),
        (None, 1, 1, 0, 1e9, 1e9),  # no field: NULL, labelled by the page
        (NN, 1, 0, 1, None, None),
    ]


def test_benefit_by_field_filters():
    con = benefit_db()
    out = run_query(con, "benefit_by_field", **scoped(K_PRIMARY, all_statuses=True))
    assert records(out) == [(KT, 1, 1, 0, 2e10, 2e10), (GD, 1, 1, 0, 3e9, 3e9), (None, 1, 1, 0, 1e9, 1e9)]
    out = run_query(con, "benefit_by_field", **scoped(field=KT))
    # SK12 1e9, SK03, SK08 1e11, SK09 5e8: median 1e9
    assert records(out) == [(KT, 4, 3, 1, 1.015e11, 1e9)]
    assert records(run_query(con, "benefit_by_field", **scoped("không có đơn vị này"))) == []


# --- benefit_values ------------------------------------------------------------------------------------


def test_benefit_values_one_row_per_declared_value():
    con = benefit_db()
    out = run_query(con, "benefit_values", **scoped(K_TP))
    assert list(out.columns) == ["field", "benefit_vnd"]
    assert sorted(records(out)) == [(CDS, 4e9), (KT, 5e8), (KT, 1e9)]
    out = run_query(con, "benefit_values", **scoped(K_PRIMARY, all_statuses=True))
    assert sorted(records(out), key=str) == sorted([(None, 1e9), (GD, 3e9), (KT, 2e10)], key=str)
    out = run_query(con, "benefit_values", **scoped(K_BN, field=CDS, end=D(2023, 5, 4)))
    assert records(out) == [(CDS, 4e9)]
    assert records(run_query(con, "benefit_values", **scoped(field=NN))) == []


# --- contests ------------------------------------------------------------------------------------------

GOOD, SAFE = "Hội thi Thợ giỏi 2023", "Hội thi An toàn vệ sinh viên giỏi"
NHAT, NHI, BA, KK = "Nhất", "Nhì", "Ba", "Khuyến khích"
PHONG_CACH, TRIEN_VONG = "Giải phong cách", "Triển vọng"
HAN, TIEN, ATVS = "Hàn", "Tiện", "An toàn"


def cr(contest, trade, contestant, unit, prize=None, prize_vnd=None) -> dict:
    year = {GOOD: 2023, SAFE: 2022}[contest]
    return {
        "contest": contest,
        "year": year,
        "trade": trade,
        "contestant": contestant,
        "unit": unit,
        "prize": prize,
        "prize_vnd": prize_vnd,
    }


# Tiers by average prize over every contest: Nhất (10m + 6m) / 2 = 8m, Nhì 5m, Ba 3m and Giải phong cách 3m
# (tied: by name), Khuyến khích 2m, Triển vọng without money (last).
CONTEST_RESULTS = [
    cr(GOOD, HAN, "Nguyễn Văn An", SAMSUNG, NHAT, 10_000_000),
    cr(GOOD, HAN, "Nguyễn Văn An", HANWHA),  # another An, no prize
    cr(GOOD, HAN, "Trần Thị Bình", HANWHA, KK, 2_000_000),
    cr(GOOD, TIEN, "Nguyễn Văn An", SAMSUNG, BA, 3_000_000),
    cr(GOOD, TIEN, "Lê Văn Dũng", None),  # no unit, no prize
    cr(SAFE, HAN, "Lê Văn Cường", SAMSUNG, NHI, 5_000_000),
    cr(SAFE, ATVS, "Phạm Thị Em", HANWHA, NHAT, 6_000_000),
    cr(SAFE, ATVS, "Đỗ Văn Phúc", SAMSUNG, None, 500_000),  # money without a prize: not counted
    cr(SAFE, ATVS, "Vũ Thị Giang", HANWHA, PHONG_CACH, 3_000_000),
    cr(GOOD, TIEN, "Hồ Văn Hải", HANWHA, TRIEN_VONG),  # a prize without money
]


def contest_db():
    return make_db(contest_results=CONTEST_RESULTS)


def test_contest_list_with_totals_latest_year_first():
    out = run_query(contest_db(), "contest_list")
    assert list(out.columns) == ["contest", "year", "trades", "contestants", "winners", "prize_total_vnd"]
    # Thợ giỏi: Hàn, Tiện; 6 entries; winners An (Nhất), Bình, An (Ba), Hải = 4; 10m + 2m + 3m
    # An toàn: Hàn, An toàn; 4 entries; winners Cường, Em, Giang; 5m + 6m + 3m (Phúc's 500 000 left out)
    assert records(out) == [
        (GOOD, 2023, 2, 6, 4, 15_000_000.0),
        (SAFE, 2022, 2, 4, 3, 14_000_000.0),
    ]
    assert records(run_query(make_db(), "contest_list")) == []


def test_contest_by_trade_every_contest_and_one():
    con = contest_db()
    out = run_query(con, "contest_by_trade", contest=None)
    assert list(out.columns) == ["contest", "trade", "contestants", "winners", "prize_total_vnd"]
    # Thợ giỏi Hàn: (An, Samsung), (An, Hanwha), (Bình, Hanwha); Tiện: An, Dũng (no unit), Hải
    assert records(out) == [
        (GOOD, HAN, 3, 2, 12_000_000.0),
        (SAFE, ATVS, 3, 2, 9_000_000.0),
        (SAFE, HAN, 1, 1, 5_000_000.0),
        (GOOD, TIEN, 3, 2, 3_000_000.0),
    ]
    out = run_query(con, "contest_by_trade", contest=GOOD)
    assert records(out) == [(GOOD, HAN, 3, 2, 12_000_000.0), (GOOD, TIEN, 3, 2, 3_000_000.0)]
    assert records(run_query(con, "contest_by_trade", contest="Hội thi khác")) == []


def test_contest_by_tier_lists_tiers_won_only_in_another_contest_with_zero():
    con = contest_db()
    out = run_query(con, "contest_by_tier", contest=GOOD)
    assert list(out.columns) == ["tier", "tier_order", "winners", "prize_total_vnd"]
    # Nhì and Giải phong cách were won only in the other contest: 0; Ba before Giải phong cách (both 3m, by name)
    assert records(out) == [
        (NHAT, 1, 1, 10_000_000.0),
        (NHI, 2, 0, 0.0),
        (BA, 3, 1, 3_000_000.0),
        (PHONG_CACH, 4, 0, 0.0),
        (KK, 5, 1, 2_000_000.0),
        (TRIEN_VONG, 6, 1, 0.0),
    ]
    out = run_query(con, "contest_by_tier", contest=None)
    assert records(out) == [
        (NHAT, 1, 2, 16_000_000.0),
        (NHI, 2, 1, 5_000_000.0),
        (BA, 3, 1, 3_000_000.0),
        (PHONG_CACH, 4, 1, 3_000_000.0),
        (KK, 5, 1, 2_000_000.0),
        (TRIEN_VONG, 6, 1, 0.0),
    ]
    assert records(run_query(make_db(), "contest_by_tier", contest=None)) == []


def test_contest_by_unit_every_contest_and_one():
    con = contest_db()
    out = run_query(con, "contest_by_unit", contest=None)
    assert list(out.columns) == ["unit", "contestants", "winners", "prize_total_vnd"]
    # Samsung: rows An, An, Cường, Phúc -> winners An, An, Cường: 10m + 3m + 5m;
    # Hanwha: An, Bình, Em, Giang, Hải -> winners Bình, Em, Giang, Hải: 2m + 6m + 3m; Dũng without a unit
    assert records(out) == [
        (SAMSUNG, 4, 3, 18_000_000.0),
        (HANWHA, 5, 4, 11_000_000.0),
        (None, 1, 0, 0.0),  # no unit written: NULL, labelled where shown
    ]
    out = run_query(con, "contest_by_unit", contest=SAFE)
    assert records(out) == [(HANWHA, 2, 2, 9_000_000.0), (SAMSUNG, 2, 1, 5_000_000.0)]


def test_contest_winners_by_trade_then_tier_order():
    con = contest_db()
    out = run_query(con, "contest_winners", contest=GOOD)
    assert list(out.columns) == ["contest", "trade", "prize", "contestant", "unit", "prize_vnd"]
    assert records(out) == [
        (GOOD, HAN, NHAT, "Nguyễn Văn An", SAMSUNG, 10_000_000.0),
        (GOOD, HAN, KK, "Trần Thị Bình", HANWHA, 2_000_000.0),
        (GOOD, TIEN, BA, "Nguyễn Văn An", SAMSUNG, 3_000_000.0),
        (GOOD, TIEN, TRIEN_VONG, "Hồ Văn Hải", HANWHA, None),
    ]
    out = run_query(con, "contest_winners", contest=None)
    assert records(out[["trade", "prize", "contestant"]]) == [
        (ATVS, NHAT, "Phạm Thị Em"),
        (ATVS, PHONG_CACH, "Vũ Thị Giang"),
        (HAN, NHAT, "Nguyễn Văn An"),
        (HAN, NHI, "Lê Văn Cường"),
        (HAN, KK, "Trần Thị Bình"),
        (TIEN, BA, "Nguyễn Văn An"),
        (TIEN, TRIEN_VONG, "Hồ Văn Hải"),
    ]


def test_contest_heatmap_every_trade_by_every_tier_with_zeros():
    con = contest_db()
    out = run_query(con, "contest_heatmap", contest=GOOD)
    assert list(out.columns) == ["trade", "tier", "tier_order", "winners"]
    assert records(out) == [
        (HAN, NHAT, 1, 1),
        (HAN, NHI, 2, 0),
        (HAN, BA, 3, 0),
        (HAN, PHONG_CACH, 4, 0),
        (HAN, KK, 5, 1),
        (HAN, TRIEN_VONG, 6, 0),
        (TIEN, NHAT, 1, 0),
        (TIEN, NHI, 2, 0),
        (TIEN, BA, 3, 1),
        (TIEN, PHONG_CACH, 4, 0),
        (TIEN, KK, 5, 0),
        (TIEN, TRIEN_VONG, 6, 1),
    ]
    out = run_query(con, "contest_heatmap", contest=None)
    # Hàn over both contests: An (Nhất), Cường (Nhì), Bình (Khuyến khích)
    assert records(out.loc[out["trade"] == HAN, ["tier", "winners"]]) == [
        (NHAT, 1),
        (NHI, 1),
        (BA, 0),
        (PHONG_CACH, 0),
        (KK, 1),
        (TRIEN_VONG, 0),
    ]
    assert sorted(set(out["trade"])) == [ATVS, HAN, TIEN]
    assert len(out) == 18


# --- awards --------------------------------------------------------------------------------------------

TLD, PROG, DAI_HOI = "Tổng Liên đoàn", "1 triệu sáng kiến", "Thi đua chào mừng Đại hội"
HOANG_MAI = "LĐLĐ quận Hoàng Mai"
TAP_THE, CA_NHAN = "Tập thể", "Cá nhân"
AWARD_COLUMNS = ["body", "programme", "recipient", "recipient_type", "unit", "decision", "decided_on", "amount_vnd"]


def aw(body, programme, recipient, recipient_type, unit=None, amount_vnd=None, decision=None, decided_on=None):
    return {
        "body": body,
        "programme": programme,
        "recipient": recipient,
        "recipient_type": recipient_type,
        "unit": unit,
        "decision": decision,
        "decided_on": decided_on,
        "amount_vnd": amount_vnd,
    }


AWARDS = [
    aw(TLD, PROG, HOANG_MAI, TAP_THE, None, 5_000_000, "123/QĐ-TLĐ", D(2023, 8, 1)),
    aw(TLD, PROG, "Nguyễn Văn An", CA_NHAN, SAMSUNG, 2_000_000, "123/QĐ-TLĐ", D(2023, 8, 1)),
    aw(F_BN, DAI_HOI, SAMSUNG, TAP_THE),  # no money; the collective is its own unit
    aw(F_BN, PROG, "Trần Thị Bình", CA_NHAN, "CĐCS công ty Samsung", 1_000_000),  # another spelling
    aw(TLD, DAI_HOI, "Hoàng Văn Minh", CA_NHAN, HOANG_MAI, 3_000_000),
    aw(TLD, PROG, TD, TAP_THE, None, 5_000_000),
    aw(F_BN, None, "Lê Thị Hoa", CA_NHAN, TD),
]
A1 = (TLD, PROG, HOANG_MAI, TAP_THE, None, "123/QĐ-TLĐ", D(2023, 8, 1), 5_000_000.0)
A2 = (TLD, PROG, "Nguyễn Văn An", CA_NHAN, SAMSUNG, "123/QĐ-TLĐ", D(2023, 8, 1), 2_000_000.0)
A3 = (F_BN, DAI_HOI, SAMSUNG, TAP_THE, None, None, None, None)
A4 = (F_BN, PROG, "Trần Thị Bình", CA_NHAN, "CĐCS công ty Samsung", None, None, 1_000_000.0)
A5 = (TLD, DAI_HOI, "Hoàng Văn Minh", CA_NHAN, HOANG_MAI, None, None, 3_000_000.0)
A6 = (TLD, PROG, TD, TAP_THE, None, None, None, 5_000_000.0)
A7 = (F_BN, None, "Lê Thị Hoa", CA_NHAN, TD, None, None, None)


def awards_db():
    return make_db(awards=AWARDS)


def award_list(con, body=None, programme=None, recipient_type=None, search=None):
    return run_query(con, "awards_list", body=body, programme=programme, recipient_type=recipient_type, search=search)


def test_awards_list_in_file_order_with_body_programme_and_type_filters():
    con = awards_db()
    out = award_list(con)
    assert list(out.columns) == AWARD_COLUMNS
    assert records(out) == [A1, A2, A3, A4, A5, A6, A7]  # A3 and A7 without money: amount null
    assert records(award_list(con, body=F_BN)) == [A3, A4, A7]
    assert records(award_list(con, programme=PROG)) == [A1, A2, A4, A6]
    assert records(award_list(con, recipient_type=CA_NHAN)) == [A2, A4, A5, A7]
    assert records(award_list(con, body=TLD, programme=DAI_HOI, recipient_type=CA_NHAN)) == [A5]
    assert records(award_list(con, body="Bộ Lao động")) == []


def test_awards_list_search_in_recipient_or_unit_ignores_case_and_diacritics():
    con = awards_db()
    # the collective Hoàng Mai (recipient) and Minh, whose unit is Hoàng Mai
    assert records(award_list(con, search="hoang mai")) == [A1, A5]
    assert records(award_list(con, search="HOÀNG MAI")) == [A1, A5]
    assert records(award_list(con, search="Hoàng")) == [A1, A5]  # A5 matches by unit and by its own name
    # Samsung as recipient (A3) or unit in two spellings (A2, A4)
    assert records(award_list(con, search="samsung")) == [A2, A3, A4]
    assert records(award_list(con, search="tien du", recipient_type=CA_NHAN)) == [A7]
    assert records(award_list(con, search="không có ai")) == []


def test_awards_list_search_folds_d_with_stroke():
    con = awards_db()
    assert records(award_list(con, search="ldld hoang mai")) == [A1, A5]


def test_awards_by_unit_groups_a_collective_with_its_members():
    out = run_query(awards_db(), "awards_by_unit")
    assert list(out.columns) == ["unit", "awards", "amount_vnd"]
    # Samsung: A2, A3 (recipient), A4 (other spelling) -> most frequent spelling, 2m + 1m;
    # Tiên Du: A6 (recipient), A7 (unit): 5m; Hoàng Mai: A1 (recipient), A5 (unit): 5m + 3m; ties by name
    assert records(out) == [(SAMSUNG, 3, 3_000_000.0), (TD, 2, 5_000_000.0), (HOANG_MAI, 2, 8_000_000.0)]
    assert records(run_query(make_db(), "awards_by_unit")) == []


def test_awards_counts_by_body_programme_and_type():
    out = run_query(awards_db(), "awards_counts")
    assert list(out.columns) == ["body", "programme", "recipient_type", "count", "amount_vnd", "first_row"]
    assert records(out) == [
        (TLD, PROG, TAP_THE, 2, 10_000_000.0, 1),
        (TLD, PROG, CA_NHAN, 1, 2_000_000.0, 2),
        (F_BN, DAI_HOI, TAP_THE, 1, None, 3),
        (F_BN, PROG, CA_NHAN, 1, 1_000_000.0, 4),
        (TLD, DAI_HOI, CA_NHAN, 1, 3_000_000.0, 5),
        (F_BN, None, CA_NHAN, 1, None, 7),
    ]


# --- works, opinions -----------------------------------------------------------------------------------

WORKS = [
    {
        "name": "Nhà văn hóa công nhân",
        "level": "grassroots",
        "unit": SAMSUNG,
        "flagship": True,
        "value_vnd": 2e9,
        "completed_on": D(2023, 7, 1),
    },
    {"name": "Sửa chữa nhà xưởng", "level": "grassroots", "unit": HANWHA, "flagship": False, "value_vnd": 5e8},
    {
        "name": "Cầu dân sinh",
        "level": "upper",
        "unit": TD,
        "flagship": True,
        "value_vnd": 3e9,
        "completed_on": D(2023, 8, 15),
    },
    {"name": "Trường mầm non", "level": None, "unit": QV, "flagship": False},
    {"name": "Vườn hoa", "level": None, "unit": GB, "flagship": True, "value_vnd": 1e8, "completed_on": D(2023, 6, 1)},
    {"name": "Sân bóng", "level": "grassroots", "unit": FOXCONN, "flagship": None, "value_vnd": 3e8},
]


def test_works_by_level_lists_works_without_a_level():
    out = run_query(make_db(works=WORKS), "works_by_level")
    assert list(out.columns) == ["level", "works", "flagship", "value_vnd"]
    # grassroots: 2e9 + 5e8 + 3e8, one flagship; upper: one flagship 3e9; no level: 1e8 (Trường mầm non has none)
    assert records(out) == [("grassroots", 3, 1, 2.8e9), ("upper", 1, 1, 3e9), (None, 2, 1, 1e8)]
    assert records(run_query(make_db(), "works_by_level")) == []


def test_works_flagship_in_file_order():
    out = run_query(make_db(works=WORKS), "works_flagship")
    assert list(out.columns) == ["name", "level", "unit", "value_vnd", "completed_on"]
    assert records(out) == [
        ("Nhà văn hóa công nhân", "grassroots", SAMSUNG, 2e9, D(2023, 7, 1)),
        ("Cầu dân sinh", "upper", TD, 3e9, D(2023, 8, 15)),
        ("Vườn hoa", None, GB, 1e8, D(2023, 6, 1)),
    ]
    assert records(run_query(make_db(), "works_flagship")) == []


def test_opinions_by_channel_and_answer_unknown_answer_counts_as_not_answered():
    con = make_db(
        opinions=[
            {"channel": "văn bản", "answered": True},
            {"channel": "văn bản", "answered": False},
            {"channel": "văn bản", "answered": None},
            {"channel": "trực tiếp", "answered": True},
            {"channel": "trực tiếp", "answered": True},
        ]
    )
    out = run_query(con, "opinions_by_channel")
    assert list(out.columns) == ["channel", "answered", "opinions"]
    assert records(out) == [("trực tiếp", True, 2), ("văn bản", True, 1), ("văn bản", False, 2)]
    assert records(run_query(make_db(), "opinions_by_channel")) == []


# --- campaign_initiatives ------------------------------------------------------------------------------

CAMPAIGN_COLUMNS = ["period", "from_day", "to_day", "days", "initiatives", "per_day"]
BEFORE, INSIDE, AFTER = "before", "inside", "after"


def campaign_db():
    return make_db(
        initiatives=[
            sk(TP_ROWS, SAMSUNG, D(2023, 5, 2)),
            sk(TP_ROWS, SAMSUNG, D(2023, 5, 2)),
            sk(TD, PRIMARY, D(2023, 5, 3), field=CDS),
            sk(TD, PRIMARY, D(2023, 5, 10), field=CDS),
            sk(TP_ROWS, HANWHA, D(2023, 5, 11)),
            sk(TP_ROWS, HANWHA, D(2023, 5, 20)),
            sk(TD, PRIMARY, D(2023, 5, 25), status=INVALID),
        ]
    )


def campaign(con, start, end, scope_key=None, **kw):
    return run_query(con, "campaign_initiatives", campaign_start=start, campaign_end=end, **scoped(scope_key, **kw))


def test_campaign_initiatives_before_inside_and_after():
    out = campaign(campaign_db(), D(2023, 5, 5), D(2023, 5, 14))
    assert list(out.columns) == CAMPAIGN_COLUMNS
    # valid rows 02/05 … 20/05: before 02–04/05 = 3 days, 3 rows; inside 05–14/05 = 10 days, 2 rows (0.2/day);
    # after 15–20/05 = 6 days, 1 row (1/6 = 0.17 -> 0.2)
    assert records(out) == [
        (BEFORE, D(2023, 5, 2), D(2023, 5, 4), 3, 3, 1.0),
        (INSIDE, D(2023, 5, 5), D(2023, 5, 14), 10, 2, 0.2),
        (AFTER, D(2023, 5, 15), D(2023, 5, 20), 6, 1, 0.2),
    ]


def test_campaign_initiatives_inside_period_ends_at_the_last_submission():
    con = campaign_db()
    out = campaign(con, D(2023, 5, 10), D(2023, 6, 30))
    # before 02–09/05 = 8 days, 3 rows (0.375 -> 0.4); inside 10/05 … 20/05 (last valid day) = 11 days, 3 rows
    # (0.27 -> 0.3); no day after
    assert records(out) == [
        (BEFORE, D(2023, 5, 2), D(2023, 5, 9), 8, 3, 0.4),
        (INSIDE, D(2023, 5, 10), D(2023, 5, 20), 11, 3, 0.3),
    ]
    # every status: the invalid row of 25/05 moves the last day: 10–25/05 = 16 days, 4 rows
    out = campaign(con, D(2023, 5, 10), D(2023, 6, 30), all_statuses=True)
    assert records(out[["period", "to_day", "days", "initiatives"]]) == [
        (BEFORE, D(2023, 5, 9), 8, 3),
        (INSIDE, D(2023, 5, 25), 16, 4),
    ]


def test_campaign_initiatives_scope_and_field_move_the_first_and_last_days():
    con = campaign_db()
    # Tiên Du's valid rows: 03/05, 10/05 (Chuyển đổi số)
    out = campaign(con, D(2023, 5, 5), D(2023, 5, 7), scope_key="liên đoàn lao động huyện tiên du")
    assert records(out) == [
        (BEFORE, D(2023, 5, 3), D(2023, 5, 4), 2, 1, 0.5),
        (INSIDE, D(2023, 5, 5), D(2023, 5, 7), 3, 0, 0.0),
        (AFTER, D(2023, 5, 8), D(2023, 5, 10), 3, 1, 0.3),
    ]
    # Chuyển đổi số: 03/05 and 10/05 only; a campaign after them has no day in the data
    out = campaign(con, D(2023, 5, 5), D(2023, 5, 7), field=CDS)
    assert records(out[["period", "from_day", "to_day", "initiatives"]]) == [
        (BEFORE, D(2023, 5, 3), D(2023, 5, 4), 1),
        (INSIDE, D(2023, 5, 5), D(2023, 5, 7), 0),
        (AFTER, D(2023, 5, 8), D(2023, 5, 10), 1),
    ]


def test_campaign_initiatives_without_rows_has_no_period():
    con = campaign_db()
    out = campaign(con, D(2023, 5, 5), D(2023, 5, 7), field=NN)
    assert list(out.columns) == CAMPAIGN_COLUMNS
    assert records(out) == []
    assert records(campaign(make_db(), D(2023, 5, 5), D(2023, 5, 7))) == []


def test_campaign_initiatives_inside_period_starts_at_the_first_submission():
    out = campaign(campaign_db(), D(2023, 4, 23), D(2023, 5, 11))
    # data from 02/05: inside 02/05 … 11/05 = 10 days, 5 rows -> 0.5; after 12–20/05 = 9 days, 1 row (0.11 -> 0.1)
    assert records(out) == [
        (INSIDE, D(2023, 5, 2), D(2023, 5, 11), 10, 5, 0.5),
        (AFTER, D(2023, 5, 12), D(2023, 5, 20), 9, 1, 0.1),
    ]


def test_campaign_initiatives_before_period_ends_at_the_last_submission():
    out = campaign(campaign_db(), D(2023, 6, 1), D(2023, 6, 30))
    # only the 'before' period has days in the data: 02/05 … 20/05 = 19 days, 6 rows (0.316 -> 0.3)
    assert records(out) == [(BEFORE, D(2023, 5, 2), D(2023, 5, 20), 19, 6, 0.3)]
