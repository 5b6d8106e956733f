-- The federations a user can filter on (from the places table derived when the version is written).
-- Grain: one row per federation.
-- Parameters: none.
with federations as (
    select federation_key as key, any_value(federation) as name, sum(initiatives) as initiatives
    from places
    where federation_key is not null
    group by federation_key
),

final as (
    select * from federations
)

select * from final
order by name
