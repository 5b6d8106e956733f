-- Daily submissions of each unit directly under one parent (the raw series behind the daily public
-- table and the pace projection). Units of the hierarchy without any submission appear with no rows.
-- Grain: one row per (child unit, day with at least one submission).
-- Parameters: $parent_key, $start, $end, $all_statuses, $field.
with filtered as (
    select *
    from initiatives
    where ($start is null or submitted_on >= $start)
        and ($end is null or submitted_on <= $end)
        and ($all_statuses or status = 'hợp lệ')
        and ($field is null or field = $field)
),

children_rows as (
    select
        case when federation_key = $parent_key then parent_key else unit_key end as unit_key,
        case when federation_key = $parent_key then parent_unit else unit end as unit,
        submitted_on
    from filtered
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
