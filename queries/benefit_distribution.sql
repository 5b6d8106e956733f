-- Distribution of declared values on a log scale: four bins per power of ten.
-- Grain: one row per bin with at least one initiative (bin_from, bin_to in đồng).
-- Parameters: $scope_key, $start, $end, $all_statuses, $field.
with
-- include: scoped_initiatives

filtered as (
    select *
    from scoped_initiatives
    where benefit_vnd > 0
),

binned as (
    select floor(log10(benefit_vnd) * 4) / 4 as bin from filtered
),

final as (
    select power(10, bin) as bin_from, power(10, bin + 0.25) as bin_to, count(*) as initiatives
    from binned
    group by bin
)

select * from final
order by bin_from
