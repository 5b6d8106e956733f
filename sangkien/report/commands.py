"""``python -m sangkien report`` and ``bulletin``: the conference pack's files from the command line.

Exit 0 when the file is written; 2 with the reason in words otherwise, and no partial file left.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from sangkien import fmt
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
        return None, f"{exc.args[0]} Xem danh sách bằng 'python -m sangkien versions'."
    if ds is None:
        return None, "Kho dữ liệu chưa có phiên bản nào: hãy chạy 'python -m sangkien demo' hoặc 'load'."
    return ds, None


def _write(out: str, payload: bytes) -> str | None:
    """``payload`` to ``out`` through a temporary file beside it; the reason in words when it cannot be."""
    target = Path(out)
    if not target.parent.is_dir():
        return f"Không có thư mục {target.parent} để ghi tệp."
    partial = target.with_name(f".{target.name}.partial")
    try:
        partial.write_bytes(payload)
        partial.replace(target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        return f"Không ghi được tệp {target}: {exc.strerror or exc}."
    return None


def report(args: argparse.Namespace) -> int:
    ds, problem = _open(args)
    suffix = Path(args.out).suffix.lower()
    by_suffix = {".html": "html", ".htm": "html", ".pptx": "pptx", ".xlsx": "xlsx"}.get(suffix)
    kind = args.format or by_suffix or ("html" if not suffix else None)
    if kind is None or (by_suffix and by_suffix != kind):
        ds, problem = None, f"Tệp {args.out} có đuôi không khớp định dạng: dùng .html, .pptx, .xlsx hoặc --format."
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
    print(f"Đã ghi {args.out} ({kind}, {fmt.num(len(payload) / 1024)} KB, {took} giây), phiên bản {ds.id}.")
    return 0


def bulletin(args: argparse.Namespace) -> int:
    ds, problem = _open(args)
    day = parse_day(args.date) if args.date else None
    if args.date and day is None:
        problem = f"Ngày '{args.date}' không đúng dạng dd/mm/yyyy."
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
    print(f"Đã ghi {args.out}: bảng công khai ngày {fmt.date(made.day)} của {made.scope}, phiên bản {ds.id}.")
    return 0
