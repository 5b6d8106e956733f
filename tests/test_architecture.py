"""The package's map holds: arrows point down (ui → analysis/charts → store → ingest), Streamlit
only in ``ui``, reading the store without its writer, no module over 300 lines, every shown
column in the registry. Each import is checked in a fresh interpreter, as a script would import it."""

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pandas as pd
import pytest

from sangkien import columns, tables
from sangkien.ingest.staged import Staged

from .conftest import ROOT

PACKAGE = ROOT / "sangkien"
LAYERS = ["ingest", "store", "analysis", "charts", "report", "ui", "demo"]
# What each part may not pull in, directly or through another module.
FORBIDDEN = {
    "ingest": {"store", "analysis", "charts", "ui", "demo", "streamlit"},
    "store": {"analysis", "charts", "ui", "demo", "streamlit"},
    "analysis": {"charts", "ui", "demo", "streamlit"},
    "charts": {"ingest", "store", "analysis", "ui", "demo", "streamlit", "duckdb"},
    "demo": {"store", "analysis", "charts", "ui", "streamlit"},
    "report": {"ui", "demo", "streamlit"},
    "ui": {"demo"},
    # the shared modules at the top of the package
    "fmt": {"ingest", "store", "analysis", "charts", "ui", "demo", "streamlit"},
    "i18n": {"ingest", "store", "analysis", "charts", "ui", "demo", "streamlit", "duckdb", "pandas"},
    "paths": {"ingest", "store", "analysis", "charts", "ui", "demo", "streamlit"},
    "auth": {"ingest", "store", "analysis", "charts", "ui", "demo", "streamlit"},
    "db": {"store", "analysis", "charts", "ui", "demo", "streamlit"},
    "columns": {"ingest", "store", "analysis", "charts", "ui", "demo", "streamlit"},
    "tables": {"store", "analysis", "charts", "ui", "demo", "streamlit"},
    "cli": {"ui", "streamlit"},
    "bench": {"ui", "streamlit"},
    "bench_exports": {"ui", "streamlit"},
    "bench_ingest": {"ui", "streamlit", "pandas"},
    "bench_pages": {"demo"},
    "cluster": {"ingest", "store", "analysis", "charts", "ui", "demo", "streamlit", "duckdb"},
    "benchdoc": {"ingest", "store", "analysis", "charts", "ui", "demo", "streamlit"},
    "bench_cluster": {"ingest", "store", "analysis", "charts", "ui", "demo", "duckdb"},
}
# The read side of the store never loads its writer.
READER_FORBIDDEN = {"sangkien.store.versions", "sangkien.store.versionfile", "sangkien.ingest.staging"}


def modules() -> list[str]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(ROOT).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if parts[-1] == "__main__":
            continue
        out.append(".".join(parts))
    return out


def loaded_by(module: str) -> list[str]:
    """The modules a fresh interpreter holds after importing ``module``."""
    code = f"import importlib, json, sys; importlib.import_module({module!r}); print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def imports() -> dict[str, list[str]]:
    names = modules()
    with ThreadPoolExecutor(4) as pool:
        return dict(zip(names, pool.map(loaded_by, names), strict=True))


def part_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def test_every_module_imports_only_what_its_part_may(imports):
    breaches = {}
    for module, loaded in imports.items():
        rules = FORBIDDEN.get(part_of(module) or "", set())
        bad = sorted(
            m
            for m in loaded
            if m == "streamlit" and "streamlit" in rules or part_of(m) in rules and m.startswith("sangkien.")
        )
        bad += sorted(m for m in loaded if m == "duckdb" and "duckdb" in rules)
        if bad:
            breaches[module] = bad
    assert breaches == {}


def test_the_reading_side_of_the_store_loads_nothing_of_its_writer(imports):
    assert sorted(READER_FORBIDDEN & set(imports["sangkien.store.reading"])) == []
    assert sorted(READER_FORBIDDEN & set(imports["sangkien.store.catalog"])) == []


def test_the_rules_name_every_part_of_the_package(imports):
    parts = {part_of(m) for m in imports if part_of(m)}
    assert parts <= set(FORBIDDEN), sorted(parts - set(FORBIDDEN))
    assert set(LAYERS) <= parts


def test_streamlit_is_imported_once_at_the_top_of_each_ui_module():
    inside = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        nested = [i + 1 for i, line in enumerate(lines) if line.startswith(" ") and "import streamlit" in line]
        if nested:
            inside[str(path.relative_to(ROOT))] = nested
    assert inside == {}


def test_no_module_is_over_300_lines_demo_word_lists_aside():
    long = {
        str(p.relative_to(ROOT)): n
        for p in sorted(PACKAGE.rglob("*.py"))
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 300 and p.name != "names.py"
    }
    assert long == {}


def test_no_module_level_mutable_cache_behind_global():
    found = {
        str(p.relative_to(ROOT)): [
            line.strip() for line in p.read_text(encoding="utf-8").splitlines() if line.strip().startswith("global ")
        ]
        for p in sorted(PACKAGE.rglob("*.py"))
    }
    assert {k: v for k, v in found.items() if v} == {}


def test_column_headers_are_unique_and_every_kind_is_known():
    labels = [c.label for c in columns.COLUMNS.values()]
    assert len(labels) == len(set(labels))
    assert {c.kind for c in columns.COLUMNS.values()} <= {"count", "money", "decimal", "progress", "date", "text"}


def staged_example() -> Staged:
    return Staged(
        file="a.csv",
        kind="initiatives",
        rows_in=2,
        data=pd.DataFrame({"id": ["1"]}),
        rejects=pd.DataFrame({"source_row": [3], "reason": ["Thiếu tên"], "data": ["{}"]}),
    )


def test_every_table_builder_shows_registered_columns_only():
    frame = pd.DataFrame(
        {
            "rank": [1],
            "unit": ["A"],
            "unit_key": ["a"],
            "initiatives": [3],
            "participants": [2],
            "pct_of_quota": [50.0],
            "pct_of_commitment": [None],
            "per_100_members": [1.5],
            "benefit_vnd": [1e9],
            "quota": [6],
            "source": ["rows"],
            "diff_from_reported_pct": [None],
            "rank_change": [1],
            "today": [1],
            "last_7_days": [2],
            "total": [3],
            "pace": [0.5],
            "status": ["đạt"],
            "band_from": [3e9],
            "total_vnd": [1e9],
            "field": ["X"],
            "with_value": [1],
            "without_value": [2],
            "median_vnd": [1e9],
            "title": ["T"],
            "parent_unit": ["P"],
            "authors": ["Q"],
            "id": ["1"],
            "trade": ["Hàn"],
            "prize": ["Nhất"],
            "contestant": ["B"],
            "prize_vnd": [5e6],
            "contestants": [4],
            "winners": [1],
            "prize_total_vnd": [5e6],
            "body": ["TLĐ"],
            "programme": ["CT"],
            "recipient_type": ["Cá nhân"],
            "count": [1],
            "amount_vnd": [1e6],
            "recipient": ["C"],
            "decision": ["1/QĐ"],
            "decided_on": [pd.Timestamp("2023-10-20")],
            "awards": [1],
            "level": ["grassroots"],
            "works": [2],
            "flagship": [1],
            "channel": ["văn bản"],
            "opinions": [3],
            "name": ["N"],
            "value_vnd": [1e9],
            "completed_on": [pd.Timestamp("2023-05-01")],
            "parent": ["P"],
            "suggestion": ["S"],
            "score": [0.9],
            "file": ["a.csv"],
            "sheet": [None],
            "kind": ["initiatives"],
            "source_row": [3],
            "reason": ["r"],
            "data": ["{}"],
        }
    )
    built = {
        name: getattr(tables, name)(frame)
        for name in (
            "ranking_table",
            "daily_table",
            "projection_table",
            "benefit_fields",
            "benefit_top",
            "contest_winners",
            "contest_units",
            "award_counts",
            "award_list",
            "award_units",
            "work_levels",
            "opinion_channels",
            "flagship_works",
            "unknown_units_table",
            "rejected_rows",
        )
    }
    built["suggestions_table"] = tables.suggestions_table(frame.assign(name="N"))
    built["staged_counts"] = tables.staged_counts([staged_example()])
    built["rejects_table"] = tables.rejects_table(staged_example())
    built["versions_table"] = tables.versions_table(
        [{"id": "v0001", "created_at": "2023-09-01T10:00", "tables": {"initiatives": 2}, "files": []}], "v0001"
    )
    built["log_table"] = tables.log_table(
        [
            {
                "attempt": 1,
                "time": "2023-09-01T10:00:00",
                "outcome": "published",
                "version": "v0001",
                "files": [],
                "message": "m",
            }
        ]
    )
    assert {name: columns.unknown(table) for name, table in built.items() if columns.unknown(table)} == {}
    assert list(built["ranking_table"].columns[:4]) == ["Hạng", "Thay đổi", "Đơn vị", "Sáng kiến"]
