-- Declared benefit by field, with the count of initiatives without a value (the estimate's base).
-- Grain: one row per field; initiatives without a field in one row whose field is NULL (the page labels it).
-- Parameters: $scope_key, $start, $end, $all_statuses, $field.
with
-- include: scoped_initiatives

final as (
    select
        field,
        count(*) as initiatives,
        count(benefit_vnd) as with_value,
        count(*) - count(benefit_vnd) as without_value,
        sum(benefit_vnd) as total_vnd,
        median(benefit_vnd) as median_vnd
    from scoped_initiatives
    group by field
)

select * from final
order by total_vnd desc nulls last
