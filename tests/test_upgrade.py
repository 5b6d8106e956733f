"""A store written before the summary tables and the status codes is upgraded once, under the
writer lock, and shows the same figures.

``fixtures/store_8b54056.tar.gz`` is a store written by the code of commit 8b54056 (v0001: the
sample units, reported totals and initiatives; v0002: 3.000 generated initiatives — the same
grassroots names in every district, authors who submit several times, every status spelling —
and the other sample files), with the figures that code gave: ``figures_before.json`` (the page
queries under six filter settings, by its ``figures.py``) and ``summary_before_<version>.json``
(``python -m sangkien summary --json``). Keep it.
"""

import errno
import json
import math
import os
import subprocess
import sys
import tarfile
import threading

import duckdb
import pytest

from sangkien.ingest import schema
from sangkien.ingest.staging import stage_bytes
from sangkien.store import upgrade
from sangkien.store.catalog import Catalog
from sangkien.store.reading import open_dataset
from sangkien.store.summary import has_summaries
from sangkien.store.versions import PublishError, Store

from .conftest import ADMIN, ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "store_8b54056.tar.gz"


@pytest.fixture
def old(tmp_path):
    with tarfile.open(FIXTURE) as tar:
        tar.extractall(tmp_path, filter="data")
    return tmp_path / "store_8b54056"


def upgrades(store) -> list[dict]:
    return [e for e in Catalog(store).load_log() if e["outcome"] == "upgrade"]


def same(before, after, where="") -> None:
    """Equal JSON figures (rows in any order, numbers to 1e-9)."""
    if isinstance(before, dict):
        assert set(before) <= set(after), where
        for k in before:
            same(before[k], after[k], f"{where}/{k}")
    elif isinstance(before, list):
        key = lambda r: json.dumps(r, sort_keys=True, ensure_ascii=False)  # noqa: E731
        assert len(before) == len(after), where
        for a, b in zip(sorted(before, key=key), sorted(after, key=key), strict=True):
            same(a, b, where)
    elif isinstance(before, float) or isinstance(after, float):
        assert before is not None and after is not None and math.isclose(before, after, rel_tol=1e-9), (
            where,
            before,
            after,
        )
    else:
        assert before == after, (where, before, after)


def test_the_old_store_is_upgraded_once_and_shows_the_same_figures(old):
    figures = subprocess.run(  # the fixture's own script, run by this code
        [sys.executable, str(old / "figures.py"), str(old)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert figures.returncode == 0, figures.stderr
    same(json.loads((old / "figures_before.json").read_text(encoding="utf-8")), json.loads(figures.stdout))
    for vid in ("v0001", "v0002"):
        done = subprocess.run(
            [sys.executable, "-m", "sangkien", "summary", "--json", "--db", str(old), "--version", vid],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        same(json.loads((old / f"summary_before_{vid}.json").read_text(encoding="utf-8")), json.loads(done.stdout))
    entries = {v["id"]: v for v in Catalog(old).versions()}
    for vid in ("v0001", "v0002"):
        assert (entries[vid]["file"], entries[vid]["format"]) == (f"{vid}.f2.duckdb", upgrade.FORMAT)
        assert entries[vid]["upgraded_from"] == f"{vid}.duckdb" and (old / "versions" / f"{vid}.duckdb").exists()
    assert sorted(e["version"] for e in upgrades(old)) == ["v0001", "v0002"]
    assert "v0002.duckdb được giữ lại" in next(e["message"] for e in upgrades(old) if e["version"] == "v0002")
    con = duckdb.connect(str(old / "versions" / "v0002.f2.duckdb"), read_only=True)
    try:
        assert has_summaries(con)
        statuses = {s for (s,) in con.execute("select distinct status from initiatives").fetchall()}
        assert statuses == {schema.STATUS_VALID, schema.STATUS_REVIEW, schema.STATUS_INVALID}
    finally:
        con.close()
    # once only: opening again changes nothing
    stamp = (old / "versions" / "v0002.f2.duckdb").stat().st_mtime_ns
    assert open_dataset(old).path.name == "v0002.f2.duckdb"
    assert len(upgrades(old)) == 2 and (old / "versions" / "v0002.f2.duckdb").stat().st_mtime_ns == stamp


def test_sessions_opening_the_old_store_at_once_upgrade_it_once(old):
    paths, errors = [], []

    def one():
        try:
            paths.append(open_dataset(old).path.name)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=one) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and paths == ["v0002.f2.duckdb"] * 4
    assert [e["version"] for e in upgrades(old)] == ["v0002"]


def test_publishing_on_the_old_store_carries_its_rows_over_as_codes(old):
    data = "Tên đợt thi đua;Ngày bắt đầu;Ngày kết thúc\nĐợt mới;01/10/2023;31/12/2023\n".encode()
    meta = Store(old).publish(actor=ADMIN, staged=stage_bytes("dot.csv", data))
    assert (meta["id"], meta["format"], meta["tables"]["initiatives"]) == ("v0003", upgrade.FORMAT, 3000)
    con = duckdb.connect(str(old / "versions" / "v0003.duckdb"), read_only=True)
    try:
        counts = dict(con.execute("select status, count(*) from initiatives group by 1").fetchall())
        assert set(counts) <= {schema.STATUS_VALID, schema.STATUS_REVIEW, schema.STATUS_INVALID}
        assert sum(counts.values()) == 3000 and has_summaries(con)
    finally:
        con.close()
    assert (old / "versions" / "v0002.duckdb").exists()  # the publish's sweep keeps the file of before
    assert [e["version"] for e in upgrades(old)] == ["v0002"]


def test_an_upgrade_that_cannot_write_leaves_the_store_as_it_was(old, monkeypatch):
    before = (old / "manifest.json").read_bytes()

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(upgrade.shutil, "copyfile", full)
    with pytest.raises(upgrade.UpgradeError, match="máy ghi dữ liệu"):
        open_dataset(old)
    with pytest.raises(PublishError, match="Không nâng cấp được phiên bản v0002"):
        Store(old).publish(actor=ADMIN, staged=stage_bytes("dot.csv", b"x"))
    assert (old / "manifest.json").read_bytes() == before
    assert sorted(p.name for p in (old / "versions").iterdir()) == ["v0001.duckdb", "v0002.duckdb"]
    assert upgrades(old) == []


def test_the_upgrade_command_upgrades_every_version(old):
    done = subprocess.run(
        [sys.executable, "-m", "sangkien", "upgrade", "--db", str(old)], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "Đã nâng cấp 2 phiên bản: v0001, v0002." in done.stdout
    again = subprocess.run(
        [sys.executable, "-m", "sangkien", "upgrade", "--db", str(old)], cwd=ROOT, capture_output=True, text=True
    )
    assert "Mọi phiên bản đã ở định dạng mới." in again.stdout
