-- Declared benefit by unit under the scope and by field, for a treemap unit → field.
-- Grain: one row per (child unit, field) with a declared value.
-- Parameters: $scope_key (its children are the first level), $start, $end, $all_statuses, $field.
with
-- include: filtered_initiatives

filtered as (
    select *
    from filtered_initiatives
    where benefit_vnd is not null
        and ($scope_key = federation_key or $scope_key = parent_key)
),

final as (
    select
        mode(case when federation_key = $scope_key then parent_unit else unit end) as unit,
        field,
        count(*) as initiatives,
        sum(benefit_vnd) as total_vnd
    from filtered
    group by case when federation_key = $scope_key then parent_key else unit_key end, field
)

select * from final
order by total_vnd desc
