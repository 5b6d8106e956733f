"""The command line and the upload page end every bad file with a message, never a traceback."""

import hashlib
import os
import subprocess
import sys

import pytest
from streamlit.testing.v1 import AppTest

from sangkien.ingest.staging import stage_bytes
from sangkien.store.versions import Store

from .conftest import ADMIN, ANALYST, ROOT, sign_in

HEADER = "Tên sáng kiến;Công đoàn cơ sở;Ngày cập nhật"


def run(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "sangkien", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture
def store(tmp_path):
    root = tmp_path / "store"
    data = f"{HEADER}\nMáy hàn;CĐCS A;01/05/2023\n".encode()
    Store(root).publish(actor=ADMIN, staged=stage_bytes("dau.csv", data))
    return root


def fingerprint(root) -> tuple:
    s = Store(root)
    return s.manifest()["current"], hashlib.sha256(s.version_path("v0001").read_bytes()).hexdigest()


def test_old_mac_line_ends_load(store, tmp_path):
    path = tmp_path / "mac.csv"
    path.write_bytes(f"{HEADER}\rMáy ép;CĐCS B;02/05/2023\rMáy cắt;CĐCS C;03/05/2023\r".encode())
    done = run("load", str(path), "--db", str(store))
    assert done.returncode == 0, done.stderr
    assert "Sáng kiến — 2 dòng, nạp 2, loại 0, bỏ qua 0" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_a_cell_over_the_limit_is_a_rejected_row(store, tmp_path):
    path = tmp_path / "dai.csv"
    path.write_bytes(f"{HEADER}\n{'A' * 140_000};CĐCS B;02/05/2023\nMáy cắt;CĐCS C;03/05/2023\n".encode())
    done = run("load", str(path), "--db", str(store))
    assert done.returncode == 0, done.stderr
    assert "Sáng kiến — 2 dòng, nạp 1, loại 1, bỏ qua 0" in done.stdout
    rejects = Store(store).log_rejects(Store(store).load_log()[0]["attempt"])
    assert rejects[["source_row", "reason"]].values.tolist() == [[2, "Ô ở cột 1 dài quá giới hạn 32 KiB"]]


def test_random_bytes_end_with_a_message_exit_2_and_the_store_unchanged(store, tmp_path):
    path = tmp_path / "rac.csv"
    path.write_bytes(bytes(range(256)) * 40)
    before = fingerprint(store)
    done = run("load", str(path), "--db", str(store))
    assert done.returncode == 2
    assert done.stdout.startswith(f"✗ {path}: Tệp không phải văn bản CSV")
    assert "Traceback" not in done.stdout + done.stderr
    assert fingerprint(store) == before


def test_verbose_shows_the_technical_detail(store, tmp_path):
    path = tmp_path / "hong.xlsx"
    path.write_bytes(b"PK\x03\x04" + bytes(300))
    quiet = run("load", str(path), "--db", str(store))
    loud = run("load", str(path), "--db", str(store), "--verbose")
    message = "Không mở được tệp Excel: tệp bị hỏng (không giải nén được nội dung của tệp)."
    assert quiet.returncode == loud.returncode == 2
    assert quiet.stdout.splitlines()[0] == f"✗ {path}: {message}"
    assert "BadZipFile" not in quiet.stdout and "BadZipFile" in loud.stdout


def test_an_unforeseen_error_is_a_message_and_verbose_shows_the_traceback(store, tmp_path):
    """A store folder that is a file: an error no reader foresees, still no traceback by default."""
    broken = tmp_path / "la_tep"
    broken.write_text("không phải thư mục")
    path = tmp_path / "sk.csv"
    path.write_bytes(f"{HEADER}\nMáy hàn;CĐCS A;01/05/2023\n".encode())
    done = run("load", str(path), "--db", str(broken))
    assert done.returncode == 2
    assert done.stderr.startswith("Lỗi không lường trước; kho dữ liệu giữ nguyên. Chạy lại với --verbose")
    assert "Traceback" not in done.stderr
    loud = run("load", str(path), "--db", str(broken), "--verbose")
    assert loud.returncode == 2 and "Traceback" in loud.stderr


def test_missing_file_and_folder(store, tmp_path):
    done = run("load", str(tmp_path / "khong_co.csv"), str(tmp_path), "--db", str(store))
    assert done.returncode == 2
    lines = done.stdout.splitlines()
    assert lines[0] == f"✗ {tmp_path / 'khong_co.csv'}: Không mở được tệp: No such file or directory"
    assert lines[1] == f"✗ {tmp_path}: Đây là một thư mục, không phải tệp."


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(store, tmp_path):
    path = tmp_path / "lon.csv"
    with open(path, "wb") as fh:  # a sparse file: 1,5 GB on paper, nothing on the disk
        fh.truncate(1536 * 1024 * 1024)
    done = run("load", str(path), "--db", str(store))
    assert done.returncode == 2
    assert done.stdout.splitlines()[0] == f"✗ {path}: Tệp nặng 1,5 GB, vượt giới hạn 1 GB mỗi tệp."


def test_the_upload_page_shows_the_message_and_the_limits(store, monkeypatch):
    monkeypatch.setenv("SANGKIEN_DB", str(store))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    sign_in(at, store, ANALYST)
    at.run()
    at.switch_page("pages/data.py").run()
    assert not at.exception
    limits = (
        "Giới hạn mỗi tệp: 1 GB; tối đa 6.000.000 dòng, 200 cột, 32 KiB mỗi ô; tệp Excel/ODS khi giải nén tối đa 2 GiB."
    )
    assert limits in [c.value for c in at.caption]
    at.file_uploader(key="data_up").upload("hong.xlsx", b"PK\x03\x04" + bytes(300), "application/octet-stream").run()
    assert not at.exception
    assert at.error[0].value == "Không mở được tệp Excel: tệp bị hỏng (không giải nén được nội dung của tệp)."
    assert at.expander[1].label == "Chi tiết kỹ thuật"
    assert "BadZipFile" in at.expander[1].code[0].value
