"""``python -m sangkien report`` and ``bulletin``: the conference pack's files from the command line.

Exit 0 when the file is written; 2 with the reason in words otherwise, and no partial file left.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from sangkien import fmt
from sangkien.i18n import t
from sangkien.report import bulletin as bulletins
from sangkien.report import files, images
from sangkien.report.build import parse_day
from sangkien.report.source import Source
from sangkien.store.reading import open_dataset


def _open(args: argparse.Namespace):
    """The version asked for, or a message saying why there is none."""
    try:
        ds = open_dataset(args.db, args.version)
    except KeyError as exc:
        return None, t("report.cli_no_version", reason=exc.args[0])
    if ds is None:
        return None, t("report.cli_empty_store")
    return ds, None


def _write(out: str, payload: bytes) -> str | None:
    """``payload`` to ``out`` through a temporary file beside it; the reason in words when it cannot be."""
    target = Path(out)
    if not target.parent.is_dir():
        return t("report.cli_no_folder", folder=target.parent)
    partial = target.with_name(f".{target.name}.partial")
    try:
        partial.write_bytes(payload)
        partial.replace(target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        return t("report.cli_write_failed", file=target, reason=exc.strerror or exc)
    return None


def report(args: argparse.Namespace) -> int:
    ds, problem = _open(args)
    suffix = Path(args.out).suffix.lower()
    by_suffix = {".html": "html", ".htm": "html", ".pptx": "pptx", ".xlsx": "xlsx"}.get(suffix)
    kind = args.format or by_suffix or ("html" if not suffix else None)
    if kind is None or (by_suffix and by_suffix != kind):
        ds, problem = None, t("report.cli_bad_suffix", file=args.out)
    if ds is not None:
        started = time.perf_counter()
        try:
            payload = files.make(Source(ds), kind, args.since)
        except ValueError as exc:
            problem = str(exc)
        else:
            problem = _write(args.out, payload)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    took = fmt.num(time.perf_counter() - started, 1)
    size = fmt.num(len(payload) / 1024)
    print(t("report.cli_written", file=args.out, kind=kind, size=size, seconds=took, version=ds.id))
    return 0


def bulletin(args: argparse.Namespace) -> int:
    ds, problem = _open(args)
    day = parse_day(args.date) if args.date else None
    if args.date and day is None:
        problem = t("report.cli_bad_date", day=args.date)
    problem = problem or images.problem()
    if ds is not None and not problem:
        try:
            made = bulletins.make(Source(ds), args.unit, day)
            problem = _write(args.out, bulletins.png(made))
        except bulletins.BulletinError as exc:
            problem = str(exc)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    print(t("report.cli_bulletin_written", file=args.out, day=fmt.date(made.day), unit=made.scope, version=ds.id))
    return 0
