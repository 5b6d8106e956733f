-- Where a union sits and what it committed to, from every table that names it.
-- Grain: one row per table that knows the unit (source: units, reported_totals, initiatives).
-- Parameters: $unit_key.
with from_units as (
    select
        'units' as source, unit as name, level, parent, parent_key,
        commitment, quota, members, as_of
    from units
    where unit_key = $unit_key
),

from_reported as (
    select
        'reported_totals' as source, unit as name, level, null as parent, null as parent_key,
        commitment, quota, null::bigint as members, as_of
    from reported_totals
    where unit_key = $unit_key
),

from_rows as (
    select
        'initiatives' as source,
        mode(case
            when federation_key = $unit_key then federation
            when parent_key = $unit_key then parent_unit
            else unit
        end) as name,
        case
            when bool_or(federation_key = $unit_key) then 'federation'
            when bool_or(parent_key = $unit_key) then 'upper'
            else 'grassroots'
        end as level,
        mode(case
            when parent_key = $unit_key then federation
            when unit_key = $unit_key then parent_unit
        end) as parent,
        mode(case
            when parent_key = $unit_key then federation_key
            when unit_key = $unit_key then parent_key
        end) as parent_key,
        null::bigint as commitment, null::bigint as quota, null::bigint as members, null::date as as_of
    from initiatives
    where $unit_key in (unit_key, parent_key, federation_key)
    having count(*) > 0
),

final as (
    select * from from_units
    union all by name
    select * from from_reported
    union all by name
    select * from from_rows
)

select * from final
