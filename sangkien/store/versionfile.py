"""Writing one version file: every kind's table (carried over from the previous version when not
loaded), aliases applied, derived tables, the sources and the rejected rows; checked before use.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd

from sangkien.db import quote_ident
from sangkien.i18n import N_, t
from sangkien.ingest import schema
from sangkien.ingest.gridtable import MEMORY_LIMIT
from sangkien.ingest.names import apply_aliases
from sangkien.ingest.staging import Staged
from sangkien.store.catalog import REJECT_COLUMNS, Catalog
from sangkien.store.derived import derive_tables
from sangkien.store.files import fault, now
from sangkien.store.messages import CodedError


class PublishError(CodedError):
    """Nothing was published: ``code`` and ``params`` for the user (``str()`` is the text in the
    current language), ``detail`` for the curious."""


def write_version_file(
    catalog: Catalog, path: Path, m: dict, usable: list[Staged], staged: list[Staged], demo: bool
) -> tuple[dict, dict, pd.DataFrame]:
    by_kind: dict[str, list[Staged]] = {}
    for s in usable:
        by_kind.setdefault(s.kind, []).append(s)
    rejects = all_rejects(staged)
    loaded_at = now()
    prev = m.get("current")
    con = _writer(path)
    try:
        for kind in schema.KINDS:
            ddl = ", ".join(f"{quote_ident(c)} {t}" for c, t in schema.table_columns(kind))
            con.execute(f"create table {quote_ident(kind)} ({ddl})")
        con.execute("checkpoint")
    finally:
        con.close()
    for kind, parts in by_kind.items():  # in the order of the files: each from its own ingest database
        _insert(path, kind, [c for c, _ in schema.table_columns(kind)], parts)
    con = _writer(path)
    try:
        if prev:
            con.execute("attach $path as prev (read_only)", {"path": str(catalog.version_path(prev))})
        sources: dict[str, list[dict]] = {}
        for kind in schema.KINDS:
            if kind in by_kind:
                dupes = _later_duplicates(con, kind, by_kind[kind])
                rejects = pd.concat([rejects, dupes], ignore_index=True) if len(dupes) else rejects
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
        if _any_aliases(con, prev):  # else every key is the name's own, as staging wrote it
            apply_aliases(con)
        derive_tables(con)
        fault("writing")
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
                raise PublishError(N_("store.check_failed"), kind=kind)
    finally:
        check.close()
    return {k: int(v) for k, v in counts.items() if k in sources}, sources, rejects


def _writer(path: Path) -> duckdb.DuckDBPyConnection:
    """The version file being written, with the ingest database's memory limit (a server's RAM is shared)."""
    return duckdb.connect(str(path), config={"memory_limit": MEMORY_LIMIT})


def _any_aliases(con: duckdb.DuckDBPyConnection, prev: str | None) -> bool:
    """Aliases in this version, or in the one before (whose keys they may have changed)."""
    if con.execute("select count(*) from aliases").fetchall()[0][0]:
        return True
    return bool(prev) and con.execute("select count(*) from prev.aliases").fetchall()[0][0] > 0


def all_rejects(staged: list[Staged]) -> pd.DataFrame:
    frames = [  # reasons as ingest codes them (shown in the reader's language), text before the codes
        getattr(s, "reject_cells", s.rejects).assign(file=Path(s.file).name, sheet=s.sheet, kind=s.kind)
        for s in staged
        if len(getattr(s, "reject_cells", s.rejects))
    ]
    if not frames:
        return pd.DataFrame(columns=REJECT_COLUMNS)
    return pd.concat(frames, ignore_index=True)[REJECT_COLUMNS]


def _insert(path: Path, kind: str, names: list[str], parts: list[Staged]) -> None:
    """Insert the files of one kind in order: a file read into an ingest database writes its rows from
    there (DuckDB to DuckDB, no copy through Python); rows held as a frame go through Arrow."""
    for s in parts:
        if s.write_into(path, kind, names):
            continue
        con = _writer(path)
        try:
            col_list = ", ".join(quote_ident(c) for c in names)
            con.register("incoming", s.batches(names))
            con.execute(f"insert into {quote_ident(kind)} ({col_list}) select {col_list} from incoming")
        finally:
            con.close()


DUPLICATE = N_("store.duplicate_id")  # a coded reason cell (``ingest.reasons``): shown in the reader's language


def _later_duplicates(con: duckdb.DuckDBPyConnection, kind: str, parts: list[Staged]) -> pd.DataFrame:
    """An id seen in an earlier file rejects the later row (rows stand in the order of the files)."""
    if kind != "initiatives" or len(parts) < 2:
        return pd.DataFrame(columns=REJECT_COLUMNS)
    later = "select rowid from (select rowid, row_number() over (partition by id order by rowid) as n from initiatives) where n > 1"
    dupes = con.execute(
        f"select source_file as file, null::varchar as sheet, 'initiatives' as kind, source_row,"
        f" $reason as reason, CAST(json_object($id_column, id) AS VARCHAR) as data"
        f" from initiatives where rowid in ({later}) order by rowid",
        {"reason": json.dumps([{"code": DUPLICATE}]), "id_column": t("store.duplicate_id_column")},
    ).df()
    if len(dupes):
        con.execute(f"delete from initiatives where rowid in ({later})")
    return dupes.astype(object)


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
