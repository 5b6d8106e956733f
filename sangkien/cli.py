"""Command line: load exports, build the demo, list versions, print headline figures, write the
conference report (HTML, PowerPoint, Excel) and the daily bulletin (PNG).

Exit codes: 0 done; 2 nothing published / unit or version not found / file not written (the store unchanged).
Messages (and the --help texts) are in ``SANGKIEN_LANG`` (``vi`` by default, or ``en``).
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
from sangkien.i18n import label_of, t, tn
from sangkien.ingest import schema
from sangkien.ingest.staging import stage_path
from sangkien.paths import DEMO_DIR
from sangkien.store.reading import open_dataset
from sangkien.store.upgrade import UpgradeError
from sangkien.store.versions import PublishError, Store


def _print_json(payload: object) -> None:
    print(json.dumps(payload, ensure_ascii=False, indent=1, default=str))


def _error_code(staged) -> str | None:
    """The code of a staged file's error (ingest's ``problem``), None without an error or a code."""
    return getattr(getattr(staged, "problem", staged.error), "code", None)


def cmd_load(args: argparse.Namespace) -> int:
    store = Store(args.db)
    options = store.stage_options()
    staged = [s for f in args.files for s in stage_path(f, args.kind, options)]
    try:
        meta = store.publish(staged, actor=cli_actor(), label=args.label, home=args.home)
        vid, message = meta["id"], t("store.published", vid=meta["id"])
    except PublishError as exc:
        vid, message = None, str(exc)
        if args.verbose and exc.detail:
            message += "\n" + exc.detail
    if args.json:
        files = [{**s.summary(), "error_code": _error_code(s)} for s in staged]  # error: text in SANGKIEN_LANG
        _print_json({"version": vid, "files": files})
    else:
        for s in staged:
            where = s.file + (f" [{s.sheet}]" if s.sheet else "")
            if s.error:
                print(f"✗ {where}: {s.error}")
                if args.verbose and s.detail:
                    print("    " + s.detail.strip().replace("\n", "\n    "))
            else:
                counts = {k: fmt.num(getattr(s, k)) for k in ("rows_in", "loaded", "rejected", "skipped")}
                print("✓ " + t("cli.load_file", where=where, kind=schema.KINDS[s.kind].label, **counts))
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
                reason = s.error or tn("cli.rows_rejected", s.rejected)
                print(f"✗ {s.file}: {reason}", file=sys.stderr)
            return 2
        meta = store.publish(staged, actor=SYSTEM_DEMO, label=label, home=HOME_FEDERATION, demo=True)
        print(t("cli.demo_published", vid=meta["id"], label=label))
    print(t("cli.demo_ready", seconds=fmt.num(time.perf_counter() - started, 1)))
    return 0


def cmd_token(args: argparse.Namespace) -> int:
    """The administrator's sign-in link of a fresh install (the token is made once, kept 0600)."""
    store = Store(args.db)
    token = admin_token(store.root, create=True)
    print(t("cli.token_link", url=f"http://localhost:{args.port}/?token={token}"))
    return 0


def cmd_rollback(args: argparse.Namespace) -> int:
    meta = Store(args.db).rollback(args.version, cli_actor())
    print(t("cli.rolled_back", vid=args.version, new=meta["id"]))
    return 0


def cmd_versions(args: argparse.Namespace) -> int:
    store = Store(args.db)
    m = store.manifest()
    if args.json:
        _print_json({"current": m["current"], "versions": m["versions"]})
        return 0
    if not m["versions"]:
        print(t("cli.no_versions"))
    for v in m["versions"]:
        mark = "*" if v["id"] == m["current"] else " "
        tables = ", ".join(f"{k} {fmt.num(n)}" for k, n in v["tables"].items())
        by = f"  [{v['by']}]" if v.get("by") else ""
        print(f"{mark} {v['id']}  {v['created_at']}  {label_of(v) or '—'}{by}  ({tables})")
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
    try:
        ds = open_dataset(args.db, args.version)
    except KeyError as exc:  # no such version: its message, in the current language
        print(exc.args[0], file=sys.stderr)
        return 2
    if ds is None:
        print(t("cli.empty_store"), file=sys.stderr)
        return 2
    try:
        figures = headline(ds, args.unit)
    except UnitNotFound as exc:
        print(str(exc), file=sys.stderr)
        if exc.candidates:
            print(t("cli.unit_candidates", units="; ".join(exc.candidates)), file=sys.stderr)
        return 2
    if args.json:
        _print_json({**figures, "benefit_estimate": _estimate_json(ds, figures)})
        return 0
    f = figures
    if f["unit"] is None:
        missing = ", ".join(schema.KINDS[k].label for k in f["missing"])
        print(t("cli.summary_no_unit", version=f["version"], missing=missing))
        if f["contest"]:
            c = f["contest"]
            print("  " + t("cli.summary_contest", trades=c["trades"], winners=fmt.num(c["winners"])))
        return 0
    print(t("cli.summary_title", unit=f["unit"], version=f["version"]))
    valid = t("cli.summary_valid", n=fmt.num(f["initiatives"]))
    if f["national_rank"]:
        valid += " " + t("cli.summary_rank", rank=f["national_rank"])
    print("  " + valid)
    quota = {"quota": fmt.num(f["quota"]), "quota_pct": fmt.pct(f["pct_of_quota"])}
    print(
        "  "
        + t(
            "cli.summary_quota",
            **quota,
            commitment=fmt.num(f["commitment"]),
            commitment_pct=fmt.pct(f["pct_of_commitment"]),
        )
    )
    print("  " + t("cli.summary_participants", n=fmt.num(f["participants"])))
    benefit = {"total": fmt.money(f["benefit_total_vnd"]), "largest": fmt.money(f["benefit_max_vnd"])}
    big = {"big": fmt.num(f["initiatives_benefit_ge_3e9"]), "threshold": fmt.money(schema.BIG_BENEFIT_VND)}
    print("  " + t("cli.summary_benefit", **benefit, **big))
    if f["contest"]:
        c = f["contest"]
        prizes = fmt.money(c["prize_total_vnd"])
        print("  " + t("cli.summary_contest_prizes", trades=c["trades"], winners=fmt.num(c["winners"]), prizes=prizes))
    return 0


def cmd_upgrade(args: argparse.Namespace) -> int:
    from sangkien.store.upgrade import upgrade_store

    done = upgrade_store(Store(args.db).root)
    print(tn("cli.upgraded", len(done), ids=", ".join(done)) if done else t("cli.upgrade_none"))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from sangkien.report.commands import report

    return report(args)


def cmd_bulletin(args: argparse.Namespace) -> int:
    from sangkien.report.commands import bulletin

    return bulletin(args)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sangkien", description=t("cli.description"))
    sub = parser.add_subparsers(dest="command", required=True)

    def with_db(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--db", help=t("cli.help_db"))
        p.add_argument("--verbose", action="store_true", help=t("cli.help_verbose"))
        return p

    p = with_db(sub.add_parser("load", help=t("cli.help_load")))
    p.add_argument("files", nargs="+")
    p.add_argument("--kind", choices=list(schema.KINDS))
    p.add_argument("--home", help=t("cli.help_home"))
    p.add_argument("--label")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_load)

    p = with_db(sub.add_parser("demo", help=t("cli.help_demo")))
    p.add_argument("--out", help=t("cli.help_demo_out"))
    p.set_defaults(func=cmd_demo)

    p = with_db(sub.add_parser("token", help=t("cli.help_token")))
    p.add_argument("--port", type=int, default=8501)
    p.set_defaults(func=cmd_token)

    p = with_db(sub.add_parser("rollback", help=t("cli.help_rollback")))
    p.add_argument("version")
    p.set_defaults(func=cmd_rollback)

    p = with_db(sub.add_parser("versions", help=t("cli.help_versions")))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_versions)

    p = with_db(sub.add_parser("summary", help=t("cli.help_summary")))
    p.add_argument("--unit")
    p.add_argument("--version")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_summary)

    p = with_db(sub.add_parser("upgrade", help=t("cli.help_upgrade")))
    p.set_defaults(func=cmd_upgrade)

    p = with_db(sub.add_parser("report", help=t("cli.help_report")))
    p.add_argument("--version", help=t("cli.help_version"))
    p.add_argument("--format", choices=["html", "pptx", "xlsx"], help=t("cli.help_format"))
    p.add_argument("--since", help=t("cli.help_since"))
    p.add_argument("--out", required=True, help=t("cli.help_report_out"))
    p.set_defaults(func=cmd_report)

    p = with_db(sub.add_parser("bulletin", help=t("cli.help_bulletin")))
    p.add_argument("--version", help=t("cli.help_version"))
    p.add_argument("--unit", help=t("cli.help_bulletin_unit"))
    p.add_argument("--date", help=t("cli.help_date"))
    p.add_argument("--out", required=True, help=t("cli.help_bulletin_out"))
    p.set_defaults(func=cmd_bulletin)

    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (PublishError, UpgradeError) as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(t("cli.interrupted"), file=sys.stderr)
        return 130
    except Exception:  # noqa: BLE001 - the command line's boundary: a message, never a traceback
        more = (
            t("cli.unexpected_detail", traceback=traceback.format_exc()) if args.verbose else t("cli.unexpected_hint")
        )
        print(t("cli.unexpected") + " " + more, file=sys.stderr)
        return 2
