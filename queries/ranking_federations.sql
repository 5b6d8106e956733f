-- National ranking of federations and national sector unions.
-- Grain: one row per federation. Reported totals (reported_totals) are replaced by the
-- count of loaded rows for every federation that has rows (source = 'rows').
-- Parameters: $all_statuses (false: only 'hợp lệ' rows are counted).
-- Ties share a rank (1, 2, 2, 4).
with reported as (
    select
        unit_key,
        any_value(unit) as unit,
        max(initiatives) as reported_initiatives,
        max(participants) as reported_participants,
        max(quota) as quota,
        max(commitment) as commitment,
        max(as_of) as as_of
    from reported_totals
    where coalesce(level, 'federation') = 'federation'
    group by unit_key
),

rows_counted as (
    select
        federation_key as unit_key,
        mode(federation) as unit,
        count(*) as row_initiatives
    from initiatives
    where federation_key is not null and ($all_statuses or status = 'hợp lệ')
    group by federation_key
),

own_targets as (
    select unit_key, max(quota) as quota, max(commitment) as commitment
    from units
    group by unit_key
),

combined as (
    select
        coalesce(r.unit_key, c.unit_key) as unit_key,
        coalesce(r.unit, c.unit) as unit,
        coalesce(c.row_initiatives, r.reported_initiatives) as initiatives,
        case when c.row_initiatives is not null then 'rows' else 'reported' end as source,
        r.reported_initiatives,
        coalesce(o.quota, r.quota) as quota,
        coalesce(o.commitment, r.commitment) as commitment,
        r.as_of
    from reported as r
    full outer join rows_counted as c on r.unit_key = c.unit_key
    left join own_targets as o on o.unit_key = coalesce(r.unit_key, c.unit_key)
),

final as (
    select
        unit,
        unit_key,
        initiatives,
        quota,
        round(100.0 * initiatives / nullif(quota, 0), 1) as pct_of_quota,
        commitment,
        round(100.0 * initiatives / nullif(commitment, 0), 1) as pct_of_commitment,
        rank() over (order by initiatives desc) as rank,
        source,
        reported_initiatives,
        round(100.0 * (initiatives - reported_initiatives) / nullif(reported_initiatives, 0), 2)
            as diff_from_reported_pct,
        as_of
    from combined
    where initiatives is not null
)

select * from final
order by rank, unit
