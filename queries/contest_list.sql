-- The contests loaded, with their totals.
-- Grain: one row per contest.
-- Parameters: none.
with results as (
    select * from contest_results
),

final as (
    select
        contest,
        max(year) as year,
        count(distinct trade) as trades,
        count(distinct (trade, contestant, unit)) as contestants,
        count(*) filter (where prize is not null) as winners,
        coalesce(sum(prize_vnd) filter (where prize is not null), 0) as prize_total_vnd
    from results
    group by contest
)

select * from final
order by year desc nulls last, contest
