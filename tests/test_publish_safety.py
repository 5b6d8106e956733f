"""Publishing loses nothing: killed at each step, killed at random, on a full disk, side by side.

A publish is stopped dead (SIGKILL) by the ``SANGKIEN_FAULT`` hook at each of its steps;
afterwards the store opens on the previous version or the new one, never a mix, and the
next writer removes what the killed one left and says so in the load log.
"""

import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time

import duckdb
import pytest

from sangkien.ingest.staging import stage_bytes
from sangkien.store.reading import open_dataset
from sangkien.store.versions import PublishError, Store

from .conftest import ADMIN, ROOT

HEADER = (
    "Mã sáng kiến;Tên sáng kiến;Tác giả;Công đoàn cơ sở;LĐLĐ tỉnh/thành phố;Ngày cập nhật;Giá trị làm lợi;Trạng thái\n"
)


def initiatives_csv(n: int, prefix: str = "A") -> bytes:
    rows = [
        f"{prefix}{i};Sáng kiến số {i};Tác giả {i % 97};CĐCS Công ty {i % 50};LĐLĐ tỉnh Bắc Ninh;"
        f"{1 + i % 28:02d}/{5 + i % 4:02d}/2023;{(i % 9) * 1_000_000:,};Hợp lệ\n".replace(",", ".")
        for i in range(1, n + 1)
    ]
    return (HEADER + "".join(rows)).encode()


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def leftovers(root) -> list[str]:
    """Temporary files, WALs, and version files that the manifest does not name."""
    named = {f"{v['id']}.duckdb" for v in Store(root).versions()}
    found = [p for p in root.rglob("*") if p.name.startswith(".") and p.name != ".lock"]
    found += [p for p in (root / "versions").glob("*") if p.name not in named]
    return sorted({str(p.relative_to(root)) for p in found})


def load(store, path, fault: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SANGKIEN_FAULT"}
    if fault:
        env["SANGKIEN_FAULT"] = fault
    return subprocess.run(
        [sys.executable, "-m", "sangkien", "load", str(path), "--db", str(store)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def start_load(store, path) -> subprocess.Popen:
    """`sangkien load` in the background, without any fault hook."""
    env = {k: v for k, v in os.environ.items() if k != "SANGKIEN_FAULT"}
    return subprocess.Popen(
        [sys.executable, "-m", "sangkien", "load", str(path), "--db", str(store)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def count_in_current(store) -> int:
    ds = open_dataset(store)
    con = duckdb.connect(str(ds.path), read_only=True)
    try:
        return con.execute("select count(*) from initiatives").fetchone()[0]
    finally:
        con.close()


@pytest.fixture(scope="module")
def baseline(tmp_path_factory):
    """A store with one version of 3 initiatives, and a 2.000-row export to publish next."""
    root = tmp_path_factory.mktemp("baseline")
    store = Store(root / "store")
    store.publish(actor=ADMIN, staged=stage_bytes("dau.csv", initiatives_csv(3, "B")), label="đầu")
    export = root / "moi.csv"
    export.write_bytes(initiatives_csv(2000))
    return root / "store", export


@pytest.fixture
def store_copy(baseline, tmp_path):
    src, export = baseline
    dst = tmp_path / "store"
    shutil.copytree(src, dst)
    return dst, export


STEPS = {
    # step: (version in use afterwards, what the killed publish leaves behind)
    "staged": ("v0001", []),
    "writing": ("v0001", ["versions/.v0002.tmp.duckdb", "versions/.v0002.tmp.duckdb.wal"]),
    "written": ("v0001", ["versions/.v0002.tmp.duckdb"]),
    "renamed": ("v0001", ["versions/v0002.duckdb"]),
    "manifest_written": ("v0001", [".manifest.json.tmp", "versions/v0002.duckdb"]),
    "switched": ("v0002", []),
}


def _shape(name: str) -> str:
    """'.v0002.4711.tmp.duckdb' -> '.v0002.tmp.duckdb': the pid is not part of the pattern."""
    parts = name.split("/")
    leaf = parts[-1].split(".")
    leaf = [p for p in leaf if not p.isdigit()]
    return "/".join(parts[:-1] + [".".join(leaf)])


@pytest.mark.parametrize("step", list(STEPS))
def test_a_publish_killed_at_each_step_leaves_the_old_or_the_new_version(store_copy, step):
    store_path, export = store_copy
    before = sha256(store_path / "versions" / "v0001.duckdb")
    killed = load(store_path, export, fault=step)
    assert killed.returncode == -signal.SIGKILL, killed.stderr

    expected, left = STEPS[step]
    store = Store(store_path)
    assert store.manifest()["current"] == expected
    assert count_in_current(store_path) == (3 if expected == "v0001" else 2000)
    assert sha256(store_path / "versions" / "v0001.duckdb") == before
    assert sorted(_shape(p) for p in leftovers(store_path)) == sorted(left)
    summary = subprocess.run(
        [sys.executable, "-m", "sangkien", "summary", "--json", "--db", str(store_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert summary.returncode == 0, summary.stderr
    assert json.loads(summary.stdout)["initiatives"] == (3 if expected == "v0001" else 2000)

    again = load(store_path, export)
    assert again.returncode == 0, again.stderr
    assert leftovers(store_path) == []
    assert (store_path / ".lock").exists()  # an flock: released by the kernel, never deleted
    log = Store(store_path).load_log()
    newest, killed_entry = log[0], log[1]
    assert newest["outcome"] == "published"
    if left:
        assert f"Đã dọn {len(left)} tệp dở dang của lần nạp bị dừng trước" in newest["message"]
    assert killed_entry["outcome"] == ("published" if step == "switched" else "interrupted")
    assert count_in_current(store_path) == 2000


def test_real_kills_at_random_moments_of_a_large_load(tmp_path):
    """A 60.000-row load killed at seeded random moments: every time the store opens on v0001 or a new version."""
    store_path = tmp_path / "store"
    Store(store_path).publish(actor=ADMIN, staged=stage_bytes("dau.csv", initiatives_csv(3, "B")))
    export = tmp_path / "lon.csv"
    export.write_bytes(initiatives_csv(60_000))
    # The moments fall inside one whole load, as long as it takes on this machine (a faster ingest
    # would otherwise finish before every kill).
    started = time.monotonic()
    assert load(tmp_path / "do_thoi_gian", export).returncode == 0
    whole = time.monotonic() - started
    rng = random.Random(20231104)
    outcomes = []
    for _ in range(4):
        proc = start_load(store_path, export)
        try:
            proc.wait(timeout=rng.uniform(0.05, 0.9) * whole)  # the load may finish first: then nothing is killed
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        store = Store(store_path)
        current = store.manifest()["current"]
        assert count_in_current(store_path) == (3 if current == "v0001" else 60_000)
        outcomes.append(proc.returncode)
    assert any(code == -signal.SIGKILL for code in outcomes), outcomes
    final = load(store_path, export)
    assert final.returncode == 0, final.stderr
    assert leftovers(store_path) == []
    assert count_in_current(store_path) == 60_000


@pytest.fixture
def small_disk(tmp_path):
    """A 6 MB filesystem (tmpfs, mounted as root); unmounted whatever the test does."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        if os.environ.get("CI") == "true":
            pytest.fail(f"cannot mount a tmpfs for the disk-full test: {done.stderr!r}")
        pytest.skip("cannot mount a tmpfs here (needs root); CI runs this test")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_fails_with_a_clear_message_and_leaves_the_store_as_it_was(small_disk):
    store = Store(small_disk / "store")
    store.publish(actor=ADMIN, staged=stage_bytes("dau.csv", initiatives_csv(3, "B")))
    manifest = store.manifest_path.read_bytes()
    before = sha256(store.version_path("v0001"))
    free = shutil.disk_usage(small_disk).free
    filler = small_disk / "filler"
    filler.write_bytes(b"\0" * max(free - 300_000, 0))  # leave 300 KB: a version needs more

    with pytest.raises(PublishError) as err:
        store.publish(actor=ADMIN, staged=stage_bytes("moi.csv", initiatives_csv(5000)))
    assert str(err.value) == "Ổ đĩa của kho dữ liệu đã đầy: không ghi được phiên bản mới; kho dữ liệu giữ nguyên."
    assert store.manifest_path.read_bytes() == manifest
    assert sha256(store.version_path("v0001")) == before
    assert sorted(p.name for p in store.versions_dir.iterdir()) == ["v0001.duckdb"]

    filler.unlink()
    meta = store.publish(actor=ADMIN, staged=stage_bytes("moi.csv", initiatives_csv(5000)))
    assert meta["id"] == "v0002" and meta["tables"] == {"initiatives": 5000}


def test_two_publishes_at_once_are_serialised(store_copy, tmp_path):
    store_path, export = store_copy
    other = tmp_path / "khac.csv"
    other.write_bytes(initiatives_csv(1500, "K"))
    procs = [start_load(store_path, f) for f in (export, other)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    store = Store(store_path)
    versions = store.versions()
    assert [v["id"] for v in versions] == ["v0001", "v0002", "v0003"]
    assert sorted(v["tables"]["initiatives"] for v in versions[1:]) == [1500, 2000]
    for v in versions:
        assert store.version_path(v["id"]).exists()


def test_a_reader_during_a_publish_sees_the_old_or_the_new_version(store_copy):
    store_path, export = store_copy
    proc = start_load(store_path, export)
    seen = set()
    while proc.poll() is None:  # read for as long as the publish runs
        seen.add(count_in_current(store_path))
    seen.add(count_in_current(store_path))
    assert proc.returncode == 0
    assert seen <= {3, 2000} and 2000 in seen


def test_a_settings_change_during_a_publish_loses_neither(store_copy, monkeypatch):
    store_path, export = store_copy
    store = Store(store_path)
    inside, go = threading.Event(), threading.Event()

    def hold(vid):  # the publish holds the writer lock here until the settings change is under way
        inside.set()
        go.wait(timeout=30)

    monkeypatch.setattr(store, "_before_switch", hold)
    publisher = threading.Thread(
        target=lambda: store.publish(actor=ADMIN, staged=stage_bytes("moi.csv", export.read_bytes()))
    )
    publisher.start()
    assert inside.wait(timeout=60)
    changer = threading.Thread(target=lambda: Store(store_path).update_settings(ADMIN, benefit_bands=[1e11, 1e10]))
    changer.start()
    go.set()
    publisher.join(timeout=60)
    changer.join(timeout=60)
    m = Store(store_path).manifest()
    assert m["current"] == "v0002"
    assert m["settings"]["benefit_bands"] == [1e11, 1e10]
    assert m["settings"]["home_unit"] == "LĐLĐ tỉnh Bắc Ninh"
