-- Awards, filterable by body, programme, recipient type and a text found in the recipient or unit.
-- Grain: one row per award.
-- Parameters: $body, $programme, $recipient_type (null = all), $search (null or words: each must appear in
-- the recipient or its unit, case, diacritics and đ ignored).
with awards_rows as (
    select * from awards
),

final as (
    select body, programme, recipient, recipient_type, unit, decision, decided_on, amount_vnd
    from awards_rows
    where ($body is null or body = $body)
        and ($programme is null or programme = $programme)
        and ($recipient_type is null or recipient_type = $recipient_type)
        and ($search is null
            -- every word found, case, diacritics and đ ignored: 'ldld hoang mai' finds 'LĐLĐ quận Hoàng Mai'
            or list_bool_and(list_transform(
                string_split(trim(strip_accents(replace(lower($search), 'đ', 'd'))), ' '),
                lambda w: contains(
                    strip_accents(replace(lower(recipient || ' ' || coalesce(unit, '')), 'đ', 'd')), w
                )
            )))
    order by source_row
)

select * from final
