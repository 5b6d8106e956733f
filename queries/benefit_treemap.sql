-- Declared benefit by unit under the scope and by field, for a treemap unit → field.
-- Grain: one row per (child unit, field) with a declared value.
-- Parameters: $scope_key (its children are the first level), $start, $end, $all_statuses, $field.
-- Read from summary_units (written with the version); names are each key's most common spelling.
with
-- include: filtered_summary

children_rows as (
    -- one branch per level; the hashes let the scan skip the other places (store/summary.py)
    select parent_key as child_key, field, with_benefit, benefit_vnd
    from filtered_summary
    where fed_h = hash($scope_key) and federation_key = $scope_key and with_benefit > 0
    union all
    select unit_key as child_key, field, with_benefit, benefit_vnd
    from filtered_summary
    where parent_h = hash($scope_key) and parent_key = $scope_key and federation_key is distinct from $scope_key
        and with_benefit > 0
),

names as (
    select
        case when federation_key = $scope_key then parent_key else unit_key end as child_key,
        arg_max(case when federation_key = $scope_key then parent else unit end, initiatives) as unit
    from places
    where $scope_key = federation_key or $scope_key = parent_key
    group by 1
),

final as (
    select
        any_value(n.unit) as unit,
        c.field,  -- NULL: no field (the page labels it)
        sum(c.with_benefit)::bigint as initiatives,
        sum(c.benefit_vnd) as total_vnd
    from children_rows as c
    left join names as n on n.child_key is not distinct from c.child_key
    group by c.child_key, c.field
)

select * from final
order by total_vnd desc
