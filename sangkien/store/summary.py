"""Summary tables written with every version, so that the pages' queries read thousands of rows
instead of millions: their cost follows the number of units and days, not of initiatives.

- ``summary_units``: per (federation, upper-level unit, grassroots union, field, status, day of
  submission) one row: the initiatives, their benefit (sum, count, largest, count of the big ones),
  the rows with authors, and four *participant marks* (below).
- ``summary_federations``: the same summed per (federation, field, status, day), for national views.

Both are sorted by ``hash`` of the federation key (``fed_h``) and, in ``summary_units``, of the upper
unit's key (``parent_h``): a query for one place states ``fed_h = hash($key)`` beside the key, and
DuckDB reads only the row groups that can hold it (the keys share long prefixes, which DuckDB's
string statistics cannot tell apart). ``summary_meta`` keeps the hash of a fixed text, so that a
DuckDB release that hashed otherwise is noticed and the tables rebuilt (``store.upgrade``).

Participants are distinct (grassroots union and its parent, author) — ``participant_id`` of
``initiative_authors`` — so they cannot be summed across days. Instead each participant marks the
row of its *first* initiative, once for each way the filters can scope it:

- ``p_all``: its first initiative of any status and field;
- ``p_valid``: its first valid initiative, of any field;
- ``p_field_all``: its first initiative in each field, of any status;
- ``p_field_valid``: its first valid initiative in each field.

With no start date, the participants among the initiatives submitted up to a day are the sum of the
matching marks up to that day — exactly ``count(distinct participant_id)``, at every level, since a
participant id belongs to one grassroots union of one federation. With a
start date the first initiative may lie before the period: queries then count from
``initiative_authors`` (``queries/include/participants_*.sql``).

Each initiative row first marks one participant per author, as if each author had this initiative
alone (most have); only the participants with several rows go through the windows that find their
first rows, and correct the marks of their rows. The rows grouped are the initiatives and those
participants' rows, not one per author.
"""

from __future__ import annotations

import duckdb

from sangkien.ingest import schema

SUMMARIES = ("summary_units", "summary_federations", "summary_meta")
PROBE = "sáng kiến"  # hashed into summary_meta: the hashes the tables are sorted by hold while it matches

_UNITS = """
create table summary_units as
with
several as (
    select a.*, a.submitted_on as day, a.status = $valid as valid
    from initiative_authors as a
    semi join _several_ids as c on c.participant_id = a.participant_id
),
ranked as (
    select
        *,
        row_number() over (partition by participant_id order by day, field, status) as r_all,
        row_number() over (partition by participant_id, valid order by day, field) as r_valid,
        row_number() over (partition by participant_id, field order by day, status) as r_field,
        row_number() over (partition by participant_id, field, valid order by day) as r_field_valid
    from several
),
-- one input row per initiative: its counts, and a mark for each of its authors as if each were a
-- participant of this initiative alone (most are); the rows of those with several initiatives then
-- correct the marks of each of their rows (minus the mark given, plus the one its windows give),
-- grouped once with the initiatives: every measure is a sum, a count or a maximum
authored as (
    select *, coalesce(len(list_filter(string_split(replace(authors, ',', ';'), ';'), lambda x: trim(x) <> '')), 0)
        as n_authors
    from initiatives
),
marked as (
    select hash(federation_key, parent_key, unit_key) as place_h, field, status, submitted_on as day,
        benefit_vnd, authors is not null as has_authors, 1 as one,
        n_authors as m_all, n_authors * (status = $valid)::int as m_valid,
        n_authors as m_field_all, n_authors * (status = $valid)::int as m_field_valid
    from authored
    union all
    select hash(federation_key, parent_key, unit_key), field, status, day, null, false, 0,
        (r_all = 1)::int - 1, (r_valid = 1 and valid)::int - valid::int,
        (r_field = 1)::int - 1, (r_field_valid = 1 and valid)::int - valid::int
    from ranked
),
-- grouped by a hash of the three keys (a number, cheaper to group by than three long texts), whose
-- texts come back from ``places`` (one row per place)
counted as (
    select place_h, field, status, day,
        sum(one)::bigint as initiatives,
        sum(benefit_vnd) as benefit_vnd,
        count(benefit_vnd) as with_benefit,
        max(benefit_vnd) as benefit_max_vnd,
        count(*) filter (where benefit_vnd >= $big) as big_benefit,
        count(*) filter (where has_authors) as with_authors,
        sum(m_all)::bigint as p_all,
        sum(m_valid)::bigint as p_valid,
        sum(m_field_all)::bigint as p_field_all,
        sum(m_field_valid)::bigint as p_field_valid
    from marked
    group by all
),
place as (
    select hash(federation_key, parent_key, unit_key) as place_h, federation_key, parent_key, unit_key
    from places
)
select hash(p.federation_key) as fed_h, hash(p.parent_key) as parent_h,
    p.federation_key, p.parent_key, p.unit_key, c.* exclude (place_h)
from counted as c
join place as p using (place_h)
order by fed_h, parent_h
"""

_FEDERATIONS = """
create table summary_federations as
select fed_h, federation_key, field, status, day,
    sum(initiatives)::bigint as initiatives,
    sum(benefit_vnd) as benefit_vnd,
    sum(with_benefit)::bigint as with_benefit,
    max(benefit_max_vnd) as benefit_max_vnd,
    sum(big_benefit)::bigint as big_benefit,
    sum(with_authors)::bigint as with_authors,
    sum(p_all)::bigint as p_all,
    sum(p_valid)::bigint as p_valid,
    sum(p_field_all)::bigint as p_field_all,
    sum(p_field_valid)::bigint as p_field_valid
from summary_units
group by all
order by fed_h, day
"""


def build_summaries(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create the summary tables from ``initiatives`` and ``initiative_authors`` on ``con``."""
    for name in SUMMARIES:
        con.execute(f"drop table if exists {name}")  # noqa: S608 - constant names
    # Order comes from the ORDER BY alone; without keeping the insertion order, and with the people
    # of several initiatives set apart first, the build keeps within the writer's memory limit.
    con.execute("set preserve_insertion_order = false")
    try:
        con.execute(
            "create or replace temp table _several_ids as select participant_id from initiative_authors"
            " group by participant_id having count(*) > 1"
        )
        con.execute(_UNITS, {"valid": schema.STATUS_VALID, "big": schema.BIG_BENEFIT_VND})
        con.execute(_FEDERATIONS)
    finally:
        con.execute("drop table if exists _several_ids")
        con.execute("reset preserve_insertion_order")
    con.execute("create table summary_meta as select hash($probe) as probe", {"probe": PROBE})


def has_summaries(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the database on ``con`` holds every summary table (a version written before them does
    not) sorted by hashes this DuckDB computes alike (another release might hash otherwise)."""
    names = {r[0] for r in con.execute("select table_name from duckdb_tables() where not temporary").fetchall()}
    if not set(SUMMARIES) <= names:
        return False
    return bool(con.execute("select probe = hash($probe) from summary_meta", {"probe": PROBE}).fetchone()[0])
