-- Ranking of the units directly under one parent: the upper-level units of a federation, or the
-- grassroots unions of an upper-level unit. Units listed under the parent in the units table appear
-- even with no initiatives; a unit's reported total (units.reported_initiatives) is kept beside its
-- rows so a large disagreement can be flagged.
-- Grain: one row per child unit.
-- Parameters: $parent_key (normalised name of the parent), $start, $end, $all_statuses, $field.
-- Ties share a rank (1, 2, 2, 4); rank is by initiatives.
-- Read from summary_units (written with the version); participants from its marks, or from
-- initiative_authors when a start date is set. Names are each key's most common spelling (places).
with
-- include: filtered_summary
-- include: filtered_authors

children_rows as (
    -- one branch per level; the hashes let the scan skip the other places (store/summary.py)
    select parent_key as child_key, initiatives, benefit_vnd, new_participants
    from filtered_summary
    where fed_h = hash($parent_key) and federation_key = $parent_key
    union all
    select unit_key as child_key, initiatives, benefit_vnd, new_participants
    from filtered_summary
    where parent_h = hash($parent_key) and parent_key = $parent_key and federation_key is distinct from $parent_key
),

names as (
    select
        case when federation_key = $parent_key then parent_key else unit_key end as unit_key,
        arg_max(case when federation_key = $parent_key then parent else unit end, initiatives) as unit
    from places
    where $parent_key = federation_key or $parent_key = parent_key
    group by 1
),

counted as (
    select
        c.child_key as unit_key,
        any_value(n.unit) as unit,
        sum(c.initiatives)::bigint as initiatives,
        sum(c.benefit_vnd) as benefit_vnd
    from children_rows as c
    left join names as n on n.unit_key = c.child_key
    where c.child_key is not null
    group by c.child_key
    having sum(c.initiatives) > 0
),

participants as (
    select child_key as unit_key, sum(new_participants)::bigint as participants
    from children_rows
    where $start is null
    group by 1
    union all
    select
        case when federation_key = $parent_key then parent_key else unit_key end as unit_key,
        count(distinct participant_id) as participants
    from filtered_authors
    where $start is not null and ($parent_key = federation_key or $parent_key = parent_key)
    group by 1
),

listed as (
    select
        unit_key,
        any_value(unit) as unit,
        max(quota) as quota,
        max(commitment) as commitment,
        max(members) as members,
        max(reported_initiatives) as reported_initiatives
    from units
    where parent_key = $parent_key
    group by unit_key
),

combined as (
    select
        coalesce(c.unit_key, l.unit_key) as unit_key,
        coalesce(l.unit, c.unit) as unit,
        coalesce(c.initiatives, 0) as initiatives,
        coalesce(p.participants, 0) as participants,
        c.benefit_vnd,
        l.quota,
        l.commitment,
        l.members,
        l.reported_initiatives,
        l.unit_key is not null as in_hierarchy
    from counted as c
    full outer join listed as l on c.unit_key = l.unit_key
    left join participants as p on p.unit_key = coalesce(c.unit_key, l.unit_key)
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
        'rows' as source,
        reported_initiatives,
        round(100.0 * (initiatives - reported_initiatives) / nullif(reported_initiatives, 0), 2)
            as diff_from_reported_pct,
        in_hierarchy
    from combined
)

select * from final
order by rank, unit
