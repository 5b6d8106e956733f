-- The national race's figures for the federations counted from their rows: the initiatives each
-- had submitted by every frame day (the as-of dates of the reported totals).
-- Grain: one row per (federation with rows, frame day).
-- Parameters: $days (list of dates), $start, $end, $all_statuses, $field.
with
-- include: filtered_initiatives

frames as (
    select unnest($days::date[]) as frame_day
),

rows_in as (
    select federation_key as unit_key, federation as unit, submitted_on
    from filtered_initiatives
    where federation_key is not null
),

names as (
    select unit_key, mode(unit) as unit from rows_in group by unit_key
),

running as (
    select unit_key, day, sum(initiatives) over (partition by unit_key order by day) as cumulative
    from (select unit_key, submitted_on as day, count(*) as initiatives from rows_in group by all)
),

final as (
    -- a federation's total on a frame day is its running total on its last day with rows before it
    select n.unit_key, n.unit, f.frame_day, coalesce(r.cumulative, 0) as cumulative
    from names as n
    cross join frames as f
    asof left join running as r on r.unit_key = n.unit_key and r.day <= f.frame_day
)

select * from final
order by frame_day, unit_key
