-- Cumulative initiatives of one union over time.
-- Grain: one row per day with at least one submission.
-- Parameters: $unit_key, $all_statuses.
with scoped as (
    select submitted_on
    from initiatives
    where $unit_key in (unit_key, parent_key, federation_key)
        and ($all_statuses or status = 'hợp lệ')
),

daily as (
    select submitted_on as day, count(*) as initiatives
    from scoped
    group by submitted_on
),

final as (
    select
        day,
        initiatives,
        sum(initiatives) over (order by day) as cumulative
    from daily
)

select * from final
order by day
