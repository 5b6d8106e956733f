-- The declared values themselves, for the estimate (used in the app process, never sent to a page).
-- Grain: one row per initiative with a declared value.
-- Parameters: $scope_key, $start, $end, $all_statuses, $field.
with
-- include: scoped_initiatives

filtered as (
    select *
    from scoped_initiatives
    where benefit_vnd is not null
),

final as (
    select field, benefit_vnd from filtered  -- NULL: no field
)

select * from final
