"""Ingest timings: the whole ``load`` of a national-scale export beside DuckDB's and pandas' own reads.

``python -m sangkien.bench_ingest [--sizes 1000000,5000000] [--runs 5] [--encodings utf-8,cp1258]``:
one export per size as the programme's software writes it (semicolons, the Vietnamese headers,
dd/mm/yyyy dates, dot thousands); each run is a fresh process, timed from its start (imports
included) to its end, its peak RSS read from the kernel (``wait4``). Every full run loads into an
empty store and publishes. Targets are printed, not asserted.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

HOME = "LĐLĐ thành phố Hà Nội"  # bench.HOME, not imported: that module loads DuckDB into this parent

HEADERS = {  # the demo export's headers, in its order
    "id": "Mã sáng kiến",
    "title": "Tên sáng kiến",
    "authors": "Tác giả",
    "unit": "Công đoàn cơ sở",
    "parent_unit": "Công đoàn cấp trên trực tiếp cơ sở",
    "federation": "LĐLĐ tỉnh, thành phố / Công đoàn ngành",
    "field": "Lĩnh vực",
    "submitted_on": "Ngày cập nhật",
    "applied_on": "Ngày áp dụng",
    "benefit_vnd": "Giá trị làm lợi (đồng/năm)",
    "status": "Trạng thái",
}
DATES = ("submitted_on", "applied_on")
# DuckDB reads Windows-1258 only through an extension it would download: the reference for such a
# file reads it as Latin-1, a one-byte code page like it.
RAW_DUCKDB = (
    "import duckdb, sys; duckdb.connect(sys.argv[2]).execute("
    "'create table t as select * from read_csv($p, encoding=$e)', {'p': sys.argv[1], 'e': sys.argv[3]})"
)
RAW_PANDAS = "import pandas, sys; pandas.read_csv(sys.argv[1], sep=';', dtype=str, encoding=sys.argv[2])"
TARGET_RATIO, TARGET_S, TARGET_MB = 1.5, 15.0, 2048
START, END = "<!-- ingest: written by python -m sangkien.bench_ingest -->", "<!-- ingest: end -->"


def write_export(path: Path, n: int, encoding: str) -> None:
    """``n`` initiatives as a semicolon CSV in the export's conventions (and, for cp1258, its encoding)."""
    import duckdb

    from sangkien.bench import INITIATIVES as ROWS_SQL
    from sangkien.bench import MACROS
    from sangkien.db import quote_ident
    from sangkien.ingest import schema
    from sangkien.ingest.parse_sql import lit
    from sangkien.ingest.schema import STATUS_LABELS

    con = duckdb.connect(config={"threads": 2})
    try:
        ddl = ", ".join(f"{quote_ident(c)} {t}" for c, t in schema.table_columns("initiatives"))
        con.execute(f"create table initiatives ({ddl})")
        con.execute(MACROS)
        con.execute(ROWS_SQL, {"n": n})
        cells = []
        for col, head in HEADERS.items():
            if col in DATES:
                expr = f"strftime({col}, '%d/%m/%Y')"
            elif col == "benefit_vnd":
                expr = "replace(format('{:,d}', benefit_vnd::bigint), ',', '.')"
            elif col == "status":  # the export's words, capitalised: 'Hợp lệ'
                labels = " ".join(f"when {lit(c)} then {lit(w[:1].upper() + w[1:])}" for c, w in STATUS_LABELS.items())
                expr = f"case status {labels} end"
            else:
                expr = col
            cells.append(f"{expr} as {quote_ident(head)}")
        utf8 = path if encoding == "utf-8" else path.with_suffix(".utf8.csv")
        target = str(utf8).replace("'", "''")
        con.execute(f"copy (select {', '.join(cells)} from initiatives) to '{target}' (header, delimiter ';')")
    finally:
        con.close()
    if encoding != "utf-8":  # Windows-1258 writes most tone marks as combining characters
        with utf8.open(encoding="utf-8") as src, path.open("w", encoding=encoding, errors="replace") as out:
            for line in src:
                out.write(_cp1258(unicodedata.normalize("NFD", line)))
        utf8.unlink()


def _cp1258(text: str) -> str:
    """NFD text with the letters Windows-1258 holds precomposed (â ê ô ơ ư ă) put back together; the
    tone marks stay combining, as that code page writes them."""

    def cluster(m: re.Match) -> str:
        base, marks = m.group(1), m.group(2)
        for mark in "\u0302\u0306\u031b":  # circumflex, breve, horn
            if mark in marks and len(unicodedata.normalize("NFC", base + mark)) == 1:
                base, marks = unicodedata.normalize("NFC", base + mark), marks.replace(mark, "")
        return base + marks

    return re.sub(r"(.)([\u0300-\u036f]+)", cluster, text)


def measure(cmd: list[str]) -> tuple[float, float, str]:
    """Wall seconds from the process's start to its end, its peak RSS in MB, and what it printed."""
    with tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            raise RuntimeError(f"{cmd[:4]} failed: {err.read().decode(errors='replace')[-2000:]}")
        out.seek(0)
        return wall, usage.ru_maxrss / 1024, out.read().decode(errors="replace")


def runs(label: str, cmd_for, n_runs: int, before=None, check=None) -> dict:
    walls, peaks = [], []
    for _ in range(n_runs):
        if before:
            before()
        wall, peak, printed = measure(cmd_for())
        if check:
            check(printed)
        walls.append(wall)
        peaks.append(peak)
    got = {"min": min(walls), "median": statistics.median(walls), "max": max(walls), "rss": max(peaks)}
    print(
        f"  {label:<34}{got['min']:>8.2f}{got['median']:>8.2f}{got['max']:>8.2f}{got['rss']:>10,.0f}",
        flush=True,
    )
    return got


def bench(n: int, encoding: str, root: Path, n_runs: int) -> dict[str, dict]:
    csv = root / f"initiatives-{n}-{encoding}.csv"
    start = time.perf_counter()
    # in a process of its own: a child's peak RSS counts the memory it was forked with, so the
    # parent stays small (stdlib only) and the generator's DuckDB memory never joins the figures
    maker = f"from pathlib import Path; from sangkien.bench_ingest import write_export; write_export(Path({str(csv)!r}), {n}, {encoding!r})"
    subprocess.run([sys.executable, "-c", maker], check=True)
    made = time.perf_counter() - start
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"\n== {n:,} initiatives, {encoding}, {csv.stat().st_size / 1e6:.0f} MB "
        f"(written in {made:.1f} s; load average {load}) =="
    )
    print(f"  {'process (whole, imports included)':<34}{'min s':>8}{'median':>8}{'max':>8}{'peak MB':>10}")
    store, raw_db = root / "store", root / "raw.duckdb"

    def fresh_store() -> None:
        shutil.rmtree(store, ignore_errors=True)

    def fresh_db() -> None:
        raw_db.unlink(missing_ok=True)

    load_cmd = [sys.executable, "-m", "sangkien", "load", "--db", str(store), "--kind", "initiatives", "--json"]

    def whole(printed: str) -> None:  # a run that dropped rows would not be the same work
        got = json.loads(printed[printed.index("{") : printed.rindex("}") + 1])["files"][0]
        if (got["rows_in"], got["loaded"], got["rejected"]) != (n, n, 0):
            raise RuntimeError(f"the load did not take the whole file: {got}")

    results = {
        "full": runs(
            "sangkien load (detect → publish)",
            lambda: [*load_cmd, "--home", HOME, str(csv)],
            n_runs,
            fresh_store,
            whole,
        ),
        "duckdb": runs(
            "DuckDB read_csv → table",
            lambda: [
                sys.executable,
                "-c",
                RAW_DUCKDB,
                str(csv),
                str(raw_db),
                "utf-8" if encoding == "utf-8" else "latin-1",
            ],
            n_runs,
            fresh_db,
        ),
        "pandas": runs(
            "pandas read_csv (dtype=str)", lambda: [sys.executable, "-c", RAW_PANDAS, str(csv), encoding], n_runs
        ),
    }
    ratio = results["full"]["median"] / results["duckdb"]["median"]
    print(f"  full / DuckDB (medians): {ratio:.1f}× (target ≤ {TARGET_RATIO}×)")
    fresh_store()
    fresh_db()
    csv.unlink()
    return results


def machine() -> str:
    from importlib.metadata import version

    cpu = next(
        (line.split(":", 1)[1].strip() for line in _lines("/proc/cpuinfo") if line.startswith("model name")), "?"
    )
    mem = next((int(line.split()[1]) / 2**20 for line in _lines("/proc/meminfo") if line.startswith("MemTotal")), 0)
    return (
        f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB; Python {platform.python_version()}, "
        f"DuckDB {version('duckdb')}, {platform.system()} {platform.release()}"
    )


def _lines(path: str) -> list[str]:
    with contextlib.suppress(OSError), open(path, encoding="utf-8") as f:
        return f.readlines()
    return []


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m sangkien.bench_ingest", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000000,5000000", help="initiative rows, comma-separated")
    parser.add_argument("--runs", type=int, default=5, help="runs of each process (min / median / max)")
    parser.add_argument("--encodings", default="utf-8,cp1258", help="utf-8 and/or cp1258")
    parser.add_argument("--keep", metavar="DIR", help="write the files here (they are removed after each size)")
    parser.add_argument("--markdown", metavar="FILE", help="write the table into this file's ingest section")
    args = parser.parse_args(argv)
    print(f"Ingest: {machine()}")
    table = {}
    with contextlib.ExitStack() as stack:
        root = Path(args.keep or stack.enter_context(tempfile.TemporaryDirectory(prefix="sangkien-ingest-")))
        root.mkdir(parents=True, exist_ok=True)
        for n in (int(s) for s in args.sizes.split(",") if s.strip()):
            for encoding in (e.strip() for e in args.encodings.split(",") if e.strip()):
                got = table[(n, encoding)] = bench(n, encoding, root, args.runs if encoding == "utf-8" else 1)
                if n >= 5_000_000 and encoding == "utf-8":
                    full = got["full"]
                    print(
                        f"  at {n:,}: {full['median']:.1f} s (target ≤ {TARGET_S:.0f} s), "
                        f"{full['rss']:,.0f} MB peak (target ≤ {TARGET_MB:,} MB)"
                    )

    if args.markdown:
        write_markdown(Path(args.markdown), table, args.runs)


def write_markdown(path: Path, table: dict, n_runs: int) -> None:
    """The ingest table as a section of ``path`` (created if missing; the rest of the file kept)."""
    from sangkien.benchdoc import replace_section

    lines = [
        START,
        "## Ingest",
        "",
        f"`python -m sangkien.bench_ingest` on {machine()}. Seconds for the whole process (imports",
        f"included), min / median / max of {n_runs} runs (Windows-1258: one run), peak RSS of the process.",
        "",
        "| rows | encoding | sangkien load | DuckDB read_csv | pandas read_csv | load / DuckDB | load peak MB |",
        "|---:|---|---|---|---|---:|---:|",
    ]
    for (n, encoding), got in table.items():
        cell = lambda r: f"{r['min']:.1f} / {r['median']:.1f} / {r['max']:.1f}"  # noqa: E731
        ratio = got["full"]["median"] / got["duckdb"]["median"]
        lines.append(
            f"| {n:,} | {encoding} | {cell(got['full'])} | {cell(got['duckdb'])} | {cell(got['pandas'])} "
            f"| {ratio:.1f}× | {got['full']['rss']:,.0f} |"
        )
    lines.append(END)
    replace_section(path, lines)


if __name__ == "__main__":
    main()
