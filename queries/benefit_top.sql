-- The initiatives with the largest declared benefit.
-- Grain: one row per initiative, at most $limit rows.
-- Parameters: $scope_key, $start, $end, $all_statuses, $field, $limit.
with filtered as (
    select *
    from initiatives
    where ($start is null or submitted_on >= $start)
        and ($end is null or submitted_on <= $end)
        and ($all_statuses or status = 'hợp lệ')
        and ($field is null or field = $field)
        and ($scope_key is null or $scope_key in (unit_key, parent_key, federation_key))
        and benefit_vnd is not null
),

final as (
    select id, title, benefit_vnd, unit, parent_unit, field, authors, submitted_on
    from filtered
    order by benefit_vnd desc, id
    limit $limit
)

select * from final
