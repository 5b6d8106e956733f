"""Writing one version file: every kind's table (carried over from the previous version when not
loaded), aliases applied, derived tables, the sources and the rejected rows; checked before use.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd

from sangkien.db import quote_ident
from sangkien.ingest import schema
from sangkien.ingest.names import apply_aliases
from sangkien.ingest.staging import Staged
from sangkien.store.catalog import REJECT_COLUMNS, Catalog
from sangkien.store.derived import derive_tables
from sangkien.store.files import fault, now


class PublishError(Exception):
    """Nothing was published; the message is for the user (Vietnamese), ``detail`` for the curious."""

    def __init__(self, message: str, detail: str | None = None):
        super().__init__(message)
        self.detail = detail


def write_version_file(
    catalog: Catalog, path: Path, m: dict, usable: list[Staged], staged: list[Staged], demo: bool
) -> tuple[dict, dict, pd.DataFrame]:
    by_kind: dict[str, list[Staged]] = {}
    for s in usable:
        by_kind.setdefault(s.kind, []).append(s)
    rejects = all_rejects(staged)
    loaded_at = now()
    con = duckdb.connect(str(path))
    try:
        prev = m.get("current")
        if prev:
            con.execute("attach $path as prev (read_only)", {"path": str(catalog.version_path(prev))})
        sources: dict[str, list[dict]] = {}
        for kind in schema.KINDS:
            cols = schema.table_columns(kind)
            ddl = ", ".join(f"{quote_ident(c)} {t}" for c, t in cols)
            con.execute(f"create table {quote_ident(kind)} ({ddl})")
            if kind in by_kind:
                frame, dupes = _combine(kind, by_kind[kind])
                rejects = pd.concat([rejects, dupes], ignore_index=True)
                names = [c for c, _ in cols]
                con.register("incoming", frame[names])
                col_list = ", ".join(quote_ident(c) for c in names)
                con.execute(f"insert into {quote_ident(kind)} ({col_list}) select {col_list} from incoming")
                con.unregister("incoming")
                sources[kind] = [
                    {
                        "file": Path(s.file).name,
                        "sheet": s.sheet,
                        "rows": s.loaded,
                        "loaded_at": loaded_at,
                        "demo": demo,
                    }
                    for s in by_kind[kind]
                ]
            elif prev and kind in catalog.version(prev).get("sources", {}):
                con.execute(f"insert into {quote_ident(kind)} select * from prev.{quote_ident(kind)}")
                sources[kind] = catalog.version(prev)["sources"][kind]
        fault("writing")
        apply_aliases(con)
        derive_tables(con)
        con.execute(
            "create table _sources (kind varchar, file varchar, sheet varchar, rows bigint,"
            " loaded_at varchar, demo boolean)"
        )
        for kind, items in sources.items():
            for item in items:
                con.execute(
                    "insert into _sources values ($kind, $file, $sheet, $rows, $loaded_at, $demo)",
                    {"kind": kind, **item},
                )
        con.execute(
            "create table _rejects (file varchar, sheet varchar, kind varchar, source_row bigint,"
            " reason varchar, data varchar)"
        )
        if len(rejects):
            con.register("incoming_rejects", rejects[REJECT_COLUMNS])
            con.execute("insert into _rejects select * from incoming_rejects")
        counts = {k: con.execute(f"select count(*) from {quote_ident(k)}").fetchone()[0] for k in schema.KINDS}
        if prev:
            con.execute("detach prev")
        con.execute("checkpoint")
    finally:
        con.close()
    # Validate what was written before anyone can see it.
    check = duckdb.connect(str(path), read_only=True)
    try:
        for kind, n in counts.items():
            if check.execute(f"select count(*) from {quote_ident(kind)}").fetchone()[0] != n:
                raise PublishError(f"Kiểm tra phiên bản mới thất bại ở bảng {kind}.")
    finally:
        check.close()
    return {k: int(v) for k, v in counts.items() if k in sources}, sources, rejects


def all_rejects(staged: list[Staged]) -> pd.DataFrame:
    frames = [s.rejects.assign(file=Path(s.file).name, sheet=s.sheet, kind=s.kind) for s in staged if len(s.rejects)]
    if not frames:
        return pd.DataFrame(columns=REJECT_COLUMNS)
    return pd.concat(frames, ignore_index=True)[REJECT_COLUMNS]


def _combine(kind: str, parts: list[Staged]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Concatenate files of one kind; an id seen in an earlier file rejects the later row."""
    frame = pd.concat([s.data for s in parts], ignore_index=True)
    dupes = pd.DataFrame(columns=REJECT_COLUMNS)
    if kind == "initiatives" and len(parts) > 1:
        dup = frame["id"].duplicated(keep="first")
        if dup.any():
            d = frame[dup]
            dupes = pd.DataFrame(
                {
                    "file": d["source_file"],
                    "sheet": None,
                    "kind": kind,
                    "source_row": d["source_row"],
                    "reason": "Trùng mã sáng kiến với tệp khác",
                    "data": d["id"].map(lambda i: json.dumps({"Mã sáng kiến": i}, ensure_ascii=False)),
                }
            )
            frame = frame[~dup]
    return frame, dupes


def infer_home(path: Path) -> str | None:
    con = duckdb.connect(str(path), read_only=True)
    try:
        rows = con.execute(
            "select federation, count(*) n, count(distinct federation_key) over () k from initiatives"
            " where federation_key is not null group by federation, federation_key order by n desc"
        ).fetchall()
    finally:
        con.close()
    return rows[0][0] if rows and rows[0][2] == 1 else None
