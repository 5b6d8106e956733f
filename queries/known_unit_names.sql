-- Every union name the version already knows: the hierarchy, the reported totals, and the
-- federations and upper-level units named by initiatives. Used for "Có phải là …?" suggestions.
-- Grain: one row per distinct name.
-- Parameters: none.
with names as (
    select unit as name from units
    union
    select parent from units
    union
    select unit from reported_totals
    union
    select federation from initiatives
    union
    select parent_unit from initiatives
),

final as (
    select name from names where name is not null
)

select * from final
order by name
