-- The bar-chart race inside a federation: the cumulative initiatives of each upper-level unit at
-- every frame day, from summary_units (written with the version). Frames run from the first submission to the last, every
-- $step_days days, the last frame on the last day.
-- Grain: one row per (upper-level unit, frame day); a unit appears from its first initiative.
-- Parameters: $parent_key (the federation), $step_days, $start, $end, $all_statuses, $field.
with
-- include: filtered_summary

rows_in as (
    select parent_key as unit_key, day as submitted_on, initiatives
    from filtered_summary
    where fed_h = hash($parent_key) and federation_key = $parent_key and parent_key is not null
        and initiatives > 0
),

daily as (
    select unit_key, submitted_on as day, sum(initiatives) as initiatives
    from rows_in
    group by unit_key, submitted_on
),

running as (
    select unit_key, day, sum(initiatives) over (partition by unit_key order by day) as cumulative
    from daily
),

bounds as (
    select min(submitted_on) as first_day, max(submitted_on) as last_day from rows_in
),

frames as (
    select distinct frame_day
    from (
        select unnest(generate_series(b.first_day, b.last_day, to_days($step_days)))::date as frame_day from bounds as b
        union all
        select last_day from bounds
    )
    where frame_day is not null
),

names as (  -- each upper-level unit's most common spelling (places), for the units with rows
    select p.parent_key as unit_key, arg_max(p.parent, p.initiatives) as unit
    from places as p
    semi join (select distinct unit_key from rows_in) as r on r.unit_key = p.parent_key
    where p.federation_key = $parent_key
    group by p.parent_key
),

grid as (
    select f.frame_day, n.unit_key, n.unit from frames as f cross join names as n
),

final as (
    -- each unit's running total on the last day it had one at or before the frame day
    select g.frame_day, g.unit_key, g.unit, r.cumulative
    from grid as g
    asof join running as r on g.unit_key = r.unit_key and g.frame_day >= r.day
)

select * from final
order by frame_day, cumulative desc, unit
