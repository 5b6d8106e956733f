"""Page timings at national scale: each page's whole script run (Streamlit's AppTest), cold and warm,
its heaviest payload to the browser, and the app process's memory over many page views.

``python -m sangkien.bench_pages [--sizes 1000000,5000000] [--runs 5]``: one store per size, written
as ``sangkien.bench`` writes its version file (summary tables included). Each run is a fresh
process: cold is the first run of a page after the version opens (no Streamlit cache, a new
connection; the modules were imported by a first run on a small store, as in a running server),
warm the same run again; then one filter is set (a field), cold and warm. Figures are
min / median / max over the runs; peak RSS is the process's (``wait4``). Targets are printed, not
asserted: a page ≤ 0,5 s cold and ≤ 0,15 s warm, no chart over 10.000 points, the app ≤ 1 GB.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sangkien.benchdoc import write_section

PAGES = {
    "Tổng quan": "pages/overview.py",
    "Xếp hạng": "pages/rankings.py",
    "Tiến độ": "pages/progress.py",
    "Giá trị làm lợi": "pages/benefits.py",
}
FIELD = "Chuyển đổi số"  # bench.FIELDS[3], not imported: the parent keeps DuckDB out
VIEWS = 50
TARGET_COLD, TARGET_WARM, TARGET_POINTS, TARGET_MB = 0.5, 0.15, 10_000, 1024


def make_store(root: Path, n: int) -> Path:
    """A store whose one version is ``sangkien.bench``'s file of ``n`` initiatives."""
    from sangkien.bench import HOME, build
    from sangkien.store.upgrade import FORMAT

    store = root / f"store-{n}"
    (store / "versions").mkdir(parents=True, exist_ok=True)
    path = store / "versions" / "v0001.duckdb"
    if not path.exists():
        build(path, root / f"bench-{n}.csv", n)
        (root / f"bench-{n}.csv").unlink(missing_ok=True)
    source = {"file": "toan-quoc.xlsx", "sheet": None, "rows": n, "loaded_at": "2023-09-01T00:00:00+07:00"}
    meta = {
        "id": "v0001",
        "file": path.name,
        "format": FORMAT,
        "created_at": "2023-09-01T00:00:00+07:00",
        "label": f"{n:,} sáng kiến",
        "files": [],
        "tables": {},
        "sources": {k: [source] for k in ("initiatives", "units", "reported_totals")},
        "demo": False,
        "rejected": 0,
    }
    manifest = {"current": "v0001", "versions": [meta], "settings": {"home_unit": HOME}}
    (store / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return store


def payload(at) -> tuple[int, int]:
    """(bytes of the largest element sent to the browser, points of the largest chart) of a run."""
    biggest = points = 0
    stack = [at._tree]
    while stack:
        node = stack.pop()
        stack.extend(getattr(node, "children", {}).values())
        proto = getattr(node, "proto", None)
        if proto is None:
            continue
        size = proto.ByteSize() if hasattr(proto, "ByteSize") else 0
        biggest = max(biggest, size)
        spec = getattr(proto, "spec", None)
        if isinstance(spec, str) and spec.startswith("{"):
            traces = json.loads(spec).get("data", [])
            n = sum(max((len(t.get(k) or []) for k in ("x", "y", "values", "z", "labels")), default=0) for t in traces)
            points = max(points, n)
    return biggest, points


def one_page(store: str, page: str, warmup: str) -> dict:
    """In this fresh process, once the page has run on the small store ``warmup`` (the modules
    imported, as in a running server): the page on ``store`` cold, warm, with a field chosen cold
    and warm."""
    from streamlit.testing.v1 import AppTest

    from sangkien.paths import ROOT

    os.environ["SANGKIEN_DB"] = warmup
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    at.switch_page(page)
    at.run()
    os.environ["SANGKIEN_DB"] = store
    out = {}
    for label, act in (
        ("cold", lambda: at.run()),
        ("warm", lambda: at.run()),
        ("field cold", lambda: at.selectbox(key="flt_field").set_value(FIELD).run()),
        ("field warm", lambda: at.run()),
    ):
        start = time.perf_counter()
        act()
        out[label] = time.perf_counter() - start
        if at.exception:
            raise SystemExit(f"{page}: {at.exception[0].message}")
        size, points = payload(at)
        out["bytes"], out["points"] = max(out.get("bytes", 0), size), max(out.get("points", 0), points)
    return out


def many_views(store: str) -> dict:
    """``VIEWS`` page views over the pages, alternating the field filter; RSS after 10 and after all."""
    import resource

    os.environ["SANGKIEN_DB"] = store
    from streamlit.testing.v1 import AppTest

    from sangkien.paths import ROOT

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    rss = {}
    pages = list(PAGES.values())
    for i in range(VIEWS):
        at.switch_page(pages[i % len(pages)])
        at.run()
        if i % 3 == 2:
            at.selectbox(key="flt_field").set_value(None if i % 2 else FIELD).run()
        if i + 1 in (10, VIEWS):
            with open("/proc/self/status", encoding="ascii") as fh:
                rss[i + 1] = next(int(line.split()[1]) // 1024 for line in fh if line.startswith("VmRSS"))
    rss["peak"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    return rss


def child(args: list[str]) -> tuple[dict, float]:
    """Run ``python -m sangkien.bench_pages --child …`` and return its JSON and peak RSS in MB."""
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen([sys.executable, "-m", "sangkien.bench_pages", "--child", *args], stdout=out)
        _, status, usage = os.wait4(proc.pid, 0)
        out.seek(0)
        text = out.read().decode()
    if status != 0:
        raise SystemExit(f"page run failed: {args}")
    return json.loads(text.strip().splitlines()[-1]), usage.ru_maxrss / 1024


def spread(values: list[float], scale: float = 1.0) -> str:
    return " / ".join(f"{v * scale:.2f}" for v in (min(values), statistics.median(values), max(values)))


def bench(n: int, root: Path, runs: int) -> None:
    start = time.perf_counter()
    # built in a child: a parent holding DuckDB's gigabyte would lend its size to every child it
    # forks (Linux keeps the larger resident size across exec), and the peaks would be the parent's
    warmup, store = (child(["build", str(root), str(size)])[0]["store"] for size in (2000, n))
    say(f"\n== {n:,} initiative rows (store ready in {time.perf_counter() - start:.0f} s) ==")
    heads = ("cold s", "warm s", "field cold s", "field warm s")
    say(f"  {'page':<18}" + "".join(f"{h:>20}" for h in heads) + f"{'KiB':>8}{'points':>8}{'peak MB':>8}")
    for title, page in PAGES.items():
        done = [child(["page", store, page, warmup]) for _ in range(runs)]
        results, peak = [r for r, _ in done], max(mb for _, mb in done)
        cells = [spread([r[k] for r in results]) for k in ("cold", "warm", "field cold", "field warm")]
        kib, points = max(r["bytes"] for r in results) / 1024, max(r["points"] for r in results)
        line = f"  {title:<18}" + "".join(f"{c:>20}" for c in cells) + f"{kib:>8.0f}{points:>8,}{peak:>8.0f}"
        say(line)
    rss, peak = child(["views", store])
    say(
        f"  app process over {VIEWS} page views: RSS {rss['10']} MB after 10, {rss[str(VIEWS)]} MB after {VIEWS};"
        f" peak {peak:.0f} MB (target ≤ {TARGET_MB} MB, no growth)"
    )


OUT: list[str] = []


def say(text: str = "") -> None:
    """Print a line and keep it for the markdown section."""
    print(text, flush=True)
    OUT.extend(text.splitlines() or [""])


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        what, store = argv[1], argv[2]
        if what == "build":
            print(json.dumps({"store": str(make_store(Path(store), int(argv[3])))}))
        elif what == "page":
            print(json.dumps(one_page(store, argv[3], argv[4])))
        else:
            print(json.dumps(many_views(store)))
        return
    parser = argparse.ArgumentParser(prog="python -m sangkien.bench_pages", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000000,5000000", help="initiative rows, comma-separated")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", metavar="DIR", help="write the stores here and keep them")
    parser.add_argument("--markdown", metavar="FILE", help="write the output into this file's section")
    args = parser.parse_args(argv)
    say(
        f"Each page's script run through AppTest, min / median / max of {args.runs} fresh processes;"
        f" targets: cold ≤ {TARGET_COLD} s, warm ≤ {TARGET_WARM} s, ≤ {TARGET_POINTS:,} points per chart"
    )
    with contextlib.ExitStack() as stack:
        root = Path(args.keep or stack.enter_context(tempfile.TemporaryDirectory(prefix="sangkien-pages-")))
        root.mkdir(parents=True, exist_ok=True)
        for n in (int(s) for s in args.sizes.split(",") if s.strip()):
            bench(n, root, args.runs)
    if args.markdown:
        write_section(Path(args.markdown), "bench_pages", "Pages at national scale", __doc__.split("\n\n")[1], OUT)


if __name__ == "__main__":
    main()
