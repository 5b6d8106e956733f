-- Declared benefit by field, with the count of initiatives without a value (the estimate's base).
-- Grain: one row per field.
-- Parameters: $scope_key, $start, $end, $all_statuses, $field.
with filtered as (
    select *
    from initiatives
    where ($start is null or submitted_on >= $start)
        and ($end is null or submitted_on <= $end)
        and ($all_statuses or status = 'hợp lệ')
        and ($field is null or field = $field)
        and ($scope_key is null or $scope_key in (unit_key, parent_key, federation_key))
),

final as (
    select
        coalesce(field, 'Chưa ghi lĩnh vực') as field,
        count(*) as initiatives,
        count(benefit_vnd) as with_value,
        count(*) - count(benefit_vnd) as without_value,
        sum(benefit_vnd) as total_vnd,
        median(benefit_vnd) as median_vnd
    from filtered
    group by coalesce(field, 'Chưa ghi lĩnh vực')
)

select * from final
order by total_vnd desc nulls last
