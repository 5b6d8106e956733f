"""Roles are enforced where the action happens; workspaces are private; proposals, rollback, attribution."""

import json
import os
import shutil
import stat
import subprocess
import sys
import time

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from sangkien import auth
from sangkien.auth import Actor, Forbidden
from sangkien.ingest.staging import stage_bytes
from sangkien.store.proposals import Proposals, Upload
from sangkien.store.reading import open_dataset, open_workspace
from sangkien.store.versions import Store
from sangkien.store.workspaces import Workspaces

from .conftest import ADMIN, ANALYST, ROOT, sign_in

VIEWER = Actor("test:viewer", "viewer")
HEADER = "Mã sáng kiến;Tên sáng kiến;Tác giả;Công đoàn cơ sở;LĐLĐ tỉnh/thành phố;Ngày cập nhật;Trạng thái\n"


def initiatives(n: int, prefix: str) -> bytes:
    rows = "".join(
        f"{prefix}{i};Sáng kiến {i};Tác giả {i};CĐCS Công ty {i % 3};LĐLĐ tỉnh Bắc Ninh;0{1 + i % 9}/05/2023;Hợp lệ\n"
        for i in range(n)
    )
    return (HEADER + rows).encode()


@pytest.fixture
def store(tmp_path, monkeypatch):
    root = tmp_path / "store"
    monkeypatch.setenv("SANGKIEN_DB", str(root))
    for key in ("SANGKIEN_ADMIN_PASSWORD", "SANGKIEN_ANALYST_PASSWORD"):
        monkeypatch.delenv(key, raising=False)
    Store(root).publish(stage_bytes("dau.csv", initiatives(5, "A")), actor=ADMIN, label="đầu")
    return root


def count(ds) -> int:
    con = duckdb.connect(str(ds.path), read_only=True)
    try:
        return con.execute("select count(*) from initiatives").fetchone()[0]
    finally:
        con.close()


# -- the writing functions check the role themselves -------------------------------------
@pytest.mark.parametrize("who", [None, VIEWER, ANALYST], ids=["guest", "viewer", "analyst"])
def test_only_an_administrator_publishes_rolls_back_or_changes_settings(store, who):
    s = Store(store)
    before = s.manifest_path.read_bytes()
    with pytest.raises(Forbidden):
        s.publish(stage_bytes("moi.csv", initiatives(2, "B")), actor=who)
    with pytest.raises(Forbidden):
        s.update_settings(who, home_unit="LĐLĐ tỉnh Khác")
    with pytest.raises(Forbidden):
        s.rollback("v0001", who)
    assert s.manifest_path.read_bytes() == before


def test_a_forged_actor_is_not_an_actor(store):
    class Pretend:
        name, role = "ai đó", "admin"

    with pytest.raises(Forbidden):
        Store(store).publish(stage_bytes("moi.csv", initiatives(2, "B")), actor=Pretend())


def test_signed_tokens_verify_and_forgeries_do_not(store):
    secret = auth.server_secret(store)
    token = auth.sign(ADMIN, secret)
    assert auth.verify(token, secret) == ADMIN
    body, mac = token.split(".")
    assert auth.verify(f"{body}.{'0' * len(mac)}", secret) is None
    other = auth.sign(Actor("x", "admin"), b"another secret")
    assert auth.verify(other, secret) is None
    assert auth.verify({"role": "admin"}, secret) is None
    assert stat.S_IMODE((store / ".secret").stat().st_mode) == 0o600


def test_role_keys_forced_into_session_state_cannot_publish(store):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["role"] = "admin"
    at.session_state["_auth_token"] = "forged.0000"
    at.run()
    at.switch_page("pages/data.py").run()
    assert not at.exception
    assert at.info[0].value.startswith("Nạp dữ liệu dành cho phân tích viên và quản trị viên")
    assert not at.get("file_uploader") and not [b for b in at.button if b.key == "data_publish"]
    at.switch_page("pages/store.py").run()
    assert not [b for b in at.button if b.key in ("store_settings_save", "store_rollback", "store_aliases_save")]
    assert Store(store).manifest()["current"] == "v0001"


# -- attribution and rollback --------------------------------------------------------
def test_rollback_publishes_a_new_version_on_the_old_file_and_says_who(store):
    s = Store(store)
    s.publish(stage_bytes("moi.csv", initiatives(7, "B")), actor=ADMIN, label="mới")
    meta = s.rollback("v0001", ADMIN)
    assert (meta["id"], meta["file"], meta["rollback_of"], meta["by"]) == (
        "v0003",
        "v0001.duckdb",
        "v0001",
        "test:admin",
    )
    ds = open_dataset(store)
    assert (ds.id, ds.previous, count(ds)) == ("v0003", "v0002", 5)
    assert sorted(p.name for p in s.versions_dir.iterdir()) == ["v0001.duckdb", "v0002.duckdb"]
    log = s.load_log()
    assert [(e["outcome"], e["by"]) for e in log[:2]] == [("rollback", "test:admin"), ("published", "test:admin")]
    s.update_settings(ADMIN, home_unit="LĐLĐ tỉnh Bắc Ninh")
    assert (s.load_log()[0]["outcome"], s.load_log()[0]["by"]) == ("settings", "test:admin")
    # a publish after a rollback carries the rolled-back file's tables over
    s.publish(
        stage_bytes("dot.csv", "Tên đợt thi đua;Ngày bắt đầu;Ngày kết thúc\nĐợt;01/05/2023;30/09/2023\n".encode()),
        actor=ADMIN,
    )
    assert count(open_dataset(store)) == 5


def test_the_command_line_acts_as_its_user(store, tmp_path):
    path = tmp_path / "cli.csv"
    path.write_bytes(initiatives(3, "C"))
    done = subprocess.run(
        [sys.executable, "-m", "sangkien", "load", str(path), "--db", str(store)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    import getpass

    assert Store(store).current()["by"] == f"cli:{getpass.getuser()}"


def test_token_command_makes_a_private_token_once(store):
    run = [sys.executable, "-m", "sangkien", "token", "--db", str(store)]
    first = subprocess.run(run, cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    second = subprocess.run(run, cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    token = (store / "admin_token").read_text().strip()
    assert first == second == f"Đăng nhập quản trị: http://localhost:8501/?token={token}"
    assert len(token) == 64 and stat.S_IMODE((store / "admin_token").stat().st_mode) == 0o600


def test_the_link_token_signs_in_once_and_leaves_the_address(store):
    token = auth.admin_token(store, create=True)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["token"] = token
    at.run()
    assert not at.exception
    assert "token" not in at.query_params
    assert auth.verify(at.session_state["_auth_token"], auth.server_secret(store)) == Actor("token:admin", "admin")
    entry = json.loads((store / "log" / "auth.jsonl").read_text().splitlines()[-1])
    assert (entry["method"], entry["ok"], entry["role"]) == ("token", True, "admin")


def test_the_token_is_ignored_once_passwords_are_configured(store, monkeypatch):
    token = auth.admin_token(store, create=True)
    monkeypatch.setenv("SANGKIEN_ADMIN_PASSWORD", "mật khẩu dài")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["token"] = token
    at.run()
    assert "_auth_token" not in at.session_state


def test_passwords_and_the_lock_after_five_failures():
    passwords = {"admin": "quản trị 2023", "analyst": "phân tích 2023"}
    assert auth.check_password(passwords, "Lan", "quản trị 2023") == Actor("password:Lan", "admin")
    assert auth.check_password(passwords, "Minh", "phân tích 2023") == Actor("password:Minh", "analyst")
    assert auth.check_password(passwords, "Minh", "sai") is None
    throttle = auth.Throttle()
    for _ in range(5):
        assert throttle.locked_for("10.0.0.5", "s1") == 0
        throttle.failed("10.0.0.5", "s1")
    assert 0 < throttle.locked_for("10.0.0.5") <= 60 and 0 < throttle.locked_for("s1") <= 60
    assert throttle.locked_for("10.0.0.6", "s2") == 0  # other clients are not locked out


def test_forwarded_for_is_believed_only_from_this_machine():
    assert auth.client_address("127.0.0.1", {"X-Forwarded-For": "203.0.113.9, 127.0.0.1"}) == "203.0.113.9"
    assert auth.client_address("198.51.100.2", {"X-Forwarded-For": "203.0.113.9"}) == "198.51.100.2"


def test_password_sign_in_on_the_page_is_logged(store, monkeypatch):
    monkeypatch.setenv("SANGKIEN_ANALYST_PASSWORD", "phân tích 2023")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/data.py").run()
    for _ in range(5):
        at.text_input(key="data_auth_name").input("Nguyễn Lan")
        at.text_input(key="data_auth_password").input("sai")
        at.button(key="data_auth_submit").click().run()
    assert at.error[0].value == "Tên, mật khẩu hoặc mã đăng nhập không đúng."
    at.text_input(key="data_auth_name").input("Nguyễn Lan")
    at.text_input(key="data_auth_password").input("phân tích 2023")
    at.button(key="data_auth_submit").click().run()
    assert at.error[0].value.startswith("Đăng nhập sai nhiều lần; hãy thử lại sau ")  # locked for a minute
    assert "_auth_token" not in at.session_state
    _throttle_reset()
    at.text_input(key="data_auth_name").input("Nguyễn Lan")
    at.text_input(key="data_auth_password").input("phân tích 2023")
    at.button(key="data_auth_submit").click().run()
    assert not at.exception
    assert auth.verify(at.session_state["_auth_token"], auth.server_secret(store)) == Actor(
        "password:Nguyễn Lan", "analyst"
    )
    entries = [json.loads(line) for line in (store / "log" / "auth.jsonl").read_text().splitlines()]
    assert [e["ok"] for e in entries] == [False] * 6 + [True]
    assert (entries[-1]["method"], entries[-1]["name"], entries[-1]["role"]) == ("password", "Nguyễn Lan", "analyst")
    assert at.file_uploader(key="data_up") is not None  # signed in: the page offers the upload


def _throttle_reset():
    """The lock lasts a minute; a test does not wait it out: the server's throttle is cleared."""
    from sangkien.ui.auth import _throttle

    _throttle().failures.clear()


# -- workspaces ------------------------------------------------------------------------
def test_a_workspace_is_written_aside_and_seen_only_through_its_id(store):
    s = Store(store)
    meta = Workspaces(s).create(stage_bytes("rieng.csv", initiatives(9, "W")), ANALYST)
    path = store / "workspaces" / f"{meta['id']}.duckdb"
    assert path.exists() and len(meta["id"]) == 32
    assert sorted(p.name for p in s.versions_dir.iterdir()) == ["v0001.duckdb"]
    assert s.manifest()["current"] == "v0001"
    ws = open_workspace(store, meta["id"])
    assert (ws.workspace, ws.previous, count(ws)) == (True, "v0001", 9)
    assert count(open_dataset(store)) == 5
    with pytest.raises(Forbidden):
        Workspaces(s).create(stage_bytes("rieng.csv", initiatives(2, "V")), VIEWER)


def test_the_sweep_removes_idle_workspaces_of_dead_owners_only(store):
    spaces = Workspaces(Store(store))
    mine = spaces.create(stage_bytes("a.csv", initiatives(2, "M")), ANALYST)["id"]
    dead = spaces.create(stage_bytes("b.csv", initiatives(2, "D")), ANALYST)["id"]
    alive = spaces.create(stage_bytes("c.csv", initiatives(2, "L")), ANALYST)["id"]
    sleeper = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    try:
        for wid, pid in ((mine, os.getpid()), (dead, 2**22 + 12345), (alive, sleeper.pid)):
            meta = spaces.meta(wid)
            meta.update(pid=pid, last_used=time.time() - 3 * 3600)
            (spaces.dir / f"{wid}.json").write_text(json.dumps(meta))
        assert sorted(spaces.sweep()) == sorted([mine, dead])
        assert spaces.path(alive).exists()
    finally:
        sleeper.communicate(b"")


# -- two sessions, one workspace, a proposal, a rollback --------------------------------
def overview(actor=None, workspace=None, store_root=None):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    if actor is not None:
        sign_in(at, store_root, actor)
    if workspace:
        at.session_state["_workspace"] = workspace
    at.run()
    assert not at.exception, at.exception
    return at


def test_two_sessions_a_workspace_a_proposal_and_a_rollback(store):
    a = overview(ANALYST, store_root=store)
    a.switch_page("pages/data.py").run()
    a.file_uploader(key="data_up").upload("rieng.csv", initiatives(12, "W"), "text/csv").run()
    a.text_input(key="data_label").input("Số liệu tháng 5").run()
    a.button(key="data_workspace").click().run()
    assert not a.exception
    wid = a.session_state["_workspace"]
    b = overview()
    for page in ["overview", "rankings", "progress", "benefits", "explore"]:
        a.switch_page(f"pages/{page}.py").run()
        b.switch_page(f"pages/{page}.py").run()
        assert not a.exception and not b.exception, page
        shown_a = " ".join(c.value for c in a.caption)
        shown_b = " ".join(c.value for c in b.caption)
        assert "Dữ liệu riêng của bạn, chưa xuất bản" in shown_a, page
        assert "Dữ liệu riêng" not in shown_b and "Phiên bản v0001" in shown_b, page
    a.switch_page("pages/overview.py").run()
    b.switch_page("pages/overview.py").run()
    assert a.title[0].value.startswith("LĐLĐ tỉnh Bắc Ninh: 12 sáng kiến")
    assert b.title[0].value.startswith("LĐLĐ tỉnh Bắc Ninh: 5 sáng kiến")
    # the same query from B's SQL box answers from the published version
    from sangkien.analysis.sqlbox import run_user_sql

    assert run_user_sql(open_dataset(store).path, "select count(*) n from initiatives").frame.n.tolist() == [5]

    a.switch_page("pages/data.py").run()
    a.file_uploader(key="data_up").upload("rieng.csv", initiatives(12, "W"), "text/csv").run()
    a.button(key="data_review").click().run()
    assert a.success[0].value == "Đã gửi duyệt; quản trị viên sẽ xem ở trang Kho dữ liệu."
    assert not [x for x in a.button if x.key == "data_publish"]  # an analyst has no publish button
    (proposal,) = Proposals(Store(store)).list()
    assert (proposal["by"], proposal["base"]) == ("test:analyst", "v0001")

    admin = overview(ADMIN, store_root=store)
    admin.switch_page("pages/store.py").run()
    admin.button(key=f"pr_pub_{proposal['id']}").click().run()
    assert not admin.exception
    assert Store(store).current()["by"] == "test:admin"
    assert Store(store).current()["label"] == "Duyệt đề xuất của test:analyst"
    b.run()
    assert b.title[0].value.startswith("LĐLĐ tỉnh Bắc Ninh: 12 sáng kiến")
    assert Workspaces(Store(store)).path(wid).exists()  # A's own copy stays until A leaves it

    admin.switch_page("pages/store.py").run()
    admin.selectbox(key="store_rollback_pick").select("v0001").run()
    admin.button(key="store_rollback").click().run()
    assert not admin.exception
    b.run()
    assert b.title[0].value.startswith("LĐLĐ tỉnh Bắc Ninh: 5 sáng kiến")


def test_publishing_a_proposal_restages_on_the_current_version(store):
    s = Store(store)
    box = Proposals(s)
    record = box.submit([Upload("rieng.csv", initiatives(4, "P"), {}, [])], [], ANALYST, "")
    s.publish(
        stage_bytes("dot.csv", "Tên đợt thi đua;Ngày bắt đầu;Ngày kết thúc\nĐợt;01/05/2023;30/09/2023\n".encode()),
        actor=ADMIN,
    )
    assert box.stale(record["id"]) == "Đề xuất được kiểm tra trên phiên bản v0001; phiên bản đang dùng nay là v0002."
    with pytest.raises(Forbidden):
        box.publish(record["id"], ANALYST)
    meta = box.publish(record["id"], ADMIN)
    assert meta["tables"]["initiatives"] == 4 and meta["tables"]["campaigns"] == 1  # the campaign of v0002 kept
    assert box.list() == []
    assert [e["outcome"] for e in s.load_log()[:3]] == ["published", "published", "proposal"]


def test_secrets_are_ignored_by_git():
    assert ".streamlit/secrets.toml" in (ROOT / ".gitignore").read_text().splitlines()
    assert (
        shutil.which("git") is None
        or subprocess.run(["git", "check-ignore", "-q", ".streamlit/secrets.toml"], cwd=ROOT).returncode == 0
    )
