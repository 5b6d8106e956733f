-- Declared benefit in bands. The band edges are a setting ($edges, in đồng, any order): a value
-- falls in the band of the largest edge it reaches; band 0 is below the smallest edge.
-- Grain: one row per band that has at least one initiative.
-- Parameters: $edges (list of doubles), $scope_key, $start, $end, $all_statuses, $field.
with
-- include: scoped_initiatives

filtered as (
    select *
    from scoped_initiatives
    where benefit_vnd is not null
),

edges as (
    select unnest(list_sort($edges)) as edge
),

banded as (
    select f.benefit_vnd, (select max(e.edge) from edges as e where f.benefit_vnd >= e.edge) as band_from
    from filtered as f
),

final as (
    select band_from, count(*) as initiatives, sum(benefit_vnd) as total_vnd
    from banded
    group by band_from
)

select * from final
order by band_from desc nulls last
