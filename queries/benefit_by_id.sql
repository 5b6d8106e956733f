-- Every initiative's declared value (or none), to check the estimate's assumption across versions.
-- Grain: one row per initiative with an id.
-- Parameters: $scope_key, $start, $end, $all_statuses, $field.
with
-- include: scoped_initiatives

final as (
    select id, coalesce(field, 'Chưa ghi lĩnh vực') as field, benefit_vnd
    from scoped_initiatives
    where id is not null
)

select * from final
