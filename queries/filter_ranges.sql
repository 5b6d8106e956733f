-- What the filters can take: the submission period and the fields.
-- Grain: one row per field (first_day and last_day repeat on every row).
-- Parameters: none. Read from summary_federations.
with bounds as (
    select min(day) as first_day, max(day) as last_day from summary_federations where initiatives > 0
),

fields as (
    select field, sum(initiatives)::bigint as initiatives from summary_federations where field is not null group by field
),

final as (
    select b.first_day, b.last_day, f.field, f.initiatives
    from bounds as b
    left join fields as f on true
)

select * from final
order by initiatives desc nulls last, field
