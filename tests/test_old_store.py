"""Stores written before a change keep opening with the same figures.

``fixtures/store_176d061.tar.gz`` is a store written by the code of commit 176d061 (the
sample files: v0001 with units, reported totals and initiatives; v0002 adding contest
results, awards, works, opinions, a campaign and aliases). Keep it, and keep this test
passing after every change of the store.
"""

import json
import subprocess
import sys
import tarfile

import pytest
from streamlit.testing.v1 import AppTest

from sangkien.ingest.staging import stage_bytes
from sangkien.store.versions import Store

from .conftest import ADMIN, ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "store_176d061.tar.gz"


@pytest.fixture
def old_store(tmp_path):
    with tarfile.open(FIXTURE) as tar:
        tar.extractall(tmp_path, filter="data")
    return tmp_path / "store_176d061"


def summary(store, *args) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "sangkien", "summary", "--json", "--db", str(store), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_old_store_shows_the_same_figures(old_store):
    now = summary(old_store)
    assert {k: now[k] for k in ("unit", "version", "initiatives", "initiatives_all_statuses", "quota")} == {
        "unit": "LĐLĐ thành phố Hà Nội",
        "version": "v0002",
        "initiatives": 1,
        "initiatives_all_statuses": 2,
        "quota": 87450,
    }
    assert (now["commitment"], now["national_rank"], now["national_count"], now["participants"]) == (130000, 2, 2, 2)
    assert (now["benefit_total_vnd"], now["initiatives_benefit_ge_3e9"]) == (3500000000, 1)
    assert now["contest"] == {"trades": 1, "contestants": 2, "winners": 1, "prize_total_vnd": 10000000}
    assert now["works"] == {"grassroots": 1, "upper_level": 1, "flagship": 1, "total": 2}
    assert now["opinions"] == {"written": 1, "direct": 1, "answered": 2, "total": 2}
    assert (now["campaign"]["start"], now["campaign"]["end"], now["campaign"]["days"]) == (
        "2023-05-01",
        "2023-09-30",
        150,
    )
    assert [(r["unit"], r["initiatives"], r["rank"]) for r in now["ranking"]] == [
        ("Công đoàn Dầu khí Việt Nam", 25000, 1),
        ("LĐLĐ thành phố Hà Nội", 1, 2),
    ]
    first = summary(old_store, "--version", "v0001")
    assert (first["initiatives"], first["contest"], first["works"]) == (1, None, None)


def test_the_old_store_takes_a_new_version_and_carries_its_tables_over(old_store):
    store = Store(old_store)
    data = "Tên đợt thi đua;Ngày bắt đầu;Ngày kết thúc\nĐợt mới;01/10/2023;31/12/2023\n".encode()
    meta = store.publish(actor=ADMIN, staged=stage_bytes("dot.csv", data))
    assert meta["id"] == "v0003"
    assert meta["tables"] == {
        "initiatives": 2,
        "units": 2,
        "reported_totals": 2,
        "contest_results": 2,
        "awards": 2,
        "works": 2,
        "opinions": 2,
        "campaigns": 1,
        "aliases": 2,
    }
    after = summary(old_store)
    assert (after["initiatives"], after["contest"]["winners"], after["campaign"]["name"]) == (1, 1, "Đợt mới")


def test_the_overview_opens_on_the_old_store(old_store, monkeypatch):
    monkeypatch.setenv("SANGKIEN_DB", str(old_store))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value == "LĐLĐ thành phố Hà Nội: 1 sáng kiến, xếp thứ 2 toàn quốc"
