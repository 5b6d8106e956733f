-- Initiatives submitted before, inside and after a campaign, with the daily rate of each period.
-- Grain: one row per period that has days in the data; period is a code: 'before', 'inside', 'after'.
-- Parameters: $campaign_start, $campaign_end, $scope_key, $start, $end, $all_statuses, $field.
with
-- include: scoped_initiatives

bounds as (
    select min(submitted_on) as first_day, max(submitted_on) as last_day from scoped_initiatives
),

periods as (
    -- each period is cut to the days the data covers (no period at all when nothing matches)
    select 'before' as period, b.first_day as from_day,
        least($campaign_start::date - 1, b.last_day) as to_day
    from bounds as b
    where b.first_day is not null
    union all
    select 'inside', greatest($campaign_start::date, b.first_day),
        least($campaign_end::date, b.last_day)
    from bounds as b
    where b.first_day is not null
    union all
    select 'after', greatest($campaign_end::date + 1, b.first_day), b.last_day
    from bounds as b
    where b.first_day is not null
),

final as (
    select
        p.period,
        p.from_day,
        p.to_day,
        datediff('day', p.from_day, p.to_day) + 1 as days,
        (select count(*) from scoped_initiatives as f where f.submitted_on between p.from_day and p.to_day) as initiatives
    from periods as p
    where p.to_day >= p.from_day
)

select *, round(initiatives / days, 1) as per_day from final
order by from_day
