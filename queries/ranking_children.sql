-- Ranking of the units directly under one parent: the upper-level units of a federation,
-- or the grassroots unions of an upper-level unit. Units listed under the parent in the
-- units table appear even with no initiatives.
-- Grain: one row per child unit.
-- Parameters: $parent_key (normalised name of the parent), $all_statuses.
-- Ties share a rank (1, 2, 2, 4).
with children_rows as (
    select
        case when federation_key = $parent_key then parent_key else unit_key end as unit_key,
        case when federation_key = $parent_key then parent_unit else unit end as unit
    from initiatives
    where
        ($parent_key = federation_key or $parent_key = parent_key)
        and ($all_statuses or status = 'hợp lệ')
),

counted as (
    select unit_key, mode(unit) as unit, count(*) as initiatives
    from children_rows
    where unit_key is not null
    group by unit_key
),

listed as (
    select unit_key, any_value(unit) as unit, max(quota) as quota, max(commitment) as commitment,
        max(members) as members
    from units
    where parent_key = $parent_key
    group by unit_key
),

combined as (
    select
        coalesce(c.unit_key, l.unit_key) as unit_key,
        coalesce(l.unit, c.unit) as unit,
        coalesce(c.initiatives, 0) as initiatives,
        l.quota,
        l.commitment,
        l.members
    from counted as c
    full outer join listed as l on c.unit_key = l.unit_key
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
        members,
        rank() over (order by initiatives desc) as rank,
        'rows' as source
    from combined
)

select * from final
order by rank, unit
