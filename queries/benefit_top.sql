-- The initiatives with the largest declared benefit.
-- Grain: one row per initiative, at most $limit rows.
-- Parameters: $scope_key, $start, $end, $all_statuses, $field, $limit.
with
-- include: scoped_initiatives

filtered as (
    select *
    from scoped_initiatives
    where benefit_vnd is not null
),

final as (
    select id, title, benefit_vnd, unit, parent_unit, field, authors, submitted_on
    from filtered
    order by benefit_vnd desc, id
    limit $limit
)

select * from final
