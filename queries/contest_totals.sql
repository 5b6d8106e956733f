-- Totals of the loaded contest results (every contest together).
-- Grain: one row. A contestant without a prize did not win.
-- Parameters: none.
with results as (
    select * from contest_results
),

final as (
    select
        count(distinct (contest, trade)) as trades,
        count(distinct (contest, trade, contestant, unit)) as contestants,
        count(*) filter (where prize is not null) as winners,
        sum(prize_vnd) filter (where prize is not null) as prize_total_vnd
    from results
)

select * from final
