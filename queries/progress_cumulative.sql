-- Cumulative initiatives over time of one or several unions (any level).
-- Grain: one row per (unit, day with at least one submission).
-- Parameters: $unit_keys (list of normalised names), $start, $end, $all_statuses, $field.
-- Read from summary_units.
with
-- include: filtered_summary

chosen as (
    select unnest($unit_keys) as unit_key
),

matched as (
    -- one join per level; the hashes let the scans skip the other places (store/summary.py)
    select c.unit_key, f.day, f.initiatives
    from filtered_summary as f
    join chosen as c on f.fed_h = hash(c.unit_key) and f.federation_key = c.unit_key
    union all
    select c.unit_key, f.day, f.initiatives
    from filtered_summary as f
    join chosen as c on f.parent_h = hash(c.unit_key) and f.parent_key = c.unit_key
    union all
    select c.unit_key, f.day, f.initiatives
    from filtered_summary as f
    join (select distinct c.unit_key, hash(p.parent_key) as parent_h from chosen as c join places as p using (unit_key)) as c
        on f.parent_h = c.parent_h and f.unit_key = c.unit_key
),

daily as (
    select unit_key, day, sum(initiatives)::bigint as initiatives
    from matched
    group by unit_key, day
    having sum(initiatives) > 0
),

final as (
    select
        unit_key,
        day,
        initiatives,
        sum(initiatives) over (partition by unit_key order by day) as cumulative
    from daily
)

select * from final
order by unit_key, day
