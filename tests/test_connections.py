"""The pool of read-only connections to version files: reused, counted, closed when idle or over
the bound but never while a lease is open, and safe to use from many threads at once."""

import threading
from concurrent.futures import ThreadPoolExecutor

import duckdb
import pytest

from sangkien.store.reading import CONNECTIONS, Connections, Dataset


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def version_file(tmp_path, name: str, value: int) -> str:
    """A DuckDB file holding one table ``t`` of ``value`` rows, each ``value``."""
    path = tmp_path / f"{name}.duckdb"
    con = duckdb.connect(str(path))
    con.execute("create table t as select $v as v from range($v)", {"v": value})
    con.close()
    return str(path)


def closed(con: duckdb.DuckDBPyConnection) -> bool:
    try:
        con.execute("select 1")
    except duckdb.ConnectionException:
        return True
    return False


def read(pool: Connections, path: str) -> tuple:
    with pool.cursor(path) as cur:
        return cur.execute("select count(*), min(v) from t").fetchone()


@pytest.fixture
def clock():
    return Clock()


def test_a_file_keeps_one_connection_across_leases(tmp_path, clock):
    pool = Connections(idle=600, now=clock)
    a = version_file(tmp_path, "a", 3)
    assert read(pool, a) == (3, 3)
    first = pool.get(a)
    assert read(pool, a) == (3, 3)
    assert pool.get(a) is first
    assert pool.stats() == {"open": 1, "leased": 0}


def test_a_lease_counts_until_its_block_ends_and_its_cursor_is_closed(tmp_path, clock):
    pool = Connections(idle=600, now=clock)
    a = version_file(tmp_path, "a", 2)
    with pool.cursor(a) as cur, pool.cursor(a):
        assert pool.stats() == {"open": 1, "leased": 2}
    assert pool.stats() == {"open": 1, "leased": 0}
    assert closed(cur)
    with pytest.raises(ZeroDivisionError), pool.cursor(a):
        1 / 0  # noqa: B018
    assert pool.stats()["leased"] == 0


def test_an_idle_connection_is_closed_by_a_sweep_and_reopened_on_next_use(tmp_path, clock):
    pool = Connections(idle=600, now=clock)
    a, b = version_file(tmp_path, "a", 2), version_file(tmp_path, "b", 5)
    read(pool, a)
    old = pool.get(a)
    clock.t += 599
    assert pool.sweep() == 0
    clock.t += 1
    assert pool.sweep() == 1
    assert closed(old)
    assert pool.stats() == {"open": 0, "leased": 0}
    assert read(pool, a) == (2, 2)
    assert pool.get(a) is not old
    clock.t += 600
    read(pool, b)  # any use sweeps too
    assert pool.stats() == {"open": 1, "leased": 0}
    assert closed(pool.get(b)) is False


def test_a_leased_connection_is_never_closed_and_is_closed_once_idle_after_its_lease(tmp_path, clock):
    pool = Connections(idle=600, now=clock)
    a, b = version_file(tmp_path, "a", 4), version_file(tmp_path, "b", 1)
    with pool.cursor(a) as cur:
        old = pool.get(a)
        clock.t += 10_000
        assert pool.sweep() == 0
        read(pool, b)
        assert cur.execute("select count(*) from t").fetchone() == (4,)
        assert not closed(old)
    clock.t += 599
    assert pool.sweep() == 0  # idle time counts from the lease's end
    assert pool.stats() == {"open": 2, "leased": 0}
    clock.t += 1
    assert pool.sweep() == 2
    assert closed(old)


def test_the_bound_closes_the_least_recently_used_unleased_connection_only(tmp_path, clock):
    pool = Connections(size=2, idle=600, now=clock)
    a, b, c, d = (version_file(tmp_path, name, n) for n, name in enumerate("abcd", 1))
    read(pool, a)
    con_a = pool.get(a)
    with pool.cursor(b):
        assert read(pool, c) == (3, 3)  # three open: a, unleased and least recently used, goes
        assert closed(con_a)
        assert pool.stats() == {"open": 2, "leased": 1}
        with pool.cursor(c):
            with pool.cursor(d) as cur:  # every other one leased: over the bound rather than close one in use
                assert pool.stats() == {"open": 3, "leased": 3}
                assert cur.execute("select count(*) from t").fetchone() == (4,)
            assert pool.stats() == {"open": 2, "leased": 2}  # d, now unused, went
            assert closed(cur)
    assert pool.stats() == {"open": 2, "leased": 0}


def test_forget_during_a_lease_closes_the_connection_when_the_lease_ends(tmp_path, clock):
    pool = Connections(idle=600, now=clock)
    a = version_file(tmp_path, "a", 3)
    with pool.cursor(a) as cur:
        old = pool.get(a)
        pool.forget(a)
        assert len(pool) == 0
        assert pool.stats() == {"open": 1, "leased": 1}
        assert cur.execute("select count(*) from t").fetchone() == (3,)
        assert read(pool, a) == (3, 3)  # a new use opens a new connection
        assert pool.get(a) is not old
        assert pool.stats() == {"open": 2, "leased": 1}
    assert closed(old)
    assert pool.stats() == {"open": 1, "leased": 0}
    fresh = pool.get(a)
    pool.forget(a)  # no lease: closed at once
    assert closed(fresh)
    assert pool.stats() == {"open": 0, "leased": 0}


@pytest.mark.parametrize(("size", "idle"), [(8, 600), (2, 600), (8, 0)])
def test_many_threads_get_right_answers_and_release_every_lease(tmp_path, size, idle):
    pool = Connections(size=size, idle=idle)
    files = [version_file(tmp_path, name, n) for name, n in (("a", 3), ("b", 5), ("c", 7))]
    expected = {path: (n, n) for path, n in zip(files, (3, 5, 7), strict=True)}
    start = threading.Barrier(8)

    def worker(seed: int) -> list[bool]:
        start.wait()
        return [read(pool, files[(seed + i) % 3]) == expected[files[(seed + i) % 3]] for i in range(50)]

    with ThreadPoolExecutor(8) as threads:
        results = [ok for batch in threads.map(worker, range(8)) for ok in batch]
    assert len(results) == 400
    assert all(results)
    stats = pool.stats()
    assert stats["leased"] == 0
    assert stats["open"] <= min(size, 3)


def test_the_background_sweeper_closes_idle_connections_without_any_use(tmp_path, clock):
    pool = Connections(idle=600, now=clock, sweep_every=0.01)
    a = version_file(tmp_path, "a", 1)
    read(pool, a)
    old = pool.get(a)
    assert pool._sweeper is not None and pool._sweeper.daemon
    emptied, sweep = threading.Event(), pool.sweep

    def watched() -> int:  # the sweeper thread calls the pool's sweep: note when it has emptied it
        closed_now = sweep()
        if pool.stats()["open"] == 0:
            emptied.set()
        return closed_now

    pool.sweep = watched
    clock.t += 600
    assert emptied.wait(timeout=30)
    assert pool.stats() == {"open": 0, "leased": 0}
    assert closed(old)


def test_the_idle_time_comes_from_the_environment_when_set(monkeypatch):
    monkeypatch.setenv("SANGKIEN_IDLE_SECONDS", "5")
    assert Connections().idle == 5
    monkeypatch.delenv("SANGKIEN_IDLE_SECONDS")
    assert Connections().idle == 600
    assert Connections(idle=1).idle == 1


def test_a_dataset_reads_under_a_lease_of_the_process_pool(tmp_path):
    ds = Dataset({"id": "v0001"}, tmp_path / "a.duckdb")
    version_file(tmp_path, "a", 2)
    before = CONNECTIONS.stats()["leased"]
    try:
        with ds.cursor() as cur:
            assert CONNECTIONS.stats()["leased"] == before + 1
            assert cur.execute("select count(*) from t").fetchone() == (2,)
        assert CONNECTIONS.stats()["leased"] == before
    finally:
        CONNECTIONS.forget(ds.path)
