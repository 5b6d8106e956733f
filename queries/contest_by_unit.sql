-- Contest winners and prize money by the contestants' unit.
-- Grain: one row per unit with at least one contestant.
-- Parameters: $contest (null = every contest).
with results as (
    select * from contest_results where $contest is null or contest = $contest
),

final as (
    select
        mode(unit) as unit,  -- NULL: no unit written (the page labels it)
        count(*) as contestants,
        count(*) filter (where prize is not null) as winners,
        coalesce(sum(prize_vnd) filter (where prize is not null), 0) as prize_total_vnd
    from results
    group by unit_key
)

select * from final
order by prize_total_vnd desc, winners desc, unit
