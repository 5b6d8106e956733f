-- The places directly under one: upper-level units of a federation, or grassroots unions of an
-- upper-level unit (from the places table derived when the version is written).
-- Grain: one row per child.
-- Parameters: $parent_key.
with children as (
    select
        case when federation_key = $parent_key then parent_key else unit_key end as key,
        any_value(case when federation_key = $parent_key then parent else unit end) as name,
        sum(initiatives) as initiatives
    from places
    where federation_key = $parent_key or parent_key = $parent_key
    group by 1
),

final as (
    select * from children where key is not null
)

select * from final
order by name
