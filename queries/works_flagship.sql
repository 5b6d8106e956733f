-- The flagship works (gắn biển) with their unit, level and value.
-- Grain: one row per flagship work.
-- Parameters: none.
with works_rows as (
    select * from works
),

final as (
    select name, level, unit, value_vnd, completed_on
    from works_rows
    where flagship
    order by source_row
)

select * from final
