-- Dialogue opinions by channel (written / direct, bound from ingest.schema) and whether answered.
-- Grain: one row.
-- Parameters: none.
with opinions_rows as (
    select * from opinions
),

final as (
    select
        count(*) filter (where channel = $channel_written) as written,
        count(*) filter (where channel = $channel_direct) as direct,
        count(*) filter (where answered) as answered,
        count(*) as total
    from opinions_rows
)

select * from final
