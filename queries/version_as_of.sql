-- The date a version's figures stand at: the latest of the last submission and the as-of dates of the
-- reported totals and the units table.
-- Grain: one row.
-- Parameters: none.
with dates as (
    select max(day) as day from summary_federations where initiatives > 0
    union all
    select max(as_of) from reported_totals
    union all
    select max(as_of) from units
),

final as (
    select max(day) as as_of from dates
)

select * from final
