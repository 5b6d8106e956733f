"""Tables derived from a version's canonical tables when it is written, so pages stay fast at national scale.

- ``initiative_authors``: one row per (initiative, author) with the filter columns and a
  ``participant_id`` per (grassroots union, its parent and federation, author name), a 64-bit hash of
  the four (a person is counted within a federation, so counts at every level add up; a
  sort of every author would cost seconds at national scale; two people of 5 million share a hash
  with a chance of about one in a million): counting participants becomes a
  ``count(distinct participant_id)`` instead of splitting the authors text on every query.
- ``places``: one row per (federation, upper-level unit, grassroots union) with the most common
  spelling of each name, for the hierarchy filters and the names the rankings show.
- the summary tables of ``store.summary``, which the pages' queries read.
"""

from __future__ import annotations

import duckdb

from sangkien.store.summary import SUMMARIES, build_summaries

DERIVED = ("initiative_authors", "places", *SUMMARIES)


def derive_tables(con: duckdb.DuckDBPyConnection) -> None:
    for name in DERIVED:
        con.execute(f"drop table if exists {name}")  # noqa: S608 - constant names
    con.execute(
        """
        create table initiative_authors as
        with split as (
            select
                federation_key, parent_key, unit_key, submitted_on, status, field,
                trim(unnest(string_split(replace(authors, ',', ';'), ';'))) as author
            from initiatives
            where authors is not null
        )
        select
            federation_key, parent_key, unit_key, submitted_on, status, field,
            hash(federation_key, parent_key, unit_key, author) as participant_id
        from split
        where author <> ''
        """
    )
    con.execute(
        """
        create table places as
        with counted as (
            select federation_key, federation, parent_key, parent_unit, unit_key, unit, count(*) as n
            from initiatives
            group by all
        ),
        names as (
            select
                federation_key, parent_key, unit_key,
                arg_max(federation, n) over (partition by federation_key) as federation,
                arg_max(parent_unit, n) over (partition by federation_key, parent_key) as parent,
                arg_max(unit, n) over (partition by federation_key, parent_key, unit_key) as unit,
                n
            from counted
        )
        select federation_key, federation, parent_key, parent, unit_key, unit, sum(n) as initiatives
        from names
        group by all
        """
    )
    build_summaries(con)
