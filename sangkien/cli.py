"""Command line: load exports, build the demo, list versions, print headline figures, write the
conference report (HTML, PowerPoint, Excel) and the daily bulletin (PNG).

Exit codes: 0 done; 2 nothing published / unit or version not found / file not written (the store unchanged).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from pathlib import Path

from sangkien import fmt
from sangkien.analysis.summary import UnitNotFound, headline
from sangkien.auth import SYSTEM_DEMO, admin_token, cli_actor
from sangkien.ingest import schema
from sangkien.ingest.staging import stage_path
from sangkien.paths import DEMO_DIR
from sangkien.store.reading import open_dataset
from sangkien.store.upgrade import UpgradeError
from sangkien.store.versions import PublishError, Store


def _print_json(payload: object) -> None:
    print(json.dumps(payload, ensure_ascii=False, indent=1, default=str))


def cmd_load(args: argparse.Namespace) -> int:
    store = Store(args.db)
    options = store.stage_options()
    staged = [s for f in args.files for s in stage_path(f, args.kind, options)]
    try:
        meta = store.publish(staged, actor=cli_actor(), label=args.label, home=args.home)
        vid, message = meta["id"], f"Đã xuất bản phiên bản {meta['id']}."
    except PublishError as exc:
        vid, message = None, str(exc)
        if args.verbose and exc.detail:
            message += "\n" + exc.detail
    if args.json:
        _print_json({"version": vid, "files": [s.summary() for s in staged]})
    else:
        for s in staged:
            where = s.file + (f" [{s.sheet}]" if s.sheet else "")
            if s.error:
                print(f"✗ {where}: {s.error}")
                if args.verbose and s.detail:
                    print("    " + s.detail.strip().replace("\n", "\n    "))
            else:
                print(
                    f"✓ {where}: {schema.KINDS[s.kind].label} — {fmt.num(s.rows_in)} dòng, "
                    f"nạp {fmt.num(s.loaded)}, loại {fmt.num(s.rejected)}, bỏ qua {fmt.num(s.skipped)}"
                )
            for note in s.notes:
                print(f"    · {note}")
    print(message, file=sys.stderr if vid is None or args.json else sys.stdout)
    return 0 if vid else 2


def cmd_demo(args: argparse.Namespace) -> int:
    from sangkien.demo.build import write_demo_exports
    from sangkien.demo.common import HOME_FEDERATION

    started = time.perf_counter()
    store = Store(args.db)
    out = Path(args.out) if args.out else DEMO_DIR
    loads = write_demo_exports(out)
    for label, files in loads:
        staged = [s for f in files for s in stage_path(f)]
        bad = [s for s in staged if s.error or s.rejected]
        if bad:
            for s in bad:
                print(f"✗ {s.file}: {s.error or str(s.rejected) + ' dòng bị loại'}", file=sys.stderr)
            return 2
        meta = store.publish(staged, actor=SYSTEM_DEMO, label=label, home=HOME_FEDERATION, demo=True)
        print(f"Đã xuất bản {meta['id']}: {label}")
    print(f"Dữ liệu minh họa sẵn sàng sau {time.perf_counter() - started:.1f} giây.")
    return 0


def cmd_token(args: argparse.Namespace) -> int:
    """The administrator's sign-in link of a fresh install (the token is made once, kept 0600)."""
    store = Store(args.db)
    token = admin_token(store.root, create=True)
    print(f"Đăng nhập quản trị: http://localhost:{args.port}/?token={token}")
    return 0


def cmd_rollback(args: argparse.Namespace) -> int:
    meta = Store(args.db).rollback(args.version, cli_actor())
    print(f"Đã quay lại phiên bản {args.version}: phiên bản đang dùng là {meta['id']}.")
    return 0


def cmd_versions(args: argparse.Namespace) -> int:
    store = Store(args.db)
    m = store.manifest()
    if args.json:
        _print_json({"current": m["current"], "versions": m["versions"]})
        return 0
    if not m["versions"]:
        print("Kho dữ liệu chưa có phiên bản nào.")
    for v in m["versions"]:
        mark = "*" if v["id"] == m["current"] else " "
        tables = ", ".join(f"{k} {fmt.num(n)}" for k, n in v["tables"].items())
        by = f"  [{v['by']}]" if v.get("by") else ""
        print(f"{mark} {v['id']}  {v['created_at']}  {v['label'] or '—'}{by}  ({tables})")
    return 0


def _estimate_json(ds, figures: dict) -> dict | None:
    """The estimate for initiatives without a value: every figure with its assumption, none added to the total."""
    from sangkien.analysis import estimate_range
    from sangkien.analysis.filters import Filters
    from sangkien.ingest.normalize import unit_key

    if not figures.get("unit") or not ds.has("initiatives"):
        return None
    r = estimate_range.for_scope(ds.query, unit_key(figures["unit"]), Filters().params())
    return None if r is None else r.as_json()


def cmd_summary(args: argparse.Namespace) -> int:
    ds = open_dataset(args.db, args.version)
    if ds is None:
        print("Kho dữ liệu chưa có phiên bản nào: hãy chạy 'python -m sangkien demo' hoặc 'load'.", file=sys.stderr)
        return 2
    try:
        figures = headline(ds, args.unit)
    except UnitNotFound as exc:
        print(str(exc), file=sys.stderr)
        if exc.candidates:
            print("Các đơn vị có thể chọn (--unit): " + "; ".join(exc.candidates), file=sys.stderr)
        return 2
    if args.json:
        _print_json({**figures, "benefit_estimate": _estimate_json(ds, figures)})
        return 0
    f = figures
    if f["unit"] is None:
        missing = ", ".join(schema.KINDS[k].label for k in f["missing"])
        print(f"Phiên bản {f['version']}: chưa có số liệu của đơn vị ({missing}).")
        if f["contest"]:
            c = f["contest"]
            print(f"  Hội thi: {c['trades']} nghề, {fmt.num(c['winners'])} thí sinh đạt giải")
        return 0
    print(f"{f['unit']} — phiên bản {f['version']}")
    print(
        f"  Sáng kiến hợp lệ: {fmt.num(f['initiatives'])}"
        + (f" (xếp thứ {f['national_rank']} toàn quốc)" if f["national_rank"] else "")
    )
    print(
        f"  Chỉ tiêu giao: {fmt.num(f['quota'])} → đạt {fmt.pct(f['pct_of_quota'])}; "
        f"đăng ký: {fmt.num(f['commitment'])} → đạt {fmt.pct(f['pct_of_commitment'])}"
    )
    print(f"  Người tham gia: {fmt.num(f['participants'])}")
    print(
        f"  Giá trị làm lợi: {fmt.money(f['benefit_total_vnd'])}; lớn nhất {fmt.money(f['benefit_max_vnd'])}; "
        f"{fmt.num(f['initiatives_benefit_ge_3e9'])} sáng kiến từ {fmt.money(schema.BIG_BENEFIT_VND)}"
    )
    if f["contest"]:
        c = f["contest"]
        print(
            f"  Hội thi: {c['trades']} nghề, {fmt.num(c['winners'])} thí sinh đạt giải, "
            f"tổng tiền giải {fmt.money(c['prize_total_vnd'])}"
        )
    return 0


def cmd_upgrade(args: argparse.Namespace) -> int:
    from sangkien.store.upgrade import upgrade_store

    done = upgrade_store(Store(args.db).root)
    print(f"Đã nâng cấp {len(done)} phiên bản: {', '.join(done)}." if done else "Mọi phiên bản đã ở định dạng mới.")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from sangkien.report.commands import report

    return report(args)


def cmd_bulletin(args: argparse.Namespace) -> int:
    from sangkien.report.commands import bulletin

    return bulletin(args)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sangkien", description="Số liệu Chương trình 1 triệu sáng kiến")
    sub = parser.add_subparsers(dest="command", required=True)

    def with_db(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--db", help="thư mục kho dữ liệu (mặc định data/store hoặc $SANGKIEN_DB)")
        p.add_argument("--verbose", action="store_true", help="in chi tiết kỹ thuật của lỗi")
        return p

    p = with_db(sub.add_parser("load", help="nạp tệp và xuất bản một phiên bản mới"))
    p.add_argument("files", nargs="+")
    p.add_argument("--kind", choices=list(schema.KINDS))
    p.add_argument("--home", help="đơn vị chủ quản (liên đoàn của bảng điều khiển)")
    p.add_argument("--label")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_load)

    p = with_db(sub.add_parser("demo", help="tạo và nạp dữ liệu minh họa"))
    p.add_argument("--out", help="thư mục ghi các tệp minh họa (mặc định data/demo)")
    p.set_defaults(func=cmd_demo)

    p = with_db(sub.add_parser("token", help="in đường dẫn đăng nhập quản trị (khi chưa cấu hình đăng nhập)"))
    p.add_argument("--port", type=int, default=8501)
    p.set_defaults(func=cmd_token)

    p = with_db(sub.add_parser("rollback", help="quay lại một phiên bản cũ (xuất bản thành phiên bản mới)"))
    p.add_argument("version")
    p.set_defaults(func=cmd_rollback)

    p = with_db(sub.add_parser("versions", help="liệt kê các phiên bản"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_versions)

    p = with_db(sub.add_parser("summary", help="số liệu chính của một đơn vị"))
    p.add_argument("--unit")
    p.add_argument("--version")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_summary)

    p = with_db(sub.add_parser("upgrade", help="nâng cấp một lần các phiên bản ghi theo định dạng cũ"))
    p.set_defaults(func=cmd_upgrade)

    p = with_db(sub.add_parser("report", help="báo cáo hội nghị: HTML, PowerPoint hoặc Excel"))
    p.add_argument("--version", help="phiên bản (mặc định phiên bản đang dùng)")
    p.add_argument("--format", choices=["html", "pptx", "xlsx"], help="mặc định theo đuôi tệp, không có thì html")
    p.add_argument("--since", help="so sánh với phiên bản (vd. v0001) hoặc ngày dd/mm/yyyy; mặc định phiên bản trước")
    p.add_argument("--out", required=True, help="tệp ghi ra")
    p.set_defaults(func=cmd_report)

    p = with_db(sub.add_parser("bulletin", help="ảnh bảng công khai hằng ngày (PNG rộng 1080 px)"))
    p.add_argument("--version", help="phiên bản (mặc định phiên bản đang dùng)")
    p.add_argument("--unit", help="đơn vị có các đơn vị trực thuộc (mặc định đơn vị chủ quản)")
    p.add_argument("--date", help="ngày dd/mm/yyyy (mặc định ngày cuối của số liệu)")
    p.add_argument("--out", required=True, help="tệp PNG ghi ra")
    p.set_defaults(func=cmd_bulletin)

    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (PublishError, UpgradeError) as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu; kho dữ liệu giữ nguyên.", file=sys.stderr)
        return 130
    except Exception:  # noqa: BLE001 - the command line's boundary: a message, never a traceback
        print(
            "Lỗi không lường trước; kho dữ liệu giữ nguyên. "
            + ("Chi tiết:\n" + traceback.format_exc() if args.verbose else "Chạy lại với --verbose để xem chi tiết."),
            file=sys.stderr,
        )
        return 2
