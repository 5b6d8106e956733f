"""Query timings on generated national-scale data, beside raw DuckDB baselines.

``python -m sangkien.bench [--sizes 1000000,2400000] [--keep DIR]``: one version file per size,
opened read-only as the app does; each page's queries run twice, cold (fresh connection) and warm.
Targets are printed, not asserted: every page under 1 s warm at 2.4 M initiative rows.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import tempfile
import time
from pathlib import Path

import duckdb

from sangkien.analysis.filters import Filters
from sangkien.db import execute, quote_ident, run_query
from sangkien.ingest import schema
from sangkien.ingest.normalize import unit_key
from sangkien.store.derived import derive_tables

HOME = "LĐLĐ thành phố Hà Nội"
HOME_KEY = unit_key(HOME)
FIELDS = ["Kỹ thuật", "Sản xuất", "Quản lý, hành chính", "Chuyển đổi số", "Giáo dục", "Y tế", "Nông nghiệp", "Dịch vụ"]
FEDERATIONS, UPPERS, GRASSROOTS = 83, 40, 50
RANKING_END = dt.date(2022, 12, 31)  # "ranking as of a date" on the Xếp hạng page
TARGET_ROWS, TARGET_MS = 2_400_000, 1000.0
BENCH_FILES = [("initiatives", "duckdb"), ("initiatives", "csv"), ("from-csv", "duckdb")]

# Names follow the ingested key rules: LĐLĐ → liên đoàn lao động, CĐCS → công đoàn cơ sở, lower case.
MACROS = f"""
create temp macro fed_name(f) as case when f = 0 then '{HOME}' else 'LĐLĐ tỉnh ' || f end;
create temp macro upper_name(f, p) as case when f = 0 then 'LĐLĐ quận ' || p else 'LĐLĐ huyện ' || f || '.' || p end;
create temp macro unit_name(f, p, g) as 'CĐCS Công ty ' || (f * 10000 + p * 100 + g);
create temp macro key_of(name) as lower(replace(replace(name, 'LĐLĐ', 'liên đoàn lao động'), 'CĐCS', 'công đoàn cơ sở'));
create temp macro pick(i, salt, m) as (hash(hash(i, salt)) % m)::bigint;  -- rehashed: hash(i, salt) % m correlates across salts
create temp macro draw(i, salt) as pick(i, salt, 1000000) / 1e6;
"""

INITIATIVES = f"""
insert into initiatives by name
with draws as (
    select
        i,
        case when draw(i, 'fed') < 0.10 then 0 else 1 + pick(i, 'other', {FEDERATIONS - 1}) end as f,
        pick(i, 'upper', {UPPERS}) as p, pick(i, 'unit', {GRASSROOTS}) as g,
        draw(i, 'status') as u_status, draw(i, 'benefit') as u_benefit,
        date '2021-09-01' + floor(731 * sqrt(draw(i, 'day')))::int as submitted_on  -- more towards the end
    from range($n) as r(i)
),

named as (select *, fed_name(f) as federation, upper_name(f, p) as parent_unit, unit_name(f, p, g) as unit from draws)

select
    'SK' || lpad(i::varchar, 8, '0') as id, 'Sáng kiến cải tiến số ' || i as title,
    'Tác giả ' || pick(i, 'a1', 300000)
        || case when pick(i, 'co', 10) < 4 then '; Tác giả ' || pick(i, 'a2', 300000) else '' end as authors,
    unit, parent_unit, federation, key_of(unit) as unit_key, key_of(parent_unit) as parent_key,
    key_of(federation) as federation_key,
    {FIELDS!r}[1 + pick(i, 'field', 8)] as field, submitted_on,
    case when u_benefit < 0.5 then submitted_on + pick(i, 'applied', 120)::int end as applied_on,
    case when u_benefit >= 0.78 then round(pow(10, 6 + 4 * pow((u_benefit - 0.78) / 0.22, 3)), -3) end as benefit_vnd,
    case when u_status < 0.94 then 'valid' when u_status < 0.98 then 'under_review' else 'invalid' end as status,
    'toan-quoc.xlsx' as source_file, i + 2 as source_row
from named
"""

UNITS = f"""
insert into units by name
with tree as (
    select null as p, null as g, '{HOME}' as unit, null as parent, 'federation' as level, $n / 10 as share
    union all
    select p, null, upper_name(0, p), '{HOME}', 'upper', $n / 10 / {UPPERS} from range({UPPERS}) as r(p)
    union all
    select p, g, unit_name(0, p, g), upper_name(0, p), 'grassroots', $n / 10 / {UPPERS * GRASSROOTS}
    from range({UPPERS}) as r(p), range({GRASSROOTS}) as s(g)
)

select
    unit, parent, level, key_of(unit) as unit_key, key_of(parent) as parent_key,
    round(share * (0.85 + hash(unit) % 30 / 100))::bigint as quota,
    case when level <> 'grassroots' then round(share * (1.0 + hash(unit) % 20 / 100))::bigint end as commitment,
    round(share * (2.5 + hash(unit, 'm') % 20 / 10))::bigint as members,
    case when level = 'upper' then round(share * 0.97)::bigint end as reported_initiatives,
    date '2023-09-01' as as_of, 'don-vi.xlsx' as source_file, row_number() over () + 1 as source_row
from tree
"""

REPORTED = """
insert into reported_totals by name
select
    federation as unit, federation_key as unit_key, 'federation' as level,
    round(count(*) * 0.97)::bigint as initiatives, round(count(*) * 1.3)::bigint as participants,
    round(count(*) * 0.9)::bigint as quota, date '2023-09-01' as as_of,
    'tong-hop.xlsx' as source_file, row_number() over () + 1 as source_row
from initiatives
group by federation, federation_key
"""

CSV_COLUMNS = "id, title, authors, unit, parent_unit, federation, field, submitted_on, benefit_vnd, status"
CSV_NOTED = "0.72 s / 3.0 s"  # TECH-NOTES "Baseline speeds", 1 M / 5 M rows, as below
BASELINES = {  # work: (SQL, TECH-NOTES figure)
    "ranking by unit with RANK()": (
        "select parent_key, unit_key, count(*) as initiatives, rank() over (order by count(*) desc) as rank"
        " from initiatives group by parent_key, unit_key",
        "17 / 53 ms",
    ),
    "daily cumulative count per upper-level unit": (
        "select parent_key, submitted_on, sum(count(*)) over (partition by parent_key order by submitted_on)"
        " as cumulative from initiatives group by parent_key, submitted_on",
        "87 / 143 ms",
    ),
    "unit × field pivot": ("pivot initiatives on field using count(*) group by parent_key, unit_key", "61 / 277 ms"),
}


def build(path: Path, csv_path: Path, n: int) -> None:
    """One version file with every canonical table; initiatives, units and reported totals filled."""
    con = duckdb.connect(str(path), config={"threads": 2})
    try:
        for kind in schema.KINDS:
            ddl = ", ".join(f"{quote_ident(c)} {t}" for c, t in schema.table_columns(kind))
            con.execute(f"create table {quote_ident(kind)} ({ddl})")
        con.execute(MACROS)
        con.execute(INITIATIVES, {"n": n})
        con.execute(UNITS, {"n": n})
        con.execute(REPORTED)
        csv_sql = str(csv_path).replace("'", "''")
        con.execute(f"copy (select {CSV_COLUMNS} from initiatives) to '{csv_sql}' (header)")
        derive_tables(con)  # as publishing a version does
        con.execute("checkpoint")
    finally:
        con.close()


def page_queries() -> dict[str, list[tuple[str, str, dict]]]:
    """(query, what, parameters) of each page, in the order the page runs them."""
    f = Filters().params()
    e = Filters(end=RANKING_END).params()
    upper = unit_key("LĐLĐ quận 0")
    uppers = [unit_key(f"LĐLĐ quận {p}") for p in range(3)]
    to_date = f"đến {RANKING_END:%d/%m/%Y}"
    return {
        "Tổng quan": [
            ("unit_headline", "home", {"unit_key": HOME_KEY, **f}),
            ("ranking_federations", "", f),
            ("progress_cumulative", "home", {"unit_keys": [HOME_KEY], **f}),
            ("ranking_children", "home", {"parent_key": HOME_KEY, **f}),
            ("version_as_of", "", {}),
        ],
        "Xếp hạng": [
            ("ranking_federations", "", f),
            ("ranking_children", "home", {"parent_key": HOME_KEY, **f}),
            ("ranking_children", "upper unit", {"parent_key": upper, **f}),
            ("ranking_children", f"home, {to_date}", {"parent_key": HOME_KEY, **e}),
            ("ranking_children", f"upper unit, {to_date}", {"parent_key": upper, **e}),
            ("places_federations", "", {}),
            ("places_children", "home", {"parent_key": HOME_KEY}),
            ("places_children", "upper unit", {"parent_key": upper}),
            ("filter_ranges", "", {}),
        ],
        "Tiến độ": [
            ("progress_cumulative", "home + 3 upper units", {"unit_keys": [HOME_KEY, *uppers], **f}),
            ("daily_children", "home", {"parent_key": HOME_KEY, **f}),
            ("ranking_children", "home", {"parent_key": HOME_KEY, **f}),
        ],
    }


def timed(fn, *args, **kwargs) -> float:
    start = time.perf_counter()
    fn(*args, **kwargs)
    return (time.perf_counter() - start) * 1000


def row(label: str, *cells: str, note: str = "") -> None:
    print(f"  {label:<52}" + "".join(f"{c:>11}" for c in cells) + (f"   {note}" if note else ""), flush=True)


def bench_pages(path: Path) -> dict[str, float]:
    """Each page on a fresh read-only connection; prints every query and returns warm page totals."""
    warm_totals = {}
    row("query", "cold ms", "warm ms")
    for page, queries in page_queries().items():
        print(f" {page}")
        con = duckdb.connect(str(path), read_only=True, config={"threads": 2})
        cold_sum = warm_sum = 0.0
        try:
            for name, what, params in queries:
                label = f"{name} ({what})" if what else name
                try:
                    cold = timed(run_query, con, name, **params)
                    warm = timed(run_query, con, name, **params)
                except (FileNotFoundError, TypeError, duckdb.Error) as exc:
                    row(label, note="skipped: " + str(exc).splitlines()[0][:80])
                    continue
                cold_sum, warm_sum = cold_sum + cold, warm_sum + warm
                row(label, f"{cold:.1f}", f"{warm:.1f}")
        finally:
            con.close()
        row(f"= {page} total", f"{cold_sum:.1f}", f"{warm_sum:.1f}")
        warm_totals[page] = warm_sum
    return warm_totals


def bench_baselines(path: Path, csv_path: Path, scratch: Path) -> None:
    print(" Raw DuckDB baselines (same data)")
    row("work", "cold ms", "warm ms", note="TECH-NOTES 1 M / 5 M")

    def load() -> None:
        con = duckdb.connect(str(scratch), config={"threads": 2})
        con.execute("create table initiatives as select * from read_csv($p)", {"p": str(csv_path)})
        con.close()

    mb = csv_path.stat().st_size / 1e6
    row(f"CSV → table in a .duckdb file ({mb:.0f} MB CSV)", f"{timed(load):.1f}", "", note=CSV_NOTED)
    scratch.unlink(missing_ok=True)
    con = duckdb.connect(str(path), read_only=True, config={"threads": 2})
    try:
        for label, (sql, noted) in BASELINES.items():
            cold, warm = timed(execute, con, sql), timed(execute, con, sql)
            row(label, f"{cold:.1f}", f"{warm:.1f}", note=noted)
    finally:
        con.close()


def bench_race(path: Path) -> None:
    """The home federation's bar-chart race: its query, its frames, building the figure, its payload."""
    from sangkien.analysis.race import race_frames
    from sangkien.charts import projector, race

    print(" Bar-chart race of the home federation's upper-level units")
    with contextlib.closing(duckdb.connect(str(path), read_only=True, config={"threads": 2})) as con:
        span = execute(con, "select min(submitted_on) as a, max(submitted_on) as b from initiatives").iloc[0]
        start = time.perf_counter()
        frames = race_frames(lambda q, **p: run_query(con, q, **p), HOME_KEY, Filters(), span.a.date(), span.b.date())
        query_ms, start = (time.perf_counter() - start) * 1000, time.perf_counter()
        fig = projector.project(race.race(frames, HOME_KEY, "race", top=10), None)
        figure_ms, payload = (time.perf_counter() - start) * 1000, len(fig.to_json().encode())
    row(
        "frames from the rows",
        f"{query_ms:.1f}",
        "",
        note=f"{frames['frame_day'].nunique()} frames, {len(frames):,} points",
    )
    row("figure built (page and hall)", f"{figure_ms:.1f}", "", note=f"{payload / 1024:.0f} KiB of JSON to the browser")


def bench_size(n: int, root: Path) -> dict[str, float]:
    path, csv_path, scratch = (root / f"{stem}-{n}.{ext}" for stem, ext in BENCH_FILES)
    for old in (path, csv_path, scratch):
        old.unlink(missing_ok=True)
    built = timed(build, path, csv_path, n) / 1000
    mb = path.stat().st_size / 1e6
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\n== {n:,} initiative rows (built in {built:.1f} s, {mb:.0f} MB file; load average {load}) ==", flush=True)
    totals = bench_pages(path)
    bench_race(path)
    bench_baselines(path, csv_path, scratch)
    return totals


def summary(results: dict[int, dict[str, float]]) -> None:
    print("\n== Page totals, warm ms (target: every page under 1 s at 2.4 M rows) ==")
    row("page", *(f"{n / 1e6:g} M" for n in results))
    for page in page_queries():
        at_target = results.get(TARGET_ROWS, {}).get(page)
        verdict = "" if at_target is None else "ok" if at_target < TARGET_MS else "over 1 s at 2.4 M"
        row(page, *(f"{t[page]:.1f}" for t in results.values()), note=verdict)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m sangkien.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000000,2400000,5000000", help="initiative rows, comma-separated")
    parser.add_argument("--keep", metavar="DIR", help="write the files here and keep them")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    print(f"DuckDB {duckdb.__version__}, 2 threads, {os.cpu_count()} cores; times in ms, results fetched as DataFrames")
    with contextlib.ExitStack() as stack:
        root = Path(args.keep or stack.enter_context(tempfile.TemporaryDirectory(prefix="sangkien-bench-")))
        root.mkdir(parents=True, exist_ok=True)
        results = {n: bench_size(n, root) for n in sizes}
    summary(results)


if __name__ == "__main__":
    main()
