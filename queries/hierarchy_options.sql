-- The places a user can filter on: federation → upper-level unit → grassroots union.
-- Grain: one row per (federation, upper-level unit, grassroots union) seen in the initiatives.
-- Parameters: none.
with places as (
    select
        federation_key, mode(federation) as federation,
        parent_key, mode(parent_unit) as parent,
        unit_key, mode(unit) as unit,
        count(*) as initiatives
    from initiatives
    group by federation_key, parent_key, unit_key
),

final as (
    select * from places
)

select * from final
order by federation, parent, unit
