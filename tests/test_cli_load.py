"""`python -m sangkien load / versions / summary` run as a user runs them, in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sangkien import i18n

PROJECT = Path(__file__).resolve().parent.parent

# Two federations; Hà Nội has 3 valid initiatives out of 5, Hải Phòng 1.
INITIATIVES_CSV = """\
Mã sáng kiến,Tên sáng kiến,Tác giả,Công đoàn cơ sở,LĐLĐ tỉnh/thành phố,Ngày nộp,Giá trị làm lợi,Trạng thái
HN1,Cải tiến băng tải,"Nguyễn Văn An, Trần Thị Bình",CĐCS Công ty A,LĐLĐ TP Hà Nội,02/05/2023,"3.500.000.000",hợp lệ
HN2,Tiết kiệm điện,Nguyễn Văn An,CĐCS Công ty A,LĐLĐ TP Hà Nội,15/06/2023,"120.000.000",hợp lệ
HN3,Sắp xếp kho,Nguyễn Văn An,CĐCS Công ty B,LĐLĐ TP Hà Nội,20/06/2023,,hợp lệ
HN4,Đổi mới quy trình,Lê Văn Cường,CĐCS Công ty B,LĐLĐ TP Hà Nội,21/06/2023,"900.000.000",đang xem xét
HN5,Máy bị lỗi,Lê Văn Cường,CĐCS Công ty B,LĐLĐ TP Hà Nội,22/06/2023,,không hợp lệ
HP1,Cải tiến cẩu trục,Phạm Văn Dũng,CĐCS Cảng Hải Phòng,LĐLĐ TP Hải Phòng,03/05/2023,"50.000.000",hợp lệ
"""
UNITS_CSV = "Tên đơn vị;Cấp;Chỉ tiêu giao;Số đăng ký\nLĐLĐ TP Hà Nội;tỉnh;4;2\n"
HOME = "LĐLĐ TP Hà Nội"


def run(*args: str, db_env: Path | None = None, lang: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("SANGKIEN_DB", "SANGKIEN_LANG")}
    if db_env is not None:
        env["SANGKIEN_DB"] = str(db_env)
    if lang is not None:
        env["SANGKIEN_LANG"] = lang
    return subprocess.run(
        [sys.executable, "-m", "sangkien", *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def file_summary(
    file: Path, kind: str | None, rows_in: int, loaded: int, error: str | None = None, code: str | None = None
) -> dict:
    return {
        "file": str(file),
        "sheet": None,
        "kind": kind,
        "rows_in": rows_in,
        "loaded": loaded,
        "rejected": 0,
        "skipped": 0,
        "error": error,
        "error_code": code,
    }


@pytest.fixture
def exports(tmp_path: Path) -> dict[str, Path]:
    files = {
        "initiatives": tmp_path / "sang_kien.csv",
        "units": tmp_path / "don_vi.csv",
        "xls": tmp_path / "bao_cao.xls",
    }
    files["initiatives"].write_text(INITIATIVES_CSV, encoding="utf-8")
    files["units"].write_text(UNITS_CSV, encoding="utf-8")
    files["xls"].write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    return files


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "store"


def test_load_json_prints_the_documented_summary(exports, db):
    result = run("load", str(exports["initiatives"]), "--db", str(db), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "version": "v0001",
        "files": [file_summary(exports["initiatives"], "initiatives", 6, 6)],
    }


def test_second_load_of_another_kind_carries_the_first_over(exports, db):
    assert run("load", str(exports["initiatives"]), "--db", str(db)).returncode == 0
    assert run("load", str(exports["units"]), "--db", str(db), "--json").returncode == 0
    result = run("versions", "--db", str(db), "--json")
    assert result.returncode == 0
    manifest = json.loads(result.stdout)
    assert manifest["current"] == "v0002"
    assert [(v["id"], v["tables"]) for v in manifest["versions"]] == [
        ("v0001", {"initiatives": 6}),
        ("v0002", {"initiatives": 6, "units": 1}),
    ]


def test_failing_load_exits_2_and_leaves_the_store_as_it_was(exports, db):
    assert run("load", str(exports["initiatives"]), "--db", str(db)).returncode == 0
    before = run("versions", "--db", str(db), "--json").stdout

    result = run("load", str(exports["xls"]), "--db", str(db), "--json")
    assert result.returncode == 2
    error = "Không mở được tệp .xls (Excel 97–2003) này: hãy mở tệp bằng Excel và lưu lại dưới dạng .xlsx."
    assert json.loads(result.stdout) == {
        "version": None,
        "files": [file_summary(exports["xls"], None, 0, 0, error, "ingest.xls_unreadable")],
    }
    assert result.stderr.strip() == f"Không có dữ liệu nào được xuất bản. bao_cao.xls: {error}"
    assert run("versions", "--db", str(db), "--json").stdout == before


def test_load_json_error_follows_the_language_and_its_code_does_not(exports, db):
    vi = json.loads(run("load", str(exports["xls"]), "--db", str(db), "--json").stdout)["files"][0]
    result = run("load", str(exports["xls"]), "--db", str(db), "--json", lang="en")
    assert result.returncode == 2
    en = json.loads(result.stdout)["files"][0]
    assert en["error_code"] == vi["error_code"] == "ingest.xls_unreadable"
    with i18n.language("en"):
        assert en["error"] == i18n.t(en["error_code"]) != vi["error"]
    assert result.stderr.strip() == f"No data was published. bao_cao.xls: {en['error']}"


def test_failing_first_load_leaves_no_version(exports, db):
    result = run("load", str(exports["xls"]), "--db", str(db))
    assert result.returncode == 2
    assert "lưu lại dưới dạng .xlsx" in result.stdout + result.stderr
    assert json.loads(run("versions", "--db", str(db), "--json").stdout) == {"current": None, "versions": []}


def test_store_from_environment_variable(exports, db):
    result = run("load", str(exports["initiatives"]), "--json", db_env=db)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["version"] == "v0001"
    assert json.loads(run("versions", "--db", str(db), "--json").stdout)["current"] == "v0001"
    assert json.loads(run("versions", "--json", db_env=db).stdout)["current"] == "v0001"


def test_summary_without_home_lists_the_candidates(exports, db):
    assert run("load", str(exports["initiatives"]), "--db", str(db)).returncode == 0
    result = run("summary", "--db", str(db), "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "LĐLĐ TP Hà Nội; LĐLĐ TP Hải Phòng" in result.stderr


def test_home_then_summary_gives_the_unit_figures(exports, db):
    assert run("load", str(exports["initiatives"]), "--db", str(db)).returncode == 0
    assert run("load", str(exports["units"]), "--db", str(db), "--home", HOME).returncode == 0
    result = run("summary", "--db", str(db), "--json")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert {k: figures[k] for k in ("unit", "version", "level", "source")} == {
        "unit": "LĐLĐ TP Hà Nội",
        "version": "v0002",
        "level": "federation",
        "source": "rows",
    }
    assert {
        k: figures[k]
        for k in (
            "initiatives",
            "initiatives_all_statuses",
            "initiatives_under_review",
            "initiatives_invalid",
            "participants",
            "benefit_total_vnd",
            "benefit_max_vnd",
            "quota",
            "commitment",
            "pct_of_quota",
            "pct_of_commitment",
            "national_rank",
            "national_count",
        )
    } == {
        "initiatives": 3,
        "initiatives_all_statuses": 5,
        "initiatives_under_review": 1,
        "initiatives_invalid": 1,
        "participants": 3,  # (Công ty A, An), (Công ty A, Bình), (Công ty B, An)
        "benefit_total_vnd": 3_620_000_000,
        "benefit_max_vnd": 3_500_000_000,
        "quota": 4,
        "commitment": 2,
        "pct_of_quota": 75.0,
        "pct_of_commitment": 150.0,
        "national_rank": 1,
        "national_count": 2,
    }
    assert [figures[k] for k in ("contest", "awards", "works", "opinions", "campaign")] == [None] * 5
