-- Awards counted by the unit they belong to (a collective's own name when no unit is given).
-- Grain: one row per unit.
-- Parameters: none.
with awards_rows as (
    select coalesce(unit, recipient) as unit_name, coalesce(unit_key, recipient_key) as key, amount_vnd
    from awards
),

final as (
    select mode(unit_name) as unit, count(*) as awards, sum(amount_vnd) as amount_vnd
    from awards_rows
    group by key
)

select * from final
order by awards desc, unit
