-- Every initiative's declared value (or none), to check the estimate's assumption across versions.
-- Grain: one row per initiative with an id.
-- Parameters: $scope_key, $start, $end, $all_statuses, $field.
with
-- include: scoped_initiatives

final as (
    select id, field, benefit_vnd  -- field NULL: none written
    from scoped_initiatives
    where id is not null
)

select * from final
