-- Contest results by trade (nghề): contestants, winners and prize money.
-- Grain: one row per (contest, trade).
-- Parameters: $contest (null = every contest).
with results as (
    select * from contest_results where $contest is null or contest = $contest
),

final as (
    select
        contest,
        trade,
        count(distinct (contestant, unit)) as contestants,
        count(*) filter (where prize is not null) as winners,
        coalesce(sum(prize_vnd) filter (where prize is not null), 0) as prize_total_vnd
    from results
    group by contest, trade
)

select * from final
order by prize_total_vnd desc, trade
