"""Each query file against a small literal fixture: its output columns and its rows."""

import datetime as dt

import duckdb
import pandas as pd

from sangkien.analysis.filters import Filters
from sangkien.db import quote_ident, run_query
from sangkien.ingest.normalize import unit_key
from sangkien.ingest.schema import KINDS, STATUS_INVALID, STATUS_REVIEW, STATUS_VALID, UNIT_KEY_COLUMNS, table_columns
from sangkien.store.derived import derive_tables

from .conftest import records

D = dt.date
VALID, REVIEW, INVALID = STATUS_VALID, STATUS_REVIEW, STATUS_INVALID

# Names as the files write them, and their keys.
F_BN = "LĐLĐ tỉnh Bắc Ninh"
TP_UNITS = "LĐLĐ TP Bắc Ninh"  # the units table's spelling …
TP_ROWS = "Liên đoàn Lao động thành phố Bắc Ninh"  # … and the initiatives' spelling of the same union
TD = "LĐLĐ huyện Tiên Du"
QV = "LĐLĐ huyện Quế Võ"
GB = "LĐLĐ huyện Gia Bình"
KCN = "Công đoàn các Khu công nghiệp Bắc Ninh"
SAMSUNG, HANWHA, FOXCONN = "CĐCS Công ty Samsung", "CĐCS Công ty Hanwha", "CĐCS Công ty Foxconn"
GOERTEK, PRIMARY = "CĐCS Công ty Goertek", "CĐCS Trường Tiểu học"  # a school name found in several districts
HA_NAM, NAM_DINH, Y_TE = "LĐLĐ tỉnh Hà Nam", "LĐLĐ tỉnh Nam Định", "Công đoàn ngành Y tế Việt Nam"

K_BN = "liên đoàn lao động tỉnh bắc ninh"
K_TP = "liên đoàn lao động thành phố bắc ninh"
K_TD = "liên đoàn lao động huyện tiên du"
K_QV = "liên đoàn lao động huyện quế võ"
K_GB = "liên đoàn lao động huyện gia bình"
K_KCN = "công đoàn các khu công nghiệp bắc ninh"
K_SAMSUNG = "công đoàn cơ sở công ty samsung"
K_HANWHA = "công đoàn cơ sở công ty hanwha"
K_FOXCONN = "công đoàn cơ sở công ty foxconn"
K_PRIMARY = "công đoàn cơ sở trường tiểu học"
K_HA_NAM, K_NAM_DINH, K_Y_TE = (
    "liên đoàn lao động tỉnh hà nam",
    "liên đoàn lao động tỉnh nam định",
    "công đoàn ngành y tế việt nam",
)

RANKING_COLUMNS = [
    "unit",
    "unit_key",
    "initiatives",
    "participants",
    "quota",
    "pct_of_quota",
    "commitment",
    "pct_of_commitment",
    "members",
    "per_100_members",
    "benefit_vnd",
    "rank",
    "source",
    "reported_initiatives",
    "diff_from_reported_pct",
]
FEDERATION_COLUMNS = [*RANKING_COLUMNS, "as_of"]
CHILDREN_COLUMNS = [*RANKING_COLUMNS, "in_hierarchy"]


def make_db(**tables: list[dict]) -> duckdb.DuckDBPyConnection:
    """An in-memory version: every canonical table, the given rows inserted, key columns filled as ingestion does."""
    con = duckdb.connect()
    for kind in KINDS:
        columns = ", ".join(f"{quote_ident(c)} {t}" for c, t in table_columns(kind))
        con.execute(f"create table {kind} ({columns})")
    for kind, rows in tables.items():
        names = [c for c, _ in table_columns(kind)]
        for number, row in enumerate(rows, 1):
            full = dict.fromkeys(names) | {"source_file": f"{kind}.csv", "source_row": number} | row
            for name_col, key_col in UNIT_KEY_COLUMNS.get(kind, {}).items():
                if key_col not in row:
                    full[key_col] = unit_key(full[name_col])
            marks = ", ".join("?" * len(names))
            con.execute(f"insert into {kind} values ({marks})", [full[n] for n in names])
    derive_tables(con)  # as publishing a version does
    return con


def filters(**kw) -> dict:
    return Filters(**kw).params()


def sk(parent: str | None, unit: str, day: D, status: str = VALID, federation: str = F_BN, **extra) -> dict:
    """One initiative row."""
    return {
        "title": "Sáng kiến",
        "federation": federation,
        "parent_unit": parent,
        "unit": unit,
        "submitted_on": day,
        "status": status,
        **extra,
    }


# One province: four upper-level units with rows (one of them outside the units table), one without rows.
PROVINCE_INITIATIVES = [
    sk(TP_ROWS, SAMSUNG, D(2023, 5, 2), authors="Nguyễn Văn An; Trần Thị Bình", benefit_vnd=1e9),
    sk(TP_ROWS, SAMSUNG, D(2023, 5, 2), authors="Nguyễn Văn An", benefit_vnd=5e8),
    sk(TP_ROWS, SAMSUNG, D(2023, 5, 3)),
    sk(TP_ROWS, HANWHA, D(2023, 5, 3), authors="Nguyễn Văn An"),  # another person of the same name
    sk(TD, PRIMARY, D(2023, 5, 2), authors="Lê Thị Hoa"),
    sk(TD, PRIMARY, D(2023, 5, 4)),
    sk(TD, PRIMARY, D(2023, 5, 4), status=REVIEW, authors="Hoàng Văn Minh"),
    sk(QV, PRIMARY, D(2023, 5, 3), authors="Lê Thị Hoa", field="Chuyển đổi số"),  # same names, other district
    sk(QV, PRIMARY, D(2023, 6, 12)),
    sk(KCN, GOERTEK, D(2023, 5, 4), benefit_vnd=4e9),
    sk(KCN, GOERTEK, D(2023, 5, 5), status=INVALID),
]
PROVINCE_UNITS = [
    {"unit": F_BN, "level": "federation", "commitment": 12, "quota": 20, "members": 1000, "as_of": D(2023, 6, 30)},
    {
        "unit": TP_UNITS,
        "parent": F_BN,
        "level": "upper",
        "commitment": 5,
        "quota": 8,
        "members": 200,
        "reported_initiatives": 5,
    },
    {"unit": TD, "parent": F_BN, "level": "upper"},
    {"unit": QV, "parent": F_BN, "level": "upper", "quota": 3, "reported_initiatives": 2},
    {"unit": GB, "parent": F_BN, "level": "upper", "quota": 5},
    {"unit": SAMSUNG, "parent": TP_UNITS, "level": "grassroots", "quota": 4},
    {"unit": FOXCONN, "parent": TP_UNITS, "level": "grassroots", "quota": 2},
]
NATIONAL_REPORTED = [
    {
        "unit": F_BN,
        "level": "federation",
        "initiatives": 10,
        "participants": 40,
        "benefit_vnd": 9e9,
        "quota": 18,
        "commitment": 11,
        "as_of": D(2023, 6, 15),
    },
    {
        "unit": HA_NAM,
        "initiatives": 7,
        "participants": 6,
        "benefit_vnd": 2e9,
        "quota": 14,
        "commitment": 10,
        "as_of": D(2023, 6, 30),
    },
    {"unit": NAM_DINH, "level": "federation", "initiatives": 7, "as_of": D(2023, 6, 30)},  # no quota
    {"unit": Y_TE, "level": "federation", "initiatives": 3, "quota": 6, "as_of": D(2023, 6, 30)},
    {"unit": TD, "level": "upper", "initiatives": 100},  # not a federation: left out of the national ranking
]


def province() -> duckdb.DuckDBPyConnection:
    return make_db(initiatives=PROVINCE_INITIATIVES, units=PROVINCE_UNITS)


def national() -> duckdb.DuckDBPyConnection:
    return make_db(initiatives=PROVINCE_INITIATIVES, units=PROVINCE_UNITS, reported_totals=NATIONAL_REPORTED)


def test_fixture_keys_are_the_normalised_names():
    assert [unit_key(n) for n in (F_BN, TP_UNITS, TP_ROWS, PRIMARY)] == [K_BN, K_TP, K_TP, K_PRIMARY]


# --- ranking_federations -------------------------------------------------------------------------------


def test_ranking_federations_replaces_reported_totals_by_rows_and_shares_ties():
    out = run_query(national(), "ranking_federations", **filters())
    assert list(out.columns) == FEDERATION_COLUMNS
    # Bắc Ninh has rows: 9 valid of 11 (4 TP + 2 TD + 2 QV + 1 KCN); quota 20 and commitment 12 from the units
    # table win over the reported 18 and 11: 9/20 = 45%, 9/12 = 75%, 9/1000 members = 0.9 per 100;
    # participants: An and Bình at Samsung, An at Hanwha, Hoa at each of the two schools = 5;
    # benefit 1e9 + 5e8 + 4e9; reported 10 -> (9-10)/10 = -10%.
    # Others reported: Hà Nam 7 (7/14 = 50%, 7/10 = 70%), Nam Định 7 without quota, Y tế 3 (3/6 = 50%).
    # Ranks 9, 7, 7, 3 -> 1, 2, 2, 4; the upper-level reported row (Tiên Du, 100) is left out.
    assert records(out) == [
        (F_BN, K_BN, 9, 5, 20, 45.0, 12, 75.0, 1000, 0.9, 5.5e9, 1, "rows", 10, -10.0, D(2023, 6, 15)),
        (HA_NAM, K_HA_NAM, 7, 6, 14, 50.0, 10, 70.0, None, None, 2e9, 2, "reported", 7, 0.0, D(2023, 6, 30)),
        (
            NAM_DINH,
            K_NAM_DINH,
            7,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            2,
            "reported",
            7,
            0.0,
            D(2023, 6, 30),
        ),
        (Y_TE, K_Y_TE, 3, None, 6, 50.0, None, None, None, None, None, 4, "reported", 3, 0.0, D(2023, 6, 30)),
    ]


def test_ranking_federations_status_filter_counts_every_status():
    out = run_query(national(), "ranking_federations", **filters(all_statuses=True))
    # Bắc Ninh: 11 rows; + Minh (under review) = 6 participants; 11/20 = 55%; (11-10)/10 = +10%
    assert records(out[["unit", "initiatives", "participants", "pct_of_quota", "rank", "source"]]) == [
        (F_BN, 11, 6, 55.0, 1, "rows"),
        (HA_NAM, 7, 6, 50.0, 2, "reported"),
        (NAM_DINH, 7, None, None, 2, "reported"),
        (Y_TE, 3, None, 50.0, 4, "reported"),
    ]
    assert out.loc[0, "diff_from_reported_pct"] == 10.0


def test_ranking_federations_period_filter_applies_to_rows_only():
    out = run_query(national(), "ranking_federations", **filters(start=D(2023, 5, 4)))
    # valid rows from 04/05: Tiên Du 04/05, KCN 04/05, Quế Võ 12/06 = 3, tied with Y tế; (3-10)/10 = -70%
    assert records(out[["unit", "initiatives", "rank", "source", "diff_from_reported_pct"]]) == [
        (HA_NAM, 7, 1, "reported", 0.0),
        (NAM_DINH, 7, 1, "reported", 0.0),
        (Y_TE, 3, 3, "reported", 0.0),
        (F_BN, 3, 3, "rows", -70.0),
    ]
    out = run_query(national(), "ranking_federations", **filters(end=D(2023, 5, 2)))
    # valid rows up to 02/05: two at Samsung, one at Tiên Du = 3
    assert records(out.loc[out["unit"] == F_BN, ["initiatives", "rank"]]) == [(3, 3)]


def test_ranking_federations_a_peer_reported_above_overtakes_the_home_unit():
    before = run_query(national(), "ranking_federations", **filters())
    assert records(before.loc[before["unit_key"] == K_BN, ["rank"]]) == [(1,)]
    peer = {"unit": "LĐLĐ tỉnh Bắc Giang", "level": "federation", "initiatives": 12}
    con = make_db(initiatives=PROVINCE_INITIATIVES, units=PROVINCE_UNITS, reported_totals=[*NATIONAL_REPORTED, peer])
    after = run_query(con, "ranking_federations", **filters())
    assert records(after[["unit", "initiatives", "rank"]]) == [
        ("LĐLĐ tỉnh Bắc Giang", 12, 1),
        (F_BN, 9, 2),
        (HA_NAM, 7, 3),
        (NAM_DINH, 7, 3),
        (Y_TE, 3, 5),
    ]


def test_ranking_federations_a_federation_with_rows_and_no_reported_total():
    transport = "Công đoàn Giao thông vận tải Việt Nam"
    con = make_db(
        initiatives=[sk(None, "CĐCS Cảng Hải Phòng", D(2023, 5, 2), federation=transport)] * 2,
        reported_totals=[{"unit": HA_NAM, "initiatives": 1}],
    )
    out = run_query(con, "ranking_federations", **filters())
    assert records(
        out[["unit", "initiatives", "rank", "source", "reported_initiatives", "diff_from_reported_pct"]]
    ) == [
        (transport, 2, 1, "rows", None, None),
        (HA_NAM, 1, 2, "reported", 1, 0.0),
    ]


def test_ranking_federations_filters_that_match_no_row_count_zero_from_the_rows():
    con = province()  # rows only, no reported totals
    for params in (filters(field="Nông nghiệp"), filters(start=D(2024, 1, 1))):
        out = run_query(con, "ranking_federations", **params)
        assert list(out.columns) == FEDERATION_COLUMNS
        assert records(out[["unit", "initiatives", "participants", "quota", "pct_of_quota", "rank", "source"]]) == [
            ("LĐLĐ tỉnh Bắc Ninh", 0, 0, 20, 0.0, 1, "rows")
        ]


def test_ranking_federations_a_period_without_rows_does_not_bring_back_the_reported_total():
    out = run_query(national(), "ranking_federations", **filters(start=D(2023, 7, 1)))
    # Bắc Ninh has loaded rows, none after 12/06: 0 from rows, not the reported 10
    assert records(out[["unit", "initiatives", "rank", "source"]]) == [
        (HA_NAM, 7, 1, "reported"),
        (NAM_DINH, 7, 1, "reported"),
        (Y_TE, 3, 3, "reported"),
        (F_BN, 0, 4, "rows"),
    ]


# --- ranking_children ----------------------------------------------------------------------------------


def test_ranking_children_of_a_federation_lists_hierarchy_units_without_rows():
    out = run_query(province(), "ranking_children", parent_key=K_BN, **filters())
    assert list(out.columns) == CHILDREN_COLUMNS
    # TP: 4 rows; An + Bình at Samsung, An at Hanwha = 3 participants; 4/8 = 50%, 4/5 = 80%, 4/200 = 2 per 100;
    #     reported 5 -> (4-5)/5 = -20%; shown with the units table's spelling
    # Quế Võ 2 (2/3 = 66.7%; reported 2 -> 0%), Tiên Du 2 (no quota; the row under review left out),
    # KCN 1 (not in the units table), Gia Bình listed with 0 (0/5 = 0%). Ranks 4, 2, 2, 1, 0 -> 1, 2, 2, 4, 5.
    assert records(out) == [
        (TP_UNITS, K_TP, 4, 3, 8, 50.0, 5, 80.0, 200, 2.0, 1.5e9, 1, "rows", 5, -20.0, True),
        (QV, K_QV, 2, 1, 3, 66.7, None, None, None, None, None, 2, "rows", 2, 0.0, True),
        (TD, K_TD, 2, 1, None, None, None, None, None, None, None, 2, "rows", None, None, True),
        (KCN, K_KCN, 1, 0, None, None, None, None, None, None, 4e9, 4, "rows", None, None, False),
        (GB, K_GB, 0, 0, 5, 0.0, None, None, None, None, None, 5, "rows", None, None, True),
    ]


def test_ranking_children_of_an_upper_level_unit_lists_its_grassroots_unions():
    out = run_query(province(), "ranking_children", parent_key=K_TP, **filters())
    assert list(out.columns) == CHILDREN_COLUMNS
    # Samsung 3 (3/4 = 75%), Hanwha 1 (not in the units table), Foxconn 0 (0/2 = 0%)
    columns = ["unit", "unit_key", "initiatives", "participants", "quota", "pct_of_quota", "benefit_vnd", "rank"]
    assert records(out[[*columns, "in_hierarchy"]]) == [
        (SAMSUNG, K_SAMSUNG, 3, 2, 4, 75.0, 1.5e9, 1, True),
        (HANWHA, K_HANWHA, 1, 1, None, None, None, 2, False),
        (FOXCONN, K_FOXCONN, 0, 0, 2, 0.0, None, 3, True),
    ]


def test_ranking_children_status_and_period_filters_change_the_counts():
    con = province()
    columns = ["unit", "initiatives", "rank"]
    out = run_query(con, "ranking_children", parent_key=K_BN, **filters(all_statuses=True))
    # + Tiên Du under review, + KCN invalid: 4, 3, 2, 2, 0 -> 1, 2, 3, 3, 5
    assert records(out[columns]) == [(TP_UNITS, 4, 1), (TD, 3, 2), (KCN, 2, 3), (QV, 2, 3), (GB, 0, 5)]
    out = run_query(con, "ranking_children", parent_key=K_BN, **filters(end=D(2023, 5, 31)))
    # Quế Võ's row of 12/06 left out: 4, 2, 1, 1, 0 -> 1, 2, 3, 3, 5
    assert records(out[columns]) == [(TP_UNITS, 4, 1), (TD, 2, 2), (KCN, 1, 3), (QV, 1, 3), (GB, 0, 5)]
    out = run_query(con, "ranking_children", parent_key=K_BN, **filters(field="Chuyển đổi số"))
    # one row in the field (Quế Võ); hierarchy units with 0; KCN (rows only) gone
    assert records(out[columns]) == [(QV, 1, 1), (TP_UNITS, 0, 2), (GB, 0, 2), (TD, 0, 2)]


def test_ranking_children_with_a_field_that_matches_nothing_lists_the_hierarchy_with_zeros():
    out = run_query(province(), "ranking_children", parent_key=K_BN, **filters(field="Nông nghiệp"))
    assert list(out.columns) == CHILDREN_COLUMNS
    assert records(out[["unit", "initiatives", "participants", "pct_of_quota", "rank", "in_hierarchy"]]) == [
        (TP_UNITS, 0, 0, 0.0, 1, True),
        (GB, 0, 0, 0.0, 1, True),
        (QV, 0, 0, 0.0, 1, True),
        (TD, 0, 0, None, 1, True),
    ]


# --- progress_cumulative -------------------------------------------------------------------------------

PROGRESS_COLUMNS = ["unit_key", "day", "initiatives", "cumulative"]


def test_progress_cumulative_of_a_federation_and_one_of_its_upper_level_units():
    out = run_query(province(), "progress_cumulative", unit_keys=[K_BN, K_TP], **filters())
    assert list(out.columns) == PROGRESS_COLUMNS
    # TP: 02/05 two at Samsung, 03/05 Samsung + Hanwha
    # Bắc Ninh: 02/05 TP 2 + TD 1 = 3; 03/05 TP 2 + QV 1 = 3; 04/05 TD 1 + KCN 1 = 2; 12/06 QV 1
    assert records(out) == [
        (K_TP, D(2023, 5, 2), 2, 2),
        (K_TP, D(2023, 5, 3), 2, 4),
        (K_BN, D(2023, 5, 2), 3, 3),
        (K_BN, D(2023, 5, 3), 3, 6),
        (K_BN, D(2023, 5, 4), 2, 8),
        (K_BN, D(2023, 6, 12), 1, 9),
    ]


def test_progress_cumulative_status_period_and_empty_filters():
    con = province()
    out = run_query(con, "progress_cumulative", unit_keys=[K_BN], **filters(all_statuses=True))
    # + under review on 04/05, + invalid on 05/05
    assert records(out) == [
        (K_BN, D(2023, 5, 2), 3, 3),
        (K_BN, D(2023, 5, 3), 3, 6),
        (K_BN, D(2023, 5, 4), 3, 9),
        (K_BN, D(2023, 5, 5), 1, 10),
        (K_BN, D(2023, 6, 12), 1, 11),
    ]
    out = run_query(
        con, "progress_cumulative", unit_keys=[K_BN, K_TP], **filters(start=D(2023, 5, 3), end=D(2023, 5, 4))
    )
    assert records(out) == [
        (K_TP, D(2023, 5, 3), 2, 2),
        (K_BN, D(2023, 5, 3), 3, 3),
        (K_BN, D(2023, 5, 4), 2, 5),
    ]
    out = run_query(con, "progress_cumulative", unit_keys=[K_BN], **filters(field="Nông nghiệp"))
    assert list(out.columns) == PROGRESS_COLUMNS
    assert records(out) == []


# --- daily_children ------------------------------------------------------------------------------------

DAILY_COLUMNS = ["unit_key", "unit", "day", "initiatives"]


def test_daily_children_of_a_federation_by_upper_level_unit_and_day():
    out = run_query(province(), "daily_children", parent_key=K_BN, **filters())
    assert list(out.columns) == DAILY_COLUMNS
    # Gia Bình has no submission: no rows
    assert records(out) == [
        (K_KCN, KCN, D(2023, 5, 4), 1),
        (K_QV, QV, D(2023, 5, 3), 1),
        (K_QV, QV, D(2023, 6, 12), 1),
        (K_TD, TD, D(2023, 5, 2), 1),
        (K_TD, TD, D(2023, 5, 4), 1),
        (K_TP, TP_ROWS, D(2023, 5, 2), 2),
        (K_TP, TP_ROWS, D(2023, 5, 3), 2),
    ]


def test_daily_children_of_an_upper_level_unit_by_grassroots_union():
    out = run_query(province(), "daily_children", parent_key=K_TP, **filters())
    assert records(out) == [
        (K_HANWHA, HANWHA, D(2023, 5, 3), 1),
        (K_SAMSUNG, SAMSUNG, D(2023, 5, 2), 2),
        (K_SAMSUNG, SAMSUNG, D(2023, 5, 3), 1),
    ]


def test_daily_children_status_period_and_empty_filters():
    con = province()
    out = run_query(con, "daily_children", parent_key=K_BN, **filters(all_statuses=True))
    assert records(out[out["unit_key"].isin([K_KCN, K_TD])]) == [
        (K_KCN, KCN, D(2023, 5, 4), 1),
        (K_KCN, KCN, D(2023, 5, 5), 1),  # invalid
        (K_TD, TD, D(2023, 5, 2), 1),
        (K_TD, TD, D(2023, 5, 4), 2),  # + under review
    ]
    out = run_query(con, "daily_children", parent_key=K_BN, **filters(start=D(2023, 5, 3), end=D(2023, 5, 3)))
    assert records(out) == [(K_QV, QV, D(2023, 5, 3), 1), (K_TP, TP_ROWS, D(2023, 5, 3), 2)]
    out = run_query(con, "daily_children", parent_key=K_BN, **filters(field="Nông nghiệp"))
    assert list(out.columns) == DAILY_COLUMNS
    assert records(out) == []


# --- unit_headline -------------------------------------------------------------------------------------

HEADLINE_COLUMNS = [
    "initiatives",
    "initiatives_all_statuses",
    "initiatives_valid",
    "initiatives_under_review",
    "initiatives_invalid",
    "participants",
    "with_authors",
    "with_benefit",
    "benefit_total_vnd",
    "benefit_max_vnd",
    "initiatives_benefit_ge_3e9",
    "first_submitted_on",
    "last_submitted_on",
]


def test_unit_headline_of_a_federation():
    out = run_query(province(), "unit_headline", unit_key=K_BN, **filters())
    assert list(out.columns) == HEADLINE_COLUMNS
    # 9 valid of 11 (1 under review, 1 invalid); participants: An + Bình (Samsung), An (Hanwha),
    # Hoa (school in Tiên Du), Hoa (school in Quế Võ) = 5; 6 rows name authors, any status;
    # benefit on 3 valid rows: 1e9 + 5e8 + 4e9 = 5.5e9, one of them ≥ 3e9
    assert records(out) == [(9, 11, 9, 1, 1, 5, 6, 3, 5.5e9, 4e9, 1, D(2023, 5, 2), D(2023, 6, 12))]


def test_unit_headline_status_filter_leaves_the_status_counts_alone():
    out = run_query(province(), "unit_headline", unit_key=K_BN, **filters(all_statuses=True))
    # 11 counted; + Minh (under review) = 6 participants
    assert records(out) == [(11, 11, 9, 1, 1, 6, 6, 3, 5.5e9, 4e9, 1, D(2023, 5, 2), D(2023, 6, 12))]


def test_unit_headline_of_an_upper_level_unit_and_of_a_repeated_grassroots_name():
    con = province()
    out = run_query(con, "unit_headline", unit_key=K_TP, **filters())
    assert records(out) == [(4, 4, 4, 0, 0, 3, 3, 2, 1.5e9, 1e9, 0, D(2023, 5, 2), D(2023, 5, 3))]
    out = run_query(con, "unit_headline", unit_key=K_PRIMARY, **filters())
    # the key alone matches the schools of Tiên Du and Quế Võ: 4 valid of 5; Hoa counted once per school = 2
    assert records(out) == [(4, 5, 4, 1, 0, 2, 3, 0, None, None, 0, D(2023, 5, 2), D(2023, 6, 12))]


def test_unit_headline_period_and_empty_filters():
    con = province()
    out = run_query(con, "unit_headline", unit_key=K_BN, **filters(start=D(2023, 6, 1)))
    assert records(out) == [(1, 1, 1, 0, 0, 0, 0, 0, None, None, 0, D(2023, 6, 12), D(2023, 6, 12))]
    out = run_query(con, "unit_headline", unit_key=K_BN, **filters(field="Nông nghiệp"))
    assert list(out.columns) == HEADLINE_COLUMNS
    assert records(out) == [(0, 0, 0, 0, 0, 0, 0, 0, None, None, 0, None, None)]


# --- unit_lookup ---------------------------------------------------------------------------------------

LOOKUP_COLUMNS = ["source", "name", "level", "parent", "parent_key", "commitment", "quota", "members", "as_of"]


def lookup(con, key: str) -> pd.DataFrame:
    return run_query(con, "unit_lookup", unit_key=key).sort_values("source").reset_index(drop=True)


def test_unit_lookup_of_a_federation_from_every_table():
    out = lookup(national(), K_BN)
    assert list(out.columns) == LOOKUP_COLUMNS
    assert records(out) == [
        ("initiatives", F_BN, "federation", None, None, None, None, None, None),
        ("reported_totals", F_BN, "federation", None, None, 11, 18, None, D(2023, 6, 15)),
        ("units", F_BN, "federation", None, None, 12, 20, 1000, D(2023, 6, 30)),
    ]


def test_unit_lookup_of_an_upper_level_unit_and_a_grassroots_union():
    con = national()
    assert records(lookup(con, K_TP)) == [
        ("initiatives", TP_ROWS, "upper", F_BN, K_BN, None, None, None, None),
        ("units", TP_UNITS, "upper", F_BN, K_BN, 5, 8, 200, None),
    ]
    assert records(lookup(con, K_SAMSUNG)) == [
        ("initiatives", SAMSUNG, "grassroots", TP_ROWS, K_TP, None, None, None, None),
        ("units", SAMSUNG, "grassroots", TP_UNITS, K_TP, None, 4, None, None),
    ]


def test_unit_lookup_of_an_unknown_unit_is_empty():
    out = run_query(national(), "unit_lookup", unit_key="liên đoàn lao động tỉnh lạng sơn")
    assert list(out.columns) == LOOKUP_COLUMNS
    assert records(out) == []


# --- unknown_units -------------------------------------------------------------------------------------

UNKNOWN_INITIATIVES = [
    sk(TD, PRIMARY, D(2023, 5, 2)),
    sk(TD, PRIMARY, D(2023, 5, 3)),  # the school of Tiên Du: in the units table
    sk(QV, PRIMARY, D(2023, 5, 3)),  # a school of the same name in Quế Võ: not
    sk(None, PRIMARY, D(2023, 5, 4)),  # no parent written: the name is enough
    sk(KCN, GOERTEK, D(2023, 5, 2)),
    sk(KCN, GOERTEK, D(2023, 5, 3), status=INVALID),
    sk(KCN, GOERTEK, D(2023, 5, 4)),
]
UNKNOWN_UNITS = [
    {"unit": F_BN, "level": "federation"},
    {"unit": TD, "parent": F_BN, "level": "upper"},
    {"unit": QV, "parent": F_BN, "level": "upper"},
    {"unit": PRIMARY, "parent": TD, "level": "grassroots"},
]


def test_unknown_units_lists_unions_named_by_rows_but_absent_from_the_hierarchy():
    out = run_query(make_db(initiatives=UNKNOWN_INITIATIVES, units=UNKNOWN_UNITS), "unknown_units")
    assert list(out.columns) == ["level", "unit", "parent", "initiatives"]
    assert records(out) == [
        ("upper", KCN, F_BN, 3),  # levels as codes, labelled by the page
        ("grassroots", GOERTEK, KCN, 3),
        ("grassroots", PRIMARY, QV, 1),
    ]


def test_unknown_units_is_empty_when_no_units_are_loaded():
    out = run_query(make_db(initiatives=UNKNOWN_INITIATIVES), "unknown_units")
    assert list(out.columns) == ["level", "unit", "parent", "initiatives"]
    assert records(out) == []


# --- known_unit_names, places, filter_ranges ------------------------------------------------


def test_known_unit_names_from_units_reported_totals_and_initiatives():
    con = make_db(
        units=[{"unit": F_BN}, {"unit": TD, "parent": F_BN}],
        reported_totals=[
            {"unit": HA_NAM, "initiatives": 7},
            {"unit": "Liên đoàn Lao động tỉnh Bắc Ninh", "initiatives": 10},  # another spelling is another name
        ],
        initiatives=[sk(QV, GOERTEK, D(2023, 5, 2)), sk(None, SAMSUNG, D(2023, 5, 2))],  # grassroots names left out
    )
    out = run_query(con, "known_unit_names")
    assert list(out.columns) == ["name"]
    assert records(out) == [("Liên đoàn Lao động tỉnh Bắc Ninh",), (QV,), (TD,), (F_BN,), (HA_NAM,)]
    assert records(run_query(make_db(), "known_unit_names")) == []


def test_places_one_level_at_a_time_with_the_most_frequent_spelling():
    con = make_db(
        initiatives=[
            sk(TD, PRIMARY, D(2023, 5, 2)),
            sk(TD, PRIMARY, D(2023, 5, 3), status=REVIEW),  # every status counts
            sk("Liên đoàn Lao động huyện Tiên Du", PRIMARY, D(2023, 5, 4)),
            sk(QV, PRIMARY, D(2023, 5, 2)),
            sk(TP_ROWS, SAMSUNG, D(2023, 5, 2)),
            sk("LĐLĐ thành phố Phủ Lý", HANWHA, D(2023, 5, 2), federation=HA_NAM),
        ]
    )
    federations = run_query(con, "places_federations")
    assert list(federations.columns) == ["key", "name", "initiatives"]
    assert records(federations) == [(K_BN, F_BN, 5), (K_HA_NAM, HA_NAM, 1)]
    # sorted by name; "LĐLĐ huyện Tiên Du" (2 rows) wins over "Liên đoàn Lao động huyện Tiên Du" (1 row)
    assert records(run_query(con, "places_children", parent_key=K_BN)) == [
        (K_TP, TP_ROWS, 1),
        (K_QV, QV, 1),
        (K_TD, TD, 3),
    ]
    assert records(run_query(con, "places_children", parent_key=K_TD)) == [(K_PRIMARY, PRIMARY, 3)]


def test_filter_ranges_period_and_fields_by_count():
    con = make_db(
        initiatives=[
            sk(TD, PRIMARY, D(2023, 4, 28)),
            sk(TD, PRIMARY, D(2023, 5, 2), field="Kỹ thuật"),
            sk(TD, PRIMARY, D(2023, 5, 3), field="Kỹ thuật", status=REVIEW),
            sk(TD, PRIMARY, D(2023, 5, 4), field="Chuyển đổi số"),
            sk(TD, PRIMARY, D(2023, 5, 6), field="Chuyển đổi số"),
            sk(TD, PRIMARY, D(2023, 6, 1), field="Quản lý"),
        ]
    )
    out = run_query(con, "filter_ranges")
    assert list(out.columns) == ["first_day", "last_day", "field", "initiatives"]
    assert records(out) == [
        (D(2023, 4, 28), D(2023, 6, 1), "Chuyển đổi số", 2),
        (D(2023, 4, 28), D(2023, 6, 1), "Kỹ thuật", 2),
        (D(2023, 4, 28), D(2023, 6, 1), "Quản lý", 1),
    ]


def test_filter_ranges_without_fields_or_without_rows_is_one_row():
    con = make_db(initiatives=[sk(TD, PRIMARY, D(2023, 5, 2)), sk(TD, PRIMARY, D(2023, 5, 9))])
    assert records(run_query(con, "filter_ranges")) == [(D(2023, 5, 2), D(2023, 5, 9), None, None)]
    assert records(run_query(make_db(), "filter_ranges")) == [(None, None, None, None)]


# --- contest_totals, awards_counts, works_counts, opinions_counts, campaigns ---------------------------


def test_contest_totals_count_trades_entries_winners_and_prize_money():
    good, safe = "Hội thi Thợ giỏi 2023", "Hội thi An toàn vệ sinh viên giỏi"
    con = make_db(
        contest_results=[
            {
                "contest": good,
                "trade": "Hàn",
                "contestant": "Nguyễn Văn An",
                "unit": SAMSUNG,
                "prize": "Nhất",
                "prize_vnd": 10_000_000,
            },
            {"contest": good, "trade": "Hàn", "contestant": "Nguyễn Văn An", "unit": HANWHA},  # another An
            {
                "contest": good,
                "trade": "Hàn",
                "contestant": "Trần Thị Bình",
                "unit": HANWHA,
                "prize": "Khuyến khích",
                "prize_vnd": 2_000_000,
            },
            {
                "contest": good,
                "trade": "Tiện",
                "contestant": "Nguyễn Văn An",
                "unit": SAMSUNG,
                "prize": "Ba",
                "prize_vnd": 3_000_000,
            },
            {"contest": safe, "trade": "Hàn", "contestant": "Lê Văn Cường", "unit": SAMSUNG, "prize_vnd": 500_000},
        ]
    )
    out = run_query(con, "contest_totals")
    assert list(out.columns) == ["trades", "contestants", "winners", "prize_total_vnd"]
    # trades: (Thợ giỏi, Hàn), (Thợ giỏi, Tiện), (An toàn, Hàn) = 3; 5 distinct (contest, trade, name, unit);
    # 3 with a prize: 10 + 2 + 3 million; money without a prize is not counted
    assert records(out) == [(3, 5, 3, 15_000_000.0)]
    assert records(run_query(make_db(), "contest_totals")) == [(0, 0, 0, None)]


def test_awards_counts_by_body_programme_and_recipient_type_in_file_order():
    con = make_db(
        awards=[
            {
                "body": "Tổng Liên đoàn",
                "programme": "1 triệu sáng kiến",
                "recipient": "LĐLĐ tỉnh Bắc Ninh",
                "recipient_type": "Tập thể",
                "amount_vnd": 5_000_000,
            },
            {
                "body": "Tổng Liên đoàn",
                "programme": "1 triệu sáng kiến",
                "recipient": "Nguyễn Văn An",
                "recipient_type": "Cá nhân",
                "amount_vnd": 2_000_000,
            },
            {
                "body": "Tổng Liên đoàn",
                "programme": "1 triệu sáng kiến",
                "recipient": "CĐCS Công ty Samsung",
                "recipient_type": "Tập thể",
                "amount_vnd": 5_000_000,
            },
            {"body": F_BN, "recipient": "Trần Thị Bình", "recipient_type": "Cá nhân"},
        ]
    )
    out = run_query(con, "awards_counts")
    assert list(out.columns) == ["body", "programme", "recipient_type", "count", "amount_vnd", "first_row"]
    assert records(out) == [
        ("Tổng Liên đoàn", "1 triệu sáng kiến", "Tập thể", 2, 10_000_000.0, 1),
        ("Tổng Liên đoàn", "1 triệu sáng kiến", "Cá nhân", 1, 2_000_000.0, 2),
        (F_BN, None, "Cá nhân", 1, None, 4),
    ]
    assert records(run_query(make_db(), "awards_counts")) == []


def test_works_counts_by_level_and_flagship():
    con = make_db(
        works=[
            {"name": "Nhà văn hóa công nhân", "level": "grassroots", "flagship": True},
            {"name": "Sửa chữa nhà xưởng", "level": "grassroots", "flagship": False},
            {"name": "Cầu dân sinh", "level": "upper", "flagship": True},
            {"name": "Trường mầm non", "level": None, "flagship": False},
        ]
    )
    out = run_query(con, "works_counts")
    assert list(out.columns) == ["grassroots", "upper_level", "no_level", "flagship", "total"]
    assert records(out) == [(2, 1, 1, 2, 4)]
    assert records(run_query(make_db(), "works_counts")) == [(0, 0, 0, 0, 0)]


def test_opinions_counts_by_channel_and_answer():
    con = make_db(
        opinions=[
            {"channel": "văn bản", "answered": True},
            {"channel": "văn bản", "answered": False},
            {"channel": "trực tiếp", "answered": True},
            {"channel": "qua điện thoại", "answered": None},  # neither channel: only in the total
        ]
    )
    out = run_query(con, "opinions_counts")
    assert list(out.columns) == ["written", "direct", "answered", "total"]
    assert records(out) == [(2, 1, 2, 4)]
    assert records(run_query(make_db(), "opinions_counts")) == [(0, 0, 0, 0)]


def test_campaigns_span_and_declared_days():
    con = make_db(
        campaigns=[
            {"name": "Đợt thi đua chào mừng 2/9", "start": D(2023, 8, 1), "end": D(2023, 9, 2)},
            {"name": "Đợt cao điểm", "start": D(2023, 5, 1), "end": D(2023, 9, 30), "declared_days": 150},
            {"name": "Tháng Hai nhuận", "start": D(2024, 2, 1), "end": D(2024, 2, 29)},
        ]
    )
    out = run_query(con, "campaigns")
    assert list(out.columns) == ["name", "start", "end", "declared_days", "span_days", "days"]
    # 01/05 … 30/09: 31 + 30 + 31 + 31 + 30 = 153 days, declared 150; 01/08 … 02/09: 31 + 2 = 33; February 2024: 29
    assert records(out) == [
        ("Đợt cao điểm", D(2023, 5, 1), D(2023, 9, 30), 150, 153, 150),
        ("Đợt thi đua chào mừng 2/9", D(2023, 8, 1), D(2023, 9, 2), None, 33, 33),
        ("Tháng Hai nhuận", D(2024, 2, 1), D(2024, 2, 29), None, 29, 29),
    ]
    assert records(run_query(make_db(), "campaigns")) == []


# --- version_as_of, aliases_list -----------------------------------------------------------------------


def test_version_as_of_the_last_submission_else_the_latest_as_of_date():
    con = make_db(
        initiatives=[sk(TD, PRIMARY, D(2023, 5, 2)), sk(TD, PRIMARY, D(2023, 6, 12), status=INVALID)],
        reported_totals=[{"unit": HA_NAM, "initiatives": 7, "as_of": D(2023, 5, 31)}],
    )
    out = run_query(con, "version_as_of")
    assert list(out.columns) == ["as_of"]
    assert records(out) == [(D(2023, 6, 12),)]
    con = make_db(
        reported_totals=[{"unit": HA_NAM, "initiatives": 7, "as_of": D(2023, 5, 31)}],
        units=[{"unit": F_BN, "as_of": D(2023, 6, 30)}],
    )
    assert records(run_query(con, "version_as_of")) == [(D(2023, 6, 30),)]
    assert records(run_query(make_db(), "version_as_of")) == [(None,)]


def test_aliases_list_sorted_by_unit_then_alias():
    con = make_db(
        aliases=[
            {"alias": "LĐLĐ Tiên Du", "unit": TD, "parent": F_BN},
            {"alias": "Công đoàn KCN Bắc Ninh", "unit": KCN},
            {"alias": "CĐ huyện Tiên Du", "unit": TD, "parent": F_BN},
        ]
    )
    out = run_query(con, "aliases_list")
    assert list(out.columns) == ["alias", "unit", "parent"]
    assert records(out) == [
        ("Công đoàn KCN Bắc Ninh", KCN, None),
        ("CĐ huyện Tiên Du", TD, F_BN),
        ("LĐLĐ Tiên Du", TD, F_BN),
    ]
    assert records(run_query(make_db(), "aliases_list")) == []
