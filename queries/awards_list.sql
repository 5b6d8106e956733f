-- Awards, filterable by body, programme, recipient type and a text found in the recipient or unit.
-- Grain: one row per award.
-- Parameters: $body, $programme, $recipient_type (null = all), $search (null or text, case-insensitive).
with awards_rows as (
    select * from awards
),

final as (
    select body, programme, recipient, recipient_type, unit, decision, decided_on, amount_vnd
    from awards_rows
    where ($body is null or body = $body)
        and ($programme is null or programme = $programme)
        and ($recipient_type is null or recipient_type = $recipient_type)
        and ($search is null or recipient ilike '%' || $search || '%' or unit ilike '%' || $search || '%'
            or strip_accents(lower(recipient)) like '%' || strip_accents(lower($search)) || '%'
            or strip_accents(lower(coalesce(unit, ''))) like '%' || strip_accents(lower($search)) || '%')
    order by source_row
)

select * from final
