"""The versioned store: atomic publish, carry-over, load log, readers and writers at once."""

import json
import subprocess
import sys
import textwrap

import duckdb
import pytest

from sangkien import i18n
from sangkien.ingest.staging import stage_bytes
from sangkien.store.versions import PublishError, Store

from .conftest import ADMIN, ROOT

INITIATIVES = (
    "Mã sáng kiến;Tên sáng kiến;Tác giả;Công đoàn cơ sở;LĐLĐ tỉnh/thành phố;Ngày cập nhật;Trạng thái\n"
    "A1;Cải tiến máy hàn;Nguyễn Văn An;CĐCS Công ty A;LĐLĐ tỉnh Bắc Ninh;01/05/2023;Hợp lệ\n"
    "A2;Số hóa hồ sơ;Trần Thị Bình;CĐCS Công ty B;LĐLĐ tỉnh Bắc Ninh;02/05/2023;Hợp lệ\n"
).encode()
CAMPAIGN = "Tên đợt thi đua,Ngày bắt đầu,Ngày kết thúc,Số ngày\nĐợt cao điểm,01/05/2023,30/09/2023,150\n".encode()


def publish(store, name, data, **kw):
    return store.publish(actor=ADMIN, staged=stage_bytes(name, data), **kw)


def test_publish_creates_versions_and_carries_other_kinds_over(store_dir):
    store = Store(store_dir)
    v1 = publish(store, "sk.csv", INITIATIVES, label="đầu")
    v2 = publish(store, "dot.csv", CAMPAIGN, label="thêm đợt thi đua")
    assert (v1["id"], v2["id"]) == ("v0001", "v0002")
    assert store.manifest()["current"] == "v0002"
    assert v2["tables"] == {"initiatives": 2, "campaigns": 1}
    assert v2["sources"]["initiatives"][0]["file"] == "sk.csv"
    assert [v["id"] for v in store.versions()] == ["v0001", "v0002"]
    assert store.settings()["home_unit"] == "LĐLĐ tỉnh Bắc Ninh"  # inferred: one federation
    con = duckdb.connect(str(store.version_path("v0002")), read_only=True)
    try:
        assert con.execute("select kind, file, rows, demo from _sources order by kind").fetchall() == [
            ("campaigns", "dot.csv", 1, False),
            ("initiatives", "sk.csv", 2, False),
        ]
    finally:
        con.close()


def test_a_load_of_a_kind_replaces_that_table(store_dir):
    store = Store(store_dir)
    publish(store, "sk.csv", INITIATIVES)
    one_row = INITIATIVES.decode().splitlines()
    v2 = publish(store, "sk2.csv", ("\n".join(one_row[:2]) + "\n").encode())
    assert v2["tables"] == {"initiatives": 1}


def test_failure_before_switch_leaves_versions_and_current_unchanged(store_dir, monkeypatch):
    store = Store(store_dir)
    publish(store, "sk.csv", INITIATIVES)
    before = store.manifest_path.read_bytes()

    def boom(vid):
        raise OSError("đĩa đầy (giả lập)")

    monkeypatch.setattr(store, "_before_switch", boom)
    with pytest.raises(PublishError, match="Lỗi khi ghi phiên bản mới; kho dữ liệu giữ nguyên"):
        publish(store, "dot.csv", CAMPAIGN)
    assert store.manifest_path.read_bytes() == before
    assert sorted(p.name for p in store.versions_dir.iterdir()) == ["v0001.duckdb"]
    last = store.load_log()[0]
    assert last["outcome"] == "failed" and "đĩa đầy" in last["message"]


def test_nothing_usable_publishes_nothing_and_is_logged(store_dir):
    store = Store(store_dir)
    with pytest.raises(PublishError, match="Không có dữ liệu nào được xuất bản"):
        publish(store, "rac.csv", b"foo,bar\n1,2\n")
    assert store.current() is None
    assert store.load_log()[0]["outcome"] == "failed"


def test_rejected_rows_are_kept_in_the_load_log(store_dir):
    store = Store(store_dir)
    bad = INITIATIVES + "A3;;Lê Cúc;CĐCS Công ty C;LĐLĐ tỉnh Bắc Ninh;03/05/2023;Hợp lệ\n".encode()
    meta = publish(store, "sk.csv", bad)
    assert meta["rejected"] == 1
    rejects = store.log_rejects(store.load_log()[0]["attempt"])
    assert rejects[["file", "source_row", "reason"]].values.tolist() == [["sk.csv", 4, "Thiếu Tên sáng kiến"]]


def test_the_load_log_keeps_codes_shown_in_the_reader_language_and_old_text_as_stored(store_dir):
    store = Store(store_dir)
    bad = INITIATIVES + "A3;;Lê Cúc;CĐCS Công ty C;LĐLĐ tỉnh Bắc Ninh;03/05/2023;Hợp lệ\n".encode()
    publish(store, "sk.csv", bad)
    with pytest.raises(PublishError) as failed:
        publish(store, "rac.csv", b"foo,bar\n1,2\n")
    old = {"attempt": 0, "time": "2023-01-01T00:00:00+07:00", "outcome": "published", "version": "v0000"}
    (store.log_dir / "000000.json").write_text(json.dumps({**old, "message": "Đã xuất bản phiên bản v0000."}))
    stored = json.loads((store.log_dir / "000001.json").read_text(encoding="utf-8"))
    assert "message" not in stored and stored["messages"] == [{"code": "store.published", "params": {"vid": "v0001"}}]
    assert failed.value.code == "store.nothing_published"
    vi = [e["message"] for e in store.load_log()]
    assert vi[1:] == ["Đã xuất bản phiên bản v0001.", "Đã xuất bản phiên bản v0000."]
    assert vi[0] == str(failed.value) and vi[0].startswith("Không có dữ liệu nào được xuất bản. rac.csv: ")
    with i18n.language("en"):
        en = [e["message"] for e in store.load_log()]
        assert en[1:] == ["Published version v0001.", "Đã xuất bản phiên bản v0000."]  # an old entry as stored
        assert en[0] == str(failed.value) and en[0].startswith("No data was published. rac.csv: ")
        assert store.log_rejects(1)["reason"].tolist() != ["Thiếu Tên sáng kiến"]  # the coded reason in English


def test_cli_load_succeeds_while_another_process_reads_the_current_version(store_dir, tmp_path):
    store = Store(store_dir)
    publish(store, "sk.csv", INITIATIVES)
    reader = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import duckdb, sys, time
            con = duckdb.connect({str(store.version_path("v0001"))!r}, read_only=True)
            con.execute("select count(*) from initiatives").fetchone()
            print("open", flush=True)
            sys.stdin.readline()
        """),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout.readline().strip() == "open"
        (tmp_path / "dot.csv").write_bytes(CAMPAIGN)
        done = subprocess.run(
            [sys.executable, "-m", "sangkien", "load", str(tmp_path / "dot.csv"), "--db", str(store_dir), "--json"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["version"] == "v0002"
    finally:
        reader.communicate("\n", timeout=10)
    assert Store(store_dir).current()["tables"] == {"initiatives": 2, "campaigns": 1}


def test_app_shows_a_version_loaded_while_it_runs(store_dir, tmp_path):
    from streamlit.testing.v1 import AppTest

    store = Store(store_dir)
    publish(store, "sk.csv", INITIATIVES)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    # The page's caption names the version (AppTest drops the sidebar on reruns under st.navigation).
    assert "Phiên bản v0001" in " ".join(c.value for c in at.main.caption)
    more = INITIATIVES + "A3;Tiết kiệm điện;Lê Cúc;CĐCS Công ty C;LĐLĐ tỉnh Bắc Ninh;03/05/2023;Hợp lệ\n".encode()
    (tmp_path / "sk3.csv").write_bytes(more)
    done = subprocess.run(
        [sys.executable, "-m", "sangkien", "load", str(tmp_path / "sk3.csv"), "--db", str(store_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    at.run()
    assert not at.exception
    assert "Phiên bản v0002" in " ".join(c.value for c in at.main.caption)
    assert at.metric[0].value == "3"


def test_concurrent_loads_are_serialised(store_dir, tmp_path):
    (tmp_path / "sk.csv").write_bytes(INITIATIVES)
    (tmp_path / "dot.csv").write_bytes(CAMPAIGN)
    cmds = [
        [sys.executable, "-m", "sangkien", "load", str(tmp_path / f), "--db", str(store_dir)]
        for f in ("sk.csv", "dot.csv")
    ]
    procs = [subprocess.Popen(c, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for c in cmds]
    assert [p.wait(timeout=60) for p in procs] == [0, 0]
    assert sorted(v["id"] for v in Store(store_dir).versions()) == ["v0001", "v0002"]
