-- The declared values themselves, for the estimate (used in the app process, never sent to a page).
-- Grain: one row per initiative with a declared value.
-- Parameters: $scope_key, $start, $end, $all_statuses, $field.
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
    select coalesce(field, 'Chưa ghi lĩnh vực') as field, benefit_vnd from filtered
)

select * from final
