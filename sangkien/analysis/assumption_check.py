"""The estimate's assumption checked across two versions inside DuckDB: the initiatives that had no
declared value in the earlier version and have one now, against those declared from the start.

``estimate_range.check_assumption`` does the same over two frames; at national scale those frames
would be every initiative of both versions in the app's memory, so the pages ask this instead: both
version files attached read-only to one in-memory connection, one row of figures back.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from sangkien.analysis.estimate import MIN_OWN
from sangkien.analysis.estimate_range import Check
from sangkien.ingest import schema

SQL = """
with
then_rows as (select id, benefit_vnd from earlier.initiatives where {scope}),
now_rows as (select id, benefit_vnd from later.initiatives where {scope}),
joined as (
    select t.benefit_vnd as b_then, n.benefit_vnd as b_now
    from then_rows as t
    join now_rows as n using (id)
)
select
    count(*) filter (where b_then is null and b_now is not null) as late_n,
    count(*) filter (where b_then is not null) as early_n,
    avg(b_now) filter (where b_then is null and b_now is not null) as late_mean,
    avg(b_then) as early_mean,
    median(b_now) filter (where b_then is null and b_now is not null) as late_median,
    median(b_then) as early_median
from joined
"""
SCOPE = (
    "id is not null"
    " and ($start is null or submitted_on >= $start) and ($end is null or submitted_on <= $end)"
    " and ($all_statuses or status = $valid_status) and ($field is null or field = $field)"
    " and ($scope_key is null or $scope_key in (unit_key, parent_key, federation_key))"
)


def check_files(earlier: Path, later: Path, params: dict) -> Check | None:
    """The check between the version files ``earlier`` and ``later`` under the page's filters
    (``scope_key``, ``start``, ``end``, ``all_statuses``, ``field``); None when too few to check."""
    con = duckdb.connect(config={"threads": 2})
    try:
        con.execute("attach $p as earlier (read_only)", {"p": str(earlier)})
        con.execute("attach $p as later (read_only)", {"p": str(later)})
        values = {k: params.get(k) for k in ("scope_key", "start", "end", "field")}
        values |= {"all_statuses": bool(params.get("all_statuses")), "valid_status": schema.STATUS_VALID}
        row = con.execute(SQL.format(scope=SCOPE), values).fetchone()
    finally:
        con.close()
    late_n, early_n, late_mean, early_mean, late_median, early_median = row
    if late_n < MIN_OWN or early_n < MIN_OWN:
        return None
    return Check(int(late_n), int(early_n), late_mean, early_mean, late_median, early_median)
