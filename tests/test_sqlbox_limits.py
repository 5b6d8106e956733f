"""The SQL box cannot take the server down: hostile queries end in their worker, the app stays small.

Each query runs in a worker process with a capped address space and CPU time, and is killed
at the wall-clock timeout; the app process (here: the test process) only receives capped
results, so its memory does not grow with what a query does.
"""

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pytest

from sangkien.analysis.sqlbox import (
    COOLDOWN_S,
    MSG_BUSY,
    MSG_SESSION_BUSY,
    POOL_SIZE,
    SqlPool,
    run_user_sql,
    worker_pids,
)

from .test_sqlbox import worker_children

TIMEOUT = 2.0
STOPPED = (
    "Truy vấn chạy quá 2 giây nên đã bị dừng.",
    "Truy vấn cần quá nhiều bộ nhớ (giới hạn 1GB).",
    "Truy vấn cần quá nhiều bộ nhớ hoặc thời gian nên đã bị dừng.",
)
HOSTILE = {
    "repeat_2e9": "select length(repeat('x', 2000000000)) as n",
    "cross_join_1e6": "select count(*) from range(1000000) a, range(1000000) b",
    "string_agg_huge": "select length(string_agg(range::varchar, ',')) from range(2000000000)",
    "recursive_cte_without_end": "with recursive r(n) as (select 1 union all select n + 1 from r) select count(*) from r",
    "list_of_1e9": "select len(list(range)) from range(1000000000)",
}


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


@pytest.fixture
def version(tmp_path) -> Path:
    path = tmp_path / "kho" / "versions" / "v0001.duckdb"
    path.parent.mkdir(parents=True)
    con = duckdb.connect(str(path))
    con.execute("create table initiatives as select range as id, 'Sáng kiến ' || range as title from range(1000)")
    con.close()
    return path


def stopped(message: str | None) -> bool:
    return message is not None and message.split("\n", 1)[0] in STOPPED


@pytest.mark.parametrize("name", list(HOSTILE))
def test_each_hostile_query_is_stopped_in_time_and_the_app_does_not_grow(version, name):
    run_user_sql(version, "select 1")  # a warm worker, so its start is not counted as the app's growth
    before = rss_mb()
    res = run_user_sql(version, HOSTILE[name], timeout_s=TIMEOUT, session=name)
    grew = rss_mb() - before
    print(f"{name}: {res.seconds:.2f} s, app RSS {before:.0f} -> {before + grew:.0f} MB, {res.error.splitlines()[0]}")
    assert stopped(res.error), res.error
    assert res.seconds < TIMEOUT + 1
    assert grew < 100
    assert worker_children() == set(worker_pids())  # the worker that ran it is gone or idle, never busy


def test_twenty_hostile_queries_at_once(version):
    pool = SqlPool()
    queries = [list(HOSTILE.values())[i % len(HOSTILE)] for i in range(20)]
    before = rss_mb()
    started = time.perf_counter()
    with ThreadPoolExecutor(20) as threads:
        results = list(
            threads.map(
                lambda iq: run_user_sql(version, iq[1], timeout_s=TIMEOUT, session=f"s{iq[0]}", pool=pool),
                enumerate(queries),
            )
        )
    wall = time.perf_counter() - started
    grew = rss_mb() - before
    busy = [r for r in results if r.error == MSG_BUSY]
    ran = [r for r in results if r.error != MSG_BUSY]
    print(f"20 at once: {len(ran)} ran, {len(busy)} refused as busy, {wall:.2f} s, app RSS +{grew:.0f} MB")
    assert all(stopped(r.error) for r in ran), [r.error for r in ran]
    assert all(r.seconds < TIMEOUT + 1 for r in ran)  # queued ones wait at most 1 s, then run or are refused
    assert len(busy) >= 20 - 2 * POOL_SIZE and len(ran) >= POOL_SIZE
    assert grew < 100
    pool.close()


def test_one_query_at_a_time_per_session(version):
    pool = SqlPool()
    with ThreadPoolExecutor(2) as threads:
        slow = threads.submit(
            run_user_sql, version, HOSTILE["cross_join_1e6"], timeout_s=TIMEOUT, session="a", pool=pool
        )
        # wait until the first query holds its worker, then try a second one from the same session
        deadline = time.monotonic() + 10
        while pool.busy == 0 and time.monotonic() < deadline:
            slow.done()
        second = run_user_sql(version, "select 1", session="a", pool=pool)
        other = run_user_sql(version, "select 2 as x", session="b", pool=pool)
        assert second.error == MSG_SESSION_BUSY
        assert other.error is None and other.frame.x.tolist() == [2]
        assert stopped(slow.result().error)
    pool.close()


def test_a_session_that_keeps_hitting_limits_waits(version):
    pool = SqlPool()
    for _ in range(3):
        assert stopped(run_user_sql(version, HOSTILE["repeat_2e9"], timeout_s=TIMEOUT, session="x", pool=pool).error)
    waiting = run_user_sql(version, "select 1", session="x", pool=pool)
    assert waiting.error.startswith("Các truy vấn vừa rồi chạm giới hạn nhiều lần; hãy đợi ")
    assert int(waiting.error.split("đợi ")[1].split()[0]) <= COOLDOWN_S
    fresh = run_user_sql(version, "select 1 as x", session="y", pool=pool)
    assert fresh.error is None  # other sessions are not slowed down
    pool.close()


PATH_PROBES = [
    "select * from duckdb_databases()",
    "select * from pragma_database_list",
    "select path from main.duckdb_databases() where database_name = 'v'",
    "select current_setting('allowed_paths')",
    "select * from duckdb_settings()",
    "select [path] from duckdb_databases()",
    "select * from v.khong_co",
    "select * from read_csv('khong_co.csv')",
    "select count(*) from initiatives",
    "select * from duckdb_tables()",
]


@pytest.mark.parametrize("sql", PATH_PROBES)
def test_no_output_contains_the_store_path(version, sql):
    res = run_user_sql(version, sql)
    store = str(version.parent.parent)
    shown = (res.error or "") + ("" if res.frame is None else res.frame.to_csv())
    assert store not in shown, shown
    assert "kho" not in shown.replace("khong_co", "")


def test_path_functions_are_refused_by_name(version):
    res = run_user_sql(version, "select * from duckdb_databases()")
    assert res.error == "Hàm duckdb_databases cho biết thông tin của máy chủ nên không dùng được trong ô truy vấn."


def test_the_worker_is_another_process_and_survives_a_user_error(version):
    import os

    assert run_user_sql(version, "select 1").error is None
    pids = worker_pids()
    assert pids and os.getpid() not in pids
    assert run_user_sql(version, "select khong_co from initiatives").error.startswith("Truy vấn không hợp lệ")
    assert worker_pids() == pids  # a query's error does not cost the worker
