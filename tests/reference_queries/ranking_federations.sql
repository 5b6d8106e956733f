-- National ranking of federations and national sector unions.
-- Grain: one row per federation. Reported totals (reported_totals) are replaced by the counts of
-- loaded rows for every federation that has rows (source = 'rows'); the filters apply to rows only.
-- Parameters: $start, $end (submission dates, null = open), $all_statuses (false: only 'hợp lệ'),
-- $field (null = every field).
-- Ties share a rank (1, 2, 2, 4); rank is by initiatives.
with
-- include: filtered_initiatives
-- include: filtered_authors

reported as (
    select
        unit_key,
        any_value(unit) as unit,
        max(initiatives) as reported_initiatives,
        max(participants) as reported_participants,
        max(benefit_vnd) as reported_benefit_vnd,
        max(quota) as quota,
        max(commitment) as commitment,
        max(as_of) as as_of
    from reported_totals
    where coalesce(level, 'federation') = 'federation'
    group by unit_key
),

with_rows as (
    -- a federation with any loaded row is counted from its rows, even when the filters leave none
    select distinct federation_key as unit_key from initiatives where federation_key is not null
),

rows_counted as (
    select
        federation_key as unit_key,
        mode(federation) as unit,
        count(*) as row_initiatives,
        sum(benefit_vnd) as row_benefit_vnd
    from filtered_initiatives
    where federation_key is not null
    group by federation_key
),

row_participants as (
    select federation_key as unit_key, count(distinct participant_id) as row_participants
    from filtered_authors
    where federation_key is not null
    group by federation_key
),

own_targets as (
    select unit_key, max(quota) as quota, max(commitment) as commitment, max(members) as members
    from units
    group by unit_key
),

combined as (
    select
        coalesce(r.unit_key, c.unit_key) as unit_key,
        coalesce(r.unit, c.unit, rn.unit) as unit,
        coalesce(c.row_initiatives, r.reported_initiatives) as initiatives,
        case when c.row_initiatives is not null then 'rows' else 'reported' end as source,
        case when c.row_initiatives is not null then coalesce(p.row_participants, 0) else r.reported_participants end
            as participants,
        case when c.row_initiatives is not null then c.row_benefit_vnd else r.reported_benefit_vnd end
            as benefit_vnd,
        r.reported_initiatives,
        coalesce(o.quota, r.quota) as quota,
        coalesce(o.commitment, r.commitment) as commitment,
        o.members,
        r.as_of
    from reported as r
    full outer join (
        select w.unit_key, c.unit, coalesce(c.row_initiatives, 0) as row_initiatives, c.row_benefit_vnd
        from with_rows as w
        left join rows_counted as c on c.unit_key = w.unit_key
    ) as c on r.unit_key = c.unit_key
    left join row_participants as p on p.unit_key = c.unit_key
    left join (
        select federation_key as unit_key, mode(federation) as unit from initiatives group by federation_key
    ) as rn on rn.unit_key = c.unit_key
    left join own_targets as o on o.unit_key = coalesce(r.unit_key, c.unit_key)
),

final as (
    select
        unit,
        unit_key,
        initiatives,
        participants,
        quota,
        round(100.0 * initiatives / nullif(quota, 0), 1) as pct_of_quota,
        commitment,
        round(100.0 * initiatives / nullif(commitment, 0), 1) as pct_of_commitment,
        members,
        round(100.0 * initiatives / nullif(members, 0), 1) as per_100_members,
        benefit_vnd,
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
