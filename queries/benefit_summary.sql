-- Declared benefit (giá trị làm lợi) of the initiatives in scope: how many declare a value, the total,
-- the largest and the median.
-- Grain: one row.
-- Parameters: $scope_key (a union at any level; null = every row), $start, $end, $all_statuses, $field.
with
-- include: scoped_initiatives

final as (
    select
        count(*) as initiatives,
        count(benefit_vnd) as with_value,
        round(100.0 * count(benefit_vnd) / nullif(count(*), 0), 1) as pct_with_value,
        sum(benefit_vnd) as total_vnd,
        max(benefit_vnd) as max_vnd,
        median(benefit_vnd) as median_vnd,
        count(*) filter (where benefit_vnd >= $big_benefit_vnd) as at_least_3e9
    from scoped_initiatives
)

select * from final
