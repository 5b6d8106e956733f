-- Dialogue opinions by channel (văn bản / trực tiếp) and whether answered.
-- Grain: one row.
-- Parameters: none.
with opinions_rows as (
    select * from opinions
),

final as (
    select
        count(*) filter (where channel = 'văn bản') as written,
        count(*) filter (where channel = 'trực tiếp') as direct,
        count(*) filter (where answered) as answered,
        count(*) as total
    from opinions_rows
)

select * from final
