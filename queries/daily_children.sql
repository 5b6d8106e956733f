-- Daily submissions of each unit directly under one parent (the raw series behind the daily public
-- table and the pace projection). Units of the hierarchy without any submission appear with no rows.
-- Grain: one row per (child unit, day with at least one submission).
-- Parameters: $parent_key, $start, $end, $all_statuses, $field.
-- Read from summary_units; names are each key's most common spelling (places).
with
-- include: filtered_summary

children_rows as (
    -- one branch per level; the hashes let the scan skip the other places (store/summary.py)
    select parent_key as unit_key, day, initiatives
    from filtered_summary
    where fed_h = hash($parent_key) and federation_key = $parent_key
    union all
    select unit_key, day, initiatives
    from filtered_summary
    where parent_h = hash($parent_key) and parent_key = $parent_key and federation_key is distinct from $parent_key
),

names as (
    select
        case when federation_key = $parent_key then parent_key else unit_key end as unit_key,
        arg_max(case when federation_key = $parent_key then parent else unit end, initiatives) as unit
    from places
    where $parent_key = federation_key or $parent_key = parent_key
    group by 1
),

final as (
    select c.unit_key, any_value(n.unit) as unit, c.day, sum(c.initiatives)::bigint as initiatives
    from children_rows as c
    left join names as n on n.unit_key = c.unit_key
    where c.unit_key is not null
    group by c.unit_key, c.day
    having sum(c.initiatives) > 0
)

select * from final
order by unit_key, day
