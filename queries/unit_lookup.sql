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
    -- from the places table (one row per federation, upper-level unit and grassroots union with its
    -- count of rows), written with the version: the most common spelling, weighted by the rows
    select
        'initiatives' as source,
        arg_max(
            case
                when federation_key = $unit_key then federation
                when parent_key = $unit_key then parent
                else unit
            end,
            initiatives
        ) as name,
        case
            when bool_or(federation_key = $unit_key) then 'federation'
            when bool_or(parent_key = $unit_key) then 'upper'
            else 'grassroots'
        end as level,
        arg_max(
            case when parent_key = $unit_key then federation when unit_key = $unit_key then parent end, initiatives
        ) filter (where case when parent_key = $unit_key then federation when unit_key = $unit_key then parent end
            is not null) as parent,
        arg_max(
            case when parent_key = $unit_key then federation_key when unit_key = $unit_key then parent_key end,
            initiatives
        ) filter (where case when parent_key = $unit_key then federation_key when unit_key = $unit_key
            then parent_key end is not null) as parent_key,
        null::bigint as commitment, null::bigint as quota, null::bigint as members, null::date as as_of
    from places
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
