-- The alias table of a version: other spellings and the unit they stand for.
-- Grain: one row per alias.
-- Parameters: none.
with alias_rows as (
    select alias, unit, parent from aliases
),

final as (
    select * from alias_rows
)

select * from final
order by unit, alias
