"""Time and size of the conference pack's files on the built-in demo (``make bench``).

Builds the demo in a temporary store, then makes each file twice in one process: cold (the first
file of the process, queries and Kaleido's Chromium not yet warm) and warm.
"""

from __future__ import annotations

import argparse
import contextlib
import tempfile
import time
from pathlib import Path

from sangkien.cli import main as cli
from sangkien.report import bulletin, files
from sangkien.report.source import Source
from sangkien.store.reading import open_dataset


def timed(fn, *args):
    started = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - started


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m sangkien.bench_exports", description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an existing store to export from (default: a fresh demo)")
    args = parser.parse_args(argv)
    with contextlib.ExitStack() as stack:
        db = args.db
        if db is None:
            scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="sangkien-exports-")))
            db = str(scratch / "store")
            _, took = timed(cli, ["demo", "--db", db, "--out", str(scratch / "exports")])
            print(f"Demo built in {took:.1f} s")
        ds = open_dataset(db)
        print(f"Version {ds.id}; times in seconds, sizes in KB")
        print(f"  {'file':<10}{'cold':>8}{'warm':>8}{'size':>10}")
        for kind in ("html", "pptx", "xlsx"):
            _, cold = timed(files.make, Source(ds), kind)
            payload, warm = timed(files.make, Source(ds), kind)
            print(f"  {kind:<10}{cold:>8.2f}{warm:>8.2f}{len(payload) / 1024:>10,.0f}", flush=True)
        made, cold = timed(bulletin.make, Source(ds))
        png, render = timed(bulletin.png, made)
        _, again = timed(bulletin.png, made)
        print(
            f"  {'bulletin':<10}{cold + render:>8.2f}{again:>8.2f}{len(png) / 1024:>10,.0f}   {len(made.board)} units"
        )


if __name__ == "__main__":
    main()
