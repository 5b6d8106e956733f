-- Works registered by level, with how many are flagship (gắn biển); works without a level are listed.
-- Grain: one row per level (grassroots, upper, null).
-- Parameters: none.
with works_rows as (
    select * from works
),

final as (
    select
        level,
        count(*) as works,
        count(*) filter (where flagship) as flagship,
        sum(value_vnd) as value_vnd
    from works_rows
    group by level
)

select * from final
order by case level when 'grassroots' then 1 when 'upper' then 2 else 3 end
