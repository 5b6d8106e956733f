-- Winners by trade × prize tier (zeros included), for a heat map.
-- Grain: one row per (trade, tier).
-- Parameters: $contest (null = every contest).
with results as (
    select * from contest_results where $contest is null or contest = $contest
),

tiers as (
    select prize as tier, avg(prize_vnd) as typical_vnd from contest_results where prize is not null group by prize
),

trades as (
    select distinct trade from results
),

final as (
    select
        tr.trade,
        t.tier,
        row_number() over (partition by tr.trade order by t.typical_vnd desc nulls last, t.tier) as tier_order,
        (select count(*) from results as r where r.trade = tr.trade and r.prize = t.tier) as winners
    from trades as tr
    cross join tiers as t
)

select * from final
order by trade, tier_order
