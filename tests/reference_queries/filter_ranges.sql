-- What the filters can take: the submission period and the fields.
-- Grain: one row per field (first_day and last_day repeat on every row).
-- Parameters: none.
with bounds as (
    select min(submitted_on) as first_day, max(submitted_on) as last_day from initiatives
),

fields as (
    select field, count(*) as initiatives from initiatives where field is not null group by field
),

final as (
    select b.first_day, b.last_day, f.field, f.initiatives
    from bounds as b
    left join fields as f on true
)

select * from final
order by initiatives desc nulls last, field
