"""The SQL box: one read-only SELECT per query, refused or stopped otherwise, version file untouched."""

import hashlib
import os
from concurrent.futures import ThreadPoolExecutor, wait
from pathlib import Path

import duckdb
import pytest

from sangkien.analysis.sqlbox import MSG_EMPTY, MSG_ONE, MSG_READ_ONLY, run_user_sql, worker_pids
from sangkien.analysis.sqlworker import open_sandbox

INITIATIVES = [
    (1, "Cải tiến máy hàn", "CĐCS Công ty A", 120.5),
    (2, "Số hóa hồ sơ", "CĐCS Công ty B", 80.0),
    (3, "Tiết kiệm điện", "CĐCS Công ty A", 45.25),
    (4, "Băng tải tự động", "CĐCS Công ty C", 300.0),
]
UNITS = [("CĐCS Công ty A", "LĐLĐ tỉnh Bắc Ninh"), ("CĐCS Công ty B", "LĐLĐ tỉnh Bắc Giang")]
NEVER_ENDS = "select count(*) from range(1000000000) a, range(1000000000) b"  # may hit 1 GB first
SLOW_SMALL = "select count(*) from range(1000000) a, range(1000000) b"  # 10^12 pairs, 8 MB build side
TIMEOUT_2S = "Truy vấn chạy quá 2 giây nên đã bị dừng."
PERMISSION = "Không được đọc, ghi tệp hay dùng tiện ích mở rộng"

# What a user must not do, and the start of the Vietnamese message that refuses it.
# PRAGMA is refused like every non-SELECT statement: some pragmas change settings, and
# `select * from pragma_version()` / `select version()` give the same answer as a SELECT.
REFUSED = [
    ("COPY initiatives TO '/tmp/x.csv'", MSG_READ_ONLY),
    ("select * from read_csv('/etc/passwd')", PERMISSION),  # a SELECT: refused by DuckDB's config
    ("select * from read_text('/etc/hostname')", PERMISSION),
    ("select * from glob('/etc/*')", PERMISSION),
    ("ATTACH 'x.duckdb' AS y", MSG_READ_ONLY),
    ("INSTALL httpfs", MSG_READ_ONLY),
    ("LOAD httpfs", MSG_READ_ONLY),
    ("SET threads=8", MSG_READ_ONLY),
    ("PRAGMA version", MSG_READ_ONLY),
    ("CREATE TABLE t AS SELECT 1", MSG_READ_ONLY),
    ("INSERT INTO initiatives VALUES (5, 'x', 'y', 1.0)", MSG_READ_ONLY),
    ("DELETE FROM initiatives", MSG_READ_ONLY),
    ("DROP TABLE initiatives", MSG_READ_ONLY),
    ("DETACH v", MSG_READ_ONLY),
    ("select 1; drop table initiatives", MSG_ONE),
    ("select 1; select 2", MSG_ONE),
    ("", MSG_EMPTY),
    ("selec 1", "Câu lệnh SQL viết chưa đúng cú pháp."),
]


@pytest.fixture
def version(tmp_path) -> Path:
    path = tmp_path / "v1.duckdb"
    con = duckdb.connect(str(path))
    con.execute("create table initiatives (id integer, ten varchar, don_vi varchar, gia_tri double)")
    con.executemany("insert into initiatives values (?, ?, ?, ?)", INITIATIVES)
    con.execute("create table units (don_vi varchar, cap_tren varchar)")
    con.executemany("insert into units values (?, ?)", UNITS)
    con.close()
    return path


@pytest.fixture
def app_con(version):
    """The app's own read-only connection to the same file, open during the test."""
    con = duckdb.connect(str(version), read_only=True, config={"threads": 2})
    yield con
    con.close()


def worker_children() -> set[int]:
    """The SQL workers among this process's children (from /proc), busy or idle."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            cmd = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if int(stat[1]) == os.getpid() and b"sangkien.analysis.sqlworker" in cmd and stat[0] != "Z":
            found.add(int(entry.name))
    return found


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_rows_intact(con) -> None:
    assert con.execute("select * from initiatives order by id").fetchall() == INITIATIVES
    assert con.execute("select * from units order by don_vi").fetchall() == UNITS


def test_select_returns_rows(version, app_con):
    res = run_user_sql(version, "select id, ten, gia_tri from initiatives where don_vi = 'CĐCS Công ty A' order by id")
    assert res.error is None
    assert res.frame.to_dict("records") == [
        {"id": 1, "ten": "Cải tiến máy hàn", "gia_tri": 120.5},
        {"id": 3, "ten": "Tiết kiệm điện", "gia_tri": 45.25},
    ]
    assert (res.total_rows, res.truncated) == (2, False)
    assert 0 < res.seconds < 5


@pytest.mark.parametrize(
    "sql, rows",
    [
        ("with a as (select don_vi, count(*) n from initiatives group by 1) select n from a order by n", [1, 1, 2]),
        ("values (7), (8);", [7, 8]),
        ("from units select count(*)", [2]),
        ("select i.id from initiatives i join units u using (don_vi) order by 1", [1, 2, 3]),
        ("select library_version from pragma_version()", [f"v{duckdb.__version__}"]),
    ],
)
def test_read_only_forms_allowed(version, sql, rows):
    res = run_user_sql(version, sql)
    assert res.error is None, res.error
    assert res.frame.iloc[:, 0].tolist() == rows


@pytest.mark.parametrize("sql, message", REFUSED)
def test_refused_with_vietnamese_message(version, sql, message):
    res = run_user_sql(version, sql)
    assert res.error is not None and res.error.startswith(message)
    assert res.frame is None and res.total_rows is None


def test_duckdb_message_after_newline(version):
    res = run_user_sql(version, "select * from read_csv('/etc/passwd')")
    plain, detail = res.error.split("\n", 1)
    assert plain.startswith(PERMISSION)
    assert "disabled by configuration" in detail
    res = run_user_sql(version, "select khong_co from initiatives")
    assert res.error.startswith("Truy vấn không hợp lệ") and "khong_co" in res.error


def test_configuration_refuses_even_without_the_parser_check(version, tmp_path):
    """Second layer: the sandbox connection itself refuses files, extensions, settings and writes."""
    out = tmp_path / "x.csv"
    con = open_sandbox(version)
    try:
        for sql in [
            f"COPY initiatives TO '{out}'",
            "select * from read_csv('/etc/passwd')",
            f"ATTACH '{tmp_path / 'y.duckdb'}' AS y",
            "INSTALL httpfs",
            "LOAD httpfs",
            "SET threads = 8",
            "SET enable_external_access = true",
            "SET lock_configuration = false",
            "CREATE TABLE v.t AS SELECT 1",
            "INSERT INTO initiatives VALUES (5, 'x', 'y', 1.0)",
            "DROP TABLE initiatives",
            "DETACH v",
        ]:
            with pytest.raises(duckdb.Error):
                con.execute(sql)
        assert_rows_intact(con)
    finally:
        con.close()
    assert not out.exists() and not (tmp_path / "y.duckdb").exists()


def test_never_ending_query_is_stopped_while_the_app_keeps_reading(version, app_con):
    before = digest(version)
    with ThreadPoolExecutor(1) as pool:
        future = pool.submit(run_user_sql, version, NEVER_ENDS, timeout_s=2)
        reads = 0
        while not wait([future], timeout=0.05).done:
            assert app_con.cursor().execute("select count(*) from initiatives").fetchone() == (4,)
            reads += 1
        res = future.result()
    # The cross join's build side (10^9 rows) is stopped by whichever comes first: 2 s or 1 GB.
    assert res.error == TIMEOUT_2S or res.error.startswith("Truy vấn cần quá nhiều bộ nhớ (giới hạn 1GB).\n")
    assert res.seconds < 4 and reads > 5
    assert worker_children() == set(worker_pids())  # no worker left running the query
    assert digest(version) == before
    assert_rows_intact(app_con)


def test_time_limit_kills_the_worker(version, app_con):
    res = run_user_sql(version, SLOW_SMALL, timeout_s=2)
    assert res.error == TIMEOUT_2S
    assert 2 <= res.seconds < 3
    assert worker_children() == set(worker_pids())
    assert run_user_sql(version, "select 1 as x").frame.x.tolist() == [1]
    assert_rows_intact(app_con)


def test_version_file_unchanged_after_everything(version, app_con):
    before = digest(version)
    csv_existed = Path("/tmp/x.csv").exists()
    for sql, message in REFUSED:
        assert run_user_sql(version, sql).error.startswith(message)
        assert_rows_intact(app_con)
    assert run_user_sql(version, "select count(*) from initiatives").frame.iloc[0, 0] == 4
    assert digest(version) == before
    assert Path("/tmp/x.csv").exists() == csv_existed
    assert_rows_intact(app_con)


@pytest.mark.parametrize(
    "sql, shown, total, truncated",
    [
        ("from initiatives order by id", 2, 3, True),
        ("from range(3)", 2, 3, False),
        ("from range(1)", 1, 1, False),
        ("from initiatives where id > 100", 0, 0, False),
    ],
)
def test_show_and_cap(version, sql, shown, total, truncated):
    res = run_user_sql(version, sql, show=2, cap=3)
    assert res.error is None
    assert (len(res.frame), res.total_rows, res.truncated) == (shown, total, truncated)


def test_missing_version_file(tmp_path):
    res = run_user_sql(tmp_path / "khong_co.duckdb", "select 1")
    assert res.error.startswith("Không mở được phiên bản dữ liệu.\n")
    assert not (tmp_path / "khong_co.duckdb").exists()
