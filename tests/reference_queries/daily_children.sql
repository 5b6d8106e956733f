-- Daily submissions of each unit directly under one parent (the raw series behind the daily public
-- table and the pace projection). Units of the hierarchy without any submission appear with no rows.
-- Grain: one row per (child unit, day with at least one submission).
-- Parameters: $parent_key, $start, $end, $all_statuses, $field.
with
-- include: filtered_initiatives

children_rows as (
    select
        case when federation_key = $parent_key then parent_key else unit_key end as unit_key,
        case when federation_key = $parent_key then parent_unit else unit end as unit,
        submitted_on
    from filtered_initiatives
    where $parent_key = federation_key or $parent_key = parent_key
),

final as (
    select unit_key, mode(unit) as unit, submitted_on as day, count(*) as initiatives
    from children_rows
    where unit_key is not null
    group by unit_key, submitted_on
)

select * from final
order by unit_key, day
