-- The winners: trade, prize, name, unit, money — tiers in their data order.
-- Grain: one row per winning contestant.
-- Parameters: $contest (null = every contest).
with tiers as (
    select prize as tier, avg(prize_vnd) as typical_vnd from contest_results where prize is not null group by prize
),

final as (
    select r.contest, r.trade, r.prize, r.contestant, r.unit, r.prize_vnd
    from contest_results as r
    join tiers as t on t.tier = r.prize
    where $contest is null or r.contest = $contest
    order by r.trade, t.typical_vnd desc, r.prize, r.contestant
)

select * from final
