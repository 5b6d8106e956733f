-- The federations' reported totals at each as-of date of one version (the national race reads them
-- from every version up to the one presented).
-- Grain: one row per (federation, as-of date).
-- Parameters: none.
with reported as (
    select unit_key, unit, as_of, initiatives
    from reported_totals
    where coalesce(level, 'federation') = 'federation' and as_of is not null and initiatives is not null
),

final as (
    select unit_key, any_value(unit) as unit, as_of, max(initiatives) as initiatives
    from reported
    group by unit_key, as_of
)

select * from final
order by as_of, unit_key
