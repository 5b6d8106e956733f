-- Cumulative initiatives over time of one or several unions (any level).
-- Grain: one row per (unit, day with at least one submission).
-- Parameters: $unit_keys (list of normalised names), $start, $end, $all_statuses, $field.
with
-- include: filtered_initiatives

chosen as (
    select unnest($unit_keys) as unit_key
),

matched as (
    select c.unit_key, f.submitted_on from filtered_initiatives as f join chosen as c on f.federation_key = c.unit_key
    union all
    select c.unit_key, f.submitted_on from filtered_initiatives as f join chosen as c on f.parent_key = c.unit_key
    union all
    select c.unit_key, f.submitted_on from filtered_initiatives as f join chosen as c on f.unit_key = c.unit_key
),

daily as (
    select unit_key, submitted_on as day, count(*) as initiatives
    from matched
    group by unit_key, submitted_on
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
