-- Winners and money by prize tier. Tiers and their order are data: a tier ranks by the prize its
-- winners received (largest average first), then by name; tiers nobody won in this contest but that
-- appear in another contest are listed with 0.
-- Grain: one row per tier.
-- Parameters: $contest (null = every contest).
with all_tiers as (
    select prize as tier, avg(prize_vnd) as typical_vnd
    from contest_results
    where prize is not null
    group by prize
),

results as (
    select * from contest_results where ($contest is null or contest = $contest) and prize is not null
),

counted as (
    select prize as tier, count(*) as winners, coalesce(sum(prize_vnd), 0) as prize_total_vnd
    from results
    group by prize
),

final as (
    select
        t.tier,
        row_number() over (order by t.typical_vnd desc nulls last, t.tier) as tier_order,
        coalesce(c.winners, 0) as winners,
        coalesce(c.prize_total_vnd, 0) as prize_total_vnd
    from all_tiers as t
    left join counted as c on c.tier = t.tier
)

select * from final
order by tier_order
