-- Awards counted by awarding body, programme and recipient type, values as written.
-- Grain: one row per (body, programme, recipient_type).
-- Parameters: none.
with awards_rows as (
    select * from awards
),

final as (
    select
        body,
        programme,
        recipient_type,
        count(*) as count,
        sum(amount_vnd) as amount_vnd,
        min(source_row) as first_row
    from awards_rows
    group by body, programme, recipient_type
)

select * from final
order by first_row
