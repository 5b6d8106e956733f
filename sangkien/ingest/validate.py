"""Row checks after parsing, in SQL over the grid: required values, ranges, the programme's period,
duplicate ids, canonical names; each rejected row keeps its line, its reason and its cells.

Each column's reading is decided from all of its values (``parse_sql``), then one query reads every
cell and writes each row's reasons; Python runs per column and per distinct value (statuses,
levels, prizes), never per row. The loaded rows become the table ``staged``, keyed by
``keys_sql``; the rejected rows come back as a small frame.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sangkien.db import quote_ident
from sangkien.fmt import num
from sangkien.i18n import N_, t
from sangkien.ingest import cells, schema
from sangkien.ingest.gridtable import Grid, column
from sangkien.ingest.layout import check_totals
from sangkien.ingest.parse import read_numbers
from sangkien.ingest.parse_sql import (
    AMBIGUOUS,
    CONFLICT,
    VI,
    NumberProfile,
    bad_sql,
    bool_sql,
    date_profile,
    date_sql,
    lit,
    number_profile,
    number_sql,
)
from sangkien.ingest.reasons import encode_one, msg
from sangkien.ingest.staged import Staged, StageOptions
from sangkien.ingest.vocabulary import canonical_columns

MAX_EXACT = 2**53  # from here up, not every whole number is a DOUBLE
_NUMERIC = ("int", "money", "number")


def body_view(grid: Grid, first: int) -> str:
    """SQL of the data rows: below the header, without the rows ``rowkinds`` skipped."""
    return (
        f"(select g.* from {grid.view} as g anti join {grid.table('skipped')} as s on s.pos = g.pos"
        f" where g.pos >= {int(first)})"
    )


def check_total_rows(staged: Staged, spec: schema.Kind, grid: Grid, first: int, positions: dict[str, int]) -> None:
    """Check total and subtotal rows against the rows above them; report every mismatch."""
    con, skipped = grid.con, grid.table("skipped")
    if not con.execute(f"select count(*) from {skipped} where kind in ('total', 'subtotal')").fetchone()[0]:
        return
    rows = (
        f"(select g.*, coalesce(s.kind, 'data') as kind from {grid.view} as g left join {skipped} as s"
        f" on s.pos = g.pos where g.pos >= {int(first)} and coalesce(s.kind, 'data')"
        " in ('data', 'total', 'subtotal', 'heading'))"
    )
    numeric = {c: p for c, p in positions.items() if spec.column(c).type in _NUMERIC}
    values = []
    for pos in numeric.values():
        values.append(f"{number_sql(column(pos), number_profile(con, rows, column(pos)))[0]} as {column(pos)}")
    frame = con.execute(f"select line, kind{''.join(', ' + v for v in values)} from {rows} order by pos").df()
    frame.index = frame.pop("line").to_numpy()
    numbers = {col: frame[f"c{pos}"] for col, pos in numeric.items()}
    labels = {col: spec.column(col).title for col in numeric}
    staged.total_checks = check_totals(frame["kind"], numbers, labels)
    for c in staged.total_checks:
        if c["ok"]:
            continue
        key = N_("ingest.total_mismatch") if c["kind"] == "total" else N_("ingest.subtotal_mismatch")
        staged.notes.append(
            t(
                key,
                row=c["row"],
                column=c["label"],
                written=num(c["written"]),
                sum=num(c["sum"]),
                gap=num(c["written"] - c["sum"]),
            )
        )
    if staged.total_checks and all(c["ok"] for c in staged.total_checks):
        staged.notes.append(t("ingest.totals_match"))


def validate_rows(
    staged: Staged,
    spec: schema.Kind,
    grid: Grid,
    body: str,
    positions: dict[str, int],
    headers: list[str | None],
    options: StageOptions,
) -> None:
    """Create the grid's ``checked`` (every data row: values, reasons), then ``staged`` and the rejects."""
    con, checked = grid.con, grid.table("checked")
    raw = {c.name: column(positions[c.name]) if c.name in positions else "null::varchar" for c in spec.columns}
    values, checks = [], []  # SQL over the body's cells; checks over the read values ``v_<name>``
    params: dict[str, object] = {}
    for col in spec.columns:
        x, v, label, of = raw[col.name], f"v_{col.name}", col.title, f"{spec.name}.{col.name}"
        if spec.name == "initiatives" and col.name == "id" and _ids_missing(con, body, x):
            # generated ids number the data rows as they stand in the file, rejected ones included
            values.append(
                f"coalesce({cells.PLAIN_SQL.format(x=x)}, $stem || '-' || CAST(row_number() over (order by b.pos)"
                f" AS VARCHAR)) as {v}"
            )
            params["stem"] = Path(staged.file).stem
        elif col.type == "text":
            values.append(f"{cells.PLAIN_SQL.format(x=x)} as {v}")
        elif col.type in _NUMERIC:
            profile = number_profile(con, body, x) if col.name in positions else NumberProfile(VI)
            values.append(f"{number_sql(x, profile)[0]} as {v}")
            checks.append((bad_sql(x, v), msg(N_("reject.not_a_number"), column=of)))
            _number_note(staged, label, profile)
            # From 2^53 up a number is not stored exactly (and may overflow a whole-number column).
            checks.append((f"abs({v}) >= {MAX_EXACT}", msg(N_("reject.number_too_large"), column=of, limit=MAX_EXACT)))
            if col.type == "money":
                checks.append((f"{v} < 0", msg(N_("reject.negative_money"), column=of)))
        elif col.type == "date":
            values.append(f"{date_sql(x)[0]} as {v}")
            checks.append((bad_sql(x, v), msg(N_("reject.not_a_date"), column=of)))
            if col.name in positions and date_profile(con, body, x):
                staged.notes.append(t("ingest.dates_day_first", column=label))
        elif col.type == "bool":
            values.append(f"{bool_sql(x)[0]} as {v}")
            checks.append((f"{v} is null", msg(N_("reject.not_yes_no"), column=of)))
        if col.required and col.name != "id":
            checks.append((f"{x} is null", msg(N_("reject.missing"), column=of)))
    canonical = canonical_columns(con, spec, body, raw, positions)
    checks += _kind_checks(staged, spec, con, options)
    # Each row's reasons: JSON objects joined by ',' ('' for a good row); ``_rejects`` makes them an array.
    reasons = "concat_ws(',', " + ", ".join(f"case when {c} then {lit(encode_one(m))} end" for c, m in checks) + ")"
    joins = "".join(f" left join _canon_{n} as k_{n} on k_{n}.x = b.{raw[n]}" for n in canonical if n in positions)
    canon_cols = "".join(f", {'k_' + n + '.y' if n in positions else 'null::varchar'} as y_{n}" for n in canonical)
    kept = ", ".join([f"v_{c.name}" for c in spec.columns] + [f"y_{n}" for n in canonical])
    con.execute(
        f"create or replace table {checked} as select pos, line, {kept}, {reasons} as reasons from (select b.*,"
        f" {', '.join(values)}{canon_cols} from {body} as b{joins})",
        params,
    )
    for n in canonical:
        if n in positions:
            con.unregister(f"_canon_{n}")
    _finish(staged, spec, con, grid, body, headers)


def _ids_missing(con, body: str, x: str) -> bool:
    """No id column, or ids missing in some rows: ids are generated for them."""
    return x.startswith("null") or con.execute(f"select count(*) from {body} as b where {x} is null").fetchone()[0] > 0


def _number_note(staged: Staged, label: str, profile) -> None:
    if profile.note == CONFLICT:
        staged.notes.append(t("ingest.numbers_conflict", column=label, examples=", ".join(profile.examples)))
    elif profile.note == AMBIGUOUS:
        read = read_numbers(pd.Series(profile.examples)).values
        shown = "; ".join(
            t("ingest.number_read_as", written=e, read=num(v, 3).rstrip("0").rstrip(",.").rstrip())
            for e, v in zip(profile.examples, read, strict=True)
        )
        staged.notes.append(t("ingest.numbers_ambiguous", column=label, examples=shown))


def _kind_checks(staged: Staged, spec: schema.Kind, con, options: StageOptions) -> list[tuple[str, object]]:
    """Reasons of a kind's own rules, over the read values and the canonical words ``y_<column>``."""
    if spec.name == "initiatives":
        start, end = pd.Timestamp(options.programme[0]), pd.Timestamp(options.programme[1])
        outside = (
            f"v_submitted_on is not null and (v_submitted_on < DATE {lit(start.date().isoformat())}"
            f" or v_submitted_on > DATE {lit(end.date().isoformat())})"
        )
        period = {"start_date": start.date().isoformat(), "end_date": end.date().isoformat()}
        return [
            ("v_status is not null and y_status is null", msg(N_("reject.status_unknown"))),
            (outside, msg(N_("reject.outside_programme"), **period)),
        ]
    if spec.name == "works":
        return [("v_level is not null and y_level is null", msg(N_("reject.level_unknown")))]
    return []


def _finish(staged: Staged, spec: schema.Kind, con, grid: Grid, body: str, headers) -> None:
    """The loaded rows as the view ``staged`` (canonical columns, keys, source) over ``checked`` and a
    table of the distinct names' keys; the rejected rows as a frame."""
    from sangkien.ingest.keys_sql import unit_key_sql

    checked, keys_table = grid.table("checked"), grid.table("keys")
    names = [c.name for c in spec.columns]
    out = {n: f"v_{n}" for n in names}
    for col in spec.columns:
        if col.type == "int":
            out[col.name] = f"round(v_{col.name})"
    if spec.name == "initiatives":
        blank = con.execute(f"select count(*) from {checked} where v_status is null").fetchone()[0]
        if blank:
            staged.notes.append(t("ingest.status_blank_valid", count=num(blank)))
        out["status"] = f"coalesce(y_status, {lit(schema.STATUS_VALID)})"
        _reject_duplicate_ids(con, checked)
    elif spec.name in ("units", "reported_totals"):
        unknown = con.execute(
            f"select distinct v_level from {checked} where v_level is not null and y_level is null order by 1 limit 5"
        ).fetchall()
        if unknown:
            staged.notes.append(t("ingest.level_unknown_blank", values=", ".join(v for (v,) in unknown)))
        out["level"] = "y_level"
    elif spec.name == "works":
        out["level"] = "y_level"
    elif spec.name in ("contest_results", "opinions"):
        name = "prize" if spec.name == "contest_results" else "channel"
        out[name] = f"y_{name}"
    types = dict(schema.table_columns(spec.name))
    cols = [f"CAST({out[n]} AS {types[n]}) as {quote_ident(n)}" for n in names]
    # Before aliases a name's key is its own (``unit_key``): each distinct spelling keyed once, then looked up.
    keys = schema.UNIT_KEY_COLUMNS.get(spec.name, {})
    spellings = " union ".join(f"select {out[n]} as v from {checked}" for n in keys)
    con.execute(
        f"create or replace table {keys_table} as select v, {unit_key_sql('v')} as k from (select distinct v from"
        f" ({spellings or 'select null as v'}) where v is not null)"
    )
    joins = "".join(f" left join {keys_table} as k{i} on k{i}.v = c.{out[n]}" for i, n in enumerate(keys))
    cols += [f"k{i}.k as {quote_ident(key)}" for i, key in enumerate(keys.values())]
    con.execute(  # the file's name is not in it: a view keeps no parameters (``Staged`` binds it)
        f"create or replace view {grid.table('staged')} as select {', '.join(cols)},"
        f" c.line + 1 as source_row from {checked} as c{joins} where c.reasons = ''"
    )
    staged.rejects = _rejects(con, grid, body, headers)


def _reject_duplicate_ids(con, checked: str) -> None:
    """A later row with the id of an earlier good row is rejected (checked last, so that a rejected
    row does not shadow a good one)."""
    dupes = con.execute(
        f"select count(*) - count(distinct v_id) from {checked} where reasons = '' and v_id is not null"
    ).fetchone()[0]
    if dupes:
        reason = lit(encode_one(msg(N_("reject.duplicate_id"))))
        con.execute(
            f"update {checked} set reasons = {reason} where pos in (select pos from (select pos,"
            f" row_number() over (partition by v_id order by pos) as n from {checked} where reasons = ''"
            " and v_id is not null) where n > 1)"
        )


def _rejects(con, grid: Grid, body: str, headers: list[str | None]) -> pd.DataFrame:
    """Each rejected row with its line, reasons and cells as written (named by the file's headers)."""
    pairs, params = [], {}
    named = []
    for i in range(min(len(headers), grid.width)):
        params[f"h{i}"] = headers[i] or t("ingest.column_n", n=i + 1)
        cell = cells.PLAIN_SQL.format(x=f"b.{column(i)}")
        if headers[i]:
            named.append(f"$h{i}, {cell}")
        else:
            pairs.append((f"$h{i}", cell, f"b.{column(i)}"))
    data = f"json_object({', '.join(named)})" if named else "json_object()"
    for key, cell, x in pairs:  # an unnamed column only where it holds something (each part once: linear SQL)
        data = f"json_merge_patch({data}, case when {x} is null then json_object() else json_object({key}, {cell}) end)"
    frame = con.execute(
        f"select c.line + 1 as source_row, '[' || c.reasons || ']' as reason, CAST({data} AS VARCHAR) as data"
        f" from {grid.table('checked')} as c join {body} as b on b.pos = c.pos where c.reasons <> '' order by c.pos",
        params,
    ).df()
    frame["source_row"] = frame["source_row"].astype("int64")
    return frame.astype({"reason": object, "data": object})
